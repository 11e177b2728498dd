"""Deadline pages: 我的期限, 单位期限, a deadline's detail and actions, 期限计算器, 工作日历.

Views are thin: permission, form, one service or selector, render or redirect. Services raise
`ApplicationError`; views show it as a form error, never a 500.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from core import documents
from core.exceptions import ApplicationError
from core.views import JurisdictionMixin, form_error

from . import selectors, services
from .calendar import day_info
from .choices import DeadlineStatus
from .engine import compute, latest_start
from .filters import MyDeadlineFilter, UnitDeadlineFilter
from .forms import (
    CalculatorForm,
    CalendarDayForm,
    CalendarYearForm,
    DeadlineCancelForm,
    DeadlineExtendForm,
    DeadlineMeetForm,
    DeadlineResumeForm,
    DeadlineSuspendForm,
)
from .models import CalendarDay, Deadline
from .rules import RULES, Direction, get_rule

PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def may_act_on_record(user, deadline: Deadline) -> bool:
    """May `user` act on this deadline, given the kind of record it runs for?

    deadlines.change_deadline is held by every case role (see accounts/roles.py), and a justice
    bureau's jurisdiction is its government's whole tree: without this, a mediator or a legal reviewer
    could suspend, extend, meet or cancel a reconsideration case's statutory clock. So, as for
    attachments, a clock of a case record (a model scoped by `org_unit` and `visible_to`) also needs
    the permission to view that kind of record (a hearing's or an opinion letter's clock belongs to
    the reconsideration staff, who view those records but change them only through the case).
    """
    model = deadline.content_type.model_class() if deadline.content_type_id else None
    if model is not None and getattr(model, "clocks_follow_workflow", False):
        # The record's own workflow starts, suspends, extends and meets these clocks (e.g. a
        # reconsideration case under 复议法第三十九条、第六十二条); acting here would bypass its gates.
        return False
    if model is None or not hasattr(model._default_manager, "visible_to"):
        return True
    try:
        model._meta.get_field("org_unit")
    except FieldDoesNotExist:
        return True
    return user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")


# --------------------------------------------------------------------------------------------
# Lists
# --------------------------------------------------------------------------------------------


class MyDeadlinesView(PermissionRequiredMixin, TemplateView):
    """我的期限: open deadlines the user is responsible for, by due date."""

    permission_required = "deadlines.view_deadline"
    template_name = "deadlines/mine.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        page = _page(self.request, selectors.deadline_list_for_user(user=user, filters=self.request.GET))
        page.object_list = selectors.decorate(page.object_list, today)
        ctx.update(
            filter_form=MyDeadlineFilter(self.request.GET, queryset=Deadline.objects.none(), user=user).form,
            page_obj=page,
            deadlines=page.object_list,
            counts=selectors.workbench_counts(user, today),
            querystring=_querystring_without_page(self.request),
            today=today,
        )
        return ctx


class UnitDeadlinesView(PermissionRequiredMixin, TemplateView):
    """单位期限: deadlines of the units within the user's jurisdiction, with per-unit counts."""

    permission_required = "deadlines.view_unit_deadlines"
    template_name = "deadlines/unit.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        filterset = UnitDeadlineFilter(self.request.GET, queryset=Deadline.objects.none(), user=user)
        page = _page(self.request, selectors.deadline_list_for_units(user=user, filters=self.request.GET))
        page.object_list = selectors.decorate(page.object_list, today)
        unit = filterset.form.cleaned_data.get("unit") if filterset.form.is_valid() else None
        summary = selectors.deadline_unit_summary_for(user=user, unit=unit, today=today)
        ctx.update(
            filter_form=filterset.form,
            page_obj=page,
            deadlines=page.object_list,
            summary=summary,
            totals={k: sum(r[k] for r in summary) for k in ("open", "overdue", "soon", "met", "missed")},
            querystring=_querystring_without_page(self.request),
            today=today,
        )
        return ctx


# --------------------------------------------------------------------------------------------
# One deadline
# --------------------------------------------------------------------------------------------


ACTION_FORMS = {
    "suspend": DeadlineSuspendForm,
    "resume": DeadlineResumeForm,
    "extend": DeadlineExtendForm,
    "meet": DeadlineMeetForm,
    "cancel": DeadlineCancelForm,
}


class DeadlineDetailView(JurisdictionMixin, DetailView):
    """期限详情: the derivation, the events and — for editors — suspend/resume/extend/meet/cancel."""

    model = Deadline
    permission_required = "deadlines.view_deadline"
    template_name = "deadlines/detail.html"
    context_object_name = "deadline"

    def get_queryset(self):
        return selectors.deadline_detail_queryset(self.request.user)

    def _rule(self):
        return RULES.get(self.object.rule_code)

    def action_forms(self, bound: dict | None = None) -> dict:
        """The forms of the actions this user may take now (bound one replaces its blank twin)."""
        deadline = self.object
        user = self.request.user
        if (
            deadline.status != DeadlineStatus.OPEN
            or not user.has_perm("deadlines.change_deadline")
            or not may_act_on_record(user, deadline)
        ):
            return {}
        rule = self._rule()
        names = ["resume"] if deadline.is_suspended else ["suspend"]
        if rule is not None and rule.extendable:
            names.append("extend")
        names += ["meet", "cancel"]
        forms = {}
        for name in names:
            if bound and name in bound:
                forms[name] = bound[name]
            elif name == "extend":
                forms[name] = DeadlineExtendForm(approvers=self.approvers(rule), rule=rule)
            else:
                forms[name] = ACTION_FORMS[name]()
        return forms

    def approvers(self, rule):
        role = getattr(rule, "extension_approver_role", "") if rule else ""
        if not role:
            return []
        return selectors.extension_approvers(deadline=self.object, role=role)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        deadline = self.object
        today = timezone.localdate()
        selectors.decorate([deadline], today)
        rule = self._rule()
        record = deadline.record
        ctx.update(
            rule=rule,
            rule_label=selectors.rule_label(deadline.rule_code),
            events=list(deadline.events.all()),
            suspensions=services.deadline_suspensions(
                deadline, until=today if deadline.is_suspended else None
            ),
            record=record,
            record_url=_openable_url(self.request.user, record),
            action_forms=kwargs.get("action_forms") or self.action_forms(),
            managed_by_workflow=getattr(
                self.object.content_type.model_class(), "clocks_follow_workflow", False
            ),
            open_action=kwargs.get("open_action", ""),
            today=today,
        )
        return ctx


class DeadlineActionView(JurisdictionMixin, DetailView):
    """POST one action on a deadline; on a refused action the detail page shows the reason."""

    model = Deadline
    permission_required = "deadlines.change_deadline"
    http_method_names = ["post"]
    action = ""

    def get_queryset(self):
        return selectors.deadline_detail_queryset(self.request.user)

    def post(self, request, *args, **kwargs):
        self.object = deadline = self.get_object()
        if not may_act_on_record(request.user, deadline):
            raise PermissionDenied
        detail = DeadlineDetailView(request=request, kwargs=self.kwargs, object=deadline)
        detail.object = deadline
        rule = detail._rule()
        if self.action == "extend":
            form = DeadlineExtendForm(request.POST, approvers=detail.approvers(rule), rule=rule)
        else:
            form = ACTION_FORMS[self.action](request.POST)
        if form.is_valid():
            try:
                self.perform(deadline, form.cleaned_data)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, self.success_message())
                return redirect("deadlines:detail", pk=deadline.pk)
        if deadline.status != DeadlineStatus.OPEN:
            messages.error(
                request, _("该期限已%(status)s，不能再变更。") % {"status": deadline.get_status_display()}
            )
            return redirect("deadlines:detail", pk=deadline.pk)
        ctx = detail.get_context_data(
            object=deadline, action_forms=detail.action_forms({self.action: form}), open_action=self.action
        )
        return detail.render_to_response(ctx)

    def perform(self, deadline, data):
        user = self.request.user
        if self.action == "suspend":
            services.deadline_suspend(deadline=deadline, on=data["on"], reason=data["reason"], actor=user)
        elif self.action == "resume":
            services.deadline_resume(deadline=deadline, on=data["on"], actor=user)
        elif self.action == "extend":
            services.deadline_extend(
                deadline=deadline,
                days=data["days"],
                reference=data["reference"],
                reason=data["reason"],
                actor=user,
                approved_by=data["approved_by"],
                approved_on=data.get("approved_on"),
            )
        elif self.action == "meet":
            services.deadline_meet(deadline=deadline, on=data["on"], actor=user)
        elif self.action == "cancel":
            services.deadline_cancel(deadline=deadline, reason=data["reason"], actor=user)

    def success_message(self):
        return {
            "suspend": _("期限已中止。"),
            "resume": _("期限已恢复计算，到期日已重新计算。"),
            "extend": _("期限已延长，到期日已重新计算。"),
            "meet": _("已登记完成。"),
            "cancel": _("期限已取消。"),
        }[self.action]


# --------------------------------------------------------------------------------------------
# 期限计算说明 (DOCX / PDF)
# --------------------------------------------------------------------------------------------


def explanation_context(deadline: Deadline) -> dict:
    rule = RULES.get(deadline.rule_code)
    return {
        "deadline_subject": deadline.subject,
        "rule_label": str(rule.label) if rule else deadline.rule_code,
        "statute": str(rule.statute) if rule else "",
        "trigger_date": deadline.trigger_date,
        "raw_end": deadline.raw_end,
        "due_date": deadline.due_date,
        "trace": [str(line) for line in deadline.trace],
        "calendar_verified": deadline.calendar_verified,
        "org_unit": deadline.org_unit.name,
        "generated_at": timezone.localtime(),
        "events": [
            {
                "kind": e.get_kind_display(),
                "date": e.date,
                "days": e.days,
                "reference": e.reference,
                "reason": e.reason,
            }
            for e in deadline.events.all()
        ],
    }


class DeadlineExplanationView(JurisdictionMixin, DetailView):
    model = Deadline
    permission_required = "deadlines.view_deadline"
    fmt = "docx"

    def get_queryset(self):
        return selectors.deadline_detail_queryset(self.request.user)

    def get(self, request, *args, **kwargs):
        deadline = self.get_object()
        ctx = explanation_context(deadline)
        filename = f"期限计算说明-{deadline.pk}.{self.fmt}"
        if self.fmt == "pdf":
            return documents.render_pdf(
                "documents/deadline_explanation.html", ctx, filename, request=request, obj=deadline
            )
        return documents.render_docx(
            "documents/deadline_explanation.docx",
            ctx,
            filename,
            request=request,
            obj=deadline,
            author=deadline.org_unit.name,
        )


# --------------------------------------------------------------------------------------------
# 期限计算器
# --------------------------------------------------------------------------------------------


def calculate(rule_code: str, trigger: datetime.date) -> dict:
    """The calculator's answer: due date (or latest date for "before" rules) and the derivation."""
    rule = get_rule(rule_code)
    result = compute(rule_code, trigger)
    answer = {
        "rule": rule,
        "trigger": trigger,
        "result": result,
        "due": result.due,
        "is_before": rule.direction == Direction.BEFORE,
        "is_at_least": rule.direction == Direction.AT_LEAST,
    }
    if answer["is_before"]:
        answer["due"] = latest_start(rule_code, trigger)
    return answer


class CalculatorView(PermissionRequiredMixin, TemplateView):
    """期限计算器: pick a rule and a date → the due date and how it was derived (htmx or plain GET)."""

    permission_required = "deadlines.view_deadline"
    template_name = "deadlines/calculator.html"
    partial_template_name = "deadlines/_calculator_result.html"

    def _partial(self) -> bool:
        htmx = getattr(self.request, "htmx", None)
        # A history-restore request (back button after hx-push-url) wants the whole page.
        return bool(htmx) and not htmx.history_restore_request

    def get_template_names(self):
        return [self.partial_template_name if self._partial() else self.template_name]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        patch_vary_headers(response, ("HX-Request",))
        return response

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        bound = "rule" in self.request.GET
        form = CalculatorForm(self.request.GET if bound else None)
        answer = None
        if bound and form.is_valid():
            try:
                answer = calculate(form.cleaned_data["rule"], form.cleaned_data["trigger"])
            except ApplicationError as exc:
                form_error(form, exc)
        ctx.update(form=form, answer=answer, rules_help=self._rules_help())
        return ctx

    @staticmethod
    def _rules_help():
        return [
            {"code": code, "trigger": str(r.trigger_label), "summary": r.summary, "note": str(r.note)}
            for code, r in RULES.items()
        ]


# --------------------------------------------------------------------------------------------
# 工作日历
# --------------------------------------------------------------------------------------------

MIN_YEAR, MAX_YEAR = 2004, 2100


def _year_param(request, default: int) -> int:
    try:
        year = int(request.GET.get("year") or default)
    except (TypeError, ValueError):
        return default
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    return year


class CalendarView(PermissionRequiredMixin, TemplateView):
    """工作日历: a year's months; holidays red, make-up working days blue, unverified years flagged."""

    permission_required = "deadlines.view_calendarday"
    template_name = "deadlines/calendar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year = _year_param(self.request, timezone.localdate().year)
        ctx.update(
            grid=selectors.calendar_year_grid(year),
            year=year,
            prev_year=year - 1 if year > MIN_YEAR else None,
            next_year=year + 1 if year < MAX_YEAR else None,
            entered_years=selectors.calendar_years_entered()[:10],
        )
        return ctx


def _openable_url(user, record) -> str:
    """The page of the deadline's record when the user may open it (its view permission and its
    jurisdiction); otherwise "" and the record is named as text, not a link that would answer 404."""
    url_of = getattr(record, "get_absolute_url", None)
    if record is None or url_of is None:
        return ""
    opts = record._meta
    if not user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
        return ""
    visible_to = getattr(type(record)._default_manager, "visible_to", None)
    if visible_to is not None and not visible_to(user).filter(pk=record.pk).exists():
        return ""
    return url_of()


def _parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise Http404 from exc


class CalendarDayView(PermissionRequiredMixin, TemplateView):
    """Edit one day of the work calendar (or restore it to the default rules)."""

    permission_required = "deadlines.change_calendarday"
    template_name = "deadlines/calendar_day.html"

    def dispatch(self, request, *args, **kwargs):
        self.day = _parse_day(kwargs["day"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        info = day_info(self.day)
        row = CalendarDay.objects.filter(date=self.day).select_related("updated_by").first()
        form = kwargs.get("form") or CalendarDayForm(
            initial={
                "is_workday": "1" if info.is_workday else "0",
                "name": info.name if row or info.name else "",
            }
        )
        ctx.update(day=self.day, info=info, row=row, form=form)
        return ctx

    def post(self, request, *args, **kwargs):
        back = reverse("deadlines:calendar") + f"?year={self.day.year}"
        if "clear" in request.POST:
            if not request.user.has_perm("deadlines.delete_calendarday"):
                messages.error(request, _("您没有恢复默认设置的权限。"))
                return redirect(request.path)
            try:
                services.calendar_day_clear(date=self.day, actor=request.user)
            except ApplicationError as exc:
                messages.error(request, str(exc.message))
                return redirect(request.path)
            messages.success(request, _("%(date)s 已恢复为默认日历规则。") % {"date": self.day.isoformat()})
            return redirect(back)
        form = CalendarDayForm(request.POST)
        if form.is_valid():
            try:
                services.calendar_day_set(
                    date=self.day,
                    is_workday=form.cleaned_data["is_workday"],
                    name=form.cleaned_data["name"],
                    actor=request.user,
                )
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("%(date)s 已保存；相关进行中的期限将按新日历重新计算。")
                    % {"date": self.day.isoformat()},
                )
                return redirect(back)
        return self.render_to_response(self.get_context_data(form=form))


class CalendarYearView(PermissionRequiredMixin, TemplateView):
    """录入年度放假安排: one form for a year's State Council notice; all lines valid or nothing saved."""

    permission_required = ("deadlines.add_calendarday", "deadlines.change_calendarday")
    template_name = "deadlines/calendar_year.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = kwargs.get("form")
        if form is None:
            year = _year_param(self.request, timezone.localdate().year + 1)
            form = CalendarYearForm(initial=selectors.calendar_year_initial(year))
        ctx.update(form=form)
        return ctx

    def post(self, request, *args, **kwargs):
        form = CalendarYearForm(request.POST)
        if form.is_valid():
            try:
                entry = services.calendar_year_enter(**form.service_arguments(), actor=request.user)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("%(year)d年放假安排已录入；进行中的期限正在按新日历重新计算。") % {"year": entry.year},
                )
                return redirect(reverse("deadlines:calendar") + f"?year={entry.year}")
        return self.render_to_response(self.get_context_data(form=form))
