"""行政执法案件 under the three systems: its timeline, the legal review of a major decision and the
full-process record."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin

from accounts.jurisdiction import scoped_queryset
from core.masking import mask_id_number
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
    CaseProcedure,
    CaseStatus,
    EventKind,
    ItemKind,
    MajorGround,
    PartyKind,
    RecordMedium,
    RecordStage,
    ReviewConclusion,
    Sector,
)
from .agency import DiscretionBenchmark, EnforcementAgency, EnforcementItem
from .officer import Officer


class EnforcementCase(WORKFLOW.fsm_mixin(), FSMModelMixin, ScopedModel, VersionedModel):
    """行政执法案件: one enforcement matter of an agency, from 立案 to 结案 (or 移送司法机关).

    `org_unit` is the agency's unit. The three systems live here: publicity (公示 dates and their
    clocks), the full-process record (`ProcessRecord` rows per stage) and, for a major decision
    (`is_major`, 处罚法第五十八条), the legal review (`LegalReview`) that must pass before the decision.
    The investigators are at least two officers whose certificates are valid on the day they act
    (处罚法第四十二条). A fine outside its benchmark range carries a written reason and the
    `outside_benchmark` flag that supervision reads (类案不同罚).
    """

    clocks_follow_workflow = True

    number = models.CharField(_("案号"), max_length=50, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    serial = models.PositiveIntegerField(_("序号"), editable=False)
    agency = models.ForeignKey(
        EnforcementAgency, verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="cases"
    )
    item = models.ForeignKey(
        EnforcementItem, verbose_name=_("执法事项"), on_delete=models.PROTECT, related_name="cases"
    )
    kind = models.CharField(_("执法类型"), max_length=12, choices=ItemKind.choices)
    procedure = models.CharField(
        _("程序"), max_length=10, choices=CaseProcedure.choices, default=CaseProcedure.ORDINARY
    )
    sector = models.CharField(_("执法领域"), max_length=16, choices=Sector.choices)
    party_kind = models.CharField(_("当事人类型"), max_length=14, choices=PartyKind.choices)
    party_name = models.CharField(_("当事人"), max_length=100)
    party_id_number = models.CharField(_("证件号码"), max_length=30, blank=True)
    filed_on = models.DateField(_("立案日期"))
    investigators = models.ManyToManyField(
        Officer, verbose_name=_("承办执法人员"), related_name="cases", blank=True
    )
    facts = models.TextField(_("违法事实"), max_length=5000)
    legal_basis = models.CharField(_("法律依据"), max_length=500)

    # --- penalty and benchmark --------------------------------------------------------------------
    penalty_amount = models.DecimalField(
        _("罚款金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    benchmark = models.ForeignKey(
        DiscretionBenchmark,
        verbose_name=_("适用裁量基准"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    outside_benchmark = models.BooleanField(_("超出裁量基准（类案不同罚）"), default=False, editable=False)
    benchmark_deviation_reason = models.CharField(_("偏离裁量基准的理由"), max_length=1000, blank=True)

    # --- major decision (法制审核) ----------------------------------------------------------------
    is_major = models.BooleanField(_("重大执法决定"), default=False)
    major_ground = models.CharField(
        _("重大执法决定情形"), max_length=16, choices=MajorGround.choices, blank=True
    )

    # --- hearing ---------------------------------------------------------------------------------------
    informed_on = models.DateField(_("告知日期"), null=True, blank=True)
    hearing_right_told = models.BooleanField(_("已告知听证权利"), default=False)
    hearing_requested_on = models.DateField(_("当事人要求听证日期"), null=True, blank=True)
    hearing_notice_on = models.DateField(_("听证通知日期"), null=True, blank=True)
    hearing_date = models.DateField(_("听证日期"), null=True, blank=True)
    hearing_held_on = models.DateField(_("听证举行日期"), null=True, blank=True)
    hearing_record = models.TextField(_("听证笔录摘要"), max_length=5000, blank=True)

    # --- decision, service, publicity ---------------------------------------------------------------
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decision_number = models.CharField(_("决定书文号"), max_length=60, blank=True)
    decision_summary = models.CharField(_("决定内容"), max_length=1000, blank=True)
    party_present = models.BooleanField(_("当事人在场（当场交付）"), default=False)
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    decision_changed_on = models.DateField(_("决定变更或撤销日期"), null=True, blank=True)
    publicity_withdrawn_on = models.DateField(_("撤回公示日期"), null=True, blank=True)

    # --- transfer and closure -------------------------------------------------------------------------
    transferred_on = models.DateField(_("移送日期"), null=True, blank=True)
    transfer_body = models.CharField(_("接收机关"), max_length=100, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)

    status = FSMField(
        _("状态"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.FILED, protected=True
    )

    class Meta:
        verbose_name = _("行政执法案件")
        verbose_name_plural = _("行政执法案件")
        ordering = ["-filed_on", "-id"]
        indexes = [
            models.Index(fields=["-filed_on", "-id"], name="enf_case_filed"),
            models.Index(fields=["org_unit", "status"], name="enf_case_unit_status"),
            models.Index(fields=["agency", "-filed_on"], name="enf_case_agency_filed"),
            models.Index(fields=["status"], name="enf_case_status"),
            models.Index(fields=["is_major", "status"], name="enf_case_major_status"),
            models.Index(fields=["decided_on"], name="enf_case_decided"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "serial"],
                name="%(app_label)s_%(class)s_serial_per_agency_year",
                violation_error_message=_("同一执法主体同一年度的案号序号不得重复。"),
            ),
            models.CheckConstraint(
                condition=Q(is_major=False) | ~Q(major_ground=""),
                name="%(app_label)s_%(class)s_major_has_ground",
                violation_error_message=_("重大执法决定须选择第五十八条规定的情形。"),
            ),
            models.CheckConstraint(
                condition=Q(outside_benchmark=False) | ~Q(benchmark_deviation_reason=""),
                name="%(app_label)s_%(class)s_deviation_has_reason",
                violation_error_message=_("罚款金额超出裁量基准的，须书面说明理由。"),
            ),
            models.CheckConstraint(
                condition=Q(penalty_amount__isnull=True) | Q(penalty_amount__gte=0),
                name="%(app_label)s_%(class)s_amount_not_negative",
                violation_error_message=_("罚款金额不能为负数。"),
            ),
        ]
        permissions = [("review_enforcementcase", _("法制审核重大执法决定"))]

    def __str__(self):
        return self.number or str(_("行政执法案件（未编号）"))

    def get_absolute_url(self):
        return reverse("enforcement:case_detail", kwargs={"pk": self.pk})

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude={*(exclude or ()), "status"})

    def clean(self):
        super().clean()
        errors = {}
        if self.decided_on and self.filed_on and self.decided_on < self.filed_on:
            errors["decided_on"] = _("决定日期不能早于立案日期。")
        if self.served_on and self.decided_on and self.served_on < self.decided_on:
            errors["served_on"] = _("送达日期不能早于决定日期。")
        if self.published_on and self.decided_on and self.published_on < self.decided_on:
            errors["published_on"] = _("公示日期不能早于决定日期。")
        if errors:
            raise ValidationError(errors)

    @property
    def masked_party_id(self) -> str:
        return (
            mask_id_number(self.party_id_number)
            if self.party_kind == PartyKind.PERSON
            else self.party_id_number
        )

    @property
    def is_penalty(self) -> bool:
        return self.kind == ItemKind.PENALTY


CaseChildQuerySet = scoped_queryset("case__org_unit")


class CaseEvent(WorkflowEvent):
    """案件日志: one step in the case's timeline with its legal basis. Written by the services."""

    case = models.ForeignKey(
        EnforcementCase, verbose_name=_("行政执法案件"), on_delete=models.PROTECT, related_name="events"
    )
    kind = event_kind_field(EventKind)
    from_status, to_status = status_fields(CaseStatus, max_length=16)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("执法案件日志")
        verbose_name_plural = _("执法案件日志")
        ordering = ["case", "date", "created_at", "id"]
        indexes = [models.Index(fields=["case", "date", "created_at", "id"], name="enf_event_case_date")]


class LegalReview(RecordedModel):
    """重大执法决定法制审核 (处罚法第五十八条): requested by the case's officers, concluded by a legal
    reviewer with 法律职业资格 who is not one of the investigators, in their own session. Once
    concluded it is not edited; a new request after 不同意 adds a new row."""

    case = models.ForeignKey(
        EnforcementCase, verbose_name=_("行政执法案件"), on_delete=models.PROTECT, related_name="reviews"
    )
    requested_on = models.DateField(_("提请日期"))
    request_note = models.CharField(_("提请说明"), max_length=1000, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enforcement_reviews",
    )
    reviewed_on = models.DateField(_("审核日期"), null=True, blank=True)
    conclusion = models.CharField(_("审核结论"), max_length=24, choices=ReviewConclusion.choices, blank=True)
    opinion = models.TextField(_("审核意见"), max_length=5000, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("法制审核")
        verbose_name_plural = _("法制审核")
        ordering = ["case", "requested_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(conclusion=""),
                name="%(app_label)s_%(class)s_one_open_per_case",
                violation_error_message=_("该案件已有待审核的法制审核申请。"),
            ),
            models.CheckConstraint(
                condition=Q(conclusion="") | Q(reviewer__isnull=False, reviewed_on__isnull=False),
                name="%(app_label)s_%(class)s_concluded_has_reviewer",
                violation_error_message=_("审核结论须有审核人和审核日期。"),
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.get_conclusion_display() or _('待审核')}"


class ProcessRecord(RecordedModel):
    """全过程记录 (处罚法第四十七条): one written or audiovisual record of one stage of the case; the
    file itself is an attachment of this record."""

    case = models.ForeignKey(
        EnforcementCase, verbose_name=_("行政执法案件"), on_delete=models.PROTECT, related_name="records"
    )
    stage = models.CharField(_("环节"), max_length=16, choices=RecordStage.choices)
    medium = models.CharField(_("记录形式"), max_length=12, choices=RecordMedium.choices)
    recorded_on = models.DateField(_("记录日期"))
    description = models.CharField(_("内容摘要"), max_length=500)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("全过程记录")
        verbose_name_plural = _("全过程记录")
        ordering = ["case", "recorded_on", "id"]
        indexes = [models.Index(fields=["case", "stage"], name="enf_record_case_stage")]

    def __str__(self):
        return f"{self.case} {self.get_stage_display()} {self.get_medium_display()}"


auditlog.register(EnforcementCase, exclude_fields=["party_id_number"])
auditlog.register(CaseEvent)
auditlog.register(LegalReview)
auditlog.register(ProcessRecord)
