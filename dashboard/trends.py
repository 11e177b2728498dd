"""Trends and comparisons on the leaders' dashboard (docs/indicators.md): every mechanism's series,
contributed through `core.registry.register_dashboard_trend`, arranged for the charts of
static/js/dashboard.js — monthly intake, rates by year, the counties side by side."""

from __future__ import annotations

from accounts.models import OrgUnit
from core.indicators import ATTENDANCE, CORRECTION, COUNTY, MONTHLY, REVIEW, Scope
from core.registry import dashboard_trend_providers

YEARS = 5  # the rates by year: the period's year and the four before


def counties_of(units, scope: Scope) -> list[OrgUnit]:
    """The governments one level below the scope's top (the counties under the city): shown side by
    side only when the scope covers more than one of them."""
    units = list(units)
    if not units:
        return []
    top = scope.unit or min(units, key=lambda u: u.depth)
    return [u for u in units if u.parent_id == top.pk]


def _months(scope: Scope) -> list[str]:
    months, year, month = [], scope.start.year, scope.start.month
    while (year, month) <= (scope.end.year, scope.end.month) and len(months) < 240:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def trends(*, user, scope: Scope, units) -> dict:
    """The chart data (JSON-ready) and the counties table, one pass over the registered providers."""
    years = list(range(scope.end.year - YEARS + 1, scope.end.year + 1))
    counties = counties_of(units, scope)
    series = []
    for provider in dashboard_trend_providers():
        series.extend(provider(user=user, scope=scope, years=years, counties=counties))
    months = _months(scope)
    monthly = []
    for s in series:
        if s.group == MONTHLY:
            by_month = dict(s.points)
            monthly.append({"name": str(s.label), "data": [by_month.get(m, 0) for m in months]})

    def yearly(group):
        out = []
        for s in series:
            if s.group == group:
                values = dict(s.points)
                out.append({"name": str(s.label), "data": [_num(values.get(y)) for y in years]})
        return out

    county_cols = [s for s in series if s.group == COUNTY]
    county_rows = [
        {"name": c.name, "values": [dict(s.points).get(c.pk, 0) for s in county_cols]} for c in counties
    ]
    return {
        "months": months,
        "monthly": monthly,
        "years": years,
        "correction": yearly(CORRECTION),
        "attendance": yearly(ATTENDANCE),
        "review": yearly(REVIEW),
        "counties": {"columns": [str(s.label) for s in county_cols], "rows": county_rows},
    }


def _num(value):
    """Decimal rates as floats for the charts (JSON); None stays a gap."""
    return None if value is None else float(value)
