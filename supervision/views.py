"""Pages of enforcement supervision (行政执法监督). Thin: permission and jurisdiction, a form, one
service or selector, on the kernel's service form views (core.views)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.documents import content_disposition, render_docx, render_pdf
from core.exceptions import ApplicationError
from core.exports import xlsx_response
from core.views import (
    FilteredListView,
    JurisdictionMixin,
    ServiceActionView,
    ServiceCreateView,
    ServiceFormView,
    VisibleObjectMixin,
    get_visible_or_404,
)
from core.workflow import composed
from enforcement.models import EnforcementCase

from . import documents, exports, forms, imports, selectors, services
from .choices import (
    FILING_WORKFLOW,
    NOTICE_WORKFLOW,
    PERM_FILE,
    PERM_REPLY,
    PERM_SUPERVISE,
    PERM_VIEW,
    PERM_VIEW_CAMPAIGN,
    PERM_VIEW_GUIDING,
    PERM_VIEW_NOTICE,
    PERM_VIEW_SUPERVISOR,
    CampaignKind,
    FilingStatus,
    NominationKind,
    NoticeSource,
)
from .filters import FileFilter, FilingFilter, GuidingFilter, NoticeFilter, SupervisorFilter
from .models import (
    DecisionFiling,
    GuidingCase,
    Nomination,
    QualitySelection,
    ReviewCampaign,
    ReviewedFile,
    Rubric,
    SpecialCampaign,
    SpecialSupervisor,
    SupervisionNotice,
)

PAGE_SIZE = 25


# --- filings -------------------------------------------------------------------------------------------


class FilingListView(FilteredListView):
    model = DecisionFiling
    permission_required = PERM_VIEW
    template_name = "supervision/filing_list.html"
    filterset = FilingFilter
    selector = staticmethod(selectors.filing_list)
    export_spec = exports.FILINGS


class FilingDetailView(VisibleObjectMixin, TemplateView):
    model = DecisionFiling
    permission_required = PERM_VIEW
    template_name = "supervision/filing_detail.html"

    def get_object(self):
        try:
            return selectors.filing_detail(user=self.request.user, pk=self.kwargs["pk"])
        except DecisionFiling.DoesNotExist as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs):
        filing = self.get_object()
        return super().get_context_data(
            object=filing,
            can_review=bool(FILING_WORKFLOW.available(filing, self.request.user)),
            can_notice=self.request.user.has_perm(PERM_SUPERVISE)
            and filing.status == FilingStatus.CORRECTION,
            **kwargs,
        )


class FilingCreateView(ServiceCreateView):
    model = DecisionFiling
    permission_required = PERM_FILE
    template_name = "supervision/form.html"
    form_class = forms.FilingForm
    extra_context = {"title": gettext_lazy("报备重大执法决定")}

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.filing_submit(actor=self.request.user, **form.cleaned_data)


class FilingReviewView(ServiceActionView):
    model = DecisionFiling
    permission_required = PERM_SUPERVISE
    template_name = "supervision/action.html"
    form_class = forms.FilingReviewForm
    extra_context = {"title": gettext_lazy("备案审查")}

    def perform(self, form):
        c = form.cleaned_data
        return services.filing_review(
            actor=self.request.user, filing=self.get_object(), result=c["result"], reasons=c["reasons"],
            on=c["on"], version=c["version"],
        )  # fmt: skip


# --- campaigns and files -----------------------------------------------------------------------------


class CampaignListView(FilteredListView):
    model = ReviewCampaign
    permission_required = PERM_VIEW_CAMPAIGN
    template_name = "supervision/campaign_list.html"
    selector = staticmethod(selectors.campaign_list)


class CampaignDetailView(VisibleObjectMixin, TemplateView):
    """The campaign report: per agency, each figure linking to the file list with the same count."""

    model = ReviewCampaign
    permission_required = PERM_VIEW_CAMPAIGN
    template_name = "supervision/campaign_detail.html"

    def get_queryset(self):
        return ReviewCampaign.objects.visible_to(self.request.user).select_related("rubric")

    def get_context_data(self, **kwargs):
        campaign = self.get_object()
        return super().get_context_data(
            object=campaign, report=selectors.campaign_report(campaign=campaign), **kwargs
        )


class CampaignReportExportView(VisibleObjectMixin, View):
    """The campaign report as Excel (`xlsx`) or PDF (`pdf`, WeasyPrint, core.documents.render_pdf),
    the same rows as the page (aggregated in the database) with the 合计 row."""

    model = ReviewCampaign
    permission_required = PERM_VIEW_CAMPAIGN

    def get_queryset(self):
        return ReviewCampaign.objects.visible_to(self.request.user).select_related("rubric", "org_unit")

    def get(self, request, pk, fmt):
        if fmt not in ("xlsx", "pdf"):
            raise Http404
        campaign = self.get_object()
        rows = selectors.campaign_report(campaign=campaign)
        total = selectors.report_total(rows)
        filename = _("%(t)s评查情况报告") % {"t": campaign.title}
        if fmt == "pdf":
            return render_pdf(
                "sup_campaign_report",
                {"campaign": campaign, "report": rows, "total": total},
                filename,
                request=request,
                obj=campaign,
            )
        return xlsx_response(
            request=request,
            filename=filename,
            headers=[str(h) for h in exports.REPORT_HEADERS],
            rows_iterable=[*(exports.report_row(r) for r in rows), exports.report_row(total, _("合计"))],
            model_label="supervision.reviewcampaign",
            sheet_title=_("评查情况"),
        )


class CampaignFilesView(VisibleObjectMixin, FilteredListView):
    model = ReviewCampaign
    permission_required = PERM_VIEW_CAMPAIGN
    template_name = "supervision/file_list.html"
    filterset = FileFilter
    export_spec = exports.FILES

    def rows(self):
        return selectors.file_list(
            user=self.request.user, campaign=self.get_object(), filters=self.request.GET
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.get_object(), **kwargs)


class FileListView(FilteredListView):
    """Every visible file across campaigns: the dashboard's figures open it with hidden filters."""

    model = ReviewedFile
    permission_required = "supervision.view_reviewedfile"
    template_name = "supervision/file_list.html"
    filterset = FileFilter
    export_spec = exports.FILES
    selector = staticmethod(selectors.all_files)


class FileDetailView(VisibleObjectMixin, TemplateView):
    model = ReviewedFile
    permission_required = "supervision.view_reviewedfile"
    template_name = "supervision/file_detail.html"

    def get_object(self):
        try:
            return selectors.file_detail(user=self.request.user, pk=self.kwargs["pk"])
        except ReviewedFile.DoesNotExist as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.get_object(), **kwargs)


class FileScoreView(ServiceActionView):
    model = ReviewedFile
    permission_required = "supervision.view_reviewedfile"
    template_name = "supervision/action.html"
    form_class = forms.ScoreForm
    extra_context = {"title": gettext_lazy("评分")}

    def get_queryset(self):
        return ReviewedFile.objects.visible_to(self.request.user).select_related("agency", "campaign__rubric")

    def perform(self, form):
        services.file_score(actor=self.request.user, file=self.get_object(), **form.service_kwargs())
        return self.get_object()


# --- notices -----------------------------------------------------------------------------------------------


class NoticeListView(FilteredListView):
    model = SupervisionNotice
    permission_required = PERM_VIEW_NOTICE
    template_name = "supervision/notice_list.html"
    filterset = NoticeFilter
    selector = staticmethod(selectors.notice_list)
    export_spec = exports.NOTICES


class NoticeDetailView(VisibleObjectMixin, TemplateView):
    model = SupervisionNotice
    permission_required = PERM_VIEW_NOTICE
    template_name = "supervision/notice_detail.html"

    def get_object(self):
        try:
            return selectors.notice_detail(user=self.request.user, pk=self.kwargs["pk"])
        except SupervisionNotice.DoesNotExist as exc:
            raise Http404 from exc

    def get_context_data(self, **kwargs):
        notice = self.get_object()
        names = {t.name for t in NOTICE_WORKFLOW.available(notice, self.request.user)}
        return super().get_context_data(
            object=notice, can_reply="reply" in names, can_verify=bool(names & {"verify", "reject"}), **kwargs
        )


class NoticeCreateView(ServiceCreateView):
    """制发 a notice; `?file=<pk>` or `?filing=<pk>` raises it from a failed file or a filing."""

    model = SupervisionNotice
    permission_required = PERM_SUPERVISE
    template_name = "supervision/form.html"
    form_class = forms.NoticeForm
    extra_context = {"title": gettext_lazy("制发行政执法监督通知书")}

    def source_records(self):
        user = self.request.user
        file = filing = None
        if self.request.GET.get("file", "").isdigit():
            file = get_visible_or_404(ReviewedFile, user, pk=self.request.GET["file"])
        if self.request.GET.get("filing", "").isdigit():
            filing = get_visible_or_404(DecisionFiling, user, pk=self.request.GET["filing"])
        return file, filing

    def source_special(self):
        if self.request.GET.get("special", "").isdigit():
            return get_visible_or_404(SpecialCampaign, self.request.user, pk=self.request.GET["special"])
        return None

    def source_case(self):
        """`?case=<pk>`: a penalty outside its benchmark (类案不同罚), from the disparity page."""
        if self.request.GET.get("case", "").isdigit():
            return get_visible_or_404(
                EnforcementCase.objects.select_related("benchmark"),
                self.request.user,
                pk=self.request.GET["case"],
            )
        return None

    def get_form_kwargs(self):
        file, filing = self.source_records()
        case = self.source_case()
        special = self.source_special()
        initial = {}
        if special is not None:
            initial = {"source": NoticeSource.CAMPAIGN, "problem": _("%(t)s中发现：") % {"t": special.title}}
        if case is not None:
            bench = case.benchmark
            initial = {
                "agency": case.agency_id,
                "source": NoticeSource.DISPARITY,
                "problem": _("案件%(n)s罚款%(a)s元，超出裁量基准%(r)s，存在类案不同罚问题。")
                % {
                    "n": case.number,
                    "a": case.penalty_amount,
                    "r": _("（%(lo)s–%(hi)s元）") % {"lo": bench.min_amount, "hi": bench.max_amount}
                    if bench
                    else "",
                },
                "legal_basis": _("《中华人民共和国行政处罚法》第三十四条"),
            }
        if file is not None:
            initial = {
                "agency": file.agency_id,
                "source": NoticeSource.FILE_REVIEW,
                "problem": _("案卷%(n)s评查不合格。") % {"n": file.file_number},
            }
        elif filing is not None:
            initial = {
                "agency": filing.agency_id,
                "source": NoticeSource.FILING,
                "problem": filing.review_reasons,
            }
        return {"user": self.request.user, "initial": initial}

    def perform(self, form):
        file, filing = self.source_records()
        return services.notice_issue(
            actor=self.request.user,
            reviewed_file=file,
            filing=filing,
            special_campaign=self.source_special(),
            **form.cleaned_data,
        )


class NoticeReplyView(ServiceActionView):
    model = SupervisionNotice
    permission_required = PERM_REPLY
    template_name = "supervision/action.html"
    form_class = forms.NoticeReplyForm
    extra_context = {"title": gettext_lazy("回复整改情况")}

    def perform(self, form):
        c = form.cleaned_data
        return services.notice_reply(
            actor=self.request.user,
            notice=self.get_object(),
            reply=c["reply"],
            on=c["on"],
            version=c["version"],
        )


class NoticeVerifyView(ServiceActionView):
    model = SupervisionNotice
    permission_required = PERM_SUPERVISE
    template_name = "supervision/action.html"
    form_class = forms.NoticeVerifyForm
    extra_context = {"title": gettext_lazy("核查整改情况")}

    def perform(self, form):
        c = form.cleaned_data
        return services.notice_verify(
            actor=self.request.user, notice=self.get_object(), rectified=c["rectified"], note=c["note"],
            on=c["on"], version=c["version"],
        )  # fmt: skip

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()


# --- library ---------------------------------------------------------------------------------------------


class GuidingListView(FilteredListView):
    model = GuidingCase
    permission_required = PERM_VIEW_GUIDING
    template_name = "supervision/guiding_list.html"
    filterset = GuidingFilter
    selector = staticmethod(selectors.guiding_list)


class GuidingDetailView(VisibleObjectMixin, TemplateView):
    model = GuidingCase
    permission_required = PERM_VIEW_GUIDING
    template_name = "supervision/guiding_detail.html"

    def get_queryset(self):
        return selectors.guiding_list(user=self.request.user).select_related("source_case")

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.get_object(), **kwargs)


class SupervisorListView(FilteredListView):
    model = SpecialSupervisor
    permission_required = PERM_VIEW_SUPERVISOR
    template_name = "supervision/supervisor_list.html"
    filterset = SupervisorFilter
    selector = staticmethod(selectors.supervisor_list)


class SupervisorDetailView(VisibleObjectMixin, TemplateView):
    model = SpecialSupervisor
    permission_required = PERM_VIEW_SUPERVISOR
    template_name = "supervision/supervisor_detail.html"

    def get_context_data(self, **kwargs):
        person = self.get_object()
        return super().get_context_data(
            object=person, activities=person.activities.order_by("-date", "-id"), **kwargs
        )


class NoticeDocumentView(VisibleObjectMixin, View):
    """The notice as DOCX (行政执法监督通知书), logged as printed."""

    model = SupervisionNotice
    permission_required = PERM_VIEW_NOTICE

    def get(self, request, pk):
        notice = self.get_object()
        template, context, filename = documents.notice_parts(notice)
        return render_docx(
            template,
            context,
            filename,
            request=request,
            obj=notice,
            author=context["organ"] or notice.agency.name,
        )


class CampaignSampleView(ServiceActionView):
    """抽查: the Bureau draws N files of an agency with a seed recorded on the campaign."""

    model = ReviewCampaign
    permission_required = PERM_SUPERVISE
    template_name = "supervision/action.html"
    form_class = forms.SampleForm
    extra_context = {"title": gettext_lazy("随机抽取案卷")}

    def perform(self, form):
        c = form.cleaned_data
        files = services.sample_draw(
            actor=self.request.user, campaign=self.get_object(), agency=c["agency"], n=c["n"], seed=c["seed"]
        )
        self.drawn = len(files)
        return self.get_object()

    def get_success_message(self, result) -> str:
        return _("已抽取%(n)s件案卷。") % {"n": self.drawn}


# --- the Bureau's registers ----------------------------------------------------------------------------


def _bureau(user):
    """The unit that owns what the Bureau registers: the user's own justice bureau."""
    return user.unit


class RubricCreateView(ServiceCreateView):
    model = Rubric
    permission_required = PERM_SUPERVISE
    template_name = "supervision/form.html"
    form_class = forms.RubricForm
    extra_context = {"title": gettext_lazy("新建评查标准")}
    success_url = reverse_lazy("supervision:campaign_create")

    def perform(self, form):
        c = form.cleaned_data
        return services.rubric_create(
            actor=self.request.user, unit=_bureau(self.request.user), name=c["name"],
            version_label=c["version_label"], items=c["items"], excellent_from=c["excellent_from"],
            pass_from=c["pass_from"],
        )  # fmt: skip


class CampaignCreateView(ServiceCreateView):
    model = ReviewCampaign
    permission_required = PERM_SUPERVISE
    template_name = "supervision/form.html"
    form_class = forms.CampaignForm
    extra_context = {"title": gettext_lazy("新建案卷评查活动")}

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.campaign_create(
            actor=self.request.user, unit=_bureau(self.request.user), **form.cleaned_data
        )


class GuidingCreateView(ServiceCreateView):
    model = GuidingCase
    permission_required = PERM_SUPERVISE
    template_name = "supervision/form.html"
    form_class = forms.GuidingForm
    extra_context = {"title": gettext_lazy("新建指导案例（草稿）")}

    def perform(self, form):
        return services.guiding_create(
            actor=self.request.user, unit=_bureau(self.request.user), **form.cleaned_data
        )


class GuidingPublishView(ServiceActionView):
    model = GuidingCase
    permission_required = PERM_SUPERVISE
    template_name = "supervision/action.html"
    form_class = forms.PublishForm
    extra_context = {"title": gettext_lazy("发布指导案例")}

    def perform(self, form):
        c = form.cleaned_data
        return services.guiding_publish(
            actor=self.request.user, case=self.get_object(), on=c["on"], version=c["version"]
        )


class SupervisorCreateView(ServiceCreateView):
    model = SpecialSupervisor
    permission_required = PERM_SUPERVISE
    template_name = "supervision/form.html"
    form_class = forms.SupervisorForm
    extra_context = {"title": gettext_lazy("聘任特邀行政执法监督员")}

    def perform(self, form):
        return services.supervisor_appoint(
            actor=self.request.user, unit=_bureau(self.request.user), **form.cleaned_data
        )


class SupervisorActivityView(ServiceActionView):
    model = SpecialSupervisor
    permission_required = PERM_SUPERVISE
    template_name = "supervision/action.html"
    form_class = forms.ActivityForm
    extra_context = {"title": gettext_lazy("记录履职情况")}

    def perform(self, form):
        c = form.cleaned_data
        services.supervisor_activity_record(
            actor=self.request.user, supervisor=self.get_object(), kind=c["kind"], on=c["on"],
            description=c["description"],
        )  # fmt: skip
        return self.get_object()


# --- self-check import -------------------------------------------------------------------------------


def _import_campaign(user, pk):
    """The campaign as the importing agency sees it: one it takes part in, or one the user organises."""
    qs = ReviewCampaign.objects.filter(
        Q(pk__in=ReviewCampaign.objects.visible_to(user).values("pk"))
        | Q(agencies__org_unit=user.unit_id, kind=CampaignKind.SELF)
    ).select_related("rubric")
    campaign = qs.filter(pk=pk).distinct().first()
    if campaign is None:
        raise Http404
    return campaign


class SelfCheckImportView(JurisdictionMixin, ServiceFormView):
    """自查结果导入: upload → dry-run preview with the row-by-row report → record all rows or none."""

    model = ReviewedFile
    permission_required = "supervision.view_reviewedfile"
    template_name = "supervision/import.html"

    def get_object(self):
        return _import_campaign(self.request.user, self.kwargs["pk"])

    def get_form(self, data=None):
        campaign = _import_campaign(self.request.user, self.kwargs["pk"])
        return forms.SelfCheckImportForm(
            data, self.request.FILES or None, user=self.request.user, campaign=campaign
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("campaign", _import_campaign(self.request.user, self.kwargs["pk"]))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        report = None
        if form.is_valid():
            c = form.cleaned_data
            try:
                with composed():
                    report = imports.import_self_check(
                        actor=request.user, campaign=_import_campaign(request.user, kwargs["pk"]),
                        agency=c["agency"], file=c["file"], dry_run=c["dry_run"],
                    )  # fmt: skip
            except ApplicationError as exc:
                form.add_error("file", str(exc.message))
        return self.render_form(form, report=report)


class SelfCheckTemplateView(JurisdictionMixin, View):
    model = ReviewedFile
    permission_required = "supervision.view_reviewedfile"

    def get_object(self):
        return _import_campaign(self.request.user, self.kwargs["pk"])

    def get(self, request, pk):
        campaign = _import_campaign(request.user, pk)
        response = HttpResponse(
            imports.template_bytes(campaign),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = content_disposition(
            _("%(t)s自查结果模板.xlsx") % {"t": campaign.title}
        )
        return response


# --- 类案不同罚 ------------------------------------------------------------------------------------------


class DisparityView(JurisdictionMixin, TemplateView):
    """类案不同罚: the penalties per enforcement item against the benchmark; `?item=` lists the
    outliers of one item, each with a button to raise a notice (source 类案不同罚)."""

    model = SupervisionNotice
    permission_required = PERM_SUPERVISE
    template_name = "supervision/disparity.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        item = self.request.GET.get("item", "").strip()[:200]
        if item:
            rows = selectors.disparity_outliers(user=self.request.user, item_name=item)
            page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
            ctx.update(item=item, page_obj=page, rows=page.object_list)
        else:
            ctx["stats"] = selectors.disparity(user=self.request.user)
        return ctx


# --- 优劣质执法案件评选 ---------------------------------------------------------------------------------


class SelectionListView(FilteredListView):
    model = QualitySelection
    permission_required = PERM_VIEW_CAMPAIGN
    template_name = "supervision/selection_list.html"
    selector = staticmethod(selectors.selection_list)


class SelectionDetailView(VisibleObjectMixin, TemplateView):
    """The nominations with the panel's scores; once published, the good and bad lists (every
    enforcement user may read a published selection)."""

    model = QualitySelection
    permission_required = PERM_VIEW_CAMPAIGN
    template_name = "supervision/selection_detail.html"

    def get_queryset(self):
        return selectors.selection_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        selection = self.get_object()
        rows = list(selectors.selection_nominations(user=self.request.user, selection=selection))
        return super().get_context_data(
            object=selection,
            sections=[
                (_("优质执法案件"), [n for n in rows if n.kind == NominationKind.GOOD]),
                (_("劣质执法案件"), [n for n in rows if n.kind == NominationKind.BAD]),
            ],
            organiser=QualitySelection.objects.visible_to(self.request.user).filter(pk=selection.pk).exists(),
            **kwargs,
        )


class SelectionCreateView(ServiceCreateView):
    model = QualitySelection
    permission_required = PERM_SUPERVISE
    template_name = "supervision/form.html"
    form_class = forms.SelectionForm
    extra_context = {"title": gettext_lazy("新建优劣质执法案件评选")}

    def perform(self, form):
        return services.selection_create(
            actor=self.request.user, unit=_bureau(self.request.user), **form.cleaned_data
        )


class SelectionPublishView(ServiceActionView):
    model = QualitySelection
    permission_required = PERM_SUPERVISE
    template_name = "supervision/action.html"
    form_class = forms.PublishForm
    extra_context = {"title": gettext_lazy("公布评选结果")}

    def perform(self, form):
        c = form.cleaned_data
        return services.selection_publish(
            actor=self.request.user, selection=self.get_object(), on=c["on"], version=c["version"]
        )


class NominateView(ServiceActionView):
    """推荐 a reviewed file for the good or bad list (from its review)."""

    model = ReviewedFile
    permission_required = PERM_SUPERVISE
    template_name = "supervision/action.html"
    form_class = forms.NominateForm
    extra_context = {"title": gettext_lazy("推荐参加优劣质执法案件评选")}

    def get_form_kwargs(self):
        return {"record": self.get_object(), "user": self.request.user}

    def perform(self, form):
        c = form.cleaned_data
        return services.nominate(
            actor=self.request.user, selection=c["selection"], file=self.get_object(), kind=c["kind"],
            reason=c["reason"],
        ).selection  # fmt: skip

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()


class PanelScoreView(ServiceActionView):
    model = Nomination
    permission_required = PERM_SUPERVISE
    template_name = "supervision/action.html"
    form_class = forms.PanelScoreForm
    extra_context = {"title": gettext_lazy("评委评分")}

    def get_queryset(self):
        return Nomination.objects.visible_to(self.request.user).select_related("selection", "file")

    def perform(self, form):
        nomination = services.panel_score(
            actor=self.request.user, nomination=self.get_object(), score=form.cleaned_data["score"]
        )
        return nomination.selection

    def get_success_url(self, result) -> str:
        return result.get_absolute_url()


# --- 专项整治 ----------------------------------------------------------------------------------------------


class SpecialListView(FilteredListView):
    model = SpecialCampaign
    permission_required = PERM_VIEW_NOTICE
    template_name = "supervision/special_list.html"
    selector = staticmethod(selectors.special_list)


class SpecialDetailView(VisibleObjectMixin, TemplateView):
    """One special campaign with the notices it grouped (only those the user may see)."""

    model = SpecialCampaign
    permission_required = PERM_VIEW_NOTICE
    template_name = "supervision/special_detail.html"

    def get_context_data(self, **kwargs):
        campaign = self.get_object()
        notices = (
            SupervisionNotice.objects.visible_to(self.request.user)
            .filter(special_campaign=campaign)
            .select_related("agency")
            .order_by("-issued_on", "-id")
        )
        return super().get_context_data(object=campaign, notices=notices, **kwargs)


class SpecialCreateView(ServiceCreateView):
    model = SpecialCampaign
    permission_required = PERM_SUPERVISE
    template_name = "supervision/form.html"
    form_class = forms.SpecialForm
    extra_context = {"title": gettext_lazy("新建专项整治")}

    def perform(self, form):
        return services.special_create(
            actor=self.request.user, unit=_bureau(self.request.user), **form.cleaned_data
        )
