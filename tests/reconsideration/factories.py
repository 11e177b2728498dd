"""Reconsideration cases for tests and for the pages' tests: built through the services, so a case at
a given status has exactly the clocks, events and records the real workflow gives it.

    case = case_at(CaseStatus.IN_TRIAL, officer=users.fuyi, head=users.fuyi_head,
                   body=tree.city, respondent=tree.city_market)

Dates default to a past week (received Mon 2025-03-03), because the services refuse future dates.
"""

from __future__ import annotations

from datetime import date, timedelta

from accounts.choices import Role, UnitKind
from accounts.models import User
from deadlines.calendar import add_workdays
from deadlines.clocks import latest_clock
from disputes.choices import ActType
from reconsideration import services
from reconsideration.choices import (
    CaseStatus,
    DecisionOutcome,
    IntakeChannel,
    MediationResult,
    NoEvidenceDisposition,
    Procedure,
    SuspensionGround,
    TerminationGround,
)
from reconsideration.models import ReconsiderationCase, SignerAuthorisation

from ..accounts.factories import UserFactory
from ..disputes.factories import DisputeFactory, PartyFactory

RECEIVED = date(2025, 3, 3)  # a Monday; the 5-working-day review ends Mon 2025-03-10


def make_dispute(*, respondent, act_date: date, act_type: str = ActType.PENALTY, claimant: str = "张三"):
    """A dispute with one claimant (the applicant), straight into the tables."""
    dispute = DisputeFactory(respondent=respondent, act_date=act_date, act_type=act_type)
    PartyFactory(dispute=dispute, name=claimant)
    return dispute


def register_case(
    *,
    actor,
    body,
    respondent,
    received_on: date = RECEIVED,
    knew_of_act_on: date | None = None,
    act_date: date | None = None,
    act_type: str = ActType.PENALTY,
    dispute=None,
    channel: str = IntakeChannel.IN_PERSON,
    **kwargs,
):
    """`services.case_register` with plausible defaults (knew of the act 10 days before receipt)."""
    knew_of_act_on = knew_of_act_on or received_on - timedelta(days=10)
    act_date = act_date or knew_of_act_on
    dispute = dispute or make_dispute(respondent=respondent, act_date=act_date, act_type=act_type)
    return services.case_register(
        actor=actor,
        body=body,
        dispute=dispute,
        channel=channel,
        received_on=received_on,
        knew_of_act_on=knew_of_act_on,
        act_date=act_date,
        act_type=act_type,
        respondent=respondent,
        requests="撤销被申请人作出的行政处罚决定。",
        facts_and_reasons="被申请人认定事实不清，适用法律错误。",
        **kwargs,
    )


def due(record, rule_code: str) -> date:
    """The due date of the newest clock of `rule_code` on `record` (open, met or missed)."""
    clock = latest_clock(record, rule_code)
    assert clock is not None, f"no {rule_code} clock"
    return clock.due_date


def case_at(
    status: str,
    *,
    officer,
    head,
    body,
    respondent,
    received_on: date = RECEIVED,
    procedure: str = Procedure.ORDINARY,
    simple_ground: str = "",
    outcome: str = DecisionOutcome.UPHOLD,
    reply: bool = True,
    **register_kwargs,
):
    """A case driven through the services to `status` (officer = handler, head = 复议机构负责人).

    Step dates: accepted 2 working days after receipt, copy sent the next working day and received
    the one after, reply 3 working days later; decision 40 days after acceptance. With reply=False
    the respondent never replies, so only 第七十条 outcomes remain (pass outcome=NO_EVIDENCE).
    """
    S = CaseStatus
    head = body_head(body, head)
    handler = None if status == S.RECEIVED else officer
    if not reply and outcome not in (DecisionOutcome.NO_EVIDENCE, DecisionOutcome.DISMISS_APPLICATION):
        outcome = DecisionOutcome.NO_EVIDENCE  # 复议法第七十条: what is left when no reply came
    case = register_case(
        actor=officer,
        body=body,
        respondent=respondent,
        received_on=received_on,
        handler=handler,
        **register_kwargs,
    )
    if status in (S.RECEIVED, S.UNDER_REVIEW):
        return case
    if status in (S.AWAITING_CORRECTION, S.ABANDONED):
        services.case_request_correction(
            case=case,
            actor=officer,
            items="请补充提交行政处罚决定书复印件。",
            notice_sent_on=received_on,
            applicant_received_on=received_on,
        )
        if status == S.ABANDONED:
            services.case_deem_abandoned(case=case, today=received_on + timedelta(days=60))
        return _fresh(case)
    if status == S.REJECTED:
        services.case_reject(
            case=case,
            actor=officer,
            rejected_on=add_workdays(received_on, 1),
            reasoning="不属于行政复议范围。",
        )
        return _fresh(case)

    accepted_on = add_workdays(received_on, 2)
    services.case_accept(
        case=case, actor=officer, accepted_on=accepted_on, procedure=procedure, simple_ground=simple_ground
    )
    if status == S.ACCEPTED:
        return _fresh(case)
    copy_on = add_workdays(accepted_on, 1)
    received_copy_on = add_workdays(copy_on, 1)
    services.case_send_copy(
        case=case, actor=officer, sent_on=copy_on, respondent_received_on=received_copy_on
    )
    if reply:
        services.case_receive_reply(
            case=case, actor=officer, received_on=add_workdays(received_copy_on, 3), with_evidence=True
        )
    if status == S.IN_TRIAL:
        return _fresh(case)
    step_on = add_workdays(received_copy_on, 4)
    if status == S.SUSPENDED:
        services.case_suspend(
            case=case,
            actor=officer,
            ground=SuspensionGround.FORCE_MAJEURE,
            suspended_on=step_on,
            reason="申请人住院治疗。",
        )
        return _fresh(case)
    if status == S.MEDIATED:
        services.mediation_session_record(
            case=case,
            actor=officer,
            held_on=step_on,
            participants_note="申请人、被申请人",
            result=MediationResult.AGREED,
        )
        services.case_conclude_by_mediation(
            case=case,
            actor=officer,
            concluded_on=step_on,
            agreement_summary="被申请人减少罚款数额。",
            agency_changed_act=True,
        )
        return _fresh(case)
    if status == S.TERMINATED:
        services.case_terminate(
            case=case,
            actor=head,
            ground=TerminationGround.WITHDRAWN,
            terminated_on=step_on,
            reasoning="申请人撤回申请。",
        )
        return _fresh(case)

    services.case_set_mediation(
        case=case, actor=officer, attempted=False, reason_not_attempted="申请人明确拒绝调解。", on=step_on
    )
    if procedure == Procedure.ORDINARY:  # 复议法第四十九条: the ordinary procedure hears the parties
        services.case_hear_parties(
            case=case,
            actor=officer,
            heard_on=step_on,
            method="phone",
            parties="申请人",
            summary="申请人坚持复议请求。",
        )
    services.opinion_draft(case=case, actor=officer, text="建议维持。", proposed_outcome=outcome, on=step_on)
    if status == S.DRAFTED:
        return _fresh(case)
    review_on = add_workdays(step_on, 2)
    services.opinion_review(case=case, actor=head, text="同意。", agrees=True, on=review_on)
    decided_on = accepted_on + timedelta(days=40)
    # without a reply, the decision is submitted once the respondent's reply period has run out
    # (复议法第四十八条、第七十条)
    services.case_submit_for_approval(
        case=case,
        actor=officer,
        on=decided_on if outcome == DecisionOutcome.NO_EVIDENCE or not reply else review_on,
        outcome=outcome,
        reasoning="经审查。",  # the documents fall back to the record (reconsideration/documents.py)
        no_evidence_disposition=NoEvidenceDisposition.REVOKE
        if outcome == DecisionOutcome.NO_EVIDENCE
        else "",
    )
    if status == S.PENDING_APPROVAL:
        return _fresh(case)
    approve_decision(case, head=head, decided_on=decided_on)
    if status == S.DECIDED:
        return _fresh(case)
    served_on = decided_on + timedelta(days=3)
    services.case_close(case=case, actor=officer, closed_on=served_on, served_on=served_on)
    if status == S.CLOSED:
        return _fresh(case)
    services.case_archive(
        case=case, actor=officer, archived_on=served_on + timedelta(days=1), archive_number="A-1"
    )
    return _fresh(case)


def body_head(body, head):
    """The 复议机构负责人 who approves cases of `body`: `head` when it is theirs, else the head of the
    body's own justice bureau (created once) — a county's cases go to the county's head."""
    if services.can_approve(head, ReconsiderationCase(org_unit=body)):
        return head
    justice = body.children.filter(kind=UnitKind.JUSTICE).first()
    existing = User.objects.filter(unit=justice, groups__name=Role.RECON_HEAD.value).first()
    return existing or UserFactory(username=f"head_{body.short_code}", unit=justice, roles=[Role.RECON_HEAD])


def authorise_signer(head, body, *, valid_from: date = date(2020, 1, 1)):
    """The body authorises its 复议机构负责人 `head` to sign decisions (复议法第六十一条第一款)."""
    existing = SignerAuthorisation.objects.filter(body=body, authorised=head).first()
    return existing or SignerAuthorisation.objects.create(body=body, authorised=head, valid_from=valid_from)


def approve_decision(case, *, head, decided_on: date, **kwargs):
    """The head approves the submitted decision in their own session (signing, once authorised)."""
    head = body_head(case.org_unit, head)
    authorise_signer(head, case.org_unit)
    return services.case_approve_decision(case=case, actor=head, decided_on=decided_on, **kwargs)


def submit_and_approve(case, *, officer, head, outcome: str, decided_on: date, submitted_on=None, **kwargs):
    """报请审批 by the officer, then 批准 by the head: the decision takes effect (the case must be 拟决定
    with the office's review of the latest draft)."""
    approve_keys = ("collective_discussion_on", "collective_participants", "document_number")
    approve_kwargs = {k: kwargs.pop(k) for k in approve_keys if k in kwargs}
    services.case_submit_for_approval(
        case=case, actor=officer, on=submitted_on or decided_on, outcome=outcome, **kwargs
    )
    return approve_decision(case, head=head, decided_on=decided_on, **approve_kwargs)


def request_and_approve_extension(
    case, *, officer, head, days: int, reason: str = "案情复杂。", reference="", on=None
):
    """报请延期 by the officer, 批准延期 by the head on `on` (default today; 复议法第六十二条第一款 wants
    it within the period): returns the extended decision clock."""
    services.case_request_extension(
        case=case, actor=officer, days=days, reason=reason, reference=reference, on=on
    )
    return services.case_approve_extension(case=case, actor=head, on=on)


def _fresh(case):
    case.refresh_from_db()
    return case
