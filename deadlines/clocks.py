"""The clocks of one record, for the mechanisms' `<app>/deadlines.py` (docs/architecture.md, step 4).

A mechanism's deadlines module says which statutory clock each step starts, meets, suspends or
cancels; finding a record's clocks and closing them is the same everywhere and lives here, on the
engine's own services (`deadlines.services.deadline_meet` / `deadline_cancel`). Rule codes are
given as one code or an iterable of codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.contenttypes.models import ContentType

from .choices import DeadlineStatus
from .models import Deadline
from .services import deadline_cancel, deadline_meet


def _codes(rule_codes: str | Iterable[str]) -> list[str]:
    return [rule_codes] if isinstance(rule_codes, str) else list(rule_codes)


def clocks(record):
    """Every Deadline of `record` (a case, a certificate, an opinion letter…), oldest first."""
    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).order_by("created_at", "id")


def open_clock(record, *rule_codes: str):
    """The newest open clock of `record` with one of `rule_codes`, or None."""
    return (
        clocks(record)
        .filter(rule_code__in=rule_codes, status=DeadlineStatus.OPEN)
        .order_by("-created_at", "-id")
        .first()
    )


def latest_clock(record, *rule_codes: str, rows=None):
    """The newest clock with one of `rule_codes` that was not cancelled (open, met or missed), or None.

    `rows`: every clock of `record`, already fetched (a case page's deadlines panel) — the same
    answer read from them instead of a query."""
    if rows is not None:
        found = [d for d in rows if d.rule_code in rule_codes and d.status != DeadlineStatus.CANCELLED]
        return max(found, key=lambda d: (d.created_at, d.pk), default=None)
    return (
        clocks(record)
        .filter(rule_code__in=rule_codes)
        .exclude(status=DeadlineStatus.CANCELLED)
        .order_by("-created_at", "-id")
        .first()
    )


def meet(record, rule_codes: str | Iterable[str], on: date, *, actor):
    """Close the open clock of `rule_codes` as done on `on` (met if on or before its due date);
    the clock, or None when none was open."""
    clock = open_clock(record, *_codes(rule_codes))
    if clock is not None:
        clock = deadline_meet(deadline=clock, on=on, actor=actor)
    return clock


def cancel(record, rule_codes: str | Iterable[str] | None, reason: str, *, actor) -> int:
    """Cancel every open clock of `rule_codes` (all open clocks for None) with `reason`; kept, never
    deleted. How many were cancelled."""
    qs = clocks(record).filter(status=DeadlineStatus.OPEN)
    if rule_codes is not None:
        qs = qs.filter(rule_code__in=_codes(rule_codes))
    n = 0
    for clock in qs:
        deadline_cancel(deadline=clock, reason=reason, actor=actor)
        n += 1
    return n
