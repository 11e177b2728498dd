"""Four eyes: what a handler submits to the 复议机构负责人 (a decision, an extension) and the body's
record of who may sign decisions for it (复议法第六十一条第一款; docs/workflow.md "Four eyes")."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import scoped_queryset

from ..choices import ApprovalKind, ApprovalStatus
from .case import CaseChildQuerySet, ReconsiderationCase


class ApprovalRequest(models.Model):
    """报请审批 / 报请延期: the handler's submission, waiting in the approvers' queue until one of them
    approves it (then the decision or the extension takes effect, with the approver as 签发人 / 批准人)
    or returns it with a reason. `payload` holds the submitted values the approval passes on to the
    service that makes them take effect (`case_decide`, `case_extend`)."""

    case = models.ForeignKey(
        ReconsiderationCase,
        verbose_name=_("行政复议案件"),
        on_delete=models.PROTECT,
        related_name="approval_requests",
    )
    kind = models.CharField(_("事项"), max_length=12, choices=ApprovalKind.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    payload = models.JSONField(_("报请内容"), default=dict, blank=True)
    summary = models.CharField(_("报请事项摘要"), max_length=300)
    recommendation = models.CharField(
        _("各层级建议"),
        max_length=300,
        blank=True,
        help_text=_("报请时承办人、复议机构和委员会的建议处理结果。"),
    )
    departure_reason = models.TextField(
        _("不采纳建议的理由"),
        blank=True,
        help_text=_("拟作出的决定与承办人、复议机构或者复议委员会的建议不一致的，须说明理由。"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("报请人"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField(_("报请日期"))
    submitted_at = models.DateTimeField(_("报请时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("审批日期"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("报请审批")
        verbose_name_plural = _("报请审批")
        ordering = ["case", "submitted_at", "id"]
        indexes = [models.Index(fields=["status", "kind", "submitted_at"], name="recon_approval_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=Q(status=ApprovalStatus.PENDING),
                name="recon_approval_one_pending",
                violation_error_message=_("本案已有同一事项待审批。"),
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.get_kind_display()}"


class SignerAuthorisation(models.Model):
    """签发授权: the reconsideration body (its 机关负责人) authorises a 复议机构负责人 to sign its decisions
    (复议法第六十一条第一款 "经行政复议机关的负责人同意"), from a date, until a date or until revoked.
    Kept as a record, not a rule in code; managed in the Django admin."""

    body = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("行政复议机关"), on_delete=models.PROTECT, related_name="+"
    )
    authorised = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("被授权人"),
        on_delete=models.PROTECT,
        related_name="recon_signer_authorisations",
    )
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("授权人（机关负责人）"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    valid_from = models.DateField(_("授权起始日期"))
    valid_until = models.DateField(_("授权截止日期"), null=True, blank=True, help_text=_("留空为长期有效。"))
    reference = models.CharField(_("授权文件"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = scoped_queryset("body").as_manager()

    class Meta:
        verbose_name = _("签发授权")
        verbose_name_plural = _("签发授权")
        ordering = ["body", "-valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="recon_signer_authorisation_period",
                violation_error_message=_("授权截止日期不能早于起始日期。"),
            ),
        ]

    def __str__(self):
        return f"{self.body} → {self.authorised}"


auditlog.register(ApprovalRequest)
auditlog.register(SignerAuthorisation)
