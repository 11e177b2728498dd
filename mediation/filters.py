"""The filter bars of the mediation lists. `selectors.case_list` applies `CaseFilter` to the visible
cases, so the list and its Excel export filter the same way; the page binds it only to render the bar.
The 诉调对接 registers (documents, partner units, docking centres) filter through `DockingFilter`."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accounts.choices import UnitKind
from accounts.models import OrgUnit
from disputes.forms import DateInput

from .choices import AGREED_STATUSES, CONCLUDED_STATUSES, CaseSource, CaseStatus, MediationType
from .models import MediationCase, PartnerAgreement, Referral


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


#: 诉调对接中心（站）: the mediation organisations set up beside the courts for litigation-mediation
#: docking, recognised by their name (人民调解法第十八条 and the Bureau's naming of them).
DOCKING_SUFFIXES = ("诉调对接中心", "诉调对接工作站")


def docking_centre_q() -> Q:
    names = Q()
    for suffix in DOCKING_SUFFIXES:
        names |= Q(name__endswith=suffix)
    return Q(kind=UnitKind.MEDIATION) & names


def _unit(value):
    return OrgUnit.objects.filter(pk=value).only("path").first()


class DockingFilter(django_filters.FilterSet):
    """诉调对接文件: title or number; the hidden `signed_to` (signed by that day), `within` (kept by a
    unit of that jurisdiction) and `party` (signed with that unit) are the drill-downs of the
    dashboard and of the partner-unit list. The rows are already the user's visible ones."""

    q = django_filters.CharFilter(label=_("文件名称或文号"), method="keyword", max_length=50)
    signed_to = django_filters.DateFilter(field_name="signed_on", lookup_expr="lte", widget=forms.HiddenInput)
    within = django_filters.NumberFilter(method="in_jurisdiction", widget=forms.HiddenInput)
    party = django_filters.NumberFilter(field_name="parties", widget=forms.HiddenInput)

    class Meta:
        model = PartnerAgreement
        fields = ["q", "signed_to", "within", "party"]

    def keyword(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(title__icontains=value) | Q(document_number__icontains=value)) if value else qs

    def in_jurisdiction(self, qs, name, value):
        unit = _unit(value)
        return qs.filter(org_unit__path__startswith=unit.path) if unit else qs.none()


class CentreFilter(django_filters.FilterSet):
    """诉调对接中心（站）: by name; the hidden `within` is the dashboard's jurisdiction."""

    q = django_filters.CharFilter(label=_("名称"), field_name="name", lookup_expr="icontains", max_length=50)
    within = django_filters.NumberFilter(method="in_jurisdiction", widget=forms.HiddenInput)

    class Meta:
        model = OrgUnit
        fields = ["q", "within"]

    def in_jurisdiction(self, qs, name, value):
        unit = _unit(value)
        return qs.filter(path__startswith=unit.path) if unit else qs.none()
