"""Kernel views: the 工作台 home page, /healthz, error pages, and the jurisdiction view mixin."""

import concurrent.futures
import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

logger = logging.getLogger(__name__)


class JurisdictionMixin(PermissionRequiredMixin):
    """The one view mixin for case content (DESIGN.md §3).

    Querysets come from `Model.objects.visible_to(user)`. An object outside the user's jurisdiction
    answers 404 whether or not the user holds the permission; inside it, a missing permission
    answers 403. Lists without the permission answer 403.
    """

    model = None
    permission_required = None

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def _targets_object(self):
        return any(k in self.kwargs for k in ("pk", "slug", getattr(self, "pk_url_kwarg", "pk")))

    def dispatch(self, request, *args, **kwargs):
        self.request, self.args, self.kwargs = request, args, kwargs
        if not self.has_permission():
            if self._targets_object():
                self.get_object()  # raises Http404 outside the jurisdiction
            raise PermissionDenied
        return super(PermissionRequiredMixin, self).dispatch(request, *args, **kwargs)


def get_visible_or_404(model_or_qs, user, **lookup):
    qs = model_or_qs.objects.visible_to(user) if hasattr(model_or_qs, "objects") else model_or_qs
    try:
        return qs.get(**lookup)
    except qs.model.DoesNotExist as exc:
        raise Http404 from exc


class HomeView(TemplateView):
    """我的工作台: what needs the user's attention today."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        from core.workbench import workbench_panels

        ctx = super().get_context_data(**kwargs)
        ctx["panels"] = workbench_panels(self.request)
        return ctx


def _check_broker(url: str) -> None:
    from kombu import Connection

    with Connection(
        url, connect_timeout=2, transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS
    ) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Liveness for load balancers and docker-compose: database and broker, no secrets."""
    status = {"database": "ok", "broker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("healthz: database check failed")
        status["database"] = "error"
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    try:
        pool.submit(_check_broker, settings.CELERY_BROKER_URL).result(timeout=3)
    except Exception:
        logger.warning("healthz: broker check failed", exc_info=True)
        status["broker"] = "error"
    finally:
        pool.shutdown(wait=False)
    ok = all(v == "ok" for v in status.values())
    status["status"] = "ok" if ok else "error"
    return JsonResponse(status, status=200 if ok else 503)


@login_not_required
def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


@login_not_required
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request):
    return render(request, "500.html", status=500)
