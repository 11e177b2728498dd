"""Handling a case: the three tiers' written opinions, hearings, mediation and opinion letters."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import JurisdictionQuerySet
from core.models import RecordedModel

from ..choices import DecisionOutcome, HearingMethod, MediationResult, OpinionTier, StayGround
from .case import CaseChildQuerySet, ReconsiderationCase


class CaseOpinion(models.Model):
    """办案意见: one tier's written opinion in the 三级办案模式 — the handler's draft (承办人), the
    office's review (复议机构) or the committee's consultation opinion (复议委员会, 第五十二条).
    Kept with author and time; never edited (a new opinion is added instead)."""

    case = models.ForeignKey(
        ReconsiderationCase, verbose_name=_("行政复议案件"), on_delete=models.PROTECT, related_name="opinions"
    )
    tier = models.CharField(_("层级"), max_length=10, choices=OpinionTier.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提出人"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("意见"))
    proposed_outcome = models.CharField(
        _("建议处理结果"), max_length=24, choices=DecisionOutcome.choices, blank=True
    )
    agrees = models.BooleanField(
        _("同意承办人意见"), null=True, blank=True, help_text=_("复议机构审核时填写。")
    )
    consultation = models.OneToOneField(
        "reconsideration.CommitteeConsultation",
        verbose_name=_("委员会咨询"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_opinion",
    )
    written_on = models.DateField(_("意见日期"))
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("办案意见")
        verbose_name_plural = _("办案意见")
        ordering = ["case", "created_at", "id"]
        indexes = [models.Index(fields=["case", "tier"], name="recon_opinion_case_tier")]
        constraints = [
            models.CheckConstraint(
                condition=Q(tier=OpinionTier.COMMITTEE, consultation__isnull=False)
                | (~Q(tier=OpinionTier.COMMITTEE) & Q(consultation__isnull=True)),
                name="%(app_label)s_%(class)s_committee_has_consultation",
                violation_error_message=_("复议委员会意见须来自一次委员会咨询。"),
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.get_tier_display()}"


class Hearing(RecordedModel):
    """听证 (第五十条、第五十一条): a presiding officer, two or more hearing officers and a clerk; the
    parties notified in writing at least 5 working days before; the respondent's head attends or gives
    a reason. The record (听证笔录) is an attachment (core.Attachment) of this row."""

    #: its clocks move only through the case services (deadlines' own actions are refused)
    clocks_follow_workflow = True

    case = models.ForeignKey(
        ReconsiderationCase, verbose_name=_("行政复议案件"), on_delete=models.PROTECT, related_name="hearings"
    )
    org_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("行政复议机关"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("同案件的复议机关；附件（听证笔录、落实情况报告）据此确定可见范围。"),
    )
    date = models.DateField(_("听证日期"))
    start_time = models.TimeField(_("开始时间"), null=True, blank=True)
    place = models.CharField(_("听证地点"), max_length=200)
    matters = models.TextField(_("拟听证事项"))
    presiding = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("主持人"),
        on_delete=models.PROTECT,
        related_name="recon_hearings_presided",
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("听证员"), related_name="recon_hearings_as_officer"
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("记录员"),
        on_delete=models.PROTECT,
        related_name="recon_hearings_as_clerk",
    )
    notice_sent_on = models.DateField(_("听证通知发出日期"))
    notice_number = models.CharField(_("听证通知书文号"), max_length=50, blank=True)
    requested_by_applicant = models.BooleanField(_("应申请人请求举行"), default=False)
    held = models.BooleanField(_("已举行"), default=False)
    respondent_head_attended = models.BooleanField(_("被申请人负责人参加"), null=True, blank=True)
    respondent_head_absence_reason = models.TextField(_("负责人未参加的理由"), blank=True)
    respondent_delegate = models.CharField(_("受委托参加的工作人员"), max_length=100, blank=True)
    applicant_absent_without_reason = models.BooleanField(
        _("申请人无正当理由拒不参加"), default=False, help_text=_("第五十一条第二款：视为放弃听证权利。")
    )
    record_summary = models.TextField(_("听证情况"), blank=True)

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("听证")
        verbose_name_plural = _("听证")
        ordering = ["case", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(notice_sent_on__lte=models.F("date")),
                name="%(app_label)s_%(class)s_notice_before_hearing",
                violation_error_message=_("听证通知须在听证日期之前发出。"),
            ),
        ]

    def __str__(self):
        return f"{self.case} {_('听证')} {self.date:%Y-%m-%d}"


class MediationSession(RecordedModel):
    """调解 (第五条、第七十三条): one mediation session of the case and its result (能调尽调)."""

    case = models.ForeignKey(
        ReconsiderationCase,
        verbose_name=_("行政复议案件"),
        on_delete=models.PROTECT,
        related_name="mediation_sessions",
    )
    held_on = models.DateField(_("调解日期"))
    participants_note = models.TextField(_("参加人员"))
    result = models.CharField(_("调解结果"), max_length=12, choices=MediationResult.choices)
    note = models.TextField(_("调解情况"), blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("调解记录")
        verbose_name_plural = _("调解记录")
        ordering = ["case", "held_on", "id"]

    def __str__(self):
        return f"{self.case} {_('调解')} {self.held_on:%Y-%m-%d}"


class OpinionLetter(RecordedModel):
    """行政复议意见书 (第七十六条): sent to the respondent or another lower agency whose act was
    illegal or improper; the agency reports the correction within 60 days of receipt
    (`recon.opinion_letter_report`, a clock on this row)."""

    #: its clocks move only through the case services (deadlines' own actions are refused)
    clocks_follow_workflow = True

    case = models.ForeignKey(
        ReconsiderationCase,
        verbose_name=_("行政复议案件"),
        on_delete=models.PROTECT,
        related_name="opinion_letters",
    )
    org_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("行政复议机关"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("同案件的复议机关；附件（听证笔录、落实情况报告）据此确定可见范围。"),
    )
    agency = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("受文机关"),
        on_delete=models.PROTECT,
        related_name="recon_opinion_letters",
    )
    document_number = models.CharField(_("意见书文号"), max_length=50, blank=True)
    content = models.TextField(_("意见内容"))
    sent_on = models.DateField(_("制发日期"))
    received_on = models.DateField(_("受文机关收到日期"), null=True, blank=True)
    report_received_on = models.DateField(_("收到落实情况报告日期"), null=True, blank=True)
    report_summary = models.TextField(_("落实情况"), blank=True)

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政复议意见书")
        verbose_name_plural = _("行政复议意见书")
        ordering = ["case", "sent_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=models.F("sent_on")),
                name="%(app_label)s_%(class)s_received_after_sent",
                violation_error_message=_("收到日期不能早于制发日期。"),
            ),
            models.CheckConstraint(
                condition=Q(report_received_on__isnull=True)
                | Q(received_on__isnull=False, report_received_on__gte=models.F("received_on")),
                name="%(app_label)s_%(class)s_report_after_receipt",
                violation_error_message=_("落实情况报告须在受文机关收到意见书之后。"),
            ),
        ]

    def __str__(self):
        return self.document_number or f"{self.case} {_('意见书')}"


class PartyHearing(RecordedModel):
    """听取意见记录 (复议法第四十九条): in the ordinary procedure the office hears the parties in person,
    online or by phone and records what they said; when the parties could not be heard for reasons of
    their own, the record says so and the case is reviewed in writing (书面审理)."""

    case = models.ForeignKey(
        ReconsiderationCase,
        verbose_name=_("行政复议案件"),
        on_delete=models.PROTECT,
        related_name="party_hearings",
    )
    heard_on = models.DateField(_("听取意见日期"))
    method = models.CharField(_("方式"), max_length=12, choices=HearingMethod.choices, blank=True)
    parties = models.CharField(_("听取意见的当事人"), max_length=200, blank=True)
    summary = models.TextField(_("意见内容"), max_length=5000)
    unreachable = models.BooleanField(
        _("因当事人原因不能听取意见"), default=False, help_text=_("第四十九条：可以书面审理。")
    )

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("听取意见记录")
        verbose_name_plural = _("听取意见记录")
        ordering = ["case", "heard_on", "id"]

    def __str__(self):
        return f"{self.case} {self.heard_on:%Y-%m-%d}"


class ExecutionStay(RecordedModel):
    """停止执行 (复议法第四十二条): during the case the act is executed unless one of the article's grounds
    applies; this records a stay — its ground, the day it was decided and why."""

    case = models.ForeignKey(
        ReconsiderationCase,
        verbose_name=_("行政复议案件"),
        on_delete=models.PROTECT,
        related_name="execution_stays",
    )
    ground = models.CharField(_("停止执行的情形"), max_length=8, choices=StayGround.choices)
    decided_on = models.DateField(_("决定停止执行日期"))
    reason = models.TextField(_("理由"), max_length=2000)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("停止执行记录")
        verbose_name_plural = _("停止执行记录")
        ordering = ["case", "decided_on", "id"]

    def __str__(self):
        return f"{self.case} {self.get_ground_display()}"


auditlog.register(CaseOpinion)
auditlog.register(ExecutionStay)
auditlog.register(PartyHearing)
auditlog.register(Hearing, m2m_fields={"officers"})
auditlog.register(MediationSession)
auditlog.register(OpinionLetter)
