"""Pages of mediation (多元化解). Thin: permission and jurisdiction, a form, one service or selector —
on the kernel's service form views (core.views), so a refusal of the law comes back as Chinese form
errors, never as a 500."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.audit import log_access
from core.documents import DOCX_CONTENT_TYPE, content_disposition
from core.exports import XlsxExportMixin
from core.indicators import list_url
from core.models import AccessAction
from core.views import (
    CatalogueActionView,
    FilteredListView,
    JurisdictionMixin,
    ServiceCreateView,
    ServiceEditView,
)

from . import actions, documents, exports, forms, selectors, services
from .choices import (
    ACTIVE_STATUSES,
    PERM_ADD,
    PERM_CHANGE,
    PERM_CHANGE_MEDIATOR,
    PERM_CHANGE_PARTNER,
    PERM_VIEW,
    PERM_VIEW_MEDIATOR,
    PERM_VIEW_PARTNER,
)
from .filters import CaseFilter, CentreFilter, DockingFilter
from .models import MediationCase, Mediator, PartnerAgreement

PAGE_SIZE = 25


class CaseListView(XlsxExportMixin, JurisdictionMixin, TemplateView):
    """调解案件: the filter bar, 25 a page, `?export=xlsx`."""

    model = MediationCase
    permission_required = PERM_VIEW
    template_name = "mediation/case_list.html"

    def _rows(self):
        return selectors.case_list(user=self.request.user, filters=self.request.GET)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = Paginator(self._rows(), PAGE_SIZE).get_page(self.request.GET.get("page"))
        ctx.update(
            page_obj=page,
            cases=page.object_list,
            filter_form=CaseFilter(self.request.GET or None, user=self.request.user).form,
            today=timezone.localdate(),
        )
        return ctx

    def export(self):
        return exports.case_list_response(self.request, self._rows())


class CaseRegisterView(ServiceCreateView):
    model = MediationCase
    permission_required = PERM_ADD
    template_name = "mediation/form.html"
    form_class = forms.CaseRegisterForm
    success_message = gettext_lazy("已登记受理。")
    extra_context = {"page_heading": gettext_lazy("登记调解案件")}

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.case_register(actor=self.request.user, **form.service_kwargs())


class CaseObjectMixin(JurisdictionMixin):
    model = MediationCase

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = selectors.case_detail(user=self.request.user, pk=self.kwargs["pk"])
        return self._object


class CaseDetailView(CaseObjectMixin, TemplateView):
    """The case page: particulars, its path across organisations, clocks with their derivation,
    sessions, agreement, confirmation, visits, timeline, documents and the actions the user may take."""

    permission_required = PERM_VIEW
    template_name = "mediation/case_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        case = self.get_object()
        user = self.request.user
        ctx.update(
            case=case,
            path=selectors.organisation_path(case),
            agreement=case.agreement if selectors.has_agreement(case) else None,
            actions=actions.case_actions(case, user),
            documents=documents.case_documents(case),
            can_edit=case.status in ACTIVE_STATUSES and user.has_perm(PERM_CHANGE),
        )
        return ctx


class CaseEditView(ServiceEditView):
    model = MediationCase
    permission_required = PERM_CHANGE
    template_name = "mediation/form.html"
    form_class = forms.CaseEditForm
    context_object_name = "case"
    extra_context = {"page_heading": gettext_lazy("修改案件信息")}

    def perform(self, form):
        return services.case_update(case=self.get_object(), actor=self.request.user, **form.service_kwargs())


class CaseActionView(CatalogueActionView):
    """One action of the case page (actions.ACTIONS); an action not offered now redirects back."""

    model = MediationCase
    context_object_name = "case"
    template_name = "mediation/action.html"
    catalogue = actions.ACTIONS_BY_SLUG

    def refusal(self, action, obj):
        return actions.refusal(action, obj, self.request.user)

    def get_form(self, data=None):
        return self._action().form_class(data, case=self.get_object(), user=self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(action=self._action(), basis=self._action().basis)
        return ctx

    def perform(self, form):
        return self._action().perform(form, self.get_object(), self.request.user)

    def get_success_message(self, result) -> str:
        return _("已办理：%(a)s。") % {"a": self._action().label}

    def get_success_url(self, result) -> str:
        case = self.get_object()
        if not MediationCase.objects.visible_to(self.request.user).filter(pk=case.pk).exists():
            return reverse("mediation:index")  # referred out of the user's jurisdiction
        url = reverse("mediation:detail", kwargs={"pk": case.pk})
        return f"{url}#documents" if self._action().document else url


class DocumentView(CaseObjectMixin, View):
    """Download one document of the case (DOCX), logged as a download."""

    permission_required = PERM_VIEW

    def get(self, request, pk, kind):
        case = self.get_object()
        content, filename = documents.render_case_document(case, kind)
        response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition(filename)
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        log_access(request=request, action=AccessAction.DOWNLOAD, obj=case, description=filename)
        return response


class StatisticsView(JurisdictionMixin, TemplateView):
    """多元化解统计: cases by type and source, success and confirmation rates, duration, 诉前化解."""

    model = MediationCase
    permission_required = PERM_VIEW
    template_name = "mediation/statistics.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            year = int(self.request.GET.get("year") or 0) or None
        except ValueError:
            year = None
        this_year = timezone.localdate().year
        ctx.update(
            figures=selectors.indicators(user=self.request.user, year=year),
            year=year,
            years=list(range(this_year, 2020, -1)),
        )
        return ctx


# --- registers ----------------------------------------------------------------------------------------


class MediatorListView(JurisdictionMixin, TemplateView):
    model = Mediator
    permission_required = PERM_VIEW_MEDIATOR
    template_name = "mediation/mediator_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = Paginator(selectors.mediator_list(user=self.request.user), 50).get_page(
            self.request.GET.get("page")
        )
        for m in page.object_list:
            m.success_rate = selectors.success_rate(m.cases_agreed, m.cases_handled)
        ctx.update(page_obj=page, mediators=page.object_list)
        return ctx


class MediatorCreateView(ServiceCreateView):
    model = Mediator
    permission_required = PERM_CHANGE_MEDIATOR
    template_name = "mediation/form.html"
    form_class = forms.MediatorForm
    extra_context = {"page_heading": gettext_lazy("登记调解员")}

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.mediator_create(actor=self.request.user, **form.service_kwargs())

    def get_success_url(self, result):
        return reverse("mediation:mediator_list")


class MediatorEditView(ServiceEditView):
    model = Mediator
    permission_required = PERM_CHANGE_MEDIATOR
    template_name = "mediation/form.html"
    form_class = forms.MediatorEditForm
    extra_context = {"page_heading": gettext_lazy("修改调解员")}

    def perform(self, form):
        return services.mediator_update(
            mediator=self.get_object(), actor=self.request.user, **form.service_kwargs()
        )

    def get_success_url(self, result):
        return reverse("mediation:mediator_list")


class _DockingListView(FilteredListView):
    """The 诉调对接 registers: the same hidden drill-down (`signed_to`, `within`) on each, the three
    counts above the table computed with it, each a link to its list (docs/indicators.md)."""

    permission_required = PERM_VIEW_PARTNER
    page_size = PAGE_SIZE
    carried = ("signed_to", "within")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user, data = self.request.user, self.request.GET
        carried = {k: data[k] for k in self.carried if data.get(k)}
        counts = {
            "documents": lambda: selectors.partner_agreement_list(user=user, filters=carried).count(),
            "partners": lambda: selectors.partner_unit_list(user=user, filters=carried).count(),
            "centres": lambda: selectors.docking_centre_list(
                user=user, filters={k: v for k, v in carried.items() if k == "within"}
            ).count(),
        }
        listed = {
            "documents": "partner_list",
            "partners": "partner_unit_list",
            "centres": "partner_centre_list",
        }
        labels = {
            "documents": _("诉调对接文件"),
            "partners": _("诉调对接单位"),
            "centres": _("诉调对接中心（站）"),
        }
        mine = self.request.resolver_match.url_name
        ctx["summary"] = [
            {
                "key": key,
                "label": labels[key],
                "count": ctx["page_obj"].paginator.count if listed[key] == mine else count(),
                "url": list_url(f"mediation:{listed[key]}", **carried),
                "active": listed[key] == mine,
            }
            for key, count in counts.items()
        ]
        notes = []
        if "signed_to" in carried:
            notes.append(_("截至 %(day)s 签订的文件") % {"day": carried["signed_to"]})
        if "within" in carried:
            notes.append(_("限于所选辖区"))
        ctx["carried_note"] = "；".join(notes)
        # the drill-down the filter bar of this list does not hold, kept on submit all the same
        ctx["kept"] = {k: v for k, v in carried.items() if k not in self.filterset.base_filters}
        return ctx


class PartnerListView(_DockingListView):
    """诉调对接文件."""

    model = PartnerAgreement
    template_name = "mediation/partner_list.html"
    filterset = DockingFilter
    selector = selectors.partner_agreement_list


class PartnerUnitListView(_DockingListView):
    """诉调对接单位: the units that signed the listed documents, each count a link to its documents."""

    model = PartnerAgreement
    template_name = "mediation/partner_unit_list.html"
    filterset = DockingFilter
    selector = selectors.partner_unit_list


class PartnerCentreListView(_DockingListView):
    """诉调对接中心（站） within the user's jurisdiction."""

    model = PartnerAgreement
    template_name = "mediation/partner_centre_list.html"
    filterset = CentreFilter
    selector = selectors.docking_centre_list


class PartnerCreateView(ServiceCreateView):
    model = PartnerAgreement
    permission_required = PERM_CHANGE_PARTNER
    template_name = "mediation/form.html"
    form_class = forms.PartnerForm
    extra_context = {"page_heading": gettext_lazy("登记诉调对接文件")}

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.partner_agreement_create(actor=self.request.user, **form.service_kwargs())

    def get_success_url(self, result):
        return reverse("mediation:partner_list")


class PartnerEditView(ServiceEditView):
    model = PartnerAgreement
    permission_required = PERM_CHANGE_PARTNER
    template_name = "mediation/form.html"
    form_class = forms.PartnerEditForm
    extra_context = {"page_heading": gettext_lazy("修改诉调对接文件")}

    def get_form_kwargs(self):
        return {"record": self.get_object(), "user": self.request.user}

    def perform(self, form):
        return services.partner_agreement_update(
            agreement=self.get_object(), actor=self.request.user, **form.service_kwargs()
        )

    def get_success_url(self, result):
        return reverse("mediation:partner_list")
