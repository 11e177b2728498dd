"""core.demo.bulk_insert, the demo seeders' mass writer (COPY on PostgreSQL, bulk_create elsewhere):
the rows it leaves are those bulk_create leaves — defaults, time stamps, the ids of related rows saved
since they were assigned — and what the services create afterwards continues after them."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from core.demo import bulk_insert
from deadlines.choices import DeadlineEventKind, DeadlineStatus
from deadlines.models import Deadline, DeadlineEvent

from ..accounts.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


def _clock(unit, n: int) -> Deadline:
    return Deadline(
        content_type=ContentType.objects.get_for_model(Deadline),
        object_id=n,
        org_unit=unit,
        rule_code="recon.decision",
        subject=f"天复〔2024〕{n}号 复议决定期限",
        trigger_date=date(2024, 3, 1),
        raw_end=date(2024, 4, 30),
        due_date=date(2024, 4, 30),
        trace=["起算日 2024-03-01"],
    )


def test_instances_get_their_ids_and_defaults_and_their_events_the_clocks_ids():
    unit = OrgUnitFactory()
    clocks = [_clock(unit, n) for n in (1, 2)]
    events = [DeadlineEvent(deadline=c, kind=DeadlineEventKind.START, date=c.trigger_date) for c in clocks]

    bulk_insert(Deadline, clocks)
    bulk_insert(DeadlineEvent, events, ids=False)

    assert all(c.pk for c in clocks) and clocks[0].pk != clocks[1].pk
    saved = Deadline.objects.get(pk=clocks[1].pk)
    assert (saved.subject, saved.status, saved.version, saved.trace) == (
        "天复〔2024〕2号 复议决定期限",
        DeadlineStatus.OPEN,
        1,
        ["起算日 2024-03-01"],
    )
    assert saved.created_at is not None
    assert sorted(DeadlineEvent.objects.values_list("deadline_id", "kind")) == [
        (clocks[0].pk, "start"),
        (clocks[1].pk, "start"),
    ]


def test_tuples_take_the_other_fields_defaults_and_later_rows_continue_after_the_ids():
    unit = OrgUnitFactory()
    clock = _clock(unit, 1)
    bulk_insert(Deadline, [clock])

    bulk_insert(
        DeadlineEvent,
        [(clock.pk, DeadlineEventKind.MEET, date(2024, 4, 2), date(2024, 4, 30))],
        fields=("deadline_id", "kind", "date", "due_after"),
    )

    event = DeadlineEvent.objects.get(deadline=clock)
    assert (event.kind, event.days, event.reason, event.due_before, event.due_after, event.actor_id) == (
        "meet",
        0,
        "",
        None,
        date(2024, 4, 30),
        None,
    )
    assert event.created_at is not None
    later = _clock(unit, 2)
    later.save()  # as a service does: the table's sequence is past the ids bulk_insert took
    assert later.pk > clock.pk
