"""Shared kernel base models: timestamps, optimistic locking, jurisdiction scoping."""

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import JurisdictionQuerySet


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """Optimistic locking: forms carry `version`; services compare it under select_for_update."""

    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        abstract = True


class ScopedModel(TimeStampedModel):
    """A record that belongs to an org unit and is seen only within a user's jurisdiction."""

    org_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("所属单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        abstract = True


class RecordedModel(models.Model):
    """A record of a case file: who entered it (登记人) and when (记录时间). `created_by` is set by the
    service from its actor, never from a form; it is empty for what the system recorded by itself
    (and for rows brought in without one), which must not stop a later edit from validating."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        abstract = True


class WorkflowEvent(models.Model):
    """One step of a record's timeline with its legal basis (docs/workflow.md, "the event log"): written
    by the services through `core.workflow`, never edited. A concrete event adds the foreign key to its
    record, `kind = event_kind_field(...)`, `from_status, to_status = status_fields(...)`, its
    manager and its Meta (ordering and an index on the record, the date and the time recorded)."""

    date = models.DateField(_("日期"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    basis = models.CharField(_("法律依据"), max_length=200, blank=True)
    note = models.TextField(_("说明"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


def event_kind_field(choices) -> models.CharField:
    """The `kind` of a WorkflowEvent: what happened (事项)."""
    return models.CharField(_("事项"), max_length=24, choices=choices.choices)


def status_fields(choices, max_length: int) -> tuple[models.CharField, models.CharField]:
    """The `from_status` and `to_status` of a WorkflowEvent (empty for a step that changes no state)."""
    return (
        models.CharField(_("原状态"), max_length=max_length, choices=choices.choices, blank=True),
        models.CharField(_("新状态"), max_length=max_length, choices=choices.choices, blank=True),
    )


# ---------------------------------------------------------------------------------------------------
# Kernel records: attachments and the access log (docs/architecture.md, kernel pieces).
# ---------------------------------------------------------------------------------------------------


def attachment_upload_to(instance, filename):
    """attachments/YYYY/MM/<random hex>: the user's file name never reaches the file system."""
    now = timezone.localtime()
    return f"attachments/{now:%Y}/{now:%m}/{uuid.uuid4().hex}"


class AttachmentKind(models.TextChoices):
    """The allow-list of attachment types, each recognised by its content (core.attachments)."""

    PDF = "pdf", _("PDF 文档")
    JPG = "jpg", _("JPEG 图片")
    PNG = "png", _("PNG 图片")
    DOCX = "docx", _("Word 文档")
    XLSX = "xlsx", _("Excel 表格")
    OFD = "ofd", _("OFD 版式文档")


class AttachmentQuerySet(JurisdictionQuerySet):
    def active(self):
        return self.filter(is_deleted=False)

    def for_record(self, record):
        return self.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)


class Attachment(models.Model):
    """附件: one file (scan, photo, signed document) filed with one record of the system.

    The attachment belongs to its record's unit (copied at upload), so whoever may not see the record
    may not see its files either. Files are stored under a random name; legal records are never
    hard-deleted — removal sets `is_deleted` and keeps the file.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", verbose_name=_("记录类型"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    record = GenericForeignKey("content_type", "object_id")
    org_unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("文件"), upload_to=attachment_upload_to, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200)
    kind = models.CharField(_("文件类型"), max_length=8, choices=AttachmentKind.choices)
    mime_type = models.CharField(_("MIME 类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256 摘要"), max_length=64, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    is_deleted = models.BooleanField(_("已删除"), default=False)
    deleted_at = models.DateTimeField(_("删除时间"), null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("删除人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["-uploaded_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-uploaded_at"], name="core_attachment_record"),
            models.Index(fields=["-uploaded_at", "-id"], name="core_attachment_uploaded"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_deleted=False) | models.Q(deleted_at__isnull=False),
                name="%(app_label)s_%(class)s_deleted_has_time",
                violation_error_message=_("已删除的附件必须记录删除时间。"),
            ),
        ]

    def __str__(self):
        return self.original_name


class AccessAction(models.TextChoices):
    REVEAL = "reveal", _("查看未脱敏信息")
    EXPORT = "export", _("导出")
    DOWNLOAD = "download", _("下载")
    PRINT = "print", _("打印")


class AccessLog(models.Model):
    """访问日志: one reading of protected data — personal data revealed, records exported, a file
    downloaded or a document printed. Append-only: on PostgreSQL a trigger refuses UPDATE and DELETE.

    The user's name and unit are copied at the time of access, so the entry still reads true after the
    user is renamed or moves to another unit.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_logs",
    )
    username = models.CharField(_("用户名"), max_length=150)
    user_display = models.CharField(_("姓名"), max_length=150, blank=True)
    unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("所在单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_logs",
    )
    unit_name = models.CharField(_("单位名称"), max_length=100, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    action = models.CharField(_("操作"), max_length=12, choices=AccessAction.choices, db_index=True)
    model_label = models.CharField(_("数据类型"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("记录编号"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("记录"), max_length=255, blank=True)
    description = models.CharField(_("说明"), max_length=500, blank=True)
    path = models.CharField(_("请求地址"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("访问日志")
        verbose_name_plural = _("访问日志")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="core_accesslog_recent")]
        permissions = [("view_audit", _("查看审计日志"))]

    def __str__(self):
        return f"{self.username} {self.get_action_display()} {self.object_repr or self.model_label}"


class NumberSequence(models.Model):
    """编号序列: the last serial issued in one number series — per scope (a reconsideration body, an
    agency, a court …, named by the app), year and series (案号 or a kind of document).

    Taken only through `core.numbering`, which locks the row until the caller's transaction ends.
    """

    scope = models.CharField(_("编号范围"), max_length=60)
    year = models.PositiveSmallIntegerField(_("年度"))
    series = models.CharField(_("编号类别"), max_length=30, blank=True)
    last_value = models.PositiveIntegerField(_("已用序号"), default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = _("编号序列")
        ordering = ["scope", "-year", "series"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "year", "series"],
                name="core_numbersequence_one_per_scope_year_series",
                violation_error_message=_("同一编号范围同一年度同一类别只有一个编号序列。"),
            )
        ]

    def __str__(self):
        return f"{self.scope} {self.year} {self.series}: {self.last_value}"


auditlog.register(Attachment)
auditlog.register(NumberSequence)
# AccessLog is itself an audit record (append-only); logging its inserts again would only add noise.
