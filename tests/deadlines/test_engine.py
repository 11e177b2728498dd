"""The deadline engine against hand-worked cases.

Every expected date below was worked out by hand from docs/law/counting.md and its holiday table, never with
the code under test. Abbreviations in the comments: hol = holiday, mk = make-up working day (调休上班),
WD n = the n-th working day counted.

Holiday table (docs/law/counting.md):
2024 hol 01-01; 02-10…17; 04-04…06; 05-01…05; 06-10; 09-15…17; 10-01…07
     mk  02-04 Sun, 02-18 Sun, 04-07 Sun, 04-28 Sun, 05-11 Sat, 09-14 Sat, 09-29 Sun, 10-12 Sat
2025 hol 01-01; 01-28…02-04; 04-04…06; 05-01…05; 05-31…06-02; 10-01…08
     mk  01-26 Sun, 02-08 Sat, 04-27 Sun, 09-28 Sun, 10-11 Sat
2026 hol 01-01…03; 02-15…23; 04-04…06; 05-01…05; 06-19…21; 09-25…27; 10-01…07
     mk  01-04 Sun, 02-14 Sat, 02-28 Sat, 05-09 Sat, 09-20 Sun, 10-10 Sat
"""

from datetime import date, timedelta

import pytest

from core.exceptions import ApplicationError
from deadlines import calendar as workcal
from deadlines.engine import add_months, compute, latest_start, roll_forward
from deadlines.models import CalendarDay, CalendarSource, CalendarYear
from deadlines.rules import RULES
from tests.deadlines import fresh_calendar  # noqa: F401  (autouse fixture)

pytestmark = pytest.mark.django_db

D = date


# ---------------------------------------------------------------------------------------------
# The worked examples of docs/law/counting.md

DOMAIN_EXAMPLES = [
    # Application received Tue 2025-09-30: 10-01…08 hol; WD1 10-09 Thu, WD2 10-10 Fri, WD3 10-11 Sat mk,
    # 10-12 Sun rest, WD4 10-13, WD5 10-14.
    ("recon.correction_notice", D(2025, 9, 30), D(2025, 10, 14)),
    # Notice received Thu 2025-10-09: 10 Fri(1), 11 Sat mk(2), 13(3) 14(4) 15(5) 16(6) 17 Fri(7),
    # 18–19 weekend, 20(8) 21(9) 22 Wed(10).
    ("recon.correction_reply", D(2025, 10, 9), D(2025, 10, 22)),
    # Accepted Mon 2025-03-03 + 60 days: 03-31 is day 28, 04-30 day 58, 05-02 day 60 (Labour Day hol
    # 05-01…05) → Tue 05-06.
    ("recon.decision", D(2025, 3, 3), D(2025, 5, 6)),
    # Accepted Tue 2026-01-20 + 30: 01-31 day 11, 02-19 day 30, Spring Festival hol 02-15…23 → Tue 02-24.
    ("recon.decision_simple", D(2026, 1, 20), D(2026, 2, 24)),
    # Learned 2025-08-02 + 60: 08-31 day 29, 09-30 day 59, 10-01 day 60, hol to 10-08 → Thu 10-09.
    ("recon.application", D(2025, 8, 2), D(2025, 10, 9)),
    # Ruling served 2024-09-04 + 10 = Sat 09-14, a make-up working day: no roll-over (counting rule 5).
    ("lit.appeal_ruling", D(2024, 9, 4), D(2024, 9, 14)),
    # Judgment served 2025-09-16 + 15: 09-30 day 14, 10-01 day 15, hol to 10-08 → Thu 10-09.
    ("lit.appeal_judgment", D(2025, 9, 16), D(2025, 10, 9)),
    # Decision received 2026-09-16 + 15 = 10-01, hol 10-01…07 → Thu 10-08.
    ("lit.sue_after_recon", D(2026, 9, 16), D(2026, 10, 8)),
    # Comment opens Fri 2025-12-05 + 30: 12-31 day 26, 2026-01-04 day 30 = Sun mk → closes on or after it.
    ("dec.public_comment", D(2025, 12, 5), D(2026, 1, 4)),
    # Told Wed 2025-04-30: 05-01…05 hol; 05-06 Tue(1) 07(2) 08(3) 09 Fri(4), weekend, Mon 05-12(5).
    ("enf.hearing_request", D(2025, 4, 30), D(2025, 5, 12)),
    # Filed 2025-07-03 + 90: 07-31 day 28, 08-31 day 59, 09-30 day 89, 10-01 day 90, hol → Thu 10-09.
    ("enf.penalty_decision", D(2025, 7, 3), D(2025, 10, 9)),
    # Recommendation received 2025-11-28 + 2 months = Wed 2026-01-28, a working day.
    ("lit.procuratorial_reply", D(2025, 11, 28), D(2026, 1, 28)),
    # Urgent: 2025-11-28 + 15 = Sat 12-13 → Sun 12-14 → Mon 12-15.
    ("lit.procuratorial_reply_urgent", D(2025, 11, 28), D(2025, 12, 15)),
    # Agreement in force 2026-01-20 + 30 = 02-19 (Spring Festival) → Tue 02-24.
    ("med.judicial_confirmation", D(2026, 1, 20), D(2026, 2, 24)),
    # Suspended 2025-08-01 on ground 39(1) + 60: 08-31 day 30, 09-30 day 60 = Tue, a working day.
    ("recon.suspension_limit", D(2025, 8, 1), D(2025, 9, 30)),
]


@pytest.mark.parametrize(("code", "trigger", "due"), DOMAIN_EXAMPLES, ids=lambda v: str(v))
def test_domain_examples(code, trigger, due):
    result = compute(code, trigger)
    assert result.due == due
    assert result.calendar_verified is True


def test_recon_decision_trace_names_the_holiday():
    result = compute("recon.decision", D(2025, 3, 3))
    assert result.raw_end == D(2025, 5, 2)
    assert result.trace == [
        "规则：复议决定期限（《行政复议法》第六十二条）：受理之日起60日（自然日）",
        "起算日 2025-03-03（星期一，当日不计入）",
        "第60日 2025-05-02（星期五）为劳动节假期",
        "期限届满日为休息日，顺延至 2025-05-06（星期二）",
    ]


def test_application_on_day_61_is_late():
    # docs/law/counting.md example: learned 2025-08-02 → in time through 2025-10-09, 10-10 is late.
    due = compute("recon.application", D(2025, 8, 2)).due
    assert D(2025, 10, 9) <= due < D(2025, 10, 10)


# ---------------------------------------------------------------------------------------------
# More hand-worked cases: every rule code, make-up days, month ends, holidays

CASES = [
    # sup.filing [our rule, 15 working days]: decided Tue 2025-09-23; 24(1) 25(2) 26(3) Sun 28 mk(4)
    # 29(5) 30(6), 10-01…08 holiday, Thu 09(7) Fri 10(8) Sat 11 mk(9) Mon 13(10) … Fri 17(14) Mon 20(15).
    ("sup.filing", D(2025, 9, 23), D(2025, 10, 20)),
    # recon.application: 2024-12-01 + 60: 12-31 day 30, 2025-01-30 day 60 (Spring Festival 01-28…02-04)
    # → Wed 02-05.
    ("recon.application", D(2024, 12, 1), D(2025, 2, 5)),
    # recon.application_max: leap day 2024-02-29 + 12 months → 2025 has no 02-29 → Fri 02-28
    # (counting rule 4).
    ("recon.application_max", D(2024, 2, 29), D(2025, 2, 28)),
    # recon.acceptance_review: Fri 2024-02-02; 02-03 Sat rest, 02-04 Sun mk(1), 05(2) 06(3) 07(4) Thu 08(5).
    ("recon.acceptance_review", D(2024, 2, 2), D(2024, 2, 8)),
    # recon.forward_penalty (复议法第三十二条第二款): agency received Thu 2025-02-20; Fri 21(1), Mon 24(2)
    # 25(3) 26(4) Thu 27(5).
    ("recon.forward_penalty", D(2025, 2, 20), D(2025, 2, 27)),
    # recon.acceptance_review: Wed 2026-09-30; 10-01…07 hol; Thu 08(1) Fri 09(2) Sat 10 mk(3), Sun 11 rest,
    # Mon 12(4) Tue 13(5).
    ("recon.acceptance_review", D(2026, 9, 30), D(2026, 10, 13)),
    # recon.correction_notice: Fri 2024-06-07; weekend, Mon 06-10 Dragon Boat hol; Tue 11(1) 12(2) 13(3)
    # Fri 14(4), weekend, Mon 17(5).
    ("recon.correction_notice", D(2024, 6, 7), D(2024, 6, 17)),
    # recon.correction_reply: Wed 2025-09-24; Thu 25(1) Fri 26(2), Sat 27 rest, Sun 28 mk(3), 29(4) 30(5),
    # hol, Thu 10-09(6) Fri 10(7) Sat 11 mk(8), Sun rest, Mon 13(9) Tue 14(10).
    ("recon.correction_reply", D(2025, 9, 24), D(2025, 10, 14)),
    # recon.copy_to_respondent: Mon 2026-02-09; 10(1) 11(2) 12(3) Fri 13(4) Sat 14 mk(5), hol 15…23,
    # Tue 24(6) Wed 25(7).
    ("recon.copy_to_respondent", D(2026, 2, 9), D(2026, 2, 25)),
    # recon.copy_to_respondent: Thu 2024-02-08; Fri 09(1), hol 10…17, Sun 18 mk(2), 19(3) 20(4) 21(5)
    # 22(6) Fri 23(7).
    ("recon.copy_to_respondent", D(2024, 2, 8), D(2024, 2, 23)),
    # recon.copy_to_respondent_simple: Thu 2024-09-12; Fri 13(1), Sat 14 mk(2), hol 15…17, Wed 18(3).
    ("recon.copy_to_respondent_simple", D(2024, 9, 12), D(2024, 9, 18)),
    # recon.respondent_reply: Fri 2025-01-24; Sat rest, Sun 26 mk(1), Mon 27(2), hol 01-28…02-04,
    # Wed 05(3) 06(4) Fri 07(5), Sat 08 mk(6), Sun rest, Mon 10(7) 11(8) 12(9) Thu 13(10).
    ("recon.respondent_reply", D(2025, 1, 24), D(2025, 2, 13)),
    # recon.respondent_reply_simple: Mon 2025-04-28; Tue 29(1) Wed 30(2), hol 05-01…05, 06(3) 07(4) Thu 08(5).
    ("recon.respondent_reply_simple", D(2025, 4, 28), D(2025, 5, 8)),
    # recon.decision on a trigger that is itself a holiday (Fri 2026-02-20): the start day is simply not
    # counted. 02-28 day 8, 03-31 day 39, 04-21 day 60 = Tue.
    ("recon.decision", D(2026, 2, 20), D(2026, 4, 21)),
    # recon.decision_simple: Mon 2025-09-01 + 30 = 10-01 hol → Thu 10-09.
    ("recon.decision_simple", D(2025, 9, 1), D(2025, 10, 9)),
    # recon.suspension_limit: 2024-12-31 + 60: 01-31 day 31, 02-28 day 59, Sat 03-01 day 60 → Sun
    # → Mon 03-03.
    ("recon.suspension_limit", D(2024, 12, 31), D(2025, 3, 3)),
    # recon.opinion_letter_report: Fri 2024-08-02 + 60: 08-31 day 29, 09-30 day 59, 10-01 day 60 hol
    # → Tue 10-08.
    ("recon.opinion_letter_report", D(2024, 8, 2), D(2024, 10, 8)),
    # recon.opinion_letter_report: Sun 2026-08-02 + 60 = 10-01 hol (10-01…07) → Thu 10-08.
    ("recon.opinion_letter_report", D(2026, 8, 2), D(2026, 10, 8)),
    # lit.defense: Mon 2026-04-20 + 15 = Tue 05-05, Labour Day hol → Wed 05-06.
    ("lit.defense", D(2026, 4, 20), D(2026, 5, 6)),
    # lit.defense received on a make-up Sunday 2024-09-29 + 15 = Mon 10-14, a working day.
    ("lit.defense", D(2024, 9, 29), D(2024, 10, 14)),
    # lit.appeal_judgment: Sat 2024-04-13 + 15 = Sun 04-28, a make-up day → no roll-over.
    ("lit.appeal_judgment", D(2024, 4, 13), D(2024, 4, 28)),
    # lit.appeal_ruling: Thu 2026-05-07 + 10 = Sun 05-17, an ordinary Sunday → Mon 05-18.
    ("lit.appeal_ruling", D(2026, 5, 7), D(2026, 5, 18)),
    # lit.sue_after_recon: Fri 2025-05-16 + 15 = Sat 05-31, Dragon Boat hol 05-31…06-02 → Tue 06-03.
    ("lit.sue_after_recon", D(2025, 5, 16), D(2025, 6, 3)),
    # lit.direct_suit: 2025-08-31 + 6 months → 2026-02 has no 31st → Sat 02-28, itself a make-up day.
    ("lit.direct_suit", D(2025, 8, 31), D(2026, 2, 28)),
    # lit.first_instance: 2025-03-31 + 6 months → September has 30 days → Tue 09-30, working.
    ("lit.first_instance", D(2025, 3, 31), D(2025, 9, 30)),
    # lit.first_instance: 2023-08-31 + 6 months → leap February → Thu 2024-02-29, working.
    ("lit.first_instance", D(2023, 8, 31), D(2024, 2, 29)),
    # lit.first_instance_simple: Wed 2025-12-17 + 45: 12-31 day 14, Sat 2026-01-31 day 45 → Sun → Mon 02-02.
    ("lit.first_instance_simple", D(2025, 12, 17), D(2026, 2, 2)),
    # lit.second_instance: 2024-11-30 + 3 months → February 2025 has 28 days → Fri 02-28.
    ("lit.second_instance", D(2024, 11, 30), D(2025, 2, 28)),
    # lit.procuratorial_reply: 2025-03-31 + 2 months = Sat 05-31, Dragon Boat hol → Tue 06-03.
    ("lit.procuratorial_reply", D(2025, 3, 31), D(2025, 6, 3)),
    # lit.procuratorial_reply_urgent: Wed 2026-09-16 + 15 = 10-01 hol → Thu 10-08.
    ("lit.procuratorial_reply_urgent", D(2026, 9, 16), D(2026, 10, 8)),
    # dec.public_comment: Thu 2026-01-15 + 30: 01-31 day 16, 02-14 day 30 = Sat mk → earliest 02-14.
    ("dec.public_comment", D(2026, 1, 15), D(2026, 2, 14)),
    # dec.public_comment: Fri 2026-01-16 + 30 = Sun 02-15, Spring Festival 02-15…23 → Tue 02-24.
    ("dec.public_comment", D(2026, 1, 16), D(2026, 2, 24)),
    # dec.legality_review (≥ 7 WD): Fri 2026-02-13; Sat 14 mk(1), hol 15…23, Tue 24(2) 25(3) 26(4)
    # Fri 27(5), Sat 28 mk(6), Sun rest, Mon 03-02(7) → earliest meeting 03-02.
    ("dec.legality_review", D(2026, 2, 13), D(2026, 3, 2)),
    # dec.post_evaluation (12 months): 2025-10-01 → Thu 2026-10-01 hol (10-01…07) → Thu 10-08.
    ("dec.post_evaluation", D(2025, 10, 1), D(2026, 10, 8)),
    # norm.legality_review (15 WD): Mon 2025-09-22; 23(1) 24(2) 25(3) Fri 26(4), Sat 27 rest, Sun 28 mk(5),
    # 29(6) 30(7), hol, Thu 10-09(8) Fri 10(9) Sat 11 mk(10), Sun rest, 13(11) 14(12) 15(13) 16(14)
    # Fri 17(15).
    ("norm.legality_review", D(2025, 9, 22), D(2025, 10, 17)),
    # enf.penalty_decision: Sat 2024-11-02 + 90: 11-30 day 28, 12-31 day 59, 2025-01-31 day 90 (Spring
    # Festival) → Wed 02-05.
    ("enf.penalty_decision", D(2024, 11, 2), D(2025, 2, 5)),
    # enf.hearing_request: Fri 2026-02-13; Sat 14 mk(1), hol 15…23, Tue 24(2) 25(3) 26(4) Fri 27(5).
    ("enf.hearing_request", D(2026, 2, 13), D(2026, 2, 27)),
    # enf.service: Fri 2024-04-26; Sat rest, Sun 28 mk(1), Mon 29(2) Tue 30(3), hol 05-01…05, Mon 06(4)
    # 07(5) 08(6) Thu 09(7).
    ("enf.service", D(2024, 4, 26), D(2024, 5, 9)),
    # enf.service: Fri 2026-10-09; Sat 10 mk(1), Sun rest, 12(2) 13(3) 14(4) 15(5) Fri 16(6), weekend,
    # Mon 19(7).
    ("enf.service", D(2026, 10, 9), D(2026, 10, 19)),
    # enf.publicity_penalty: Tue 2024-05-07; 08(1) 09(2) Fri 10(3) Sat 11 mk(4), Sun rest, 13(5) 14(6)
    # Wed 15(7).
    ("enf.publicity_penalty", D(2024, 5, 7), D(2024, 5, 15)),
    # enf.publicity_other (20 WD): Mon 2024-09-02; 03…06 (4), 09…13 (9), Sat 14 mk (10), hol 15…17,
    # 18…20 (13), 23…27 (18), Sat 28 rest, Sun 29 mk (19), Mon 30 (20).
    ("enf.publicity_other", D(2024, 9, 2), D(2024, 9, 30)),
    # enf.publicity_withdraw: Thu 2026-09-17; Fri 18(1), Sat 19 rest, Sun 20 mk(2), Mon 21(3).
    ("enf.publicity_withdraw", D(2026, 9, 17), D(2026, 9, 21)),
    # enf.publicity_withdraw: Thu 2026-09-24; hol 25…27 (Mid-autumn), Mon 28(1) 29(2) Wed 30(3).
    ("enf.publicity_withdraw", D(2026, 9, 24), D(2026, 9, 30)),
    # enf.publicity_withdraw: Mon 2025-01-27; hol 01-28…02-04, Wed 05(1) 06(2) Fri 07(3).
    ("enf.publicity_withdraw", D(2025, 1, 27), D(2025, 2, 7)),
    # med.judicial_confirmation: Fri 2024-01-05 + 30: 01-31 day 26, Sun 02-04 day 30 = mk → no roll-over.
    ("med.judicial_confirmation", D(2024, 1, 5), D(2024, 2, 4)),
    # med.court_entrusted: Sat 2026-09-05 + 30: 09-30 day 25, 10-05 day 30 hol → Thu 10-08.
    ("med.court_entrusted", D(2026, 9, 5), D(2026, 10, 8)),
    # med.court_entrusted: Fri 2025-01-03 + 30: 01-31 day 28, Sun 02-02 day 30 (Spring Festival) → Wed 02-05.
    ("med.court_entrusted", D(2025, 1, 3), D(2025, 2, 5)),
    # sup.rectification (default 30): Sun 2026-05-10 + 30: 05-31 day 21, Tue 06-09 day 30, working.
    ("sup.rectification", D(2026, 5, 10), D(2026, 6, 9)),
    # sup.rectification from a holiday trigger, Fri 2025-04-04 (Qingming) + 30 = Sun 05-04 (Labour Day
    # hol 05-01…05) → Tue 05-06.
    ("sup.rectification", D(2025, 4, 4), D(2025, 5, 6)),
    # cert.expiry is the expiry date itself, even on a holiday (2026-10-03): no roll-over.
    ("cert.expiry", D(2026, 10, 3), D(2026, 10, 3)),
]


@pytest.mark.parametrize(("code", "trigger", "due"), CASES, ids=lambda v: str(v))
def test_hand_worked_cases(code, trigger, due):
    result = compute(code, trigger)
    assert result.due == due
    assert result.calendar_verified is True


def test_every_rule_code_is_exercised():
    covered = {code for code, _t, _d in DOMAIN_EXAMPLES + CASES} | {code for code, _e, _d in LATEST_CASES}
    assert covered == set(RULES)


# ---------------------------------------------------------------------------------------------
# Make-up working days (counting rule 5) and the trace


def test_makeup_day_counts_in_working_day_period_and_trace_says_so():
    result = compute("recon.correction_notice", D(2025, 9, 30))
    joined = "\n".join(result.trace)
    assert "2025-10-11（星期六）为调休上班日，按工作日计算〔本系统规则〕" in joined
    assert "国庆节" in joined
    assert "《行政复议法》第八十八条" in joined


def test_calendar_period_ending_on_makeup_day_does_not_roll():
    result = compute("lit.appeal_ruling", D(2024, 9, 4))
    assert result.raw_end == result.due == D(2024, 9, 14)
    assert "第10日 2024-09-14（星期六）为调休上班日，按工作日计算〔本系统规则〕" in result.trace
    assert not any("顺延" in line for line in result.trace)


def test_month_end_trace_explains_the_clamp():
    result = compute("lit.direct_suit", D(2025, 8, 31))
    assert any("无第31日" in line and "2026-02-28" in line for line in result.trace)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),  # January 31 + 1 month: February 2025 has 28 days
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year: February 2024 has 29 days
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # leap day + 1 year: no 2025-02-29
        (D(2025, 8, 31), 6, D(2026, 2, 28)),  # docs/law/counting.md, rule 4
        (D(2025, 11, 30), 3, D(2026, 2, 28)),  # across a year end
        (D(2025, 3, 15), 2, D(2025, 5, 15)),  # same day number when it exists
        (D(2025, 3, 31), -1, D(2025, 2, 28)),  # backwards clamps too
    ],
)
def test_add_months(start, months, end):
    assert add_months(start, months) == end


def test_roll_forward():
    # Fri 2025-05-02 is Labour Day; 05-03…05 hol → Tue 05-06. A working day stays.
    assert roll_forward(D(2025, 5, 2)) == (D(2025, 5, 6), ["期限届满日为休息日，顺延至 2025-05-06（星期二）"])
    assert roll_forward(D(2025, 9, 28)) == (D(2025, 9, 28), [])  # Sunday, make-up day


# ---------------------------------------------------------------------------------------------
# Configurable rules


def test_configurable_rule_reads_settings(settings):
    # sup.rectification 20 days: Sun 2026-05-10 + 20 = Sat 05-30 → Sun 05-31 → Mon 06-01.
    settings.DEADLINE_RULE_OVERRIDES = {"sup.rectification": 20}
    result = compute("sup.rectification", D(2026, 5, 10))
    assert result.due == D(2026, 6, 1)
    assert "本单位配置" in result.trace[0]


def test_norm_legality_review_at_its_minimum(settings):
    # 5 WD from Mon 2025-09-22: 23(1) 24(2) 25(3) Fri 26(4), Sat rest, Sun 28 mk(5) → due on the Sunday.
    settings.DEADLINE_RULE_OVERRIDES = {"norm.legality_review": 5}
    assert compute("norm.legality_review", D(2025, 9, 22)).due == D(2025, 9, 28)


def test_post_evaluation_configured_to_one_month(settings):
    # 2024-01-31 + 1 month → Thu 2024-02-29 (leap year), working.
    settings.DEADLINE_RULE_OVERRIDES = {"dec.post_evaluation": 1}
    assert compute("dec.post_evaluation", D(2024, 1, 31)).due == D(2024, 2, 29)


# ---------------------------------------------------------------------------------------------
# Extension (counting rule 7, 复议法第六十二条)


def test_extension_within_maximum():
    # raw end 2025-05-02 + 30 = Sun 06-01 (Dragon Boat hol 05-31…06-02) → Tue 06-03.
    result = compute("recon.decision", D(2025, 3, 3), extension_days=30)
    assert result.raw_end == D(2025, 6, 1)
    assert result.due == D(2025, 6, 3)
    assert any("延长30日" in line and "〔本系统规则〕" in line for line in result.trace)


def test_short_extension_lands_on_a_working_day():
    # raw end 2025-05-02 + 10 = Mon 05-12, working.
    assert compute("recon.decision", D(2025, 3, 3), extension_days=10).due == D(2025, 5, 12)


def test_extension_beyond_maximum_is_refused_quoting_the_maximum():
    with pytest.raises(ApplicationError) as excinfo:
        compute("recon.decision", D(2025, 3, 3), extension_days=31)
    assert "30日" in str(excinfo.value)
    assert "《行政复议法》第六十二条" in str(excinfo.value)


@pytest.mark.parametrize("code", ["lit.defense", "recon.decision_simple", "recon.correction_notice"])
def test_extension_of_a_rule_without_extension_is_refused(code):
    with pytest.raises(ApplicationError, match="不得延长"):
        compute(code, D(2025, 3, 3), extension_days=5)


def test_negative_extension_is_refused():
    with pytest.raises(ApplicationError):
        compute("recon.decision", D(2025, 3, 3), extension_days=-1)


# ---------------------------------------------------------------------------------------------
# Suspension (counting rule 8)


def test_calendar_suspension_moves_the_raw_end_by_the_days_suspended():
    # Suspended 04-01, resumed 04-11: 10 days. 05-02 + 10 = Mon 05-12, working.
    result = compute("recon.decision", D(2025, 3, 3), suspensions=[(D(2025, 4, 1), D(2025, 4, 11))])
    assert result.raw_end == D(2025, 5, 12)
    assert result.due == D(2025, 5, 12)
    assert any("中止" in line and "〔本系统规则〕" in line for line in result.trace)


def test_calendar_suspension_then_rule_2():
    # Suspended 04-01, resumed 04-30: 29 days. 05-02 + 29 = Sat 05-31, Dragon Boat hol → Tue 06-03.
    result = compute("recon.decision", D(2025, 3, 3), suspensions=[(D(2025, 4, 1), D(2025, 4, 30))])
    assert (result.raw_end, result.due) == (D(2025, 5, 31), D(2025, 6, 3))


def test_multiple_calendar_suspensions():
    # Raw end 2026-02-19; suspended 01-25→01-30 (5 days) and 02-02→02-05 (3 days): 02-19 + 8 = Fri 02-27.
    result = compute(
        "recon.decision_simple",
        D(2026, 1, 20),
        suspensions=[(D(2026, 2, 2), D(2026, 2, 5)), (D(2026, 1, 25), D(2026, 1, 30))],
    )
    assert result.due == D(2026, 2, 27)


def test_suspension_and_extension_together():
    # 05-02 + 10 suspended + 30 extension = Wed 06-11, working.
    result = compute(
        "recon.decision", D(2025, 3, 3), extension_days=30, suspensions=[(D(2025, 4, 1), D(2025, 4, 11))]
    )
    assert result.due == D(2025, 6, 11)


def test_working_day_suspension_counts_working_days_suspended():
    # recon.respondent_reply from Mon 2025-03-03: WD10 = Mon 03-17. Suspended Mon 03-10, resumed Mon 03-17:
    # working days in [03-10, 03-17) = 10,11,12,13,14 → 5. 03-17 + 5 WD = 18,19,20,21, Mon 24.
    result = compute("recon.respondent_reply", D(2025, 3, 3), suspensions=[(D(2025, 3, 10), D(2025, 3, 17))])
    assert result.due == D(2025, 3, 24)


def test_working_day_suspension_across_a_holiday():
    # recon.correction_reply from Wed 2025-09-24: raw end Tue 10-14 (see CASES). Suspended 09-30, resumed
    # 10-10: working days in [09-30, 10-10) = 09-30 and 10-09 (10-01…08 hol) → 2. 10-14 + 2 WD = Thu 10-16.
    result = compute(
        "recon.correction_reply", D(2025, 9, 24), suspensions=[(D(2025, 9, 30), D(2025, 10, 10))]
    )
    assert result.due == D(2025, 10, 16)


@pytest.mark.parametrize(
    "suspensions",
    [
        [(D(2025, 4, 11), D(2025, 4, 1))],  # resumed before suspended
        [(D(2025, 3, 1), D(2025, 3, 10))],  # suspended before the trigger (03-03)
        [(D(2025, 4, 1), D(2025, 4, 20)), (D(2025, 4, 10), D(2025, 4, 25))],  # overlapping
        [(D(2025, 5, 7), D(2025, 5, 20))],  # after the due date 05-06: the period had already run out
        [(D(2025, 4, 1), None)],  # still open: the caller closes it before asking
    ],
)
def test_invalid_suspensions_are_refused(suspensions):
    with pytest.raises(ApplicationError):
        compute("recon.decision", D(2025, 3, 3), suspensions=suspensions)


def test_suspension_on_the_rolled_due_date_is_allowed():
    # Due Tue 2025-05-06 (raw 05-02). Suspended on 05-06, resumed 05-08: 2 days → raw 05-04 (Labour Day
    # hol) → Tue 05-06 again: the suspension fell in the roll-over, so nothing moves.
    result = compute("recon.decision", D(2025, 3, 3), suspensions=[(D(2025, 5, 6), D(2025, 5, 8))])
    assert (result.raw_end, result.due) == (D(2025, 5, 4), D(2025, 5, 6))


def test_suspension_of_a_before_rule_is_refused():
    with pytest.raises(ApplicationError):
        compute("recon.hearing_notice", D(2025, 3, 17), suspensions=[(D(2025, 3, 1), D(2025, 3, 5))])


# ---------------------------------------------------------------------------------------------
# "At least N days before an event" (counting rule 9)

LATEST_CASES = [
    # recon.hearing_notice (5 WD before), hearing Mon 2025-03-17: working days on or before it 17, 14, 13,
    # 12, 11 (5th) → latest = the day before, Mon 03-10. Check: 03-10 + 5 WD = 03-17.
    ("recon.hearing_notice", D(2025, 3, 17), D(2025, 3, 10)),
    # Hearing Wed 2025-10-15: 15, 14, 13, 11 (Sat mk), 10 (5th) → Thu 10-09.
    ("recon.hearing_notice", D(2025, 10, 15), D(2025, 10, 9)),
    # Hearing Thu 2025-10-09, across the National Day holiday: 10-09, 09-30, 09-29, 09-28 (Sun mk),
    # 09-26 (5th) → Thu 09-25.
    ("recon.hearing_notice", D(2025, 10, 9), D(2025, 9, 25)),
    # Hearing Tue 2026-02-24 after Spring Festival: 02-24, 02-14 (Sat mk), 13, 12, 11 (5th) → Tue 02-10.
    ("recon.hearing_notice", D(2026, 2, 24), D(2026, 2, 10)),
    # enf.hearing_notice (7 WD before), hearing Fri 2025-03-14: 14, 13, 12, 11, 10, 07, 06 (7th) → Wed 03-05.
    ("enf.hearing_notice", D(2025, 3, 14), D(2025, 3, 5)),
    # Hearing Mon 2025-10-13: 13, 11 (mk), 10, 09, 09-30, 09-29, 09-28 (Sun mk, 7th) → Sat 09-27, a rest
    # day — literal (counting rule 9).
    ("enf.hearing_notice", D(2025, 10, 13), D(2025, 9, 27)),
    # Hearing Mon 2024-10-14: 14, 12 (Sat mk), 11, 10, 09, 08, 09-30 (7th) → Sun 09-29 (itself a mk day).
    ("enf.hearing_notice", D(2024, 10, 14), D(2024, 9, 29)),
    # dec.hearing_materials (7 calendar days before), hearing Fri 2025-03-14 → Fri 03-07.
    ("dec.hearing_materials", D(2025, 3, 14), D(2025, 3, 7)),
    # Hearing Thu 2025-05-08 → 05-01, Labour Day — literal; the last working day before is Wed 04-30.
    ("dec.hearing_materials", D(2025, 5, 8), D(2025, 5, 1)),
    # Hearing Tue 2026-02-24 → 02-17, Spring Festival; the last working day before is Sat 02-14 (mk).
    ("dec.hearing_materials", D(2026, 2, 24), D(2026, 2, 17)),
    # dec.legality_review (≥ 7 WD) for a meeting Mon 2026-03-02: 03-02, 02-28 (mk), 27, 26, 25, 24,
    # 02-14 (mk, 7th) → send by Fri 02-13.
    ("dec.legality_review", D(2026, 3, 2), D(2026, 2, 13)),
    # dec.public_comment (≥ 30 days) to close by 2026-01-04 → open by 2025-12-05.
    ("dec.public_comment", D(2026, 1, 4), D(2025, 12, 5)),
]


@pytest.mark.parametrize(("code", "event", "latest"), LATEST_CASES, ids=lambda v: str(v))
def test_latest_start(code, event, latest):
    assert latest_start(code, event) == latest


@pytest.mark.parametrize(
    ("code", "event", "latest"), [c for c in LATEST_CASES if RULES[c[0]].direction == "before"]
)
def test_compute_of_a_before_rule_is_the_latest_start(code, event, latest):
    result = compute(code, event)
    assert result.due == latest
    assert any("〔本系统规则〕" in line for line in result.trace)


def test_latest_start_on_a_rest_day_names_the_last_working_day():
    result = compute("dec.hearing_materials", D(2025, 5, 8))
    assert result.due == D(2025, 5, 1)
    assert any("2025-04-30（星期三）" in line and "劳动节" in line for line in result.trace)
    # Spring Festival: the last working day on or before 2026-02-17 is the make-up Saturday 02-14.
    result = compute("dec.hearing_materials", D(2026, 2, 24))
    assert any("2026-02-14（星期六）" in line for line in result.trace)


def test_latest_start_of_an_after_rule_is_refused():
    with pytest.raises(ApplicationError):
        latest_start("recon.decision", D(2025, 3, 3))


def test_at_least_rule_trace():
    result = compute("dec.public_comment", D(2025, 12, 5))
    assert any("最早" in line and "2026-01-04" in line for line in result.trace)


# ---------------------------------------------------------------------------------------------
# Unknown rules and years the package does not know (counting rule 10)


def test_unknown_rule():
    with pytest.raises(ApplicationError, match="未知的期限规则"):
        compute("recon.nonsense", D(2025, 3, 3))


def test_2026_to_2027_boundary_is_unverified_until_2027_is_entered():
    # lit.sue_after_recon from Sun 2026-12-20 + 15 = Mon 2027-01-04; with 2027 unknown, weekends only →
    # a working day.
    result = compute("lit.sue_after_recon", D(2026, 12, 20))
    assert result.due == D(2027, 1, 4)
    assert result.calendar_verified is False
    assert "注意：2027年放假安排尚未录入，暂按周末休息推算，结果待核实" in result.trace

    # An admin enters a (hypothetical, for the test) 2027 notice: 元旦 01-01…01-04. 01-04 is now a holiday
    # → Tue 01-05.
    CalendarYear.objects.create(year=2027, notice="测试通知")
    for day in (1, 2, 3, 4):
        CalendarDay.objects.create(
            date=D(2027, 1, day), is_workday=False, name="元旦", source=CalendarSource.MANUAL
        )
    workcal.clear_cache()
    result = compute("lit.sue_after_recon", D(2026, 12, 20))
    assert result.due == D(2027, 1, 5)
    assert result.calendar_verified is True
    assert "第15日 2027-01-04（星期一）为元旦假期" in result.trace
    assert not any("尚未录入" in line for line in result.trace)


def test_working_day_period_into_2027():
    # recon.acceptance_review from Thu 2026-12-31: weekends only → Fri 01-01(1), Mon 04(2) 05(3) 06(4)
    # Thu 07(5).
    result = compute("recon.acceptance_review", D(2026, 12, 31))
    assert (result.due, result.calendar_verified) == (D(2027, 1, 7), False)
    # With 01-01 entered as 元旦: Mon 04(1) 05(2) 06(3) 07(4) Fri 08(5).
    CalendarYear.objects.create(year=2027)
    CalendarDay.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")
    workcal.clear_cache()
    result = compute("recon.acceptance_review", D(2026, 12, 31))
    assert (result.due, result.calendar_verified) == (D(2027, 1, 8), True)


def test_far_future_year_never_raises():
    # lit.appeal_judgment from Fri 2040-01-20 + 15 = Sat 02-04 → weekends only → Mon 02-06.
    result = compute("lit.appeal_judgment", D(2040, 1, 20))
    assert (result.due, result.calendar_verified) == (D(2040, 2, 6), False)
    assert any("2040年放假安排尚未录入" in line for line in result.trace)


def test_year_before_the_package_never_raises():
    # recon.acceptance_review from Thu 1999-09-30, weekends only: Fri 10-01(1), Mon 04(2) 05(3) 06(4)
    # Thu 07(5).
    result = compute("recon.acceptance_review", D(1999, 9, 30))
    assert (result.due, result.calendar_verified) == (D(1999, 10, 7), False)
    assert any("1999年" in line for line in result.trace)


@pytest.mark.parametrize("trigger", [D(1999, 12, 20), D(2003, 12, 25), D(2040, 6, 1)])
def test_every_rule_computes_in_years_the_package_does_not_know(trigger):
    for code, rule in RULES.items():
        result = compute(code, trigger)
        if rule.direction == "before":
            assert result.due < trigger
        else:
            assert result.due >= trigger
        assert result.calendar_verified is (rule.unit == "fixed_date")


# ---------------------------------------------------------------------------------------------
# CalendarDay rows beat the package


def test_manual_rest_day_moves_a_working_day_due():
    # recon.respondent_reply_simple from Mon 2025-04-28 is Thu 05-08 (see CASES). Make Wed 05-07 a rest
    # day: 29(1) 30(2) 05-06(3) 05-08(4) Fri 05-09(5).
    assert compute("recon.respondent_reply_simple", D(2025, 4, 28)).due == D(2025, 5, 8)
    CalendarDay.objects.create(
        date=D(2025, 5, 7), is_workday=False, name="临时调整", source=CalendarSource.MANUAL
    )
    workcal.clear_cache()
    result = compute("recon.respondent_reply_simple", D(2025, 4, 28))
    assert result.due == D(2025, 5, 9)
    assert any("临时调整" in line for line in result.trace)


def test_manual_working_day_overrides_a_package_holiday():
    # Mark Fri 2025-05-02 (Labour Day in the package) a working day: recon.decision ends on it.
    CalendarDay.objects.create(date=D(2025, 5, 2), is_workday=True, name="", source=CalendarSource.MANUAL)
    workcal.clear_cache()
    assert compute("recon.decision", D(2025, 3, 3)).due == D(2025, 5, 2)


def test_thousand_deadlines_in_a_year_issue_a_bounded_number_of_queries(django_assert_num_queries):
    codes = [code for code in RULES if RULES[code].direction == "after"]
    with django_assert_num_queries(2):
        for i in range(1000):
            compute(codes[i % len(codes)], D(2025, 1, 1) + timedelta(days=i % 365))
