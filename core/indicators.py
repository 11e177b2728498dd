"""What a mechanism hands the leaders' dashboard (docs/indicators.md): a period and jurisdiction in, a
panel of figures out, each figure with the link to the records behind it.

A mechanism registers `provider(*, user, scope) -> DashboardPanel | None` with
`core.registry.register_dashboard_panel`; `dashboard.selectors.dashboard` calls every provider. A
figure's `url` opens the mechanism's own list filtered so that its count equals the figure (a test
walks every link); a rate links to the records of its numerator and says its denominator in `hint`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from urllib.parse import urlencode

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import TruncMonth
from django.urls import reverse


def rate(
    part: int, whole: int, *, quantum: Decimal = Decimal("0.1"), rounding: str = ROUND_HALF_EVEN
) -> Decimal | None:
    """A percentage with one decimal (or to `quantum`, rounded by `rounding`: the litigation pages
    show two, half up); None when there is nothing to divide by (shown as "—")."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(quantum, rounding=rounding)


@dataclass(frozen=True)
class Scope:
    """The dashboard's period [start, end] and jurisdiction: `unit` is a government (the city or a
    county) inside the user's jurisdiction, or None for the whole of it."""

    start: date
    end: date
    unit: object | None = None
    label: str = ""
    #: What one computation of the dashboard reads twice (a panel's chart and a trend from the same
    #: grouped query): `memo(key, compute)` — never part of the scope's identity.
    memos: dict = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key, compute):
        """`compute()`, once per `key` for this scope object (one dashboard computation)."""
        if key not in self.memos:
            self.memos[key] = compute()
        return self.memos[key]

    def within(self, qs, field: str = "org_unit"):
        """`qs` narrowed to the records whose `field` (an OrgUnit) lies under `unit`."""
        if self.unit is None:
            return qs
        return qs.filter(**{f"{field}__path__startswith": self.unit.path})

    def unit_params(self) -> dict[str, str]:
        return {"within": str(self.unit.pk)} if self.unit is not None else {}


def list_url(url_name: str, **params) -> str:
    """`reverse(url_name)` with the non-empty `params` as its query string."""
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{reverse(url_name)}?{query}" if query else reverse(url_name)


@dataclass(frozen=True)
class Figure:
    """One headline figure: `value` is a count or a rate (Decimal, or None for "—")."""

    label: str
    value: int | Decimal | None
    url: str = ""
    is_rate: bool = False
    hint: str = ""  # e.g. the denominator of a rate, or the article it comes from
    records: int | None = None  # what `url` lists: the count itself, or a rate's numerator

    @property
    def listed(self) -> int | None:
        """How many records the figure's link must list (None: a figure without a list of its own)."""
        if not self.url:
            return None
        return self.value if self.records is None and not self.is_rate else self.records


@dataclass
class DashboardPanel:
    """One mechanism's panel: its headline figures and optional chart series."""

    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    detail_url: str = ""  # the mechanism's own statistics page
    charts: dict = field(default_factory=dict)


#: The groups of trend series the dashboard draws (dashboard/trends.py, docs/indicators.md).
MONTHLY = "monthly"  # points: ("2025-03", count) — intake per month of the period
CORRECTION = "correction"  # points: (year, rate) — 纠错率 / 败诉率 by year
ATTENDANCE = "attendance"  # points: (year, rate) — 负责人出庭应诉率 by year
REVIEW = "review"  # points: (year, rate) — 案卷评查合格率 by year (supervision)
COUNTY = "county"  # points: (county id, count) — one key figure per county, the period


@dataclass(frozen=True)
class Series:
    """One line (or column) of a dashboard trend chart, contributed by a mechanism through
    `core.registry.register_dashboard_trend`. `group` is one of the constants above; `points` are
    (x, value) pairs, a value being a count or a rate (Decimal or None)."""

    group: str
    label: str
    points: list = field(default_factory=list)


def monthly_series(qs, date_field: str, label: str, scope: Scope) -> Series:
    """Records of `qs` per month of the scope's period by `date_field` (one grouped query)."""
    rows = (
        qs.filter(**{f"{date_field}__range": (scope.start, scope.end)})
        .order_by()
        .annotate(month=TruncMonth(date_field))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return Series(MONTHLY, label, [(f"{row['month']:%Y-%m}", row["n"]) for row in rows])


def county_series(qs, unit_field: str, counties, label: str) -> Series | None:
    """One count per county (conditional aggregates: one query whatever the number of counties)."""
    if not counties:
        return None
    counts = qs.order_by().aggregate(
        **{
            f"c{county.pk}": Count("pk", filter=Q(**{f"{unit_field}__path__startswith": county.path}))
            for county in counties
        }
    )
    return Series(COUNTY, label, [(county.pk, counts[f"c{county.pk}"]) for county in counties])


def intake_series(
    qs, date_field: str, scope: Scope, counties, *, monthly: str, county: str, unit_field: str = "org_unit"
) -> list[Series]:
    """`monthly_series` and `county_series` of the records of `qs` dated in the scope's period, from
    ONE query grouped by month and county (the county a CASE over the counties' path prefixes), the
    two series being the sums of its rows along either axis. The county series is left out when there
    are no counties to compare."""
    dated = qs.filter(**{f"{date_field}__range": (scope.start, scope.end)}).order_by()
    which = Case(
        *[When(**{f"{unit_field}__path__startswith": c.path}, then=Value(c.pk)) for c in counties],
        default=Value(None),
        output_field=IntegerField(),
    )
    rows = dated.annotate(month=TruncMonth(date_field), county=which).values("month", "county")
    by_month: dict[str, int] = {}
    by_county: dict[int, int] = {}
    for row in rows.annotate(n=Count("pk")).order_by():
        key = f"{row['month']:%Y-%m}"
        by_month[key] = by_month.get(key, 0) + row["n"]
        if row["county"] is not None:
            by_county[row["county"]] = by_county.get(row["county"], 0) + row["n"]
    series = [Series(MONTHLY, monthly, sorted(by_month.items()))]
    if counties:
        series.append(Series(COUNTY, county, [(c.pk, by_county.get(c.pk, 0)) for c in counties]))
    return series


@dataclass(frozen=True)
class AssessmentColumn:
    """One indicator of the 法治政府建设考核 table (docs/indicators.md): per agency (an OrgUnit id) its
    name, numerator and denominator. `weight` is the share of the 100 points the indicator can cost;
    `higher_is_better` says whether the rate or its complement is the shortfall."""

    key: str
    label: str
    weight: Decimal
    higher_is_better: bool
    rows: dict = field(default_factory=dict)  # unit id → (name, numerator, denominator)
