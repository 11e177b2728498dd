"""What the selectors of reconsideration share: today, the case content type, the list
queryset with its next running clock."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    QuerySet,
    Subquery,
)
from django.utils import timezone

from ..filters import running_clocks
from ..models import (
    ReconsiderationCase,
)

#: 即将到期: due within this many working days (the reminders of deadlines/reminders.py; amber rows).
SOON_WORKDAYS = 3


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _case_ct() -> ContentType:
    return ContentType.objects.get_for_model(ReconsiderationCase)


def with_next_deadline(qs: QuerySet) -> QuerySet:
    """Annotate `next_due_on` and `next_due_rule`: the case's earliest running statutory clock."""
    first = running_clocks().order_by("due_date", "id")
    return qs.annotate(
        next_due_on=Subquery(first.values("due_date")[:1]),
        next_due_rule=Subquery(first.values("rule_code")[:1]),
    )


def _list_queryset(user) -> QuerySet:
    return ReconsiderationCase.objects.visible_to(user).select_related(
        "org_unit", "dispute", "respondent", "handler"
    )
