"""The 领导 workbench panel (core.registry workbench panels): this year's headline figure of each
dashboard panel and the deadline risk of the leader's jurisdiction, each linking into the dashboard
(from the dashboard's short-lived cache, dashboard/cache.py)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.indicators import Scope

from .forms import jurisdiction_units
from .selectors import dashboard_data

PERM = "dashboard.view_dashboard"
SKIP = {"on_time"}  # a per-mechanism rate: no single headline


def leader_panel(request):
    user = request.user
    if not user.is_authenticated or not user.has_perm(PERM):
        return None
    today = timezone.localdate()
    scope = Scope(
        start=date(today.year, 1, 1), end=date(today.year, 12, 31), label=_("%(y)s年") % {"y": today.year}
    )
    panels = dashboard_data(user=user, scope=scope, units=jurisdiction_units(user))["panels"]
    base = f"{reverse('dashboard:index')}?period=year&year={today.year}"
    tiles = []
    for panel in panels:
        if panel.key in SKIP or not panel.figures:
            continue
        figures = panel.figures[:2] if panel.key == "risk" else panel.figures[:1]
        for figure in figures:
            tiles.append(
                {
                    "panel": panel.title,
                    "label": figure.label,
                    "value": figure.value,
                    "is_rate": figure.is_rate,
                    "danger": panel.key == "risk" and bool(figure.value),
                    "url": f"{base}#panel-{panel.key}",
                }
            )
    return {
        "title": _("数据看板 · %(y)s年") % {"y": today.year},
        "template": "dashboard/_workbench.html",
        "context": {"tiles": tiles, "url": base},
    }
