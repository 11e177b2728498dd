"""The work calendar: lookups, its sources, its cache and `sync_holidays`.

Expected values come from the holiday table in docs/law/counting.md.
"""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse

from deadlines import calendar as workcal
from deadlines.engine import compute
from deadlines.models import CalendarDay, CalendarSource, CalendarYear
from tests.deadlines import fresh_calendar  # noqa: F401  (autouse fixture)

pytestmark = pytest.mark.django_db

D = date

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("day", "is_workday", "name"),
    [
        (D(2025, 5, 1), False, "劳动节"),
        (D(2025, 5, 3), False, "劳动节"),  # a Saturday inside the holiday is named after it
        (D(2025, 1, 1), False, "元旦"),
        (D(2025, 1, 29), False, "春节"),
        (D(2025, 4, 4), False, "清明节"),
        (D(2025, 5, 31), False, "端午节"),
        (D(2025, 10, 6), False, "中秋节"),
        (D(2025, 10, 2), False, "国庆节"),
        (D(2025, 9, 28), True, "调休上班"),  # Sunday make-up day
        (D(2026, 2, 14), True, "调休上班"),  # Saturday make-up day
        (D(2024, 9, 14), True, "调休上班"),
        (D(2025, 9, 27), False, "周六"),  # an ordinary Saturday
        (D(2025, 9, 21), False, "周日"),
        (D(2025, 9, 24), True, ""),  # an ordinary Wednesday
    ],
)
def test_day_info_from_the_package(day, is_workday, name):
    info = workcal.day_info(day)
    assert (info.is_workday, info.name, info.verified, info.source) == (is_workday, name, True, "package")
    assert workcal.is_workday(day) is is_workday


def test_unknown_year_falls_back_to_weekends_unverified():
    friday, saturday = workcal.day_info(D(2027, 1, 1)), workcal.day_info(D(2027, 1, 2))
    assert (friday.is_workday, friday.verified, friday.source) == (True, False, "weekends")
    assert (saturday.is_workday, saturday.name, saturday.verified) == (False, "周六", False)
    assert workcal.is_workday(D(1990, 10, 1)) is True  # a Monday; no data for 1990, so weekends only


def test_accepts_datetimes():
    assert workcal.is_workday(datetime(2025, 5, 1, 9, 30, tzinfo=SHANGHAI)) is False


@pytest.mark.parametrize(
    ("year", "verified"),
    [(2003, False), (2004, True), (2025, True), (2026, True), (2027, False), (2040, False)],
)
def test_year_verified(year, verified):
    assert workcal.year_verified(year) is verified


def test_calendar_year_row_verifies_a_year():
    CalendarYear.objects.create(year=2027, notice="国办发明电〔2026〕1号")
    workcal.clear_cache()
    assert workcal.year_verified(2027) is True
    assert workcal.day_info(D(2027, 3, 1)).verified is True


def test_add_workdays_forward_and_backward():
    # Forward from Tue 2025-09-30: 10-09(1) 10(2) 11 Sat mk(3) 13(4) 14(5).
    assert workcal.add_workdays(D(2025, 9, 30), 1) == D(2025, 10, 9)
    assert workcal.add_workdays(D(2025, 9, 30), 3) == D(2025, 10, 11)
    assert workcal.add_workdays(D(2025, 9, 30), 5) == D(2025, 10, 14)
    # Backward from Mon 10-13: 10-11 Sat mk (1), Fri 10-10 (2); from Thu 10-09: 09-30 (1), 09-29 (2),
    # Sun 09-28 mk (3), Fri 09-26 (4).
    assert workcal.add_workdays(D(2025, 10, 13), -1) == D(2025, 10, 11)
    assert workcal.add_workdays(D(2025, 10, 13), -2) == D(2025, 10, 10)
    assert workcal.add_workdays(D(2025, 10, 9), -4) == D(2025, 9, 26)
    # Starting on a rest day: the day itself is never counted. From Sat 2025-05-03: Tue 05-06 (1).
    assert workcal.add_workdays(D(2025, 5, 3), 1) == D(2025, 5, 6)
    with pytest.raises(ValueError):
        workcal.add_workdays(D(2025, 5, 3), 0)


def test_count_workdays():
    # (09-30, 10-14] holds 10-09, 10, 11 (mk), 13, 14.
    assert workcal.count_workdays(D(2025, 9, 30), D(2025, 10, 14)) == 5
    assert workcal.count_workdays(D(2025, 10, 14), D(2025, 9, 30)) == -5
    assert workcal.count_workdays(D(2025, 10, 1), D(2025, 10, 8)) == 0
    assert workcal.count_workdays(D(2025, 10, 9), D(2025, 10, 9)) == 0


def test_next_and_previous_workday():
    assert workcal.next_workday(D(2025, 10, 1)) == D(2025, 10, 9)
    assert workcal.next_workday(D(2025, 9, 28)) == D(2025, 9, 28)  # make-up Sunday
    assert workcal.next_workday(D(2025, 9, 27)) == D(2025, 9, 28)  # Saturday → make-up Sunday
    assert workcal.previous_workday(D(2025, 10, 8)) == D(2025, 9, 30)
    assert workcal.previous_workday(D(2026, 2, 17)) == D(2026, 2, 14)  # Spring Festival → make-up Saturday


def test_never_uses_the_package_helpers_that_are_wrong_for_legal_periods(monkeypatch):
    import chinese_calendar

    def refuse(*args, **kwargs):
        raise AssertionError("find_workday / get_workdays must not be used (docs/law/counting.md, rule 10)")

    monkeypatch.setattr(chinese_calendar, "find_workday", refuse)
    monkeypatch.setattr(chinese_calendar, "get_workdays", refuse)
    workcal.clear_cache()
    assert compute("recon.correction_notice", D(2025, 9, 30)).due == D(2025, 10, 14)


# ---------------------------------------------------------------------------------------------
# Rows beat the package; the cache


def test_row_overrides_package_both_ways():
    CalendarDay.objects.create(date=D(2025, 5, 2), is_workday=True, name="", source=CalendarSource.MANUAL)
    CalendarDay.objects.create(date=D(2025, 5, 7), is_workday=False, name="", source=CalendarSource.MANUAL)
    workcal.clear_cache()
    assert workcal.day_info(D(2025, 5, 2)) == workcal.DayInfo(D(2025, 5, 2), True, "", True, "manual")
    info = workcal.day_info(D(2025, 5, 7))
    assert (info.is_workday, info.name, info.source) == (False, "休息日", "manual")


def test_cache_is_cleared_by_clear_cache():
    assert workcal.is_workday(D(2025, 3, 5)) is True
    CalendarDay.objects.create(
        date=D(2025, 3, 5), is_workday=False, name="停电", source=CalendarSource.MANUAL
    )
    assert workcal.is_workday(D(2025, 3, 5)) is True  # still cached
    workcal.clear_cache()
    assert workcal.is_workday(D(2025, 3, 5)) is False


def test_other_processes_see_a_change_within_the_recheck_interval(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(workcal, "_monotonic", lambda: clock[0])
    workcal.clear_cache()
    assert workcal.is_workday(D(2025, 3, 5)) is True
    # Another process saves a row and calls clear_cache(): the row and the shared generation change,
    # this process's memory does not.
    CalendarDay.objects.create(
        date=D(2025, 3, 5), is_workday=False, name="停电", source=CalendarSource.MANUAL
    )
    cache.incr(workcal.GENERATION_KEY)
    clock[0] += 1
    assert workcal.is_workday(D(2025, 3, 5)) is True  # within 5 s: the cached year is used
    clock[0] += workcal.RECHECK_SECONDS
    assert workcal.is_workday(D(2025, 3, 5)) is False  # the generation was re-read: the year reloaded


def test_generation_survives_a_lost_cache_key():
    cache.delete(workcal.GENERATION_KEY)
    workcal.clear_cache()
    assert cache.get(workcal.GENERATION_KEY) is not None


def test_a_year_costs_one_query_then_none(django_assert_num_queries):
    with django_assert_num_queries(1):
        workcal.is_workday(D(2025, 3, 5))
    with django_assert_num_queries(0):
        for day in range(1, 29):
            workcal.day_info(D(2025, 2, day))
    with django_assert_num_queries(1):  # CalendarYear years, once, for an unknown year
        workcal.year_verified(2030)
        workcal.year_verified(2031)


# ---------------------------------------------------------------------------------------------
# sync_holidays

# 2025 per docs/law/counting.md: holidays 01-01 (1), 01-28…02-04 (8), 04-04…06 (3), 05-01…05 (5),
# 05-31…06-02 (3), 10-01…08 (8) = 28 days; make-up days 01-26, 02-08, 04-27, 09-28, 10-11 = 5. 33 rows.
HOLIDAYS_2025 = 28
MAKEUP_2025 = [D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)]


def _sync(*args):
    out = StringIO()
    call_command("sync_holidays", *args, stdout=out)
    return out.getvalue()


def test_sync_holidays_creates_the_years_rows():
    output = _sync("--years", "2025")
    rows = CalendarDay.objects.filter(date__year=2025)
    assert rows.count() == HOLIDAYS_2025 + len(MAKEUP_2025)
    assert all(row.source == CalendarSource.PACKAGE for row in rows)
    assert sorted(rows.filter(is_workday=True).values_list("date", flat=True)) == MAKEUP_2025
    assert set(rows.filter(is_workday=True).values_list("name", flat=True)) == {"调休上班"}
    assert rows.get(date=D(2025, 10, 6)).name == "中秋节"
    assert rows.get(date=D(2025, 5, 1)).name == "劳动节"
    assert CalendarYear.objects.get(year=2025).notice == "国办发明电〔2024〕12号"
    assert "新增33日" in output


def test_sync_holidays_is_idempotent_and_keeps_manual_rows():
    CalendarDay.objects.create(
        date=D(2025, 5, 2), is_workday=True, name="本局调整", source=CalendarSource.MANUAL
    )
    CalendarYear.objects.create(year=2025, notice="国办发明电〔2024〕12号")
    _sync("--years", "2025")
    output = _sync("--years", "2025")
    assert CalendarDay.objects.filter(date__year=2025).count() == HOLIDAYS_2025 + len(MAKEUP_2025)
    manual = CalendarDay.objects.get(date=D(2025, 5, 2))
    assert (manual.is_workday, manual.name, manual.source) == (True, "本局调整", "manual")
    assert CalendarYear.objects.get(year=2025).notice == "国办发明电〔2024〕12号"
    assert "新增0日" in output and "保留系统中录入的1日" in output


def test_sync_holidays_repairs_package_rows():
    CalendarDay.objects.create(date=D(2025, 5, 1), is_workday=True, name="错", source=CalendarSource.PACKAGE)
    CalendarDay.objects.create(date=D(2025, 3, 5), is_workday=False, name="错", source=CalendarSource.PACKAGE)
    _sync("--years", "2025")
    assert CalendarDay.objects.get(date=D(2025, 5, 1)).is_workday is False
    assert not CalendarDay.objects.filter(date=D(2025, 3, 5)).exists()


def test_sync_holidays_default_covers_every_package_year():
    _sync()
    assert sorted(CalendarYear.objects.values_list("year", flat=True)) == list(range(2004, 2027))


def test_sync_holidays_refuses_unknown_years():
    with pytest.raises(CommandError, match="2027"):
        _sync("--years", "2027")


def test_sync_holidays_clears_the_cache_and_keeps_results():
    before = compute("recon.decision", D(2025, 3, 3))
    generation = cache.get(workcal.GENERATION_KEY)
    _sync("--years", "2025")
    assert cache.get(workcal.GENERATION_KEY) != generation
    after = compute("recon.decision", D(2025, 3, 3))
    assert (after.due, after.trace) == (before.due, before.trace)


def test_calendar_works_while_the_shared_cache_is_down(monkeypatch, caplog):
    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "incr", down)
    workcal.clear_cache()
    assert compute("recon.decision", D(2025, 3, 3)).due == D(2025, 5, 6)
    assert "cache generation" in caplog.text


def test_the_calendar_page_shows_the_state_council_notice_not_the_library(login, users):
    """Each year's schedule names the State Council notice it comes from (国办发明电〔2024〕12号 for
    2025) — also for years an earlier sync stamped with the library's name."""
    _sync("--years", "2025")
    assert CalendarYear.objects.get(year=2025).notice == "国办发明电〔2024〕12号"
    CalendarYear.objects.create(year=2024, notice="chinesecalendar 1.10.0")
    client = login(users.admin)
    for year, number in ((2025, "国办发明电〔2024〕12号"), (2024, "国办发明电〔2023〕7号")):
        page = client.get(reverse("deadlines:calendar"), {"year": year}).content.decode()
        assert number in page and "chinesecalendar" not in page
