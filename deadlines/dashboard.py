"""The deadlines' panels of the leaders' dashboard (docs/indicators.md): 法定期限内办结率 per mechanism
for the period, and the deadline risk now — open clocks overdue or due within 3 working days, by unit.
Each figure links to the 单位期限 list filtered to exactly the clocks it counts
(`filters.UnitDeadlineFilter`'s hidden `risk`, `org`, `app`, `closed_from/to`)."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext as _

from core.indicators import DashboardPanel, Figure, list_url, rate

from . import selectors
from .choices import DeadlineStatus

LIST = "deadlines:unit"
PERM = "deadlines.view_unit_deadlines"
TOP_UNITS = 10  # the units most at risk, listed under the totals


def _unit(scope) -> dict:
    return {"unit": scope.unit.pk} if scope.unit is not None else {}


def on_time_panel(*, user, scope) -> DashboardPanel | None:
    if not user.has_perm(PERM):
        return None
    rows = selectors.on_time_by_mechanism(user=user, start=scope.start, end=scope.end, unit=scope.unit)
    period = {"closed_from": scope.start, "closed_to": scope.end, **_unit(scope)}
    figures = []
    for row in rows:
        app = row["content_type__app_label"]
        try:
            label = str(apps.get_app_config(app).verbose_name)
        except LookupError:
            label = app
        figures.append(
            Figure(
                label,
                rate(row["met"], row["closed"]),
                list_url(LIST, status=DeadlineStatus.MET, app=app, **period),
                is_rate=True,
                hint=_("按期完成 %(part)s ÷ 已完成或超期 %(whole)s")
                % {"part": row["met"], "whole": row["closed"]},
                records=row["met"],
            )
        )
    return DashboardPanel(
        key="on_time",
        title=_("法定期限内办结率"),
        figures=figures,
        detail_url=list_url(LIST, status="all", **_unit(scope)),
        charts={"on_time": [{"label": f.label, "rate": f.value} for f in figures]},
    )


def risk_panel(*, user, scope) -> DashboardPanel | None:
    """Deadline risk today (whatever the period): overdue and due within 3 working days, per unit."""
    if not user.has_perm(PERM):
        return None
    rows = selectors.deadline_risk(user=user, unit=scope.unit)
    overdue = sum(r["overdue"] for r in rows)
    soon = sum(r["soon"] for r in rows)
    return DashboardPanel(
        key="risk",
        title=_("期限预警（截至今日）"),
        figures=[
            Figure(_("已超期"), overdue, list_url(LIST, risk="overdue", **_unit(scope))),
            Figure(_("3个工作日内到期"), soon, list_url(LIST, risk="soon", **_unit(scope))),
        ],
        detail_url=list_url(LIST, **_unit(scope)),
        charts={
            "units": [
                {
                    "name": r["org_unit__name"],
                    "overdue": r["overdue"],
                    "soon": r["soon"],
                    "overdue_url": list_url(LIST, risk="overdue", org=r["org_unit_id"]),
                    "soon_url": list_url(LIST, risk="soon", org=r["org_unit_id"]),
                }
                for r in rows[:TOP_UNITS]
            ]
        },
    )
