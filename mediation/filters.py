"""The filter bar of the mediation case list. `selectors.case_list` applies `CaseFilter` to the visible
cases, so the list and its Excel export filter the same way; the page binds it only to render the bar."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.choices import UnitKind
from accounts.models import OrgUnit
from disputes.forms import DateInput

from .choices import AGREED_STATUSES, CONCLUDED_STATUSES, CaseSource, CaseStatus, MediationType
from .models import MediationCase, Referral


def mediation_units(user):
    """The mediation organisations within the user's jurisdiction."""
    return OrgUnit.objects.visible_to(user).filter(kind=UnitKind.MEDIATION, is_active=True).order_by("path")


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="keyword", max_length=50)
    mediation_type = django_filters.ChoiceFilter(label=_("调解类型"), choices=MediationType.choices)
    source = django_filters.ChoiceFilter(label=_("案件来源"), choices=CaseSource.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=CaseStatus.choices)
    org_unit = django_filters.ModelChoiceFilter(label=_("调解组织"), queryset=OrgUnit.objects.none())
    received_from = django_filters.DateFilter(
        label=_("受理日期自"), field_name="received_on", lookup_expr="gte", widget=DateInput()
    )
    received_to = django_filters.DateFilter(
        label=_("受理日期至"), field_name="received_on", lookup_expr="lte", widget=DateInput()
    )
    referred = django_filters.BooleanFilter(label=_("经过移交"), method="was_referred")
    # The dashboard's drill-downs (dashboard/, docs/indicators.md): hidden in the bar, kept on submit.
    within = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.none(), method="in_jurisdiction", widget=forms.HiddenInput
    )
    outcome = django_filters.ChoiceFilter(
        choices=(("concluded", _("已结案")), ("agreed", _("调解成功")), ("confirmed", _("司法确认有效"))),
        method="by_outcome",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = MediationCase
        fields = ("q", "mediation_type", "source", "status", "org_unit", "received_from", "received_to")

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if user is not None:
            self.filters["org_unit"].queryset = mediation_units(user)
            self.filters["within"].queryset = OrgUnit.objects.visible_to(user)

    def in_jurisdiction(self, qs, name, value):
        return qs.filter(org_unit__path__startswith=value.path) if value else qs

    def by_outcome(self, qs, name, value):
        statuses = {
            "concluded": CONCLUDED_STATUSES,
            "agreed": AGREED_STATUSES,
            "confirmed": (CaseStatus.CONFIRMED,),
        }.get(value)
        return qs.filter(status__in=statuses) if statuses else qs

    def keyword(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            Q(number__icontains=value)
            | Q(parties__icontains=value)
            | Q(subject__icontains=value)
            | Q(dispute__number__icontains=value)
        )

    def was_referred(self, qs, name, value):
        if value is None:
            return qs
        moved = Exists(Referral.objects.filter(case=OuterRef("pk")))
        return qs.filter(moved if value else ~moved)
