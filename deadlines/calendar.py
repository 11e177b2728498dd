"""The work calendar (工作日历): which days count as working days for statutory periods.

Lookup order (docs/law/counting.md, rule 10):
1. `CalendarDay` rows — admin-entered or synced days, they always win;
2. the `chinesecalendar` package (2004–2026) — `is_workday` and `get_holiday_detail` only;
   its `find_workday` and `get_workdays` are wrong for legal periods and are never used;
3. weekends only, flagged unverified (the package raises `NotImplementedError` outside its years).

A year is *verified* when a `CalendarYear` row exists for it or the package knows it.

Cache: each process keeps, per year, every day's (is_workday, name, source) plus the set of
`CalendarYear` years, so computing thousands of deadlines costs a query or two per year. The cache is
validated against a generation number in Django's cache (`GENERATION_KEY`), re-read at most every
`RECHECK_SECONDS`; `clear_cache()` bumps it, so every process sees an admin's edit within seconds.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import chinese_calendar
from django.core.cache import cache
from django.db import connection, transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError

from .models import CalendarDay, CalendarYear

logger = logging.getLogger(__name__)

GENERATION_KEY = "deadlines:calendar:generation"
RECHECK_SECONDS = 5.0

# DayInfo.source values besides CalendarSource's ("state_council", "package", "manual").
SOURCE_PACKAGE = "package"
SOURCE_WEEKENDS = "weekends"

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
WEEKEND_NAMES = {5: "周六", 6: "周日"}
MAKEUP_NAME = "调休上班"


# chinesecalendar's English holiday names → the names in the State Council notices.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
OFFICIAL_HOLIDAYS = frozenset(HOLIDAY_NAMES.values())

# A safety net against a calendar edited into nonsense (every day a rest day): no legal period
# crosses more than this many consecutive rest days.
MAX_REST_RUN = 400


@dataclass(frozen=True)
class DayInfo:
    """One day of the work calendar as the engine sees it."""

    date: date
    is_workday: bool
    name: str  # "劳动节", "调休上班", "周六", "" for an ordinary working day
    verified: bool
    source: str  # "manual" / "state_council" / "package" (a CalendarDay row or the package) / "weekends"

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.date.weekday()]

    @property
    def is_makeup_workday(self) -> bool:
        """调休上班: a Saturday or Sunday that the State Council notice made a working day."""
        return self.is_workday and self.date.weekday() >= 5

    @property
    def is_official_holiday(self) -> bool:
        return not self.is_workday and self.name in OFFICIAL_HOLIDAYS


# ---------------------------------------------------------------------------------------------
# The package


@functools.cache
def package_knows(year: int) -> bool:
    """Whether `chinesecalendar` has the State Council schedule of `year`."""
    try:
        chinese_calendar.is_workday(date(year, 7, 1))
    except NotImplementedError:
        return False
    return True


def package_years() -> list[int]:
    """Every year `chinesecalendar` knows (1.11.0: 2004–2026)."""
    first = min(chinese_calendar.holidays).year
    last = max(max(chinese_calendar.holidays).year, max(chinese_calendar.workdays).year)
    return [y for y in range(first, last + 1) if package_knows(y)]


def package_day(d: date) -> tuple[bool, str]:
    """(is_workday, Chinese name) from the package; the year must be one it knows."""
    workday = chinese_calendar.is_workday(d)
    _on_holiday, detail = chinese_calendar.get_holiday_detail(d)
    if workday:
        # The package names a make-up day after its holiday ("National Day"); the clerk's word is 调休上班.
        return True, (MAKEUP_NAME if detail and d.weekday() >= 5 else "")
    if detail:
        return False, HOLIDAY_NAMES.get(detail, detail)
    return False, WEEKEND_NAMES.get(d.weekday(), "")


# ---------------------------------------------------------------------------------------------
# The per-process cache


class _Cache:
    def __init__(self):
        self.lock = threading.RLock()
        self.years: dict[int, dict[date, tuple[bool, str, str]]] = {}
        self.calendar_years: frozenset[int] | None = None
        self.generation = None
        self.checked_at = float("-inf")

    def reset(self):
        self.years = {}
        self.calendar_years = None


_cache = _Cache()
_monotonic = time.monotonic  # tests move the clock through this name


def _validate_generation() -> None:
    now = _monotonic()
    if now - _cache.checked_at < RECHECK_SECONDS:
        return
    try:
        generation = cache.get(GENERATION_KEY)
    except Exception:  # the shared cache is down: trust nothing older than RECHECK_SECONDS
        logger.warning("work calendar: cannot read the cache generation; reloading", exc_info=True)
        generation = object()
    with _cache.lock:
        _cache.checked_at = now
        if generation != _cache.generation:
            _cache.reset()
            _cache.generation = generation


def _calendar_years() -> frozenset[int]:
    years = _cache.calendar_years
    if years is None:
        loaded_for = _cache.years
        years = frozenset(CalendarYear.objects.values_list("year", flat=True))
        with _cache.lock:
            if _cache.years is loaded_for:  # no clear_cache() while we read
                _cache.calendar_years = years
    return years


def _year(year: int) -> dict[date, tuple[bool, str, str]]:
    _validate_generation()
    cached = _cache.years  # a clear_cache() meanwhile replaces this dict; what we load lands in the old one
    days = cached.get(year)
    if days is not None:
        return days

    rows = {
        row[0]: (row[1], row[2], row[3])
        for row in CalendarDay.objects.filter(date__gte=date(year, 1, 1), date__lte=date(year, 12, 31))
        .values_list("date", "is_workday", "name", "source")
        .iterator()
    }
    in_package = package_knows(year)
    days = {}
    d = date(year, 1, 1)
    one = timedelta(days=1)
    while d.year == year:
        if d in rows:
            workday, name, source = rows[d]
            if not name:
                name = _default_name(d, workday)
            days[d] = (workday, name, source)
        elif in_package:
            workday, name = package_day(d)
            days[d] = (workday, name, SOURCE_PACKAGE)
        else:
            days[d] = (d.weekday() < 5, WEEKEND_NAMES.get(d.weekday(), ""), SOURCE_WEEKENDS)
        if d == date.max:
            break
        d += one
    cached[year] = days
    return days


def _default_name(d: date, workday: bool) -> str:
    if workday:
        return MAKEUP_NAME if d.weekday() >= 5 else ""
    return WEEKEND_NAMES.get(d.weekday(), "休息日")


def _bump_generation() -> None:
    try:
        try:
            generation = cache.incr(GENERATION_KEY)
        except ValueError:
            # Start from the clock, not from 1, so a cache that lost the key cannot hand out a number a
            # long-running process already holds.
            generation = int(time.time() * 1000)
            if not cache.add(GENERATION_KEY, generation, timeout=None):
                generation = cache.incr(GENERATION_KEY)
    except Exception:  # the shared cache is down: at least this process forgets its copy
        logger.warning("work calendar: cannot bump the cache generation", exc_info=True)
        generation = None
    with _cache.lock:
        _cache.reset()
        _cache.generation = generation
        _cache.checked_at = _monotonic()


def clear_cache() -> None:
    """Forget the cached calendar here and, within `RECHECK_SECONDS`, in every other process.

    Call after changing `CalendarDay` or `CalendarYear` rows. Inside a transaction the bump is repeated
    after commit, so no other process can cache the rows as they were before the commit.
    """
    _bump_generation()
    if connection.in_atomic_block:
        transaction.on_commit(_bump_generation)


# ---------------------------------------------------------------------------------------------
# Lookups


def year_verified(year: int) -> bool:
    """A `CalendarYear` row exists for `year`, or `chinesecalendar` knows it."""
    if package_knows(year):
        return True
    _validate_generation()
    return year in _calendar_years()


def _as_date(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


def day_info(d: date) -> DayInfo:
    d = _as_date(d)
    workday, name, source = _year(d.year)[d]
    return DayInfo(date=d, is_workday=workday, name=name, verified=year_verified(d.year), source=source)


def is_workday(d: date) -> bool:
    d = _as_date(d)
    return _year(d.year)[d][0]


def next_workday(d: date) -> date:
    """`d` if it is a working day, else the first working day after it (民诉法第八十五条第三款)."""
    for _step in range(MAX_REST_RUN):
        if is_workday(d):
            return d
        d += timedelta(days=1)
    raise _calendar_broken()


def previous_workday(d: date) -> date:
    """`d` if it is a working day, else the last working day before it."""
    for _step in range(MAX_REST_RUN):
        if is_workday(d):
            return d
        d -= timedelta(days=1)
    raise _calendar_broken()


def add_workdays(d: date, n: int) -> date:
    """The n-th working day after `d` (`d` itself not counted; docs/law/counting.md, rules 1 and 6).

    n >= 1 steps forward day by day counting only working days (make-up working days count, counting rule 5);
    n <= -1 steps backward: the |n|-th working day before `d`.
    """
    if n == 0:
        raise ValueError("add_workdays needs n != 0; use next_workday for the day itself")
    step = timedelta(days=1 if n > 0 else -1)
    remaining = abs(n)
    rest_run = 0
    while True:
        d += step
        if is_workday(d):
            rest_run = 0
            remaining -= 1
            if remaining == 0:
                return d
        else:
            rest_run += 1
            if rest_run >= MAX_REST_RUN:
                raise _calendar_broken()


def count_workdays(after: date, through: date) -> int:
    """Working days in (after, through]; negative when `through` is before `after`."""
    if through < after:
        return -count_workdays(through, after)
    count = 0
    d = after + timedelta(days=1)
    while d <= through:
        if is_workday(d):
            count += 1
        d += timedelta(days=1)
    return count


def _calendar_broken() -> ApplicationError:
    return ApplicationError(
        _("工作日历异常：连续%(days)s日没有工作日，请系统管理员核对工作日历。") % {"days": MAX_REST_RUN}
    )
