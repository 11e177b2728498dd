"""The leaders' dashboard (数据看板): read-only, figures computed from the records."""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView

from . import selectors
from .forms import ScopeForm


class DashboardView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "dashboard.view_dashboard"
    template_name = "dashboard/index.html"

    def post(self, request, *args, **kwargs):
        raise PermissionDenied  # read-only: nothing on the dashboard changes a record

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        form = ScopeForm(self.request.GET or None, user=user)
        scope = form.scope()
        data = selectors.dashboard_data(user=user, scope=scope, units=form.fields["within"].queryset)
        panels = data["panels"]
        charts = {p.key: p.charts for p in panels if p.charts}
        charts["trends"] = data["trends"]
        ctx.update(
            form=form,
            scope=scope,
            panels=panels,
            trends=data["trends"],
            charts=charts,
            query=self.request.GET.urlencode(),
        )
        return ctx
