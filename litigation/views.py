"""Thin views of the litigation pages on the kernel's views (core.views): login, permission and
jurisdiction (404 outside it), one service per form, one selector per page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.documents import render_docx
from core.exports import XlsxExportMixin, xlsx_response
from core.views import (
    JurisdictionMixin,
    ServiceActionView,
    ServiceCreateView,
    ServiceEditView,
    VisibleObjectMixin,
    get_visible_or_404,
)

from . import actions, forms, selectors, services
from .choices import PERM_ADD, PERM_CHANGE, PERM_VIEW
from .documents import DOCUMENTS, document_context
from .filters import CaseFilter, CaseIndicator, HearingFilter, HearingIndicator
from .models import Hearing, LitigationCase, Performance, Recommendation

PAGE_SIZE = selectors.PAGE_SIZE


class CaseListView(XlsxExportMixin, JurisdictionMixin, TemplateView):
    """行政应诉案件: the filter bar (incl. the indicator sets), 25 a page, `?export=xlsx`."""

    model = LitigationCase
    permission_required = PERM_VIEW
    template_name = "litigation/case_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        page = Paginator(selectors.case_list(user=user, filters=self.request.GET), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        ctx.update(
            page_obj=page,
            cases=page.object_list,
            filter_form=CaseFilter(self.request.GET or None, user=user).form,
            today=timezone.localdate(),
        )
        return ctx

    def export(self):
        rows = selectors.case_list(user=self.request.user, filters=self.request.GET)

        def lines():
            for c in rows.iterator(chunk_size=500):
                yield [
                    c.number,
                    c.court_case_number,
                    c.get_instance_display(),
                    c.court.name,
                    c.org_unit.name,
                    c.cause,
                    c.get_sector_display(),
                    c.complaint_received_on,
                    c.defence_filed_on,
                    {True: _("是"), False: _("否")}.get(c.defence_on_time, ""),
                    c.get_status_display(),
                    c.get_outcome_display() if c.outcome else "",
                    c.served_on,
                    {True: _("是"), False: _("否")}.get(c.agency_lost, ""),
                    c.next_due_on,
                ]

        headers = [
            _("应诉编号"), _("法院案号"), _("审级"), _("法院"), _("被告机关"), _("案由"), _("领域"),
            _("收到起诉状副本日期"), _("答辩日期"), _("按期答辩举证"), _("状态"), _("裁判结果"),
            _("送达日期"), _("败诉"), _("下一期限"),
        ]  # fmt: skip
        return xlsx_response(
            request=self.request,
            filename=_("行政应诉案件"),
            headers=headers,
            rows_iterable=lines(),
            model_label="litigation.litigationcase",
        )


class CaseRegisterView(ServiceCreateView):
    model = LitigationCase
    permission_required = PERM_ADD
    form_class = forms.CaseRegisterForm
    template_name = "litigation/form.html"
    success_message = gettext_lazy("已登记应诉案件，答辩举证期限已开始计算。")

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("登记应诉案件"), **kwargs)

    def perform(self, form):
        return services.case_register(actor=self.request.user, **form.service_kwargs())


class CaseDetailView(VisibleObjectMixin, TemplateView):
    """The case page: instances, defendants, hearings and attendance, outcome, clocks, events."""

    model = LitigationCase
    permission_required = PERM_VIEW
    template_name = "litigation/case_detail.html"

    def get_object(self):
        if not hasattr(self, "_object"):
            try:
                self._object = selectors.case_detail(user=self.request.user, pk=self.kwargs["pk"])
            except LitigationCase.DoesNotExist as exc:
                raise Http404 from exc
        return self._object

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        case = self.get_object()
        user = self.request.user
        ctx.update(
            case=case,
            actions=actions.available(case, user),
            clocks=selectors.case_clocks(case),
            head_attended=selectors.head_attended_instance(case),
            may_change=user.has_perm(PERM_CHANGE),
        )
        return ctx


class CaseEditView(ServiceEditView):
    model = LitigationCase
    permission_required = PERM_CHANGE
    form_class = forms.CaseEditForm
    template_name = "litigation/form.html"
    context_object_name = "case"

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("修改案件信息"), **kwargs)

    def perform(self, form):
        return services.case_update(case=self.get_object(), actor=self.request.user, **form.service_kwargs())


class CaseActionView(ServiceActionView):
    """One action of the catalogue (actions.py) on a visible case."""

    model = LitigationCase
    permission_required = PERM_CHANGE
    template_name = "litigation/form.html"
    context_object_name = "case"
    success_message = gettext_lazy("已办理。")

    @property
    def action(self):
        action = actions.BY_SLUG.get(self.kwargs["slug"])
        if action is None:
            raise Http404
        return action

    @property
    def form_class(self):
        return self.action.form_class

    def get_form(self, data=None):
        kwargs = {"user": self.request.user} if self.action.slug == "appeal" else {}
        return self.form_class(data, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.action.label, help=self.action.help, **kwargs)

    def perform(self, form):
        return self.action.perform(self.get_object(), self.request.user, **form.service_kwargs())

    def get_success_url(self, result):
        return self.get_object().get_absolute_url()


class _CaseRecordView(ServiceActionView):
    """An action on a record of a visible case (a hearing, a performance, a recommendation)."""

    model = LitigationCase
    permission_required = PERM_CHANGE
    template_name = "litigation/form.html"
    context_object_name = "case"
    record_model = None
    record_kwarg = ""
    title = ""

    def get_record(self):
        if not hasattr(self, "_record"):
            case = self.get_object()
            self._record = get_visible_or_404(
                self.record_model.objects.filter(case=case),
                self.request.user,
                pk=self.kwargs[self.record_kwarg],
            )
        return self._record

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, record=self.get_record(), **kwargs)

    def get_form(self, data=None):
        self.get_record()
        return self.form_class(data)


class HearingConfirmView(_CaseRecordView):
    record_model, record_kwarg, title = Hearing, "hearing", gettext_lazy("确认出庭负责人")
    form_class = forms.ConfirmHeadForm

    def perform(self, form):
        return services.hearing_confirm_head(
            hearing=self.get_record(), actor=self.request.user, **form.service_kwargs()
        )


class AttendanceView(_CaseRecordView):
    record_model, record_kwarg, title = Hearing, "hearing", gettext_lazy("登记出庭情况")
    form_class = forms.AttendanceForm

    def get_form(self, data=None):
        return self.form_class(data, hearing=self.get_record())

    def perform(self, form):
        return services.attendance_record(
            hearing=self.get_record(), actor=self.request.user, **form.service_kwargs()
        )


class PerformanceDoneView(_CaseRecordView):
    record_model, record_kwarg, title = Performance, "performance", gettext_lazy("登记履行完毕")
    form_class = forms.PerformanceDoneForm

    def perform(self, form):
        return services.performance_done(
            performance=self.get_record(), actor=self.request.user, **form.service_kwargs()
        )


class RecommendationReplyView(_CaseRecordView):
    record_model, record_kwarg, title = Recommendation, "recommendation", gettext_lazy("回复建议")
    form_class = forms.ReplyForm

    def perform(self, form):
        return services.recommendation_reply(
            recommendation=self.get_record(), actor=self.request.user, **form.service_kwargs()
        )


class HearingListView(JurisdictionMixin, TemplateView):
    """开庭: upcoming hearings (with whether a head is confirmed) as a calendar by date, or all."""

    model = LitigationCase
    permission_required = PERM_VIEW
    template_name = "litigation/hearing_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        upcoming = self.request.GET.get("upcoming") == "1"
        qs = selectors.hearing_list(user=user, filters=self.request.GET, upcoming=upcoming)
        page = Paginator(qs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        ctx.update(
            page_obj=page,
            hearings=page.object_list,
            upcoming=upcoming,
            filter_form=HearingFilter(self.request.GET or None, user=user).form,
        )
        return ctx


class RecommendationListView(JurisdictionMixin, TemplateView):
    model = LitigationCase
    permission_required = PERM_VIEW
    template_name = "litigation/recommendation_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = Paginator(selectors.recommendations_awaiting(user=self.request.user), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        ctx.update(page_obj=page, recommendations=page.object_list)
        return ctx


class StatisticsView(JurisdictionMixin, TemplateView):
    """统计: the five indicators for an agency / county / year with the year-on-year change, each
    number linking to the list behind it; the 法治政府建设考核 table per agency."""

    model = LitigationCase
    permission_required = PERM_VIEW
    template_name = "litigation/statistics.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        bar = CaseFilter(self.request.GET or None, user=user)
        data = bar.form.cleaned_data if bar.form.is_valid() else {}
        year = bar.year_value
        agency, county = data.get("agency"), data.get("county")
        ctx.update(
            filter_form=bar.form,
            year=year,
            agency=agency,
            county=county,
            figures=selectors.indicators(user=user, year=year, agency=agency, county=county),
            table=selectors.agency_table_page(
                user=user, year=year, county=county, page=self.request.GET.get("page")
            ),
            case_sets=CaseIndicator,
            hearing_sets=HearingIndicator,
        )
        return ctx


class CaseDocumentView(VisibleObjectMixin, TemplateView):
    """A case's official document as DOCX (答辩状; 出庭应诉通知 for `?hearing=<id>`), logged as printed."""

    model = LitigationCase
    permission_required = PERM_VIEW

    def get(self, request, *args, **kwargs):
        doc = DOCUMENTS.get(self.kwargs["kind"])
        if doc is None:
            raise Http404
        case = selectors.case_detail(user=request.user, pk=self.get_object().pk)
        hearing = None
        if doc.kind == "appearance":
            hearing = next((h for h in case.hearings.all() if str(h.pk) == request.GET.get("hearing")), None)
            if hearing is None:
                raise Http404
        return render_docx(
            doc.template,
            document_context(case, doc.kind, hearing=hearing),
            f"{case.number}-{doc.title}.docx",
            request=request,
            obj=case,
            author=case.org_unit.name,
        )
