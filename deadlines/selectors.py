"""Reads of deadlines and of the work calendar. Every list starts from `visible_to(user)`."""

from __future__ import annotations

import calendar as pycalendar
import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.jurisdiction import unit_in_jurisdiction
from accounts.models import User
from accounts.roles import users_with_perm

from .calendar import add_workdays, day_info, year_verified
from .choices import DeadlineStatus
from .filters import MyDeadlineFilter, UnitDeadlineFilter
from .models import CalendarDay, CalendarYear, Deadline, DeadlineEvent
from .notices import state_council_notice
from .rules import RULES

#: "soon" = due within this many working days (shown as amber rows)
SOON_WORKDAYS = 3

# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


def rule_label(code: str) -> str:
    rule = RULES.get(code)
    return str(rule.label) if rule else code


# --------------------------------------------------------------------------------------------
# Status of a deadline as shown to users
# --------------------------------------------------------------------------------------------


def soon_limit(today: datetime.date) -> datetime.date:
    """The last due date that counts as "soon": the 3rd working day after today."""
    return add_workdays(today, SOON_WORKDAYS)


def deadline_status_class(
    deadline: Deadline, today: datetime.date, *, limit: datetime.date | None = None
) -> str:
    """ "overdue" | "soon" (within 3 working days) | "" for an open, running clock.

    A suspended clock (中止中) is neither: time does not run while it stands still.
    """
    if deadline.status != DeadlineStatus.OPEN or deadline.is_suspended:
        return ""
    if deadline.due_date < today:
        return "overdue"
    if deadline.due_date <= (limit or soon_limit(today)):
        return "soon"
    return ""


def days_left_label(deadline: Deadline, today: datetime.date) -> str:
    if deadline.status != DeadlineStatus.OPEN:
        return ""
    if deadline.is_suspended:
        return _("中止中")
    delta = (deadline.due_date - today).days
    if delta == 0:
        return _("今日到期")
    if delta < 0:
        return _("已超期%(n)d天") % {"n": -delta}
    return _("剩余%(n)d天") % {"n": delta}


def decorate(deadlines, today: datetime.date | None = None):
    """Attach `row_class` and `days_left` to each deadline (no queries)."""
    today = today or timezone.localdate()
    limit = soon_limit(today)
    rows = list(deadlines)
    for d in rows:
        d.row_class = deadline_status_class(d, today, limit=limit)
        d.days_left = days_left_label(d, today)
    return rows


# --------------------------------------------------------------------------------------------
# Lists
# --------------------------------------------------------------------------------------------


def _base(user):
    return Deadline.objects.visible_to(user).select_related("org_unit", "content_type")


def deadline_list_for_user(*, user, filters: dict | None = None):
    """我的期限: deadlines the user is responsible for (open ones unless a status is asked), by due date."""
    qs = _base(user).filter(responsible=user)
    filters = filters if filters is not None else {}
    if not filters.get("status"):
        qs = qs.filter(status=DeadlineStatus.OPEN)
    return MyDeadlineFilter(filters, queryset=qs, user=user).qs.order_by("due_date", "id")


def deadline_list_for_units(*, user, filters: dict | None = None):
    """单位期限: every deadline in the user's jurisdiction (for leaders), by due date."""
    qs = _base(user)
    filters = filters if filters is not None else {}
    if not filters.get("status"):
        qs = qs.filter(status=DeadlineStatus.OPEN)
    return UnitDeadlineFilter(filters, queryset=qs, user=user).qs.order_by("due_date", "id")


def deadline_unit_summary(*, queryset, today: datetime.date | None = None) -> list[dict]:
    """Per-unit counts over a deadline queryset: open, overdue, soon, met, missed — one query."""
    today = today or timezone.localdate()
    limit = soon_limit(today)
    running = Q(status=DeadlineStatus.OPEN, is_suspended=False)
    rows = (
        queryset.order_by()
        .values("org_unit_id", "org_unit__name", "org_unit__path")
        .annotate(
            open=Count("id", filter=Q(status=DeadlineStatus.OPEN)),
            overdue=Count("id", filter=running & Q(due_date__lt=today)),
            soon=Count("id", filter=running & Q(due_date__gte=today, due_date__lte=limit)),
            met=Count("id", filter=Q(status=DeadlineStatus.MET)),
            missed=Count("id", filter=Q(status=DeadlineStatus.MISSED)),
        )
        .order_by("org_unit__path")
    )
    return list(rows)


def deadline_unit_summary_for(*, user, unit=None, today: datetime.date | None = None) -> list[dict]:
    """Per-unit counts over the user's jurisdiction (or one unit's subtree inside it)."""
    qs = Deadline.objects.visible_to(user)
    if unit is not None:
        qs = qs.filter(org_unit__path__startswith=unit.path)
    return deadline_unit_summary(queryset=qs, today=today)


def deadline_detail_queryset(user):
    return _base(user).prefetch_related(
        "responsible",
        Prefetch("events", queryset=DeadlineEvent.objects.select_related("actor", "approved_by")),
    )


def deadlines_for_record(record):
    """A record's deadlines with their events (for the record panel); the caller checked jurisdiction.

    Only what the panel shows: the responsible users are not fetched (a query a page)."""
    ct = ContentType.objects.get_for_model(record)
    return (
        Deadline.objects.filter(content_type=ct, object_id=record.pk)
        .select_related("org_unit")
        .prefetch_related(
            Prefetch("events", queryset=DeadlineEvent.objects.select_related("actor", "approved_by")),
        )
        .order_by("status", "due_date", "id")
    )


def extension_approvers(*, deadline: Deadline, role: str):
    """Active users who may approve an extension (the approver role's permission) and whose
    jurisdiction contains the deadline's unit. `role` names the role on the page only."""
    candidates = users_with_perm(
        "deadlines.approve_extension",
        User.objects.filter(is_active=True).select_related("unit", "unit__parent"),
    )

    return [
        u
        for u in candidates.order_by("unit__path", "real_name")
        if unit_in_jurisdiction(u, deadline.org_unit)
    ]


# --------------------------------------------------------------------------------------------
# Home page
# --------------------------------------------------------------------------------------------


def workbench_counts(user, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    limit = soon_limit(today)
    running = Q(is_suspended=False)
    return (
        Deadline.objects.visible_to(user)
        .filter(responsible=user, status=DeadlineStatus.OPEN)
        .aggregate(
            open=Count("id"),
            overdue=Count("id", filter=running & Q(due_date__lt=today)),
            soon=Count("id", filter=running & Q(due_date__gte=today, due_date__lte=limit)),
        )
    )


def workbench_panel(request):
    """我的期限 panel of the home page, or None without deadlines.view_deadline."""
    user = request.user
    if not user.is_authenticated or not user.has_perm("deadlines.view_deadline"):
        return None
    today = timezone.localdate()
    upcoming = decorate(
        _base(user).filter(responsible=user, status=DeadlineStatus.OPEN).order_by("due_date", "id")[:5], today
    )
    return {
        "title": _("我的期限"),
        "template": "deadlines/_workbench_panel.html",
        "context": {"counts": workbench_counts(user, today), "upcoming": upcoming, "today": today},
    }


# --------------------------------------------------------------------------------------------
# Work calendar
# --------------------------------------------------------------------------------------------


def calendar_year_grid(year: int) -> dict:
    """12 month grids (weeks of 7 cells, Monday first) of `year` with each day's calendar info."""
    rows = {r.date: r for r in CalendarDay.objects.filter(date__year=year).select_related("updated_by")}
    entry = CalendarYear.objects.filter(year=year).select_related("entered_by").first()
    today = timezone.localdate()
    months = []
    holidays = makeups = 0
    for month in range(1, 13):
        weeks = []
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            cells = []
            for d in week:
                if d.month != month:
                    cells.append(None)
                    continue
                info = day_info(d)
                if info.is_workday and d.weekday() >= 5:
                    kind = "makeup"
                    makeups += 1
                elif not info.is_workday and (d.weekday() < 5 or info.is_official_holiday):
                    kind = "holiday"
                    holidays += 1
                elif not info.is_workday:
                    kind = "weekend"
                else:
                    kind = "workday"
                cells.append(
                    {
                        "date": d,
                        "day": d.day,
                        "kind": kind,
                        "name": info.name if kind in ("holiday", "makeup") else "",
                        "source": info.source,
                        "row": rows.get(d),
                        "today": d == today,
                    }
                )
            weeks.append(cells)
        months.append({"month": month, "weeks": weeks})
    return {
        "year": year,
        "months": months,
        "verified": year_verified(year),
        "entry": entry,
        "holiday_count": holidays,
        "makeup_count": makeups,
        "manual_count": len(rows),
    }


def calendar_years_entered():
    return CalendarYear.objects.select_related("entered_by").order_by("-year")


def calendar_year_initial(year: int) -> dict:
    """The year form's initial text from the rows already entered for `year` (or just the year)."""
    entry = CalendarYear.objects.filter(year=year).first()
    rows = list(
        CalendarDay.objects.filter(date__year=year)
        .exclude(source="package")
        .order_by("date")
        .values_list("date", "is_workday", "name")
    )
    holidays, workdays = [], []
    run = None  # [start, end, name]
    for day, is_workday, name in rows:
        if is_workday:
            workdays.append(f"{day.isoformat()} {name}".strip())
            continue
        if run and day == run[1] + datetime.timedelta(days=1) and name == run[2]:
            run[1] = day
            continue
        if run:
            holidays.append(run)
        run = [day, day, name]
    if run:
        holidays.append(run)
    lines = [
        f"{s.isoformat()} {n}".strip() if s == e else f"{s.isoformat()} 至 {e.isoformat()} {n}".strip()
        for s, e, n in holidays
    ]
    return {
        "year": year,
        "notice": entry.notice_number if entry else state_council_notice(year),
        "holidays": "\n".join(lines),
        "workdays": "\n".join(workdays),
    }


# --------------------------------------------------------------------------------------------
# The leaders' dashboard (docs/indicators.md)
# --------------------------------------------------------------------------------------------


def on_time_by_mechanism(*, user, start, end, unit=None) -> list[dict]:
    """法定期限内办结率 per mechanism: the statutory clocks closed in [start, end] — met ÷ (met + missed),
    grouped by the app of the record the clock runs for (one query). A cancelled clock counts neither way."""
    qs = Deadline.objects.visible_to(user).filter(
        closed_on__range=(start, end), status__in=(DeadlineStatus.MET, DeadlineStatus.MISSED)
    )
    if unit is not None:
        qs = qs.filter(org_unit__path__startswith=unit.path)
    rows = (
        qs.order_by()
        .values("content_type__app_label")
        .annotate(met=Count("id", filter=Q(status=DeadlineStatus.MET)), closed=Count("id"))
        .order_by("content_type__app_label")
    )
    return list(rows)


def deadline_risk(*, user, unit=None, today: datetime.date | None = None) -> list[dict]:
    """Open, running clocks overdue or due within `SOON_WORKDAYS` working days, per unit (one query);
    units with neither are left out."""
    today = today or timezone.localdate()
    limit = soon_limit(today)
    qs = Deadline.objects.visible_to(user).filter(status=DeadlineStatus.OPEN, is_suspended=False)
    if unit is not None:
        qs = qs.filter(org_unit__path__startswith=unit.path)
    rows = (
        qs.filter(due_date__lte=limit)
        .order_by()
        .values("org_unit_id", "org_unit__name", "org_unit__path")
        .annotate(
            overdue=Count("id", filter=Q(due_date__lt=today)),
            soon=Count("id", filter=Q(due_date__gte=today)),
        )
        .order_by("-overdue", "-soon", "org_unit__path")
    )
    return list(rows)
