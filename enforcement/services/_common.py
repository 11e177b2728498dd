"""Small helpers shared by the enforcement services: dates, text and row locks."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import lock


def today() -> date:
    return timezone.localdate()


def text(value: str | None) -> str:
    return (value or "").strip()


def require_text(value: str | None, *, field: str, message: str) -> str:
    value = text(value)
    if not value:
        raise ApplicationError(message, field=field)
    return value


def check_date(
    d: date | None, *, field: str, label: str, not_before: date | None = None, before_label: str = ""
) -> date:
    """A legal date: given, not in the future, not before `not_before`."""
    if d is None:
        raise ApplicationError(_("请填写%(label)s。") % {"label": label}, field=field)
    if d > today():
        raise ApplicationError(_("%(label)s不能晚于今天。") % {"label": label}, field=field)
    if not_before is not None and d < not_before:
        raise ApplicationError(
            _("%(label)s不能早于%(other)s（%(date)s）。")
            % {"label": label, "other": before_label, "date": f"{not_before:%Y-%m-%d}"},
            field=field,
        )
    return d


def lock_case(case, *, version: int | None = None):
    return lock(case, version=version, related=("org_unit", "agency", "item"))


def lock_certificate(cert, *, version: int | None = None):
    return lock(cert, version=version, related=("officer__agency__org_unit",))
