"""Pages of administrative reconsideration (行政复议). Thin: permission and jurisdiction, a form, one
service or selector. They are built on the kernel's service form views (core.views): a refusal of the
law (ApplicationError / GateError) comes back as Chinese form errors, never as a 500.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from accounts.jurisdiction import jurisdiction_root
from accounts.models import OrgUnit
from core.audit import log_access
from core.documents import DOCX_CONTENT_TYPE, content_disposition
from core.exceptions import ApplicationError
from core.exports import XlsxExportMixin, xlsx_response
from core.models import AccessAction
from core.views import (
    CatalogueActionView,
    JurisdictionMixin,
    ServiceCreateView,
    ServiceEditView,
    ServiceFormView,
    VisibleObjectMixin,
    form_error,
)
from core.workflow import composed
from disputes import services as dispute_services
from disputes.choices import PartyRole
from disputes.forms import claimant_forms, claimant_service_data

from . import actions, documents, forms, selectors, services
from .choices import (
    CONCLUDED_STATUSES,
    PERM_ADD,
    PERM_APPROVE,
    PERM_CHANGE,
    PERM_VIEW,
    TRIAL_STATUSES,
    OpinionTier,
)
from .filters import CaseFilter, LinkageFilter
from .models import CommitteeMeeting, ExpertConsultant, LinkageRecord, ReconsiderationCase

PAGE_SIZE = 25


# =====================================================================================================
# The case list and its queues
# =====================================================================================================


class CaseListView(XlsxExportMixin, JurisdictionMixin, TemplateView):
    """行政复议案件: queues as tabs, the filter bar, 25 a page, `?export=xlsx`."""

    model = ReconsiderationCase
    permission_required = PERM_VIEW
    template_name = "reconsideration/case_list.html"

    def _queue(self) -> str:
        queue = self.request.GET.get("queue", "all")
        return queue if queue in selectors.QUEUES_BY_KEY else "all"

    def _rows(self, queue: str, filters=None):
        filters = self.request.GET if filters is None else filters
        return selectors.queue_rows(user=self.request.user, queue=queue, filters=filters)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        queue = self._queue()
        counts = selectors.queue_counts(user=user)
        # One FilterSet: its form is the filter bar, and it filters the rows.
        filterset = CaseFilter(selectors.list_filters(self.request.GET) or None, user=user)
        # The page's rows narrowed to the columns it shows once the page is cut: the count is the
        # rows' own (the columns' joins would be in the COUNT too).
        page = Paginator(self._rows(queue, filterset), PAGE_SIZE).get_page(self.request.GET.get("page"))
        page.object_list = selectors.decorate_rows(selectors.page_columns(page.object_list))
        tabs = [
            {"queue": q, "count": counts.get(q.count_key), "active": q.key == queue}
            for q in selectors.queues_for(user)
        ]
        ctx.update(
            queue=selectors.QUEUES_BY_KEY[queue],
            review=queue == "review",
            tabs=tabs,
            page_obj=page,
            cases=page.object_list,
            filter_form=filterset.form,
            drilldown=filterset.drilldown_conditions(),
            filtered=any(v for k, v in self.request.GET.items() if k not in ("page", "queue")),
            today=timezone.localdate(),
        )
        return ctx

    def export(self):
        queue = self._queue()
        rows = self._rows(queue)
        label = selectors.QUEUES_BY_KEY[queue].label
        iterable = rows if isinstance(rows, list) else rows.iterator(chunk_size=500)

        def lines():
            for case in iterable:
                decision = getattr(case, "decision", None) if _has_decision(case) else None
                yield [
                    case.number,
                    case.org_unit.name,
                    "、".join(p.name for p in getattr(case.dispute, "claimants", [])),
                    case.respondent.name,
                    case.get_act_type_display(),
                    case.act_document_number,
                    case.get_channel_display(),
                    case.received_on,
                    case.accepted_on,
                    case.get_procedure_display(),
                    case.get_status_display(),
                    case.handler.display_name if case.handler_id else "",
                    getattr(case, "countdown_due", None) or getattr(case, "next_due_on", None),
                    decision.get_outcome_display() if decision else "",
                    decision.correction_kind.label if decision else "",
                    decision.decided_on if decision else None,
                ]

        headers = [
            _("案号"),
            _("复议机关"),
            _("申请人"),
            _("被申请人"),
            _("行为类型"),
            _("行为文号"),
            _("申请方式"),
            _("收到日期"),
            _("受理日期"),
            _("审理程序"),
            _("状态"),
            _("承办人"),
            _("下一期限"),
            _("结案方式"),
            _("纠错情况"),
            _("审结日期"),
        ]
        return xlsx_response(
            request=self.request,
            filename=_("行政复议案件-%(queue)s-%(day)s.xlsx")
            % {"queue": label, "day": f"{timezone.localdate():%Y%m%d}"},
            headers=headers,
            rows_iterable=lines(),
            model_label="reconsideration.reconsiderationcase",
            sheet_title=str(label),
            description=_("导出行政复议案件（%(queue)s）") % {"queue": label},
        )


def _has_decision(case) -> bool:
    try:
        case.decision  # noqa: B018
    except ReconsiderationCase.decision.RelatedObjectDoesNotExist:
        return False
    return True


# =====================================================================================================
# Registration
# =====================================================================================================


class CaseRegisterView(JurisdictionMixin, TemplateView):
    """登记申请: the application, its applicants (a new or an existing dispute) and the act."""

    model = ReconsiderationCase
    permission_required = PERM_ADD
    template_name = "reconsideration/case_register.html"

    def _forms(self, data=None):
        user = self.request.user
        root = jurisdiction_root(user)
        handlers = selectors.handlers(body=root) if root else []
        return (forms.CaseRegisterForm(data, user=user, handlers=handlers), *claimant_forms(data))

    def get(self, request, *args, **kwargs):
        form, claimant, formset = self._forms()
        return self.render_to_response(self.get_context_data(form=form, claimant=claimant, formset=formset))

    def post(self, request, *args, **kwargs):
        form, claimant, formset = self._forms(request.POST)
        form_ok = form.is_valid()
        new_dispute = form_ok and not form.cleaned_data.get("dispute")
        # Every form is validated, so that every error shows at once (not the first form's only).
        parties_ok = all([claimant.is_valid(), formset.is_valid()]) if new_dispute or not form_ok else True
        if form_ok and parties_ok:
            try:
                with composed():  # the new dispute and its case, or neither
                    dispute = form.cleaned_data.get("dispute")
                    if dispute is None:
                        dispute = dispute_services.dispute_create(
                            actor=request.user,
                            parties=claimant_service_data(claimant, formset),
                            **form.dispute_kwargs(),
                        )
                    case = services.case_register(actor=request.user, dispute=dispute, **form.case_kwargs())
            except (ApplicationError, ValidationError) as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("已登记行政复议申请 %(number)s，受理审查期限已开始计算。") % {"number": case.number},
                )
                return redirect("reconsideration:detail", pk=case.pk)
        return self.render_to_response(self.get_context_data(form=form, claimant=claimant, formset=formset))


# =====================================================================================================
# The case page
# =====================================================================================================


class CaseObjectMixin(JurisdictionMixin):
    """Views of one case (`pk`): 404 outside the jurisdiction, 403 without the permission."""

    model = ReconsiderationCase

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = selectors.case_detail(user=self.request.user, pk=self.kwargs["pk"])
        return self._object


class CaseDetailView(CaseObjectMixin, TemplateView):
    """The case page: header, clocks with their derivation, timeline, opinions, hearing, committee,
    mediation, decision, documents, attachments, and only the actions the user may take now."""

    permission_required = PERM_VIEW
    template_name = "reconsideration/case_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        case = self.get_object()
        user = self.request.user
        parties = list(case.dispute.parties.all())
        transitions, others = actions.case_actions(case, user)
        opinions = list(case.opinions.all())
        decision = case.decision if _has_decision(case) else None
        clocks = selectors.case_clocks(case)
        in_trial = case.status in TRIAL_STATUSES
        ctx.update(
            case=case,
            applicants=[p for p in parties if p.role == PartyRole.CLAIMANT],
            third_parties=[p for p in parties if p.role == PartyRole.THIRD_PARTY],
            agents=[p for p in parties if p.role == PartyRole.AGENT],
            transition_actions=transitions,
            other_actions=others,
            opinions=opinions,
            opinion_tiers=[(tier, [o for o in opinions if o.tier == tier.value]) for tier in OpinionTier],
            decision=decision,
            # The reply clock read from the clocks fetched for the panel, not queried again.
            blockers=selectors.decision_blockers(case, deadlines=clocks) if in_trial else [],
            defaulted=in_trial
            and selectors.respondent_defaulted(case, on=timezone.localdate(), deadlines=clocks),
            clocks=clocks,
            documents=documents.case_documents(case, extensions=selectors.decision_extensions(clocks)),
            events=selectors.case_log(case),
            hearings=list(case.hearings.all()),
            suspensions=list(case.suspensions.all()),
            mediation_sessions=list(case.mediation_sessions.all()),
            party_hearings=list(case.party_hearings.all()),
            execution_stays=list(case.execution_stays.all()),
            consultations=list(case.committee_consultations.all()),
            expert_consultations=list(case.expert_consultations.all()),
            letters=list(case.opinion_letters.all()),
            concluded=case.status in CONCLUDED_STATUSES,
            can_reveal=user.has_perm("disputes.reveal_party_data"),
        )
        return ctx


class CaseActionView(CatalogueActionView):
    """One action of the case page (actions.ACTIONS): GET shows its small form, POST calls its one
    service. An action the page would not offer now redirects to the case with the reason."""

    model = ReconsiderationCase
    context_object_name = "case"
    catalogue = actions.ACTIONS_BY_SLUG

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("org_unit", "respondent", "handler", "dispute", "decision")
            .prefetch_related("hearings", "opinion_letters__agency", "approval_requests")
        )

    def refusal(self, action, obj):
        return actions.refusal(action, obj, self.request.user)

    def get_form(self, data=None):
        action = self._action()
        case = self.get_object()
        self.page_context = actions.action_context(action, case)
        if action.form_class is forms.CaseUpdateForm:
            return forms.CaseUpdateForm(data, case=case)
        return action.form_class(data, case=case, user=self.request.user, context=self.page_context)

    def get_template_names(self):
        return [self._action().template]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        action = self._action()
        ctx.update(
            action=action,
            basis=action.basis,
            hints=getattr(self, "page_context", {}),
        )
        return ctx

    def perform(self, form):
        return self._action().perform(form, self.get_object(), self.request.user)

    def get_success_message(self, result) -> str:
        return result

    def get_success_url(self, result) -> str:
        url = reverse("reconsideration:detail", kwargs={"pk": self.get_object().pk})
        return f"{url}#documents" if self._action().document else url


class DocumentView(CaseObjectMixin, View):
    """Download one official document of the case (DOCX), logged as a download."""

    permission_required = PERM_VIEW

    def get(self, request, pk, kind):
        case = self.get_object()
        try:
            item_id = int(request.GET["item"]) if request.GET.get("item") else None
        except ValueError as exc:
            raise Http404 from exc
        doc = documents.find_document(case, kind, item_id)
        content, filename = documents.render_case_document(case, doc)
        response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition(filename)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        log_access(
            request=request,
            action=AccessAction.DOWNLOAD,
            obj=case,
            description=f"{doc.title} {doc.number}",
        )
        return response


# =====================================================================================================
# Statistics
# =====================================================================================================


class StatisticsView(XlsxExportMixin, JurisdictionMixin, TemplateView):
    """行政复议统计: any period, the jurisdiction or one body; Excel export; a bar chart."""

    model = ReconsiderationCase
    permission_required = PERM_VIEW
    template_name = "reconsideration/statistics.html"

    def _stats(self):
        form = forms.StatisticsForm(self.request.GET or None, user=self.request.user)
        period = selectors.statistics_period(form)
        stats = selectors.statistics(
            user=self.request.user,
            start=period.start,
            end=period.end,
            body=period.body,
            include_lower=period.include_lower,
        )
        return form, period, stats

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, period, stats = self._stats()
        ctx.update(
            form=form,
            period=period,
            stats=stats,
            chart={
                "act_types": [str(r["label"]) for r in stats.by_act_type],
                "received": [r["received"] for r in stats.by_act_type],
                "concluded": [r["concluded"] for r in stats.by_act_type],
                "corrected": [r["direct"] + r["indirect"] for r in stats.by_act_type],
                "outcomes": [str(r["label"]) for r in stats.by_outcome],
                "outcome_counts": [r["count"] for r in stats.by_outcome],
                "labels": {
                    "received": _("收到"),
                    "concluded": _("审结"),
                    "corrected": _("纠错"),
                    "outcome": _("件数"),
                },
            },
        )
        return ctx

    def export(self):
        _form, period, stats = self._stats()

        def pct(value):
            return f"{value}%" if value is not None else "—"

        def lines():
            yield [_("汇总"), _("收到申请"), stats.received, "", "", "", ""]
            yield [_("汇总"), _("受理（其中视为受理）"), stats.accepted, stats.deemed_accepted, "", "", ""]
            yield [_("汇总"), _("不予受理"), stats.not_accepted, "", "", "", ""]
            yield [_("汇总"), _("视为放弃"), stats.abandoned, "", "", "", ""]
            yield [
                _("汇总"),
                _("审结"),
                stats.concluded,
                "",
                stats.directly_corrected,
                stats.indirectly_corrected,
                pct(stats.correction_rate),
            ]
            yield [
                _("汇总"),
                _("调解结案 / 和解撤回"),
                stats.mediated,
                stats.settled,
                "",
                "",
                pct(stats.mediation_settlement_rate),
            ]
            yield [
                _("汇总"),
                _("法定期限内办结率"),
                stats.on_time,
                stats.late,
                "",
                "",
                pct(stats.on_time_rate),
            ]
            for row in stats.by_outcome:
                yield [_("结案方式"), row["label"], row["count"], "", "", "", ""]
            for row in stats.by_act_type:
                yield [
                    _("行为类型"),
                    row["label"],
                    row["received"],
                    row["concluded"],
                    row["direct"],
                    row["indirect"],
                    pct(row["correction_rate"]),
                ]
            for row in stats.by_respondent:
                yield [
                    _("被申请人"),
                    row["name"],
                    row["received"],
                    row.get("concluded", 0),
                    row.get("direct", 0),
                    row.get("indirect", 0),
                    pct(row["correction_rate"]),
                ]

        return xlsx_response(
            request=self.request,
            filename=_("行政复议统计-%(start)s至%(end)s.xlsx")
            % {"start": f"{period.start:%Y%m%d}", "end": f"{period.end:%Y%m%d}"},
            headers=[
                _("分类"),
                _("项目"),
                _("收到/件数"),
                _("审结/其中"),
                _("直接纠错"),
                _("间接纠错"),
                _("比率"),
            ],
            rows_iterable=lines(),
            model_label="reconsideration.reconsiderationcase",
            sheet_title=_("行政复议统计"),
            description=_("导出行政复议统计（%(start)s 至 %(end)s）")
            % {"start": period.start, "end": period.end},
            column_widths=[12, 36, 12, 12, 12, 12, 10],
        )


# =====================================================================================================
# Committee meetings (行政复议委员会)
# =====================================================================================================


class MeetingListView(JurisdictionMixin, TemplateView):
    model = CommitteeMeeting
    permission_required = PERM_VIEW
    template_name = "reconsideration/meeting_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = Paginator(selectors.committee_meeting_list(user=self.request.user), PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        ctx.update(page_obj=page, meetings=page.object_list)
        return ctx


def _staff_of_jurisdiction(user) -> list:
    """复议 staff of the user's jurisdiction (handlers, hearing officers, committee members)."""
    body = jurisdiction_root(user)
    if body is False:
        return []
    if body is None:  # superuser: every body
        body = OrgUnit.objects.filter(parent__isnull=True).order_by("path").first()
    return selectors.body_staff(body) if body else []


class MeetingCreateView(ServiceCreateView):
    model = CommitteeMeeting
    permission_required = PERM_CHANGE
    template_name = "reconsideration/meeting_form.html"
    form_class = forms.MeetingForm
    success_message = gettext_lazy("已登记复议委员会会议。")

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user, "staff": _staff_of_jurisdiction(self.request.user)}

    def perform(self, form):
        return services.committee_meeting_create(actor=self.request.user, **form.service_kwargs())

    def get_success_url(self, result) -> str:
        return reverse("reconsideration:meeting_detail", kwargs={"pk": result.pk})


class MeetingObjectMixin(VisibleObjectMixin):
    model = CommitteeMeeting

    def get_queryset(self):
        return selectors.committee_meeting_list(user=self.request.user)

    def consultable_cases(self, meeting):
        return selectors.consultable_cases(user=self.request.user, meeting=meeting)


class MeetingDetailView(MeetingObjectMixin, TemplateView):
    permission_required = PERM_VIEW
    template_name = "reconsideration/meeting_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        meeting = self.get_object()
        form = kwargs.get("consult_form")
        if form is None and self.request.user.has_perm(PERM_CHANGE):
            form = forms.MeetingConsultForm(cases=self.consultable_cases(meeting))
        ctx.update(meeting=meeting, consultations=list(meeting.consultations.all()), consult_form=form)
        return ctx


class MeetingConsultView(MeetingObjectMixin, ServiceFormView):
    """A case's consultation opinion at this meeting (committee_consult)."""

    permission_required = PERM_CHANGE
    template_name = "reconsideration/meeting_detail.html"
    http_method_names = ["post"]
    form_context_name = "consult_form"

    def get_form(self, data=None):
        return forms.MeetingConsultForm(data, cases=self.consultable_cases(self.get_object()))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        meeting = self.get_object()
        ctx.update(meeting=meeting, consultations=list(meeting.consultations.all()))
        return ctx

    def perform(self, form):
        return services.committee_consult(
            meeting=self.get_object(), actor=self.request.user, **form.service_kwargs()
        )

    def get_success_message(self, result) -> str:
        return _("已记录 %(number)s 的咨询意见。") % {"number": result.case.number}

    def get_success_url(self, result) -> str:
        return reverse("reconsideration:meeting_detail", kwargs={"pk": self.get_object().pk})


# =====================================================================================================
# Expert pool (专家咨询委员会)
# =====================================================================================================


class ExpertListView(JurisdictionMixin, TemplateView):
    model = ExpertConsultant
    permission_required = PERM_VIEW
    template_name = "reconsideration/expert_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = selectors.expert_list(user=self.request.user, active_only=False).order_by(
            "-is_active", "org_unit__path", "name"
        )
        page = Paginator(qs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        ctx.update(page_obj=page, experts=page.object_list)
        return ctx


class ExpertCreateView(ServiceCreateView):
    model = ExpertConsultant
    permission_required = PERM_APPROVE
    template_name = "reconsideration/expert_form.html"
    form_class = forms.ExpertForm
    success_message = gettext_lazy("已将专家加入专家库。")

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user}

    def perform(self, form):
        return services.expert_consultant_create(actor=self.request.user, **form.service_kwargs())

    def get_success_url(self, result) -> str:
        return reverse("reconsideration:expert_list")


class ExpertEditView(ServiceEditView):
    model = ExpertConsultant
    permission_required = PERM_APPROVE
    template_name = "reconsideration/expert_form.html"
    form_class = forms.ExpertEditForm
    context_object_name = "expert"

    def get_queryset(self):
        return super().get_queryset().select_related("org_unit")

    def get_form(self, data=None):
        expert = self.get_object()
        return forms.ExpertEditForm(data, expert=expert)

    def perform(self, form):
        return services.expert_consultant_update(
            expert=self.get_object(), actor=self.request.user, **form.service_kwargs()
        )

    def get_success_url(self, result) -> str:
        return reverse("reconsideration:expert_list")


# =====================================================================================================
# 府院联动
# =====================================================================================================


class LinkageListView(JurisdictionMixin, TemplateView):
    model = LinkageRecord
    permission_required = PERM_VIEW
    template_name = "reconsideration/linkage_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        linkage_filter = LinkageFilter(self.request.GET or None)
        qs = selectors.linkage_list(user=self.request.user, filters=linkage_filter.selector_filters())
        page = Paginator(qs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        ctx.update(page_obj=page, records=page.object_list, filter_form=linkage_filter.form)
        return ctx


class LinkageObjectMixin(VisibleObjectMixin):
    model = LinkageRecord

    def get_queryset(self):
        return selectors.linkage_list(user=self.request.user)


class LinkageCreateView(ServiceCreateView):
    model = LinkageRecord
    permission_required = PERM_CHANGE
    template_name = "reconsideration/linkage_form.html"
    form_class = forms.LinkageForm
    success_message = gettext_lazy("已登记府院联动记录。")

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user}

    def perform(self, form):
        return services.linkage_create(actor=self.request.user, **form.service_kwargs())

    def get_success_url(self, result) -> str:
        return reverse("reconsideration:linkage_detail", kwargs={"pk": result.pk})


class LinkageDetailView(LinkageObjectMixin, TemplateView):
    permission_required = PERM_VIEW
    template_name = "reconsideration/linkage_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["record"] = self.get_object()
        return ctx


class LinkageEditView(LinkageObjectMixin, ServiceEditView):
    permission_required = PERM_CHANGE
    template_name = "reconsideration/linkage_form.html"
    form_class = forms.LinkageEditForm
    context_object_name = "record"

    def get_form_kwargs(self) -> dict:
        return {"user": self.request.user, "record": self.get_object()}

    def perform(self, form):
        return services.linkage_update(
            record=self.get_object(), actor=self.request.user, **form.service_kwargs()
        )

    def get_success_url(self, result) -> str:
        return reverse("reconsideration:linkage_detail", kwargs={"pk": self.get_object().pk})
