"""Kernel views: the 工作台 home page, /healthz, error pages, the jurisdiction view mixin, and the
service form views every mechanism's pages are built on.

A page that changes something is a `ServiceFormView`: it binds a form (shape only), calls exactly one
service with the form's values, shows a refusal of the law (`ApplicationError` / `GateError`) as form
errors with every blocker listed once (`form_error`), answers a stale edit (`ConcurrentEditError`)
with the conflict page of `core.concurrency`, and on success redirects with a message. The services
open their own transactions; a view never wraps one around them.
"""

import concurrent.futures
import logging
from collections.abc import Mapping

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from kombu import Connection

from .concurrency import render_conflict
from .exceptions import ApplicationError, ConcurrentEditError
from .exports import XlsxExportMixin, xlsx_response
from .workbench import workbench_panels
from .workflow import composed

logger = logging.getLogger(__name__)


class JurisdictionMixin(PermissionRequiredMixin):
    """The one view mixin for case content (docs/architecture.md, "Jurisdiction").

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
    """The one object `lookup` names among those `user` may see (a model: `visible_to(user)`; a
    queryset: taken as already scoped) — 404 otherwise, whether it exists elsewhere or not."""
    qs = model_or_qs.objects.visible_to(user) if hasattr(model_or_qs, "objects") else model_or_qs
    try:
        return qs.get(**lookup)
    except qs.model.DoesNotExist as exc:
        raise Http404 from exc


class VisibleObjectMixin(JurisdictionMixin):
    """A page of one object (`pk` in the URL) among `get_queryset()` — the visible ones, with the
    joins the page needs: 404 outside the jurisdiction (before any 403), fetched once per request."""

    pk_url_kwarg = "pk"

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_visible_or_404(
                self.get_queryset(), self.request.user, pk=self.kwargs[self.pk_url_kwarg]
            )
        return self._object


# =====================================================================================================
# Refusals as form errors, and the service form views
# =====================================================================================================


class FilteredListView(XlsxExportMixin, JurisdictionMixin, TemplateView):
    """A filtered, paginated list of a mechanism's records: `selector(user=, filters=)` gives its rows
    (scoped by `visible_to`), `filterset` its filter bar, `export_spec` (an object with `filename`,
    `headers` and `row(record)`) its `?export=xlsx` file — without one, `?export=xlsx` is a 404."""

    filterset = None
    selector = None
    export_spec = None
    page_size = 25

    def rows(self):
        return type(self).selector(user=self.request.user, filters=self.request.GET)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = Paginator(self.rows(), self.page_size).get_page(self.request.GET.get("page"))
        ctx.update(
            page_obj=page,
            rows=page.object_list,
            filter_form=self.filterset(self.request.GET or None).form if self.filterset else None,
            filtered=any(v for k, v in self.request.GET.items() if k != "page"),
            exportable=self.export_spec is not None,
        )
        return ctx

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx" and self.export_spec is None:
            raise Http404
        return super().get(request, *args, **kwargs)

    def export(self):
        spec = self.export_spec
        return xlsx_response(
            request=self.request,
            filename=str(spec.filename),
            headers=[str(h) for h in spec.headers],
            rows_iterable=(spec.row(r) for r in self.rows().iterator(chunk_size=500)),
            model_label=self.model._meta.label_lower,
        )


def form_error(form, exc: Exception, *, field_map: Mapping[str, str] | None = None) -> None:
    """Show a service's refusal on `form`, every message once.

    An `ApplicationError` / `GateError` goes on the field it names (through `field_map`, or the form's
    own `field_map`, when the service's argument and the form's field are named differently), else
    above the form; the further blockers of a gate (`extra["blockers"]`) follow as non-field errors.
    A model `ValidationError` goes field by field."""
    if isinstance(exc, ApplicationError):
        field_map = field_map if field_map is not None else getattr(form, "field_map", None) or {}
        field = field_map.get(exc.field, exc.field)
        texts = [str(exc.message), *(str(b) for b in exc.extra.get("blockers", ()))]
        unique = list(dict.fromkeys(texts))
        form.add_error(field if field in form.fields else None, unique[0])
        for text in unique[1:]:
            form.add_error(None, text)
    elif isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def conflict_response(request, *, obj, form):
    """The answer to a stale form: `core.concurrency.render_conflict` (the submitted and the stored
    values side by side, HTTP 409)."""
    return render_conflict(request, obj=obj, form=form)


class ServiceFormView(TemplateView):
    """GET shows the form; POST binds it and, when valid, calls `perform(form)` — one service.

    A refusal (`ApplicationError`, `GateError`, a model `ValidationError`) re-renders the form with the
    errors (`form_error`); a stale edit (`ConcurrentEditError`) answers with the conflict page; success
    adds `get_success_message(result)` and redirects to `get_success_url(result)`.
    Subclasses set `form_class` and `template_name` and write `perform`.
    """

    form_class = None
    success_message = ""
    success_url = None
    form_context_name = "form"

    def get_form_kwargs(self) -> dict:
        return {}

    def get_form(self, data=None):
        if self.form_class is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a form_class.")
        return self.form_class(data, **self.get_form_kwargs())

    def service_kwargs(self, form) -> dict:
        """The form's values as the service's keyword arguments."""
        return form.service_kwargs() if hasattr(form, "service_kwargs") else dict(form.cleaned_data)

    def perform(self, form):
        """Call the one service of this page and return what it returns."""
        raise NotImplementedError

    def get_success_message(self, result) -> str:
        return str(self.success_message)

    def get_success_url(self, result) -> str:
        if self.success_url is not None:
            return str(self.success_url)
        return result.get_absolute_url()

    def conflict_object(self):
        """The record a stale form was editing (for the conflict page)."""
        return self.get_object() if hasattr(self, "get_object") else None

    def get(self, request, *args, **kwargs):
        return self.render_form(self.get_form())

    def render_form(self, form, **extra):
        return self.render_to_response(self.get_context_data(**{self.form_context_name: form}, **extra))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                # one savepoint around the page's service(s): a refusal undoes everything it began
                with composed():
                    result = self.perform(form)
            except ConcurrentEditError:
                return conflict_response(request, obj=self.conflict_object(), form=form)
            except (ApplicationError, ValidationError) as exc:
                form_error(form, exc)
            else:
                message = self.get_success_message(result)
                if message:
                    messages.success(request, message)
                return redirect(self.get_success_url(result))
        return self.render_form(form)


class ServiceCreateView(JurisdictionMixin, ServiceFormView):
    """Create a record of `model` through its create service (`perform` returns the new record)."""

    success_message = gettext_lazy("已保存。")


class ServiceEditView(VisibleObjectMixin, ServiceFormView):
    """Edit one visible record through its update service; the form is given the record."""

    success_message = gettext_lazy("已保存。")
    object_form_kwarg = "record"  # the form's keyword for the record it edits
    context_object_name = None  # the record's name in the template (default: "object")

    def get_form_kwargs(self) -> dict:
        return {self.object_form_kwarg: self.get_object()}

    def get_context_data(self, **kwargs):
        kwargs.setdefault(self.context_object_name or "object", self.get_object())
        return super().get_context_data(**kwargs)

    def get_success_url(self, result) -> str:
        if self.success_url is not None:
            return str(self.success_url)
        return self.get_object().get_absolute_url()


class ServiceActionView(ServiceEditView):
    """One action on a visible record (a workflow step): the form is given the record as `case` /
    `record` like an edit; success returns to the record's page."""


class CatalogueActionView(ServiceActionView):
    """One action of a record page, looked up by its slug in the app's action catalogue
    (`<app>/actions.py`: slug → label, permission, form, service, gate; docs/architecture.md).

    An unknown slug and a record outside the user's jurisdiction answer 404 — the latter before a
    missing permission says 403. An action the page would not offer now (its status, or its gate)
    redirects back to the record with the reason, so a stale link or a double submission does
    nothing. The app says why with `refusal`; the permission is the action's `perm`.
    """

    catalogue: Mapping = {}

    def _action(self):
        action = self.catalogue.get(self.kwargs["action"])
        if action is None:
            raise Http404
        return action

    def get_permission_required(self):
        return (self._action().perm,)

    def refusal(self, action, obj) -> str | None:
        """None when the page offers `action` on `obj` now; otherwise why not ("" for the status)."""
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.request, self.args, self.kwargs = request, args, kwargs
        if not self.has_permission():
            self.get_object()  # 404 outside the jurisdiction, before saying 403
            raise PermissionDenied
        obj = self.get_object()
        action = self._action()
        why = self.refusal(action, obj)
        if why is not None:
            messages.warning(
                request,
                why
                or _("当前状态为“%(status)s”，不能“%(action)s”。")
                % {"status": obj.get_status_display(), "action": action.label},
            )
            return redirect(obj.get_absolute_url())
        return super(PermissionRequiredMixin, self).dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("action", self._action())
        return super().get_context_data(**kwargs)


class HomeView(TemplateView):
    """我的工作台: what needs the user's attention today."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["panels"] = workbench_panels(self.request)
        return ctx


def _check_broker(url: str) -> None:
    with Connection(
        url, connect_timeout=2, transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS
    ) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Health for load balancers and docker-compose: each dependency separately, no secrets.

    The body is language-neutral JSON: `{"database": "ok"|"error", "broker": "ok"|"error",
    "status": "ok"|"degraded"|"error"}`. HTTP 503 only when the database is down — the pages need
    it; a broker outage only delays reminders and e-mails (the next scan regenerates them,
    docs/architecture.md "Faults"), so the web stays in rotation and reports "degraded".
    """
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
    if status["database"] != "ok":
        status["status"] = "error"
    elif status["broker"] != "ok":
        status["status"] = "degraded"
    else:
        status["status"] = "ok"
    return JsonResponse(status, status=503 if status["database"] != "ok" else 200)


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
