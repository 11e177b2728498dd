"""Pages of the disputes app. Thin: permission and jurisdiction, a form, one service or selector."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from core.concurrency import render_conflict
from core.exceptions import ApplicationError, ConcurrentEditError
from core.views import JurisdictionMixin, form_error

from . import selectors, services
from .choices import PartyRole
from .filters import DisputeFilter
from .forms import (
    DisputeEditForm,
    DisputeForm,
    PartyForm,
    ResolutionForm,
    claimant_forms,
    claimant_service_data,
)
from .models import Dispute, Party
from .scoping import dispute_changeable
from .timeline import dispute_timeline

PAGE_SIZE = 25


class DisputeObjectMixin(JurisdictionMixin):
    """Views of one dispute (`pk`): 404 unless the user may open a record on it, 403 without the
    permission. A view that changes the dispute (`for_change`) answers 404 unless the user handles a
    record on it (disputes/scoping.py)."""

    model = Dispute
    for_change = False

    def get_object(self):
        if not hasattr(self, "_object"):
            user, pk = self.request.user, self.kwargs["pk"]
            if self.for_change and self.has_permission():
                self._object = selectors.dispute_for_change(user=user, pk=pk)
            else:
                self._object = selectors.dispute_detail(user=user, pk=pk)
        return self._object


class DisputeListView(JurisdictionMixin, TemplateView):
    """行政争议 list with the search filter bar; parties masked."""

    model = Dispute
    permission_required = "disputes.view_dispute"
    template_name = "disputes/dispute_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        qs = selectors.dispute_list(user=user, filters=self.request.GET)
        page = Paginator(qs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        ctx.update(
            page_obj=page,
            disputes=page.object_list,
            filter_form=DisputeFilter(self.request.GET, user=user).form,
            filtered=any(v for k, v in self.request.GET.items() if k != "page"),
        )
        return ctx


class DisputeDetailView(DisputeObjectMixin, TemplateView):
    """The dispute page: act, parties (masked), origin and the timeline across mechanisms."""

    permission_required = "disputes.view_dispute"
    template_name = "disputes/dispute_detail.html"

    def get_context_data(self, revealed_party=None, **kwargs):
        ctx = super().get_context_data(**kwargs)
        dispute = self.get_object()
        user = self.request.user
        can_change = dispute_changeable(user, dispute)
        ctx.update(
            dispute=dispute,
            parties=list(dispute.parties.all()),
            origin=dispute.origin if dispute.origin_content_type_id else None,
            timeline=dispute_timeline(dispute, user=user),
            can_change=can_change,
            can_reveal=can_change and user.has_perm("disputes.reveal_party_data"),
            revealed_party=revealed_party,
        )
        return ctx


class DisputeCreateView(JurisdictionMixin, TemplateView):
    """登记行政争议: the act, the first claimant and any further claimants or third parties."""

    model = Dispute
    permission_required = "disputes.add_dispute"
    template_name = "disputes/dispute_create.html"

    def _forms(self, data=None):
        user = self.request.user
        return (DisputeForm(data, user=user), *claimant_forms(data))

    def get(self, request, *args, **kwargs):
        form, claimant, formset = self._forms()
        return self.render_to_response(self.get_context_data(form=form, claimant=claimant, formset=formset))

    def post(self, request, *args, **kwargs):
        form, claimant, formset = self._forms(request.POST)
        if form.is_valid() and claimant.is_valid() and formset.is_valid():
            parties = claimant_service_data(claimant, formset)
            try:
                dispute = services.dispute_create(actor=request.user, parties=parties, **form.cleaned_data)
            except (ApplicationError, ValidationError) as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已登记行政争议 %(number)s。") % {"number": dispute.number})
                return redirect(dispute)
        return self.render_to_response(self.get_context_data(form=form, claimant=claimant, formset=formset))


class DisputeEditView(DisputeObjectMixin, TemplateView):
    """Edit the act and summary, with optimistic locking: a stale form is refused, input kept."""

    for_change = True
    permission_required = "disputes.change_dispute"
    template_name = "disputes/dispute_edit.html"

    def get(self, request, *args, **kwargs):
        dispute = self.get_object()
        form = DisputeEditForm(instance=dispute, user=request.user)
        return self.render_to_response(self.get_context_data(form=form, dispute=dispute))

    def post(self, request, *args, **kwargs):
        dispute = self.get_object()
        form = DisputeEditForm(request.POST, instance=dispute, user=request.user)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in DisputeForm.Meta.fields}
            try:
                services.dispute_update(
                    dispute=dispute, version=form.cleaned_data["version"], actor=request.user, **fields
                )
            except ConcurrentEditError:
                return render_conflict(request, obj=dispute, form=form)
            except (ApplicationError, ValidationError) as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已保存。"))
                return redirect("disputes:detail", pk=dispute.pk)
        return self.render_to_response(self.get_context_data(form=form, dispute=dispute))


class PartyAddView(DisputeObjectMixin, TemplateView):
    """添加当事人: a further claimant, a third party or an agent."""

    for_change = True
    permission_required = "disputes.change_dispute"
    template_name = "disputes/party_form.html"

    def get(self, request, *args, **kwargs):
        dispute = self.get_object()
        form = PartyForm(dispute=dispute, roles=list(PartyRole))
        return self.render_to_response(self.get_context_data(form=form, dispute=dispute))

    def post(self, request, *args, **kwargs):
        dispute = self.get_object()
        form = PartyForm(request.POST, dispute=dispute, roles=list(PartyRole))
        if form.is_valid():
            try:
                party = services.party_add(dispute=dispute, actor=request.user, **form.service_data())
            except (ApplicationError, ValidationError) as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已添加当事人 %(name)s。") % {"name": party.name})
                return redirect(dispute)
        return self.render_to_response(self.get_context_data(form=form, dispute=dispute))


@method_decorator(never_cache, name="dispatch")  # the answer carries full ID numbers: never cached
class PartyRevealView(JurisdictionMixin, View):
    """显示完整信息: one party's full identity number, phone and address, with an access entry.

    An htmx POST answers the party's table row; without htmx, the dispute page with the row revealed.
    """

    model = Party
    permission_required = "disputes.reveal_party_data"
    http_method_names = ["post"]

    def get_object(self):
        user, pk = self.request.user, self.kwargs["pk"]
        if self.has_permission():
            return selectors.party_for_reveal(user=user, pk=pk)
        return selectors.party_detail(user=user, pk=pk)

    def post(self, request, *args, **kwargs):
        party = self.get_object()
        error = None
        try:
            services.party_reveal(party=party, actor=request.user, request=request)
        except ApplicationError as exc:
            error = str(exc.message)
        if request.htmx:
            ctx = {"party": party, "revealed": error is None, "reveal_error": error, "can_reveal": True}
            return render(request, "disputes/_party_row.html", ctx)
        if error:
            messages.error(request, error)
            return redirect("disputes:detail", pk=party.dispute_id)
        detail = DisputeDetailView(request=request, kwargs={"pk": party.dispute_id}, args=())
        return detail.render_to_response(detail.get_context_data(revealed_party=party.pk))


class DisputeResolveView(DisputeObjectMixin, TemplateView):
    """化解情况: record that the dispute was resolved or ended (feeds 实质性化解率), or reopen it."""

    for_change = True
    permission_required = "disputes.change_dispute"
    template_name = "disputes/resolution_form.html"

    def get(self, request, *args, **kwargs):
        dispute = self.get_object()
        form = ResolutionForm(
            initial={
                "status": dispute.status,
                "resolved_at": dispute.resolved_at,
                "resolved_substantively": dispute.resolved_substantively,
                "resolution_note": dispute.resolution_note,
                "version": dispute.version,
            }
        )
        return self.render_to_response(self.get_context_data(form=form, dispute=dispute))

    def post(self, request, *args, **kwargs):
        dispute = self.get_object()
        form = ResolutionForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.dispute_set_resolution(dispute=dispute, version=version, actor=request.user, **data)
            except (ApplicationError, ValidationError) as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已保存化解情况。"))
                return redirect(dispute)
        return self.render_to_response(self.get_context_data(form=form, dispute=dispute))


class DisputeStatsView(JurisdictionMixin, TemplateView):
    """争议来源统计: disputes by respondent agency, act type and sector (诉源治理)."""

    model = Dispute
    permission_required = "disputes.view_dispute"
    template_name = "disputes/dispute_stats.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        stats = selectors.dispute_stats(user=user, filters=self.request.GET)
        ctx["stats"] = stats
        # The respondents' table grows with the jurisdiction: one page at a time.
        ctx["page_obj"] = Paginator(stats.by_respondent, PAGE_SIZE).get_page(self.request.GET.get("page"))
        ctx["filter_form"] = DisputeFilter(self.request.GET, user=user).form
        return ctx


class DisputePickerView(JurisdictionMixin, TemplateView):
    """The search results of "关联已登记的行政争议" (an htmx fragment of the registration page)."""

    model = Dispute
    permission_required = "disputes.view_dispute"
    template_name = "disputes/_dispute_picker_results.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        ctx.update(
            query=query.strip(),
            disputes=selectors.dispute_search(user=self.request.user, query=query),
            limit=selectors.PICKER_LIMIT,
        )
        return ctx
