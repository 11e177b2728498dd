"""Findings of the law-correctness review of the reconsideration mechanism (复议法 2023), each pinned
by a case worked out by hand from the holiday table in docs/law/counting.md."""

from datetime import date

import pytest

from core.exceptions import ApplicationError
from deadlines.clocks import open_clock
from deadlines.services import deadline_cancel
from reconsideration import deadlines as rules
from reconsideration import selectors, services
from reconsideration.choices import CaseStatus, CorrectionKind, DecisionOutcome, TerminationGround

from .factories import approve_decision, authorise_signer, case_at

pytestmark = pytest.mark.django_db


def _case(staff, status, **kwargs):
    return case_at(
        status, officer=staff.officer, head=staff.head, body=staff.body, respondent=staff.respondent, **kwargs
    )


# --- 间接纠错 only for a withdrawal (复议法第七十四条、第四十一条第一项; docs/indicators.md) -----------


@pytest.mark.parametrize(
    "ground",
    [
        TerminationGround.APPLICANT_DIED,
        TerminationGround.APPLICANT_ORG_ENDED,
        TerminationGround.CRIMINAL_MEASURES,
    ],
)
def test_termination_on_a_ground_other_than_withdrawal_is_never_an_indirect_correction(staff, ground):
    case = _case(staff, CaseStatus.IN_TRIAL)
    with pytest.raises(ApplicationError, match="第四十一条第一项") as exc:
        services.case_terminate(
            case=case,
            actor=staff.head,
            ground=ground,
            terminated_on=date(2025, 3, 20),
            reasoning="申请人死亡，无近亲属。",
            agency_changed_act=True,
        )
    assert exc.value.field == "agency_changed_act"
    decision = services.case_terminate(
        case=case,
        actor=staff.head,
        ground=ground,
        terminated_on=date(2025, 3, 20),
        reasoning="申请人死亡，无近亲属。",
    )
    assert decision.correction_kind == CorrectionKind.NONE
    assert (decision.is_directly_corrected, decision.is_indirectly_corrected) == (False, False)


# --- 法定期限内办结率 = concluded within the period ÷ concluded (docs/indicators.md) ------------------


def test_on_time_rate_divides_by_every_concluded_case(staff):
    # Decided case: received Mon 2025-03-03, accepted Wed 03-05, decided 04-14 (40 days), due 05-06.
    _case(staff, CaseStatus.DECIDED, outcome=DecisionOutcome.UPHOLD)
    # A case whose decision clock was cancelled before it concluded: not shown to be on time.
    untracked = _case(staff, CaseStatus.IN_TRIAL)
    deadline_cancel(deadline=open_clock(untracked, rules.DECISION), reason="录入错误", actor=staff.head)
    services.case_terminate(
        case=untracked,
        actor=staff.head,
        ground=TerminationGround.WITHDRAWN,
        terminated_on=date(2025, 3, 20),
        reasoning="申请人撤回申请。",
    )
    stats = selectors.statistics(user=staff.officer, start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert (stats.concluded, stats.on_time, stats.late) == (2, 1, 0)
    assert stats.on_time_rate == 50  # 1 ÷ 2, not 1 ÷ 1


# --- 视为受理 on the expiry day, applied the day after (复议法第三十条第三款) ----------------------------


def test_deemed_acceptance_is_dated_the_expiry_day_and_applied_only_after_it(staff):
    # Received Wed 2025-10-01 (国庆节). 5 working days: Thu 10-09 (1), Fri 10-10 (2), Sat 10-11 调休上班
    # (3), Mon 10-13 (4), Tue 10-14 (5) → the review period expires Tue 2025-10-14.
    case = _register(staff, received_on=date(2025, 10, 1))
    assert open_clock(case, rules.ACCEPTANCE_REVIEW).due_date == date(2025, 10, 14)
    assert services.case_deem_accepted(case=case, today=date(2025, 10, 14)) is None  # still may refuse
    case = services.case_deem_accepted(case=case, today=date(2025, 10, 15))
    assert (case.status, case.accepted_on, case.is_deemed_accepted) == (
        CaseStatus.ACCEPTED,
        date(2025, 10, 14),
        True,
    )
    # Decision: 10-14 + 60 = Sat 2025-12-13 → Mon 2025-12-15. Copy: 7 working days → Thu 2025-10-23.
    assert open_clock(case, rules.DECISION).due_date == date(2025, 12, 15)
    assert open_clock(case, rules.COPY).due_date == date(2025, 10, 23)


# --- 延长补正期限 (复议法第三十一条第二款; [our rule] ≤ 10 working days, office head approves) -------------


def _register(staff, **kwargs):
    from .factories import register_case

    return register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, handler=staff.officer, **kwargs
    )


def _awaiting_correction(staff):
    # Received Mon 2025-09-15; notice sent Tue 09-16, received by the applicant Thu 09-18. 10 working
    # days: Fri 09-19 (1), 09-22…09-26 (2–6), Sun 09-28 调休上班 (7), 09-29 (8), 09-30 (9), then the
    # 国庆节 holiday 10-01…10-08, Thu 10-09 (10) → due Thu 2025-10-09.
    case = _register(staff, received_on=date(2025, 9, 15))
    services.case_request_correction(
        case=case,
        actor=staff.officer,
        items="请补充提交行政处罚决定书复印件。",
        notice_sent_on=date(2025, 9, 16),
        applicant_received_on=date(2025, 9, 18),
    )
    assert open_clock(case, rules.CORRECTION_REPLY).due_date == date(2025, 10, 9)
    return case


def test_correction_period_extension_moves_the_due_date_and_deemed_abandonment(staff):
    case = _awaiting_correction(staff)
    clock = services.case_extend_correction(
        case=case,
        actor=staff.head,  # four eyes: the head approves in their own session
        days=3,
        reference="天复补延〔2025〕1号",
        reason="申请人住院治疗，无法按期提交材料。",
        approved_by=staff.head,
        approved_on=date(2025, 10, 9),  # approved within the period (docs/law/counting.md, rule 7)
    )
    # 10-09 + 3 working days: Fri 10-10 (1), Sat 10-11 调休上班 (2), Mon 10-13 (3).
    assert (clock.due_date, clock.extension_days) == (date(2025, 10, 13), 3)
    assert any("本系统规则" in line for line in clock.trace)
    # 视为放弃 only after the extended period: nothing on 10-13, the day after it lapses.
    assert services.case_deem_abandoned(case=case, today=date(2025, 10, 13)) is None
    case = services.case_deem_abandoned(case=case, today=date(2025, 10, 14))
    assert (case.status, case.concluded_on) == (CaseStatus.ABANDONED, date(2025, 10, 14))


def test_correction_period_extension_needs_the_head_a_notice_and_stays_within_10_working_days(staff):
    case = _awaiting_correction(staff)
    # approved within the period (docs/law/counting.md, rule 7)
    kwargs = {
        "case": case,
        "actor": staff.head,  # four eyes: the head approves in their own session
        "reason": "申请人住院治疗。",
        "approved_on": date(2025, 10, 9),
    }
    with pytest.raises(ApplicationError, match="负责人批准"):  # the handler cannot approve it
        services.case_extend_correction(
            **{**kwargs, "actor": staff.officer}, days=3, reference="文号1", approved_by=staff.officer
        )
    with pytest.raises(ApplicationError, match="书面"):
        services.case_extend_correction(**kwargs, days=3, reference="", approved_by=staff.head)
    services.case_extend_correction(**kwargs, days=8, reference="文号1", approved_by=staff.head)
    with pytest.raises(ApplicationError, match="累计最多不得超过10日"):
        services.case_extend_correction(**kwargs, days=3, reference="文号2", approved_by=staff.head)
    # 10-09 + 8 working days: 10-10 (1), Sat 10-11 调休上班 (2), 10-13…10-17 (3–7), Mon 10-20 (8).
    assert open_clock(case, rules.CORRECTION_REPLY).due_date == date(2025, 10, 20)
    clock = services.case_extend_correction(**kwargs, days=2, reference="文号2", approved_by=staff.head)
    # + 2 more: Tue 10-21, Wed 10-22 — 10 working days in all.
    assert (clock.due_date, clock.extension_days) == (date(2025, 10, 22), 10)


def test_major_case_cannot_use_the_simplified_procedure_on_an_art_53_1_ground(staff):
    """复议法第五十三条第一款 requires 争议不大; a 重大、疑难、复杂 case is not, whatever its amount."""
    from core.exceptions import GateError
    from reconsideration import services
    from reconsideration.choices import Procedure, SimpleGround
    from tests.reconsideration.factories import register_case

    case = register_case(
        actor=staff.officer,
        body=staff.body,
        respondent=staff.respondent,
        handler=staff.officer,
        act_amount=500,
        is_major_difficult_complex=True,
    )
    with pytest.raises(GateError, match="第五十三条第一款"):
        services.case_accept(
            case=case,
            actor=staff.officer,
            accepted_on=case.received_on,
            procedure=Procedure.SIMPLE,
            simple_ground=SimpleGround.SMALL_AMOUNT,
        )


def test_the_body_head_may_sign_the_decision_and_an_officer_may_not(staff, users):
    """复议法第六十一条第一款: 经行政复议机关的负责人同意. The leader of 天水市人民政府 (the body) signs;
    an ordinary officer of the justice bureau cannot."""
    from core.exceptions import GateError
    from reconsideration.services import can_sign_decision, signers_of

    case = case_at(
        CaseStatus.PENDING_APPROVAL,
        officer=staff.officer,
        head=staff.head,
        body=staff.body,
        respondent=staff.respondent,
    )
    assert users.leader.unit == staff.body and users.leader.is_unit_leader
    assert can_sign_decision(users.leader, case)
    assert not can_sign_decision(staff.head, case)  # not without the body's authorisation (a record)
    authorise_signer(staff.head, staff.body)
    assert can_sign_decision(staff.head, case)
    assert not can_sign_decision(staff.officer, case)
    assert users.leader in signers_of(case)
    with pytest.raises(GateError, match="第六十一条"):  # the signer is the approver, never picked
        services.case_decide(
            case=case,
            actor=staff.head,
            outcome=DecisionOutcome.UPHOLD,
            decided_on=case.accepted_on,
            reasoning="事实清楚。",
            legal_basis="《行政复议法》第六十八条",
            signed_by=users.leader,
        )
    decision = approve_decision(case, head=staff.head, decided_on=date(2025, 4, 15))
    assert decision.signed_by == staff.head
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED


def test_case_clocks_move_only_through_the_case_workflow(staff, client):
    """A case's 复议决定期限 cannot be cancelled, suspended or extended from the deadline page: that would
    bypass 复议法第三十九条 (grounds), 第六十二条 (approver, notice) and the case's own timeline."""
    from django.urls import reverse

    case = case_at(
        CaseStatus.IN_TRIAL,
        officer=staff.officer,
        head=staff.head,
        body=staff.body,
        respondent=staff.respondent,
    )
    clock = open_clock(case, "recon.decision")
    client.force_login(staff.head, backend="accounts.backends.AccountsBackend")
    page = client.get(reverse("deadlines:detail", kwargs={"pk": clock.pk})).content.decode()
    assert "请在案件页面办理" in page
    response = client.post(reverse("deadlines:cancel", kwargs={"pk": clock.pk}), {"reason": "误登"})
    assert response.status_code == 403
    clock.refresh_from_db()
    assert clock.status == "open"
