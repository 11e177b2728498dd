"""What every service checks of its input before it acts (docs/architecture.md, "Services"): text given
and trimmed, and the date of an act — given, not in the future, not before an earlier act. The message
names the field the user filled in; the service raises it as an `ApplicationError` on that field."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from .exceptions import ApplicationError


def today() -> date:
    """Today in Tianshui (TIME_ZONE = Asia/Shanghai)."""
    return timezone.localdate()


def text(value: str | None) -> str:
    return (value or "").strip()


def require_text(value: str | None, *, field: str, message: str) -> str:
    value = text(value)
    if not value:
        raise ApplicationError(message, field=field)
    return value


def check_date(
    d: date | None,
    *,
    field: str,
    label: str,
    not_before: date | None = None,
    before_label: str = "",
    future: bool = False,
) -> date:
    """The date of an act: given, not after today (unless `future`: a planned day), not before
    `not_before` (the earlier act, named by `before_label` in the message when given)."""
    if d is None:
        raise ApplicationError(_("请填写%(label)s。") % {"label": label}, field=field)
    if not future and d > today():
        raise ApplicationError(_("%(label)s不能晚于今天。") % {"label": label}, field=field)
    if not_before is not None and d < not_before:
        day = f"{not_before:%Y-%m-%d}"
        if before_label:
            message = _("%(label)s不能早于%(other)s（%(date)s）。") % {
                "label": label,
                "other": before_label,
                "date": day,
            }
        else:
            message = _("%(label)s不能早于%(date)s。") % {"label": label, "date": day}
        raise ApplicationError(message, field=field)
    return d
