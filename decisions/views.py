"""Pages of 重大行政决策 and 合法性审查. Thin: permission and jurisdiction, a form, one service or
selector (core.views): a refusal of the law comes back as Chinese form errors, never as a 500."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.audit import log_access
from core.documents import DOCX_CONTENT_TYPE, content_disposition
from core.exports import XlsxExportMixin, xlsx_response
from core.models import AccessAction
from core.views import (
    CatalogueActionView,
    FilteredListView,
    JurisdictionMixin,
    ServiceCreateView,
    ServiceEditView,
)

from . import actions, documents, forms, selectors, services
from .choices import (
    DECISION_WORKFLOW,
    MATTER_WORKFLOW,
    PERM_ADD,
    PERM_ADD_MATTER,
    PERM_CHANGE,
    PERM_CHANGE_MATTER,
    PERM_VIEW,
    PERM_VIEW_MATTER,
    PREPARATION_STATUSES,
    DecisionStatus,
)
from .filters import ConsultationFilter, DecisionFilter, MatterFilter
from .models import AdvisorConsultation, LegalAdvisor, LegalAffairsMatter, MajorDecision, ReviewOpinion
from .services.gates import decision_checklist

PAGE_SIZE = 25


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _filtered(request) -> bool:
    return any(v for k, v in request.GET.items() if k not in ("page", "queue"))


# =====================================================================================================
# Major decisions
# =====================================================================================================


class DecisionListView(XlsxExportMixin, JurisdictionMixin, TemplateView):
    """重大行政决策: the filter bar, 25 a page, `?export=xlsx`."""

    model = MajorDecision
    permission_required = PERM_VIEW
    template_name = "decisions/decision_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        page = _page(self.request, selectors.decision_list(user=user, filters=self.request.GET))
        ctx.update(
            page_obj=page,
            decisions=page.object_list,
            filter_form=DecisionFilter(self.request.GET or None, user=user).form,
            filtered=_filtered(self.request),
        )
        return ctx

    def export(self):
        rows = selectors.decision_list(user=self.request.user, filters=self.request.GET)

        def lines():
            for d in rows.iterator(chunk_size=500):
                yield [
                    d.number, d.title, d.get_category_display(), d.org_unit.name, d.undertaking_unit.name,
                    d.catalogue_year, d.proposed_on, d.get_status_display(), d.sent_for_review_on,
                    d.published_on, d.implemented_on,
                ]  # fmt: skip

        headers = [
            _("决策编号"), _("决策事项"), _("决策类别"), _("决策机关"), _("承办单位"), _("目录年度"),
            _("立项日期"), _("状态"), _("送审日期"), _("公布日期"), _("实施日期"),
        ]  # fmt: skip
        return xlsx_response(
            request=self.request,
            filename=_("重大行政决策-%(day)s.xlsx") % {"day": f"{timezone.localdate():%Y%m%d}"},
            headers=headers,
            rows_iterable=lines(),
            model_label="decisions.majordecision",
            sheet_title=_("重大行政决策"),
            description=_("导出重大行政决策"),
        )


class DecisionCreateView(ServiceCreateView):
    model = MajorDecision
    permission_required = PERM_ADD
    form_class = forms.DecisionCreateForm
    template_name = "decisions/form.html"
    success_message = gettext_lazy("决策事项已立项。")

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("决策事项立项"), back=reverse("decisions:index"), **kwargs)

    def perform(self, form):
        kwargs = form.service_kwargs()
        return services.decision_propose(actor=self.request.user, **kwargs)


class DecisionObjectMixin(JurisdictionMixin):
    model = MajorDecision

    def get_object(self):
        if not hasattr(self, "_object"):
            try:
                self._object = selectors.decision_detail(user=self.request.user, pk=self.kwargs["pk"])
            except MajorDecision.DoesNotExist as exc:
                raise Http404 from exc
        return self._object


class DecisionDetailView(DecisionObjectMixin, TemplateView):
    """The decision page: the step checklist (what is missing, in Chinese), clocks with their
    derivation, step records, reviews and opinions, consultations, the change history, actions."""

    permission_required = PERM_VIEW
    template_name = "decisions/decision_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        d = self.get_object()
        user = self.request.user
        checklist = decision_checklist(d)
        ctx.update(
            decision=d,
            checklist=checklist,
            missing=[s for s in checklist if not s.ok] if d.status in ("review", "risk") else [],
            actions=actions.decision_actions(d, user),
            clocks=selectors.clocks_of(d),
            reviews=list(d.reviews.all()),
            can_edit=user.has_perm(PERM_CHANGE) and d.status in PREPARATION_STATUSES,
        )
        return ctx


class DecisionEditView(ServiceEditView):
    model = MajorDecision
    permission_required = PERM_CHANGE
    form_class = forms.DecisionEditForm
    template_name = "decisions/form.html"

    def get_context_data(self, **kwargs):
        obj = self.get_object()
        return super().get_context_data(title=_("修改决策事项"), back=obj.get_absolute_url(), **kwargs)

    def perform(self, form):
        return services.decision_update(
            decision=self.get_object(), actor=self.request.user, **form.service_kwargs()
        )


class _ActionView(CatalogueActionView):
    """One action of a record page (actions.py): GET shows its form, POST calls its one service."""

    workflow = None
    record_kwarg = ""

    def has_permission(self):
        return actions.allowed(self._action(), self.workflow, None, self.request.user)

    def refusal(self, action, obj):
        return None if action.slug in {a.slug for a in self.offered(obj)} else ""

    def get_form(self, data=None):
        return self._action().form(data, user=self.request.user, record=self.get_object())

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self._action(), record=self.get_object(), **kwargs)

    def perform(self, form):
        func = getattr(services, self._action().service)
        kwargs = form.service_kwargs()
        return func(**{self.record_kwarg: self.get_object()}, actor=self.request.user, **kwargs)

    def get_success_message(self, result) -> str:
        return _("已%(action)s。") % {"action": self._action().label}

    def get_success_url(self, result) -> str:
        return self.get_object().get_absolute_url()


class DecisionActionView(_ActionView):
    model = MajorDecision
    template_name = "decisions/action.html"
    catalogue = actions.DECISION_BY_SLUG
    workflow = DECISION_WORKFLOW
    record_kwarg = "decision"

    def offered(self, obj):
        return actions.decision_actions(obj, self.request.user)

    def perform(self, form):
        action = self._action()
        if action.slug == "consult":
            return services.consultation_record(
                decision=self.get_object(), actor=self.request.user, **form.service_kwargs()
            )
        return super().perform(form)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self._action().slug == "schedule-discussion":
            ctx["blockers"] = services.discussion_blockers(selectors.decision_detail(
                user=self.request.user, pk=self.get_object().pk))  # fmt: skip
        return ctx


# =====================================================================================================
# Legality review
# =====================================================================================================


class MatterListView(XlsxExportMixin, JurisdictionMixin, TemplateView):
    """合法性审查: queues 全部 / 待我审查 / 待签发 / 办理中, the filter bar, 25 a page, export."""

    model = LegalAffairsMatter
    permission_required = PERM_VIEW_MATTER
    template_name = "decisions/matter_list.html"

    def _queue(self) -> str:
        queue = self.request.GET.get("queue", "all")
        return queue if queue in selectors.QUEUES_BY_KEY else "all"

    def _rows(self):
        return selectors.matter_list(user=self.request.user, filters=self.request.GET, queue=self._queue())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        page = _page(self.request, self._rows())
        counts = selectors.queue_counts(user=user)
        ctx.update(
            page_obj=page,
            matters=page.object_list,
            queue=selectors.QUEUES_BY_KEY[self._queue()],
            tabs=[
                {"queue": q, "count": counts.get(q.key), "active": q.key == self._queue()}
                for q in selectors.QUEUES
            ],
            filter_form=MatterFilter(self.request.GET or None, user=user).form,
            filtered=_filtered(self.request),
        )
        return ctx

    def export(self):
        rows = self._rows()

        def lines():
            for m in rows.iterator(chunk_size=500):
                yield [
                    m.number, m.get_kind_display(), m.title, m.requesting_unit.name, m.org_unit.name,
                    m.received_on, m.due_on, m.get_status_display(), m.closed_on,
                ]  # fmt: skip

        headers = [
            _("收文编号"), _("审查类别"), _("送审事项"), _("送审单位"), _("审查机关"), _("收文日期"),
            _("审查期限"), _("状态"), _("办结日期"),
        ]  # fmt: skip
        return xlsx_response(
            request=self.request,
            filename=_("合法性审查事项-%(day)s.xlsx") % {"day": f"{timezone.localdate():%Y%m%d}"},
            headers=headers,
            rows_iterable=lines(),
            model_label="decisions.legalaffairsmatter",
            sheet_title=_("合法性审查事项"),
            description=_("导出合法性审查事项"),
        )


class MatterCreateView(ServiceCreateView):
    model = LegalAffairsMatter
    permission_required = PERM_ADD_MATTER
    form_class = forms.MatterCreateForm
    template_name = "decisions/form.html"
    success_message = gettext_lazy("已收文登记。")

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("合法性审查收文登记"), back=reverse("decisions:matter_list"), **kwargs
        )

    def perform(self, form):
        return services.matter_register(actor=self.request.user, **form.service_kwargs())


class MatterObjectMixin(JurisdictionMixin):
    model = LegalAffairsMatter

    def get_object(self):
        if not hasattr(self, "_object"):
            try:
                self._object = selectors.matter_detail(user=self.request.user, pk=self.kwargs["pk"])
            except LegalAffairsMatter.DoesNotExist as exc:
                raise Http404 from exc
        return self._object


class MatterDetailView(MatterObjectMixin, TemplateView):
    permission_required = PERM_VIEW_MATTER
    template_name = "decisions/matter_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        m = self.get_object()
        ctx.update(
            matter=m, actions=actions.matter_actions(m, self.request.user), clocks=selectors.clocks_of(m)
        )
        return ctx


class MatterActionView(_ActionView):
    model = LegalAffairsMatter
    template_name = "decisions/action.html"
    catalogue = actions.MATTER_BY_SLUG
    workflow = MATTER_WORKFLOW
    record_kwarg = "matter"

    def offered(self, obj):
        return actions.matter_actions(obj, self.request.user)


class OpinionEditView(ServiceEditView):
    """Edit a draft opinion (VersionedFormMixin); a signed one is immutable (the service refuses)."""

    model = ReviewOpinion
    permission_required = PERM_CHANGE_MATTER
    form_class = forms.OpinionEditForm
    template_name = "decisions/form.html"

    def get_queryset(self):
        return ReviewOpinion.objects.visible_to(self.request.user).select_related("matter")

    def get_context_data(self, **kwargs):
        obj = self.get_object()
        return super().get_context_data(title=_("修改审查意见"), back=obj.matter.get_absolute_url(), **kwargs)

    def perform(self, form):
        return services.opinion_update(
            opinion=self.get_object(), actor=self.request.user, **form.service_kwargs()
        )

    def get_success_url(self, result):
        return self.get_object().matter.get_absolute_url()


# =====================================================================================================
# Registers: advisers, evaluations, 学法, statistics
# =====================================================================================================


class AdvisorListView(JurisdictionMixin, TemplateView):
    model = LegalAdvisor
    permission_required = PERM_VIEW_MATTER
    template_name = "decisions/advisor_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = _page(self.request, selectors.advisor_list(user=self.request.user))
        ctx.update(page_obj=page, advisors=page.object_list)
        return ctx


class ConsultationListView(FilteredListView):
    """法律顾问意见 (决策条例第二十八条): every consultation the user may see, filtered; the dashboard's
    法律顾问意见 opens it for its period and jurisdiction."""

    model = AdvisorConsultation
    permission_required = PERM_VIEW_MATTER
    template_name = "decisions/consultation_list.html"
    filterset = ConsultationFilter
    selector = selectors.consultation_list
    page_size = PAGE_SIZE

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filter_form"] = ConsultationFilter(self.request.GET or None, user=self.request.user).form
        return ctx


class AdvisorCreateView(ServiceCreateView):
    model = LegalAdvisor
    permission_required = PERM_CHANGE_MATTER
    form_class = forms.AdvisorForm
    template_name = "decisions/form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("登记法律顾问"), back=reverse("decisions:advisor_list"), **kwargs
        )

    def perform(self, form):
        return services.advisor_create(actor=self.request.user, **form.service_kwargs())

    def get_success_url(self, result):
        return reverse("decisions:advisor_list")


class AdvisorEditView(ServiceEditView):
    model = LegalAdvisor
    permission_required = PERM_CHANGE_MATTER
    form_class = forms.AdvisorEditForm
    template_name = "decisions/form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("修改法律顾问"), back=reverse("decisions:advisor_list"), **kwargs
        )

    def perform(self, form):
        return services.advisor_update(
            advisor=self.get_object(), actor=self.request.user, **form.service_kwargs()
        )

    def get_success_url(self, result):
        return reverse("decisions:advisor_list")


class EvaluationListView(JurisdictionMixin, TemplateView):
    model = MajorDecision
    permission_required = PERM_VIEW
    template_name = "decisions/evaluation_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        evaluations = selectors.evaluation_list(user=self.request.user, filters=self.request.GET)
        page = _page(self.request, evaluations)
        ctx.update(page_obj=page, evaluations=page.object_list)
        return ctx


class StudyListView(JurisdictionMixin, TemplateView):
    model = MajorDecision
    permission_required = PERM_VIEW
    template_name = "decisions/study_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = _page(self.request, selectors.study_list(user=self.request.user))
        ctx.update(page_obj=page, sessions=page.object_list)
        return ctx


class StudyCreateView(ServiceCreateView):
    model = MajorDecision
    permission_required = PERM_CHANGE
    form_class = forms.StudySessionForm
    template_name = "decisions/form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("登记常务会议学法"), back=reverse("decisions:study_list"), **kwargs
        )

    def perform(self, form):
        return services.study_session_record(actor=self.request.user, **form.service_kwargs())

    def get_success_url(self, result):
        return reverse("decisions:study_list")


class StatisticsView(JurisdictionMixin, TemplateView):
    model = MajorDecision
    permission_required = PERM_VIEW
    template_name = "decisions/statistics.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        stats = selectors.statistics(user=self.request.user)
        labels = dict(DecisionStatus.choices)
        for row in stats["decisions_by_status"]:
            row["label"] = labels.get(row["status"], row["status"])
        ctx.update(stats=stats)
        return ctx


class OpinionDocumentView(JurisdictionMixin, View):
    """The signed opinion's 合法性审查意见书 (DOCX), logged as printed; an unsigned one has none."""

    model = ReviewOpinion
    permission_required = PERM_VIEW_MATTER

    def get_object(self):
        try:
            return selectors.opinion_for_document(user=self.request.user, pk=self.kwargs["pk"])
        except ReviewOpinion.DoesNotExist as exc:
            raise Http404 from exc

    def get(self, request, *args, **kwargs):
        opinion = self.get_object()
        content, filename = documents.opinion_docx(opinion)
        response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition(filename)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        log_access(request=request, action=AccessAction.PRINT, obj=opinion, description=filename)
        return response
