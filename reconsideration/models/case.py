"""The reconsideration case, its timeline, suspensions and its decision."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
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
from disputes.choices import ActType, PartyRole

from ..choices import (
    REDO_OUTCOMES,
    WORKFLOW,
    CaseStatus,
    Compensation,
    CorrectionKind,
    DecisionOutcome,
    EventKind,
    IntakeChannel,
    NoEvidenceDisposition,
    Procedure,
    SimpleGround,
    SuspensionGround,
    TerminationGround,
    correction_kind,
)

#: Upper bounds of the application's texts (characters): a request is a few sentences, the facts and
#: reasons a few pages; anything longer is a paste gone wrong, refused with the limit named.
REQUESTS_MAX_LENGTH = 2000
STATEMENT_MAX_LENGTH = 20000


def _capped(limit: int) -> list:
    return [MaxLengthValidator(limit, message=_("不能超过%(limit_value)d个字（现有%(show_value)d个字）。"))]


class ReconsiderationCase(WORKFLOW.fsm_mixin(), FSMModelMixin, ScopedModel, VersionedModel):
    """行政复议案件: one application for administrative reconsideration, from receipt to archiving.

    `org_unit` is the reconsideration body (行政复议机关 — 天水市人民政府 or a county government), so
    a county's officers see only their county's cases. The contested act (respondent, type, date,
    document number) is copied from the dispute at registration: it is the act as the application
    names it. Every date a clock depends on is stored here; the clocks themselves are
    `deadlines.Deadline` rows (see `reconsideration/deadlines.py`). The status changes only through
    `reconsideration.services`: the protected field is set by the transitions of `choices.WORKFLOW`
    (core.workflow), generated as django-fsm-2 methods `fsm_<name>`.
    """

    #: its clocks move only through the case services (deadlines' own actions are refused)
    clocks_follow_workflow = True

    # --- identity -------------------------------------------------------------------------------
    number = models.CharField(_("案号"), max_length=40, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    serial = models.PositiveIntegerField(_("序号"), editable=False)
    dispute = models.ForeignKey(
        "disputes.Dispute",
        verbose_name=_("行政争议"),
        on_delete=models.PROTECT,
        related_name="reconsideration_cases",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reconsideration_cases",
    )

    # --- the contested act --------------------------------------------------------------------------
    respondent = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("被申请人"),
        on_delete=models.PROTECT,
        related_name="reconsideration_cases_as_respondent",
    )
    act_type = models.CharField(_("行政行为类型"), max_length=20, choices=ActType.choices)
    act_date = models.DateField(_("行政行为作出日期"))
    act_document_number = models.CharField(_("行政行为文号"), max_length=100, blank=True)
    act_amount = models.DecimalField(
        _("涉及款额（元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("罚款、收费等涉及的金额；第五十三条第一款第三项：三千元以下可适用简易程序。"),
    )
    act_on_the_spot = models.BooleanField(_("当场作出"), default=False)
    act_by_electronic_monitoring = models.BooleanField(
        _("依据电子技术监控设备记录作出"),
        default=False,
        help_text=_("第三十二条：可以通过作出处罚的机关提交申请。"),
    )
    act_is_warning = models.BooleanField(_("警告或者通报批评"), default=False)
    concerns_real_estate = models.BooleanField(
        _("因不动产提出"),
        default=False,
        help_text=_("第二十一条：因不动产提出的申请，最长二十年；其他五年。"),
    )

    # --- the application ----------------------------------------------------------------------------
    requests = models.TextField(
        _("行政复议请求"), max_length=REQUESTS_MAX_LENGTH, validators=_capped(REQUESTS_MAX_LENGTH)
    )
    facts_and_reasons = models.TextField(
        _("事实和理由"), max_length=STATEMENT_MAX_LENGTH, validators=_capped(STATEMENT_MAX_LENGTH)
    )
    channel = models.CharField(_("申请方式"), max_length=12, choices=IntakeChannel.choices)
    forwarded_by = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("转交机关"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("第三十二条：经作出行政处罚决定的机关转交的，填写该机关。"),
    )
    submitted_on = models.DateField(
        _("申请提出日期"),
        help_text=_(
            "邮寄的以交邮日为准；经作出处罚的机关转交的以该机关收到之日为准；用于判断是否在申请期限内。"
        ),
    )
    received_on = models.DateField(
        _("收到申请日期"), help_text=_("复议机关收到申请之日，受理审查期限由此起算。")
    )
    knew_of_act_on = models.DateField(
        _("知道行政行为之日"), help_text=_("申请人知道或者应当知道该行政行为之日。")
    )
    act_stated_right_to_apply = models.BooleanField(
        _("行政行为已告知复议权利"),
        default=True,
        help_text=_("作出行政行为时是否告知申请行政复议的权利、复议机关和申请期限（第二十条第三款）。"),
    )
    knew_of_right_on = models.DateField(
        _("知道复议权利之日"),
        null=True,
        blank=True,
        help_text=_("未告知复议权利的，申请期限自知道或者应当知道复议权利、复议机关和申请期限之日起计算。"),
    )
    application_due_on = models.DateField(_("申请期限届满日"), editable=False)
    application_trace = models.JSONField(_("申请期限计算过程"), default=list, editable=False)
    is_late = models.BooleanField(_("超过申请期限"), default=False, editable=False)
    delay_reason = models.TextField(
        _("耽误申请期限的正当理由"), blank=True, help_text=_("第二十条第二款：不可抗力或者其他正当理由。")
    )
    obstacle_from = models.DateField(_("障碍发生日"), null=True, blank=True)
    obstacle_to = models.DateField(_("障碍消除日"), null=True, blank=True)

    # --- acceptance ---------------------------------------------------------------------------------
    correction_items = models.TextField(_("需要补正的事项"), blank=True)
    correction_notice_sent_on = models.DateField(_("补正通知发出日期"), null=True, blank=True)
    correction_notice_received_on = models.DateField(_("申请人收到补正通知日期"), null=True, blank=True)
    correction_received_on = models.DateField(_("收到补正材料日期"), null=True, blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    is_deemed_accepted = models.BooleanField(_("视为受理"), default=False)
    procedure = models.CharField(
        _("审理程序"), max_length=10, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    simple_ground = models.CharField(
        _("适用简易程序的理由"), max_length=8, choices=SimpleGround.choices, blank=True
    )
    parties_agreed_simple = models.BooleanField(_("当事人各方同意适用简易程序"), default=False)
    converted_to_ordinary_on = models.DateField(_("转为普通程序日期"), null=True, blank=True)

    # --- trial --------------------------------------------------------------------------------------
    is_major_difficult_complex = models.BooleanField(
        _("重大、疑难、复杂"),
        default=False,
        help_text=_("第五十条：应当组织听证；第五十二条：应当提请复议委员会咨询。"),
    )
    is_highly_technical = models.BooleanField(
        _("专业性、技术性较强"), default=False, help_text=_("第五十二条：应当提请复议委员会咨询。")
    )
    hearing_requested = models.BooleanField(_("申请人请求听证"), default=False)
    compensation_requested = models.BooleanField(
        _("一并提出行政赔偿请求"),
        default=False,
        help_text=_(
            "申请人在申请行政复议时一并提出行政赔偿请求的，复议决定应当同时作出处理（第七十二条第一款）。"
        ),
    )
    copy_sent_on = models.DateField(_("申请书副本发送日期"), null=True, blank=True)
    respondent_received_copy_on = models.DateField(_("被申请人收到副本日期"), null=True, blank=True)
    reply_received_on = models.DateField(_("收到书面答复日期"), null=True, blank=True)
    reply_with_evidence = models.BooleanField(
        _("答复附有证据、依据"),
        null=True,
        blank=True,
        help_text=_("第四十八条：提交作出行政行为的证据、依据和其他有关材料。"),
    )
    third_party_evidence_provided = models.BooleanField(
        _("第三人提供了证据"),
        default=False,
        help_text=_("第七十条但书：行政行为涉及第三人合法权益，第三人提供证据的，不适用第七十条。"),
    )
    # What the 决定书 states of each side and of the facts (复议法第七十五条: the decision states the
    # parties' positions, the facts found and the reasons): recorded during the review.
    respondent_statement = models.TextField(
        _("被申请人答复要点"),
        blank=True,
        max_length=STATEMENT_MAX_LENGTH,
        validators=_capped(STATEMENT_MAX_LENGTH),
        help_text=_("写入行政复议决定书“被申请人称”部分。"),
    )
    third_party_statement = models.TextField(
        _("第三人意见要点"),
        blank=True,
        max_length=STATEMENT_MAX_LENGTH,
        validators=_capped(STATEMENT_MAX_LENGTH),
        help_text=_("写入行政复议决定书“第三人称”部分。"),
    )
    findings = models.TextField(
        _("经审理查明的事实"),
        blank=True,
        max_length=STATEMENT_MAX_LENGTH,
        validators=_capped(STATEMENT_MAX_LENGTH),
        help_text=_("写入行政复议决定书“经审理查明”部分。"),
    )
    mediation_attempted = models.BooleanField(_("已开展调解"), default=False)
    mediation_not_attempted_reason = models.TextField(_("未调解的理由"), blank=True)

    # --- status -------------------------------------------------------------------------------------
    status = FSMField(
        _("状态"), max_length=24, choices=CaseStatus.choices, default=CaseStatus.RECEIVED, protected=True
    )
    concluded_on = models.DateField(
        _("审结日期"), null=True, blank=True, help_text=_("作出决定、调解书、终止或不予受理、视为放弃之日。")
    )
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)
    archive_number = models.CharField(_("档案号"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("行政复议案件")
        verbose_name_plural = _("行政复议案件")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["-received_on", "-id"], name="recon_case_received"),
            models.Index(fields=["org_unit", "status"], name="recon_case_unit_status"),
            models.Index(fields=["status"], name="recon_case_status"),
            models.Index(fields=["handler", "status"], name="recon_case_handler_status"),
            models.Index(fields=["accepted_on"], name="recon_case_accepted"),
            models.Index(fields=["concluded_on"], name="recon_case_concluded"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year", "serial"],
                name="%(app_label)s_%(class)s_serial_per_body_year",
                violation_error_message=_("同一复议机关同一年度的案号序号不得重复。"),
            ),
            models.CheckConstraint(
                condition=Q(act_stated_right_to_apply=True) | Q(knew_of_right_on__isnull=False),
                name="%(app_label)s_%(class)s_right_date_when_not_told",
                violation_error_message=_(
                    "行政行为未告知复议权利的，须填写申请人知道复议权利之日（第二十条第三款）。"
                ),
            ),
            models.CheckConstraint(
                condition=Q(procedure=Procedure.ORDINARY) | ~Q(simple_ground=""),
                name="%(app_label)s_%(class)s_simple_has_ground",
                violation_error_message=_("适用简易程序须说明第五十三条规定的理由。"),
            ),
            models.CheckConstraint(
                condition=Q(is_deemed_accepted=False) | Q(accepted_on__isnull=False),
                name="%(app_label)s_%(class)s_deemed_has_date",
                violation_error_message=_("视为受理的案件须有受理日期。"),
            ),
            models.CheckConstraint(
                condition=Q(obstacle_from__isnull=True, obstacle_to__isnull=True)
                | Q(
                    obstacle_from__isnull=False,
                    obstacle_to__isnull=False,
                    obstacle_from__lte=models.F("obstacle_to"),
                ),
                name="%(app_label)s_%(class)s_obstacle_period",
                violation_error_message=_("障碍期间须同时填写发生日和消除日，且消除日不早于发生日。"),
            ),
        ]
        permissions = [
            ("approve_reconsiderationcase", _("审批行政复议案件（签发决定、批准延期和转换程序）")),
        ]

    def __str__(self):
        return self.number or str(_("行政复议案件（未编号）"))

    def get_absolute_url(self):
        return reverse("reconsideration:detail", kwargs={"pk": self.pk})

    def clean_fields(self, exclude=None):
        # The protected FSM field cannot be re-assigned by clean_fields(); its value is always one of
        # the choices because only the table's transitions set it.
        super().clean_fields(exclude={*(exclude or ()), "status"})

    def clean(self):
        super().clean()
        errors = {}
        if self.knew_of_act_on and self.received_on and self.knew_of_act_on > self.received_on:
            errors["knew_of_act_on"] = _("知道行政行为之日不能晚于收到申请日期。")
        if self.submitted_on and self.received_on and self.submitted_on > self.received_on:
            errors["submitted_on"] = _("申请提出日期不能晚于收到申请日期。")
        if self.act_date and self.knew_of_act_on and self.act_date > self.knew_of_act_on:
            errors["act_date"] = _("行政行为作出日期不能晚于申请人知道该行为之日。")
        if self.knew_of_right_on and self.knew_of_act_on and self.knew_of_right_on < self.knew_of_act_on:
            errors["knew_of_right_on"] = _("知道复议权利之日不能早于知道行政行为之日。")
        if self.accepted_on and self.received_on and self.accepted_on < self.received_on:
            errors["accepted_on"] = _("受理日期不能早于收到申请日期。")
        if self.act_amount is not None and self.act_amount < 0:
            errors["act_amount"] = _("涉及款额不能为负数。")
        if errors:
            raise ValidationError(errors)

    # --- derived facts the rules use ------------------------------------------------------------------

    @property
    def is_info_disclosure(self) -> bool:
        """政府信息公开案件 (第五十三条第一款第四项)."""
        return self.act_type == ActType.INFO_DISCLOSURE

    @property
    def is_simple(self) -> bool:
        return self.procedure == Procedure.SIMPLE

    @property
    def needs_hearing(self) -> bool:
        """复议法第五十条第一款: a major, difficult or complex case must have a hearing."""
        return self.is_major_difficult_complex

    @property
    def needs_committee(self) -> bool:
        """复议法第五十二条第二款第一、二项: major/difficult/complex or highly technical cases."""
        return self.is_major_difficult_complex or self.is_highly_technical

    @property
    def applicants(self):
        """The applicants (申请人) are the dispute's claimants (disputes.Party, masked on display)."""
        return self.dispute.parties.filter(role=PartyRole.CLAIMANT)


CaseChildQuerySet = scoped_queryset("case__org_unit")


class CaseEvent(WorkflowEvent):
    """案件日志: one step in the case's timeline — a transition or another recorded act — with its
    legal basis. Written by the services; never edited."""

    case = models.ForeignKey(
        ReconsiderationCase, verbose_name=_("行政复议案件"), on_delete=models.PROTECT, related_name="events"
    )
    kind = event_kind_field(EventKind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("为空表示由系统依法自动处理。"),
    )
    from_status, to_status = status_fields(CaseStatus, max_length=24)
    note = models.TextField(_("说明"), blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("案件日志")
        verbose_name_plural = _("案件日志")
        ordering = ["case", "date", "created_at", "id"]
        indexes = [models.Index(fields=["case", "date", "created_at", "id"], name="recon_event_case_date")]


class CaseSuspension(RecordedModel):
    """行政复议中止 (第三十九条): one suspension of the case, its ground and, once resumed, its end."""

    case = models.ForeignKey(
        ReconsiderationCase,
        verbose_name=_("行政复议案件"),
        on_delete=models.PROTECT,
        related_name="suspensions",
    )
    ground = models.CharField(_("中止事由"), max_length=8, choices=SuspensionGround.choices)
    reason = models.TextField(_("具体情况"))
    suspended_on = models.DateField(_("中止日期"))
    resumed_on = models.DateField(_("恢复日期"), null=True, blank=True)
    from_status = models.CharField(
        _("中止前状态"),
        max_length=24,
        choices=CaseStatus.choices,
        blank=True,
        help_text=_("恢复审理后案件回到中止前的阶段（第三十九条）。"),
    )
    notice_number = models.CharField(_("中止通知书文号"), max_length=50, blank=True)
    resume_notice_number = models.CharField(_("恢复审理通知书文号"), max_length=50, blank=True)

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("中止记录")
        verbose_name_plural = _("中止记录")
        ordering = ["case", "suspended_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resumed_on__isnull=True) | Q(resumed_on__gte=models.F("suspended_on")),
                name="%(app_label)s_%(class)s_resumed_after_suspended",
                violation_error_message=_("恢复日期不能早于中止日期。"),
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(resumed_on__isnull=True),
                name="%(app_label)s_%(class)s_one_open_per_case",
                violation_error_message=_("案件已处于中止状态。"),
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.get_ground_display()}"


class CaseDecision(RecordedModel):
    """结案决定: how the case ended — a reconsideration decision (第六十三条至第七十二条), a 调解书
    (第七十三条), a termination (第四十一条, incl. settlement and withdrawal, 第七十四条) or a refusal
    to accept (第三十条). The correction classification is computed by the service from the outcome,
    never chosen (docs/indicators.md)."""

    case = models.OneToOneField(
        ReconsiderationCase, verbose_name=_("行政复议案件"), on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("结案方式"), max_length=24, choices=DecisionOutcome.choices)
    no_evidence_disposition = models.CharField(
        _("第七十条处理方式"), max_length=20, choices=NoEvidenceDisposition.choices, blank=True
    )
    order_redo = models.BooleanField(_("责令重新作出行政行为"), default=False)
    compensation_ordered = models.BooleanField(_("同时决定赔偿或返还财产"), default=False)
    compensation = models.CharField(
        _("行政赔偿"), max_length=12, choices=Compensation.choices, blank=True, help_text=_("第七十二条。")
    )
    decided_on = models.DateField(_("决定日期"))
    reasoning = models.TextField(_("理由"), blank=True)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("第六十一条：经行政复议机关的负责人同意。"),
    )
    collective_discussion_on = models.DateField(
        _("集体讨论日期"), null=True, blank=True, help_text=_("第六十一条：或者经集体讨论通过。")
    )
    collective_participants = models.TextField(_("集体讨论参加人员"), blank=True)
    termination_ground = models.CharField(
        _("终止事由"), max_length=8, choices=TerminationGround.choices, blank=True
    )
    is_settlement = models.BooleanField(_("和解后撤回"), default=False, help_text=_("第七十四条。"))
    agency_changed_act = models.BooleanField(_("被申请人已改变原行政行为"), default=False)
    referred_body = models.CharField(
        _("告知的有管辖权的复议机关"),
        max_length=100,
        blank=True,
        help_text=_("第三十条第二款：不属于本机关管辖的。"),
    )
    is_directly_corrected = models.BooleanField(_("直接纠错"), default=False, editable=False)
    is_indirectly_corrected = models.BooleanField(_("间接纠错"), default=False, editable=False)
    document_number = models.CharField(_("文书文号"), max_length=50, blank=True)
    performance_days = models.PositiveSmallIntegerField(
        _("履行期限（日）"),
        null=True,
        blank=True,
        help_text=_(
            "责令履行（第六十六条）或者责令重新作出行政行为（第六十四条）的期限，自收到决定书之日起计算。"
        ),
    )
    served_on = models.DateField(
        _("送达日期"), null=True, blank=True, help_text=_("第七十五条：决定书一经送达即发生法律效力。")
    )

    objects = CaseChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("结案决定")
        verbose_name_plural = _("结案决定")
        ordering = ["-decided_on", "-id"]
        indexes = [
            models.Index(fields=["decided_on", "outcome"], name="recon_decision_date_outcome"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(is_directly_corrected=True, is_indirectly_corrected=True),
                name="%(app_label)s_%(class)s_one_correction_kind",
                violation_error_message=_("直接纠错与间接纠错不能同时成立。"),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=DecisionOutcome.NO_EVIDENCE) | ~Q(no_evidence_disposition=""),
                name="%(app_label)s_%(class)s_no_evidence_has_disposition",
                violation_error_message=_(
                    "依第七十条作出决定的，须选择撤销、部分撤销、确认违法、确认无效或责令履行。"
                ),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=DecisionOutcome.TERMINATION) | ~Q(termination_ground=""),
                name="%(app_label)s_%(class)s_termination_has_ground",
                violation_error_message=_("终止行政复议须说明第四十一条规定的事由。"),
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.get_outcome_display()}"

    @property
    def correction_kind(self) -> CorrectionKind:
        return correction_kind(self.outcome, agency_changed_act=self.agency_changed_act)

    @property
    def is_partial(self) -> bool:
        """部分撤销 — directly or under 第七十条."""
        return (
            self.outcome == DecisionOutcome.PARTIAL_REVOKE
            or self.no_evidence_disposition == NoEvidenceDisposition.PARTIAL_REVOKE
        )

    @property
    def may_order_redo(self) -> bool:
        return self.outcome in REDO_OUTCOMES


auditlog.register(ReconsiderationCase)
auditlog.register(CaseEvent)
auditlog.register(CaseSuspension)
auditlog.register(CaseDecision)
