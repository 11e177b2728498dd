"""The filter bars of the litigation lists, and the indicator predicates they share with the
statistics (docs/law/litigation.md, "Indicators"): a figure on the statistics page links to the list
filtered by the same predicate, so the list's count equals the figure."""

from __future__ import annotations

import django_filters
from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import UnitKind
from accounts.models import OrgUnit
from disputes.forms import DateInput, UnitChoiceField, respondent_units

from .choices import CaseStatus, Instance
from .models import Attendance, Hearing, LitigationCase


class CaseIndicator(models.TextChoices):
    """The case sets behind the instance-level indicators (numerators and denominators)."""

    HEARD = "heard", _("开庭审理的案件")
    HEAD_ATTENDED = "head_attended", _("负责人出庭的案件")
    MUST_APPEAR = "must_appear", _("负责人应当出庭的案件")
    MUST_ATTENDED = "must_attended", _("应出庭且负责人出庭的案件")
    DEFENDED = "defended", _("答辩期届满的一审案件")
    ON_TIME = "on_time", _("按期答辩举证的一审案件")
    CONCLUDED = "concluded", _("审结案件")
    LOST = "lost", _("败诉（被纠错）案件")


class HearingIndicator(models.TextChoices):
    HEAD_HEARINGS = "head_hearings", _("负责人出庭的庭次")
    SPOKE = "spoke", _("负责人出庭出声的庭次")


def _flag(q: Q) -> ExpressionWrapper:
    return ExpressionWrapper(q, output_field=models.BooleanField())


def annotate_year(qs: QuerySet, year: int) -> QuerySet:
    """Flags of each instance for `year`: heard, heard with a must-appear hearing, head attended.

    Each flag is an uncorrelated `pk IN (…)` (a hashed subplan: the year's hearings are read once)
    rather than an EXISTS per instance, whose estimate over every instance of the history crosses
    PostgreSQL's JIT thresholds at scale 10 (docs/budgets.md) and costs seconds of compiling."""
    hearings = Hearing.objects.filter(date__year=year)
    head = Attendance.objects.filter(
        hearing__date__year=year, head_counts=True, defendant__agency=F("hearing__case__org_unit")
    )
    return qs.annotate(
        y_heard=_flag(Q(pk__in=hearings.values("case"))),
        y_must=_flag(Q(pk__in=hearings.filter(must_appear=True).values("case"))),
        y_head=_flag(Q(pk__in=head.values("hearing__case"))),
    )


def in_some_set(year: int) -> Q:
    """The instances that belong to at least one case set of `year`: heard that year, a first
    instance received that year with its defence assessed, or served that year. Every predicate of
    `case_indicator_q` implies it, so filtering on it first changes no count and spares the three
    EXISTS of `annotate_year` on every other instance of the history."""
    heard = Hearing.objects.filter(date__year=year).values("case")
    return (
        Q(pk__in=heard)
        | Q(instance=Instance.FIRST, complaint_received_on__year=year, defence_on_time__isnull=False)
        | Q(served_on__year=year)
    )


def _instance_q(indicator: str, year: int) -> Q | None:
    """The predicate of a case set read from the instance's own fields (None for a hearing set)."""
    received = Q(instance=Instance.FIRST, complaint_received_on__year=year, defence_on_time__isnull=False)
    return {
        CaseIndicator.DEFENDED: received,
        CaseIndicator.ON_TIME: received & Q(defence_on_time=True),
        CaseIndicator.CONCLUDED: Q(served_on__year=year),
        CaseIndicator.LOST: Q(served_on__year=year, agency_lost=True),
    }.get(indicator)


def case_indicator_q(indicator: str, year: int) -> Q:
    """The predicate of one case set on a queryset annotated by `annotate_year`."""
    instance = _instance_q(indicator, year)
    if instance is not None:
        return instance
    return {
        CaseIndicator.HEARD: Q(y_heard=True),
        CaseIndicator.HEAD_ATTENDED: Q(y_heard=True, y_head=True),
        CaseIndicator.MUST_APPEAR: Q(y_must=True),
        CaseIndicator.MUST_ATTENDED: Q(y_must=True, y_head=True),
    }[indicator]


def case_indicator_filter(indicator: str, year: int) -> Q:
    """The same case set as `case_indicator_q`, as a filter on the instances themselves (the list):
    a semi-join per flag the set needs, so a page of 25 rows neither computes the three flags of
    `annotate_year` on every row nor hashes the year's attendances joined back to their instances.
    A head's attendance in `year` implies a hearing in `year`, so 负责人出庭 needs only the first."""
    instance = _instance_q(indicator, year)
    if instance is not None:
        return instance
    hearings = Hearing.objects.filter(case=OuterRef("pk"), date__year=year)
    head = Exists(
        Attendance.objects.filter(
            hearing__case=OuterRef("pk"),
            hearing__date__year=year,
            head_counts=True,
            defendant__agency=OuterRef("org_unit"),  # the instance's own agency (its primary defendant)
        )
    )
    must = Exists(hearings.filter(must_appear=True))
    return {
        CaseIndicator.HEARD: Q(Exists(hearings)),
        CaseIndicator.HEAD_ATTENDED: Q(head),
        CaseIndicator.MUST_APPEAR: Q(must),
        CaseIndicator.MUST_ATTENDED: Q(must) & Q(head),
    }[indicator]


def annotate_hearing(qs: QuerySet, year: int | None = None) -> QuerySet:
    """Whether the primary defendant's head attended the hearing, and whether the head spoke (as in
    `annotate_year`, uncorrelated `pk IN (…)`; `year` narrows what is read to that year's hearings
    when `qs` holds no other)."""
    head = Attendance.objects.filter(head_counts=True, defendant__agency=F("hearing__case__org_unit"))
    if year is not None:
        head = head.filter(hearing__date__year=year)
    return qs.annotate(
        h_head=_flag(Q(pk__in=head.values("hearing"))),
        h_spoke=_flag(Q(pk__in=head.filter(head_spoke=True).values("hearing"))),
    )


def hearing_indicator_q(indicator: str, year: int) -> Q:
    base = Q(date__year=year, h_head=True)
    return base & Q(h_spoke=True) if indicator == HearingIndicator.SPOKE else base


def county_units(user):
    return OrgUnit.objects.visible_to(user).filter(kind=UnitKind.GOVERNMENT, is_active=True).order_by("path")


def court_units(user):
    return OrgUnit.objects.filter(kind=UnitKind.COURT, is_active=True).order_by("path")


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


def _current_year() -> int:
    return timezone.localdate().year


class _ScopeFilter(django_filters.FilterSet):
    """Agency (primary defendant), county (its government's subtree) and year."""

    agency = UnitChoiceFilter(
        label=_("被告机关"),
        queryset=lambda request: respondent_units(request.user) if request else OrgUnit.objects.none(),
        field_name="org_unit",
    )
    county = UnitChoiceFilter(
        label=_("区县"),
        queryset=lambda request: county_units(request.user) if request else OrgUnit.objects.none(),
        method="filter_county",
    )
    year = django_filters.NumberFilter(label=_("年度"), method="filter_noop")

    def __init__(self, data=None, *args, user=None, **kwargs):
        self.user = user
        request = type("R", (), {"user": user})() if user is not None else None
        super().__init__(data, *args, request=request, **kwargs)

    def filter_county(self, qs, name, value):
        return qs.filter(**{f"{self.unit_path}__startswith": value.path}) if value else qs

    def filter_noop(self, qs, name, value):
        return qs

    @property
    def year_value(self) -> int:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        year = data.get("year")
        return int(year) if year else _current_year()


class CaseFilter(_ScopeFilter):
    """案件列表: keyword, status, instance, court, agency, county, must-appear, and an indicator set."""

    unit_path = "org_unit__path"

    class Meta:
        model = LitigationCase
        fields = ()

    q = django_filters.CharFilter(label=_("关键词"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=CaseStatus.choices)
    instance = django_filters.ChoiceFilter(label=_("审级"), choices=Instance.choices)
    court = UnitChoiceFilter(label=_("法院"), queryset=lambda request: court_units(None))
    indicator = django_filters.ChoiceFilter(
        label=_("指标口径"), choices=CaseIndicator.choices, method="filter_indicator"
    )

    def filter_q(self, qs, name, value):
        return qs.filter(
            Q(number__icontains=value) | Q(court_case_number__icontains=value) | Q(cause__icontains=value)
        )

    def filter_indicator(self, qs, name, value):
        return qs.filter(case_indicator_filter(value, self.year_value))


class HearingFilter(_ScopeFilter):
    """开庭: date range, must-appear, head confirmed, and the hearing indicator sets."""

    unit_path = "case__org_unit__path"

    class Meta:
        model = Hearing
        fields = ()

    agency = UnitChoiceFilter(
        label=_("被告机关"),
        queryset=lambda request: respondent_units(request.user) if request else OrgUnit.objects.none(),
        field_name="case__org_unit",
    )
    date_from = django_filters.DateFilter(
        label=_("开庭日期自"), field_name="date", lookup_expr="gte", widget=DateInput()
    )
    date_to = django_filters.DateFilter(
        label=_("开庭日期至"), field_name="date", lookup_expr="lte", widget=DateInput()
    )
    must_appear = django_filters.BooleanFilter(label=_("负责人应当出庭"))
    indicator = django_filters.ChoiceFilter(
        label=_("指标口径"), choices=HearingIndicator.choices, method="filter_indicator"
    )

    def filter_indicator(self, qs, name, value):
        return qs.filter(hearing_indicator_q(value, self.year_value))
