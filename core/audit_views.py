"""The /audit/ pages for 审计管理员 (permission core.view_audit).

数据变更 (auditlog), 访问记录 (our AccessLog), 登录记录 (django-axes) and the history of one record —
each filterable, paginated by 50 and exportable to Excel (`?export=xlsx`, itself logged).
"""

from __future__ import annotations

from itertools import islice

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from . import selectors
from .audit import changes_text, content_type_verbose_name, describe_changes, model_verbose_name
from .exports import XlsxExportMixin, xlsx_response
from .filters import AccessLogFilter, LogEntryFilter, LoginFilter

PAGE_SIZE = 50
EXPORT_CHUNK = 500


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _actor_columns(entry):
    actor = entry.actor
    if actor is None:
        return [_("系统"), "", ""]
    return [actor.display_name, actor.username, actor.unit.name if actor.unit_id else ""]


def _filter_description(filterset) -> str:
    active = filterset.active_filters()
    if not active:
        return _("全部")
    labels = {name: str(f.label) for name, f in filterset.filters.items()}
    return "；".join(f"{labels.get(k, k)}={v}" for k, v in active.items())


class AuditPageMixin(PermissionRequiredMixin):
    permission_required = "core.view_audit"
    tab = ""
    page_title = ""

    def querystring(self) -> str:
        params = self.request.GET.copy()
        params.pop("page", None)
        params.pop("export", None)
        return params.urlencode()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(tab=self.tab, page_title=self.page_title, querystring=self.querystring())
        return ctx


class _FilteredListView(AuditPageMixin, TemplateView):
    filterset_class = None

    def base_queryset(self):
        raise NotImplementedError

    def prepare(self, rows):
        """Decorate one page (or one export chunk) of rows for display."""

    def export(self, filterset):
        raise NotImplementedError

    def get_filterset(self):
        return self.filterset_class(
            self.request.GET or None, queryset=self.base_queryset(), request=self.request
        )

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset()
        if request.GET.get("export") == "xlsx":
            return self.export(self.filterset)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = Paginator(self.filterset.qs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        rows = list(page.object_list)
        self.prepare(rows)
        ctx.update(filter=self.filterset, page_obj=page, rows=rows)
        return ctx


class ChangeLogView(_FilteredListView):
    """数据变更: every create / update / delete of a registered model, with who, what, when, where."""

    template_name = "audit/index.html"
    filterset_class = LogEntryFilter
    tab = "index"
    page_title = gettext_lazy("数据变更")

    def base_queryset(self):
        return selectors.logentry_list(user=self.request.user)

    def prepare(self, rows):
        describe_changes(rows)

    def export(self, filterset):
        def rows():
            for chunk in _chunks(filterset.qs.iterator(chunk_size=EXPORT_CHUNK), EXPORT_CHUNK):
                describe_changes(chunk)
                for e in chunk:
                    yield [
                        e.timestamp,
                        *_actor_columns(e),
                        e.remote_addr,
                        e.action_label,
                        e.model_name,
                        e.object_pk,
                        e.object_repr,
                        changes_text(e),
                    ]

        return xlsx_response(
            request=self.request,
            filename=_("审计日志-数据变更.xlsx"),
            headers=[
                _("时间"),
                _("操作人"),
                _("用户名"),
                _("单位"),
                _("IP 地址"),
                _("操作"),
                _("数据类型"),
                _("记录编号"),
                _("记录"),
                _("变更内容"),
            ],
            column_widths=[20, 12, 14, 22, 16, 8, 16, 10, 36, 80],
            rows_iterable=rows(),
            model_label="auditlog.logentry",
            sheet_title=_("数据变更"),
            description=_("导出审计日志（数据变更），筛选：%(f)s") % {"f": _filter_description(filterset)},
        )


class AccessLogView(_FilteredListView):
    """访问记录: revealed personal data, exports, downloads and printed documents."""

    template_name = "audit/access.html"
    filterset_class = AccessLogFilter
    tab = "access"
    page_title = gettext_lazy("访问记录")

    def base_queryset(self):
        return selectors.accesslog_list(user=self.request.user)

    def prepare(self, rows):
        names = {}
        for row in rows:
            if row.model_label not in names:
                names[row.model_label] = model_verbose_name(row.model_label) if row.model_label else ""
            row.model_name = names[row.model_label]

    def export(self, filterset):
        def rows():
            for chunk in _chunks(filterset.qs.iterator(chunk_size=EXPORT_CHUNK), EXPORT_CHUNK):
                self.prepare(chunk)
                for a in chunk:
                    yield [
                        a.created_at,
                        a.user_display,
                        a.username,
                        a.unit_name,
                        a.ip_address,
                        a.get_action_display(),
                        a.model_name,
                        a.object_id,
                        a.object_repr,
                        a.description,
                        a.path,
                    ]

        return xlsx_response(
            request=self.request,
            filename=_("审计日志-访问记录.xlsx"),
            headers=[
                _("时间"),
                _("姓名"),
                _("用户名"),
                _("单位"),
                _("IP 地址"),
                _("操作"),
                _("数据类型"),
                _("记录编号"),
                _("记录"),
                _("说明"),
                _("请求地址"),
            ],
            column_widths=[20, 12, 14, 22, 16, 14, 16, 10, 30, 50, 40],
            rows_iterable=rows(),
            model_label="core.accesslog",
            sheet_title=_("访问记录"),
            description=_("导出审计日志（访问记录），筛选：%(f)s") % {"f": _filter_description(filterset)},
        )


LOGIN_TABS = (
    ("logins", gettext_lazy("登录成功")),
    ("failures", gettext_lazy("登录失败与锁定")),
    ("attempts", gettext_lazy("当前失败计数")),
)


class LoginLogView(_FilteredListView):
    """登录记录 (django-axes): successful logins and logouts, failures (with lock-outs), live counters."""

    template_name = "audit/logins.html"
    filterset_class = LoginFilter
    tab = "logins"
    page_title = gettext_lazy("登录记录")

    @property
    def kind(self) -> str:
        kind = self.request.GET.get("kind", "logins")
        return kind if kind in selectors.LOGIN_KINDS else "logins"

    def base_queryset(self):
        return selectors.login_log_list(user=self.request.user, kind=self.kind)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        for key in ("page", "export", "kind"):
            params.pop(key, None)
        ctx.update(
            kind=self.kind,
            login_tabs=LOGIN_TABS,
            tab_querystring=params.urlencode(),
            failure_limit=settings.AXES_FAILURE_LIMIT,
        )
        return ctx

    def export(self, filterset):
        kind = self.kind

        def rows():
            for r in filterset.qs.iterator(chunk_size=EXPORT_CHUNK):
                if kind == "logins":
                    yield [r.attempt_time, r.username, r.ip_address, r.logout_time, r.user_agent]
                elif kind == "failures":
                    yield [r.attempt_time, r.username, r.ip_address, r.locked_out, r.user_agent]
                else:
                    locked = r.failures_since_start >= settings.AXES_FAILURE_LIMIT
                    yield [
                        r.attempt_time,
                        r.username,
                        r.ip_address,
                        r.failures_since_start,
                        locked,
                        r.user_agent,
                    ]

        headers = {
            "logins": [_("登录时间"), _("用户名"), _("IP 地址"), _("退出时间"), _("浏览器")],
            "failures": [_("时间"), _("用户名"), _("IP 地址"), _("已锁定"), _("浏览器")],
            "attempts": [
                _("最近失败时间"),
                _("用户名"),
                _("IP 地址"),
                _("失败次数"),
                _("已锁定"),
                _("浏览器"),
            ],
        }[kind]
        label = dict(LOGIN_TABS)[kind]
        return xlsx_response(
            request=self.request,
            filename=_("审计日志-%(label)s.xlsx") % {"label": label},
            headers=headers,
            rows_iterable=rows(),
            model_label={
                "logins": "axes.accesslog",
                "failures": "axes.accessfailurelog",
                "attempts": "axes.accessattempt",
            }[kind],
            sheet_title=str(label),
            description=_("导出登录记录（%(label)s），筛选：%(f)s")
            % {"label": label, "f": _filter_description(filterset)},
        )


class ObjectHistoryView(XlsxExportMixin, AuditPageMixin, TemplateView):
    """One record's history: who changed what, when, from where — and who read or exported it."""

    template_name = "audit/object.html"
    tab = "index"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.record_type = get_object_or_404(ContentType, pk=kwargs["content_type_id"])
        self.object_pk = kwargs["object_pk"]

    @property
    def page_title(self):
        return _("记录历史：%(model)s #%(pk)s") % {
            "model": content_type_verbose_name(self.record_type),
            "pk": self.object_pk,
        }

    def _live_object(self):
        """The record itself, only if it is in the reader's jurisdiction: a county's auditor must not
        learn the names behind other counties' records by walking /audit/object/<type>/<pk>/."""
        model = self.record_type.model_class()
        if model is None:
            return None
        user = self.request.user
        manager = model._default_manager
        if hasattr(manager, "visible_to"):
            qs = manager.visible_to(user)
        elif selectors.audit_sees_everything(user):
            qs = model._base_manager.all()
        else:
            return None
        try:
            return qs.filter(pk=self.object_pk).first()
        except (ValueError, TypeError, ValidationError):
            return None

    def _entries(self):
        return selectors.object_history(
            user=self.request.user, content_type=self.record_type, object_pk=self.object_pk
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = Paginator(self._entries(), PAGE_SIZE).get_page(self.request.GET.get("page"))
        rows = list(page.object_list)
        describe_changes(rows)
        accesses = list(
            selectors.object_accesses(
                user=self.request.user, content_type=self.record_type, object_pk=self.object_pk
            )[:100]
        )
        ctx.update(
            record_type=self.record_type,
            model_name=content_type_verbose_name(self.record_type),
            object_pk=self.object_pk,
            live_object=self._live_object(),
            latest_repr=rows[0].object_repr if rows else "",
            page_obj=page,
            rows=rows,
            accesses=accesses,
        )
        return ctx

    def export(self):
        def rows():
            for chunk in _chunks(self._entries().iterator(chunk_size=EXPORT_CHUNK), EXPORT_CHUNK):
                describe_changes(chunk)
                for e in chunk:
                    yield [
                        e.timestamp,
                        *_actor_columns(e),
                        e.remote_addr,
                        e.action_label,
                        e.object_repr,
                        changes_text(e),
                    ]

        return xlsx_response(
            request=self.request,
            filename=_("记录历史-%(model)s-%(pk)s.xlsx")
            % {"model": content_type_verbose_name(self.record_type), "pk": self.object_pk},
            headers=[
                _("时间"),
                _("操作人"),
                _("用户名"),
                _("单位"),
                _("IP 地址"),
                _("操作"),
                _("记录"),
                _("变更内容"),
            ],
            column_widths=[20, 12, 14, 22, 16, 8, 36, 80],
            rows_iterable=rows(),
            model_label=f"{self.record_type.app_label}.{self.record_type.model}",
            sheet_title=_("记录历史"),
            description=_("导出记录历史：%(model)s #%(pk)s")
            % {"model": content_type_verbose_name(self.record_type), "pk": self.object_pk},
        )
