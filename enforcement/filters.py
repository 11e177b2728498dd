"""The filter bars of the enforcement lists. The selectors apply these FilterSets to the visible rows,
so the list and its Excel export filter the same way."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from core.filters import one_row_within

from .choices import (
    AgencyLevel,
    CaseStatus,
    CertificateKind,
    CertificateStatus,
    ItemKind,
    OfficerStatus,
    Sector,
)
from .models import Certificate, EnforcementAgency, EnforcementCase, Officer, TrainingAttendance


class _Date(forms.DateInput):
    input_type = "date"


def _hidden_date(field, lookup, **kwargs):
    return django_filters.DateFilter(field_name=field, lookup_expr=lookup, widget=forms.HiddenInput, **kwargs)


class _Within(django_filters.FilterSet):
    """The dashboard's drill-down of the registers (dashboard/, docs/indicators.md): a jurisdiction,
    hidden, kept on submit. The rows are already the user's visible ones, so this only narrows them;
    `unit_path` is the path of the unit a row belongs to."""

    unit_path = "org_unit__path"
    within = django_filters.NumberFilter(method="in_jurisdiction", widget=forms.HiddenInput)

    def in_jurisdiction(self, qs, name, value):
        unit = OrgUnit.objects.filter(pk=value).only("path").first()
        return qs.filter(**{f"{self.unit_path}__startswith": unit.path}) if unit else qs.none()


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("案号或当事人"), method="search", max_length=50)
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=CaseStatus.choices, empty_label=_("全部状态")
    )
    kind = django_filters.ChoiceFilter(
        label=_("执法类型"), choices=ItemKind.choices, empty_label=_("全部类型")
    )
    sector = django_filters.ChoiceFilter(
        label=_("执法领域"), choices=Sector.choices, empty_label=_("全部领域")
    )
    is_major = django_filters.BooleanFilter(label=_("重大执法决定"), widget=forms.NullBooleanSelect)
    outside_benchmark = django_filters.BooleanFilter(label=_("超出裁量基准"), widget=forms.NullBooleanSelect)
    filed_from = django_filters.DateFilter(
        field_name="filed_on", lookup_expr="gte", label=_("立案日期自"), widget=_Date
    )
    filed_to = django_filters.DateFilter(
        field_name="filed_on", lookup_expr="lte", label=_("立案日期至"), widget=_Date
    )

    # The dashboard's drill-down (dashboard/, docs/indicators.md): a jurisdiction, hidden, kept on submit.
    within = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.none(), method="in_jurisdiction", widget=forms.HiddenInput
    )

    class Meta:
        model = EnforcementCase
        fields = ["q", "status", "kind", "sector", "is_major", "outside_benchmark", "filed_from", "filed_to"]

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if user is not None:
            self.filters["within"].queryset = OrgUnit.objects.visible_to(user)

    def in_jurisdiction(self, qs, name, value):
        return qs.filter(org_unit__path__startswith=value.path) if value else qs

    def search(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(number__icontains=value) | Q(party_name__icontains=value)) if value else qs


class OfficerFilter(_Within, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名"), field_name="name", lookup_expr="icontains", max_length=50)
    status = django_filters.ChoiceFilter(
        label=_("在岗状态"), choices=OfficerStatus.choices, empty_label=_("全部")
    )
    has_legal_qualification = django_filters.BooleanFilter(
        label=_("法律职业资格"), widget=forms.NullBooleanSelect
    )

    # 参训执法人员 (the dashboard): officers who attended a course held within [trained_from, trained_to]
    trained_from = django_filters.DateFilter(method="trained_in", widget=forms.HiddenInput)
    trained_to = django_filters.DateFilter(method="trained_in", widget=forms.HiddenInput)
    unit_path = "agency__org_unit__path"

    class Meta:
        model = Officer
        fields = ["q", "status", "has_legal_qualification", "trained_from", "trained_to", "within"]

    def trained_in(self, qs, name, value):
        """One attendance at a course held within both bounds (an officer is listed once)."""
        held = one_row_within(self, name, start="trained_from", end="trained_to", field="course__held_on")
        if held is None:
            return qs
        return qs.filter(Exists(TrainingAttendance.objects.filter(officer=OuterRef("pk"), **held)))


class CertificateFilter(_Within, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("证件编号或姓名"), method="search", max_length=50)
    kind = django_filters.ChoiceFilter(
        label=_("证件类型"), choices=CertificateKind.choices, empty_label=_("全部类型")
    )
    status = django_filters.ChoiceFilter(
        label=_("证件状态"), choices=CertificateStatus.choices, empty_label=_("全部状态")
    )
    expires_to = django_filters.DateFilter(
        field_name="expires_on", lookup_expr="lte", label=_("有效期至（不晚于）"), widget=_Date
    )

    # 执法证件 (the dashboard): certificates issued by the end of its period
    issued_to = _hidden_date("issued_on", "lte")
    unit_path = "officer__agency__org_unit__path"

    class Meta:
        model = Certificate
        fields = ["q", "kind", "status", "expires_to", "issued_to", "within"]

    def search(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(number__icontains=value) | Q(officer__name__icontains=value)) if value else qs


class AgencyFilter(_Within, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称"), field_name="name", lookup_expr="icontains", max_length=50)
    level = django_filters.ChoiceFilter(
        label=_("层级"), choices=AgencyLevel.choices, empty_label=_("全部层级")
    )
    sector = django_filters.ChoiceFilter(
        label=_("执法领域"), choices=Sector.choices, empty_label=_("全部领域")
    )

    # 执法主体 (the dashboard): agencies whose status was confirmed by the end of its period
    certified_to = _hidden_date("certified_on", "lte")

    class Meta:
        model = EnforcementAgency
        fields = ["q", "level", "sector", "certified_to", "within"]
