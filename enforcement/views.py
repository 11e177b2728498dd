"""Pages of administrative enforcement (行政执法). Thin: permission and jurisdiction, a form, one
service or selector, on the kernel's service form views (core.views)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.documents import content_disposition, render_docx
from core.exceptions import ApplicationError
from core.views import (
    FilteredListView,
    JurisdictionMixin,
    ServiceActionView,
    ServiceCreateView,
    ServiceFormView,
    VisibleObjectMixin,
)
from core.workflow import composed

from . import actions, documents, exports, forms, imports, selectors, services
from .choices import (
    PERM_ADD,
    PERM_CHANGE_OFFICER,
    PERM_IMPORT,
    PERM_VIEW,
    PERM_VIEW_AGENCY,
    PERM_VIEW_CERT,
    PERM_VIEW_OFFICER,
)
from .filters import AgencyFilter, CaseFilter, CertificateFilter, OfficerFilter
from .models import Certificate, EnforcementAgency, EnforcementCase, Officer
from .services import gates


class CaseListView(FilteredListView):
    model = EnforcementCase
    permission_required = PERM_VIEW
    template_name = "enforcement/case_list.html"
    filterset = CaseFilter
    selector = selectors.case_list
    export_spec = exports.CASES

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["queue"] = self.request.GET.get("queue", "")
        return ctx


class CaseDetailView(VisibleObjectMixin, TemplateView):
    model = EnforcementCase
    permission_required = PERM_VIEW
    template_name = "enforcement/case_detail.html"

    def get_object(self):
        if not hasattr(self, "_object"):
            try:
                self._object = selectors.case_detail(user=self.request.user, pk=self.kwargs["pk"])
            except EnforcementCase.DoesNotExist as exc:
                raise Http404 from exc
        return self._object

    def get_context_data(self, **kwargs):
        case = self.get_object()
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            case=case,
            actions=actions.available(actions.CASE_ACTIONS, case, self.request.user),
            clocks=selectors.case_clocks(case),
            documents=documents.available(case),
            missing=[
                f"{dict(forms.RecordStage.choices)[s]}（{dict(forms.RecordMedium.choices)[m]}）"
                for s, m in gates.missing_records(case)
            ],
            today=timezone.localdate(),
        )
        return ctx


class CaseCreateView(ServiceCreateView):
    model = EnforcementCase
    permission_required = PERM_ADD
    template_name = "enforcement/form.html"
    form_class = forms.CaseFileForm
    success_message = gettext_lazy("已立案。")
    extra_context = {"title": gettext_lazy("立案")}

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.case_file(actor=self.request.user, **form.cleaned_data)


class _RecordAction(ServiceActionView):
    catalogue: dict = {}
    template_name = "enforcement/action.html"
    success_message = gettext_lazy("已办理。")

    def action(self):
        entry = self.catalogue.get(self.kwargs["action"])
        if entry is None:
            raise Http404
        return entry

    def get_form(self, data=None):
        return self.action().form(data, record=self.get_object())

    def get(self, request, *args, **kwargs):
        self._offered_or_403()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._offered_or_403()
        return super().post(request, *args, **kwargs)

    def _offered_or_403(self):
        if not self.action().offered(self.get_object(), self.request.user):
            raise PermissionDenied

    def perform(self, form):
        return self.action().call(self.request.user, self.get_object(), form.cleaned_data)

    def get_context_data(self, **kwargs):
        kwargs.update(action=self.action(), record=self.get_object())
        return super().get_context_data(**kwargs)


class CaseActionView(_RecordAction):
    model = EnforcementCase
    permission_required = PERM_VIEW
    catalogue = actions.CASE_ACTIONS


class CaseRecordView(ServiceActionView):
    """Add a full-process record (全过程记录) to a case; the file is then attached on the case page."""

    model = EnforcementCase
    permission_required = "enforcement.change_enforcementcase"
    template_name = "enforcement/action.html"
    form_class = forms.RecordForm
    success_message = gettext_lazy("已登记全过程记录。")
    extra_context = {"action": {"label": gettext_lazy("登记全过程记录"), "icon": "bi-camera-video"}}

    def perform(self, form):
        return services.case_add_record(actor=self.request.user, case=self.get_object(), **form.cleaned_data)

    def get_context_data(self, **kwargs):
        kwargs["record"] = self.get_object()
        return super().get_context_data(**kwargs)


# --- registers --------------------------------------------------------------------------------------

WITHIN = gettext_lazy("限于所选辖区")


class _RegisterListView(FilteredListView):
    """A register the dashboard opens narrowed by hidden filters (docs/indicators.md): they are said
    above the table, so the user knows why the list holds what the figure counts."""

    drilldown: dict = {}  # query parameter → what it narrows, with %(value)s

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        data = self.request.GET
        ctx["drilldown"] = "；".join(
            str(label) % {"value": data[key]} for key, label in self.drilldown.items() if data.get(key)
        )
        return ctx


class AgencyListView(_RegisterListView):
    model = EnforcementAgency
    permission_required = PERM_VIEW_AGENCY
    template_name = "enforcement/agency_list.html"
    filterset = AgencyFilter
    selector = selectors.agency_list
    export_spec = exports.AGENCIES
    drilldown = {"certified_to": gettext_lazy("主体资格确认日期不晚于 %(value)s"), "within": WITHIN}


class AgencyDetailView(VisibleObjectMixin, TemplateView):
    model = EnforcementAgency
    permission_required = PERM_VIEW_AGENCY
    template_name = "enforcement/agency_detail.html"

    def get_queryset(self):
        return selectors.agency_detail_qs(user=self.request.user)

    def get_context_data(self, **kwargs):
        kwargs["agency"] = self.get_object()
        return super().get_context_data(**kwargs)


class OfficerListView(_RegisterListView):
    model = Officer
    permission_required = PERM_VIEW_OFFICER
    template_name = "enforcement/officer_list.html"
    filterset = OfficerFilter
    selector = selectors.officer_list
    export_spec = exports.OFFICERS
    drilldown = {
        "trained_from": gettext_lazy("参加培训自 %(value)s"),
        "trained_to": gettext_lazy("参加培训至 %(value)s"),
        "within": WITHIN,
    }


class OfficerDetailView(VisibleObjectMixin, TemplateView):
    model = Officer
    permission_required = PERM_VIEW_OFFICER
    template_name = "enforcement/officer_detail.html"

    def get_queryset(self):
        return selectors.officer_detail_qs(user=self.request.user)

    def get_context_data(self, **kwargs):
        officer = self.get_object()
        kwargs.update(
            officer=officer,
            hours=sum(
                (
                    a.hours
                    for a in officer.attendances.all()
                    if a.course.held_on.year == timezone.localdate().year
                ),
                0,
            ),
        )
        return super().get_context_data(**kwargs)


class OfficerCreateView(ServiceCreateView):
    model = Officer
    permission_required = PERM_CHANGE_OFFICER
    template_name = "enforcement/form.html"
    form_class = forms.OfficerCreateForm
    extra_context = {"title": gettext_lazy("登记执法人员")}

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.officer_create(actor=self.request.user, **form.cleaned_data)


class OfficerEditView(ServiceActionView):
    model = Officer
    permission_required = PERM_CHANGE_OFFICER
    template_name = "enforcement/form.html"
    form_class = forms.OfficerEditForm
    extra_context = {"title": gettext_lazy("编辑执法人员")}

    def perform(self, form):
        return services.officer_update(
            actor=self.request.user, officer=self.get_object(), **form.cleaned_data
        )


class CertificateListView(_RegisterListView):
    model = Certificate
    permission_required = PERM_VIEW_CERT
    template_name = "enforcement/certificate_list.html"
    filterset = CertificateFilter
    selector = selectors.certificate_list
    export_spec = exports.CERTIFICATES
    drilldown = {"issued_to": gettext_lazy("发证日期不晚于 %(value)s"), "within": WITHIN}


class CertificateDetailView(VisibleObjectMixin, TemplateView):
    model = Certificate
    permission_required = PERM_VIEW_CERT
    template_name = "enforcement/certificate_detail.html"

    def get_queryset(self):
        return selectors.certificate_detail_qs(user=self.request.user)

    def get_context_data(self, **kwargs):
        cert = self.get_object()
        kwargs.update(cert=cert, actions=actions.available(actions.CERT_ACTIONS, cert, self.request.user))
        return super().get_context_data(**kwargs)


class CertificateActionView(_RecordAction):
    model = Certificate
    permission_required = PERM_VIEW_CERT
    catalogue = actions.CERT_ACTIONS


class CertificateApplyView(ServiceActionView):
    """申领 (or 换证 when the officer holds one) for an officer."""

    model = Officer
    permission_required = "enforcement.add_certificate"
    template_name = "enforcement/action.html"
    form_class = forms.CertSubmitForm
    extra_context = {"action": {"label": gettext_lazy("申领执法证件"), "icon": "bi-card-heading"}}

    def get_form(self, data=None):
        return forms.CertSubmitForm(data, record=self.get_object())

    def perform(self, form):
        officer = self.get_object()
        renews = officer.certificates.filter(status="valid").order_by("-issued_on").first()
        return services.certificate_apply(
            actor=self.request.user, officer=officer, applied_on=form.cleaned_data["on"], renews=renews
        )

    def get_context_data(self, **kwargs):
        kwargs["record"] = self.get_object()
        return super().get_context_data(**kwargs)


class CertificateCheckView(JurisdictionMixin, TemplateView):
    """亮证核验: a certificate number → valid or not today, holder, agency, expiry (the Bureau's staff,
    within their jurisdiction: the city's 执法监督人员 check every certificate of Tianshui)."""

    model = Certificate
    permission_required = PERM_VIEW_CERT
    template_name = "enforcement/certificate_check.html"

    def get_context_data(self, **kwargs):
        form = forms.CertificateCheckForm(self.request.GET or None)
        cert = (
            services.certificate_check(form.cleaned_data["number"], user=self.request.user)
            if form.is_valid()
            else None
        )
        today = timezone.localdate()
        kwargs.update(
            form=form,
            cert=cert,
            searched=form.is_bound and form.is_valid(),
            valid=bool(cert and cert.is_valid_on(today)),
            today=today,
        )
        return super().get_context_data(**kwargs)


class StatisticsView(JurisdictionMixin, TemplateView):
    model = EnforcementCase
    permission_required = PERM_VIEW
    template_name = "enforcement/statistics.html"

    def get_context_data(self, **kwargs):
        kwargs["stats"] = selectors.statistics(user=self.request.user)
        return super().get_context_data(**kwargs)


# --- Excel import ------------------------------------------------------------------------------------


class ImportView(JurisdictionMixin, ServiceFormView):
    """批量导入: upload → dry-run preview with the row-by-row report → import all rows or none."""

    model = Officer
    permission_required = PERM_IMPORT
    template_name = "enforcement/import.html"
    form_class = forms.ImportForm

    def post(self, request, *args, **kwargs):
        form = forms.ImportForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            data = form.cleaned_data
            try:
                with composed():
                    report = imports.import_records(
                        actor=request.user, kind=data["kind"], file=data["file"], dry_run=data["dry_run"]
                    )
            except ApplicationError as exc:
                form.add_error("file", str(exc))
        return self.render_form(form, report=report, kinds=imports.KINDS)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("kinds", imports.KINDS)
        return super().get_context_data(**kwargs)


class ImportTemplateView(JurisdictionMixin, View):
    model = Officer
    permission_required = PERM_IMPORT

    def get(self, request, kind):
        if kind not in imports.KINDS:
            raise Http404
        response = HttpResponse(
            imports.template_bytes(kind),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = content_disposition(
            _("%(k)s导入模板.xlsx") % {"k": imports.KINDS[kind].label}
        )
        return response


class CaseDocumentView(VisibleObjectMixin, View):
    """A DOCX of the case (行政处罚决定书, 法制审核意见书), logged as printed."""

    model = EnforcementCase
    permission_required = PERM_VIEW

    def get(self, request, pk, kind):
        case = selectors.case_detail(user=request.user, pk=self.get_object().pk)
        if kind not in dict(documents.available(case)):
            raise Http404
        template, context, filename = documents.document_parts(case, kind)
        return render_docx(template, context, filename, request=request, obj=case, author=case.agency.name)
