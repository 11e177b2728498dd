"""The filter bar of the dispute list and the statistics page."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .choices import ActType, DisputeStatus, Sector
from .forms import DateInput, UnitChoiceField, respondent_units
from .lineage import LINEAGE
from .models import Dispute, Party


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class DisputeFilter(django_filters.FilterSet):
    party = django_filters.CharFilter(label=_("当事人"), method="filter_party")
    number = django_filters.CharFilter(label=_("争议编号"), field_name="number", lookup_expr="icontains")
    document = django_filters.CharFilter(
        label=_("行为文号"), field_name="act_document_number", lookup_expr="icontains"
    )
    respondent = UnitChoiceFilter(
        label=_("被申请机关（含下级）"), queryset=None, method="filter_respondent", empty_label=_("全部")
    )
    act_type = django_filters.ChoiceFilter(
        label=_("行为类型"), choices=ActType.choices, empty_label=_("全部")
    )
    sector = django_filters.ChoiceFilter(label=_("管理领域"), choices=Sector.choices, empty_label=_("全部"))
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=DisputeStatus.choices, empty_label=_("全部")
    )
    act_date_from = django_filters.DateFilter(
        label=_("行为日期自"), field_name="act_date", lookup_expr="gte", widget=DateInput()
    )
    act_date_to = django_filters.DateFilter(
        label=_("行为日期至"), field_name="act_date", lookup_expr="lte", widget=DateInput()
    )

    # The dashboard's drill-downs (dashboard/, docs/indicators.md): hidden, kept on submit.
    concluded = django_filters.BooleanFilter(method="filter_concluded", widget=forms.HiddenInput)
    substantive = django_filters.BooleanFilter(field_name="resolved_substantively", widget=forms.HiddenInput)
    origin = django_filters.CharFilter(method="filter_origin", widget=forms.HiddenInput, max_length=100)
    lineage = django_filters.ChoiceFilter(
        choices=[(key, key) for key in LINEAGE], method="filter_lineage", widget=forms.HiddenInput
    )

    class Meta:
        model = Dispute
        fields = []

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["respondent"].queryset = respondent_units(user)

    def filter_party(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Exists(Party.objects.filter(dispute=OuterRef("pk"), name__icontains=value)))

    def filter_concluded(self, queryset, name, value):
        """Resolved or ended (any status but 未结) — the denominator of 实质性化解率."""
        if value is None:
            return queryset
        concluded = ~Q(status=DisputeStatus.OPEN)
        return queryset.filter(concluded if value else ~concluded)

    def filter_origin(self, queryset, name, value):
        """The kind of record the dispute arose from: "app_label.model", or "none" for no record."""
        if value == "none":
            return queryset.filter(origin_content_type__isnull=True)
        app_label, _dot, model = value.partition(".")
        return queryset.filter(origin_content_type__app_label=app_label, origin_content_type__model=model)

    def filter_lineage(self, queryset, name, value):
        return queryset.filter(LINEAGE[value]()) if value in LINEAGE else queryset

    def filter_respondent(self, queryset, name, value):
        return queryset.filter(respondent__path__startswith=value.path)
