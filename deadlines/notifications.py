"""Notifications (docs/architecture.md, deadlines): the in-app bell and the e-mail sent for each reminder.

A `Notification` is unique on (deadline, stage, recipient, dedupe_key) — or on (recipient, stage,
dedupe_key) when it belongs to no deadline — so creating it is the idempotency point: a rerun, a
redelivered task or a restarted worker finds the row and neither notifies nor e-mails again.

E-mail is queued with `transaction.on_commit` only for a row created now, and the send task claims
the row (`emailed_at`) with one conditional UPDATE before sending, so a redelivered task cannot send
twice. The claim is committed before the message goes out: a worker killed between the two loses
that e-mail (the in-app notification stays) rather than sending it twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Notification

logger = logging.getLogger(__name__)

TITLE_MAX = Notification._meta.get_field("title").max_length
URL_MAX = Notification._meta.get_field("url").max_length


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def wants_email(user) -> bool:
    """E-mail goes only to active users who switched it on and have an address."""
    return bool(user.is_active and user.email_notifications and user.email)


# --- writes --------------------------------------------------------------------------------------


def notify(
    *,
    recipient,
    title: str,
    body: str = "",
    url: str = "",
    stage: str,
    deadline=None,
    dedupe_key: str = "",
) -> Notification | None:
    """Create one notification unless the same one exists; None when it already existed.

    Race-safe: the INSERT runs in a savepoint and a unique-constraint violation (a concurrent
    worker created the same row first) counts as "already existed". The e-mail is queued after
    the surrounding transaction commits, so a rolled-back transaction sends nothing.
    """
    lookup = {"recipient": recipient, "stage": stage, "deadline": deadline, "dedupe_key": dedupe_key}
    if Notification.objects.filter(**lookup).exists():
        return None
    notification = Notification(**lookup, title=_clip(title, TITLE_MAX), body=body, url=url[:URL_MAX])
    # Field shape only; uniqueness is decided by the database below, not by a racy pre-check.
    notification.full_clean(
        exclude=["recipient", "deadline"], validate_unique=False, validate_constraints=False
    )
    try:
        with transaction.atomic():
            notification.save(force_insert=True)
    except IntegrityError:
        return None
    if wants_email(recipient):
        # robust: once the caller's transaction committed, a broker outage is logged, not raised.
        transaction.on_commit(lambda: queue_emails([notification.pk]), robust=True)
    return notification


def queue_emails(notification_ids: Iterable[int]) -> int:
    """Queue one `send_notification_email` task per id (called after commit); returns the count."""
    # cycle: deadlines.tasks imports this module for the task bodies
    from .tasks import send_notification_email

    ids = list(notification_ids)
    if not ids:
        return 0
    # One broker connection for the whole batch: a morning scan may queue thousands.
    with current_app.producer_or_acquire() as producer:
        for pk in ids:
            send_notification_email.apply_async((pk,), producer=producer)
    return len(ids)


def requeue_unsent_emails(*, older_than: timedelta | None = None, limit: int = 5000) -> int:
    """Queue again the e-mails of notifications that should have been sent but were not: their task was
    lost with a killed worker (its message waits in the broker's unacked set until the visibility
    timeout) or the broker was down at commit. Safe to repeat: the send task claims the row first, so a
    notification is never e-mailed twice. Run by every reminder scan."""
    older_than = older_than or timedelta(seconds=settings.NOTIFICATION_EMAIL_RETRY_SECONDS)
    ids = list(
        Notification.objects.filter(
            emailed_at__isnull=True,
            created_at__lt=timezone.now() - older_than,
            created_at__gte=timezone.now() - timedelta(days=7),  # a week-old reminder is no longer news
            recipient__is_active=True,
            recipient__email_notifications=True,
        )
        .exclude(recipient__email="")
        .order_by("id")
        .values_list("id", flat=True)[:limit]
    )
    return queue_emails(ids)


def mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications (all, or those in `ids`) read; returns how many."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


def notification_settings_update(*, user, email_notifications: bool):
    """Switch the user's e-mail reminders on or off (auditlog records the change on User)."""
    if user.email_notifications != email_notifications:
        user.email_notifications = email_notifications
        user.save(update_fields=["email_notifications"])
    return user


def notification_send_email(*, notification_id: int) -> bool:
    """Send the e-mail for one notification at most once; True if this call sent it.

    The claim (`emailed_at` set where it is still empty) is the guard against redelivery. If the
    mail server refuses, the claim is released so a retry may send it; the error propagates.
    """
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if claimed != 1:
        logger.info("notification %s: e-mail already sent or row gone; nothing to do", notification_id)
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    if not wants_email(recipient):
        # Switched off (or address removed) between creation and sending: in-app only.
        logger.info("notification %s: recipient no longer receives e-mail", notification_id)
        return False
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    link = f"{base}{notification.url}" if notification.url and base else notification.url
    text = render_to_string(
        "email/notification.txt", {"notification": notification, "recipient": recipient, "link": link}
    )
    message = EmailMessage(
        subject=notification.title,
        body=text,
        to=[recipient.email],
        # Lets operators (and the end-to-end test) tie a delivered message to its notification.
        headers={"X-Notification-Id": str(notification.pk)},
    )
    try:
        message.send()
    except Exception:
        Notification.objects.filter(pk=notification_id).update(emailed_at=None)
        raise
    return True


# --- reads ---------------------------------------------------------------------------------------


def unread_count(user) -> int:
    """The number on the bell (one indexed COUNT on (recipient, read_at))."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_list(*, user, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, unread first, newest first within each group."""
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    return qs.order_by(unread.desc(), "-created_at", "-id")
