"""Small helpers shared by the decision services: dates, row locks and numbers (the input checks are
core.inputs', re-exported here)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.inputs import check_date, require_text, text, today  # noqa: F401 (the services import them here)
from core.numbering import next_serial
from core.workflow import lock


def on_or_today(on: date | None, *, not_before: date | None = None) -> date:
    return today() if on is None else check_date(on, field="on", label=_("日期"), not_before=not_before)


def lock_decision(decision, *, version: int | None = None):
    return lock(decision, version=version, related=("org_unit", "undertaking_unit", "created_by"))


def lock_matter(matter, *, version: int | None = None):
    return lock(matter, version=version, related=("org_unit", "requesting_unit", "decision"))


def unit_code(unit) -> str:
    return (unit.short_code or str(unit.pk)).upper()


def take_number(unit, year: int, series: str) -> int:
    """The next serial of `series` of the unit for `year` (core.numbering: race-free, given back on
    rollback)."""
    return next_serial(scope=f"decisions:{unit.pk}", year=year, series=series)


def opinion_prefix(unit) -> str:
    """天司法审 for the city government, 秦州司法审 … for a county's (docs/law/decisions.md)."""
    if unit.parent_id is None:
        return "天司法审"
    return f"{unit.name[:2]}司法审"


def opinion_number(unit, year: int, serial: int) -> str:
    return f"{opinion_prefix(unit)}〔{year}〕{serial}号"
