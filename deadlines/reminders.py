"""Reminder scan (docs/architecture.md, Celery beat): which open deadlines need a reminder today.

Stages, counted in working days on the work calendar (k = working days in (today, due]):

- due_in_3  — 1 < k ≤ 3: a window, not a single day, so a skipped morning still reminds;
- due_in_1  — k = 1 (also a due date on the rest days just before the next working day, k = 0);
- due_today — due == today;
- overdue   — due < today; also to the active unit leaders (is_unit_leader) of the deadline's unit.

The scan is set-based: the calendar is consulted once for the window bounds; per stage one query
selects (deadline, recipient) pairs of open, not suspended deadlines that have no notification of
that stage yet (NOT EXISTS), and the new rows are inserted in batches with INSERT … ON CONFLICT DO
NOTHING (`bulk_create(ignore_conflicts=True)`), so a concurrent scan cannot make duplicates either.
E-mails are queued after commit for the rows created in this run only.

A reminder is once per (deadline, stage, recipient) *and due date*: `dedupe_key` holds the due date,
so an extension or a resumption that moves the due date earns the reminders again, while a rerun, a
redelivered task or a restarted worker never repeats one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import CharField, Exists, F, Func, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .calendar import add_workdays, count_workdays
from .choices import DeadlineStatus, ReminderStage
from .models import Deadline, Notification
from .notifications import TITLE_MAX, URL_MAX, _clip, queue_emails
from .rules import get_rule

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000
SCAN_STAGES = (ReminderStage.DUE_IN_3, ReminderStage.DUE_IN_1, ReminderStage.DUE_TODAY, ReminderStage.OVERDUE)

_WEEKDAYS = (
    gettext_noop("星期一"),
    gettext_noop("星期二"),
    gettext_noop("星期三"),
    gettext_noop("星期四"),
    gettext_noop("星期五"),
    gettext_noop("星期六"),
    gettext_noop("星期日"),
)
# reverse() once with a placeholder id, then substitute each deadline's id (100k reverses add up).
_URL_PLACEHOLDER = 987654321987


@dataclass
class ScanResult:
    """What one scan did: new notifications per stage, and e-mails queued after commit."""

    today: date
    created: dict[str, int] = field(default_factory=dict)
    emails: int = 0
    skipped: str = ""

    @property
    def total(self) -> int:
        return sum(self.created.values())


@dataclass(frozen=True)
class _Row:
    deadline_id: int
    user_id: int
    subject: str
    due: date
    trigger: date
    rule_code: str
    unit_name: str


def stage_windows(today: date) -> dict[str, Q]:
    """Due-date filter of each stage for `today` (bounds computed once from the work calendar)."""
    d2 = add_workdays(today, 2)
    d4 = add_workdays(today, 4)
    # k = count_workdays(today, due); k ≥ n ⇔ due ≥ add_workdays(today, n).
    return {
        ReminderStage.DUE_IN_3: Q(due_date__gte=d2, due_date__lt=d4),  # k ∈ {2, 3}
        ReminderStage.DUE_IN_1: Q(due_date__gt=today, due_date__lt=d2),  # k ∈ {0, 1}, due after today
        ReminderStage.DUE_TODAY: Q(due_date=today),
        ReminderStage.OVERDUE: Q(due_date__lt=today),
    }


def _prefixed(q: Q, prefix: str) -> Q:
    """The same due-date window seen from a related model (`deadline__due_date__gte`, …)."""
    return Q(*[(f"{prefix}{k}", v) for k, v in q.children], _connector=q.connector)


class _IsoDate(Func):
    """A date column as 'YYYY-MM-DD' text, to compare with `dedupe_key` inside the database."""

    output_field = CharField()
    template = "CAST(%(expressions)s AS TEXT)"  # SQLite stores dates as ISO text already

    def as_postgresql(self, compiler, connection, **extra):
        # Independent of the session's DateStyle.
        return self.as_sql(compiler, connection, template="to_char(%(expressions)s, 'YYYY-MM-DD')", **extra)


def _not_notified(stage: str, deadline_ref: str, user_ref: str, due_ref: str):
    """No reminder of this stage yet for this recipient and this due date of the deadline."""
    return ~Exists(
        Notification.objects.filter(
            deadline_id=OuterRef(deadline_ref),
            recipient_id=OuterRef(user_ref),
            stage=stage,
            dedupe_key=_IsoDate(OuterRef(due_ref)),
        )
    )


_ROW_FIELDS = ("subject", "due_date", "trigger_date", "rule_code", "org_unit__name")


def _responsible_rows(stage: str, window: Q) -> list[_Row]:
    """Responsible users of open, running deadlines in the window without this stage's reminder."""
    through = Deadline.responsible.through
    qs = (
        through.objects.filter(
            _prefixed(window, "deadline__"),
            deadline__status=DeadlineStatus.OPEN,
            deadline__is_suspended=False,
            user__is_active=True,
        )
        .filter(_not_notified(stage, "deadline_id", "user_id", "deadline__due_date"))
        .values_list("deadline_id", "user_id", *[f"deadline__{f}" for f in _ROW_FIELDS])
    )
    return [_Row(*r) for r in qs.iterator(chunk_size=BATCH_SIZE)]


def _leader_rows(stage: str, window: Q) -> list[_Row]:
    """Active unit leaders of the deadline's own unit (overdue reminders go to them too)."""
    User = get_user_model()
    # One filter() call: every condition applies to the same deadline join, and the annotation
    # reuses it, so the NOT EXISTS compares the very deadline of the row.
    qs = (
        User.objects.filter(
            _prefixed(window, "unit__deadlines__"),
            unit__deadlines__status=DeadlineStatus.OPEN,
            unit__deadlines__is_suspended=False,
            is_active=True,
            is_unit_leader=True,
        )
        .annotate(reminder_deadline_id=F("unit__deadlines__id"), reminder_due=F("unit__deadlines__due_date"))
        .filter(_not_notified(stage, "reminder_deadline_id", "pk", "reminder_due"))
        .values_list("reminder_deadline_id", "pk", *[f"unit__deadlines__{f}" for f in _ROW_FIELDS])
        .order_by()
    )
    return [_Row(*r) for r in qs.iterator(chunk_size=BATCH_SIZE)]


def _detail_url_template() -> str:
    try:
        return reverse("deadlines:detail", args=[_URL_PLACEHOLDER])
    except NoReverseMatch:
        return ""


def _rule_label(code: str, cache: dict[str, str]) -> str:
    if code not in cache:
        label = code
        try:
            label = str(get_rule(code).label)
        except Exception:  # the catalogue is optional here: an unknown code shows as itself
            logger.debug("rule label for %s not found", code, exc_info=True)
        cache[code] = label
    return cache[code]


class _Texts:
    """Chinese titles and bodies. Translated once per scan and built once per deadline (not per
    recipient): a first scan at go-live may write tens of thousands of reminders."""

    def __init__(self, today: date):
        self.today = today
        self.url_template = _detail_url_template()
        self.weekdays = [_(name) for name in _WEEKDAYS]
        self.templates = {
            ReminderStage.OVERDUE: _(
                "【超期警示】%(subject)s 已于 %(due)s（%(weekday)s）届满，已超期%(days)d天"
            ),
            ReminderStage.DUE_TODAY: _("【今日到期】%(subject)s 于今日 %(due)s（%(weekday)s）届满"),
            ReminderStage.DUE_IN_1: _(
                "【期限提醒】%(subject)s 将于 %(due)s（%(weekday)s）届满（剩余%(days)d个工作日）"
            ),
        }
        self.templates[ReminderStage.DUE_IN_3] = self.templates[ReminderStage.DUE_IN_1]
        self.body_template = _(
            "事项：%(subject)s\n期限规则：%(rule)s\n起算日：%(trigger)s\n到期日：%(due)s（%(weekday)s）\n"
            "所属单位：%(unit)s\n请及时办理；已办结的，请在系统中登记完成。"
        )
        self._left: dict[date, int] = {}
        self._labels: dict[str, str] = {}
        self._titles: dict[tuple[str, int], str] = {}
        self._bodies: dict[int, str] = {}

    def days_left(self, due: date) -> int:
        if due not in self._left:
            self._left[due] = count_workdays(self.today, due)
        return self._left[due]

    def title(self, stage: str, row: _Row) -> str:
        key = (stage, row.deadline_id)
        if key not in self._titles:
            values = {
                "subject": row.subject,
                "due": row.due.isoformat(),
                "weekday": self.weekdays[row.due.weekday()],
            }
            if stage == ReminderStage.OVERDUE:
                values["days"] = (self.today - row.due).days
            elif stage != ReminderStage.DUE_TODAY:
                values["days"] = max(self.days_left(row.due), 1)
            self._titles[key] = _clip(self.templates[stage] % values, TITLE_MAX)
        return self._titles[key]

    def body(self, row: _Row) -> str:
        if row.deadline_id not in self._bodies:
            self._bodies[row.deadline_id] = self.body_template % {
                "subject": row.subject,
                "rule": _rule_label(row.rule_code, self._labels),
                "trigger": row.trigger.isoformat(),
                "due": row.due.isoformat(),
                "weekday": self.weekdays[row.due.weekday()],
                "unit": row.unit_name,
            }
        return self._bodies[row.deadline_id]

    def url(self, deadline_id: int) -> str:
        if not self.url_template:
            return ""
        return self.url_template.replace(str(_URL_PLACEHOLDER), str(deadline_id))[:URL_MAX]


_INSERT_FIELDS = ("recipient", "deadline", "stage", "dedupe_key", "title", "body", "url")


def _insert(values: list[tuple]) -> int:
    """INSERT the rows, skipping any that exist (a concurrent scan); returns how many were new.

    On PostgreSQL one `INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING` per batch: the
    same statement `bulk_create(ignore_conflicts=True)` issues, without building a model instance
    and quoting every value separately (half the time of a 50k-row first scan). Elsewhere (SQLite),
    `bulk_create` itself.
    """
    if not values:
        return 0
    if connection.vendor != "postgresql":
        names = [f"{name}_id" if name in ("recipient", "deadline") else name for name in _INSERT_FIELDS]
        objs = [Notification(**dict(zip(names, row, strict=True))) for row in values]
        Notification.objects.bulk_create(objs, batch_size=BATCH_SIZE, ignore_conflicts=True)
        return len(values)
    meta = Notification._meta
    qn = connection.ops.quote_name
    columns = [qn(meta.get_field(name).column) for name in (*_INSERT_FIELDS, "created_at")]
    types = ("bigint", "bigint", "text", "text", "text", "text", "text")
    aliases = [f"c{i}" for i in range(len(types))]
    # Identifiers come from the model's own metadata; every value is a bound parameter.
    select = ", ".join(aliases)
    arrays = ", ".join(f"%s::{t}[]" for t in types)
    sql = f"INSERT INTO {qn(meta.db_table)} ({', '.join(columns)}) "
    sql += f"SELECT {select}, %s FROM unnest({arrays}) AS x({select}) ON CONFLICT DO NOTHING"  # noqa: S608
    created = 0
    now = timezone.now()
    with connection.cursor() as cursor:
        for start in range(0, len(values), BATCH_SIZE):
            columns_data = [list(col) for col in zip(*values[start : start + BATCH_SIZE], strict=True)]
            cursor.execute(sql, [now, *columns_data])
            created += cursor.rowcount
    return created


def _scan(today: date, stages: tuple[str, ...]) -> ScanResult:
    result = ScanResult(today=today, created=dict.fromkeys(stages, 0))
    windows = stage_windows(today)
    texts = _Texts(today)
    started = timezone.now()
    with transaction.atomic():
        for stage in stages:
            rows = _responsible_rows(stage, windows[stage])
            if stage == ReminderStage.OVERDUE:
                rows += _leader_rows(stage, windows[stage])
            values = []
            seen: set[tuple[int, int]] = set()
            for row in rows:
                key = (row.deadline_id, row.user_id)
                if key in seen:  # a leader who is also responsible gets one reminder
                    continue
                seen.add(key)
                values.append(
                    (
                        row.user_id,
                        row.deadline_id,
                        stage,
                        # Once per stage *for this due date*: an extension or a resumption that
                        # moves the due date earns the reminders again; a rerun never does.
                        row.due.isoformat(),
                        texts.title(stage, row),
                        texts.body(row),
                        texts.url(row.deadline_id),
                    )
                )
            result.created[stage] = _insert(values)
        if result.total:
            # The rows of this run (a concurrent scan's may be included: the send task's claim
            # makes queueing them twice harmless).
            to_email = list(
                Notification.objects.filter(
                    created_at__gte=started,
                    stage__in=stages,
                    deadline__isnull=False,
                    emailed_at__isnull=True,
                    recipient__is_active=True,
                    recipient__email_notifications=True,
                )
                .exclude(recipient__email="")
                .values_list("pk", flat=True)
            )
            result.emails = len(to_email)
            if to_email:
                # robust: a broker outage after commit is logged, it does not fail the scan.
                transaction.on_commit(lambda: queue_emails(to_email), robust=True)
    logger.info(
        "reminder scan %s: %s new notifications %s, %s e-mails queued",
        today,
        result.total,
        result.created,
        result.emails,
    )
    return result


def scan_reminders(*, today: date | None = None) -> ScanResult:
    """The working-morning scan: all four stages."""
    return _scan(today or timezone.localdate(), SCAN_STAGES)


def scan_overdue(*, today: date | None = None) -> ScanResult:
    """The hourly scan: the overdue stage only (a deadline started late is caught within the hour)."""
    return _scan(today or timezone.localdate(), (ReminderStage.OVERDUE,))
