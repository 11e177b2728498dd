# ruff: noqa: S311 - deterministic demo data (random.Random(seed)), never security
"""Recent cases driven step by step through the services — every status of the workflow, with its
clocks, events, documents and gates exactly as officers produce them (about forty cases)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from accounts.choices import UnitKind
from core.exceptions import ApplicationError
from disputes import services as dispute_services
from disputes.choices import ActType

from .. import services
from ..choices import DIRECTLY_CORRECTING_OUTCOMES as _CORRECTING
from ..choices import CaseStatus as S
from ..choices import DecisionOutcome as OUT
from ..choices import DocumentKind, IntakeChannel, Procedure, SimpleGround, SuspensionGround
from .data import REQUESTS, SECTOR_BY_ACT, act_number, party, reason
from .drive import CORRECTION_ITEMS, committee, composed, conclude_by_agreement, decide, doc_number, hearing
from .plan import wd
from .world import Body, World


@dataclass(frozen=True)
class Scenario:
    body: str
    status: str
    ago: int  # working days between receipt and today
    act_type: str = ActType.PENALTY
    procedure: str = Procedure.ORDINARY
    outcome: str = OUT.UPHOLD
    major: bool = False
    technical: bool = False
    correction: bool = False
    reply: bool = True
    deemed: bool = False
    suspend_ground: str = ""
    extend: bool = False
    hearing: bool = False
    mediation: bool = False
    settlement: bool = False
    amount: int | None = None


SCENARIOS = [
    Scenario("tsgov", S.RECEIVED, 1),
    Scenario("tsgov", S.UNDER_REVIEW, 2),
    Scenario("tsgov", S.UNDER_REVIEW, 4, act_type=ActType.INFO_DISCLOSURE),
    Scenario("tsgov", S.UNDER_REVIEW, 8),  # review period expired: 视为受理 falls due (beat task)
    Scenario("tsgov", S.AWAITING_CORRECTION, 5, correction=True),
    Scenario("tsgov", S.ABANDONED, 30, correction=True),
    Scenario("tsgov", S.REJECTED, 12),
    Scenario("tsgov", S.ACCEPTED, 4),
    Scenario("tsgov", S.ACCEPTED, 14, deemed=True),
    Scenario("tsgov", S.IN_TRIAL, 12),
    Scenario("tsgov", S.IN_TRIAL, 20, reply=False),
    Scenario("tsgov", S.IN_TRIAL, 10, procedure=Procedure.SIMPLE, act_type=ActType.INFO_DISCLOSURE),
    Scenario("tsgov", S.IN_TRIAL, 30, extend=True, major=True, hearing=True),
    Scenario("tsgov", S.SUSPENDED, 25, suspend_ground=SuspensionGround.MEDIATION),
    Scenario("tsgov", S.DRAFTED, 28, act_type=ActType.EXPROPRIATION),
    Scenario(
        "tsgov",
        S.PENDING_APPROVAL,
        35,
        major=True,
        hearing=True,
        act_type=ActType.EXPROPRIATION,
        outcome=OUT.REVOKE,
    ),
    Scenario("tsgov", S.PENDING_APPROVAL, 33, technical=True, outcome=OUT.CONFIRM_ILLEGAL),
    Scenario("tsgov", S.DECIDED, 36, outcome=OUT.REVOKE, correction=True),
    Scenario("tsgov", S.DECIDED, 38, outcome=OUT.NO_EVIDENCE, reply=False),
    Scenario("tsgov", S.MEDIATED, 30, mediation=True),
    Scenario("tsgov", S.TERMINATED, 26, settlement=True),
    Scenario("tsgov", S.CLOSED, 40, outcome=OUT.UPHOLD),
    Scenario("qzgov", S.UNDER_REVIEW, 1),
    Scenario("qzgov", S.AWAITING_CORRECTION, 6, correction=True),
    Scenario("qzgov", S.IN_TRIAL, 9, procedure=Procedure.SIMPLE, amount=2000),
    Scenario("qzgov", S.SUSPENDED, 30, suspend_ground=SuspensionGround.APPLICANT_DIED),
    Scenario("qzgov", S.DRAFTED, 25),
    Scenario("qzgov", S.PENDING_APPROVAL, 32, outcome=OUT.VARY),
    Scenario("qzgov", S.DECIDED, 40, outcome=OUT.UPHOLD),
    Scenario("mjgov", S.UNDER_REVIEW, 3, act_type=ActType.LICENSING),
    Scenario("mjgov", S.IN_TRIAL, 15, act_type=ActType.NONPERFORMANCE),
    Scenario("mjgov", S.PENDING_APPROVAL, 34, outcome=OUT.ORDER_PERFORM, act_type=ActType.NONPERFORMANCE),
    Scenario("mjgov", S.MEDIATED, 28, mediation=True, act_type=ActType.COERCION),
    Scenario("qagov", S.IN_TRIAL, 18),
    Scenario("gggov", S.DECIDED, 39, outcome=OUT.CONFIRM_ILLEGAL),
    Scenario("wsgov", S.UNDER_REVIEW, 2),
    Scenario("zjcgov", S.IN_TRIAL, 14, act_type=ActType.CONFIRMATION),
    Scenario("qsgov", S.DRAFTED, 24),
]


def seed_recent(world: World, stdout) -> int:
    done = 0
    for i, scenario in enumerate(SCENARIOS):
        body = world.bodies.get(scenario.body)
        if body is None:
            continue
        try:
            with composed():
                _drive(world, body, scenario, random.Random(10_000 + i))
            done += 1
        except ApplicationError as exc:  # a calendar edge on an unusual "today": skip that one
            stdout.write(
                _("跳过演示案件（%(status)s）：%(why)s") % {"status": S(scenario.status).label, "why": exc}
            )
    return done


def _register(world: World, body: Body, sc: Scenario, rng: random.Random):
    officer = body.officers[0]
    respondent = rng.choice(
        [r for r in body.respondents if r.kind != UnitKind.GOVERNMENT] or body.respondents
    )
    received = wd(world.today, -sc.ago)
    knew = received - timedelta(days=rng.randrange(5, 40))
    act_date = knew - timedelta(days=rng.randrange(0, 5))
    dispute = dispute_services.dispute_create(
        actor=officer,
        respondent=respondent,
        act_type=sc.act_type,
        sector=rng.choice(SECTOR_BY_ACT[sc.act_type]),
        act_date=act_date,
        act_document_number=act_number(respondent, sc.act_type, act_date.year, rng.randrange(1, 300)),
        summary=REQUESTS[sc.act_type],
        parties=[party(rng)],
    )
    return services.case_register(
        actor=officer,
        body=body.unit,
        dispute=dispute,
        channel=rng.choice([IntakeChannel.IN_PERSON, IntakeChannel.MAIL, IntakeChannel.ONLINE]),
        received_on=received,
        knew_of_act_on=knew,
        requests=REQUESTS[sc.act_type],
        facts_and_reasons=reason(rng, sc.act_type),
        act_amount=Decimal(sc.amount) if sc.amount is not None else None,
        is_major_difficult_complex=sc.major,
        is_highly_technical=sc.technical,
        hearing_requested=sc.hearing and not sc.major,
        handler=None if sc.status == S.RECEIVED else officer,
    )


def _drive(world: World, body: Body, sc: Scenario, rng: random.Random):
    case = _register(world, body, sc, rng)
    if sc.status in (S.RECEIVED, S.UNDER_REVIEW):
        return case
    if not _intake(world, body, sc, case) or sc.status == S.ACCEPTED:
        return case
    case.refresh_from_db()
    if not _trial(world, body, sc, case) or sc.status == S.IN_TRIAL:
        return case
    return _conclude(world, body, sc, case)


def _intake(world: World, body: Body, sc: Scenario, case) -> bool:
    """Correction, rejection or acceptance; False when the scenario stops before acceptance."""
    officer, today = body.officers[0], world.today
    start = case.received_on
    if sc.correction:
        received = case.received_on
        services.case_request_correction(
            case=case,
            actor=officer,
            items=CORRECTION_ITEMS,
            notice_sent_on=wd(received, 1),
            applicant_received_on=wd(received, 2),
        )
        if sc.status == S.AWAITING_CORRECTION:
            return False
        if sc.status == S.ABANDONED:
            services.case_deem_abandoned(case=case, today=today)
            return False
        start = wd(received, 4)
        services.case_receive_correction(case=case, actor=officer, received_on=start)
    if sc.status == S.REJECTED:
        on = wd(start, 3)
        services.case_reject(
            case=case,
            actor=officer,
            rejected_on=on,
            reasoning="申请人与被申请复议的行政行为没有利害关系，不符合《行政复议法》第三十条第一款第二项规定的受理条件。",
            document_number=doc_number(body.unit, on.year, DocumentKind.NOT_ACCEPTED),
        )
        return False
    if sc.deemed:
        services.case_deem_accepted(case=case, today=today)
        return True
    simple_ground = ""
    if sc.procedure == Procedure.SIMPLE:
        simple_ground = (
            SimpleGround.INFO_DISCLOSURE
            if sc.act_type == ActType.INFO_DISCLOSURE
            else SimpleGround.SMALL_AMOUNT
        )
    services.case_accept(
        case=case,
        actor=officer,
        accepted_on=wd(start, 2),
        procedure=sc.procedure,
        simple_ground=simple_ground,
    )
    return True


def _trial(world: World, body: Body, sc: Scenario, case) -> bool:
    """The respondent's copy and reply, extension, hearing, committee; False when suspended or
    concluded by agreement."""
    officer, today, accepted = body.officers[0], world.today, case.accepted_on
    services.case_send_copy(
        case=case, actor=officer, sent_on=wd(accepted, 1), respondent_received_on=wd(accepted, 2)
    )
    if sc.reply:
        services.case_receive_reply(case=case, actor=officer, received_on=wd(accepted, 6), with_evidence=True)
    if sc.extend:
        # 报请延期 by the handler, approved by the body's head in their own session
        services.case_request_extension(
            case=case,
            actor=officer,
            days=30,
            reference=doc_number(body.unit, min(wd(accepted, 10), today).year, DocumentKind.EXTENSION_NOTICE),
            reason="案情复杂，需要进一步调查核实。",
            on=min(wd(accepted, 10), today),
        )
        # 复议法第六十二条第一款: approved within the period
        services.case_approve_extension(case=case, actor=body.head, on=min(wd(accepted, 10), today))
    if sc.hearing and wd(accepted, 14) <= today:
        hearing(world, body, case, wd(accepted, 14), officer)
    if (sc.major or sc.technical) and wd(accepted, 16) <= today:
        committee(world, body, case, wd(accepted, 16), officer, corrected=sc.outcome in _CORRECTING)
    if sc.suspend_ground:
        mediation = sc.suspend_ground == SuspensionGround.MEDIATION
        services.case_suspend(
            case=case,
            actor=officer,
            ground=sc.suspend_ground,
            suspended_on=wd(accepted, 8),
            reason="当事人正在协商和解。" if mediation else "申请人死亡，其近亲属尚未确定是否参加。",
            notice_number=doc_number(body.unit, today.year, DocumentKind.SUSPENSION_NOTICE),
        )
        return False
    if sc.mediation or sc.settlement:
        outcome = OUT.MEDIATION if sc.mediation else OUT.TERMINATION
        conclude_by_agreement(
            world, body, case, outcome, held_on=wd(accepted, 10), on=wd(accepted, 12), officer=officer
        )
        return False
    return True


def _conclude(world: World, body: Body, sc: Scenario, case):
    """Draft, review, submission, decision and closing, each as far as the scenario's status."""
    officer, today = body.officers[0], world.today
    drafted_on = min(wd(case.accepted_on, 20), wd(today, -3))
    stop = {S.DRAFTED: "draft", S.PENDING_APPROVAL: "submit", S.DECIDED: "decide"}.get(sc.status, "")
    decide(world, body, case, sc.outcome, drafted_on=drafted_on, decided_on=today, officer=officer, stop=stop)
    if sc.status == S.CLOSED:
        services.case_close(case=case, actor=officer, closed_on=today, served_on=today)
    return case
