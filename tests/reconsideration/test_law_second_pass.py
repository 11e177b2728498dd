"""Second law review of reconsideration (复议法 2023): each defect reproduced by a test that failed
before the fix, then the half-done articles finished. Dates by hand: received Mon 2025-03-03,
accepted Wed 03-05, copy sent Thu 03-06 and received Fri 03-07, so the 10-working-day reply period
(第四十八条) ends Fri 03-21 and the 60-day decision period (第六十二条) on Tue 05-06 (05-04 falls in
the May Day holiday)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from core.exceptions import ApplicationError, GateError
from deadlines.clocks import latest_clock, open_clock
from deadlines.services import deadline_extend
from disputes.choices import ActType
from reconsideration import deadlines as rules
from reconsideration import services
from reconsideration.choices import (
    CaseStatus,
    DecisionOutcome,
    NoEvidenceDisposition,
    Procedure,
    SimpleGround,
    SuspensionGround,
)
from reconsideration.services.gates import decision_blockers

from .factories import case_at, due, submit_and_approve

READY = "ready"  # 拟决定 with the office's review: where the handler submits (docs/workflow.md)

pytestmark = pytest.mark.django_db

REPLY_DUE = date(2025, 3, 21)
DECISION_DUE = date(2025, 5, 6)


def _case(staff, status, **kwargs):
    """A case at `status`; READY (拟决定 with the office's review) is where the handler submits."""
    if status == READY:
        case = case_at(
            CaseStatus.DRAFTED,
            officer=staff.officer,
            head=staff.head,
            body=staff.body,
            respondent=staff.respondent,
            **kwargs,
        )
        services.opinion_review(case=case, actor=staff.head, text="同意。", agrees=True, on=date(2025, 3, 14))
        case.refresh_from_db()
        return case
    return case_at(
        status, officer=staff.officer, head=staff.head, body=staff.body, respondent=staff.respondent, **kwargs
    )


def _to_pending(staff, case, on: date, *, hear=True):
    """From 审理中 to 拟决定 with the office's review on `on` (the three tiers), mediation declined and
    (by default) the parties heard (复议法第四十九条): ready for the handler to submit."""
    services.case_set_mediation(
        case=case, actor=staff.officer, attempted=False, reason_not_attempted="申请人拒绝调解。", on=on
    )
    if hear and hasattr(services, "case_hear_parties"):
        services.case_hear_parties(
            case=case,
            actor=staff.officer,
            heard_on=on,
            method="phone",
            parties="申请人张三",
            summary="坚持请求。",
        )
    services.opinion_draft(case=case, actor=staff.officer, text="建议维持。", on=on)
    services.opinion_review(case=case, actor=staff.head, text="同意。", agrees=True, on=on)
    case.refresh_from_db()
    return case


def _decide(staff, case, **kwargs):
    """The decision through four eyes (docs/workflow.md): the handler submits it on `decided_on` — the
    law's gates refuse it there — and the head approves it the same day, where they are checked again."""
    args = {
        "outcome": DecisionOutcome.UPHOLD,
        "decided_on": date(2025, 4, 14),
        "reasoning": "经审查。",
        "legal_basis": "《行政复议法》第六十八条",
        "departure_reason": "经审理查明的事实与拟处理意见所依据的情况不同。",
    }
    args.update(kwargs)
    args.pop("signed_by", None)  # the approver signs
    decided_on = args.pop("decided_on")
    return submit_and_approve(case, officer=staff.officer, head=staff.head, decided_on=decided_on, **args)


# =====================================================================================================
# §3 — definitely wrong before this pass
# =====================================================================================================

# --- 复议法第四十八条、第七十条: the reply period must have run, from a recorded receipt ----------------


def test_art_48_no_decision_before_the_reply_period_has_run(staff):
    case = _case(staff, READY, reply=False)
    assert due(case, rules.REPLY) == REPLY_DUE
    with pytest.raises(GateError, match="第四十八条"):
        _decide(staff, case, decided_on=date(2025, 3, 18))
    # once the period has run without a reply only the 第七十条 outcomes remain
    with pytest.raises(GateError, match="第七十条"):
        _decide(staff, case, decided_on=date(2025, 3, 24))
    decision = _decide(
        staff,
        case,
        decided_on=date(2025, 3, 24),
        outcome=DecisionOutcome.NO_EVIDENCE,
        no_evidence_disposition=NoEvidenceDisposition.REVOKE,
        legal_basis="《行政复议法》第七十条",
    )
    assert decision.outcome == DecisionOutcome.NO_EVIDENCE


def test_art_48_no_decision_without_the_respondents_receipt_of_the_copy(staff):
    case = _case(staff, CaseStatus.ACCEPTED)
    services.case_send_copy(case=case, actor=staff.officer, sent_on=date(2025, 3, 6))
    case = _to_pending(staff, case, date(2025, 3, 10))
    assert case.respondent_received_copy_on is None
    with pytest.raises(GateError, match=r"收到.*副本"):
        _decide(staff, case)


def test_art_48_a_reply_received_early_allows_the_decision(staff):
    case = _case(staff, READY)  # reply received 03-12 with the evidence
    assert _decide(staff, case, decided_on=date(2025, 3, 18)).outcome == DecisionOutcome.UPHOLD


# --- 复议法第七十条 does not block 驳回申请 under 第三十三条 ------------------------------------------


def test_art_70_lock_out_does_not_block_art_33_dismissal(staff):
    case = _case(staff, READY, reply=False)
    decision = _decide(
        staff,
        case,
        outcome=DecisionOutcome.DISMISS_APPLICATION,
        legal_basis="《行政复议法》第三十三条",
    )
    assert decision.outcome == DecisionOutcome.DISMISS_APPLICATION


# --- 复议法第六十二条: no extension after the period has run; the approval date is the test ----------


def test_art_62_extension_after_expiry_is_refused(staff):
    case = _case(staff, CaseStatus.IN_TRIAL)
    assert due(case, rules.DECISION) == DECISION_DUE
    # the head approves in their own session (four eyes, docs/workflow.md)
    args = {"days": 10, "reference": "", "reason": "情况复杂", "approved_by": staff.head}
    with pytest.raises(GateError, match="第六十二条"):  # today (approval now) is long after 05-06
        services.case_extend(case=case, actor=staff.head, **args)
    with pytest.raises(GateError, match="第六十二条"):
        services.case_extend(case=case, actor=staff.head, approved_on=date(2025, 5, 7), **args)
    with pytest.raises(ApplicationError, match="受理"):
        services.case_extend(case=case, actor=staff.head, approved_on=date(2025, 3, 4), **args)
    clock = services.case_extend(case=case, actor=staff.head, approved_on=DECISION_DUE, **args)
    assert clock.due_date == date(2025, 5, 14)  # raw end 05-04 + 10 = Wed 05-14
    event = case.events.get(kind="extend")
    assert event.date == DECISION_DUE


def test_kernel_deadline_extend_refuses_an_expired_clock(staff):
    case = _case(staff, CaseStatus.IN_TRIAL)
    clock = open_clock(case, rules.DECISION)
    common = {
        "days": 5,
        "reference": "延字1号",
        "reason": "情况复杂",
        "actor": staff.head,
        "approved_by": staff.head,
    }
    with pytest.raises(ApplicationError, match="届满"):
        deadline_extend(deadline=clock, **common)
    with pytest.raises(ApplicationError, match="届满"):
        deadline_extend(deadline=clock, approved_on=DECISION_DUE + timedelta(days=1), **common)
    clock = deadline_extend(deadline=clock, approved_on=date(2025, 4, 30), **common)
    assert clock.due_date == date(2025, 5, 9)  # raw end 05-04 + 5


def test_kernel_rule_applies_to_the_correction_period(staff):
    case = _case(staff, CaseStatus.AWAITING_CORRECTION)  # notice received 03-03, due 03-17
    args = {"case": case, "actor": staff.head, "reason": "申请人住院", "reference": "补延1号"}
    with pytest.raises(ApplicationError, match="届满"):
        services.case_extend_correction(**args, days=3, approved_by=staff.head)
    clock = services.case_extend_correction(
        **args, days=3, approved_by=staff.head, approved_on=date(2025, 3, 14)
    )
    assert clock.due_date == date(2025, 3, 20)


# --- 复议法第五十五条、第六十二条第二款: no conversion after the simplified 30 days ------------------


def test_art_55_no_conversion_after_the_simplified_period(staff):
    case = _case(
        staff,
        CaseStatus.IN_TRIAL,
        procedure=Procedure.SIMPLE,
        simple_ground=SimpleGround.ON_THE_SPOT,
        act_on_the_spot=True,
    )
    simple_due = due(case, rules.DECISION_SIMPLE)
    # the head converts in their own session (four eyes, docs/workflow.md)
    args = {"case": case, "actor": staff.head, "reason": "案情复杂", "approved_by": staff.head}
    with pytest.raises(GateError, match="第六十二条第二款"):
        services.case_convert_to_ordinary(converted_on=simple_due + timedelta(days=1), **args)
    services.case_convert_to_ordinary(converted_on=simple_due, **args)
    case.refresh_from_db()
    assert case.procedure == Procedure.ORDINARY


# --- 复议法第七十二条: compensation only with a correcting outcome; property returned under ¶2 ---------


def test_art_72_uphold_cannot_order_compensation(staff):
    case = _case(staff, READY)
    with pytest.raises(GateError, match="第七十二条"):
        _decide(staff, case, compensation_ordered=True)


def test_art_72_1_a_request_is_dismissed_with_any_other_outcome(staff):
    from reconsideration.choices import Compensation
    from reconsideration.documents import _outcome_text
    from reconsideration.wording import compensation_sentence

    case = _case(staff, READY, compensation_requested=True)
    with pytest.raises(GateError, match="驳回"):
        _decide(staff, case)  # the request must be answered
    with pytest.raises(GateError, match="第七十二条"):
        _decide(staff, case, compensation=Compensation.ORDERED)
    decision = _decide(staff, case, compensation=Compensation.DISMISSED)
    assert not decision.compensation_ordered
    assert "驳回申请人的行政赔偿请求" in compensation_sentence(decision)
    assert "驳回申请人的行政赔偿请求" in _outcome_text(case, decision)[0]


def test_art_72_1_compensation_with_a_revocation(staff):
    from reconsideration.choices import Compensation
    from reconsideration.wording import compensation_sentence

    case = _case(staff, READY, compensation_requested=True)
    decision = _decide(staff, case, outcome=DecisionOutcome.REVOKE, compensation=Compensation.ORDERED)
    assert decision.compensation_ordered
    assert "依法给予赔偿" in compensation_sentence(decision)


def test_art_72_2_revoking_a_fine_returns_the_property_without_a_request(staff):
    from reconsideration.choices import Compensation
    from reconsideration.wording import compensation_sentence

    case = _case(staff, READY, act_amount=Decimal("5000"))
    with pytest.raises(GateError, match="第七十二条第二款"):
        _decide(staff, case, outcome=DecisionOutcome.REVOKE)
    with pytest.raises(GateError, match="第七十二条"):  # nothing to dismiss: no request was made
        _decide(staff, case, outcome=DecisionOutcome.REVOKE, compensation=Compensation.DISMISSED)
    decision = _decide(staff, case, outcome=DecisionOutcome.REVOKE, compensation=Compensation.RETURNED)
    assert "返还" in compensation_sentence(decision)


def test_art_72_2_not_for_an_act_without_property(staff):
    from reconsideration.choices import Compensation

    case = _case(staff, READY, act_type=ActType.LICENSING)
    with pytest.raises(GateError, match="第七十二条第二款"):
        _decide(staff, case, outcome=DecisionOutcome.REVOKE, compensation=Compensation.RETURNED)
    assert _decide(staff, case, outcome=DecisionOutcome.REVOKE).compensation == ""


# --- 复议法第五条 says 可以进行调解: mediation-first is the office's policy, a setting -----------------


def test_art_5_mediation_first_is_labelled_as_office_policy(staff, settings):
    case = _case(staff, CaseStatus.IN_TRIAL)
    blockers = decision_blockers(case, on=date(2025, 4, 14))
    mediation = [b for b in blockers if "调解" in b]
    assert mediation and "第五条" not in mediation[0] and "政策" in mediation[0]
    settings.RECONSIDERATION_MEDIATION_FIRST = False
    assert not [b for b in decision_blockers(case, on=date(2025, 4, 14)) if "调解" in b]


# --- 复议法第四十九条: the ordinary procedure hears the parties, on record -------------------------


def test_art_49_ordinary_decision_needs_the_parties_heard(staff):
    case = _to_pending(staff, _case(staff, CaseStatus.IN_TRIAL), date(2025, 3, 24), hear=False)
    with pytest.raises(GateError, match="第四十九条"):
        _decide(staff, case)
    services.case_hear_parties(
        case=case,
        actor=staff.officer,
        heard_on=date(2025, 3, 25),
        method="phone",
        parties="申请人张三",
        summary="申请人坚持撤销请求。",
    )
    assert _decide(staff, case).outcome == DecisionOutcome.UPHOLD


def test_art_49_parties_unreachable_recorded_allows_a_written_review(staff):
    case = _to_pending(staff, _case(staff, CaseStatus.IN_TRIAL), date(2025, 3, 24), hear=False)
    with pytest.raises(ApplicationError):
        services.case_hear_parties(
            case=case, actor=staff.officer, heard_on=date(2025, 3, 25), unreachable=True, summary=""
        )
    services.case_hear_parties(
        case=case,
        actor=staff.officer,
        heard_on=date(2025, 3, 25),
        unreachable=True,
        summary="申请人电话、住址均无法联系，书面审理。",
    )
    assert _decide(staff, case).outcome == DecisionOutcome.UPHOLD


def test_art_49_record_shown_on_the_case_page(staff, client):
    case = _case(staff, CaseStatus.IN_TRIAL)
    services.case_hear_parties(
        case=case,
        actor=staff.officer,
        heard_on=date(2025, 3, 25),
        method="phone",
        parties="申请人张三",
        summary="申请人坚持撤销请求。",
    )
    client.force_login(staff.officer)
    page = client.get(reverse("reconsideration:detail", args=(case.pk,))).content.decode()
    assert "听取意见" in page and "申请人坚持撤销请求。" in page


# =====================================================================================================
# §4 — half-done articles
# =====================================================================================================


def test_art_69_only_for_nonperformance(staff):
    case = _case(staff, READY)  # a penalty
    with pytest.raises(GateError, match="第六十九条"):
        _decide(staff, case, outcome=DecisionOutcome.DISMISS_REQUEST)
    other = _case(staff, READY, act_type=ActType.NONPERFORMANCE)
    assert (
        _decide(staff, other, outcome=DecisionOutcome.DISMISS_REQUEST).outcome
        == DecisionOutcome.DISMISS_REQUEST
    )


@pytest.mark.parametrize("status", [CaseStatus.ACCEPTED, CaseStatus.DRAFTED, CaseStatus.PENDING_APPROVAL])
def test_art_39_suspension_from_every_in_progress_state(staff, status):
    case = _case(staff, status)
    on = case.events.order_by("-date").first().date
    services.case_suspend(
        case=case,
        actor=staff.officer,
        ground=SuspensionGround.FORCE_MAJEURE,
        suspended_on=on,
        reason="住院。",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    services.case_resume(case=case, actor=staff.officer, resumed_on=on + timedelta(days=3))
    case.refresh_from_db()
    assert case.status == status  # back where it was suspended


# --- 复议法第二十条第二款: a late application is accepted only for the obstacle's duration -----------


def test_art_20_2_late_application_needs_the_obstacles_dates(staff):
    from .factories import register_case

    # knew of the act 2024-12-23: 60 days end Fri 2025-02-21; received 2025-03-03 — 10 days late
    case = register_case(
        actor=staff.officer,
        body=staff.body,
        respondent=staff.respondent,
        knew_of_act_on=date(2024, 12, 23),
        handler=staff.officer,
    )
    assert case.is_late
    accept = {"case": case, "actor": staff.officer, "accepted_on": date(2025, 3, 5)}
    with pytest.raises(ApplicationError, match="障碍"):  # a reason alone does not waive the period
        services.case_record_delay_reason(case=case, actor=staff.officer, reason="申请人住院。")
        services.case_accept(**accept)
    # an obstacle of 5 days moves the end to 02-26: still late
    services.case_record_delay_reason(
        case=case,
        actor=staff.officer,
        reason="申请人住院。",
        obstacle_from=date(2025, 1, 10),
        obstacle_to=date(2025, 1, 15),
    )
    with pytest.raises(GateError, match="第二十条第二款"):
        services.case_accept(**accept)
    # a 20-day obstacle: the period continues from its removal and the application is in time
    services.case_record_delay_reason(
        case=case,
        actor=staff.officer,
        reason="申请人住院。",
        obstacle_from=date(2025, 1, 10),
        obstacle_to=date(2025, 1, 30),
    )
    case.refresh_from_db()
    assert not case.is_late and case.application_due_on > date(2025, 3, 3)
    services.case_accept(**accept)


# --- 复议法第三十一条第二款: the correction-period extension has its form on the case page ------------


def test_art_31_2_correction_extension_form_on_the_case_page(staff, client):
    case = _case(staff, CaseStatus.AWAITING_CORRECTION)  # notice received 03-03, due 03-17
    client.force_login(staff.head)  # four eyes: the head approves in their own session
    url = reverse("reconsideration:action", args=(case.pk, "extend_correction"))
    assert "延长补正期限" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "days": 3,
            "reference": "补延1号",
            "reason": "申请人住院。",
            "approved_on": "2025-03-14",
        },
    )
    assert response.status_code == 302
    assert due(case, rules.CORRECTION_REPLY) == date(2025, 3, 20)


# --- 复议法第三十二条第二款: the penalising agency forwards within 5 working days --------------------


@pytest.mark.parametrize(
    ("submitted_on", "status"), [(date(2025, 2, 24), "met"), (date(2025, 2, 20), "missed")]
)
def test_art_32_2_forwarding_clock(staff, submitted_on, status):
    from reconsideration.choices import IntakeChannel

    from .factories import register_case

    # submitted to the agency Mon 02-24 → due Mon 03-03 (5 WD), received that day: met;
    # submitted Thu 02-20 → due Thu 02-27: missed
    case = register_case(
        actor=staff.officer,
        body=staff.body,
        respondent=staff.respondent,
        channel=IntakeChannel.FORWARDED,
        forwarded_by=staff.respondent,
        act_on_the_spot=True,
        submitted_on=submitted_on,
    )
    clock = latest_clock(case, rules.FORWARD_PENALTY)
    assert clock is not None and clock.status == status


# --- 复议法第四十二条: a stay of execution is recorded and shown ---------------------------------------


def test_art_42_stay_of_execution_record(staff, client):
    from reconsideration.choices import StayGround

    case = _case(staff, CaseStatus.IN_TRIAL)
    with pytest.raises(ApplicationError, match="第四十二条"):
        services.case_stay_execution(
            case=case, actor=staff.officer, ground="", decided_on=date(2025, 3, 20), reason="x"
        )
    services.case_stay_execution(
        case=case,
        actor=staff.officer,
        ground=StayGround.APPLICATION,
        decided_on=date(2025, 3, 20),
        reason="申请人申请停止执行，执行将造成难以弥补的损失。",
    )
    event = case.events.get(kind="stay_execution")
    assert "第四十二条" in event.basis
    client.force_login(staff.officer)
    page = client.get(reverse("reconsideration:detail", args=(case.pk,))).content.decode()
    assert "停止执行" in page and "难以弥补的损失" in page
    closed = _case(staff, CaseStatus.DECIDED)
    with pytest.raises(ApplicationError, match="不能决定停止执行"):
        services.case_stay_execution(
            case=closed, actor=staff.officer, ground=StayGround.BODY, decided_on=date(2025, 4, 20), reason="x"
        )
