"""Writes and rules for running statutory clocks and the work calendar.

Every due date comes from `deadlines.engine.compute` (docs/law/counting.md): a service never types one in.
Each change of a `Deadline` adds a `DeadlineEvent`; auditlog records the rows themselves.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.jurisdiction import unit_in_jurisdiction
from core.exceptions import ApplicationError

from .calendar import clear_cache
from .choices import DeadlineEventKind, DeadlineStatus, ReminderStage
from .engine import compute
from .models import CalendarDay, CalendarSource, CalendarYear, Deadline, DeadlineEvent
from .notifications import notify
from .rules import get_rule

#: Approving an extension of a statutory period (held by the roles rules.py names as approvers).
PERM_APPROVE_EXTENSION = "deadlines.approve_extension"

logger = logging.getLogger(__name__)

# Longest plausible single holiday range in a State Council notice (春节/国庆 are 8–9 days).
MAX_HOLIDAY_RANGE_DAYS = 15


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _get_rule(rule_code: str):
    try:
        return get_rule(rule_code)
    except (KeyError, LookupError, ValueError) as exc:
        raise ApplicationError(
            _("未知的期限规则：%(code)s。") % {"code": rule_code}, field="rule_code"
        ) from exc


def _statute(rule) -> str:
    return str(getattr(rule, "statute", "") or "")


def deadline_suspensions(deadline: Deadline, *, until: datetime.date | None = None) -> list[tuple]:
    """Closed (suspended_on, resumed_on) pairs from the deadline's events, oldest first.

    An open suspension (no resumption yet) is closed at `until` when given, else left out —
    docs/law/counting.md, rule 8: the clock stops on the suspension date and runs again on the
    resumption date.
    """
    pairs: list[tuple] = []
    open_since = None
    events = sorted(
        (e for e in deadline.events.all() if e.kind in (DeadlineEventKind.SUSPEND, DeadlineEventKind.RESUME)),
        key=lambda e: (e.date, e.created_at or timezone.now(), e.pk or 0),
    )
    for event in events:
        if event.kind == DeadlineEventKind.SUSPEND and open_since is None:
            open_since = event.date
        elif event.kind == DeadlineEventKind.RESUME and open_since is not None:
            pairs.append((open_since, event.date))
            open_since = None
    if open_since is not None and until is not None:
        pairs.append((open_since, until))
    return pairs


def _compute(deadline: Deadline, *, extension_days: int | None = None, suspensions: Sequence | None = None):
    return compute(
        deadline.rule_code,
        deadline.trigger_date,
        extension_days=deadline.extension_days if extension_days is None else extension_days,
        suspensions=tuple(deadline_suspensions(deadline) if suspensions is None else suspensions),
    )


def _apply_result(deadline: Deadline, result) -> bool:
    """Store an engine result on the row; True if anything changed."""
    trace = [str(line) for line in result.trace]
    changed = (
        deadline.raw_end != result.raw_end
        or deadline.due_date != result.due
        or deadline.trace != trace
        or deadline.calendar_verified != bool(result.calendar_verified)
    )
    deadline.raw_end = result.raw_end
    deadline.due_date = result.due
    deadline.trace = trace
    deadline.calendar_verified = bool(result.calendar_verified)
    return changed


def _save(deadline: Deadline) -> Deadline:
    deadline.version += 1
    deadline.full_clean()
    deadline.save()
    return deadline


def _event(deadline: Deadline, kind: str, *, date: datetime.date, actor=None, **fields) -> DeadlineEvent:
    event = DeadlineEvent(deadline=deadline, kind=kind, date=date, actor=actor, **fields)
    event.full_clean()
    event.save()
    return event


def _lock(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update().get(pk=deadline.pk)


def _require_open(deadline: Deadline) -> None:
    if deadline.status != DeadlineStatus.OPEN:
        raise ApplicationError(
            _("该期限已%(status)s，不能再变更。") % {"status": deadline.get_status_display()}
        )


def _actor(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def deadline_url(deadline: Deadline) -> str:
    return reverse("deadlines:detail", kwargs={"pk": deadline.pk})


# --------------------------------------------------------------------------------------------
# Deadlines
# --------------------------------------------------------------------------------------------


def deadline_start(
    *,
    record,
    rule_code: str,
    trigger_date: datetime.date,
    org_unit,
    subject: str,
    responsible: Iterable = (),
    actor=None,
) -> Deadline:
    """Start a statutory clock for `record` (any saved model instance) from `trigger_date`."""
    _get_rule(rule_code)
    if record is None or record.pk is None:
        raise ApplicationError(_("期限必须关联一条已保存的记录。"))
    if not subject or not str(subject).strip():
        raise ApplicationError(_("请填写期限事项。"), field="subject")

    result = compute(rule_code, trigger_date)
    with transaction.atomic():
        deadline = Deadline(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            org_unit=org_unit,
            rule_code=rule_code,
            subject=str(subject).strip(),
            trigger_date=trigger_date,
        )
        _apply_result(deadline, result)
        deadline.full_clean()
        deadline.save()
        people = [u for u in responsible if u is not None]
        if people:
            deadline.responsible.set(people)
        _event(
            deadline,
            DeadlineEventKind.START,
            date=trigger_date,
            actor=_actor(actor),
            due_after=deadline.due_date,
        )
    return deadline


def deadline_suspend(*, deadline: Deadline, on: datetime.date, reason: str, actor) -> Deadline:
    """中止: stop the clock on `on`. The due date stays as last computed; the UI shows 中止中.

    docs/law/counting.md, rule 8 [our rule]; e.g. 复议法第三十九条 lists the grounds for 行政复议中止.
    """
    with transaction.atomic():
        deadline = _lock(deadline)
        _require_open(deadline)
        if deadline.is_suspended:
            raise ApplicationError(_("该期限已处于中止状态。"))
        if not reason or not reason.strip():
            raise ApplicationError(_("请填写中止理由。"), field="reason")
        if on < deadline.trigger_date:
            raise ApplicationError(_("中止日期不能早于起算日。"), field="on")
        pairs = deadline_suspensions(deadline)
        if pairs and on < pairs[-1][1]:
            raise ApplicationError(_("中止日期不能早于上次恢复日期。"), field="on")
        # The engine refuses a suspension after the period ended or on a rule that cannot be
        # suspended ("before" rules, fixed dates); a zero-length pair asks it without moving the date.
        _compute(deadline, suspensions=[*pairs, (on, on)])
        deadline.is_suspended = True
        _save(deadline)
        _event(deadline, DeadlineEventKind.SUSPEND, date=on, reason=reason.strip(), actor=_actor(actor))
    return deadline


def deadline_resume(*, deadline: Deadline, on: datetime.date, actor) -> Deadline:
    """恢复: the clock runs again from `on`; the due date moves by the time suspended.

    docs/law/counting.md, rule 8 [our rule]: calendar periods move by the calendar days suspended, working-day
    periods by the working days suspended; then rule 2 (roll over a rest day).
    """
    with transaction.atomic():
        deadline = _lock(deadline)
        _require_open(deadline)
        if not deadline.is_suspended:
            raise ApplicationError(_("该期限未中止，无需恢复。"))
        pairs = deadline_suspensions(deadline, until=on)
        suspended_on = pairs[-1][0]
        if on < suspended_on:
            raise ApplicationError(_("恢复日期不能早于中止日期。"), field="on")
        before = deadline.due_date
        result = _compute(deadline, suspensions=pairs)
        _apply_result(deadline, result)
        deadline.is_suspended = False
        _save(deadline)
        _event(
            deadline,
            DeadlineEventKind.RESUME,
            date=on,
            days=(on - suspended_on).days,
            actor=_actor(actor),
            due_before=before,
            due_after=deadline.due_date,
        )
    return deadline


def _check_approval_date(deadline: Deadline, approved_on: datetime.date, statute: str) -> None:
    """An extension is approved on a day within the running period: not before its trigger, not after
    its (current) due date, not in the future."""
    if approved_on > timezone.localdate():
        raise ApplicationError(_("批准日期不能晚于今天。"), field="approved_on")
    if approved_on < deadline.trigger_date:
        raise ApplicationError(
            _("批准日期不能早于期限起算日 %(day)s。") % {"day": f"{deadline.trigger_date:%Y-%m-%d}"},
            field="approved_on",
        )
    if approved_on > deadline.due_date:
        raise ApplicationError(
            _(
                "期限已于 %(due)s 届满，届满后不能再批准延长；延长须在期限内批准（批准日期 %(day)s）"
                "（%(statute)s）。"
            )
            % {"due": f"{deadline.due_date:%Y-%m-%d}", "day": f"{approved_on:%Y-%m-%d}", "statute": statute},
            field="approved_on",
        )


def deadline_extend(
    *,
    deadline: Deadline,
    days: int,
    reference: str,
    reason: str,
    actor,
    approved_by,
    approved_on: datetime.date | None = None,
) -> Deadline:
    """延长: lengthen the period by `days` (docs/law/counting.md, rule 7: new raw end = raw end +
    days, then rule 2).

    The approval is dated `approved_on` (default today; an earlier real approval date may be entered)
    and must fall within the period: a period that has run out cannot be extended afterwards — e.g.
    复议法第六十二条 "不能在规定期限内作出……的，……可以适当延长" (docs/law/counting.md, "Extension").

    Refused beyond the rule's legal maximum (cumulative), without the approval of a holder of the
    rule's approver role, or without the written notice to the parties — e.g. 复议法第六十二条:
    "经行政复议机构的负责人批准，可以适当延长，并书面告知当事人；但是延长期限最多不得超过三十日".
    """
    with transaction.atomic():
        deadline = _lock(deadline)
        _require_open(deadline)
        rule = _get_rule(deadline.rule_code)
        statute = _statute(rule)
        maximum = getattr(rule, "max_extension_days", 0) or 0
        if days is None or days <= 0:
            raise ApplicationError(_("延长天数必须大于0。"), field="days")
        if maximum <= 0:
            raise ApplicationError(
                _("“%(rule)s”依法不得延长（%(statute)s）。") % {"rule": rule.label, "statute": statute},
                field="days",
            )
        if deadline.extension_days + days > maximum:
            raise ApplicationError(
                _(
                    "延长期限累计最多不得超过%(max)d日（%(statute)s）；已延长%(done)d日，本次最多还可延长%(left)d日。"
                )
                % {
                    "max": maximum,
                    "statute": statute,
                    "done": deadline.extension_days,
                    "left": max(maximum - deadline.extension_days, 0),
                },
                field="days",
            )
        if not reference or not reference.strip():
            raise ApplicationError(
                _("延长期限须书面告知当事人，请填写书面通知文号（%(statute)s）。") % {"statute": statute},
                field="reference",
            )
        if not reason or not reason.strip():
            raise ApplicationError(_("请填写延长理由。"), field="reason")
        approved_on = approved_on or timezone.localdate()
        _check_approval_date(deadline, approved_on, statute)
        role = str(getattr(rule, "extension_approver_role", "") or "")
        if approved_by is None or not approved_by.is_active:
            raise ApplicationError(
                _("延长期限须经%(role)s批准（%(statute)s），请选择批准人。")
                % {"role": role, "statute": statute},
                field="approved_by",
            )
        # the rule names the approving role for the message; the check is the role's permission
        if role and not approved_by.has_perm(PERM_APPROVE_EXTENSION):
            raise ApplicationError(
                _("%(user)s不是%(role)s，无权批准延长（%(statute)s）。")
                % {"user": approved_by.display_name, "role": role, "statute": statute},
                field="approved_by",
            )
        if not unit_in_jurisdiction(approved_by, deadline.org_unit):
            raise ApplicationError(
                _("%(user)s对该期限所属单位无管辖权，不能批准延长。") % {"user": approved_by.display_name},
                field="approved_by",
            )
        before = deadline.due_date
        total = deadline.extension_days + days
        result = _compute(deadline, extension_days=total)
        _apply_result(deadline, result)
        deadline.extension_days = total
        _save(deadline)
        _event(
            deadline,
            DeadlineEventKind.EXTEND,
            date=approved_on,
            days=days,
            reference=reference.strip(),
            reason=reason.strip(),
            actor=_actor(actor),
            approved_by=approved_by,
            due_before=before,
            due_after=deadline.due_date,
        )
    return deadline


def deadline_meet(*, deadline: Deadline, on: datetime.date, actor) -> Deadline:
    """完成: the act the clock was waiting for happened on `on` — met if on or before the due date.

    A clock still suspended on `on` is first resumed at `on` (docs/law/counting.md, rule 8), so the
    time it stood still is not held against the office.
    """
    with transaction.atomic():
        deadline = _lock(deadline)
        _require_open(deadline)
        if on < deadline.trigger_date:
            raise ApplicationError(_("完成日期不能早于起算日。"), field="on")
        if on > timezone.localdate():
            raise ApplicationError(_("完成日期不能晚于今天。"), field="on")
        before = deadline.due_date
        if deadline.is_suspended:
            _apply_result(deadline, _compute(deadline, suspensions=deadline_suspensions(deadline, until=on)))
            deadline.is_suspended = False
        met = on <= deadline.due_date
        deadline.status = DeadlineStatus.MET if met else DeadlineStatus.MISSED
        deadline.closed_on = on
        _save(deadline)
        _event(
            deadline,
            DeadlineEventKind.MEET if met else DeadlineEventKind.MISS,
            date=on,
            actor=_actor(actor),
            due_before=before,
            due_after=deadline.due_date,
        )
    return deadline


def deadline_cancel(*, deadline: Deadline, reason: str, actor) -> Deadline:
    """取消: the clock no longer applies (e.g. the application was withdrawn). Kept, never deleted."""
    with transaction.atomic():
        deadline = _lock(deadline)
        _require_open(deadline)
        if not reason or not reason.strip():
            raise ApplicationError(_("请填写取消理由。"), field="reason")
        today = timezone.localdate()
        deadline.status = DeadlineStatus.CANCELLED
        deadline.closed_on = today
        deadline.is_suspended = False
        _save(deadline)
        _event(deadline, DeadlineEventKind.CANCEL, date=today, reason=reason.strip(), actor=_actor(actor))
    return deadline


def _years_q(years: Iterable[int]) -> Q:
    """Deadlines whose trigger..due interval touches any of `years`."""
    parts = [
        Q(trigger_date__lte=datetime.date(y, 12, 31), due_date__gte=datetime.date(y, 1, 1))
        for y in set(years)
    ]
    return reduce(or_, parts) if parts else Q(pk__in=[])


def deadline_recompute_open(*, years: Iterable[int] | None = None) -> int:
    """Recompute open deadlines after a calendar change; returns how many rows changed.

    When a due date moves, a RECOMPUTE event records before/after and every responsible user is
    told (stage "moved", once per new due date).
    """
    qs = Deadline.objects.open()
    if years is not None:
        qs = qs.filter(_years_q(years))
    qs = qs.prefetch_related("events").order_by("pk")
    changed = 0
    today = timezone.localdate()
    for candidate in qs.iterator(chunk_size=500):
        result = _compute(candidate)
        if not _apply_result(candidate, result):
            continue
        with transaction.atomic():
            deadline = Deadline.objects.select_for_update().prefetch_related("events").get(pk=candidate.pk)
            if deadline.status != DeadlineStatus.OPEN:
                continue
            before = deadline.due_date
            if not _apply_result(deadline, _compute(deadline)):
                continue
            _save(deadline)
            changed += 1
            if deadline.due_date == before:
                continue
            _event(
                deadline,
                DeadlineEventKind.RECOMPUTE,
                date=today,
                reason=_("工作日历调整，按新日历重新计算。"),
                due_before=before,
                due_after=deadline.due_date,
            )
            title = _("期限到期日调整：%(subject)s") % {"subject": deadline.subject}
            body = _("因工作日历调整，到期日由 %(before)s 变更为 %(after)s。") % {
                "before": before.isoformat(),
                "after": deadline.due_date.isoformat(),
            }
            for user in deadline.responsible.all():
                notify(
                    recipient=user,
                    title=title,
                    body=body,
                    url=deadline_url(deadline),
                    stage=ReminderStage.MOVED,
                    deadline=deadline,
                    dedupe_key=deadline.due_date.isoformat(),
                )
    return changed


# --------------------------------------------------------------------------------------------
# Work calendar
# --------------------------------------------------------------------------------------------


def _after_calendar_change(years: Iterable[int]) -> None:
    """Drop the cached calendar and recompute open deadlines once the change is committed."""
    years = sorted(set(years))
    clear_cache()  # bumps now and again after commit (deadlines.calendar)

    def queue():
        # cycle: deadlines.tasks imports this module for the task bodies
        from .tasks import recompute_open_deadlines

        try:
            recompute_open_deadlines.delay(years=years)
        except Exception:
            # The change is committed; due dates must follow it even when the broker is down.
            logger.exception("could not queue recompute_open_deadlines(%s); recomputing inline", years)
            with transaction.atomic():
                deadline_recompute_open(years=years)

    # robust: the calendar change is committed; a failing side effect is logged, not shown as a 500.
    transaction.on_commit(queue, robust=True)


def calendar_day_set(*, date: datetime.date, is_workday: bool, name: str, actor) -> CalendarDay:
    """Set one day of the work calendar by hand (overrides chinesecalendar for that date).

    Two administrators setting the same new day at once both find no row; the one who inserts second
    hits the unique date and tries once more, now updating the row the first one wrote
    (tests/test_concurrency_all.py)."""
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                day = CalendarDay.objects.select_for_update().filter(date=date).first() or CalendarDay(
                    date=date
                )
                day.is_workday = bool(is_workday)
                day.name = (name or "").strip()
                day.source = CalendarSource.MANUAL
                day.updated_by = _actor(actor)
                day.full_clean()
                day.save()
                _after_calendar_change([date.year])
            return day
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def calendar_day_clear(*, date: datetime.date, actor) -> None:
    """Remove a day's row so the date falls back to chinesecalendar / weekends again."""
    with transaction.atomic():
        deleted, _rows = CalendarDay.objects.filter(date=date).delete()
        if not deleted:
            raise ApplicationError(_("%(date)s 没有单独设置，无需恢复。") % {"date": date.isoformat()})
        _after_calendar_change([date.year])


def _validate_year_rows(year: int, holidays, workdays) -> None:
    errors = []
    seen: dict[datetime.date, str] = {}
    for start, end, name in holidays:
        label = f"{start.isoformat()} 至 {end.isoformat()}"
        if start.year != year:
            errors.append(_("%(label)s：放假起始日不在%(year)d年。") % {"label": label, "year": year})
        if end < start:
            errors.append(_("%(label)s：结束日早于起始日。") % {"label": label})
        elif (end - start).days + 1 > MAX_HOLIDAY_RANGE_DAYS:
            errors.append(
                _("%(label)s：连续放假超过%(n)d天，请检查。") % {"label": label, "n": MAX_HOLIDAY_RANGE_DAYS}
            )
        if not name or not name.strip():
            errors.append(_("%(label)s：缺少节日名称。") % {"label": label})
        day = start
        while day <= end and (day - start).days < MAX_HOLIDAY_RANGE_DAYS:
            if day in seen:
                errors.append(_("%(date)s 重复出现。") % {"date": day.isoformat()})
            seen[day] = "holiday"
            day += datetime.timedelta(days=1)
    for day, _name in workdays:
        if day.year != year:
            errors.append(_("%(date)s：调休上班日不在%(year)d年。") % {"date": day.isoformat(), "year": year})
        if day.weekday() < 5:
            errors.append(_("%(date)s：调休上班日应为星期六或星期日。") % {"date": day.isoformat()})
        if day in seen:
            errors.append(_("%(date)s 同时出现在放假和调休上班中。") % {"date": day.isoformat()})
        seen[day] = "workday"
    if not holidays:
        errors.append(_("请至少录入一段放假安排。"))
    if errors:
        raise ApplicationError("；".join(str(e) for e in errors))


#: The advisory-lock class of the work calendar's year entries (any constant of this project's own).
CALENDAR_LOCK = 7301


def calendar_year_enter(
    *,
    year: int,
    notice: str,
    holidays: Sequence[tuple[datetime.date, datetime.date, str]],
    workdays: Sequence[tuple[datetime.date, str]],
    actor,
) -> CalendarYear:
    """录入年度放假安排 from the State Council notice: replaces the year's entered rows, all or nothing.

    docs/law/counting.md, rule 5: make-up days (调休上班) are working days; rule 10: until a year is
    entered (or known to chinesecalendar) it falls back to weekends only and is flagged unverified.
    """
    if not 2000 <= int(year) <= 2100:
        raise ApplicationError(_("年份应在2000至2100之间。"), field="year")
    _validate_year_rows(year, holidays, workdays)
    actor = _actor(actor)
    rows: list[CalendarDay] = []
    for start, end, name in holidays:
        day = start
        while day <= end:
            rows.append(
                CalendarDay(
                    date=day,
                    is_workday=False,
                    name=name.strip(),
                    source=CalendarSource.STATE_COUNCIL,
                    updated_by=actor,
                )
            )
            day += datetime.timedelta(days=1)
    for day, name in workdays:
        rows.append(
            CalendarDay(
                date=day,
                is_workday=True,
                name=(name or "").strip() or _("调休上班"),
                source=CalendarSource.STATE_COUNCIL,
                updated_by=actor,
            )
        )
    touched_years = {year} | {r.date.year for r in rows}
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Two entries of the same year at once would both insert its days (a unique-date error):
            # the second waits for the first and then replaces its rows (tests/test_concurrency_all.py).
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [CALENDAR_LOCK, int(year)])
        CalendarDay.objects.filter(
            Q(date__year=year, source__in=[CalendarSource.MANUAL, CalendarSource.STATE_COUNCIL])
            | Q(date__in=[r.date for r in rows])
        ).delete()
        for row in rows:
            row.full_clean(validate_unique=False)
            row.save()
        entry = CalendarYear.objects.select_for_update().filter(year=year).first() or CalendarYear(year=year)
        entry.notice = (notice or "").strip()
        entry.entered_by = actor
        entry.full_clean()
        entry.save()
        _after_calendar_change(touched_years)
    return entry
