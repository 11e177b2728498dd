"""The filter bars of the supervision lists; the selectors apply them to the visible rows."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from enforcement.choices import Sector

from .choices import NOTICE_OPEN, CampaignKind, FilingStatus, Grade, GuidingStatus, NoticeSource, NoticeStatus
from .models import DecisionFiling, GuidingCase, ReviewedFile, SpecialSupervisor, SupervisionNotice


class _Date(forms.DateInput):
    input_type = "date"


def _hidden_date(field, lookup):
    return django_filters.DateFilter(field_name=field, lookup_expr=lookup, widget=forms.HiddenInput)


class _Within(django_filters.FilterSet):
    """The dashboard's drill-down (dashboard/, docs/indicators.md): a jurisdiction, hidden, kept on
    submit. The rows are already the user's visible ones, so this only narrows them."""

    unit_path = "org_unit__path"
    within = django_filters.NumberFilter(method="in_jurisdiction", widget=forms.HiddenInput)

    def in_jurisdiction(self, qs, name, value):
        unit = OrgUnit.objects.filter(pk=value).only("path").first()
        return qs.filter(**{f"{self.unit_path}__startswith": unit.path}) if unit else qs.none()


class FilingFilter(_Within, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("文号或机关"), method="search", max_length=50)
    status = django_filters.ChoiceFilter(
        label=_("审查结果"), choices=FilingStatus.choices, empty_label=_("全部")
    )
    is_late = django_filters.BooleanFilter(label=_("逾期报备"), widget=forms.NullBooleanSelect)
    filed_from = django_filters.DateFilter(
        field_name="filed_on", lookup_expr="gte", label=_("报备日期自"), widget=_Date
    )
    filed_to = django_filters.DateFilter(
        field_name="filed_on", lookup_expr="lte", label=_("报备日期至"), widget=_Date
    )

    class Meta:
        model = DecisionFiling
        fields = ["q", "status", "is_late", "filed_from", "filed_to", "within"]

    def search(self, qs, name, value):
        value = value.strip()
        return (
            qs.filter(Q(decision_number__icontains=value) | Q(agency__name__icontains=value)) if value else qs
        )


RESULT_CHOICES = (
    ("reviewed", _("已评定")),
    ("passed", _("合格（含优秀）")),
    *((g.value, g.label) for g in Grade),
)


class FileFilter(_Within, django_filters.FilterSet):
    """The campaign's file list; `result` is what each figure of the campaign report links to. The
    hidden `kind`, `year_from`, `year_to` and `within` are the dashboard's drill-down."""

    unit_path = "agency__org_unit__path"
    kind = django_filters.ChoiceFilter(
        field_name="campaign__kind", choices=CampaignKind.choices, widget=forms.HiddenInput
    )
    year_from = django_filters.NumberFilter(
        field_name="campaign__year", lookup_expr="gte", widget=forms.HiddenInput
    )
    year_to = django_filters.NumberFilter(
        field_name="campaign__year", lookup_expr="lte", widget=forms.HiddenInput
    )

    agency = django_filters.NumberFilter(
        field_name="agency_id", label=_("执法主体"), widget=forms.HiddenInput
    )
    result = django_filters.ChoiceFilter(
        label=_("评查结果"), choices=RESULT_CHOICES, method="by_result", empty_label=_("全部")
    )
    sampled = django_filters.BooleanFilter(label=_("抽查案卷"), widget=forms.NullBooleanSelect)
    q = django_filters.CharFilter(
        label=_("案卷号"), field_name="file_number", lookup_expr="icontains", max_length=50
    )

    class Meta:
        model = ReviewedFile
        fields = ["agency", "result", "sampled", "q", "kind", "year_from", "year_to", "within"]

    def by_result(self, qs, name, value):
        if value == "reviewed":
            return qs.exclude(grade=Grade.PENDING)
        if value == "passed":
            return qs.filter(grade__in=(Grade.EXCELLENT, Grade.PASS))
        return qs.filter(grade=value)


class NoticeFilter(_Within, django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=NoticeStatus.choices, empty_label=_("全部"))
    source = django_filters.ChoiceFilter(label=_("来源"), choices=NoticeSource.choices, empty_label=_("全部"))
    issued_from = _hidden_date("issued_on", "gte")
    issued_to = _hidden_date("issued_on", "lte")
    open = django_filters.BooleanFilter(method="only_open", widget=forms.HiddenInput)
    overdue = django_filters.BooleanFilter(method="only_overdue", widget=forms.HiddenInput)

    class Meta:
        model = SupervisionNotice
        fields = ["status", "source", "issued_from", "issued_to", "open", "overdue", "within"]

    def only_open(self, qs, name, value):
        return qs.filter(status__in=NOTICE_OPEN) if value else qs

    def only_overdue(self, qs, name, value):
        return qs.filter(status=NoticeStatus.ISSUED, due_on__lt=timezone.localdate()) if value else qs


class GuidingFilter(_Within, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="search", max_length=50)
    sector = django_filters.ChoiceFilter(
        label=_("执法领域"), choices=Sector.choices, empty_label=_("全部领域")
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=GuidingStatus.choices, empty_label=_("全部")
    )

    published_from = _hidden_date("published_on", "gte")
    published_to = _hidden_date("published_on", "lte")

    class Meta:
        model = GuidingCase
        fields = ["q", "sector", "status", "published_from", "published_to", "within"]

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            Q(title__icontains=value) | Q(key_points__icontains=value) | Q(summary__icontains=value)
        )


class SupervisorFilter(_Within, django_filters.FilterSet):
    """`serving_from`/`serving_to`: supervisors whose term overlaps the period (dashboard drill-down)."""

    q = django_filters.CharFilter(label=_("姓名或单位"), method="search", max_length=50)
    serving_from = django_filters.DateFilter(
        field_name="term_end", lookup_expr="gte", widget=forms.HiddenInput
    )
    serving_to = django_filters.DateFilter(
        field_name="term_start", lookup_expr="lte", widget=forms.HiddenInput
    )

    class Meta:
        model = SpecialSupervisor
        fields = ["q", "serving_from", "serving_to", "within"]

    def search(self, qs, name, value):
        value = value.strip()
        return qs.filter(Q(name__icontains=value) | Q(affiliation__icontains=value)) if value else qs
