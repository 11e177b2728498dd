"""The filter bar of the case list. It only builds and validates the form; the filtering itself is
`selectors.case_list(filters=…)`, so the list, the queues and the Excel export filter the same way."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from disputes.choices import ActType
from disputes.forms import DateInput, UnitChoiceField, respondent_units

from .choices import CaseStatus, LinkageKind, Procedure
from .forms import government_units
from .models import LinkageRecord, ReconsiderationCase


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), help_text=_("申请人、争议编号、行为文号"))
    number = django_filters.CharFilter(label=_("案号"))
    status = django_filters.ChoiceFilter(label=_("状态"), choices=CaseStatus.choices, empty_label=_("全部"))
    procedure = django_filters.ChoiceFilter(
        label=_("审理程序"), choices=Procedure.choices, empty_label=_("全部")
    )
    act_type = django_filters.ChoiceFilter(
        label=_("行为类型"), choices=ActType.choices, empty_label=_("全部")
    )
    respondent = UnitChoiceFilter(label=_("被申请人"), queryset=None, empty_label=_("全部"))
    body = UnitChoiceFilter(label=_("复议机关"), queryset=None, empty_label=_("全部"))
    received_from = django_filters.DateFilter(label=_("收到日期自"), widget=DateInput())
    received_to = django_filters.DateFilter(label=_("收到日期至"), widget=DateInput())

    class Meta:
        model = ReconsiderationCase
        fields = []

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, queryset=ReconsiderationCase.objects.none(), **kwargs)
        self.filters["respondent"].queryset = respondent_units(user)
        self.filters["body"].queryset = government_units(user)

    def selector_filters(self) -> dict:
        """The cleaned values as `selectors.case_list` filters (invalid input is ignored)."""
        form = self.form
        if not form.is_valid():
            return {}
        data = form.cleaned_data
        filters = {}
        for key in ("status", "procedure", "act_type", "received_from", "received_to"):
            if data.get(key):
                filters[key] = data[key]
        for key in ("respondent", "body"):
            if data.get(key) is not None:
                filters[key] = data[key].pk
        q = " ".join(v for v in (data.get("number") or "", data.get("q") or "") if v).strip()
        if data.get("number") and data.get("q"):
            # Two texts: the number narrows first, the keyword is matched on the rest.
            filters["number"] = data["number"].strip()
            filters["q"] = data["q"].strip()
        elif q:
            filters["q"] = q
        return filters


class LinkageFilter(django_filters.FilterSet):
    """The filter bar of the 府院联动 list (`selectors.linkage_list` does the filtering)."""

    kind = django_filters.ChoiceFilter(
        label=_("联动方式"), choices=LinkageKind.choices, empty_label=_("全部")
    )
    date_from = django_filters.DateFilter(label=_("日期自"), widget=DateInput())
    date_to = django_filters.DateFilter(label=_("日期至"), widget=DateInput())

    class Meta:
        model = LinkageRecord
        fields = []

    def __init__(self, data=None, **kwargs):
        super().__init__(data, queryset=LinkageRecord.objects.none(), **kwargs)

    def selector_filters(self) -> dict:
        if not self.form.is_valid():
            return {}
        return {k: v for k, v in self.form.cleaned_data.items() if v}
