"""Template tags for deadlines: `{% load deadline_tags %}{% deadlines_panel record %}` and badges."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..calendar import WEEKDAY_NAMES
from ..choices import DeadlineStatus
from ..selectors import deadlines_for_record, decorate
from ..selectors import rule_label as label

register = template.Library()


@register.inclusion_tag("deadlines/_record_panel.html", takes_context=True)
def deadlines_panel(context, record, title=None, deadlines=None):
    """A record's deadlines: due date, status badge, days left and a collapsible derivation.

    `deadlines`: the record's `deadlines_for_record`, when the page has already fetched them."""
    request = context.get("request")
    user = getattr(request, "user", None)
    today = timezone.localdate()
    if record is None or not record.pk:
        deadlines = []
    else:
        deadlines = decorate(deadlines_for_record(record) if deadlines is None else deadlines, today)
    for deadline in deadlines:
        _panel_values(deadline)
    return {
        "deadlines": deadlines,
        "title": title,
        "today": today,
        "can_view": bool(user and user.has_perm("deadlines.view_deadline")),
        "record_key": f"{record._meta.label_lower.replace('.', '-')}-{record.pk}"
        if record is not None
        else "",
    }


def _panel_values(deadline) -> None:
    """What the panel shows of a clock beyond its fields, as text on it (`panel_*`): its link, rule,
    dates, weekday, badge and its history (the events after its start), computed here rather than
    by a filter, `{% url %}`, inclusion tag or display method a cell (bench recon.detail)."""
    deadline.panel_url = reverse("deadlines:detail", args=(deadline.pk,))
    deadline.panel_rule = label(deadline.rule_code)
    deadline.panel_trigger = deadline.trigger_date.isoformat() if deadline.trigger_date else ""
    deadline.panel_due = deadline.due_date.isoformat() if deadline.due_date else ""
    deadline.panel_weekday = weekday_cn(deadline.due_date)
    deadline.panel_badge = deadline_badge(deadline)
    day = _("日")
    deadline.panel_history = [
        "".join(
            (
                f"{event.date.isoformat() if event.date else ''} {event.get_kind_display()}",
                f" {event.days}{day}" if event.days else "",
                f"（{event.reference}）" if event.reference else "",
            )
        )
        for event in deadline.events.all()
        if event.kind != "start"
    ]


@register.simple_tag
def deadline_badge(deadline):
    """Status badge; `row_class` (set by selectors.decorate) marks overdue / soon open clocks.

    Written here, not as an inclusion tag: each badge was a template rendered in a context of its
    own, a fifth of a case page's deadlines panel (bench recon.detail)."""
    return format_html(BADGE, **_badge_parts(deadline))


BADGE = '<span class="badge badge-status {css}"><i class="bi {icon}"></i> {label}</span>'


def _badge_parts(deadline) -> dict:
    row_class = getattr(deadline, "row_class", "")
    if deadline.status == DeadlineStatus.OPEN:
        if deadline.is_suspended:
            return {"css": "text-bg-secondary", "label": _("中止中"), "icon": "bi-pause-circle"}
        if row_class == "overdue":
            return {"css": "text-bg-danger", "label": _("已逾期"), "icon": "bi-exclamation-octagon"}
        if row_class == "soon":
            return {"css": "text-bg-warning", "label": _("即将到期"), "icon": "bi-hourglass-split"}
        return {"css": "text-bg-primary", "label": deadline.get_status_display(), "icon": "bi-clock"}
    css = {
        DeadlineStatus.MET: "text-bg-success",
        DeadlineStatus.MISSED: "bg-danger-subtle text-danger-emphasis",
        DeadlineStatus.CANCELLED: "text-bg-light border",
    }.get(deadline.status, "text-bg-light")
    icon = {
        DeadlineStatus.MET: "bi-check-circle",
        DeadlineStatus.MISSED: "bi-x-circle",
        DeadlineStatus.CANCELLED: "bi-slash-circle",
    }.get(deadline.status, "bi-circle")
    return {"css": css, "label": deadline.get_status_display(), "icon": icon}


@register.filter
def rule_label(code):
    return label(code)


@register.filter
def weekday_cn(value):
    """星期一 … 星期日 for a date."""
    if not value:
        return ""

    return _(WEEKDAY_NAMES[value.weekday()])
