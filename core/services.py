"""Writes of the kernel: attachments (upload, soft delete)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .attachments import AttachmentRejected, check_file, sanitize_filename, sha256_of
from .exceptions import ApplicationError
from .models import Attachment


def _records_of(record) -> list:
    """`record` and the records its generic foreign keys point to (a deadline's case)."""
    out = [record]
    for field in record._meta.private_fields:
        if isinstance(field, GenericForeignKey):
            parent = getattr(record, field.name, None)
            if parent is not None and parent is not record:
                out.append(parent)
    return out


def attachment_upload_refusal(record) -> str:
    """Why nothing more may be filed with `record`: an archived record (its `archived_on` set, or
    that of the record it belongs to) is closed — its file is what was archived. "" when open."""
    if any(getattr(r, "archived_on", None) for r in _records_of(record)):
        return str(_("该案件已归档，不能再上传附件。"))
    return ""


def attachment_upload(*, record, files: Sequence[UploadedFile], user) -> list[Attachment]:
    """File `files` with `record`, all or nothing.

    Every file is checked first (content type by magic bytes, extension agreeing with it, size); if any
    is refused, none is stored and AttachmentRejected lists one Chinese message per refused file. The
    attachments take the record's unit, so they are seen exactly where the record is seen.
    """
    refusal = attachment_upload_refusal(record)
    if refusal:
        raise ApplicationError(refusal, extra={"errors": [refusal]})
    files = list(files)
    if not files:
        raise AttachmentRejected(_("请选择要上传的文件。"), extra={"errors": [_("请选择要上传的文件。")]})
    org_unit_id = getattr(record, "org_unit_id", None)
    if record.pk is None or org_unit_id is None:
        raise ApplicationError(_("该记录没有所属单位，不能添加附件。"))

    checked, errors = [], []
    for uploaded in files:
        name = sanitize_filename(uploaded.name)
        try:
            checked.append((uploaded, name, check_file(uploaded, name)))
        except AttachmentRejected as exc:
            errors.append(str(exc.message))
    if errors:
        raise AttachmentRejected(
            _("%(count)d 个文件未通过检查，本次上传的文件均未保存。") % {"count": len(errors)},
            extra={"errors": errors},
        )

    content_type = ContentType.objects.get_for_model(record)
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            for uploaded, name, file_type in checked:
                attachment = Attachment(
                    content_type=content_type,
                    object_id=record.pk,
                    org_unit_id=org_unit_id,
                    original_name=name,
                    kind=file_type.kind,
                    mime_type=file_type.mime,
                    size=uploaded.size,
                    sha256=sha256_of(uploaded),
                    uploaded_by=user,
                )
                uploaded.seek(0)
                attachment.file.save("upload", uploaded, save=False)  # name comes from upload_to
                stored.append(attachment)
                attachment.full_clean()
                attachment.save()
    except Exception:
        # The rows rolled back; remove the files written so far so nothing half-uploaded remains.
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return stored


def attachment_delete(*, attachment: Attachment, user) -> Attachment:
    """Withdraw an attachment from its record. The row and the file are kept (legal records are never
    hard-deleted); the audit log shows who removed it and when."""
    with transaction.atomic():
        locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
        if locked.is_deleted:
            raise ApplicationError(_("该附件已被删除。"))
        locked.is_deleted = True
        locked.deleted_at = timezone.now()
        locked.deleted_by = user
        locked.full_clean()
        locked.save(update_fields=["is_deleted", "deleted_at", "deleted_by"])
    return locked
