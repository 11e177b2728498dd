"""(b) Redis restarted (without persistence) while tasks are queued: the queued scan and e-mail are
lost with it; the next reminder scan regenerates both, and nothing is sent twice
(docs/architecture.md, "Faults")."""

import signal
from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from deadlines.choices import ReminderStage
from deadlines.models import Notification

from .conftest import mail_ids, redis_client, send_task, task_succeeded, wait_for

pytestmark = pytest.mark.postgres

SCAN = "deadlines.tasks.scan_reminders"


def test_queued_tasks_lost_with_redis_are_regenerated_by_the_next_scan_once(processes, reminder_case):
    procs, case = processes, reminder_case
    lost_scan, earlier = case.add(2)
    # An earlier scan committed this reminder and queued its e-mail (the worker had not run it yet).
    old = Notification.objects.create(
        recipient=case.user,
        deadline=earlier,
        stage=ReminderStage.DUE_TODAY,
        dedupe_key=case.day.isoformat(),
        title="【今日到期】较早的提醒",
    )
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    send_task(procs.broker, "deadlines.tasks.send_notification_email", notification_id=old.pk)
    send_task(procs.broker, SCAN, today=case.day.isoformat())  # this morning's scan, not yet run
    redis = redis_client(procs.redis_port)
    assert redis.llen("celery") == 2

    # Redis dies and comes back empty: both queued messages are gone.
    procs.kill("redis", signal.SIGKILL)
    procs.start_redis(procs.redis_port)
    assert redis.llen("celery") == 0

    procs.start_worker()
    send_task(procs.broker, SCAN, today=case.day.isoformat())  # the next scan (beat: hourly / next morning)
    wait_for(lambda: len(mail_ids(procs.maildir)) == 2, "both e-mails", procs)
    # And once more: nothing new, nothing repeated.
    done = task_succeeded(procs, SCAN)
    send_task(procs.broker, SCAN, today=case.day.isoformat())
    wait_for(lambda: task_succeeded(procs, SCAN) > done, "the second scan", procs)
    wait_for(lambda: redis.llen("celery") == 0 and redis.hlen("unacked") == 0, "the queue to drain", procs)

    assert Notification.objects.count() == 2
    assert (
        not Notification.objects.values("deadline", "stage", "recipient")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    regenerated = Notification.objects.get(deadline=lost_scan)
    assert sorted(mail_ids(procs.maildir)) == sorted([old.pk, regenerated.pk])
