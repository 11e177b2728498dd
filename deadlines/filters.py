"""Filters of the deadline lists (django-filter). Selectors apply them to visible querysets."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit

from .choices import DeadlineStatus
from .rules import rule_choice_groups

ALL = "all"


def _rule_choices():
    return rule_choice_groups()


class MyDeadlineFilter(django_filters.FilterSet):
    """我的期限: rule, status, due date range, keyword."""

    rule = django_filters.ChoiceFilter(
        label=_("期限规则"), field_name="rule_code", choices=_rule_choices, empty_label=_("全部规则")
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[*DeadlineStatus.choices, (ALL, _("全部状态"))],
        empty_label=None,
        method="filter_status",
    )
    due_from = django_filters.DateFilter(
        label=_("到期日自"),
        field_name="due_date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_to = django_filters.DateFilter(
        label=_("到期日至"),
        field_name="due_date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    q = django_filters.CharFilter(
        label=_("关键词"),
        method="filter_keyword",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("事项、文号")}),
    )

    def __init__(self, data=None, queryset=None, *, user=None, **kwargs):
        self.user = user
        super().__init__(data, queryset=queryset, **kwargs)
        self.prepare_filters()
        for name, field in self.form.fields.items():
            css = (
                "form-check-input"
                if name == "overdue"
                else (
                    "form-select form-select-sm"
                    if name in ("rule", "status", "unit")
                    else "form-control form-control-sm"
                )
            )
            field.widget.attrs.setdefault("class", css)
            if name in ("rule", "status", "unit", "overdue"):
                field.widget.attrs["data-autosubmit"] = ""

    def prepare_filters(self):
        """Hook: adjust filters before the form is built."""

    def filter_status(self, queryset, name, value):
        # The selector already limits an absent status to open deadlines; "all" lifts that.
        if not value or value == ALL:
            return queryset
        return queryset.filter(status=value)

    def filter_keyword(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(Q(subject__icontains=value) | Q(rule_code__icontains=value))


class UnitDeadlineFilter(MyDeadlineFilter):
    """单位期限: adds the unit (with its subtree, within the jurisdiction) and "overdue only"."""

    unit = django_filters.ModelChoiceFilter(
        label=_("单位"), queryset=None, method="filter_unit", empty_label=_("管辖范围内全部单位")
    )
    overdue = django_filters.BooleanFilter(
        label=_("仅看超期"), method="filter_overdue", widget=forms.CheckboxInput()
    )

    # The leaders' dashboard's drill-downs (dashboard/, docs/indicators.md): hidden, kept on submit.
    org = django_filters.NumberFilter(field_name="org_unit_id", widget=forms.HiddenInput)
    risk = django_filters.ChoiceFilter(
        choices=(("overdue", "overdue"), ("soon", "soon")), method="filter_risk", widget=forms.HiddenInput
    )
    app = django_filters.CharFilter(field_name="content_type__app_label", widget=forms.HiddenInput)
    closed_from = django_filters.DateFilter(
        field_name="closed_on", lookup_expr="gte", widget=forms.HiddenInput
    )
    closed_to = django_filters.DateFilter(field_name="closed_on", lookup_expr="lte", widget=forms.HiddenInput)

    def prepare_filters(self):
        self.filters["unit"].queryset = (
            OrgUnit.objects.visible_to(self.user).filter(is_active=True).order_by("path")
        )

    def filter_unit(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(org_unit__path__startswith=value.path)

    def filter_risk(self, queryset, name, value):
        """overdue: an open, running clock past its due date; soon: due within 3 working days
        (`selectors.deadline_risk`)."""
        from .selectors import soon_limit  # selectors imports this module

        today = timezone.localdate()
        running = queryset.filter(status=DeadlineStatus.OPEN, is_suspended=False)
        if value == "overdue":
            return running.filter(due_date__lt=today)
        if value == "soon":
            return running.filter(due_date__gte=today, due_date__lte=soon_limit(today))
        return queryset

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            status=DeadlineStatus.OPEN, is_suspended=False, due_date__lt=timezone.localdate()
        )
