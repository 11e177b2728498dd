"""The filter bars of the supervision lists; the selectors apply them to the visible rows."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enforcement.choices import Sector

from .choices import FilingStatus, Grade, GuidingStatus, NoticeSource, NoticeStatus
from .models import DecisionFiling, GuidingCase, ReviewedFile, SupervisionNotice


class _Date(forms.DateInput):
    input_type = "date"


class FilingFilter(django_filters.FilterSet):
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
        fields = ["q", "status", "is_late", "filed_from", "filed_to"]

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


class FileFilter(django_filters.FilterSet):
    """The campaign's file list; `result` is what each figure of the campaign report links to."""

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
        fields = ["agency", "result", "sampled", "q"]

    def by_result(self, qs, name, value):
        if value == "reviewed":
            return qs.exclude(grade=Grade.PENDING)
        if value == "passed":
            return qs.filter(grade__in=(Grade.EXCELLENT, Grade.PASS))
        return qs.filter(grade=value)


class NoticeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("状态"), choices=NoticeStatus.choices, empty_label=_("全部"))
    source = django_filters.ChoiceFilter(label=_("来源"), choices=NoticeSource.choices, empty_label=_("全部"))

    class Meta:
        model = SupervisionNotice
        fields = ["status", "source"]


class GuidingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="search", max_length=50)
    sector = django_filters.ChoiceFilter(
        label=_("执法领域"), choices=Sector.choices, empty_label=_("全部领域")
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=GuidingStatus.choices, empty_label=_("全部")
    )

    class Meta:
        model = GuidingCase
        fields = ["q", "sector", "status"]

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            Q(title__icontains=value) | Q(key_points__icontains=value) | Q(summary__icontains=value)
        )
