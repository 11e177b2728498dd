"""Helpers shared by the litigation services: today, text, refusals and the case row lock."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, GateError
from core.workflow import lock

from ..models import LitigationCase


def _today() -> date:
    return timezone.localdate()


def _text(value: str | None) -> str:
    return (value or "").strip()


def _refuse(blockers: list[tuple[str, str]]) -> None:
    """Raise the gate's blockers as one GateError (the first on its field, the rest listed)."""
    if blockers:
        field, message = blockers[0]
        raise GateError(message, field=field, extra={"blockers": [m for _f, m in blockers[1:]]})


def _check_date(d: date | None, *, field: str, label: str, not_before: date | None = None) -> date:
    if d is None:
        raise ApplicationError(_("请填写%(label)s。") % {"label": label}, field=field)
    if d > _today():
        raise ApplicationError(_("%(label)s不能晚于今天。") % {"label": label}, field=field)
    if not_before is not None and d < not_before:
        raise ApplicationError(
            _("%(label)s不能早于%(date)s。") % {"label": label, "date": not_before.isoformat()}, field=field
        )
    return d


def _lock(case: LitigationCase, *, version: int | None = None) -> LitigationCase:
    return lock(case, version=version, related=("org_unit", "court", "handler", "dispute"))
