"""Helpers shared by the mediation services: today, text, the row lock."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.inputs import require_text, text, today  # noqa: F401 (the services import them here)
from core.workflow import lock

from ..models import MediationCase
from .gates import check_date


def lock_case(case: MediationCase, *, version: int | None = None) -> MediationCase:
    return lock(case, version=version, related=("org_unit", "dispute"))


def on_or_today(on: date | None, case: MediationCase, *, label=None) -> date:
    """The date of an act (default today): not in the future, not before the case was received."""
    return check_date(
        on or today(),
        field="on",
        label=label or _("日期"),
        today=today(),
        not_before=case.received_on,
    )
