"""Small helpers shared by the supervision services."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import check_actor


def today() -> date:
    return timezone.localdate()


def text(value: str | None) -> str:
    return (value or "").strip()


def require_text(value: str | None, *, field: str, message: str) -> str:
    value = text(value)
    if not value:
        raise ApplicationError(message, field=field)
    return value


def check_date(d: date | None, *, field: str, label: str, not_before: date | None = None) -> date:
    if d is None:
        raise ApplicationError(_("请填写%(label)s。") % {"label": label}, field=field)
    if d > today():
        raise ApplicationError(_("%(label)s不能晚于今天。") % {"label": label}, field=field)
    if not_before is not None and d < not_before:
        raise ApplicationError(
            _("%(label)s不能早于%(date)s。") % {"label": label, "date": f"{not_before:%Y-%m-%d}"}, field=field
        )
    return d


def check(actor, perm: str, unit) -> None:
    """The actor holds `perm` over `unit` (None: the system acts — the demo seeder)."""
    if actor is not None:
        check_actor(actor, perm, unit)
