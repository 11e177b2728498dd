"""The leaders' dashboard (数据看板): read-only, figures computed from the records; the 法治政府建设考核
table and the exports of both (docs/indicators.md)."""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import TemplateView

from core.audit import log_access
from core.documents import content_disposition, render_pdf
from core.exports import XLSX_CONTENT_TYPE
from core.models import AccessAction

from . import reports, selectors
from .cache import cached
from .forms import ScopeForm


class ScopeMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "dashboard.view_dashboard"

    def post(self, request, *args, **kwargs):
        raise PermissionDenied  # read-only: nothing on the dashboard changes a record

    def scope_form(self):
        form = ScopeForm(self.request.GET or None, user=self.request.user)
        return form, form.scope()

    def scope_label(self, scope) -> str:
        return f"{scope.label} · {scope.unit.name if scope.unit else '全部辖区'}"


class DashboardView(ScopeMixin, TemplateView):
    template_name = "dashboard/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        form, scope = self.scope_form()
        data = selectors.dashboard_data(user=user, scope=scope, units=form.fields["within"].queryset)
        panels = data["panels"]
        charts = {p.key: p.charts for p in panels if p.charts}
        charts["trends"] = data["trends"]
        parts = {"panels": panels, "trends": data["trends"]}
        html = cached(
            user=user,
            scope=scope,
            part="html",
            compute=lambda: render_to_string("dashboard/_panels.html", parts),
        )
        ctx.update(
            form=form,
            scope=scope,
            panels=panels,
            panels_html=mark_safe(html),  # rendered (and escaped) by the template engine
            trends=data["trends"],
            charts=charts,
            query=self.request.GET.urlencode(),
        )
        return ctx


class AssessmentView(ScopeMixin, TemplateView):
    """法治政府建设考核: one row per agency, its indicators, score and rank (50 a page)."""

    template_name = "dashboard/assessment.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, scope = self.scope_form()
        columns, rows = reports.assessment(user=self.request.user, scope=scope)
        page = Paginator(rows, 50).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        ctx.update(form=form, scope=scope, columns=columns, page_obj=page, query=query.urlencode())
        return ctx


class ExportView(ScopeMixin, View):
    """The dashboard's figures and the 考核 table as .xlsx or .pdf, for the period and jurisdiction asked."""

    fmt = "xlsx"

    def get(self, request):
        user = request.user
        form, scope = self.scope_form()
        panels = selectors.dashboard_data(user=user, scope=scope, units=form.fields["within"].queryset)[
            "panels"
        ]
        columns, rows = reports.assessment(user=user, scope=scope)
        label = self.scope_label(scope)
        filename = f"数据看板_{scope.start:%Y%m%d}-{scope.end:%Y%m%d}"
        if self.fmt == "pdf":
            headers, body = reports.assessment_table(columns, rows)
            context = {
                "scope_label": label,
                "figures": reports.figure_rows(panels),
                "headers": headers,
                "body": body,
            }
            return render_pdf("dashboard/report.html", context, filename, request=request)
        content = reports.xlsx_bytes(
            scope=scope, scope_label=label, panels=panels, columns=columns, rows=rows
        )
        log_access(
            request=request,
            action=AccessAction.EXPORT,
            model_label="dashboard.dashboard",
            description=filename,
        )
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition(f"{filename}.xlsx")
        response["Cache-Control"] = "private, no-store"
        return response
