"""Which clocks the supervision steps start, meet or cancel (docs/law/supervision.md). Every clock is
a `deadlines.Deadline` row handled through the kernel's services; the services call these functions
inside their transaction.

- notice issued (notice_issue): starts sup.rectification from the day the agency received it.
- reply (notice_reply): meets sup.rectification.
- verification (notice_verify / notice_reject): cancels whatever is still open.
- filing: the filing period is a working-day count from the decision (a setting, default 15); the
  filing is recorded when it arrives, so the period is computed with the calendar and flagged late.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from deadlines.calendar import add_workdays
from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline
from deadlines.rules import get_rule
from deadlines.services import deadline_cancel, deadline_meet, deadline_start

RECTIFICATION = "sup.rectification"
DEFAULT_FILING_WORKING_DAYS = 15


def filing_working_days() -> int:
    return int(getattr(settings, "SUPERVISION_FILING_WORKING_DAYS", DEFAULT_FILING_WORKING_DAYS))


def filing_due(decided_on: date) -> date:
    """The last day to file a major decision: N working days after it (the work calendar counts)."""
    return add_workdays(decided_on, filing_working_days())


def open_clock(record):
    return (
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            status=DeadlineStatus.OPEN,
        )
        .order_by("-id")
        .first()
    )


def on_notice_issued(notice, *, actor) -> Deadline:
    return deadline_start(
        record=notice,
        rule_code=RECTIFICATION,
        trigger_date=notice.received_on,
        org_unit=notice.org_unit,
        subject=f"{notice.number} {get_rule(RECTIFICATION).label}",
        responsible=[],
        actor=actor,
    )


def on_notice_replied(notice, *, actor) -> None:
    clock = open_clock(notice)
    if clock is not None:
        deadline_meet(deadline=clock, on=notice.replied_on, actor=actor)


def on_notice_closed(notice, *, actor) -> None:
    clock = open_clock(notice)
    if clock is not None:
        deadline_cancel(deadline=clock, reason=_("已核查"), actor=actor)
