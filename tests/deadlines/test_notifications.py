"""Notifications: created once, e-mailed once and only after commit, read and switched off by their owner."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection, transaction
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import OrgUnit
from deadlines.choices import ReminderStage
from deadlines.models import Deadline, Notification
from deadlines.notifications import mark_read, notification_send_email, notify, unread_count


def make_deadline(*, org_unit, due, responsible=(), subject="天复〔2026〕12号 复议决定期限", **extra):
    """A Deadline row written directly (the engine's arithmetic is tested elsewhere)."""
    deadline = Deadline.objects.create(
        content_type=ContentType.objects.get_for_model(OrgUnit),
        object_id=org_unit.pk,
        org_unit=org_unit,
        rule_code=extra.pop("rule_code", "recon.decision"),
        subject=subject,
        trigger_date=extra.pop("trigger_date", date(2026, 3, 2)),
        raw_end=due,
        due_date=due,
        trace=["测试"],
        **extra,
    )
    deadline.responsible.set(responsible)
    return deadline


@pytest.fixture
def officer(tree, make_user):
    return make_user(
        "chengban", unit=tree.city_justice, real_name="张承办", email="zhang@sfj.tianshui.gov.cn"
    )


def _notify(user, **kwargs):
    values = {"recipient": user, "title": "【待办提醒】审查意见待签发", "stage": ReminderStage.REVIEW}
    values.update(kwargs)
    return notify(**values)


# --- notify ---------------------------------------------------------------------------------------


def test_notify_creates_once_and_emails_once_after_commit(officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = _notify(officer, dedupe_key="opinion:7", url="/decisions/7/")
        again = _notify(officer, dedupe_key="opinion:7", url="/decisions/7/")
    assert first is not None and again is None
    assert Notification.objects.filter(recipient=officer).count() == 1
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["zhang@sfj.tianshui.gov.cn"]
    assert sent.subject == "【待办提醒】审查意见待签发"
    assert "张承办同志" in sent.body and "/decisions/7/" in sent.body
    assert sent.extra_headers["X-Notification-Id"] == str(first.pk)
    first.refresh_from_db()
    assert first.emailed_at is not None


def test_notify_with_another_key_or_stage_is_a_new_notification(officer):
    assert _notify(officer, dedupe_key="opinion:7") is not None
    assert _notify(officer, dedupe_key="opinion:8") is not None
    assert _notify(officer, dedupe_key="opinion:7", stage=ReminderStage.MOVED) is not None
    assert Notification.objects.filter(recipient=officer).count() == 3


def test_rolled_back_transaction_creates_and_sends_nothing(officer, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert _notify(officer, dedupe_key="opinion:9") is not None
        raise RuntimeError("the service failed after notifying")
    assert not Notification.objects.exists()
    assert callbacks == []
    assert mail.outbox == []


def test_lost_race_returns_none_without_breaking_the_transaction(officer, monkeypatch):
    """Two workers pass the existence check together: the database refuses the second INSERT."""
    existing = _notify(officer, dedupe_key="opinion:10")
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)
    with transaction.atomic():
        assert _notify(officer, dedupe_key="opinion:10") is None
        # The savepoint kept the outer transaction usable.
        assert Notification.objects.filter(pk=existing.pk).count() == 1


@pytest.mark.parametrize(
    ("email_on", "address"),
    [(False, "li@sfj.tianshui.gov.cn"), (True, "")],
    ids=["switched-off", "no-address"],
)
def test_no_email_when_switched_off_or_without_address(
    tree, make_user, email_on, address, django_capture_on_commit_callbacks
):
    user = make_user(unit=tree.city_justice, email=address, email_notifications=email_on)
    with django_capture_on_commit_callbacks(execute=True):
        created = _notify(user, dedupe_key="x")
    assert created is not None
    assert mail.outbox == []
    assert unread_count(user) == 1


def test_notify_for_a_deadline_is_unique_per_stage_and_recipient(officer, tree):
    deadline = make_deadline(org_unit=tree.city_justice, due=date(2026, 5, 6), responsible=[officer])
    kwargs = {"deadline": deadline, "stage": ReminderStage.DUE_TODAY, "dedupe_key": "2026-05-06"}
    assert _notify(officer, **kwargs) is not None
    assert _notify(officer, **kwargs) is None
    assert deadline.notifications.count() == 1


# --- e-mail task ----------------------------------------------------------------------------------


def test_redelivered_send_task_sends_once(officer):
    from deadlines.tasks import send_notification_email

    n = Notification.objects.create(
        recipient=officer, stage=ReminderStage.REVIEW, title="待办", dedupe_key="a"
    )
    send_notification_email.delay(n.pk)
    send_notification_email.delay(n.pk)  # the broker redelivers the same message
    assert len(mail.outbox) == 1


def test_send_task_for_a_vanished_row_does_nothing(officer):
    assert notification_send_email(notification_id=987654) is False
    assert mail.outbox == []


def test_refused_mail_releases_the_claim_so_a_retry_can_send(officer, monkeypatch):
    n = Notification.objects.create(
        recipient=officer, stage=ReminderStage.REVIEW, title="待办", dedupe_key="b"
    )

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(ConnectionRefusedError):
        notification_send_email(notification_id=n.pk)
    n.refresh_from_db()
    assert n.emailed_at is None
    monkeypatch.undo()
    assert notification_send_email(notification_id=n.pk) is True
    assert len(mail.outbox) == 1


def test_email_switched_off_after_the_reminder_was_created_is_not_sent(officer):
    n = Notification.objects.create(
        recipient=officer, stage=ReminderStage.REVIEW, title="待办", dedupe_key="c"
    )
    officer.email_notifications = False
    officer.save()
    assert notification_send_email(notification_id=n.pk) is False
    assert mail.outbox == []


# --- reading --------------------------------------------------------------------------------------


def test_mark_read_touches_only_the_users_own_rows(officer, users):
    mine = [_notify(officer, dedupe_key=str(i)) for i in range(3)]
    theirs = _notify(users.fuyi, dedupe_key="0")
    assert mark_read(user=officer, ids=[mine[0].pk, theirs.pk]) == 1
    assert unread_count(officer) == 2
    assert unread_count(users.fuyi) == 1
    assert mark_read(user=officer) == 2
    assert unread_count(officer) == 0


# --- pages ----------------------------------------------------------------------------------------


def test_list_shows_own_notifications_unread_first_and_bold(officer, users, login):
    old_unread = _notify(officer, title="【期限提醒】较早的未读通知", dedupe_key="1")
    read = _notify(officer, title="【期限提醒】已读通知", dedupe_key="2")
    mark_read(user=officer, ids=[read.pk])
    _notify(users.fuyi, title="【期限提醒】别人的通知", dedupe_key="3")
    response = login(officer).get(reverse("deadlines:notifications"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "别人的通知" not in html
    assert html.index("较早的未读通知") < html.index("已读通知")
    open_form = f'<form method="post" action="{reverse("deadlines:notification_open", args=[old_unread.pk])}"'
    assert open_form in html
    assert "fw-bold" in html[html.index(open_form) :].split("</form>")[0]
    assert "全部标为已读" in html
    # the bell in the base layout counts unread notifications
    assert response.context["unread_notifications"] == 1


def test_list_unread_filter_and_pagination(officer, login):
    for i in range(25):
        _notify(officer, title=f"通知{i:02d}", dedupe_key=str(i))
    mark_read(user=officer, ids=Notification.objects.filter(title="通知00").values_list("pk", flat=True))
    client = login(officer)
    page1 = client.get(reverse("deadlines:notifications"))
    assert len(page1.context["notifications"]) == 20
    page2 = client.get(reverse("deadlines:notifications"), {"page": 2})
    assert len(page2.context["notifications"]) == 5
    assert "通知00" in page2.content.decode()  # the read one comes last
    unread = client.get(reverse("deadlines:notifications"), {"unread": "1", "page": 2})
    assert len(unread.context["notifications"]) == 4


def test_list_queries_do_not_grow_with_rows(officer, tree, login):
    client = login(officer)

    def queries_for_page():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("deadlines:notifications")).status_code == 200
        return len(ctx)

    deadline = make_deadline(org_unit=tree.city_justice, due=date(2026, 5, 6), responsible=[officer])
    for i in range(2):
        _notify(officer, dedupe_key=str(i), deadline=deadline)
    few = queries_for_page()
    for i in range(2, 20):
        _notify(officer, dedupe_key=str(i), deadline=deadline)
    assert queries_for_page() == few


def test_mark_all_read(officer, login):
    for i in range(3):
        _notify(officer, dedupe_key=str(i))
    response = login(officer).post(reverse("deadlines:notifications_read"), follow=True)
    assert unread_count(officer) == 0
    assert "已将 3 条通知标为已读" in response.content.decode()


def test_open_marks_read_and_goes_to_its_page(officer, login):
    n = _notify(officer, dedupe_key="1", url="/deadlines/42/")
    response = login(officer).post(reverse("deadlines:notification_open", args=[n.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/deadlines/42/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_open_refuses_foreign_urls_and_other_users(officer, users, login):
    n = _notify(officer, dedupe_key="1", url="https://evil.example.com/")
    response = login(officer).post(reverse("deadlines:notification_open", args=[n.pk]))
    assert response["Location"] == reverse("deadlines:notifications")
    other = login(users.fuyi).post(reverse("deadlines:notification_open", args=[n.pk]))
    assert other.status_code == 404


def test_a_get_does_not_mark_a_notification_read(officer, login):
    """Marking read changes data: a link followed by a prefetcher or a crawler must not do it."""
    n = _notify(officer, dedupe_key="1", url="/deadlines/42/")
    response = login(officer).get(reverse("deadlines:notification_open", args=[n.pk]))
    assert response.status_code == 405
    n.refresh_from_db()
    assert n.read_at is None


def test_settings_switch_email_off_is_audited(officer, login):
    client = login(officer)
    page = client.get(reverse("deadlines:notification_settings"))
    assert page.status_code == 200
    assert "zhang@sfj.tianshui.gov.cn" in page.content.decode()
    response = client.post(reverse("deadlines:notification_settings"), {}, follow=True)
    officer.refresh_from_db()
    assert officer.email_notifications is False
    assert "已关闭邮件提醒" in response.content.decode()
    entry = LogEntry.objects.get_for_object(officer).order_by("-timestamp", "-pk").first()
    assert entry.changes_dict["email_notifications"] == ["True", "False"]
    client.post(reverse("deadlines:notification_settings"), {"email_notifications": "on"})
    officer.refresh_from_db()
    assert officer.email_notifications is True


def test_settings_warns_when_there_is_no_address(tree, make_user, login):
    user = make_user(unit=tree.city_justice, email="")
    html = login(user).get(reverse("deadlines:notification_settings")).content.decode()
    assert "尚未登记电子邮箱" in html
