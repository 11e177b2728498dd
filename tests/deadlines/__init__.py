"""Tests of the deadlines app: work calendar, rule catalogue, engine."""

import pytest

from deadlines import calendar as workcal


@pytest.fixture(autouse=True)
def fresh_calendar():
    """The calendar cache is per process; a test's rolled-back CalendarDay rows must not leak into the
    next test through it. Modules use it with `from tests.deadlines import fresh_calendar`."""
    workcal.clear_cache()
    yield
    workcal.clear_cache()
