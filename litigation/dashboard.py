"""The 行政应诉 panel of the leaders' dashboard (docs/indicators.md): the five indicators of
`selectors.indicators` for the year the period starts in (they are annual, 出庭规定 and the 考核), each
linked to the list of its numerator's cases or hearings; the loss rate beside last year's."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from core.indicators import (
    ATTENDANCE,
    CORRECTION,
    AssessmentColumn,
    DashboardPanel,
    Figure,
    Series,
    intake_series,
    list_url,
)

from . import selectors
from .choices import PERM_VIEW


def litigation_panel(*, user, scope) -> DashboardPanel | None:
    if not user.has_perm(PERM_VIEW):
        return None
    year = scope.start.year
    county = scope.unit
    params = {"year": year, "county": county.pk if county is not None else ""}
    figures = []
    for f in selectors.indicators(user=user, year=year, county=county):
        target = "litigation:hearings" if f.hearing_level else "litigation:index"
        hint = _("%(num)s ÷ %(den)s（%(year)s年）") % {"num": f.numerator, "den": f.denominator, "year": year}
        if f.change is not None:
            hint += _("，较上年 %(sign)s%(pp)s 个百分点") % {
                "sign": "+" if f.change > 0 else "",
                "pp": f.change,
            }
        figures.append(
            Figure(
                str(f.label),
                f.rate,
                list_url(target, indicator=f.numerator_set, **params),
                is_rate=True,
                hint=hint,
                records=f.numerator,
            )
        )
    return DashboardPanel(
        key="litigation",
        title=_("行政应诉"),
        figures=figures,
        detail_url=list_url("litigation:statistics", **params),
    )


def litigation_trends(*, user, scope, years, counties) -> list[Series]:
    """Complaints per month and per county, 败诉率 and 负责人出庭应诉率 by year (one query a year;
    core.registry.register_dashboard_trend)."""
    if not user.has_perm(PERM_VIEW):
        return []
    yearly = selectors.yearly_rates(user=user, years=years, county=scope.unit)
    cases = scope.within(selectors.visible_cases(user))
    monthly, *county = intake_series(
        cases, "complaint_received_on", scope, counties, monthly=_("行政应诉"), county=_("行政应诉案件")
    )
    return [
        monthly,
        Series(CORRECTION, _("行政诉讼败诉率"), [(y, yearly[y]["lost"]) for y in years]),
        Series(ATTENDANCE, _("负责人出庭应诉率"), [(y, yearly[y]["attendance"]) for y in years]),
        *county,
    ]


def litigation_assessment(*, user, scope) -> list[AssessmentColumn]:
    """考核: 行政诉讼败诉率 and 负责人出庭应诉率 of each defendant agency for the year the period starts in
    (`selectors.agency_table`, two queries)."""
    if not user.has_perm(PERM_VIEW):
        return []
    table = selectors.agency_table(user=user, year=scope.start.year, county=scope.unit)
    columns = []
    for key, label, weight, higher in (
        ("lost", _("行政诉讼败诉率"), 30, False),
        ("attendance", _("负责人出庭应诉率"), 20, True),
    ):
        rows = {}
        for row in table:
            f = next(f for f in row["figures"] if f.key == key)
            rows[row["agency_id"]] = (row["agency"], f.numerator, f.denominator)
        columns.append(
            AssessmentColumn(
                key=f"lit_{key}", label=label, weight=Decimal(weight), higher_is_better=higher, rows=rows
            )
        )
    return columns
