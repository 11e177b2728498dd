"""In-app notifications (the bell) and the e-mails sent for them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ReminderStage


class Notification(models.Model):
    """通知: one reminder to one user. Unique on (deadline, stage, recipient): a rerun, a redelivered
    task or a restarted worker can never create — and so never send — the same reminder twice."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接收人"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    deadline = models.ForeignKey(
        "deadlines.Deadline",
        verbose_name=_("期限"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
    )
    stage = models.CharField(_("提醒阶段"), max_length=40, choices=ReminderStage.choices)
    dedupe_key = models.CharField(_("去重键"), max_length=120, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "stage", "recipient", "dedupe_key"],
                name="%(app_label)s_%(class)s_once_per_stage",
                violation_error_message=_("同一期限同一阶段的提醒只发送一次。"),
            ),
            models.UniqueConstraint(
                fields=["recipient", "stage", "dedupe_key"],
                condition=models.Q(deadline__isnull=True),
                name="%(app_label)s_%(class)s_once_per_key",
                violation_error_message=_("同一事项的提醒只发送一次。"),
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="deadlines_notif_unread")]

    def __str__(self):
        return self.title

    @property
    def is_read(self):
        return self.read_at is not None
