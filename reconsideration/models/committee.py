"""The reconsideration committee (行政复议委员会, 第五十二条) and the expert pool (专家咨询委员会)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import RecordedModel, ScopedModel, VersionedModel

from .case import CaseChildQuerySet, ReconsiderationCase


class ExpertConsultant(ScopedModel, VersionedModel):
    """咨询专家: a member of the body's expert pool (专家、学者) who may sit on the committee or be
    consulted on a case. `org_unit` is the reconsideration body whose pool it is."""

    name = models.CharField(_("姓名"), max_length=50)
    field = models.CharField(_("专业领域"), max_length=100)
    organisation = models.CharField(_("工作单位"), max_length=100, blank=True)
    title = models.CharField(_("职称或职务"), max_length=50, blank=True)
    is_active = models.BooleanField(_("在库"), default=True)

    class Meta:
        verbose_name = _("咨询专家")
        verbose_name_plural = _("咨询专家")
        ordering = ["org_unit", "name", "id"]
        indexes = [models.Index(fields=["org_unit", "is_active", "name"], name="recon_expert_pool")]

    def __str__(self):
        return f"{self.name}（{self.field}）"


class CommitteeMeeting(ScopedModel):
    """复议委员会会议: one meeting of the body's committee; the members present (staff of the relevant
    departments) and the external experts, and the cases it gave consultation opinions on."""

    date = models.DateField(_("会议日期"))
    place = models.CharField(_("会议地点"), max_length=200, blank=True)
    topic = models.CharField(_("会议议题"), max_length=200)
    chaired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("主持人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recon_committee_meetings_chaired",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("出席委员"),
        related_name="recon_committee_meetings",
        blank=True,
    )
    experts = models.ManyToManyField(
        ExpertConsultant, verbose_name=_("出席专家"), related_name="meetings", blank=True
    )
    note = models.TextField(_("会议情况"), blank=True)

    class Meta:
        verbose_name = _("复议委员会会议")
        verbose_name_plural = _("复议委员会会议")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org_unit", "-date"], name="recon_meeting_unit_date")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.topic}"


class CommitteeConsultation(RecordedModel):
    """委员会咨询意见: the committee's consultation opinion on one case at one meeting (第五十二条);
    the body must treat it as an important reference for the decision (第六十一条第三款)."""

    meeting = models.ForeignKey(
        CommitteeMeeting, verbose_name=_("委员会会议"), on_delete=models.PROTECT, related_name="consultations"
    )
    case = models.ForeignKey(
        ReconsiderationCase,
        verbose_name=_("行政复议案件"),
        on_delete=models.PROTECT,
        related_name="committee_consultations",
    )
    question = models.TextField(_("咨询事项"), blank=True)
    opinion = models.TextField(_("咨询意见"))
    majority_view = models.TextField(_("多数意见"))
    votes_for = models.PositiveSmallIntegerField(_("赞成票"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("反对票"), null=True, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("委员会咨询意见")
        verbose_name_plural = _("委员会咨询意见")
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "case"],
                name="%(app_label)s_%(class)s_once_per_meeting",
                violation_error_message=_("同一次会议对同一案件只记录一份咨询意见。"),
            ),
            models.CheckConstraint(
                condition=Q(votes_for__isnull=True, votes_against__isnull=True)
                | Q(votes_for__isnull=False, votes_against__isnull=False),
                name="%(app_label)s_%(class)s_votes_complete",
                violation_error_message=_("表决票数须同时填写赞成和反对，或都不填。"),
            ),
        ]

    def __str__(self):
        return f"{self.meeting} · {self.case}"


class ExpertConsultation(RecordedModel):
    """专家咨询: a question on one case put to one expert of the pool, and the answer."""

    case = models.ForeignKey(
        ReconsiderationCase,
        verbose_name=_("行政复议案件"),
        on_delete=models.PROTECT,
        related_name="expert_consultations",
    )
    expert = models.ForeignKey(
        ExpertConsultant, verbose_name=_("咨询专家"), on_delete=models.PROTECT, related_name="consultations"
    )
    question = models.TextField(_("咨询事项"))
    answer = models.TextField(_("专家意见"))
    consulted_on = models.DateField(_("咨询日期"))

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("专家咨询")
        verbose_name_plural = _("专家咨询")
        ordering = ["case", "consulted_on", "id"]

    def __str__(self):
        return f"{self.case} · {self.expert.name}"


auditlog.register(ExpertConsultant)
auditlog.register(CommitteeMeeting, m2m_fields={"members", "experts"})
auditlog.register(CommitteeConsultation)
auditlog.register(ExpertConsultation)
