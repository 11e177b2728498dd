"""Attachment views: upload (htmx), download, withdraw, and the reusable panel's context.

A record is reached by content type id + object id through its model's `objects.visible_to(user)`:
outside the user's jurisdiction it does not exist (404). Inside it, the user needs the attachment
permission *and* the permission to view that kind of record (403 otherwise).

A record that belongs to another record through a generic foreign key — a deadline (法定期限) to
its case — is no wider than that record: attaching to it or withdrawing from it needs the parent's
view and change permissions, seeing or downloading its files the parent's view permission, and the
parent must be in the user's jurisdiction (404 otherwise). A clock's files are the case's files.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, TooManyFilesSent
from django.http import FileResponse, Http404, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .attachments import ACCEPT_ATTRIBUTE
from .audit import log_access
from .documents import content_disposition
from .exceptions import ApplicationError
from .forms import AttachmentUploadForm
from .models import AccessAction, Attachment

PANEL_TEMPLATE = "core/attachments/panel.html"


def _view_perm(model) -> str:
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


def _allowed(user, perm: str, model) -> bool:
    return model is not None and user.has_perm(perm) and user.has_perm(_view_perm(model))


def _carries_jurisdiction(model) -> bool:
    if model is None or not hasattr(model._default_manager, "visible_to"):
        return False
    try:
        model._meta.get_field("org_unit")
    except FieldDoesNotExist:
        return False
    return True


def permission_parent(record):
    """The record whose permissions govern `record`'s attachments: the record a generic foreign key
    of it points to (a deadline's case), when that is a jurisdiction record; else `record` itself."""
    for field in record._meta.private_fields:
        if isinstance(field, GenericForeignKey):
            parent = getattr(record, field.name, None)
            if parent is not None and parent is not record and _carries_jurisdiction(type(parent)):
                return parent
    return record


def _parent_verdict(user, record, *, change: bool) -> str:
    """ "ok", "hidden" (parent outside the jurisdiction → 404) or "denied" (no permission → 403)."""
    parent = permission_parent(record)
    if parent is record:
        return "ok"
    model = type(parent)
    if not model._default_manager.visible_to(user).filter(pk=parent.pk).exists():
        return "hidden"
    perms = [_view_perm(model)]
    if change:
        perms.append(f"{model._meta.app_label}.change_{model._meta.model_name}")
    return "ok" if all(user.has_perm(p) for p in perms) else "denied"


def _require_parent(user, record, *, change: bool) -> None:
    verdict = _parent_verdict(user, record, change=change)
    if verdict == "hidden":
        raise Http404
    if verdict == "denied":
        raise PermissionDenied


def _resolve_record(request, content_type_id: int, object_id: int):
    """The record in the user's jurisdiction, or 404 (also for models that cannot carry attachments)."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    manager = getattr(model, "_default_manager", None)
    # An attachment is not a record that carries attachments (it has org_unit and visible_to too).
    if model is None or model is Attachment or not hasattr(manager, "visible_to"):
        raise Http404
    try:
        model._meta.get_field("org_unit")
    except FieldDoesNotExist as exc:
        raise Http404 from exc
    record = manager.visible_to(request.user).filter(pk=object_id).first()
    if record is None:
        raise Http404
    return record


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.headers.get("HX-Current-URL") or ""
    # A page of this site: its path is absolute. A bare word ("2025-02-30") would be taken by
    # redirect() for a URL pattern's name and fail (a 500 found by tests/test_fuzz_forms.py).
    if (
        candidate
        and urlsplit(candidate).path.startswith("/")
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return ""


def _record_url(record) -> str:
    get_url = getattr(record, "get_absolute_url", None)
    if callable(get_url):
        return get_url()
    return reverse("core:home")


def panel_context(request, record, *, errors=(), notice: str = "", next_url: str = "") -> dict:
    user = request.user
    model = type(record)
    content_type = ContentType.objects.get_for_model(record)
    may_view = _parent_verdict(user, record, change=False) == "ok"
    may_change = may_view and _parent_verdict(user, record, change=True) == "ok"
    can_view = may_view and _allowed(user, "core.view_attachment", model)
    closed = services.attachment_upload_refusal(record)
    return {
        "record": record,
        "panel_id": f"attachments-{content_type.pk}-{record.pk}",
        "attachments": list(selectors.attachment_list(user=user, record=record)) if can_view else [],
        "can_view": can_view,
        "can_add": may_change and _allowed(user, "core.add_attachment", model) and not closed,
        "closed_notice": closed,
        "can_delete": may_change and _allowed(user, "core.delete_attachment", model),
        "upload_url": reverse("core:attachment_upload", args=(content_type.pk, record.pk)),
        "accept": ACCEPT_ATTRIBUTE,
        "errors": list(errors),
        "notice": notice,
        "next_url": next_url or request.get_full_path(),
    }


def render_panel(request, record, *, status: int = 200, **kwargs) -> HttpResponse:
    html = render_to_string(PANEL_TEMPLATE, panel_context(request, record, **kwargs), request=request)
    return HttpResponse(html, status=status)


def _refuse(request, record, errors, *, next_url: str) -> HttpResponse:
    """400 with the reasons: the re-rendered panel for htmx, a page for a plain form post."""
    if request.htmx:
        return render_panel(request, record, status=400, errors=errors, next_url=next_url)
    return render(
        request,
        "core/attachments/upload_failed.html",
        {"errors": errors, "back_url": next_url or _record_url(record)},
        status=400,
    )


def _csrf_failure(request):
    """The CSRF check the middleware skipped (see attachment_upload); None when the token is good."""
    return CsrfViewMiddleware(lambda req: None).process_view(request, None, (), {})


@csrf_exempt  # CSRF is enforced below, once the body is parsed — see the docstring.
@require_POST
def attachment_upload(request, content_type_id: int, object_id: int):
    """Upload files to a record (all or nothing).

    Django refuses a body with more than DATA_UPLOAD_MAX_NUMBER_FILES files by raising
    TooManyFilesSent when the body is parsed. The CSRF middleware would parse it first and turn that
    into a bare 400, so this view is exempt from the middleware and runs the same CSRF check itself
    right after parsing: the too-many-files answer is a clear Chinese message and changes nothing.
    """
    record = _resolve_record(request, content_type_id, object_id)
    if not _allowed(request.user, "core.add_attachment", type(record)):
        raise PermissionDenied
    _require_parent(request.user, record, change=True)
    try:
        request.FILES  # noqa: B018 - parse the body now, where TooManyFilesSent can be answered
    except TooManyFilesSent:
        message = _("一次最多上传 100 个文件，本次上传的文件均未保存。请分批上传。")
        return _refuse(request, record, [message], next_url=_next_url(request))
    failure = _csrf_failure(request)
    if failure is not None:
        return failure

    next_url = _next_url(request)
    form = AttachmentUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [str(e) for errs in form.errors.values() for e in errs]
        return _refuse(request, record, errors, next_url=next_url)
    try:
        attachments = services.attachment_upload(
            record=record, files=form.cleaned_data["files"], user=request.user
        )
    except ApplicationError as exc:
        errors = exc.extra.get("errors") or [str(exc.message)]
        return _refuse(request, record, [str(e) for e in errors], next_url=next_url)

    notice = ngettext("已上传 %(count)d 个文件。", "已上传 %(count)d 个文件。", len(attachments)) % {
        "count": len(attachments)
    }
    if request.htmx:
        return render_panel(request, record, notice=notice, next_url=next_url)
    messages.success(request, notice)
    return redirect(next_url or _record_url(record))


@require_GET
def attachment_download(request, pk: int):
    """The file, as a download only (never rendered by the browser), recorded in the access log."""
    attachment = get_object_or_404(
        Attachment.objects.visible_to(request.user).active().select_related("content_type"), pk=pk
    )
    model = attachment.content_type.model_class()
    if not _allowed(request.user, "core.view_attachment", model):
        raise PermissionDenied
    record = model._default_manager.visible_to(request.user).filter(pk=attachment.object_id).first()
    if record is None:
        raise Http404
    _require_parent(request.user, record, change=False)
    try:
        handle = attachment.file.storage.open(attachment.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    log_access(
        request=request,
        action=AccessAction.DOWNLOAD,
        obj=attachment,
        description=_("下载附件：%(model)s #%(id)s")
        % {"model": model._meta.verbose_name, "id": attachment.object_id},
    )
    response = FileResponse(handle, content_type=attachment.mime_type)
    response["Content-Disposition"] = content_disposition(attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def attachment_delete(request, pk: int):
    """Withdraw an attachment (soft delete: the row and the file stay for the audit)."""
    attachment = get_object_or_404(
        Attachment.objects.visible_to(request.user).active().select_related("content_type"), pk=pk
    )
    model = attachment.content_type.model_class()
    if not _allowed(request.user, "core.delete_attachment", model):
        raise PermissionDenied
    record = model._default_manager.visible_to(request.user).filter(pk=attachment.object_id).first()
    if record is not None:
        _require_parent(request.user, record, change=True)
    next_url = _next_url(request)
    try:
        services.attachment_delete(attachment=attachment, user=request.user)
        notice, errors = _("已删除附件“%(name)s”。") % {"name": attachment.original_name}, []
    except ApplicationError as exc:
        notice, errors = "", [str(exc.message)]
    if request.htmx and record is not None:
        return render_panel(request, record, errors=errors, notice=notice, next_url=next_url)
    if errors:
        messages.error(request, errors[0])
    else:
        messages.success(request, notice)
    return redirect(next_url or (_record_url(record) if record is not None else reverse("core:home")))
