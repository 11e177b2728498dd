"""The filter bars of the reconsideration lists. `selectors.case_list` / `selectors.queue_rows`
apply `CaseFilter` to the visible cases, so the list, its queues and the Excel export filter the same
way; the list page binds the same FilterSet only to render the bar."""

from __future__ import annotations

from datetime import date
from functools import lru_cache, partial
from html import escape

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms.models import ModelChoiceIteratorValue
from django.forms.renderers import get_default_renderer
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.choices import UnitKind
from core.renderers import FormRenderer, attrs_html
from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline
from disputes.choices import ActType
from disputes.forms import DateInput, UnitChoiceField, UnitChoices, respondent_units, unit_label
from disputes.models import Party

from .choices import CaseStatus, DecisionOutcome, LinkageKind, Procedure
from .deadlines import DECISION_RULES
from .forms import government_units
from .models import LinkageRecord, ReconsiderationCase


def open_clocks(model=ReconsiderationCase) -> QuerySet:
    """The open statutory clocks of the row `OuterRef("pk")` of `model` (for Exists / Subquery)."""
    ct = ContentType.objects.get_for_model(model)
    return Deadline.objects.filter(content_type=ct, object_id=OuterRef("pk"), status=DeadlineStatus.OPEN)


def running_clocks(model=ReconsiderationCase) -> QuerySet:
    """Open clocks that are not suspended (a suspended clock's due date is not a countdown)."""
    return open_clocks(model).filter(is_suspended=False)


def overdue_filter(qs: QuerySet, today: date | None = None) -> QuerySet:
    """Cases with a running clock whose due date has passed (the 已超期 queue and filter)."""
    return qs.filter(Exists(running_clocks().filter(due_date__lt=today or timezone.localdate())))


def keyword_filter(qs: QuerySet, q: str) -> QuerySet:
    """案号, 争议编号, 行政行为文号 or an applicant's name containing `q`."""
    party = Party.objects.filter(dispute=OuterRef("dispute"), name__icontains=q)
    return qs.filter(
        Q(number__icontains=q)
        | Q(dispute__number__icontains=q)
        | Q(act_document_number__icontains=q)
        | Exists(party)
    )


class _SharedUnitChoices(UnitChoices):
    """UnitChoices from the rows `CaseFilter` read once for both its unit fields (`unit_rows`)."""

    def __iter__(self):
        rows = getattr(self.field, "unit_rows", None)
        if rows is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name, depth in rows():
            yield (ModelChoiceIteratorValue(pk, None), unit_label(name, depth))


@lru_cache(maxsize=32)
def _unit_select_html(name: str, attrs: tuple, values: tuple, options: tuple) -> str:
    """The HTML `core.renderers.render_select` writes for a <select> of `options` ((value, label)
    pairs, the empty choice first) with `values` selected: kept for the next page showing the same
    units, the same value and attributes."""
    out = [f'<select name="{escape(name)}"{attrs_html(dict(attrs))}>']
    selected = False
    for value, label in options:
        mark = ""
        if not selected and value in values:
            selected, mark = True, " selected"
        out.append(f'\n  <option value="{escape(value)}"{mark}>{escape(label)}</option>\n')
    out.append("\n</select>")
    return mark_safe("".join(out))  # every value above is escaped


class Select(forms.Select):
    """(Named as Django's: its name is the widget's CSS class in the filter bar, `filter_tags`.) The
    filter bar's 被申请人 / 复议机关 <select>, written once for a list of units, a value and its
    attributes (`_unit_select_html`) and reused while they stay the same: building and escaping the
    ~300 options of the city's units on every page (Django's `optgroups`, a dict an option) was a
    tenth of the list page (bench recon.list). A changed unit, name or language is another key."""

    def render(self, name, value, attrs=None, renderer=None):
        rows = getattr(getattr(self.choices, "field", None), "unit_rows", None)
        renderer = renderer or get_default_renderer()
        if (
            rows is None
            or not isinstance(renderer, FormRenderer)
            or self.template_name != forms.Select.template_name
        ):
            return super().render(name, value, attrs, renderer)
        field = self.choices.field
        options = [("", str(field.empty_label))] if field.empty_label is not None else []
        options += [(str(pk), unit_label(unit, depth)) for pk, unit, depth in rows()]
        final = self.build_attrs(self.attrs, attrs)
        return _unit_select_html(name, tuple(final.items()), tuple(self.format_value(value)), tuple(options))


class _SharedUnitChoiceField(UnitChoiceField):
    iterator = _SharedUnitChoices
    widget = Select


class UnitChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _SharedUnitChoiceField


class _FilterBarUnits:
    """The filter bar's 被申请人 and 复议机关 options in one query: the bodies (governments) are among
    the respondent kinds, so both lists are read from the visible active respondent units — a query
    a list was a fifteenth of the list page (bench recon.list). Validation still uses each field's
    own queryset."""

    def __init__(self, user):
        self.user = user
        self._rows = None

    def rows(self, kind: str | None = None) -> list[tuple]:
        if self._rows is None:
            self._rows = list(respondent_units(self.user).values_list("pk", "name", "depth", "kind"))
        return [(pk, name, depth) for pk, name, depth, k in self._rows if kind is None or k == kind]


class CaseFilter(django_filters.FilterSet):
    """案件列表: keyword, 案号, status, procedure, act type, respondent, body, received dates; and for
    callers (hidden in the bar) the handler and 已超期."""

    q = django_filters.CharFilter(
        label=_("关键词"), help_text=_("申请人、争议编号、行为文号"), method="filter_keyword"
    )
    number = django_filters.CharFilter(label=_("案号"), field_name="number", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=CaseStatus.choices, empty_label=_("全部"))
    procedure = django_filters.ChoiceFilter(
        label=_("审理程序"), choices=Procedure.choices, empty_label=_("全部")
    )
    act_type = django_filters.ChoiceFilter(
        label=_("行为类型"), choices=ActType.choices, empty_label=_("全部")
    )
    respondent = UnitChoiceFilter(label=_("被申请人"), queryset=None, empty_label=_("全部"))
    body = UnitChoiceFilter(label=_("复议机关"), field_name="org_unit", queryset=None, empty_label=_("全部"))
    received_from = django_filters.DateFilter(
        label=_("收到日期自"), field_name="received_on", lookup_expr="gte", widget=DateInput()
    )
    received_to = django_filters.DateFilter(
        label=_("收到日期至"), field_name="received_on", lookup_expr="lte", widget=DateInput()
    )
    handler = django_filters.ModelChoiceFilter(
        queryset=get_user_model().objects.all(), widget=forms.HiddenInput
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", widget=forms.HiddenInput)
    # The dashboard's drill-downs (dashboard/, docs/indicators.md): hidden in the bar, kept on submit,
    # and each selects exactly the cases a figure of `selectors.statistics` counts.
    within = UnitChoiceFilter(method="filter_within", queryset=None, widget=forms.HiddenInput)
    accepted_from = django_filters.DateFilter(
        field_name="accepted_on", lookup_expr="gte", widget=forms.HiddenInput
    )
    accepted_to = django_filters.DateFilter(
        field_name="accepted_on", lookup_expr="lte", widget=forms.HiddenInput
    )
    concluded_from = django_filters.DateFilter(method="filter_concluded_from", widget=forms.HiddenInput)
    concluded_to = django_filters.DateFilter(method="filter_concluded_to", widget=forms.HiddenInput)
    correction = django_filters.ChoiceFilter(
        choices=(("direct", _("直接纠错")), ("indirect", _("间接纠错")), ("any", _("纠错（含间接）"))),
        method="filter_correction",
        widget=forms.HiddenInput,
    )
    decision_clock = django_filters.ChoiceFilter(
        choices=((DeadlineStatus.MET, _("法定期限内办结")), (DeadlineStatus.MISSED, _("超期办结"))),
        method="filter_decision_clock",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = ReconsiderationCase
        fields = []

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        if queryset is None:
            queryset = ReconsiderationCase.objects.none()
        super().__init__(data, queryset=queryset, **kwargs)
        self.filters["respondent"].queryset = respondent_units(user)
        self.filters["body"].queryset = government_units(user)
        self.filters["within"].queryset = government_units(user)
        units = _FilterBarUnits(user)
        self.filters["respondent"].field.unit_rows = units.rows
        self.filters["body"].field.unit_rows = partial(units.rows, UnitKind.GOVERNMENT)

    def filter_keyword(self, queryset, name, value):
        value = (value or "").strip()
        return keyword_filter(queryset, value) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return overdue_filter(queryset, self.data.get("today")) if value else queryset

    def filter_within(self, queryset, name, value):
        """Cases of the government `value` and of the bodies below it (a county inside the city)."""
        return queryset.filter(org_unit__path__startswith=value.path) if value else queryset

    # 审结 (concluded) as `selectors.statistics` counts it: a decision, 调解书 or termination dated
    # in the period; 不予受理 is not a conclusion of an accepted case.
    def filter_concluded_from(self, queryset, name, value):
        return queryset.filter(decision__decided_on__gte=value).exclude(
            decision__outcome=DecisionOutcome.NOT_ACCEPTED
        )

    def filter_concluded_to(self, queryset, name, value):
        return queryset.filter(decision__decided_on__lte=value).exclude(
            decision__outcome=DecisionOutcome.NOT_ACCEPTED
        )

    def filter_correction(self, queryset, name, value):
        if value == "direct":
            return queryset.filter(decision__is_directly_corrected=True)
        if value == "indirect":
            return queryset.filter(decision__is_indirectly_corrected=True)
        return queryset.filter(
            Q(decision__is_directly_corrected=True) | Q(decision__is_indirectly_corrected=True)
        )

    def filter_decision_clock(self, queryset, name, value):
        """The decision clock (复议法第六十二条) met in time, or missed."""
        ct = ContentType.objects.get_for_model(ReconsiderationCase)
        clock = Deadline.objects.filter(
            content_type=ct, object_id=OuterRef("pk"), rule_code__in=DECISION_RULES, status=value
        )
        return queryset.filter(Exists(clock))

    def drilldown_conditions(self) -> list[str]:
        """The hidden drill-down conditions in force, in words (shown above the list)."""
        if not self.is_bound or not self.form.is_valid():
            return []
        data = self.form.cleaned_data
        words = []
        if data.get("within"):
            words.append(str(_("辖区：%(unit)s（含下级）") % {"unit": data["within"].name}))
        for start, end, label in (
            ("accepted_from", "accepted_to", _("受理日期")),
            ("concluded_from", "concluded_to", _("审结日期")),
        ):
            if data.get(start) or data.get(end):
                words.append(
                    str(_("%(label)s：%(start)s 至 %(end)s"))
                    % {"label": label, "start": data.get(start) or "…", "end": data.get(end) or "…"}
                )
        for name in ("correction", "decision_clock"):
            if data.get(name):
                words.append(str(dict(self.filters[name].extra["choices"])[data[name]]))
        if data.get("overdue"):
            words.append(str(_("已超期")))
        return words


class LinkageFilter(django_filters.FilterSet):
    """The filter bar of the 府院联动 list (`selectors.linkage_list` does the filtering)."""

    kind = django_filters.ChoiceFilter(
        label=_("联动方式"), choices=LinkageKind.choices, empty_label=_("全部")
    )
    date_from = django_filters.DateFilter(label=_("日期自"), widget=DateInput())
    date_to = django_filters.DateFilter(label=_("日期至"), widget=DateInput())

    class Meta:
        model = LinkageRecord
        fields = []

    def __init__(self, data=None, **kwargs):
        super().__init__(data, queryset=LinkageRecord.objects.none(), **kwargs)

    def selector_filters(self) -> dict:
        if not self.form.is_valid():
            return {}
        return {k: v for k, v in self.form.cleaned_data.items() if v}
