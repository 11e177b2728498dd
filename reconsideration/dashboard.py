"""The reconsideration panel of the leaders' dashboard (docs/indicators.md): the figures of
`selectors.statistics` for the dashboard's period and jurisdiction, each linked to the case list
filtered to exactly the cases it counts (`filters.CaseFilter`'s drill-down filters)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count
from django.db.models.functions import ExtractYear, TruncMonth
from django.utils.translation import gettext as _

from core.indicators import (
    CORRECTION,
    AssessmentColumn,
    DashboardPanel,
    Figure,
    Series,
    county_series,
    list_url,
    monthly_series,
    rate,
)

from . import selectors
from .choices import PERM_VIEW, DecisionOutcome
from .models import CaseDecision, ReconsiderationCase

LIST = "reconsideration:index"


def monthly_intake(*, user, scope) -> list[dict]:
    """Applications received per month of the period (grouped in the database)."""
    cases = scope.within(ReconsiderationCase.objects.visible_to(user))
    rows = (
        cases.filter(received_on__range=(scope.start, scope.end))
        .annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    return [{"month": f"{row['month']:%Y-%m}", "count": row["n"]} for row in rows]


def reconsideration_panel(*, user, scope) -> DashboardPanel | None:
    if not user.has_perm(PERM_VIEW):
        return None
    stats = selectors.statistics(
        user=user, start=scope.start, end=scope.end, body=scope.unit, include_lower=scope.unit is not None
    )
    base = {"queue": "all", **scope.unit_params()}
    received = {**base, "received_from": scope.start, "received_to": scope.end}
    concluded = {**base, "concluded_from": scope.start, "concluded_to": scope.end}
    overdue = scope.within(selectors.overdue(user=user)).count()

    def of_concluded(part: int) -> str:
        return _("%(part)s 件 ÷ 审结 %(whole)s 件") % {"part": part, "whole": stats.concluded}

    figures = [
        Figure(_("收到申请"), stats.received, list_url(LIST, **received)),
        Figure(
            _("受理"),
            stats.accepted,
            list_url(LIST, **base, accepted_from=scope.start, accepted_to=scope.end),
            hint=_("其中视为受理 %(n)s 件") % {"n": stats.deemed_accepted},
        ),
        Figure(_("审结"), stats.concluded, list_url(LIST, **concluded)),
        Figure(
            _("直接纠错率"),
            stats.correction_rate,
            list_url(LIST, **concluded, correction="direct"),
            is_rate=True,
            hint=of_concluded(stats.directly_corrected),
            records=stats.directly_corrected,
        ),
        Figure(
            _("纠错率（含间接）"),
            stats.total_correction_rate,
            list_url(LIST, **concluded, correction="any"),
            is_rate=True,
            hint=of_concluded(stats.directly_corrected + stats.indirectly_corrected),
            records=stats.directly_corrected + stats.indirectly_corrected,
        ),
        Figure(
            _("法定期限内办结率"),
            stats.on_time_rate,
            list_url(LIST, **concluded, decision_clock="met"),
            is_rate=True,
            hint=of_concluded(stats.on_time),
            records=stats.on_time,
        ),
        Figure(_("当前超期"), overdue, list_url(LIST, queue="overdue", **scope.unit_params())),
    ]
    return DashboardPanel(
        key="reconsideration",
        title=_("行政复议"),
        figures=figures,
        detail_url=list_url("reconsideration:statistics", start=scope.start, end=scope.end),
        charts={"monthly": monthly_intake(user=user, scope=scope)},
    )


def reconsideration_trends(*, user, scope, years, counties) -> list[Series]:
    """Monthly applications, the direct 纠错率 by year (the decision date) and applications per county
    (core.registry.register_dashboard_trend) — three grouped queries."""
    if not user.has_perm(PERM_VIEW):
        return []
    cases = scope.within(ReconsiderationCase.objects.visible_to(user))
    by_year = {
        row["y"]: row
        for row in CaseDecision.objects.filter(case__in=cases, decided_on__year__in=years)
        .exclude(outcome=DecisionOutcome.NOT_ACCEPTED)
        .annotate(y=ExtractYear("decided_on"))
        .values("y")
        .annotate(**selectors.correction_counts())
        .order_by()
    }
    correction = [
        (year, rate(by_year[year]["direct"], by_year[year]["concluded"]) if year in by_year else None)
        for year in years
    ]
    received = cases.filter(received_on__range=(scope.start, scope.end))
    series = [
        monthly_series(cases, "received_on", _("行政复议"), scope),
        Series(CORRECTION, _("行政复议纠错率"), correction),
        county_series(received, "org_unit", counties, _("行政复议申请")),
    ]
    return [s for s in series if s is not None]


def reconsideration_assessment(*, user, scope) -> AssessmentColumn | None:
    """考核: 行政复议纠错率 of each respondent agency — its cases concluded in the period (one query)."""
    if not user.has_perm(PERM_VIEW):
        return None
    cases = scope.within(ReconsiderationCase.objects.visible_to(user))
    rows = (
        CaseDecision.objects.filter(case__in=cases, decided_on__range=(scope.start, scope.end))
        .exclude(outcome=DecisionOutcome.NOT_ACCEPTED)
        .values("case__respondent", "case__respondent__name")
        .annotate(**selectors.correction_counts())
        .order_by()
    )
    return AssessmentColumn(
        key="recon_correction",
        label=_("行政复议纠错率"),
        weight=Decimal(30),
        higher_is_better=False,
        rows={
            r["case__respondent"]: (r["case__respondent__name"], r["direct"], r["concluded"]) for r in rows
        },
    )
