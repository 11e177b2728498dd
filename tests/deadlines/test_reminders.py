"""The reminder scan: stage windows on the work calendar, once per stage and recipient, mail after commit."""

import logging
from datetime import date

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deadlines.choices import DeadlineStatus, ReminderStage
from deadlines.models import Notification
from deadlines.reminders import scan_overdue, scan_reminders
from tianshui_cases.celery import app as celery_app

from .test_notifications import make_deadline

# National Day 2025: holiday 10-01…10-08, Sun 09-28 is a make-up working day (docs/law/counting.md table).
NATIONAL_DAY_DUE = date(2025, 10, 9)  # Thursday, first working day after the holiday


@pytest.fixture
def officer(tree, make_user):
    return make_user("chengban", unit=tree.qinzhou_justice, real_name="王承办", email="wang@qz.gov.cn")


@pytest.fixture
def deadline(tree, officer):
    return make_deadline(
        org_unit=tree.qinzhou_justice,
        due=NATIONAL_DAY_DUE,
        responsible=[officer],
        subject="天复〔2025〕88号 复议决定期限",
    )


def stages_of(deadline, user=None):
    qs = Notification.objects.filter(deadline=deadline)
    if user is not None:
        qs = qs.filter(recipient=user)
    return sorted(qs.values_list("stage", flat=True))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 9, 26), []),  # Fri: 09-28, 09-29, 09-30, 10-09 → 4 working days left
        (date(2025, 9, 28), [ReminderStage.DUE_IN_3]),  # make-up Sunday: 3 working days left
        (date(2025, 9, 29), [ReminderStage.DUE_IN_3]),  # Mon: 09-30, 10-09 → 2 left (a skipped 09-28)
        (date(2025, 9, 30), [ReminderStage.DUE_IN_1]),  # Tue: the holiday in between, 1 working day left
        (date(2025, 10, 9), [ReminderStage.DUE_TODAY]),
        (date(2025, 10, 10), [ReminderStage.OVERDUE]),
    ],
    ids=str,
)
def test_stage_windows_around_the_national_day_holiday(deadline, officer, today, expected):
    scan_reminders(today=today)
    assert stages_of(deadline, officer) == expected


def test_titles_name_the_deadline_its_weekday_and_the_working_days_left(deadline, officer):
    scan_reminders(today=date(2025, 9, 29))
    n = Notification.objects.get(deadline=deadline)
    assert (
        n.title == "【期限提醒】天复〔2025〕88号 复议决定期限 将于 2025-10-09（星期四）届满（剩余2个工作日）"
    )
    assert "到期日：2025-10-09（星期四）" in n.body
    assert "秦州区司法局" in n.body
    assert n.url == reverse("deadlines:detail", args=[deadline.pk])
    assert n.dedupe_key == "2025-10-09"


def test_overdue_title_counts_days_past_due(deadline):
    scan_overdue(today=date(2025, 10, 13))
    titles = list(Notification.objects.values_list("title", flat=True))
    assert titles == ["【超期警示】天复〔2025〕88号 复议决定期限 已于 2025-10-09（星期四）届满，已超期4天"]


def test_due_today_title(deadline):
    scan_reminders(today=NATIONAL_DAY_DUE)
    assert Notification.objects.get().title.startswith(
        "【今日到期】天复〔2025〕88号 复议决定期限 于今日 2025-10-09"
    )


def test_scan_twice_notifies_and_emails_once(
    deadline, officer, tree, make_user, django_capture_on_commit_callbacks
):
    second = make_user(unit=tree.qinzhou_justice, email="li@qz.gov.cn")
    deadline.responsible.add(second)
    with django_capture_on_commit_callbacks(execute=True):
        first_run = scan_reminders(today=date(2025, 9, 29))
    with django_capture_on_commit_callbacks(execute=True):
        second_run = scan_reminders(today=date(2025, 9, 29))
    with django_capture_on_commit_callbacks(execute=True):
        scan_reminders(today=date(2025, 9, 28))  # the earlier morning rerun late: same stage, nothing new
    assert first_run.created[ReminderStage.DUE_IN_3] == 2 and first_run.emails == 2
    assert second_run.total == 0 and second_run.emails == 0
    assert Notification.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["li@qz.gov.cn", "wang@qz.gov.cn"]
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_each_stage_once_as_the_deadline_approaches(deadline, officer, django_capture_on_commit_callbacks):
    days = [date(2025, 9, 28), date(2025, 9, 29), date(2025, 9, 30), date(2025, 10, 9)]
    days += [date(2025, 10, 10), date(2025, 10, 13)]
    with django_capture_on_commit_callbacks(execute=True):
        for day in days:
            scan_reminders(today=day)
            scan_overdue(today=day)
    assert stages_of(deadline, officer) == sorted(
        [ReminderStage.DUE_IN_3, ReminderStage.DUE_IN_1, ReminderStage.DUE_TODAY, ReminderStage.OVERDUE]
    )
    assert len(mail.outbox) == 4


def test_rolled_back_scan_leaves_nothing_and_sends_nothing(deadline, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert scan_reminders(today=NATIONAL_DAY_DUE).total == 1
        raise RuntimeError("worker lost its database connection")
    assert not Notification.objects.exists()
    assert callbacks == []
    assert mail.outbox == []


def test_email_off_means_in_app_only(deadline, officer, django_capture_on_commit_callbacks):
    officer.email_notifications = False
    officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        result = scan_reminders(today=NATIONAL_DAY_DUE)
    assert result.total == 1 and result.emails == 0
    assert stages_of(deadline, officer) == [ReminderStage.DUE_TODAY]
    assert mail.outbox == []


def test_overdue_also_goes_to_the_leaders_of_the_deadlines_unit(deadline, officer, tree, make_user):
    leader = make_user(unit=tree.qinzhou_justice, is_unit_leader=True)
    make_user(unit=tree.qinzhou_justice, is_unit_leader=True, is_active=False)  # left the unit
    make_user(unit=tree.maiji_justice, is_unit_leader=True)  # another unit's leader
    make_user(unit=tree.qinzhou, is_unit_leader=True)  # the parent government's leader
    colleague = make_user(unit=tree.qinzhou_justice)  # not a leader
    scan_reminders(today=NATIONAL_DAY_DUE)
    assert stages_of(deadline, leader) == []  # before it is overdue, leaders are not told
    scan_overdue(today=date(2025, 10, 10))
    recipients = set(
        Notification.objects.filter(stage=ReminderStage.OVERDUE).values_list("recipient", flat=True)
    )
    assert recipients == {officer.pk, leader.pk}
    assert colleague.pk not in recipients


def test_a_leader_who_is_also_responsible_gets_one_overdue_reminder(deadline, officer):
    officer.is_unit_leader = True
    officer.save()
    result = scan_overdue(today=date(2025, 10, 10))
    assert result.created == {ReminderStage.OVERDUE: 1}
    assert stages_of(deadline, officer) == [ReminderStage.OVERDUE]


@pytest.mark.parametrize(
    "change",
    [{"status": DeadlineStatus.MET}, {"status": DeadlineStatus.CANCELLED}, {"is_suspended": True}],
    ids=["met", "cancelled", "suspended"],
)
def test_closed_or_suspended_deadlines_are_not_reminded(deadline, change):
    for field, value in change.items():
        setattr(deadline, field, value)
    deadline.save()
    assert scan_reminders(today=date(2025, 10, 10)).total == 0
    assert not Notification.objects.exists()


def test_inactive_responsible_user_is_skipped(deadline, officer):
    officer.is_active = False
    officer.save()
    assert scan_reminders(today=NATIONAL_DAY_DUE).total == 0


def test_a_moved_due_date_earns_the_reminders_again(deadline, officer):
    """An extension or a resumption moves the due date: the officer must be reminded of the new one."""
    scan_reminders(today=date(2025, 9, 30))
    deadline.due_date = date(2025, 10, 14)  # e.g. extended
    deadline.save()
    scan_reminders(today=date(2025, 10, 9))  # 10-10, 10-11 (make-up Sat), 10-13, 10-14 → 4 left: nothing
    scan_reminders(today=date(2025, 10, 10))  # 3 left
    scan_reminders(today=date(2025, 10, 10))
    assert sorted(Notification.objects.values_list("stage", "dedupe_key")) == [
        (ReminderStage.DUE_IN_1, "2025-10-09"),
        (ReminderStage.DUE_IN_3, "2025-10-14"),
    ]


def test_scan_overdue_does_only_the_overdue_stage(tree, officer):
    due_today = make_deadline(org_unit=tree.qinzhou_justice, due=date(2025, 10, 10), responsible=[officer])
    late = make_deadline(org_unit=tree.qinzhou_justice, due=date(2025, 10, 9), responsible=[officer])
    result = scan_overdue(today=date(2025, 10, 10))
    assert result.created == {ReminderStage.OVERDUE: 1}
    assert stages_of(late) == [ReminderStage.OVERDUE]
    assert stages_of(due_today) == []


def test_due_date_on_a_rest_day_before_the_next_working_day_counts_as_due_in_1(tree, officer):
    """A due date that is itself a rest day (not yet recomputed) must not fall through the windows."""
    on_holiday = make_deadline(org_unit=tree.qinzhou_justice, due=date(2025, 10, 4), responsible=[officer])
    scan_reminders(today=date(2025, 9, 30))
    assert stages_of(on_holiday) == [ReminderStage.DUE_IN_1]


def test_scan_query_count_does_not_grow_with_the_number_of_deadlines(tree, make_user):
    leader = make_user(unit=tree.qinzhou_justice, is_unit_leader=True)
    people = [make_user(unit=tree.qinzhou_justice) for _ in range(3)]
    # overdue, overdue, due today, due in 1 (make-up Saturday 10-11), due in 3
    dues = [date(2025, 9, 30), date(2025, 10, 9), date(2025, 10, 10), date(2025, 10, 11), date(2025, 10, 14)]

    def seed(n):
        for i in range(n):
            make_deadline(
                org_unit=tree.qinzhou_justice, due=dues[i % len(dues)], responsible=people[: 1 + i % 3]
            )

    def queries(today):
        with CaptureQueriesContext(connection) as ctx:
            result = scan_reminders(today=today)
        return len(ctx), result

    scan_reminders(today=date(2025, 10, 10))  # warm the work calendar's per-year cache
    seed(5)
    few, small = queries(date(2025, 10, 10))
    Notification.objects.all().delete()
    seed(30)  # stays within one INSERT batch on SQLite too (its batches are ~100 rows)
    many, large = queries(date(2025, 10, 10))
    assert large.total > 5 * small.total > 0
    assert many == few
    assert Notification.objects.filter(recipient=leader).exists()


# --- tasks ----------------------------------------------------------------------------------------


def test_task_skips_a_rest_day_and_says_why(deadline, caplog):
    from deadlines.tasks import scan_reminders as task

    with caplog.at_level(logging.INFO, logger="deadlines.tasks"):
        outcome = task.delay(today="2025-10-04").get()  # National Day holiday, a Saturday
    assert outcome == {"today": "2025-10-04", "skipped": "rest day"}
    assert "2025-10-04 is a rest day" in caplog.text
    assert not Notification.objects.exists()


def test_task_runs_on_a_make_up_working_sunday(deadline, officer):
    from deadlines.tasks import scan_reminders as task

    task.delay(today="2025-09-28").get()
    assert stages_of(deadline, officer) == [ReminderStage.DUE_IN_3]


def test_overdue_task_runs_on_rest_days(deadline, officer):
    from deadlines.tasks import scan_overdue as task

    task.delay(today="2025-10-11").get()  # 10-11 is a make-up Saturday; 10-12 a plain Sunday
    task.delay(today="2025-10-12").get()
    assert stages_of(deadline, officer) == [ReminderStage.OVERDUE]


def test_recompute_task_calls_the_service_with_the_years(monkeypatch):
    from deadlines import services
    from deadlines.tasks import recompute_open_deadlines

    calls = []
    monkeypatch.setattr(services, "deadline_recompute_open", lambda *, years=None: calls.append(years) or 3)
    assert recompute_open_deadlines.delay(years=[2027]).get() == 3
    assert calls == [[2027]]


def test_beat_schedule_names_registered_tasks():
    """Every beat entry (ours and other apps') names a task the worker will have registered."""
    celery_app.autodiscover_tasks(force=True)  # what a worker does at start: import every app's tasks.py
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"deadlines.tasks.scan_reminders", "deadlines.tasks.scan_overdue"} <= names
    assert names <= set(celery_app.tasks)
