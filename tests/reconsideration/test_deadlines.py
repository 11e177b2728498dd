"""The statutory clocks of a reconsideration case, driven through the services.

Every expected date is worked out by hand from docs/law/counting.md and its holiday table (the reasoning is in
the comment beside it), never taken from the engine. Reminders:
- 复议法第八十八条: the 3/5/7/10 "days" are working days; make-up working days (调休上班: Sun 2025-09-28,
  Sat 2025-10-11, Sat 2026-02-14, Sat 2026-02-28) count, holidays do not;
- 15/30/60 days are calendar days; a last day on a rest day moves to the next working day, a last day
  on a make-up working day does not.
Holidays used: 2025 国庆 10-01…10-08, 劳动节 05-01…05-05, 端午 05-31…06-02; 2026 春节 02-15…02-23,
劳动节 05-01…05-05.
"""

from datetime import date

import pytest

from core.exceptions import GateError
from deadlines.choices import DeadlineStatus
from deadlines.clocks import latest_clock, open_clock
from reconsideration import deadlines as rules
from reconsideration import services
from reconsideration.choices import Procedure, SimpleGround, SuspensionGround
from reconsideration.models import OpinionLetter

from .factories import due, register_case, request_and_approve_extension

pytestmark = pytest.mark.django_db


def _register(staff, received_on, **kwargs):
    kwargs.setdefault("handler", staff.officer)
    return register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, received_on=received_on, **kwargs
    )


def _accepted(staff, accepted_on, *, simple=False, received_on=None):
    """A case received on `received_on` (default: the acceptance day) and accepted on `accepted_on`."""
    case = _register(staff, received_on or accepted_on, act_on_the_spot=simple)
    services.case_accept(
        case=case,
        actor=staff.officer,
        accepted_on=accepted_on,
        procedure=Procedure.SIMPLE if simple else Procedure.ORDINARY,
        simple_ground=SimpleGround.ON_THE_SPOT if simple else "",
    )
    return case


# --- intake: received on make-up working days and on holidays (recon.acceptance_review) -------------


def test_received_on_makeup_saturday_2026_02_28(staff):
    # Sat 2026-02-28 is a make-up working day but the receipt day itself is not counted:
    # Sun 03-01 rest; Mon 03-02 (1), 03-03 (2), 03-04 (3), 03-05 (4), Fri 03-06 (5).
    case = _register(staff, date(2026, 2, 28))
    assert due(case, rules.ACCEPTANCE_REVIEW) == date(2026, 3, 6)
    assert due(case, rules.CORRECTION_NOTICE) == date(2026, 3, 6)
    assert case.number == "天复〔2026〕1号"


def test_received_on_makeup_sunday_2025_09_28(staff):
    # Sun 2025-09-28 (make-up): Mon 09-29 (1), Tue 09-30 (2), 10-01…10-08 国庆, Thu 10-09 (3), Fri 10-10 (4),
    # Sat 10-11 make-up (5) → due Sat 2025-10-11, no roll-over (a make-up day is a working day).
    case = _register(staff, date(2025, 9, 28))
    assert due(case, rules.ACCEPTANCE_REVIEW) == date(2025, 10, 11)


def test_received_on_national_day_2025_10_03(staff):
    # Fri 2025-10-03 (holiday): 10-04…10-08 holiday; 10-09 (1), 10-10 (2), Sat 10-11 make-up (3),
    # Mon 10-13 (4), Tue 10-14 (5).
    case = _register(staff, date(2025, 10, 3))
    assert due(case, rules.ACCEPTANCE_REVIEW) == date(2025, 10, 14)
    assert due(case, rules.CORRECTION_NOTICE) == date(2025, 10, 14)


def test_received_in_spring_festival_2026_02_17(staff):
    # Tue 2026-02-17 (春节): 02-18…02-23 holiday; Tue 02-24 (1), 02-25 (2), 02-26 (3), 02-27 (4),
    # Sat 02-28 make-up (5) → due Sat 2026-02-28.
    case = _register(staff, date(2026, 2, 17))
    assert due(case, rules.ACCEPTANCE_REVIEW) == date(2026, 2, 28)


# --- correction (recon.correction_notice / correction_reply, Art 31) -------------------------------


def test_domain_example_correction_received_2025_09_30(staff):
    # docs/law/counting.md example: received Tue 2025-09-30 → notice due 10-14 (10-09, 10-10,
    # 10-11 make-up, 10-13, 10-14).
    # The applicant receives the notice Thu 10-09 → 10 working days: 10-10 (1), Sat 10-11 (2), 10-13 (3),
    # 10-14 (4), 10-15 (5), 10-16 (6), 10-17 (7), 10-20 (8), 10-21 (9), Wed 10-22 (10).
    case = _register(staff, date(2025, 9, 30))
    assert due(case, rules.CORRECTION_NOTICE) == date(2025, 10, 14)
    services.case_request_correction(
        case=case,
        actor=staff.officer,
        items="补充身份证明",
        notice_sent_on=date(2025, 9, 30),
        applicant_received_on=date(2025, 10, 9),
    )
    assert due(case, rules.CORRECTION_REPLY) == date(2025, 10, 22)
    # The notice met its own clock; the review clock waits for the materials (Art 31(3)).
    assert latest_clock(case, rules.CORRECTION_NOTICE).status == DeadlineStatus.MET
    assert open_clock(case, rules.ACCEPTANCE_REVIEW) is None


def test_correction_notice_received_on_a_holiday(staff):
    # Notice received Fri 2025-10-03 (国庆): 10-09 (1), 10-10 (2), Sat 10-11 (3), 10-13 (4), 10-14 (5),
    # 10-15 (6), 10-16 (7), 10-17 (8), 10-20 (9), Tue 10-21 (10).
    case = _register(staff, date(2025, 9, 29))
    services.case_request_correction(
        case=case, actor=staff.officer, items="补充材料", notice_sent_on=date(2025, 9, 30)
    )
    assert open_clock(case, rules.CORRECTION_REPLY) is None  # not until the applicant has the notice
    services.case_record_correction_notice_receipt(
        case=case, actor=staff.officer, received_on=date(2025, 10, 3)
    )
    assert due(case, rules.CORRECTION_REPLY) == date(2025, 10, 21)


def test_makeup_day_application_through_correction_to_acceptance(staff):
    # The browser journey's dates. Received Sat 2026-02-28 (make-up) → review due Fri 03-06 (above).
    case = _register(staff, date(2026, 2, 28))
    # Notice sent Wed 03-04, received Thu 03-05 → 03-06 (1), 03-09 (2) … 03-13 (6), 03-16 (7), 03-17 (8),
    # 03-18 (9), Thu 03-19 (10).
    services.case_request_correction(
        case=case,
        actor=staff.officer,
        items="补充处罚决定书",
        notice_sent_on=date(2026, 3, 4),
        applicant_received_on=date(2026, 3, 5),
    )
    assert due(case, rules.CORRECTION_REPLY) == date(2026, 3, 19)
    # Materials received Tue 03-17 → a new 5-working-day review: 03-18 (1), 03-19 (2), 03-20 (3),
    # Mon 03-23 (4), Tue 03-24 (5).
    services.case_receive_correction(case=case, actor=staff.officer, received_on=date(2026, 3, 17))
    assert latest_clock(case, rules.CORRECTION_REPLY).status == DeadlineStatus.MET
    assert due(case, rules.ACCEPTANCE_REVIEW) == date(2026, 3, 24)
    # Accepted Fri 03-20 → copy 7 working days: 03-23 (1) … 03-27 (5), 03-30 (6), Tue 03-31 (7);
    # decision 60 days: 11 days to 03-31, 30 in April, 19 in May → Tue 2026-05-19.
    services.case_accept(case=case, actor=staff.officer, accepted_on=date(2026, 3, 20))
    assert due(case, rules.COPY) == date(2026, 3, 31)
    assert due(case, rules.DECISION) == date(2026, 5, 19)
    assert latest_clock(case, rules.ACCEPTANCE_REVIEW).status == DeadlineStatus.MET


# --- acceptance: copy and decision clocks (Arts 48, 54, 62) -----------------------------------------


def test_domain_example_ordinary_accepted_2025_03_03(staff):
    # docs/law/counting.md example: 03-03 + 60 → Fri 05-02 (劳动节 05-01…05-05) → Tue 2025-05-06.
    # Copy: 03-04 (1), 03-05, 03-06, 03-07 (4), Mon 03-10 (5), 03-11 (6), Wed 03-12 (7).
    case = _accepted(staff, date(2025, 3, 3))
    assert due(case, rules.DECISION) == date(2025, 5, 6)
    assert due(case, rules.COPY) == date(2025, 3, 12)
    assert open_clock(case, rules.CORRECTION_NOTICE) is None  # cancelled: nothing to correct


def test_domain_example_simple_accepted_2026_01_20(staff):
    # docs/law/counting.md example: 01-20 + 30 → Thu 02-19 (春节) → Tue 2026-02-24.
    # Copy 3 working days: 01-21, 01-22, Fri 01-23.
    case = _accepted(staff, date(2026, 1, 20), simple=True)
    assert due(case, rules.DECISION_SIMPLE) == date(2026, 2, 24)
    assert due(case, rules.COPY_SIMPLE) == date(2026, 1, 23)
    assert open_clock(case, rules.DECISION) is None


def test_simple_decision_ending_on_makeup_saturday(staff):
    # 2026-01-15 + 30 = Sat 2026-02-14, a make-up working day: no roll-over.
    case = _accepted(staff, date(2026, 1, 15), simple=True)
    assert due(case, rules.DECISION_SIMPLE) == date(2026, 2, 14)


def test_decision_ending_on_makeup_sunday(staff):
    # 2025-07-30 + 60: 07-31 (1), August 31 days (32), 28 more → Sun 2025-09-28, a make-up day: stays.
    case = _accepted(staff, date(2025, 7, 30))
    assert due(case, rules.DECISION) == date(2025, 9, 28)


def test_copy_to_respondent_across_national_day(staff):
    # Accepted Tue 2025-09-30: 10-09 (1), 10-10 (2), Sat 10-11 (3), 10-13 (4), 10-14 (5), 10-15 (6),
    # Thu 10-16 (7).
    case = _accepted(staff, date(2025, 9, 30))
    assert due(case, rules.COPY) == date(2025, 10, 16)


def test_respondent_reply_ordinary_and_simple_across_national_day(staff):
    # Respondent received the copy Mon 2025-09-29.
    # Ordinary 10 working days: 09-30 (1), 10-09 (2), 10-10 (3), Sat 10-11 (4), 10-13 (5), 10-14 (6),
    # 10-15 (7), 10-16 (8), 10-17 (9), Mon 10-20 (10).
    ordinary = _accepted(staff, date(2025, 9, 26))
    services.case_send_copy(
        case=ordinary,
        actor=staff.officer,
        sent_on=date(2025, 9, 26),
        respondent_received_on=date(2025, 9, 29),
    )
    assert latest_clock(ordinary, rules.COPY).status == DeadlineStatus.MET
    assert due(ordinary, rules.REPLY) == date(2025, 10, 20)
    # Simplified 5 working days: 09-30 (1), 10-09 (2), 10-10 (3), Sat 10-11 (4), Mon 10-13 (5).
    simple = _accepted(staff, date(2025, 9, 26), simple=True)
    services.case_send_copy(
        case=simple, actor=staff.officer, sent_on=date(2025, 9, 26), respondent_received_on=date(2025, 9, 29)
    )
    assert due(simple, rules.REPLY_SIMPLE) == date(2025, 10, 13)


def test_respondent_reply_across_spring_festival_and_makeup_days(staff):
    # Copy received Fri 2026-02-13. Simplified: Sat 02-14 make-up (1), 02-15…02-23 春节, 02-24 (2),
    # 02-25 (3), 02-26 (4), Fri 02-27 (5).
    simple = _accepted(staff, date(2026, 2, 11), simple=True)
    services.case_send_copy(
        case=simple, actor=staff.officer, sent_on=date(2026, 2, 12), respondent_received_on=date(2026, 2, 13)
    )
    assert due(simple, rules.REPLY_SIMPLE) == date(2026, 2, 27)
    # Ordinary: … 02-27 (5), Sat 02-28 make-up (6), 03-02 (7), 03-03 (8), 03-04 (9), Thu 03-05 (10).
    ordinary = _accepted(staff, date(2026, 2, 11))
    services.case_send_copy(
        case=ordinary,
        actor=staff.officer,
        sent_on=date(2026, 2, 12),
        respondent_received_on=date(2026, 2, 13),
    )
    assert due(ordinary, rules.REPLY) == date(2026, 3, 5)
    services.case_receive_reply(
        case=ordinary, actor=staff.officer, received_on=date(2026, 3, 5), with_evidence=True
    )
    assert latest_clock(ordinary, rules.REPLY).status == DeadlineStatus.MET


# --- suspension, resumption, extension (Arts 39, 41, 62) --------------------------------------------


def test_suspension_and_resumption_move_the_decision_clock(staff):
    # Accepted Tue 2025-07-01: + 60 → Sat 08-30 → Mon 2025-09-01.
    case = _accepted(staff, date(2025, 7, 1))
    assert due(case, rules.DECISION) == date(2025, 9, 1)
    services.case_send_copy(case=case, actor=staff.officer, sent_on=date(2025, 7, 2))
    # docs/law/counting.md example: suspended 2025-08-01 on 39(1) → the termination prompt on
    # 08-01 + 60 = Tue 2025-09-30.
    services.case_suspend(
        case=case,
        actor=staff.officer,
        ground=SuspensionGround.APPLICANT_DIED,
        suspended_on=date(2025, 8, 1),
        reason="申请人死亡，近亲属尚未确定是否参加。",
    )
    assert due(case, rules.SUSPENSION_LIMIT) == date(2025, 9, 30)
    assert open_clock(case, rules.DECISION).is_suspended
    # Resumed 08-21: 20 calendar days suspended → raw 08-30 + 20 = Fri 2025-09-19.
    services.case_resume(case=case, actor=staff.officer, resumed_on=date(2025, 8, 21))
    assert due(case, rules.DECISION) == date(2025, 9, 19)
    assert latest_clock(case, rules.SUSPENSION_LIMIT).status == DeadlineStatus.MET


def test_suspension_limit_only_for_grounds_1_2_4(staff):
    # 39(2) from Mon 2026-01-05: 26 days to 01-31, 28 in February, 6 more → Fri 2026-03-06.
    case = _accepted(staff, date(2026, 1, 5))
    services.case_send_copy(case=case, actor=staff.officer, sent_on=date(2026, 1, 5))
    services.case_suspend(
        case=case,
        actor=staff.officer,
        ground=SuspensionGround.APPLICANT_INCAPACITATED,
        suspended_on=date(2026, 1, 5),
        reason="丧失行为能力",
    )
    assert due(case, rules.SUSPENSION_LIMIT) == date(2026, 3, 6)
    # 39(5) (force majeure) has no 60-day limit.
    other = _accepted(staff, date(2026, 1, 5))
    services.case_send_copy(case=other, actor=staff.officer, sent_on=date(2026, 1, 5))
    services.case_suspend(
        case=other,
        actor=staff.officer,
        ground=SuspensionGround.FORCE_MAJEURE,
        suspended_on=date(2026, 1, 6),
        reason="不可抗力",
    )
    assert latest_clock(other, rules.SUSPENSION_LIMIT) is None


def test_extension_lengthens_the_decision_period(staff):
    # Accepted 2025-03-03: raw end Fri 05-02. +10 → Mon 2025-05-12 (a working day).
    case = _accepted(staff, date(2025, 3, 3))
    request_and_approve_extension(
        case,
        officer=staff.officer,
        head=staff.head,
        days=10,
        reference="天复延〔2025〕1号",
        reason="情况复杂",
        on=date(2025, 4, 30),  # within the period (复议法第六十二条第一款)
    )
    assert due(case, rules.DECISION) == date(2025, 5, 12)
    # +20 more (30 in all): raw 05-02 + 30 = Sun 06-01 (端午 05-31…06-02) → Tue 2025-06-03.
    request_and_approve_extension(
        case,
        officer=staff.officer,
        head=staff.head,
        days=20,
        reference="天复延〔2025〕2号",
        reason="情况复杂",
        on=date(2025, 5, 12),  # the day the first extension ends
    )
    assert due(case, rules.DECISION) == date(2025, 6, 3)


# --- conversion to ordinary procedure (Art 55) ------------------------------------------------------


def test_conversion_switches_the_clocks(staff):
    # Simplified, accepted Tue 2026-01-20 (decision due 02-24, copy 01-23). Converted on 01-22 before the
    # copy went out: ordinary decision 01-20 + 60 = Sat 03-21 → Mon 2026-03-23; copy 7 working days
    # 01-21 … 01-23 (3), 01-26 (4), 01-27, 01-28, Thu 01-29 (7).
    case = _accepted(staff, date(2026, 1, 20), simple=True)
    services.case_convert_to_ordinary(
        case=case,
        actor=staff.head,
        converted_on=date(2026, 1, 22),
        reason="案情复杂",
    )
    assert due(case, rules.DECISION) == date(2026, 3, 23)
    assert due(case, rules.COPY) == date(2026, 1, 29)
    assert latest_clock(case, rules.DECISION_SIMPLE) is None  # cancelled, not met
    case.refresh_from_db()
    assert case.procedure == Procedure.ORDINARY
    event = case.events.get(kind="convert")
    assert "2026-02-24" in event.note and "2026-03-23" in event.note


def test_conversion_carries_past_suspensions_over(staff):
    # Simplified, accepted 2026-01-20; suspended Mon 01-26, resumed Mon 02-02 (7 days):
    # simple raw 02-19 + 7 = Thu 2026-02-26. Converted: ordinary raw 03-21 + 7 = Sat 03-28 → Mon 2026-03-30.
    case = _accepted(staff, date(2026, 1, 20), simple=True)
    services.case_send_copy(case=case, actor=staff.officer, sent_on=date(2026, 1, 21))
    services.case_suspend(
        case=case,
        actor=staff.officer,
        ground=SuspensionGround.FORCE_MAJEURE,
        suspended_on=date(2026, 1, 26),
        reason="不可抗力",
    )
    services.case_resume(case=case, actor=staff.officer, resumed_on=date(2026, 2, 2))
    assert due(case, rules.DECISION_SIMPLE) == date(2026, 2, 26)
    services.case_convert_to_ordinary(
        case=case,
        actor=staff.head,
        converted_on=date(2026, 2, 3),
        reason="案情复杂",
    )
    assert due(case, rules.DECISION) == date(2026, 3, 30)


# --- hearing notice (recon.hearing_notice, Art 51: 5 working days before) ------------------------------


def _hearing(staff, case, hearing_date, notice_on):
    return services.hearing_schedule(
        case=case,
        actor=staff.officer,
        date=hearing_date,
        place="市司法局听证室",
        matters="处罚是否合法",
        presiding=staff.head,
        officers=[staff.officer, staff.extra],
        clerk=staff.clerk,
        notice_sent_on=notice_on,
    )


@pytest.fixture
def hearing_staff(staff, make_user, tree):
    from accounts.choices import Role

    staff.extra = make_user("fuyi2", unit=tree.city_justice, roles=[Role.RECON_OFFICER])
    staff.clerk = make_user("fuyi3", unit=tree.city_justice, roles=[Role.RECON_OFFICER])
    return staff


def test_hearing_notice_latest_day_across_national_day(hearing_staff):
    # Hearing Mon 2025-10-13. Notice on Mon 09-29 leaves 09-30 (1), 10-09 (2), 10-10 (3), Sat 10-11 (4),
    # 10-13 (5) — enough; on Tue 09-30 the 5th working day would be 10-14, after the hearing.
    staff = hearing_staff
    case = _accepted(staff, date(2025, 9, 26))
    services.case_send_copy(case=case, actor=staff.officer, sent_on=date(2025, 9, 26))
    with pytest.raises(GateError, match="2025-09-29"):
        _hearing(staff, case, date(2025, 10, 13), date(2025, 9, 30))
    hearing = _hearing(staff, case, date(2025, 10, 13), date(2025, 9, 29))
    assert hearing.officers.count() == 2


def test_hearing_notice_latest_day_with_makeup_saturday(hearing_staff):
    # Hearing Fri 2026-03-06: a notice on Sun 03-01 leaves 03-02 … 03-06 (5) — the latest day is Sun 03-01,
    # so a notice on the make-up Sat 02-28 is in time and one on Mon 03-02 is not (5th day 03-09).
    staff = hearing_staff
    case = _accepted(staff, date(2026, 2, 11))
    services.case_send_copy(case=case, actor=staff.officer, sent_on=date(2026, 2, 12))
    with pytest.raises(GateError, match="2026-03-01"):
        _hearing(staff, case, date(2026, 3, 6), date(2026, 3, 2))
    _hearing(staff, case, date(2026, 3, 6), date(2026, 2, 28))


# --- opinion letter (recon.opinion_letter_report, Art 76) ----------------------------------------------


def test_opinion_letter_report_clock(staff):
    # Received 2025-11-28: 2 days to 11-30, 31 in December, 27 more → Tue 2026-01-27.
    case = _accepted(staff, date(2025, 11, 3))
    letter = services.opinion_letter_issue(
        case=case,
        actor=staff.officer,
        agency=staff.respondent,
        content="请纠正违法行为。",
        sent_on=date(2025, 11, 26),
        received_on=date(2025, 11, 28),
    )
    assert due(letter, rules.OPINION_LETTER_REPORT) == date(2026, 1, 27)
    services.opinion_letter_record_report(
        letter=letter, actor=staff.officer, report_received_on=date(2026, 1, 27), report_summary="已纠正。"
    )
    assert latest_clock(letter, rules.OPINION_LETTER_REPORT).status == DeadlineStatus.MET
    assert OpinionLetter.objects.get().report_received_on == date(2026, 1, 27)


# --- the application period (recon.application, recon.application_max, Art 20) ------------------------


def test_domain_example_application_period(staff):
    # docs/law/counting.md example: knew 2025-08-02 → + 60 = Wed 10-01 (国庆 to 10-08) → Thu 2025-10-09;
    # 10-10 is late.
    in_time = _register(staff, date(2025, 10, 9), knew_of_act_on=date(2025, 8, 2))
    assert in_time.application_due_on == date(2025, 10, 9)
    assert not in_time.is_late
    late = _register(staff, date(2025, 10, 10), knew_of_act_on=date(2025, 8, 2))
    assert late.application_due_on == date(2025, 10, 9)
    assert late.is_late


def test_mailed_application_counts_from_posting(staff):
    # Posted Thu 2025-10-09 (the last day), received Mon 10-13: in time — 交邮日 counts (民诉法第八十五条).
    case = _register(
        staff,
        date(2025, 10, 13),
        knew_of_act_on=date(2025, 8, 2),
        submitted_on=date(2025, 10, 9),
        channel="mail",
    )
    assert not case.is_late
    # The review clock still runs from the receipt: 10-14 (1), 10-15, 10-16, 10-17 (4), Mon 10-20 (5).
    assert due(case, rules.ACCEPTANCE_REVIEW) == date(2025, 10, 20)


def test_right_to_apply_not_stated_one_year_cap(staff):
    # Art 20(3): knew of the act 2024-12-10, of the right 2025-11-20. 60 days from the right: 10 to 11-30,
    # 31 in December, 19 more → Mon 2026-01-19; the one-year cap from 2024-12-10 → Wed 2025-12-10.
    # The earlier wins.
    case = _register(
        staff,
        date(2025, 12, 10),
        knew_of_act_on=date(2024, 12, 10),
        act_date=date(2024, 12, 10),
        act_stated_right_to_apply=False,
        knew_of_right_on=date(2025, 11, 20),
    )
    assert case.application_due_on == date(2025, 12, 10)
    assert not case.is_late
    late = _register(
        staff,
        date(2025, 12, 11),
        knew_of_act_on=date(2024, 12, 10),
        act_date=date(2024, 12, 10),
        act_stated_right_to_apply=False,
        knew_of_right_on=date(2025, 11, 20),
    )
    assert late.is_late


def test_obstacle_period_continues_the_application_period(staff):
    # Art 20(2): knew 2025-08-02 (raw end 10-01); an obstacle 09-01 … 09-21 stops the clock for 20 days:
    # raw 10-01 + 20 = Tue 2025-10-21. Submitted 10-20: late before, in time after the reason is recorded.
    case = _register(staff, date(2025, 10, 20), knew_of_act_on=date(2025, 8, 2))
    assert case.is_late
    services.case_record_delay_reason(
        case=case,
        actor=staff.officer,
        reason="申请人因洪灾被困。",
        obstacle_from=date(2025, 9, 1),
        obstacle_to=date(2025, 9, 21),
    )
    case.refresh_from_db()
    assert case.application_due_on == date(2025, 10, 21)
    assert not case.is_late
