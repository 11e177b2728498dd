# ruff: noqa: S311 - deterministic demo data (random.Random(seed)), never security
"""A plan driven through `reconsideration.services`, step by step as an officer would — the same
plan `seed.bulk` writes in bulk (the parity test compares the two), and the steps the recent demo
cases (`seed.scenarios`) share."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction

from core.workflow import composed
from disputes import services as dispute_services

from .. import numbering, services
from ..choices import (
    DIRECTLY_CORRECTING_OUTCOMES,
    DocumentKind,
    HearingMethod,
    MediationResult,
    NoEvidenceDisposition,
    Procedure,
    TerminationGround,
)
from ..choices import CaseStatus as S
from ..choices import DecisionOutcome as OUT
from .bases import document_basis
from .data import REQUESTS, act_number
from .plan import SETTLED, Plan, wd
from .trial import (
    CORRECTED_REASONING,
    DEPARTURE_REASON,
    NOT_MEDIATED,
    PARTIES,
    PARTIES_HEARD,
    UPHELD_REASONING,
    outcome_words,
)

CORRECTION_ITEMS = "1. 申请人身份证明复印件；\n2. 被申请复议的行政行为的相关材料。"


def doc_number(body, year: int, kind: str) -> str:
    """The next number of a document series of `body` (reconsideration.numbering)."""
    with transaction.atomic():
        return numbering.next_number(body=body, year=year, kind=kind)[1]


def hearing(world, body, case, day, officer, *, attended: bool = True):
    """听证 (复议法第五十条、第五十一条): scheduled with a notice six working days before, then held."""
    panel = [u for u in body.panel if u.pk != officer.pk][:2]
    if len(panel) < 2:
        return None
    notice_sent_on = wd(day, -6)
    held = services.hearing_schedule(
        case=case,
        actor=officer,
        date=day,
        place="行政复议听证室",
        matters="被申请人作出行政行为的事实和证据",
        presiding=world.head,
        officers=panel,
        clerk=officer,
        notice_sent_on=notice_sent_on,
        notice_number=doc_number(body.unit, notice_sent_on.year, DocumentKind.HEARING_NOTICE),
    )
    services.hearing_record(
        hearing=held,
        actor=officer,
        respondent_head_attended=attended,
        respondent_head_absence_reason="" if attended else "负责人公务出差。",
        respondent_delegate="" if attended else "法制科科长",
        record_summary="双方围绕事实认定和法律适用进行了陈述和辩论。",
    )
    return held


def committee(world, body, case, day, officer, *, corrected: bool):
    """行政复议委员会咨询 (复议法第五十二条)."""
    meeting = services.committee_meeting_create(
        actor=officer,
        body=body.unit,
        date=day,
        topic="行政复议委员会案件咨询会",
        place="行政复议委员会会议室",
        chaired_by=world.head,
        members=[world.head, *body.panel[:4]],
        experts=world.experts.get(body.unit.pk, [])[:2],
    )
    services.committee_consult(
        meeting=meeting,
        case=case,
        actor=officer,
        question="被申请人作出的行政行为是否合法、适当",
        opinion="委员会经讨论认为，被申请人作出的行政行为"
        + ("主要事实不清、证据不足。" if corrected else "认定事实清楚，适用依据正确。"),
        majority_view="建议撤销" if corrected else "建议维持",
        votes_for=5,
        votes_against=1,
    )


def conclude_by_agreement(
    world, body, case, outcome, *, held_on, on, officer, agency_changed_act=True, session=True
):
    """调解结案 (复议法第七十三条) or a settled withdrawal (第七十四条), after a mediation session."""
    if session:
        services.mediation_session_record(
            case=case,
            actor=officer,
            held_on=held_on,
            participants_note="申请人、被申请人负责人、承办人",
            result=MediationResult.AGREED if outcome == OUT.MEDIATION else MediationResult.SETTLED,
            note="经释法说理，双方达成一致。",
        )
    if outcome == OUT.MEDIATION:
        return services.case_conclude_by_mediation(
            case=case,
            actor=officer,
            concluded_on=on,
            agreement_summary="被申请人变更原行政行为，申请人放弃其他复议请求。",
            agency_changed_act=True,
            document_number=doc_number(body.unit, on.year, DocumentKind.MEDIATION),
        )
    return services.case_terminate(
        case=case,
        actor=world.head,
        ground=TerminationGround.WITHDRAWN,
        terminated_on=on,
        reasoning="当事人自愿达成和解，申请人撤回行政复议申请。",
        is_settlement=True,
        agency_changed_act=agency_changed_act,
        document_number=doc_number(body.unit, on.year, DocumentKind.TERMINATION),
    )


def decide(
    world,
    body,
    case,
    outcome,
    *,
    drafted_on,
    decided_on,
    officer,
    stop="",
    days=(1, 2),
    mediated=False,
    redo=None,
):
    """The three tiers (复议法第六十一条第一款) and the decision, stopping after `stop` ("draft",
    "submit") if given; `days` are the review's and the submission's days after the draft."""
    head = body.head
    if not mediated:
        services.case_set_mediation(
            case=case, actor=officer, attempted=False, reason_not_attempted=NOT_MEDIATED, on=drafted_on
        )
    if not type(case).objects.filter(pk=case.pk, procedure=Procedure.SIMPLE).exists():
        # 复议法第四十九条: the ordinary procedure hears the parties before the draft
        services.case_hear_parties(
            case=case,
            actor=officer,
            heard_on=drafted_on,
            method=HearingMethod.PHONE,
            parties=PARTIES,
            summary=PARTIES_HEARD,
        )
    text = f"经审查，建议{outcome_words(outcome)}。"
    services.opinion_draft(case=case, actor=officer, text=text, proposed_outcome=outcome, on=drafted_on)
    if stop == "draft":
        return None
    services.opinion_review(
        case=case, actor=head, text="同意承办人意见。", agrees=True, on=drafted_on + timedelta(days=days[0])
    )
    corrected = outcome in DIRECTLY_CORRECTING_OUTCOMES
    # 报请审批 by the handler; the body's head approves it in their own session (docs/workflow.md)
    services.case_submit_for_approval(
        case=case,
        actor=officer,
        on=drafted_on + timedelta(days=days[1]),
        outcome=outcome,
        reasoning=CORRECTED_REASONING if corrected else UPHELD_REASONING,
        legal_basis=document_basis("decision"),
        no_evidence_disposition=NoEvidenceDisposition.REVOKE if outcome == OUT.NO_EVIDENCE else "",
        # 复议法第七十二条第二款: revoking a fine returns the property
        compensation=services.required_compensation(
            case, outcome=outcome, no_evidence_disposition=NoEvidenceDisposition.REVOKE
        ),
        order_redo=(outcome == OUT.REVOKE) if redo is None else redo,
        performance_days=30,
        departure_reason=DEPARTURE_REASON,
    )
    if stop == "submit":
        return None
    return services.case_approve_decision(
        case=case,
        actor=head,
        decided_on=decided_on,
        document_number=doc_number(body.unit, decided_on.year, DocumentKind.DECISION),
    )


# --- a whole plan ----------------------------------------------------------------------------------


def drive_plan(world, plan: Plan):
    """Drive `plan` through the services; returns the case. Extensions are not driven: the
    service dates an extension today (复议法第六十二条第一款 — it is approved now)."""
    with composed():
        case = _register(plan)
        if not _intake(world, plan, case) or plan.status == S.ACCEPTED:
            return case
        _trial(world, plan, case)
        _end(world, plan, case)
    return case


def _register(plan: Plan):
    dispute = dispute_services.dispute_create(
        actor=plan.officer,
        respondent=plan.respondent,
        act_type=plan.act_type,
        sector=plan.sector,
        act_date=plan.act_date,
        act_document_number=act_number(
            plan.respondent, plan.act_type, plan.act_date.year, plan.index % 300 + 1
        ),
        summary=REQUESTS[plan.act_type],
        parties=[plan.party],
    )
    return services.case_register(
        actor=plan.officer,
        body=plan.body.unit,
        dispute=dispute,
        channel=random.Random(plan.index * 7).choice(["in_person", "mail", "online"]),
        received_on=plan.received,
        knew_of_act_on=plan.knew,
        requests=REQUESTS[plan.act_type],
        facts_and_reasons=plan.reason,
        act_amount=plan.amount,
        is_major_difficult_complex=plan.major,
        is_highly_technical=plan.technical,
        handler=None if plan.status == S.RECEIVED else plan.officer,
    )


def _intake(world, plan: Plan, case) -> bool:
    officer = plan.officer
    if plan.correction:
        sent, got, back = plan.correction
        services.case_request_correction(
            case=case, actor=officer, items=CORRECTION_ITEMS, notice_sent_on=sent, applicant_received_on=got
        )
        if back is None:
            return False
        services.case_receive_correction(case=case, actor=officer, received_on=back)
    if plan.status in (S.RECEIVED, S.UNDER_REVIEW):
        return False
    if plan.outcome == OUT.NOT_ACCEPTED:
        services.case_reject(
            case=case,
            actor=officer,
            rejected_on=plan.concluded,
            reasoning="申请人与被申请复议的行政行为没有利害关系，不符合受理条件。",
            document_number=doc_number(plan.body.unit, plan.concluded.year, DocumentKind.NOT_ACCEPTED),
        )
        _served_and_closed(plan, case)
        return False
    if plan.deemed:
        services.case_deem_accepted(case=case, today=plan.accepted)
    else:
        services.case_accept(
            case=case,
            actor=officer,
            accepted_on=plan.accepted,
            procedure=plan.procedure,
            simple_ground=plan.simple_ground,
        )
    return True


def _trial(world, plan: Plan, case) -> None:
    officer, body = plan.officer, plan.body
    if plan.copy_sent:
        services.case_send_copy(
            case=case, actor=officer, sent_on=plan.copy_sent, respondent_received_on=plan.copy_received
        )
    if plan.reply:
        services.case_receive_reply(case=case, actor=officer, received_on=plan.reply, with_evidence=True)
    if plan.suspension:
        ground, suspended_on, resumed_on = plan.suspension
        services.case_suspend(
            case=case,
            actor=officer,
            ground=ground,
            suspended_on=suspended_on,
            reason="需要以相关案件的审理结果为依据。",
            notice_number=doc_number(body.unit, suspended_on.year, DocumentKind.SUSPENSION_NOTICE),
        )
        if resumed_on:
            services.case_resume(
                case=case,
                actor=officer,
                resumed_on=resumed_on,
                notice_number=doc_number(body.unit, resumed_on.year, DocumentKind.RESUMPTION_NOTICE),
            )
    held = plan.mediation_held
    if held is not None and held <= world.today and plan.outcome not in SETTLED:
        services.mediation_session_record(
            case=case,
            actor=officer,
            held_on=held,
            participants_note="申请人、被申请人代表、承办人",
            result=plan.mediation_result,
        )
    if plan.hearing:
        attended = random.Random(plan.index).random() < 0.85
        hearing(world, body, case, plan.hearing, officer, attended=attended)
    if plan.committee:
        committee(
            world, body, case, plan.committee, officer, corrected=plan.outcome in DIRECTLY_CORRECTING_OUTCOMES
        )


def _end(world, plan: Plan, case) -> None:
    body, officer = plan.body, plan.officer
    if plan.outcome in SETTLED and plan.concluded:
        agency_changed = random.Random(plan.index * 3).random() < 0.6
        conclude_by_agreement(
            world,
            body,
            case,
            plan.outcome,
            held_on=plan.mediation_held,
            on=plan.concluded,
            officer=officer,
            agency_changed_act=agency_changed,
        )
        _served_and_closed(plan, case)
        return
    draft_on = plan.draft_day(world.today)
    if draft_on is None:
        return
    stop = {S.DRAFTED: "draft", S.PENDING_APPROVAL: "submit"}.get(plan.status, "")
    redo = plan.outcome == OUT.REVOKE and random.Random(plan.index * 5).random() < 0.5
    decide(
        world,
        body,
        case,
        plan.outcome or OUT.UPHOLD,
        drafted_on=draft_on,
        decided_on=plan.concluded,
        officer=officer,
        stop=stop,
        mediated=plan.mediation_attempted,
        redo=redo,
    )
    if plan.concluded:
        _served_and_closed(plan, case)


def _served_and_closed(plan: Plan, case) -> None:
    if plan.served:
        services.case_record_service(case=case, actor=plan.officer, served_on=plan.served)
    if plan.closed:
        services.case_close(case=case, actor=plan.officer, closed_on=plan.closed)
    if plan.archived:
        services.case_archive(case=case, actor=plan.officer, archived_on=plan.archived)
