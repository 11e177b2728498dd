"""(a) SIGKILL of the Celery worker in the middle of a reminder scan: after a restart, exactly one
notification and one e-mail — none lost, none repeated (docs/architecture.md, "Faults")."""

import time

import pytest

from deadlines.choices import ReminderStage
from deadlines.models import Notification

from .conftest import (
    VISIBILITY_TIMEOUT,
    mail_ids,
    redis_client,
    send_task,
    side_connection,
    task_succeeded,
    wait_for,
)

pytestmark = pytest.mark.postgres

SCAN = "deadlines.tasks.scan_reminders"

WAITING_INSERT = """
    SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()
      AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "deadlines_notification"%'
"""


def test_sigkill_mid_scan_then_restart_delivers_exactly_one_reminder(processes, reminder_case):
    procs, case = processes, reminder_case
    case.add(1)
    table = Notification._meta.db_table
    procs.start_worker()

    # Hold the notification table: the scan reads its candidates, then blocks in its INSERT —
    # in the middle of its transaction, with the task message delivered but not acknowledged.
    # (pg_stat_activity is a snapshot per transaction: watch from a second, autocommit session.)
    side, watch = side_connection(), side_connection()
    try:
        side.execute("BEGIN")
        side.execute(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE')
        send_task(procs.broker, SCAN, today=case.day.isoformat())
        waiting = []
        wait_for(
            lambda: waiting.extend(watch.execute(WAITING_INSERT).fetchall()) or waiting,
            "the scan's INSERT",
            procs,
        )
        [(worker_backend,)] = waiting
        procs.kill("worker")  # SIGKILL, mid-transaction
        side.execute("ROLLBACK")
        # The killed worker's session is gone and took its uncommitted rows with it.
        wait_for(
            lambda: (
                not watch.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE pid = %s", [worker_backend]
                ).fetchall()
            ),
            "the killed worker's database session to end",
            procs,
        )
    finally:
        side.close()
        watch.close()
    assert Notification.objects.count() == 0
    # acks_late: the message waits in Redis's unacked set; a starting worker restores it once it is
    # older than the visibility timeout.
    assert redis_client(procs.redis_port).hlen("unacked") == 1
    time.sleep(VISIBILITY_TIMEOUT + 0.5)

    procs.start_worker()
    wait_for(
        lambda: Notification.objects.count() == 1 and len(mail_ids(procs.maildir)) == 1,
        "one notification and one e-mail after the restart",
        procs,
    )
    # Another scan (beat's next morning, or a second redelivery) changes nothing.
    done = task_succeeded(procs, SCAN)
    send_task(procs.broker, SCAN, today=case.day.isoformat())
    wait_for(lambda: task_succeeded(procs, SCAN) > done, "the second scan", procs)
    redis = redis_client(procs.redis_port)
    wait_for(lambda: redis.llen("celery") == 0 and redis.hlen("unacked") == 0, "the queue to drain", procs)

    notification = Notification.objects.get()
    assert notification.stage == ReminderStage.DUE_TODAY
    assert notification.emailed_at is not None
    assert mail_ids(procs.maildir) == [notification.pk]
