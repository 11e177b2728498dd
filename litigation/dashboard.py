"""The 行政应诉 panel of the leaders' dashboard (docs/indicators.md): the five indicators of
`selectors.indicators` for the year the period starts in (they are annual, 出庭规定 and the 考核), each
linked to the list of its numerator's cases or hearings; the loss rate beside last year's."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.indicators import DashboardPanel, Figure, list_url

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
