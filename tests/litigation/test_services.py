"""Every gate and clock of the litigation services (docs/law/litigation.md)."""

from datetime import date

import pytest

from core.exceptions import ApplicationError, GateError
from deadlines.choices import DeadlineStatus
from deadlines.clocks import latest_clock
from deadlines.models import Notification
from disputes.choices import Sector
from litigation import services
from litigation.choices import (
    AbsenceReason,
    CaseStatus,
    DefendantRole,
    HeadPosition,
    Instance,
    MustAppearGround,
    Outcome,
    RecommendationKind,
    WithdrawalReason,
)
from litigation.models import CaseEvent

from .factories import case_at, court_for, decide, defend, hear, register

pytestmark = pytest.mark.django_db


def due(record, code):
    clock = latest_clock(record, code)
    assert clock is not None, code
    return clock.due_date


# --- registration and defence (行诉法第六十七条) ------------------------------------------------------


def test_register_starts_defence_and_trial_clocks(lit):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    assert case.status == CaseStatus.RESPONDING
    assert case.number.startswith("YS-2025-")
    assert due(case, "lit.defense") == date(2025, 10, 9)  # 10-01 is in the National Day holiday
    assert due(case, "lit.first_instance") == date(2026, 3, 16)
    assert list(case.defendants.values_list("role", flat=True)) == [DefendantRole.ORIGINAL]
    assert case.events.get().kind == "register"


def test_simple_procedure_runs_45_days(lit):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court, procedure="simple")
    assert due(case, "lit.first_instance_simple") == date(2025, 10, 31)


def test_recon_body_that_upheld_is_a_co_defendant(lit):
    case = register(
        actor=lit.staff, respondent=lit.agency, court=lit.court, recon_body_upheld=lit.tree.qinzhou
    )
    assert set(case.defendants.values_list("role", flat=True)) == {
        DefendantRole.ORIGINAL,
        DefendantRole.RECON_UPHELD,
    }


def test_register_needs_a_court_permission_and_jurisdiction(lit):
    with pytest.raises(ApplicationError, match="人民法院"):
        register(actor=lit.staff, respondent=lit.agency, court=lit.tree.qinzhou_justice)
    with pytest.raises(ApplicationError, match="权限"):
        register(actor=lit.users.nobody, respondent=lit.agency, court=lit.court)
    with pytest.raises(ApplicationError, match="管辖"):
        register(actor=lit.maiji_staff, respondent=lit.agency, court=lit.court)


def test_future_receipt_refused(lit):
    with pytest.raises(ApplicationError, match="不能晚于今天"):
        register(
            actor=lit.staff,
            respondent=lit.agency,
            court=lit.court,
            received=date(2099, 1, 1),
            docketed_on=None,
        )


def test_defence_on_time_meets_the_clock(lit):
    case = defend(
        register(actor=lit.staff, respondent=lit.agency, court=lit.court), lit.staff, on=date(2025, 10, 9)
    )
    assert case.status == CaseStatus.IN_TRIAL
    assert case.defence_on_time is True
    assert latest_clock(case, "lit.defense").status == DeadlineStatus.MET


def test_late_evidence_is_not_on_time(lit):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    case = services.case_file_defence(
        case=case, actor=lit.staff, defence_filed_on=date(2025, 10, 9), evidence_filed_on=date(2025, 10, 10)
    )
    assert case.defence_on_time is False
    assert latest_clock(case, "lit.defense").status == DeadlineStatus.MISSED
    assert "第三十四条" in case.events.get(kind="defend").note


def test_defence_before_receipt_refused(lit):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    with pytest.raises(ApplicationError, match="不能早于"):
        defend(case, lit.staff, on=date(2025, 9, 1))


def test_defence_twice_refused(lit):
    case = defend(register(actor=lit.staff, respondent=lit.agency, court=lit.court), lit.staff)
    with pytest.raises(ApplicationError, match="不能提交答辩状"):
        defend(case, lit.staff)


# --- must appear (出庭规定第四条第一款) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sector", "flags", "court", "expected"),
    [
        (Sector.FOOD_DRUG, {}, False, [MustAppearGround.SECTOR]),
        (Sector.ECOLOGY, {}, False, [MustAppearGround.SECTOR]),
        (Sector.NATURAL_RESOURCES, {}, False, [MustAppearGround.SECTOR]),
        (Sector.PUBLIC_HEALTH, {}, False, [MustAppearGround.SECTOR]),
        (Sector.MARKET, {"public_concern": True}, False, [MustAppearGround.PUBLIC_CONCERN]),
        (Sector.MARKET, {"mass_incident": True}, False, [MustAppearGround.MASS_INCIDENT]),
        (Sector.MARKET, {}, True, [MustAppearGround.COURT_NOTICE]),
        (Sector.MARKET, {}, False, []),
    ],
)
def test_must_appear_grounds(lit, sector, flags, court, expected):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court, sector=sector, **flags)
    hearing = services.hearing_schedule(
        case=case, actor=lit.staff, date=date(2025, 10, 20), court_requested_head=court
    )
    assert hearing.must_appear is bool(expected)
    assert hearing.must_appear_grounds == ",".join(str(g.value) for g in expected)


def test_must_appear_hearing_sends_the_reminder(lit, make_user, django_capture_on_commit_callbacks):
    head = make_user("juzhang", unit=lit.agency, is_unit_leader=True)
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court, sector=Sector.FOOD_DRUG)
    with django_capture_on_commit_callbacks(execute=True):
        hearing = services.hearing_schedule(case=case, actor=lit.staff, date=date(2099, 1, 5))
        past = services.hearing_schedule(case=case, actor=lit.staff, date=date(2025, 10, 20))
    note = Notification.objects.get(recipient=head)
    assert "出庭应诉提醒" in note.title and "2099-01-05" in note.body
    assert past.must_appear and past.reminder_sent_on is None
    assert hearing.reminder_sent_on is not None


def test_ordinary_hearing_sends_no_reminder(lit, make_user, django_capture_on_commit_callbacks):
    make_user("juzhang", unit=lit.agency, is_unit_leader=True)
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    with django_capture_on_commit_callbacks(execute=True):
        services.hearing_schedule(case=case, actor=lit.staff, date=date(2025, 10, 20))
    assert not Notification.objects.exists()


def test_confirm_head_accepts_only_a_head(lit):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court, sector=Sector.FOOD_DRUG)
    hearing = services.hearing_schedule(case=case, actor=lit.staff, date=date(2025, 10, 20))
    with pytest.raises(ApplicationError, match="第二条"):
        services.hearing_confirm_head(
            hearing=hearing, actor=lit.staff, head_name="赵科长", head_position=HeadPosition.OTHER
        )
    hearing = services.hearing_confirm_head(
        hearing=hearing, actor=lit.staff, head_name="王局长", head_position=HeadPosition.DEPUTY
    )
    assert hearing.confirmed_head_name == "王局长"


# --- attendance (出庭规定第二条、第八条至第十一条; 行诉解释第一百二十八条) ---------------------------------


def test_section_chief_and_lawyer_are_not_head_attendance(lit):
    case = defend(
        register(actor=lit.staff, respondent=lit.agency, court=lit.court, sector=Sector.FOOD_DRUG), lit.staff
    )
    hearing = hear(case, lit.staff, head=False)
    attendance = hearing.attendances.get()
    assert hearing.must_appear
    assert attendance.head_counts is False
    assert attendance.lawyer_only is False
    assert attendance.unexcused_absence is True


def test_head_attendance_counts(lit):
    case = defend(
        register(actor=lit.staff, respondent=lit.agency, court=lit.court, sector=Sector.FOOD_DRUG), lit.staff
    )
    attendance = hear(case, lit.staff).attendances.get()
    assert attendance.head_counts and attendance.head_spoke and not attendance.unexcused_absence


def _hearing(lit, **kw):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court, **kw)
    hearing = services.hearing_schedule(case=case, actor=lit.staff, date=date(2025, 10, 20))
    return hearing, case.defendants.get()


def test_lawyer_only_is_flagged(lit):
    hearing, defendant = _hearing(lit)
    attendance = services.attendance_record(
        hearing=hearing, defendant=defendant, actor=lit.staff, lawyer_names="李律师"
    )
    assert attendance.lawyer_only is True
    assert "第一百二十八条" in hearing.case.events.get(kind="attendance").note


def test_absence_reason_needs_proof_and_the_staff_sent(lit):
    hearing, defendant = _hearing(lit, sector=Sector.FOOD_DRUG)
    with pytest.raises(GateError) as err:
        services.attendance_record(
            hearing=hearing,
            defendant=defendant,
            actor=lit.staff,
            absence_reason=AbsenceReason.IRREPLACEABLE_DUTY,
        )
    assert "第九条" in str(err.value) and any("第十条" in str(b) for b in err.value.extra["blockers"])
    attendance = services.attendance_record(
        hearing=hearing,
        defendant=defendant,
        actor=lit.staff,
        absence_reason=AbsenceReason.IRREPLACEABLE_DUTY,
        absence_proof="市政府会议通知（加盖公章）",
        appeared_instead="法规科科长赵某",
        staff_names="赵某",
    )
    assert attendance.unexcused_absence is False and attendance.head_counts is False


def test_proof_without_reason_refused(lit):
    hearing, defendant = _hearing(lit)
    with pytest.raises(GateError, match="第八条"):
        services.attendance_record(
            hearing=hearing, defendant=defendant, actor=lit.staff, absence_proof="说明"
        )


def test_absence_reason_not_from_the_list_refused(lit):
    hearing, defendant = _hearing(lit)
    with pytest.raises(Exception, match=r"有效选项|不是合法"):
        services.attendance_record(
            hearing=hearing,
            defendant=defendant,
            actor=lit.staff,
            absence_reason="busy",
            absence_proof="x",
            appeared_instead="赵某",
        )


def test_head_spoke_needs_a_head(lit):
    hearing, defendant = _hearing(lit)
    with pytest.raises(GateError, match="第十一条"):
        services.attendance_record(
            hearing=hearing, defendant=defendant, actor=lit.staff, staff_names="赵某", head_spoke=True
        )


def test_reason_when_head_attended_refused(lit):
    hearing, defendant = _hearing(lit)
    with pytest.raises(GateError, match="无需"):
        services.attendance_record(
            hearing=hearing,
            defendant=defendant,
            actor=lit.staff,
            head_name="王局长",
            head_position=HeadPosition.PRINCIPAL,
            absence_reason=AbsenceReason.ACCIDENT,
            absence_proof="x",
            appeared_instead="y",
        )


def test_attendance_once_per_defendant_and_not_before_the_hearing(lit):
    hearing, defendant = _hearing(lit)
    services.attendance_record(hearing=hearing, defendant=defendant, actor=lit.staff, staff_names="赵某")
    with pytest.raises(ApplicationError, match="已经登记"):
        services.attendance_record(hearing=hearing, defendant=defendant, actor=lit.staff, staff_names="赵某")
    future = services.hearing_schedule(case=hearing.case, actor=lit.staff, date=date(2099, 1, 5))
    with pytest.raises(GateError, match="尚未到来"):
        services.attendance_record(hearing=future, defendant=defendant, actor=lit.staff, staff_names="赵某")


# --- outcome, appeal, effect (行诉法第六十九条至第八十八条) ---------------------------------------------


def test_lost_is_computed_from_the_outcome(lit):
    case = decide(
        defend(register(actor=lit.staff, respondent=lit.agency, court=lit.court), lit.staff),
        lit.staff,
        Outcome.REVOKE,
    )
    assert case.agency_lost is True and case.outcome_form == "judgment"
    won = decide(
        defend(register(actor=lit.staff, respondent=lit.agency, court=lit.court), lit.staff),
        lit.staff,
        Outcome.DISMISS_CLAIMS,
    )
    assert won.agency_lost is False


def test_judgment_appeal_period(lit):
    case = defend(
        register(actor=lit.staff, respondent=lit.agency, court=lit.court, received=date(2025, 6, 2)),
        lit.staff,
        on=date(2025, 6, 10),
    )
    case = decide(case, lit.staff, on=date(2025, 9, 12), served=date(2025, 9, 16))
    assert case.status == CaseStatus.DECIDED
    assert due(case, "lit.appeal_judgment") == date(2025, 10, 9)
    assert latest_clock(case, "lit.first_instance").status == DeadlineStatus.MET


def test_ruling_appeal_period_ends_on_a_make_up_working_day(lit):
    case = defend(
        register(actor=lit.staff, respondent=lit.agency, court=lit.court, received=date(2024, 8, 1)),
        lit.staff,
        on=date(2024, 8, 10),
    )
    case = decide(case, lit.staff, Outcome.DISMISS_SUIT, on=date(2024, 9, 2), served=date(2024, 9, 4))
    assert due(case, "lit.appeal_ruling") == date(2024, 9, 14)  # Sat, a make-up working day
    with pytest.raises(GateError, match="上诉期限"):
        services.case_appeal(case=case, actor=lit.staff, appealed_on=date(2024, 9, 15), court=lit.court)
    second = services.case_appeal(case=case, actor=lit.staff, appealed_on=date(2024, 9, 14), court=lit.court)
    case.refresh_from_db()
    assert case.status == CaseStatus.APPEALED
    assert second.instance == Instance.SECOND and second.previous == case
    assert due(second, "lit.second_instance") == date(2024, 12, 16)  # 12-14 is a Saturday
    assert second.defendants.count() == case.defendants.count()
    assert latest_clock(second, "lit.defense") is None


def test_withdrawal_needs_its_reason_and_flags_a_changed_act(lit):
    case = defend(register(actor=lit.staff, respondent=lit.agency, court=lit.court), lit.staff)
    with pytest.raises(GateError, match="撤诉原因"):
        decide(case, lit.staff, Outcome.WITHDRAWAL)
    case = decide(case, lit.staff, Outcome.WITHDRAWAL, withdrawal_reason=WithdrawalReason.AGENCY_CHANGED)
    assert case.changed_act_withdrawal and case.agency_lost is False
    assert case.status == CaseStatus.EFFECTIVE and case.effective_on == date(2025, 11, 5)


def test_outcome_served_before_judgment_refused(lit):
    case = defend(register(actor=lit.staff, respondent=lit.agency, court=lit.court), lit.staff)
    with pytest.raises(GateError, match="送达日期"):
        decide(case, lit.staff, on=date(2025, 11, 5), served=date(2025, 11, 3))


def test_take_effect_only_after_the_appeal_period(lit):
    case = case_at(CaseStatus.DECIDED, actor=lit.staff, respondent=lit.agency, court=lit.court)
    appeal_due = due(case, "lit.appeal_judgment")
    with pytest.raises(GateError, match="届满前"):
        services.case_take_effect(case=case, actor=lit.staff, effective_on=appeal_due)
    case = services.case_take_effect(case=case, actor=lit.staff, effective_on=date(2025, 11, 21))
    assert case.status == CaseStatus.EFFECTIVE
    assert latest_clock(case, "lit.appeal_judgment") is None  # cancelled: the period ran out unused


def test_second_instance_judgment_takes_effect_when_served(lit):
    case = defend(register(actor=lit.staff, respondent=lit.agency, court=lit.court), lit.staff)
    case = decide(case, lit.staff, on=date(2025, 10, 20), served=date(2025, 10, 21))
    second = services.case_appeal(case=case, actor=lit.staff, appealed_on=date(2025, 10, 30), court=lit.court)
    second = defend(second, lit.staff, on=date(2025, 11, 5))
    second = decide(second, lit.staff, Outcome.REVOKE, on=date(2025, 11, 10), served=date(2025, 11, 12))
    assert second.status == CaseStatus.EFFECTIVE and second.agency_lost
    with pytest.raises(ApplicationError, match="不能上诉"):
        services.case_appeal(case=second, actor=lit.staff, appealed_on=date(2025, 11, 13), court=lit.court)


# --- performance and closing (行诉法第九十四条) -------------------------------------------------------


def test_close_needs_performance_of_a_lost_judgment(lit):
    case = defend(register(actor=lit.staff, respondent=lit.agency, court=lit.court), lit.staff)
    case = decide(case, lit.staff, Outcome.REVOKE_REDO)
    case = services.case_take_effect(case=case, actor=lit.staff, effective_on=date(2025, 11, 21))
    with pytest.raises(GateError, match="登记应履行事项"):
        services.case_close(case=case, actor=lit.staff, on=date(2025, 11, 22))
    perf = services.performance_add(
        case=case, actor=lit.staff, required_action="重新作出处罚决定", due_on=date(2025, 12, 21)
    )
    with pytest.raises(GateError, match="未履行完毕"):
        services.case_close(case=case, actor=lit.staff, on=date(2025, 11, 22))
    with pytest.raises(ApplicationError, match="履行证明"):
        services.performance_done(performance=perf, actor=lit.staff, done_on=date(2025, 12, 1), evidence="")
    services.performance_done(
        performance=perf, actor=lit.staff, done_on=date(2025, 12, 1), evidence="新决定书"
    )
    case = services.case_close(case=case, actor=lit.staff, on=date(2025, 12, 2))
    assert case.status == CaseStatus.CLOSED


def test_performance_only_for_a_lost_effective_judgment(lit):
    case = case_at(CaseStatus.EFFECTIVE, actor=lit.staff, respondent=lit.agency, court=lit.court)
    with pytest.raises(ApplicationError, match="败诉"):
        services.performance_add(case=case, actor=lit.staff, required_action="x", due_on=date(2025, 12, 1))


# --- recommendations ------------------------------------------------------------------------------


@pytest.mark.parametrize(("urgent", "expected"), [(False, date(2026, 1, 28)), (True, date(2025, 12, 15))])
def test_procuratorial_reply_clock(lit, urgent, expected):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    rec = services.recommendation_register(
        case=case,
        actor=lit.staff,
        kind=RecommendationKind.PROCURATORIAL,
        received_on=date(2025, 11, 28),
        content="建议加强食品经营许可监管。",
        urgent=urgent,
    )
    code = "lit.procuratorial_reply_urgent" if urgent else "lit.procuratorial_reply"
    assert due(rec, code) == expected
    rec = services.recommendation_reply(
        recommendation=rec, actor=lit.staff, replied_on=date(2025, 12, 10), reply="已整改"
    )
    assert latest_clock(rec, code).status == DeadlineStatus.MET


def test_judicial_recommendation_has_no_clock_and_no_urgency(lit):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    with pytest.raises(ApplicationError, match="紧急"):
        services.recommendation_register(
            case=case,
            actor=lit.staff,
            kind=RecommendationKind.JUDICIAL,
            received_on=date(2025, 11, 28),
            content="x",
            urgent=True,
        )
    rec = services.recommendation_register(
        case=case,
        actor=lit.staff,
        kind=RecommendationKind.JUDICIAL,
        received_on=date(2025, 11, 28),
        content="负责人未出庭",
    )
    assert latest_clock(rec, "lit.procuratorial_reply") is None
    assert CaseEvent.objects.filter(case=case, kind="recommendation").exists()


def test_other_court_unit_is_a_court(lit):
    other = court_for(lit.tree.maiji, name="麦积区人民法院", code="mjfy")
    case = register(actor=lit.staff, respondent=lit.agency, court=other)
    assert case.court == other
