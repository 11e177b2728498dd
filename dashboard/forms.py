"""The dashboard's period and jurisdiction selector."""

from __future__ import annotations

import calendar
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import UnitKind
from accounts.models import OrgUnit
from core.indicators import Scope
from disputes.forms import DateInput, UnitChoiceField

FIRST_YEAR = 2020
QUARTERS = ((1, (1, 3)), (2, (4, 6)), (3, (7, 9)), (4, (10, 12)))


def jurisdiction_units(user):
    """The governments (the city, the counties) inside the user's jurisdiction."""
    return OrgUnit.objects.visible_to(user).filter(kind=UnitKind.GOVERNMENT, is_active=True).order_by("path")


class ScopeForm(forms.Form):
    period = forms.ChoiceField(
        label=_("统计期间"),
        choices=(("year", _("年度")), ("quarter", _("季度")), ("range", _("自定义"))),
        initial="year",
        required=False,
    )
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, required=False)
    quarter = forms.TypedChoiceField(
        label=_("季度"),
        coerce=int,
        required=False,
        choices=[(n, _("第%(n)s季度") % {"n": n}) for n, _months in QUARTERS],
    )
    start = forms.DateField(label=_("起始日期"), required=False, widget=DateInput())
    end = forms.DateField(label=_("截止日期"), required=False, widget=DateInput())
    within = UnitChoiceField(
        label=_("辖区"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("全部辖区")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [
            (y, _("%(y)s年") % {"y": y}) for y in range(this_year, FIRST_YEAR - 1, -1)
        ]
        self.fields["within"].queryset = jurisdiction_units(user)

    def clean(self):
        data = super().clean()
        if data.get("period") == "range":
            if not data.get("start") or not data.get("end"):
                raise forms.ValidationError(_("自定义期间须填写起始日期和截止日期。"))
            if data["start"] > data["end"]:
                self.add_error("end", _("截止日期不能早于起始日期。"))
        return data

    def scope(self) -> Scope:
        """The selected period and jurisdiction. A choice that is not valid (a unit outside the
        user's jurisdiction, a reversed range) is left out and shown as an error: the rest stands,
        and the period falls back to this year, the jurisdiction to the whole of the user's."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and (self.is_valid() or True) else {}
        unit = data.get("within")
        period = data.get("period") or "year"
        year = data.get("year") or today.year
        if period == "range" and (self.errors or not data.get("start") or not data.get("end")):
            period = "year"
        if period == "range":
            start, end = data["start"], data["end"]
            label = _("%(start)s 至 %(end)s") % {"start": f"{start:%Y-%m-%d}", "end": f"{end:%Y-%m-%d}"}
        elif period == "quarter" and data.get("quarter"):
            first, last = dict(QUARTERS)[data["quarter"]]
            start, end = date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
            label = _("%(y)s年第%(q)s季度") % {"y": year, "q": data["quarter"]}
        else:
            start, end = date(year, 1, 1), date(year, 12, 31)
            label = _("%(y)s年") % {"y": year}
        return Scope(start=start, end=end, unit=unit, label=str(label))
