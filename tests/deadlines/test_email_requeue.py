"""A reminder whose e-mail task was lost (killed worker, broker down at commit) is e-mailed by a later
scan — once, however often the scans run."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from deadlines.choices import ReminderStage
from deadlines.models import Notification
from deadlines.notifications import requeue_unsent_emails

pytestmark = pytest.mark.django_db


def _lost(user, *, minutes_ago, key):
    """A notification row whose e-mail task never ran (no on-commit queueing, as after a crash)."""
    n = Notification.objects.create(
        recipient=user, stage=ReminderStage.REVIEW, dedupe_key=key, title="【提醒】待办"
    )
    Notification.objects.filter(pk=n.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
    return n


def test_a_lost_email_is_sent_by_the_next_scan_and_only_once(users, settings):
    settings.NOTIFICATION_EMAIL_RETRY_SECONDS = 600
    old = _lost(users.fuyi, minutes_ago=11, key="a")
    _lost(users.fuyi, minutes_ago=2, key="b")  # its own task may still be on its way

    assert requeue_unsent_emails() == 1
    assert [m.extra_headers.get("X-Notification-Id") for m in mail.outbox] == [str(old.pk)]
    assert requeue_unsent_emails() == 0  # claimed: a rerun sends nothing more
    assert len(mail.outbox) == 1


def test_no_requeue_for_users_without_email(users):
    users.fuyi.email_notifications = False
    users.fuyi.save()
    _lost(users.fuyi, minutes_ago=30, key="c")
    users.fuyi_head.email = ""
    users.fuyi_head.save()
    _lost(users.fuyi_head, minutes_ago=30, key="d")
    assert requeue_unsent_emails() == 0
    assert mail.outbox == []


def test_the_overdue_scan_task_requeues_lost_emails(users):
    from deadlines.tasks import scan_overdue

    _lost(users.fuyi, minutes_ago=30, key="e")
    result = scan_overdue.apply(kwargs={"today": "2026-03-04"}).get()
    assert result["emails_requeued"] == 1
    assert len(mail.outbox) == 1
