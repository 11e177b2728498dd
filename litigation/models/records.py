"""Recommendations (检察建议, 司法建议) and the performance of effective judgments."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import RecordedModel

from ..choices import RecommendationKind
from .case import CaseChildQuerySet, LitigationCase


class Recommendation(RecordedModel):
    """检察建议 / 司法建议: a recommendation to the agency arising from the lawsuit, and its reply.
    A procuratorial recommendation runs `lit.procuratorial_reply` (2 months; 15 days if urgent); a
    judicial one (出庭规定第十二条) is tracked until replied."""

    case = models.ForeignKey(
        LitigationCase,
        verbose_name=_("行政应诉案件"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    kind = models.CharField(_("类型"), max_length=16, choices=RecommendationKind.choices)
    document_number = models.CharField(_("建议书文号"), max_length=60, blank=True)
    received_on = models.DateField(_("收到日期"))
    urgent = models.BooleanField(_("紧急情形"), default=False)
    content = models.TextField(_("建议内容"), max_length=2000)
    replied_on = models.DateField(_("回复日期"), null=True, blank=True)
    reply = models.TextField(_("回复及整改措施"), max_length=2000, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("检察建议/司法建议")
        verbose_name_plural = _("检察建议/司法建议")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["-received_on", "-id"], name="lit_recommendation_received")]
        constraints = [
            models.CheckConstraint(
                condition=Q(replied_on__isnull=True) | Q(replied_on__gte=models.F("received_on")),
                name="%(app_label)s_%(class)s_reply_after_receipt",
                violation_error_message=_("回复日期不能早于收到日期。"),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.document_number or self.received_on}"


class Performance(RecordedModel):
    """履行生效裁判: one action an effective judgment requires of the agency (行诉法第九十四条)."""

    case = models.ForeignKey(
        LitigationCase, verbose_name=_("行政应诉案件"), on_delete=models.PROTECT, related_name="performances"
    )
    required_action = models.CharField(_("应履行事项"), max_length=200)
    due_on = models.DateField(_("履行期限"))
    done_on = models.DateField(_("履行完毕日期"), null=True, blank=True)
    evidence = models.CharField(_("履行证明"), max_length=200, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("裁判履行")
        verbose_name_plural = _("裁判履行")
        ordering = ["case", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_on__isnull=True) | ~Q(evidence=""),
                name="%(app_label)s_%(class)s_done_has_evidence",
                violation_error_message=_("履行完毕须填写履行证明。"),
            ),
        ]

    def __str__(self):
        return self.required_action


auditlog.register(Recommendation)
auditlog.register(Performance)
