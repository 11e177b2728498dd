"""Running statutory clocks and their events."""

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import JurisdictionQuerySet
from core.models import TimeStampedModel, VersionedModel

from ..choices import DeadlineEventKind, DeadlineStatus


class DeadlineQuerySet(JurisdictionQuerySet):
    def open(self):
        return self.filter(status=DeadlineStatus.OPEN)


class Deadline(TimeStampedModel, VersionedModel):
    """法定期限: one running statutory clock of one record (e.g. a case's 复议决定期限).

    The due date is always computed by `deadlines.engine.compute` from the rule, the trigger date,
    extensions and suspensions — never typed. `trace` keeps the derivation shown to users.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("记录类型"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    record = GenericForeignKey("content_type", "object_id")
    org_unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="deadlines"
    )
    rule_code = models.CharField(_("期限规则"), max_length=64, db_index=True)
    subject = models.CharField(_("事项"), max_length=200, help_text=_("如：天复〔2026〕12号 复议决定期限"))
    trigger_date = models.DateField(_("起算日"))
    raw_end = models.DateField(_("原始届满日"))
    due_date = models.DateField(_("到期日"), db_index=True)
    extension_days = models.PositiveIntegerField(_("延长天数"), default=0)
    trace = models.JSONField(_("计算过程"), default=list)
    calendar_verified = models.BooleanField(_("日历已核实"), default=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    is_suspended = models.BooleanField(_("中止中"), default=False)
    closed_on = models.DateField(_("完成日期"), null=True, blank=True)
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("责任人"), related_name="deadlines", blank=True
    )

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("法定期限")
        verbose_name_plural = _("法定期限")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="deadlines_status_due"),
            models.Index(fields=["content_type", "object_id"], name="deadlines_record"),
            # One mechanism's open clocks by due date (a case list's 即将到期 / 已超期 badges and
            # tabs): at scale 10 most open overdue clocks belong to other record kinds.
            models.Index(fields=["content_type", "status", "due_date"], name="deadlines_kind_status_due"),
        ]
        permissions = [
            ("approve_extension", _("批准延长法定期限")),
            ("view_unit_deadlines", _("查看本单位及下级单位期限")),
        ]

    def __str__(self):
        return f"{self.subject}（{self.due_date:%Y-%m-%d}）"

    @property
    def calendar_warning(self) -> bool:
        """Warn that the due date rests on a year whose holidays are not entered — only while the
        clock runs: a met, missed or cancelled deadline is settled by the day it closed."""
        return not self.calendar_verified and self.status == DeadlineStatus.OPEN


class DeadlineEvent(models.Model):
    """期限事件: start, suspension, resumption, extension, recomputation, completion, cancellation."""

    deadline = models.ForeignKey(
        Deadline, verbose_name=_("期限"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("事件"), max_length=12, choices=DeadlineEventKind.choices)
    date = models.DateField(_("事件日期"))
    days = models.PositiveIntegerField(_("天数"), default=0)
    reference = models.CharField(_("书面通知文号"), max_length=100, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    due_before = models.DateField(_("变更前到期日"), null=True, blank=True)
    due_after = models.DateField(_("变更后到期日"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("期限事件")
        verbose_name_plural = _("期限事件")
        ordering = ["deadline", "created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}"


auditlog.register(Deadline, m2m_fields={"responsible"})
auditlog.register(DeadlineEvent)
