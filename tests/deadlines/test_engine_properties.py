"""Properties of the engine over many triggers (hypothesis).

The oracle for "is this a working day" is the `chinesecalendar` package's `is_workday` (the published
State Council data, docs/law/counting.md rule 10) for the years it knows, and plain weekends
otherwise — checked independently of `deadlines.calendar`. Month arithmetic is re-derived here, not imported.
"""

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deadlines.engine import compute, latest_start
from deadlines.rules import RULES, Direction, Unit
from tests.deadlines import fresh_calendar  # noqa: F401  (autouse fixture)

pytestmark = pytest.mark.django_db

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

ONE = timedelta(days=1)
AFTER_CODES = sorted(
    c for c, r in RULES.items() if r.direction != Direction.BEFORE and r.unit != Unit.FIXED_DATE
)
CALENDAR_CODES = sorted(c for c in AFTER_CODES if RULES[c].unit in (Unit.CALENDAR_DAYS, Unit.MONTHS))
WORKDAY_CODES = sorted(c for c in AFTER_CODES if RULES[c].unit == Unit.WORKING_DAYS)
LATEST_CODES = sorted(c for c, r in RULES.items() if r.direction in (Direction.BEFORE, Direction.AT_LEAST))

# Triggers whose periods (≤ 12 months) stay inside the package's years.
known_triggers = st.dates(min_value=date(2004, 1, 1), max_value=date(2025, 12, 15))
any_triggers = st.dates(min_value=date(1901, 1, 1), max_value=date(2098, 12, 31))


def oracle_workday(d: date) -> bool:
    try:
        return chinese_calendar.is_workday(d)
    except NotImplementedError:
        return d.weekday() < 5


def oracle_count(after: date, through: date) -> int:
    """Working days in (after, through]."""
    return sum(1 for i in range(1, (through - after).days + 1) if oracle_workday(after + timedelta(days=i)))


def oracle_add_months(d: date, n: int) -> date:
    month_index = d.year * 12 + d.month - 1 + n
    year, month = divmod(month_index, 12)
    month += 1
    day = d.day
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


@PROPERTY_SETTINGS
@given(code=st.sampled_from(CALENDAR_CODES), trigger=known_triggers)
def test_calendar_and_month_dues_are_the_first_working_day_on_or_after_the_raw_end(code, trigger):
    rule = RULES[code]
    result = compute(code, trigger)
    if rule.unit == Unit.MONTHS:
        assert result.raw_end == oracle_add_months(trigger, rule.length)
    else:
        assert result.raw_end == trigger + timedelta(days=rule.length)
    assert oracle_workday(result.due)
    d = result.raw_end
    while d < result.due:  # every day skipped by the roll-over is a rest day (rule 2)
        assert not oracle_workday(d)
        d += ONE
    assert result.calendar_verified


@PROPERTY_SETTINGS
@given(code=st.sampled_from(WORKDAY_CODES), trigger=known_triggers)
def test_working_day_dues_are_the_nth_working_day(code, trigger):
    result = compute(code, trigger)
    assert oracle_workday(result.due)
    assert oracle_count(trigger, result.due) == RULES[code].length
    assert result.due == result.raw_end


@PROPERTY_SETTINGS
@given(code=st.sampled_from(AFTER_CODES), first=known_triggers, gap=st.integers(min_value=0, max_value=40))
def test_due_is_monotonic_in_the_trigger(code, first, gap):
    second = first + timedelta(days=gap)
    assert compute(code, first).due <= compute(code, second).due


@PROPERTY_SETTINGS
@given(
    code=st.sampled_from(LATEST_CODES),
    event=st.dates(min_value=date(2004, 3, 1), max_value=date(2026, 12, 31)),
)
def test_latest_start_is_the_last_day_that_leaves_the_full_period(code, event):
    rule = RULES[code]
    d = latest_start(code, event)
    n = rule.length
    if rule.unit == Unit.WORKING_DAYS:
        assert oracle_count(d, event) >= n  # d + N working days is on or before the event
        assert oracle_count(d + ONE, event) < n  # one day later is too late
    else:
        assert d + timedelta(days=n) <= event
        assert d + ONE + timedelta(days=n) > event


@PROPERTY_SETTINGS
@given(
    trigger=known_triggers,
    start=st.integers(min_value=0, max_value=50),
    length=st.integers(min_value=0, max_value=40),
)
def test_calendar_suspension_moves_raw_end_by_the_days_suspended(trigger, start, length):
    plain = compute("recon.decision", trigger)
    suspended_on = trigger + timedelta(days=start)
    resumed_on = suspended_on + timedelta(days=length)
    result = compute("recon.decision", trigger, suspensions=[(suspended_on, resumed_on)])
    assert result.raw_end == plain.raw_end + timedelta(days=length)
    assert oracle_workday(result.due)


@PROPERTY_SETTINGS
@given(code=st.sampled_from(sorted(RULES)), trigger=any_triggers)
def test_never_raises_for_any_year(code, trigger):
    result = compute(code, trigger)
    if RULES[code].direction == Direction.BEFORE:
        assert result.due < trigger
    else:
        assert result.due >= trigger
    assert result.trace
