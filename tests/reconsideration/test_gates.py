"""The statutory gates (docs/law/reconsideration.md, "Gates"): each refusal cites its article, and the
lawful path passes."""

from datetime import date
from decimal import Decimal

import pytest

from accounts.choices import Role
from core.exceptions import ApplicationError, GateError
from disputes.choices import ActType
from reconsideration import services
from reconsideration.choices import (
    CaseStatus,
    DecisionOutcome,
    IntakeChannel,
    MediationResult,
    NoEvidenceDisposition,
    Procedure,
    SimpleGround,
    SuspensionGround,
    TerminationGround,
)
from reconsideration.models import SignerAuthorisation

from .factories import authorise_signer, case_at, due, register_case

pytestmark = pytest.mark.django_db

DECIDED_ON = date(2025, 4, 14)  # case_at: received 2025-03-03, accepted 03-05, copy received 03-07


@pytest.fixture
def panel(staff, make_user, tree):
    """Two more officers of the city office, for hearing panels."""
    staff.extra = make_user("fuyi2", unit=tree.city_justice, roles=[Role.RECON_OFFICER])
    staff.clerk = make_user("fuyi3", unit=tree.city_justice, roles=[Role.RECON_OFFICER])
    return staff


def _case(staff, status, **kwargs):
    return case_at(
        status, officer=staff.officer, head=staff.head, body=staff.body, respondent=staff.respondent, **kwargs
    )


def _decide(staff, case, **kwargs):
    """报请审批 by the officer, then 批准 by the head (four eyes): the decision's gates run at both. A
    case already 待审批 is returned first, so the officer submits the decision the test asks for."""
    outcome = kwargs.pop("outcome", DecisionOutcome.UPHOLD)
    decided_on = kwargs.pop("decided_on", DECIDED_ON)
    approver = kwargs.pop("approver", staff.head)
    approve = {
        k: kwargs.pop(k) for k in ("collective_discussion_on", "collective_participants") if k in kwargs
    }
    if kwargs.pop("authorise", True):
        authorise_signer(staff.head, case.org_unit)
    kwargs.setdefault("reasoning", "事实清楚，证据确凿。")
    kwargs.setdefault("legal_basis", "《行政复议法》第六十八条")
    kwargs.setdefault("departure_reason", "经审理，不采纳该建议。")
    case.refresh_from_db()
    if case.status == CaseStatus.PENDING_APPROVAL:
        services.case_return_for_revision(case=case, actor=staff.head, reason="按审理结果重新报请")
    services.case_submit_for_approval(
        case=case, actor=staff.officer, on=decided_on, outcome=outcome, **kwargs
    )
    return services.case_approve_decision(case=case, actor=approver, decided_on=decided_on, **approve)


def _submit(staff, case):
    """The office's review of the draft; `_decide` then submits and approves."""
    services.opinion_review(case=case, actor=staff.head, text="同意", agrees=True)


def _hold_hearing(staff, case, *, hearing_date=date(2025, 3, 25), notice_on=date(2025, 3, 14)):
    hearing = services.hearing_schedule(
        case=case,
        actor=staff.officer,
        date=hearing_date,
        place="听证室",
        matters="处罚是否合法",
        presiding=staff.head,
        officers=[staff.officer, staff.extra],
        clerk=staff.clerk,
        notice_sent_on=notice_on,
    )
    return services.hearing_record(hearing=hearing, actor=staff.officer, respondent_head_attended=True)


def _consult(staff, case, *, on=date(2025, 3, 28)):
    meeting = services.committee_meeting_create(
        actor=staff.officer, body=staff.body, date=on, topic="案件咨询", members=[staff.head]
    )
    return services.committee_consult(
        meeting=meeting, case=case, actor=staff.officer, opinion="建议维持", majority_view="维持"
    )


# --- Art 50 / 51: hearing --------------------------------------------------------------------------


def test_art_50_major_case_needs_a_hearing_and_a_committee(panel):
    staff = panel
    case = _case(staff, CaseStatus.DRAFTED, is_major_difficult_complex=True)
    _submit(staff, case)
    with pytest.raises(GateError, match="第五十条") as exc:  # refused already when submitted
        _decide(staff, case)
    assert any("第五十二条" in b for b in exc.value.extra["blockers"])
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFTED

    lawful = _case(staff, CaseStatus.DRAFTED, is_major_difficult_complex=True)
    _hold_hearing(staff, lawful)
    _submit(staff, lawful)
    with pytest.raises(GateError, match="第五十二条"):  # the hearing alone is not enough
        _decide(staff, lawful)
    _consult(staff, lawful)
    decision = _decide(staff, lawful)
    assert decision.outcome == DecisionOutcome.UPHOLD


def test_art_50_a_scheduled_but_not_held_hearing_does_not_count(panel):
    staff = panel
    case = _case(staff, CaseStatus.DRAFTED, is_major_difficult_complex=True)
    services.hearing_schedule(
        case=case,
        actor=staff.officer,
        date=date(2025, 3, 25),
        place="听证室",
        matters="事实",
        presiding=staff.head,
        officers=[staff.officer, staff.extra],
        clerk=staff.clerk,
        notice_sent_on=date(2025, 3, 14),
    )
    _consult(staff, case)
    _submit(staff, case)
    with pytest.raises(GateError, match="第五十条"):
        _decide(staff, case)


def test_art_50_panel_needs_two_hearing_officers(panel):
    staff = panel
    case = _case(staff, CaseStatus.IN_TRIAL)
    # The presiding officer does not count as a hearing officer.
    with pytest.raises(GateError, match="两名以上"):
        services.hearing_schedule(
            case=case,
            actor=staff.officer,
            date=date(2025, 3, 25),
            place="听证室",
            matters="事实",
            presiding=staff.head,
            officers=[staff.officer, staff.head],
            clerk=staff.clerk,
            notice_sent_on=date(2025, 3, 14),
        )
    with pytest.raises(GateError, match="第五十条第三款"):
        services.hearing_schedule(
            case=case,
            actor=staff.officer,
            date=date(2025, 3, 25),
            place="听证室",
            matters="事实",
            presiding=staff.head,
            officers=[staff.officer],
            clerk=staff.clerk,
            notice_sent_on=date(2025, 3, 14),
        )


def test_art_51_notice_five_working_days_before(panel):
    # Hearing Tue 2025-03-25: 5 working days must lie in (notice, 03-25]: 03-19 … 03-25 are 03-19 (1),
    # 03-20 (2), 03-21 (3), 03-24 (4), 03-25 (5) → the latest notice day is Tue 03-18.
    staff = panel
    case = _case(staff, CaseStatus.IN_TRIAL)
    with pytest.raises(GateError, match="2025-03-18"):
        _hold_hearing(staff, case, notice_on=date(2025, 3, 19))
    _hold_hearing(staff, case, notice_on=date(2025, 3, 18))


def test_art_51_respondent_head_absent_needs_reason_and_delegate(panel):
    staff = panel
    case = _case(staff, CaseStatus.IN_TRIAL)
    hearing = services.hearing_schedule(
        case=case,
        actor=staff.officer,
        date=date(2025, 3, 25),
        place="听证室",
        matters="事实",
        presiding=staff.head,
        officers=[staff.officer, staff.extra],
        clerk=staff.clerk,
        notice_sent_on=date(2025, 3, 14),
    )
    with pytest.raises(ApplicationError, match="第五十一条第三款"):
        services.hearing_record(hearing=hearing, actor=staff.officer, respondent_head_attended=False)
    held = services.hearing_record(
        hearing=hearing,
        actor=staff.officer,
        respondent_head_attended=False,
        respondent_head_absence_reason="出差",
        respondent_delegate="法规科科长李四",
    )
    assert held.held and held.respondent_head_attended is False


# --- Art 52: committee -------------------------------------------------------------------------------


def test_art_52_highly_technical_case_needs_the_committee(staff):
    case = _case(staff, CaseStatus.DRAFTED, is_highly_technical=True)
    _submit(staff, case)
    with pytest.raises(GateError, match=r"专业性、技术性较强.*第五十二条"):
        _decide(staff, case)
    consultation = _consult(staff, case)
    assert case.opinions.filter(tier="committee", consultation=consultation).exists()
    _decide(staff, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED


def test_art_52_a_consultation_after_the_decision_date_does_not_count(staff):
    case = _case(staff, CaseStatus.DRAFTED, is_highly_technical=True)
    _submit(staff, case)
    _consult(staff, case, on=date(2025, 4, 20))
    with pytest.raises(GateError, match="第五十二条"):
        _decide(staff, case, decided_on=DECIDED_ON)


# --- Art 53 / 55: simplified procedure ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "ground", "eligible"),
    [
        ({"act_on_the_spot": True}, SimpleGround.ON_THE_SPOT, True),
        ({}, SimpleGround.ON_THE_SPOT, False),
        ({"act_is_warning": True}, SimpleGround.WARNING, True),
        ({"act_amount": Decimal("3000.00")}, SimpleGround.SMALL_AMOUNT, True),
        ({"act_amount": Decimal("3000.01")}, SimpleGround.SMALL_AMOUNT, False),
        ({"act_type": ActType.INFO_DISCLOSURE}, SimpleGround.INFO_DISCLOSURE, True),
        ({"act_type": ActType.LICENSING}, SimpleGround.INFO_DISCLOSURE, False),
    ],
)
def test_art_53_simplified_procedure_eligibility(staff, facts, ground, eligible):
    case = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent, **facts)
    accept = {
        "case": case,
        "actor": staff.officer,
        "accepted_on": date(2025, 3, 4),
        "procedure": Procedure.SIMPLE,
        "simple_ground": ground,
    }
    if eligible:
        services.case_accept(**accept)
        case.refresh_from_db()
        assert (case.procedure, case.simple_ground) == (Procedure.SIMPLE, ground)
    else:
        with pytest.raises(GateError, match="第五十三条"):
            services.case_accept(**accept)


def test_art_53_2_all_parties_agree(staff):
    case = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)
    accept = {
        "case": case,
        "actor": staff.officer,
        "accepted_on": date(2025, 3, 4),
        "procedure": Procedure.SIMPLE,
        "simple_ground": SimpleGround.CONSENT,
    }
    with pytest.raises(GateError, match="第五十三条"):
        services.case_accept(**accept)
    services.case_accept(**accept, parties_agreed_simple=True)
    case.refresh_from_db()
    assert case.parties_agreed_simple


def test_art_55_conversion_needs_the_office_head(staff):
    case = _case(
        staff,
        CaseStatus.ACCEPTED,
        procedure=Procedure.SIMPLE,
        simple_ground=SimpleGround.ON_THE_SPOT,
        act_on_the_spot=True,
    )
    with pytest.raises(GateError, match="第五十五条"):  # the officer cannot approve it
        services.case_convert_to_ordinary(
            case=case,
            actor=staff.officer,
            converted_on=date(2025, 3, 6),
            reason="复杂",
            approved_by=staff.head,
        )
    # the head converts in their own session
    services.case_convert_to_ordinary(
        case=case, actor=staff.head, converted_on=date(2025, 3, 6), reason="复杂"
    )
    case.refresh_from_db()
    assert case.procedure == Procedure.ORDINARY


# --- Art 61: who decides -----------------------------------------------------------------------------


def test_art_61_signed_by_the_head_or_adopted_collectively(staff):
    case = _case(staff, CaseStatus.PENDING_APPROVAL)
    with pytest.raises(ApplicationError, match="权限"):  # the officer cannot approve
        services.case_approve_decision(case=case, actor=staff.officer, decided_on=DECIDED_ON)
    # A head the body has not authorised to sign: only a recorded collective discussion will do.
    with pytest.raises(GateError, match="第六十一条"):
        _decide(staff, case, authorise=False)
    with pytest.raises(GateError, match="第六十一条"):  # a discussion needs its participants recorded
        _decide(staff, case, authorise=False, collective_discussion_on=date(2025, 4, 10))
    decision = _decide(
        staff,
        case,
        authorise=False,
        collective_discussion_on=date(2025, 4, 10),
        collective_participants="市政府常务会议：张市长、李副市长等",
    )
    assert decision.signed_by is None and decision.collective_discussion_on == date(2025, 4, 10)


def test_art_61_the_signing_authorisation_is_a_record_with_a_period(staff):
    case = _case(staff, CaseStatus.PENDING_APPROVAL)
    SignerAuthorisation.objects.create(
        body=staff.body, authorised=staff.head, valid_from=date(2025, 1, 1), valid_until=date(2025, 3, 31)
    )
    assert not services.can_sign_decision(staff.head, case, on=DECIDED_ON)  # expired on 03-31
    assert services.can_sign_decision(staff.head, case, on=date(2025, 3, 31))
    SignerAuthorisation.objects.create(body=staff.body, authorised=staff.head, valid_from=date(2025, 4, 1))
    decision = _decide(staff, case)
    assert decision.signed_by == staff.head


def test_art_61_a_county_head_cannot_approve_a_city_decision(staff, make_user, tree):
    county_head = make_user("qz_head", unit=tree.qinzhou_justice, roles=[Role.RECON_HEAD])
    case = _case(staff, CaseStatus.PENDING_APPROVAL)
    with pytest.raises(ApplicationError, match="管辖"):
        _decide(staff, case, approver=county_head)


# --- Art 62: extension -------------------------------------------------------------------------------


def _extend(staff, case, **kwargs):
    """报请延期 by the officer, 批准延期 by the head — within the decision period (due 2025-05-06;
    复议法第六十二条第一款)."""
    args = {"days": 10, "reference": "", "reason": "情况复杂", "on": date(2025, 4, 30)}
    args.update(kwargs)
    approver = args.pop("approver", staff.head)
    services.case_request_extension(case=case, actor=staff.officer, **args)
    try:
        return services.case_approve_extension(case=case, actor=approver, on=args["on"])
    except ApplicationError:
        services.case_return_extension(case=case, actor=staff.head, reason="退回")
        raise


def test_art_62_extension_at_most_30_days(staff):
    case = _case(staff, CaseStatus.IN_TRIAL)
    with pytest.raises(ApplicationError, match="三十日"):
        _extend(staff, case, days=31)
    _extend(staff, case, days=20)
    with pytest.raises(ApplicationError, match="30"):
        _extend(staff, case, days=11)
    _extend(staff, case, days=10)


def test_art_62_extension_needs_the_head_and_a_written_notice(staff):
    case = _case(staff, CaseStatus.IN_TRIAL)
    with pytest.raises(ApplicationError, match="权限"):  # the officer cannot approve
        _extend(staff, case, approver=staff.officer)
    with pytest.raises(GateError, match="第六十二条"):  # nor extend the clock directly
        services.case_extend(
            case=case, actor=staff.officer, days=10, reference="", reason="x", approved_by=staff.head
        )
    with pytest.raises(ApplicationError, match="延期审理通知书文号“测试”格式不正确"):
        _extend(staff, case, reference="测试")
    clock = _extend(staff, case)  # the written notice gets the next number of its series
    assert clock.extension_days == 10
    event = case.events.get(kind="extend")
    # numbered in the series of the year the head approved it (2025-04-30), whatever year it is now
    assert "书面通知文号天复延〔2025〕1号" in event.note
    assert case.approval_requests.filter(kind="extension", status="approved", decided_by=staff.head).exists()


def test_an_approval_cannot_be_dated_before_its_request(staff):
    case = _case(staff, CaseStatus.IN_TRIAL)
    services.case_request_extension(
        case=case, actor=staff.officer, days=10, reason="情况复杂", on=date(2025, 4, 30)
    )
    before = due(case, "recon.decision")
    with pytest.raises(ApplicationError, match=r"审批日期.*报请日期"):
        services.case_approve_extension(case=case, actor=staff.head, on=date(2025, 4, 29))
    with pytest.raises(ApplicationError, match=r"审批日期.*报请日期"):
        services.case_return_extension(case=case, actor=staff.head, reason="退回", on=date(2025, 4, 29))
    assert due(case, "recon.decision") == before  # nothing took effect
    assert case.approval_requests.get(kind="extension").status == "pending"


def test_extension_waits_for_the_head_and_can_be_returned(staff):
    case = _case(staff, CaseStatus.IN_TRIAL)
    before = due(case, "recon.decision")
    services.case_request_extension(case=case, actor=staff.officer, days=10, reason="情况复杂")
    assert due(case, "recon.decision") == before  # nothing changes until approved
    with pytest.raises(GateError, match="已报请延期"):
        services.case_request_extension(case=case, actor=staff.officer, days=5, reason="再次")
    services.case_return_extension(case=case, actor=staff.head, reason="理由不充分")
    request = case.approval_requests.get(kind="extension")
    assert (request.status, request.return_reason, request.decided_by) == (
        "returned",
        "理由不充分",
        staff.head,
    )
    assert due(case, "recon.decision") == before


def test_art_62_simplified_procedure_cannot_be_extended(staff):
    case = _case(
        staff,
        CaseStatus.IN_TRIAL,
        procedure=Procedure.SIMPLE,
        simple_ground=SimpleGround.ON_THE_SPOT,
        act_on_the_spot=True,
    )
    with pytest.raises(GateError, match="第五十五条"):
        _extend(staff, case)


# --- Art 70: no reply → only Art 70 outcomes ---------------------------------------------------------


def test_art_70_no_reply_leaves_only_art_70_outcomes(staff):
    # Copy received Fri 2025-03-07 → reply due 03-10 (1) … 03-14 (5), 03-17 … Fri 03-21 (10); none came.
    case = _case(staff, CaseStatus.PENDING_APPROVAL, reply=False)
    assert services.respondent_reply_due(case) == date(2025, 3, 21)
    assert not services.respondent_defaulted(case, on=date(2025, 3, 21))
    assert services.respondent_defaulted(case, on=date(2025, 3, 22))
    # 第七十条 judges the act; a 第三十三条 dismissal of the application stays open
    assert services.allowed_outcomes(case, on=DECIDED_ON) == [
        DecisionOutcome.NO_EVIDENCE,
        DecisionOutcome.DISMISS_APPLICATION,
    ]
    for outcome in (DecisionOutcome.UPHOLD, DecisionOutcome.REVOKE, DecisionOutcome.DISMISS_REQUEST):
        with pytest.raises(GateError, match="第七十条"):
            _decide(staff, case, outcome=outcome)
    with pytest.raises(ApplicationError, match="第七十条"):
        _decide(staff, case, outcome=DecisionOutcome.NO_EVIDENCE)  # the disposition must be chosen
    decision = _decide(
        staff,
        case,
        outcome=DecisionOutcome.NO_EVIDENCE,
        no_evidence_disposition=NoEvidenceDisposition.REVOKE,
        order_redo=True,
    )
    assert decision.is_directly_corrected and decision.order_redo


def _hear_parties(staff, case):
    """复议法第四十九条: the ordinary procedure hears the parties before the decision."""
    services.case_hear_parties(
        case=case,
        actor=staff.officer,
        heard_on=date(2025, 3, 24),
        method="phone",
        parties="申请人",
        summary="坚持复议请求。",
    )


def _trial_then_submit(staff, case):
    services.case_set_mediation(
        case=case, actor=staff.officer, attempted=False, reason_not_attempted="拒绝调解"
    )
    _hear_parties(staff, case)
    services.opinion_draft(case=case, actor=staff.officer, text="意见")
    _submit(staff, case)


def test_art_70_late_reply_counts_as_no_reply(staff):
    case = _case(staff, CaseStatus.IN_TRIAL, reply=False)
    services.case_receive_reply(
        case=case, actor=staff.officer, received_on=date(2025, 3, 24), with_evidence=True
    )
    _trial_then_submit(staff, case)
    with pytest.raises(GateError, match="第七十条"):
        _decide(staff, case)


def test_art_70_reply_without_evidence_counts_as_no_reply(staff):
    case = _case(staff, CaseStatus.IN_TRIAL, reply=False)
    services.case_receive_reply(
        case=case, actor=staff.officer, received_on=date(2025, 3, 20), with_evidence=False
    )
    _trial_then_submit(staff, case)
    with pytest.raises(GateError, match="第七十条"):
        _decide(staff, case)
    assert "第七十条" in case.events.get(kind="reply_received").note


def test_art_70_does_not_apply_after_a_timely_reply(staff):
    case = _case(staff, CaseStatus.PENDING_APPROVAL)
    with pytest.raises(GateError, match="不适用第七十条"):
        _decide(
            staff,
            case,
            outcome=DecisionOutcome.NO_EVIDENCE,
            no_evidence_disposition=NoEvidenceDisposition.REVOKE,
        )


def test_art_70_third_party_evidence_exception(staff):
    case = _case(staff, CaseStatus.PENDING_APPROVAL, reply=False)
    case = services.case_update(
        case=case, actor=staff.officer, version=case.version, third_party_evidence_provided=True
    )
    assert DecisionOutcome.UPHOLD in services.allowed_outcomes(case, on=DECIDED_ON)
    _decide(staff, case, outcome=DecisionOutcome.UPHOLD)


# --- Arts 20, 21, 24, 30, 31, 32: acceptance ---------------------------------------------------------


def test_art_20_late_application_is_refused_unless_a_reason_is_recorded(staff):
    # Knew 2025-08-02 → due 10-09; received 10-10 (late).
    case = register_case(
        actor=staff.officer,
        body=staff.body,
        respondent=staff.respondent,
        received_on=date(2025, 10, 10),
        knew_of_act_on=date(2025, 8, 2),
    )
    with pytest.raises(GateError, match="第二十条"):
        services.case_accept(case=case, actor=staff.officer, accepted_on=date(2025, 10, 10))
    # 第二十条第二款: the obstacle's 10 days (09-01 … 09-11) move the raw end to Sat 10-11, a make-up
    # working day — the application of 10-10 is in time; a reason alone would not do.
    services.case_record_delay_reason(
        case=case,
        actor=staff.officer,
        reason="申请人住院，有医院证明。",
        obstacle_from=date(2025, 9, 1),
        obstacle_to=date(2025, 9, 11),
    )
    services.case_accept(case=case, actor=staff.officer, accepted_on=date(2025, 10, 10))
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED and not case.is_late


def test_art_20_still_late_after_the_obstacle_is_deducted(staff):
    # Knew 2025-08-02 (raw end 10-01); obstacle 09-01 … 09-06 (5 days) → raw 10-06 (国庆) → 10-09;
    # received 10-20.
    case = register_case(
        actor=staff.officer,
        body=staff.body,
        respondent=staff.respondent,
        received_on=date(2025, 10, 20),
        knew_of_act_on=date(2025, 8, 2),
    )
    services.case_record_delay_reason(
        case=case,
        actor=staff.officer,
        reason="住院",
        obstacle_from=date(2025, 9, 1),
        obstacle_to=date(2025, 9, 6),
    )
    case.refresh_from_db()
    assert case.application_due_on == date(2025, 10, 9)
    with pytest.raises(GateError, match="扣除障碍期间"):
        services.case_accept(case=case, actor=staff.officer, accepted_on=date(2025, 10, 21))
    services.case_reject(
        case=case, actor=staff.officer, rejected_on=date(2025, 10, 21), reasoning="超过申请期限"
    )


def test_art_21_five_year_outer_limit(staff):
    # Act made 2020-03-02; five years end 2025-03-02; submitted 2025-03-03 → refused even with a reason.
    case = register_case(
        actor=staff.officer,
        body=staff.body,
        respondent=staff.respondent,
        act_date=date(2020, 3, 2),
        knew_of_act_on=date(2025, 2, 20),
    )
    services.case_record_delay_reason(
        case=case,
        actor=staff.officer,
        reason="不知情",
        obstacle_from=date(2025, 2, 20),
        obstacle_to=date(2025, 2, 28),
    )
    with pytest.raises(GateError, match="第二十一条"):
        services.case_accept(case=case, actor=staff.officer, accepted_on=date(2025, 3, 4))
    # Real estate: twenty years.
    estate = register_case(
        actor=staff.officer,
        body=staff.body,
        respondent=staff.respondent,
        act_date=date(2020, 3, 2),
        knew_of_act_on=date(2025, 2, 20),
        concerns_real_estate=True,
    )
    services.case_accept(case=estate, actor=staff.officer, accepted_on=date(2025, 3, 4))


def test_art_24_jurisdiction(staff, tree):
    # The city government does not hear cases against a county department (the county government does).
    case = register_case(actor=staff.officer, body=staff.body, respondent=tree.qinzhou_market)
    with pytest.raises(GateError, match="秦州区人民政府"):
        services.case_accept(case=case, actor=staff.officer, accepted_on=date(2025, 3, 4))
    decision = services.case_reject(
        case=case,
        actor=staff.officer,
        rejected_on=date(2025, 3, 4),
        reasoning="不属于本机关管辖",
        referred_body="秦州区人民政府",
    )
    assert decision.referred_body == "秦州区人民政府"
    # … but it does hear cases against the county government itself (下一级人民政府).
    against_county = register_case(actor=staff.officer, body=staff.body, respondent=tree.qinzhou)
    services.case_accept(case=against_county, actor=staff.officer, accepted_on=date(2025, 3, 4))


def test_art_30_repeat_application_on_the_same_act(staff):
    first = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)
    services.case_accept(case=first, actor=staff.officer, accepted_on=date(2025, 3, 4))
    again = register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, dispute=first.dispute
    )
    with pytest.raises(GateError, match="第三十条第一款第七项"):
        services.case_accept(case=again, actor=staff.officer, accepted_on=date(2025, 3, 4))


def test_art_30_3_no_acceptance_decision_after_the_review_period(staff):
    # Received 2025-03-03 → review ends Mon 03-10; on 03-11 the case is already deemed accepted.
    case = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)
    with pytest.raises(GateError, match="第三十条第三款"):
        services.case_accept(case=case, actor=staff.officer, accepted_on=date(2025, 3, 11))
    with pytest.raises(GateError, match="第三十条第三款"):
        services.case_reject(case=case, actor=staff.officer, rejected_on=date(2025, 3, 11), reasoning="x")
    with pytest.raises(GateError, match="第三十条第三款"):
        services.case_request_correction(
            case=case, actor=staff.officer, items="x", notice_sent_on=date(2025, 3, 11)
        )
    services.case_accept(case=case, actor=staff.officer, accepted_on=date(2025, 3, 10))


def test_art_31_one_correction_notice(staff):
    case = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)
    services.case_request_correction(
        case=case,
        actor=staff.officer,
        items="补充身份证明",
        notice_sent_on=date(2025, 3, 4),
        applicant_received_on=date(2025, 3, 4),
    )
    services.case_receive_correction(case=case, actor=staff.officer, received_on=date(2025, 3, 6))
    with pytest.raises(GateError, match="一次性"):
        services.case_request_correction(
            case=case, actor=staff.officer, items="再补充", notice_sent_on=date(2025, 3, 7)
        )


def test_art_32_forwarded_only_for_on_the_spot_or_camera_penalties(staff, tree):
    kwargs = {
        "actor": staff.officer,
        "body": staff.body,
        "respondent": staff.respondent,
        "channel": IntakeChannel.FORWARDED,
        "forwarded_by": staff.respondent,
    }
    with pytest.raises(GateError, match="第三十二条"):
        register_case(**kwargs)
    case = register_case(**kwargs, act_by_electronic_monitoring=True)
    assert case.forwarded_by == staff.respondent


# --- mediation first, termination, mediation --------------------------------------------------------


def test_mediation_first_before_deciding(staff):
    case = _case(staff, CaseStatus.IN_TRIAL)
    _hear_parties(staff, case)
    services.opinion_draft(case=case, actor=staff.officer, text="建议维持")
    _submit(staff, case)
    with pytest.raises(GateError, match="先行调解"):
        _decide(staff, case)
    with pytest.raises(ApplicationError, match="理由"):
        services.case_set_mediation(case=case, actor=staff.officer, attempted=False)
    services.mediation_session_record(
        case=case,
        actor=staff.officer,
        held_on=date(2025, 3, 20),
        participants_note="双方",
        result=MediationResult.FAILED,
    )
    _decide(staff, case)


def test_art_73_mediation_needs_an_agreement(staff):
    case = _case(staff, CaseStatus.IN_TRIAL)
    services.mediation_session_record(
        case=case,
        actor=staff.officer,
        held_on=date(2025, 3, 20),
        participants_note="双方",
        result=MediationResult.CONTINUING,
    )
    with pytest.raises(GateError, match="第七十三条"):
        services.case_conclude_by_mediation(
            case=case, actor=staff.officer, concluded_on=date(2025, 3, 20), agreement_summary="减少罚款"
        )
    services.mediation_session_record(
        case=case,
        actor=staff.officer,
        held_on=date(2025, 3, 27),
        participants_note="双方",
        result=MediationResult.AGREED,
    )
    services.case_conclude_by_mediation(
        case=case, actor=staff.officer, concluded_on=date(2025, 3, 27), agreement_summary="减少罚款"
    )


def test_art_41_5_termination_after_sixty_days_of_suspension(staff):
    # Suspended Mon 2025-03-10 on 39(1): 60 days → 21 to 03-31, 30 in April, 9 more → Fri 2025-05-09.
    case = _case(staff, CaseStatus.IN_TRIAL)
    services.case_suspend(
        case=case,
        actor=staff.officer,
        ground=SuspensionGround.APPLICANT_DIED,
        suspended_on=date(2025, 3, 10),
        reason="申请人死亡",
    )
    terminate = {
        "case": case,
        "actor": staff.head,
        "ground": TerminationGround.SUSPENSION_EXPIRED,
        "reasoning": "近亲属未参加",
    }
    with pytest.raises(GateError, match="第四十一条"):
        services.case_terminate(**terminate, terminated_on=date(2025, 5, 8))
    with pytest.raises(ApplicationError, match="权限"):  # termination is the head's decision
        services.case_terminate(**{**terminate, "actor": staff.officer}, terminated_on=date(2025, 5, 9))
    decision = services.case_terminate(**terminate, terminated_on=date(2025, 5, 9))
    assert decision.termination_ground == TerminationGround.SUSPENSION_EXPIRED


def test_art_41_5_not_for_other_suspension_grounds(staff):
    case = _case(staff, CaseStatus.IN_TRIAL)
    services.case_suspend(
        case=case,
        actor=staff.officer,
        ground=SuspensionGround.OTHER_CASE,
        suspended_on=date(2025, 3, 10),
        reason="等待另案",
    )
    with pytest.raises(GateError, match="第四十一条"):
        services.case_terminate(
            case=case,
            actor=staff.head,
            ground=TerminationGround.SUSPENSION_EXPIRED,
            terminated_on=date(2025, 6, 1),
            reasoning="x",
        )


def test_art_74_settlement_is_a_withdrawal(staff):
    case = _case(staff, CaseStatus.IN_TRIAL)
    with pytest.raises(ApplicationError, match="第七十四条"):
        services.case_terminate(
            case=case,
            actor=staff.head,
            ground=TerminationGround.CRIMINAL_MEASURES,
            terminated_on=date(2025, 3, 20),
            reasoning="和解",
            is_settlement=True,
        )


# --- three-tier handling and closing -------------------------------------------------------------------


def test_three_tier_handling(staff, users):
    case = _case(staff, CaseStatus.IN_TRIAL)
    with pytest.raises(ApplicationError, match="承办人"):
        services.opinion_draft(case=case, actor=staff.head, text="意见")
    services.opinion_draft(
        case=case, actor=staff.officer, text="意见", proposed_outcome=DecisionOutcome.UPHOLD
    )
    with pytest.raises(GateError, match="审核"):
        services.case_submit_for_approval(case=case, actor=staff.officer)
    services.case_set_mediation(
        case=case, actor=staff.officer, attempted=False, reason_not_attempted="拒绝调解"
    )
    with pytest.raises(ApplicationError, match="不能审核自己"):
        services.opinion_review(case=case, actor=staff.officer, text="同意", agrees=True)
    services.opinion_review(case=case, actor=staff.head, text="同意", agrees=True)
    _hear_parties(staff, case)  # 复议法第四十九条
    services.case_submit_for_approval(case=case, actor=staff.officer)
    services.case_return_for_revision(case=case, actor=staff.head, reason="补充理由")
    # A revised draft needs a fresh review before it goes up again.
    services.opinion_draft(case=case, actor=staff.officer, text="修改后的意见")
    with pytest.raises(GateError, match="最新意见"):
        services.case_submit_for_approval(case=case, actor=staff.officer)
    assert [o.tier for o in case.opinions.order_by("id")] == ["handler", "office", "handler"]


def test_close_needs_the_document_served(staff):
    case = _case(staff, CaseStatus.DECIDED)
    with pytest.raises(GateError, match="送达"):
        services.case_close(case=case, actor=staff.officer, closed_on=date(2025, 4, 20))
    services.case_close(
        case=case, actor=staff.officer, closed_on=date(2025, 4, 20), served_on=date(2025, 4, 18)
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.decision.served_on == date(2025, 4, 18)


# --- who may act ----------------------------------------------------------------------------------------


def test_county_officer_cannot_act_on_a_city_case(staff, users):
    case = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)
    with pytest.raises(ApplicationError, match="管辖范围"):
        services.case_accept(case=case, actor=users.fuyi_qinzhou, accepted_on=date(2025, 3, 4))


def test_roles_without_permission_cannot_register_or_approve(staff, users, tree):
    with pytest.raises(ApplicationError, match="权限"):
        register_case(actor=users.nobody, body=staff.body, respondent=staff.respondent)
    with pytest.raises(ApplicationError, match="县级以上人民政府"):
        register_case(actor=staff.officer, body=tree.city_justice, respondent=staff.respondent)
    case = _case(staff, CaseStatus.PENDING_APPROVAL)
    with pytest.raises(ApplicationError, match="权限"):
        services.case_return_for_revision(case=case, actor=staff.officer, reason="x")
