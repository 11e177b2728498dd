"""Celery tasks of the deadlines app: thin shells that take ids (or a date) and call the services.

Names are what CELERY_BEAT_SCHEDULE uses: `deadlines.tasks.scan_reminders` (08:30 every day; the
task itself skips rest days) and `deadlines.tasks.scan_overdue` (hourly at :05). Every task is
acks_late: a worker killed mid-task leaves the message to be redelivered, and each task is
idempotent (unique notification rows, claimed e-mails), so redelivery never repeats a reminder.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import date

from celery import shared_task
from django.utils import timezone

from . import reminders, services
from .calendar import is_workday
from .notifications import notification_send_email, requeue_unsent_emails

logger = logging.getLogger(__name__)


def _day(value: str | None) -> date:
    """`today` may be passed as an ISO date (to rerun a missed morning); default: today in Shanghai."""
    return date.fromisoformat(value) if value else timezone.localdate()


@shared_task(bind=True, acks_late=True)
def scan_reminders(self, today: str | None = None) -> dict:
    """The working-morning reminder scan: due in 3 / 1 working days, due today, overdue."""
    day = _day(today)
    if not is_workday(day):
        logger.info("reminder scan skipped: %s is a rest day on the work calendar", day)
        return {"today": day.isoformat(), "skipped": "rest day"}
    result = reminders.scan_reminders(today=day)
    return {"today": day.isoformat(), "created": result.created, "emails": result.emails, **_requeue()}


def _requeue() -> dict:
    """E-mails whose task was lost (killed worker, broker down at commit) are queued again."""
    return {"emails_requeued": requeue_unsent_emails()}


@shared_task(bind=True, acks_late=True)
def scan_overdue(self, today: str | None = None) -> dict:
    """The hourly overdue scan (runs on rest days too: an overdue clock does not wait for Monday)."""
    day = _day(today)
    result = reminders.scan_overdue(today=day)
    return {"today": day.isoformat(), "created": result.created, "emails": result.emails, **_requeue()}


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=60,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_notification_email(self, notification_id: int) -> bool:
    """Send one notification's e-mail, at most once (the row is claimed before sending)."""
    return notification_send_email(notification_id=notification_id)


@shared_task(bind=True, acks_late=True)
def recompute_open_deadlines(self, years: list[int] | None = None) -> int:
    """Recompute open deadlines after the work calendar changed (optionally only these years)."""
    changed = services.deadline_recompute_open(years=years)
    logger.info("recomputed open deadlines for years %s: %s due dates moved", years or "all", changed)
    return changed
