"""The mediation case, its timeline, referrals between channels, sessions, the agreement, judicial
confirmation and return visits."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin

from accounts.jurisdiction import scoped_queryset
from core.models import (
    RecordedModel,
    ScopedModel,
    VersionedModel,
    WorkflowEvent,
    event_kind_field,
    status_fields,
)

from ..choices import (
    WORKFLOW,
    AgreementForm,
    CaseSource,
    CaseStatus,
    ConfirmationResult,
    EventKind,
    MediationType,
    OtherRoute,
    VisitMethod,
)
from .registers import Mediator


def mask_name(name: str) -> str:
    """张三丰 → 张**: a party's name as lists and exports show it."""
    name = (name or "").strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


class MediationCase(WORKFLOW.fsm_mixin(), FSMModelMixin, ScopedModel, VersionedModel):
    """调解案件: one dispute brought to mediation, from registration (受理) to performance, judicial
    confirmation or termination.

    `org_unit` is the mediation organisation now handling it (a 调解组织 OrgUnit): its mediators and
    the justice bureau of its government see it. A referral (三调联动) moves the case to another
    organisation and is kept as a `Referral` row, so the case shows its whole path. An administrative
    dispute links its `disputes.Dispute`; a civil dispute is described in `civil_description`.
    """

    clocks_follow_workflow = True

    number = models.CharField(_("案号"), max_length=60, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    serial = models.PositiveIntegerField(_("序号"), editable=False)
    registered_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("登记单位"),
        on_delete=models.PROTECT,
        related_name="mediation_cases_registered",
        editable=False,
    )
    mediation_type = models.CharField(_("调解类型"), max_length=20, choices=MediationType.choices)
    source = models.CharField(_("案件来源"), max_length=20, choices=CaseSource.choices)
    referring_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("移交（委派、委托）单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mediation_cases_referred",
    )
    dispute = models.ForeignKey(
        "disputes.Dispute",
        verbose_name=_("行政争议"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mediation_cases",
    )
    civil_description = models.CharField(_("民事纠纷概要"), max_length=500, blank=True)
    parties = models.CharField(_("当事人"), max_length=200, help_text=_("多个当事人以顿号分隔。"))
    subject = models.CharField(_("纠纷事项"), max_length=500)
    amount = models.DecimalField(_("涉及金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    received_on = models.DateField(_("受理日期"))
    materials_received_on = models.DateField(
        _("收到案件材料日期"),
        null=True,
        blank=True,
        help_text=_("法院委托调解的，委托调解期限自特邀调解员收到案件材料之日起算。"),
    )
    mediators = models.ManyToManyField(Mediator, verbose_name=_("调解员"), related_name="cases", blank=True)
    joint_units = models.ManyToManyField(
        "accounts.OrgUnit",
        verbose_name=_("联合调解单位"),
        related_name="mediation_cases_joint",
        blank=True,
    )
    consent_recorded = models.BooleanField(
        _("当事人同意调解"), default=False, help_text=_("《人民调解法》第十七条：一方明确拒绝的，不得调解。")
    )
    status = FSMField(
        _("状态"), max_length=24, choices=CaseStatus.choices, default=CaseStatus.RECEIVED, protected=True
    )
    started_on = models.DateField(_("开始调解日期"), null=True, blank=True)
    concluded_on = models.DateField(_("调结日期"), null=True, blank=True)
    refused_by = models.CharField(_("拒绝调解的当事人"), max_length=100, blank=True)
    failure_reason = models.TextField(_("调解不成的原因"), max_length=1000, blank=True)
    routes_told = models.CharField(
        _("告知的其他途径"), max_length=100, blank=True, help_text=_("逗号分隔的 OtherRoute 值。")
    )
    performed_on = models.DateField(_("履行完毕日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("调解案件")
        verbose_name_plural = _("调解案件")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["-received_on", "-id"], name="med_case_received"),
            models.Index(fields=["org_unit", "status"], name="med_case_unit_status"),
            models.Index(fields=["status"], name="med_case_status"),
            models.Index(fields=["mediation_type"], name="med_case_type"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["registered_unit", "year", "serial"],
                name="%(app_label)s_%(class)s_serial_per_unit_year",
                violation_error_message=_("同一登记单位同一年度的案号序号不得重复。"),
            ),
            models.CheckConstraint(
                condition=Q(dispute__isnull=False) | ~Q(civil_description=""),
                name="%(app_label)s_%(class)s_dispute_or_civil",
                violation_error_message=_("请关联行政争议，或填写民事纠纷概要。"),
            ),
            models.CheckConstraint(
                condition=Q(concluded_on__isnull=True) | Q(concluded_on__gte=models.F("received_on")),
                name="%(app_label)s_%(class)s_concluded_after_received",
                violation_error_message=_("调结日期不能早于受理日期。"),
            ),
        ]

    def __str__(self):
        return self.number or str(_("调解案件（未编号）"))

    def get_absolute_url(self):
        return reverse("mediation:detail", kwargs={"pk": self.pk})

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude={*(exclude or ()), "status"})

    def clean(self):
        super().clean()
        if self.source in (CaseSource.COURT_ENTRUSTED,) and not self.materials_received_on:
            raise ValidationError({"materials_received_on": _("法院委托调解的，请填写收到案件材料日期。")})

    @property
    def masked_parties(self) -> str:
        return "、".join(mask_name(p) for p in self.parties.split("、") if p.strip())

    @property
    def routes_told_display(self) -> str:
        labels = dict(OtherRoute.choices)
        return "、".join(str(labels.get(r, r)) for r in self.routes_told.split(",") if r)


CaseChildQuerySet = scoped_queryset("case__org_unit")


class CaseEvent(WorkflowEvent):
    """调解日志: one step of the case with its legal basis. Written by the services; never edited."""

    case = models.ForeignKey(
        MediationCase, verbose_name=_("调解案件"), on_delete=models.PROTECT, related_name="events"
    )
    kind = event_kind_field(EventKind)
    from_status, to_status = status_fields(CaseStatus, max_length=24)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("调解日志")
        verbose_name_plural = _("调解日志")
        ordering = ["case", "date", "created_at", "id"]
        indexes = [models.Index(fields=["case", "date", "created_at", "id"], name="med_event_case_date")]


class Referral(RecordedModel):
    """三调联动移交: the case passed from one organisation (and channel) to another, with the reason.
    Rows are never edited; in order they are the case's path across organisations."""

    case = models.ForeignKey(
        MediationCase, verbose_name=_("调解案件"), on_delete=models.PROTECT, related_name="referrals"
    )
    from_unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("移出单位"), on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("接收单位"), on_delete=models.PROTECT, related_name="+"
    )
    from_type = models.CharField(_("原调解类型"), max_length=20, choices=MediationType.choices)
    to_type = models.CharField(_("新调解类型"), max_length=20, choices=MediationType.choices)
    referred_on = models.DateField(_("移交日期"))
    reason = models.CharField(_("移交理由"), max_length=500)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("移交记录")
        verbose_name_plural = _("移交记录")
        ordering = ["case", "referred_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_unit=models.F("to_unit")),
                name="%(app_label)s_%(class)s_to_another_unit",
                violation_error_message=_("不能移交给本单位。"),
            ),
        ]

    def __str__(self):
        return f"{self.case} → {self.to_unit}"


class MediationSession(RecordedModel):
    """调解记录 (人民调解法第二十七条): one session — when, where, who took part, what happened."""

    case = models.ForeignKey(
        MediationCase, verbose_name=_("调解案件"), on_delete=models.PROTECT, related_name="sessions"
    )
    held_on = models.DateField(_("调解日期"))
    place = models.CharField(_("调解地点"), max_length=100, blank=True)
    participants = models.CharField(_("参加人员"), max_length=300)
    summary = models.TextField(_("调解情况"), max_length=2000)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("调解记录")
        verbose_name_plural = _("调解记录")
        ordering = ["case", "held_on", "id"]

    def __str__(self):
        return f"{self.case} {self.held_on:%Y-%m-%d}"


class MediationAgreement(RecordedModel):
    """调解协议 (人民调解法第二十八条至第三十一条): written (调解协议书, in force when every party and the
    mediator have signed, 第二十九条第二款) or oral (in force on the day agreed, 第三十条)."""

    case = models.OneToOneField(
        MediationCase, verbose_name=_("调解案件"), on_delete=models.PROTECT, related_name="agreement"
    )
    form = models.CharField(_("协议形式"), max_length=10, choices=AgreementForm.choices)
    document_number = models.CharField(_("协议书编号"), max_length=60, blank=True)
    parties_info = models.TextField(_("当事人基本情况"), max_length=1000, blank=True)
    facts = models.TextField(_("纠纷的主要事实、争议事项及各方责任"), max_length=2000, blank=True)
    content = models.TextField(_("协议内容"), max_length=3000)
    performance_method = models.CharField(_("履行方式"), max_length=200, blank=True)
    performance_due_on = models.DateField(_("履行期限"), null=True, blank=True)
    effective_on = models.DateField(_("生效日期"))

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("调解协议")
        verbose_name_plural = _("调解协议")
        ordering = ["-effective_on", "-id"]
        indexes = [models.Index(fields=["effective_on"], name="med_agreement_effective")]

    def __str__(self):
        return f"{self.case} {self.get_form_display()}"


class JudicialConfirmation(RecordedModel):
    """司法确认申请 (人民调解法第三十三条; 民事诉讼法第二百零五条、第二百零六条): the parties' joint
    application to a court within 30 days of the agreement coming into force, and the ruling."""

    case = models.ForeignKey(
        MediationCase, verbose_name=_("调解案件"), on_delete=models.PROTECT, related_name="confirmations"
    )
    court = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("受理法院"), on_delete=models.PROTECT, related_name="+"
    )
    applied_on = models.DateField(_("申请日期"))
    result = models.CharField(
        _("审查结果"), max_length=10, choices=ConfirmationResult.choices, default=ConfirmationResult.PENDING
    )
    ruled_on = models.DateField(_("裁定日期"), null=True, blank=True)
    ruling_number = models.CharField(_("裁定书文号"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("司法确认申请")
        verbose_name_plural = _("司法确认申请")
        ordering = ["case", "applied_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(result=ConfirmationResult.PENDING) | Q(ruled_on__isnull=False),
                name="%(app_label)s_%(class)s_ruling_has_date",
                violation_error_message=_("已作出裁定的，须填写裁定日期。"),
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.get_result_display()}"


class ReturnVisit(RecordedModel):
    """回访: a follow-up of the parties after mediation — how the agreement is being performed
    (人民调解法第三十一条第二款) or whether a failed dispute has calmed."""

    case = models.ForeignKey(
        MediationCase, verbose_name=_("调解案件"), on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField(_("回访日期"))
    method = models.CharField(_("回访方式"), max_length=10, choices=VisitMethod.choices)
    performing_as_agreed = models.BooleanField(_("按约履行"), null=True, blank=True)
    note = models.CharField(_("回访情况"), max_length=500)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("回访记录")
        verbose_name_plural = _("回访记录")
        ordering = ["case", "visited_on", "id"]

    def __str__(self):
        return f"{self.case} {self.visited_on:%Y-%m-%d}"


auditlog.register(MediationCase, m2m_fields={"mediators", "joint_units"})
auditlog.register(CaseEvent)
auditlog.register(Referral)
auditlog.register(MediationSession)
auditlog.register(MediationAgreement)
auditlog.register(JudicialConfirmation)
auditlog.register(ReturnVisit)
