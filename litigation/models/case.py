"""The lawsuit instance (行政应诉案件), its defendants and its timeline."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin

from accounts.jurisdiction import JurisdictionQuerySet, jurisdiction_path
from core.models import (
    RecordedModel,
    ScopedModel,
    VersionedModel,
    WorkflowEvent,
    event_kind_field,
    status_fields,
)
from disputes.choices import ActType, Sector

from ..choices import (
    WORKFLOW,
    CaseStatus,
    DefendantRole,
    EventKind,
    Instance,
    Outcome,
    OutcomeForm,
    Procedure,
    WithdrawalReason,
)


class CaseQuerySet(JurisdictionQuerySet):
    """A lawsuit is seen inside the jurisdiction of its primary defendant (`org_unit`) and by every
    co-defendant agency: an agency's users see the cases where their agency is a defendant."""

    def visible_to(self, user):
        path = jurisdiction_path(user)
        if path is None:
            return self
        if path is False:
            return self.none()
        as_defendant = Defendant.objects.filter(case=OuterRef("pk"), agency__path__startswith=path)
        return self.filter(Q(org_unit__path__startswith=path) | Exists(as_defendant))


class CaseChildQuerySet(JurisdictionQuerySet):
    """A record of a case is seen through its case."""

    case_lookup = "case"

    def visible_to(self, user):
        cases = LitigationCase.objects.visible_to(user).values("pk")
        return self.filter(**{f"{self.case_lookup}__in": cases})


class LitigationCase(WORKFLOW.fsm_mixin(), FSMModelMixin, ScopedModel, VersionedModel):
    """行政应诉案件: one instance (一审 / 二审 / 再审) of one administrative lawsuit against an agency,
    from the receipt of the complaint copy to the effective judgment and its performance.

    `org_unit` is the primary defendant — the agency whose act is contested; further defendants (a
    reconsideration body that upheld the act, 复议维持双被告) are `Defendant` rows. A second instance
    is a new row whose `previous` is the first: head-of-agency attendance counts per instance
    (出庭规定第七条). "Agency lost" and "defence on time" are computed by the services, never chosen.
    """

    clocks_follow_workflow = True

    number = models.CharField(_("应诉编号"), max_length=40, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    serial = models.PositiveIntegerField(_("序号"), editable=False)
    dispute = models.ForeignKey(
        "disputes.Dispute",
        verbose_name=_("行政争议"),
        on_delete=models.PROTECT,
        related_name="litigation_cases",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="litigation_cases",
    )
    court = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("受理法院"),
        on_delete=models.PROTECT,
        related_name="litigation_cases_heard",
    )
    court_case_number = models.CharField(
        _("法院案号"), max_length=60, blank=True, help_text=_("如：(2025)甘05行初12号")
    )
    instance = models.CharField(_("审级"), max_length=8, choices=Instance.choices, default=Instance.FIRST)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("前一审级"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_instances",
    )
    procedure = models.CharField(
        _("审理程序"), max_length=10, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    cause = models.CharField(_("案由"), max_length=100)
    claims = models.TextField(_("诉讼请求"), max_length=2000, blank=True)
    act_type = models.CharField(_("被诉行为类型"), max_length=20, choices=ActType.choices)
    sector = models.CharField(_("行政管理领域"), max_length=20, choices=Sector.choices)
    public_concern = models.BooleanField(_("社会高度关注"), default=False)
    mass_incident = models.BooleanField(_("可能引发群体性事件"), default=False)
    status = FSMField(
        _("状态"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.RESPONDING, protected=True
    )

    # --- defence (行诉法第六十七条) ------------------------------------------------------------------
    complaint_received_on = models.DateField(
        _("收到起诉状副本日期"), help_text=_("答辩举证期限（十五日）自次日起算。")
    )
    docketed_on = models.DateField(_("立案日期"), null=True, blank=True)
    defence_filed_on = models.DateField(_("提交答辩状日期"), null=True, blank=True)
    evidence_filed_on = models.DateField(_("提交证据日期"), null=True, blank=True)
    defence_on_time = models.BooleanField(_("按期答辩举证"), null=True, blank=True, editable=False)

    # --- outcome (行诉法第六十九条至第七十八条) ---------------------------------------------------------
    outcome = models.CharField(_("裁判结果"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_form = models.CharField(_("文书类型"), max_length=10, choices=OutcomeForm.choices, blank=True)
    outcome_on = models.DateField(_("裁判日期"), null=True, blank=True)
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    withdrawal_reason = models.CharField(
        _("撤诉原因"), max_length=16, choices=WithdrawalReason.choices, blank=True
    )
    agency_lost = models.BooleanField(_("败诉（被纠错）"), null=True, blank=True, editable=False)
    changed_act_withdrawal = models.BooleanField(_("改变行为后撤诉"), default=False, editable=False)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    outcome_summary = models.TextField(_("裁判要旨"), max_length=2000, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政应诉案件")
        verbose_name_plural = _("行政应诉案件")
        ordering = ["-complaint_received_on", "-id"]
        indexes = [
            models.Index(fields=["-complaint_received_on", "-id"], name="lit_case_received"),
            models.Index(fields=["status"], name="lit_case_status"),
            models.Index(fields=["served_on"], name="lit_case_served"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "serial"],
                name="%(app_label)s_%(class)s_one_serial",
                violation_error_message=_("同一年度的应诉编号不能重复。"),
            ),
            models.CheckConstraint(
                condition=Q(instance="first", previous__isnull=True) | ~Q(instance="first"),
                name="%(app_label)s_%(class)s_first_has_no_previous",
                violation_error_message=_("一审案件没有前一审级。"),
            ),
            models.CheckConstraint(
                condition=Q(served_on__isnull=True)
                | Q(outcome_on__isnull=False, served_on__gte=models.F("outcome_on")),
                name="%(app_label)s_%(class)s_served_after_outcome",
                violation_error_message=_("送达日期不能早于裁判日期。"),
            ),
        ]

    def __str__(self):
        return self.court_case_number or self.number

    def get_absolute_url(self):
        return reverse("litigation:detail", kwargs={"pk": self.pk})

    def clean_fields(self, exclude=None):
        # The protected FSM field cannot be re-assigned by clean_fields(); only the workflow table's
        # transitions set it, so its value is always one of the choices.
        super().clean_fields(exclude={*(exclude or ()), "status"})

    @property
    def is_simple(self) -> bool:
        return self.procedure == Procedure.SIMPLE


class Defendant(RecordedModel):
    """被告: one agency sued in the instance — the primary defendant and any co-defendant, such as the
    reconsideration body that upheld the act (行诉法第二十六条第二款, 复议维持双被告)."""

    case = models.ForeignKey(
        LitigationCase, verbose_name=_("行政应诉案件"), on_delete=models.PROTECT, related_name="defendants"
    )
    agency = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("被告机关"),
        on_delete=models.PROTECT,
        related_name="litigation_defences",
    )
    role = models.CharField(
        _("被告类型"), max_length=16, choices=DefendantRole.choices, default=DefendantRole.ORIGINAL
    )

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("被告")
        verbose_name_plural = _("被告")
        ordering = ["case", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "agency"],
                name="%(app_label)s_%(class)s_once_per_case",
                violation_error_message=_("同一机关在一个案件中只列为一次被告。"),
            )
        ]

    def __str__(self):
        return f"{self.agency}（{self.get_role_display()}）"


class CaseEvent(WorkflowEvent):
    """案件日志: one step of the instance's timeline with its legal basis. Written by the services."""

    case = models.ForeignKey(
        LitigationCase, verbose_name=_("行政应诉案件"), on_delete=models.PROTECT, related_name="events"
    )
    kind = event_kind_field(EventKind)
    from_status, to_status = status_fields(CaseStatus, max_length=12)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("应诉案件日志")
        verbose_name_plural = _("应诉案件日志")
        ordering = ["case", "date", "created_at", "id"]
        indexes = [models.Index(fields=["case", "date", "created_at", "id"], name="lit_event_case_date")]


auditlog.register(LitigationCase)
auditlog.register(Defendant)
auditlog.register(CaseEvent)
