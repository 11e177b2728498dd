"""行政执法监督通知书 / 意见书 with its rectification clock, the agency's reply and the verification."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin

from accounts.jurisdiction import scoped_queryset
from core.models import ScopedModel, VersionedModel, WorkflowEvent, event_kind_field, status_fields
from enforcement.models import EnforcementAgency

from ..choices import NOTICE_WORKFLOW, NoticeEventKind, NoticeKind, NoticeSource, NoticeStatus
from .filing import DecisionFiling
from .review import ReviewedFile


class SupervisionNotice(NOTICE_WORKFLOW.fsm_mixin(), FSMModelMixin, ScopedModel, VersionedModel):
    """A notice to one agency. `org_unit` is the agency's unit (it sees its own notices; the bureau
    above sees them all). The rectification clock `sup.rectification` runs from `received_on`."""

    number = models.CharField(_("文号"), max_length=40, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    serial = models.PositiveIntegerField(_("序号"), editable=False)
    kind = models.CharField(
        _("文书类型"), max_length=10, choices=NoticeKind.choices, default=NoticeKind.NOTICE
    )
    source = models.CharField(_("来源"), max_length=12, choices=NoticeSource.choices)
    agency = models.ForeignKey(
        EnforcementAgency, verbose_name=_("被监督机关"), on_delete=models.PROTECT, related_name="notices"
    )
    reviewed_file = models.ForeignKey(
        ReviewedFile,
        verbose_name=_("评查案卷"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
    )
    filing = models.ForeignKey(
        DecisionFiling,
        verbose_name=_("备案"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
    )
    special_campaign = models.ForeignKey(
        "supervision.SpecialCampaign",
        verbose_name=_("专项整治"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
    )
    follow_up_of = models.ForeignKey(
        "self",
        verbose_name=_("前次通知书"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    problem = models.TextField(_("存在问题"), max_length=3000)
    legal_basis = models.CharField(_("法律依据"), max_length=500)
    requirement = models.TextField(_("整改要求"), max_length=2000)
    issued_on = models.DateField(_("制发日期"))
    received_on = models.DateField(_("送达日期"))
    due_on = models.DateField(_("整改期限"), null=True, blank=True, editable=False)
    reply = models.TextField(_("整改情况"), max_length=3000, blank=True)
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    verified_on = models.DateField(_("核查日期"), null=True, blank=True)
    verification = models.CharField(_("核查意见"), max_length=1000, blank=True)
    escalated = models.BooleanField(_("已报告上级领导"), default=False, editable=False)
    status = FSMField(
        _("状态"), max_length=14, choices=NoticeStatus.choices, default=NoticeStatus.ISSUED, protected=True
    )

    class Meta:
        verbose_name = _("行政执法监督通知书")
        verbose_name_plural = _("行政执法监督通知书")
        ordering = ["-issued_on", "-id"]
        indexes = [
            models.Index(fields=["-issued_on", "-id"], name="sup_notice_issued"),
            models.Index(fields=["org_unit", "status"], name="sup_notice_unit_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "serial"],
                name="%(app_label)s_%(class)s_serial_per_year",
                violation_error_message=_("同一年度的通知书序号不得重复。"),
            ),
            models.CheckConstraint(
                condition=models.Q(received_on__gte=models.F("issued_on")),
                name="%(app_label)s_%(class)s_received_after_issue",
                violation_error_message=_("送达日期不能早于制发日期。"),
            ),
        ]
        permissions = [
            ("supervise", _("执法监督（备案审查、案卷评查、监督通知）")),
            ("reply_supervisionnotice", _("回复行政执法监督通知书")),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("supervision:notice_detail", kwargs={"pk": self.pk})

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude={*(exclude or ()), "status"})


class NoticeEvent(WorkflowEvent):
    """通知书日志: one step with its legal basis. Written by the services."""

    notice = models.ForeignKey(
        SupervisionNotice, verbose_name=_("通知书"), on_delete=models.PROTECT, related_name="events"
    )
    kind = event_kind_field(NoticeEventKind)
    from_status, to_status = status_fields(NoticeStatus, max_length=14)

    objects = scoped_queryset("notice__org_unit").as_manager()

    class Meta:
        verbose_name = _("通知书日志")
        verbose_name_plural = _("通知书日志")
        ordering = ["notice", "date", "created_at", "id"]
        indexes = [models.Index(fields=["notice", "date", "created_at", "id"], name="sup_nevent_notice")]


auditlog.register(SupervisionNotice)
auditlog.register(NoticeEvent)
