"""Filters of the /audit/ pages: who, which unit, which kind of data, what action, when, which record."""

from __future__ import annotations

import datetime

import django_filters
from auditlog.models import LogEntry
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit

from .audit import CHANGE_ACTIONS, content_type_verbose_name
from .models import AccessAction, AccessLog
from .selectors import audited_content_types


def one_row_within(filterset, name: str, *, start: str, end: str, field: str) -> dict | None:
    """The lookups that put both bounds of a date range — the filters `start` and `end` of the
    FilterSet, each with `method=` calling this — on ONE related row (`field`, e.g. "course__held_on"):
    an officer trained within the range, not one course after `start` and another before `end`. None
    for `end` when `start` is given too: the range was applied with `start`."""
    data = filterset.form.cleaned_data
    if name == end and data.get(start):
        return None
    lookups = {}
    if data.get(start):
        lookups[f"{field}__gte"] = data[start]
    if data.get(end):
        lookups[f"{field}__lte"] = data[end]
    return lookups


def _units(request):
    if request is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.visible_to(request.user).order_by("path")


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AuditFilterForm(forms.Form):
    """Labels the unit tree by depth and the data types by their Chinese names."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "unit" in self.fields:
            self.fields["unit"].label_from_instance = lambda u: "\u3000" * max(u.depth, 0) + u.name
        if "model" in self.fields:
            self.fields["model"].label_from_instance = content_type_verbose_name
        for field in self.fields.values():
            css = (
                "form-select form-select-sm"
                if isinstance(field.widget, forms.Select)
                else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)


class IPFilter(django_filters.CharFilter):
    field_class = forms.GenericIPAddressField


class _AuditFilterSet(django_filters.FilterSet):
    """Shared filters; subclasses say where the timestamp, the actor and the unit live."""

    time_field = ""
    unit_path_lookup = ""

    user = django_filters.CharFilter(label=_("用户"), method="filter_user")
    unit = django_filters.ModelChoiceFilter(
        label=_("单位（含下级）"), queryset=_units, method="filter_unit", empty_label=_("全部单位")
    )
    date_from = django_filters.DateFilter(label=_("起始日期"), method="filter_date_from", widget=_DateInput())
    date_to = django_filters.DateFilter(label=_("截止日期"), method="filter_date_to", widget=_DateInput())
    ip = IPFilter(label=_("IP 地址"), method="filter_ip")

    def filter_unit(self, queryset, name, value):
        return queryset.filter(**{f"{self.unit_path_lookup}__startswith": value.path}) if value else queryset

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(**{f"{self.time_field}__gte": _day_start(value)})

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(**{f"{self.time_field}__lt": _day_start(value + datetime.timedelta(days=1))})

    def active_filters(self) -> dict:
        """The filters that were applied, for the export's access-log description."""
        if not self.is_bound or not self.form.is_valid():
            return {}
        return {k: v for k, v in self.form.cleaned_data.items() if v not in (None, "")}


class LogEntryFilter(_AuditFilterSet):
    time_field = "timestamp"
    unit_path_lookup = "actor__unit__path"

    model = django_filters.ModelChoiceFilter(
        label=_("数据类型"),
        queryset=lambda request: audited_content_types(),
        field_name="content_type",
        empty_label=_("全部类型"),
    )
    action = django_filters.ChoiceFilter(label=_("操作"), choices=CHANGE_ACTIONS, empty_label=_("全部操作"))
    object_id = django_filters.CharFilter(label=_("记录编号"), field_name="object_pk", lookup_expr="exact")

    class Meta:
        model = LogEntry
        fields = []
        form = AuditFilterForm

    def filter_user(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(actor__username__icontains=value) | Q(actor__real_name__icontains=value))

    def filter_ip(self, queryset, name, value):
        return queryset.filter(remote_addr=value)


class AccessLogFilter(_AuditFilterSet):
    time_field = "created_at"
    unit_path_lookup = "unit__path"

    model = django_filters.ModelChoiceFilter(
        label=_("数据类型"),
        queryset=lambda request: audited_content_types(),
        method="filter_model",
        empty_label=_("全部类型"),
    )
    action = django_filters.ChoiceFilter(
        label=_("操作"), choices=AccessAction.choices, empty_label=_("全部操作")
    )
    object_id = django_filters.CharFilter(label=_("记录编号"), field_name="object_id", lookup_expr="exact")

    class Meta:
        model = AccessLog
        fields = []
        form = AuditFilterForm

    def filter_user(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(username__icontains=value) | Q(user_display__icontains=value))

    def filter_model(self, queryset, name, value):
        return queryset.filter(model_label=f"{value.app_label}.{value.model}") if value else queryset

    def filter_ip(self, queryset, name, value):
        return queryset.filter(ip_address=value)


class LoginFilter(_AuditFilterSet):
    """django-axes rows carry a user name and an IP only; the unit is reached through the user."""

    time_field = "attempt_time"

    class Meta:
        fields = []
        form = AuditFilterForm

    def filter_user(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(username__icontains=value) if value else queryset

    def filter_unit(self, queryset, name, value):
        if not value:
            return queryset
        names = get_user_model().objects.filter(unit__path__startswith=value.path).values("username")
        return queryset.filter(username__in=names)

    def filter_ip(self, queryset, name, value):
        return queryset.filter(ip_address=value)
