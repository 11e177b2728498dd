"""Which clocks the supervision steps start, meet or cancel (docs/law/supervision.md). Every clock is
a `deadlines.Deadline` row handled through the kernel's services; the services call these functions
inside their transaction.

- notice issued (notice_issue): starts sup.rectification from the day the agency received it.
- reply (notice_reply): meets sup.rectification.
- verification (notice_verify / notice_reject): cancels whatever is still open.
- filing (filing_submit): the clock sup.filing (a setting, default 15 working days after the
  decision) is started from the decision date and met on the filing date — missed when the filing
  came late, which flags the filing. Its derivation is the Deadline's trace.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from deadlines.choices import DeadlineStatus
from deadlines.engine import compute
from deadlines.models import Deadline
from deadlines.rules import get_rule
from deadlines.services import deadline_cancel, deadline_meet, deadline_start

RECTIFICATION = "sup.rectification"
FILING = "sup.filing"


def filing_working_days() -> int:
    return get_rule(FILING).length


def filing_due(decided_on: date) -> date:
    """The last day to file a major decision: N working days after it (the work calendar counts)."""
    return compute(FILING, decided_on).due


def on_filing_submitted(filing, *, actor) -> Deadline:
    """The filing clock from the decision, met (or missed) on the day the filing arrived."""
    clock = deadline_start(
        record=filing,
        rule_code=FILING,
        trigger_date=filing.decided_on,
        org_unit=filing.org_unit,
        subject=f"{filing.decision_number} {get_rule(FILING).label}",
        responsible=[],
        actor=actor,
    )
    return deadline_meet(deadline=clock, on=filing.filed_on, actor=actor)


def filing_clock(filing):
    return (
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(filing), object_id=filing.pk, rule_code=FILING
        )
        .order_by("-id")
        .first()
    )


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
