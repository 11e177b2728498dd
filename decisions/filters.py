"""The filter bars of the decision and legality-review lists. The selectors apply these FilterSets to
the visible rows, so the list, its queues and the Excel export filter the same way; the pages bind
them only to render the bar."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from core.filters import one_row_within
from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline

from .choices import DecisionCategory, DecisionStatus, MatterKind, MatterStatus
from .models import AdvisorConsultation, LegalAffairsMatter, MajorDecision, ReviewOpinion


class DateInput(forms.DateInput):
    input_type = "date"


def signed_opinions(**dates):
    """Signed written opinions of the matter `OuterRef("pk")`, narrowed by `dates`."""
    return ReviewOpinion.objects.filter(matter=OuterRef("pk"), signed_at__isnull=False, **dates)


def overdue_q(model) -> Exists:
    """A running (open, not suspended) clock of the row whose due date has passed."""
    ct = ContentType.objects.get_for_model(model)
    return Exists(
        Deadline.objects.filter(
            content_type=ct,
            object_id=OuterRef("pk"),
            status=DeadlineStatus.OPEN,
            is_suspended=False,
            due_date__lt=timezone.localdate(),
        )
    )


class _Base(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("关键词"), method="keyword")
    unit = django_filters.ModelChoiceFilter(
        label=_("单位"), queryset=OrgUnit.objects.none(), method="by_unit"
    )
    since = django_filters.DateFilter(label=_("起始日期"), method="date_from", widget=DateInput())
    until = django_filters.DateFilter(label=_("截止日期"), method="date_to", widget=DateInput())
    overdue = django_filters.BooleanFilter(
        label=_("已超期"),
        method="only_overdue",
        widget=forms.Select(choices=[("", "---------"), ("true", _("是")), ("false", _("否"))]),
    )
    # The dashboard's drill-down (dashboard/, docs/indicators.md): a jurisdiction (a government and
    # every unit below it), hidden in the bar and kept on submit.
    within = django_filters.ModelChoiceFilter(
        queryset=OrgUnit.objects.none(), method="by_jurisdiction", widget=forms.HiddenInput
    )
    date_field = "received_on"

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if user is not None:
            self.filters["unit"].queryset = OrgUnit.objects.visible_to(user).order_by("path")
            self.filters["within"].queryset = OrgUnit.objects.visible_to(user)

    def by_jurisdiction(self, qs, name, value):
        return qs.filter(org_unit__path__startswith=value.path) if value else qs

    def keyword(self, qs, name, value):
        return qs.filter(Q(number__icontains=value) | Q(title__icontains=value))

    def date_from(self, qs, name, value):
        return qs.filter(**{f"{self.date_field}__gte": value})

    def date_to(self, qs, name, value):
        return qs.filter(**{f"{self.date_field}__lte": value})

    def only_overdue(self, qs, name, value):
        if value is None:
            return qs
        condition = overdue_q(qs.model)
        return qs.filter(condition) if value else qs.exclude(condition)


class DecisionFilter(_Base):
    """决策列表: keyword, status, category, body or undertaking unit, 立项 period, overdue."""

    status = django_filters.ChoiceFilter(label=_("状态"), choices=DecisionStatus.choices)
    category = django_filters.ChoiceFilter(label=_("决策类别"), choices=DecisionCategory.choices)
    date_field = "proposed_on"

    class Meta:
        model = MajorDecision
        fields = ["q", "status", "category", "unit", "since", "until", "overdue", "within"]

    def by_unit(self, qs, name, value):
        return qs.filter(Q(org_unit=value) | Q(undertaking_unit=value))


class MatterFilter(_Base):
    """审查事项列表: keyword, status, kind, requesting unit, received period, overdue."""

    status = django_filters.ChoiceFilter(label=_("状态"), choices=MatterStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("审查类别"), choices=MatterKind.choices)

    # 已签发: matters with a signed written opinion dated in the period (the dashboard's drill-down).
    signed_from = django_filters.DateFilter(method="signed_in", widget=forms.HiddenInput)
    signed_to = django_filters.DateFilter(method="signed_in", widget=forms.HiddenInput)

    class Meta:
        model = LegalAffairsMatter
        fields = [
            "q",
            "status",
            "kind",
            "unit",
            "since",
            "until",
            "overdue",
            "within",
            "signed_from",
            "signed_to",
        ]

    def signed_in(self, qs, name, value):
        """One signed opinion dated within [signed_from, signed_to] (both bounds on the same opinion)."""
        dates = one_row_within(self, name, start="signed_from", end="signed_to", field="signed_on")
        return qs if dates is None else qs.filter(Exists(signed_opinions(**dates)))

    def by_unit(self, qs, name, value):
        return qs.filter(Q(org_unit=value) | Q(requesting_unit=value))


class ConsultationFilter(_Base):
    """法律顾问意见: adviser or question, the unit it was given for, the consultation period (the
    dashboard's 法律顾问意见 links here with `since`, `until` and the hidden `within`)."""

    overdue = None  # a consultation runs no clock
    date_field = "consulted_on"

    class Meta:
        model = AdvisorConsultation
        fields = ["q", "unit", "since", "until", "within"]

    def keyword(self, qs, name, value):
        return qs.filter(Q(advisor__name__icontains=value) | Q(question__icontains=value))

    def by_unit(self, qs, name, value):
        return qs.filter(org_unit=value)
