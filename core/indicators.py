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
        """How many records the figure's link must list."""
        return self.value if self.records is None and not self.is_rate else self.records


@dataclass
class DashboardPanel:
    """One mechanism's panel: its headline figures and optional chart series."""

    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    detail_url: str = ""  # the mechanism's own statistics page
    charts: dict = field(default_factory=dict)
