"""The major administrative decision (重大行政决策), its timeline and the records of its steps."""

from __future__ import annotations

from auditlog.registry import auditlog
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
    DECISION_WORKFLOW,
    DecisionCategory,
    DecisionEventKind,
    DecisionStatus,
    DiscussionResult,
    EvaluationConclusion,
    EvaluationTrigger,
    MeetingKind,
    RiskLevel,
)

TEXT = 4000  # a long free-text field (summary, account, measures …)
NOTE = 1000  # a reason or a short account


class MajorDecision(DECISION_WORKFLOW.fsm_mixin(), FSMModelMixin, ScopedModel, VersionedModel):
    """重大行政决策: one item of the body's 决策事项目录, from 立项 to 归档.

    `org_unit` is the decision body (决策机关 — a people's government), so its legal office and its
    leaders see it. The steps (public participation, expert argumentation, risk assessment, legality
    review, collective discussion) are records of their own; the status changes only through
    `decisions.services` (the table `choices.DECISION_WORKFLOW`).
    """

    #: its clocks move only through the decision services
    clocks_follow_workflow = True

    number = models.CharField(_("决策编号"), max_length=40, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    serial = models.PositiveIntegerField(_("序号"), editable=False)
    title = models.CharField(_("决策事项名称"), max_length=200)
    category = models.CharField(_("决策类别"), max_length=20, choices=DecisionCategory.choices)
    undertaking_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("决策承办单位"),
        on_delete=models.PROTECT,
        related_name="undertaken_decisions",
    )
    catalogue_year = models.PositiveSmallIntegerField(_("目录年度"), help_text=_("列入决策事项目录的年度。"))
    summary = models.TextField(_("决策事项概要"), max_length=TEXT)
    is_technical = models.BooleanField(
        _("专业性、技术性较强"), default=True, help_text=_("第十九条：应当组织专家论证。")
    )
    has_stability_risk = models.BooleanField(
        _("可能影响社会稳定"), default=True, help_text=_("第二十二条：应当组织风险评估。")
    )
    proposed_on = models.DateField(_("立项日期"))
    status = FSMField(
        _("状态"),
        max_length=20,
        choices=DecisionStatus.choices,
        default=DecisionStatus.PROPOSED,
        protected=True,
    )
    participation_waiver = models.CharField(_("不公开征求意见的理由"), max_length=NOTE, blank=True)
    argumentation_waiver = models.CharField(_("不组织专家论证的理由"), max_length=NOTE, blank=True)
    argumentation_completed_on = models.DateField(_("专家论证完成日期"), null=True, blank=True)
    risk_waiver = models.CharField(_("不组织风险评估的理由"), max_length=NOTE, blank=True)
    sent_for_review_on = models.DateField(_("送请合法性审查日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    publication_channel = models.CharField(_("公布渠道"), max_length=200, blank=True)
    implemented_on = models.DateField(_("实施日期"), null=True, blank=True)
    halted_on = models.DateField(_("中止执行日期"), null=True, blank=True)
    halt_reason = models.CharField(_("中止执行理由"), max_length=NOTE, blank=True)
    closing_reason = models.CharField(_("暂缓或不予决策的理由"), max_length=NOTE, blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)
    archive_number = models.CharField(_("档案号"), max_length=50, blank=True)
    archive_complete = models.BooleanField(
        _("全过程记录齐全"), default=False, help_text=_("第三十三条：决策过程记录和材料归档。")
    )

    class Meta:
        verbose_name = _("重大行政决策")
        verbose_name_plural = _("重大行政决策")
        ordering = ["-proposed_on", "-id"]
        indexes = [
            models.Index(fields=["-proposed_on", "-id"], name="dec_decision_proposed"),
            models.Index(fields=["org_unit", "status"], name="dec_decision_unit_status"),
            models.Index(fields=["status"], name="dec_decision_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year", "serial"],
                name="%(app_label)s_%(class)s_serial_per_body_year",
                violation_error_message=_("同一决策机关同一年度的决策编号不得重复。"),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("decisions:detail", kwargs={"pk": self.pk})

    def clean_fields(self, exclude=None):
        # the protected FSM field is set only by the table's transitions
        super().clean_fields(exclude={*(exclude or ()), "status"})


DecisionChildQuerySet = scoped_queryset("decision__org_unit")


class DecisionEvent(WorkflowEvent):
    """决策过程记录: one step of the decision's procedure with its legal basis (第三十三条)."""

    decision = models.ForeignKey(
        MajorDecision, verbose_name=_("重大行政决策"), on_delete=models.PROTECT, related_name="events"
    )
    kind = event_kind_field(DecisionEventKind)
    from_status, to_status = status_fields(DecisionStatus, max_length=20)
    note = models.TextField(_("说明"), max_length=NOTE, blank=True)

    objects = DecisionChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("决策过程记录")
        verbose_name_plural = _("决策过程记录")
        ordering = ["decision", "date", "created_at", "id"]
        indexes = [models.Index(fields=["decision", "date", "created_at", "id"], name="dec_event_decision")]


class PublicParticipation(RecordedModel):
    """公众参与 (第十四条至第十八条): the comment window, the opinions received and how they were
    taken up; an optional hearing whose materials reach the participants 7 days before (第十六条)."""

    decision = models.ForeignKey(
        MajorDecision, verbose_name=_("重大行政决策"), on_delete=models.PROTECT, related_name="participations"
    )
    methods = models.CharField(
        _("征求意见方式"), max_length=200, help_text=_("如：政府网站公开征求意见、座谈会。")
    )
    opens_on = models.DateField(_("征求意见开始日期"))
    closes_on = models.DateField(_("征求意见截止日期"))
    urgency_reason = models.CharField(
        _("缩短期限的理由"), max_length=NOTE, blank=True, help_text=_("第十五条：少于30日的须说明理由。")
    )
    hearing_on = models.DateField(_("听证会日期"), null=True, blank=True)
    hearing_materials_sent_on = models.DateField(_("听证材料送达日期"), null=True, blank=True)
    opinions_received = models.PositiveIntegerField(_("收到意见数"), default=0)
    adoption_account = models.TextField(_("意见采纳情况说明"), max_length=TEXT, blank=True)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)

    objects = DecisionChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("公众参与")
        verbose_name_plural = _("公众参与")
        ordering = ["decision", "opens_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="%(app_label)s_%(class)s_closes_after_opens",
                violation_error_message=_("征求意见截止日期不能早于开始日期。"),
            ),
        ]

    def __str__(self):
        return f"{self.decision} {self.methods}"


class ExpertArgumentation(RecordedModel):
    """专家论证 (第十九条至第二十一条): the experts' signed opinions; dissent is kept."""

    decision = models.ForeignKey(
        MajorDecision,
        verbose_name=_("重大行政决策"),
        on_delete=models.PROTECT,
        related_name="expert_opinions",
    )
    expert_name = models.CharField(_("专家姓名"), max_length=50)
    field = models.CharField(_("专业领域"), max_length=100)
    affiliation = models.CharField(_("工作单位"), max_length=200)
    independence_declared = models.BooleanField(
        _("已声明与决策事项无利害关系"), default=False, help_text=_("第二十条：专家应当独立开展论证。")
    )
    opinion = models.TextField(_("论证意见"), max_length=TEXT)
    is_dissent = models.BooleanField(_("不同意见"), default=False)
    signed_on = models.DateField(_("签名日期"))

    objects = DecisionChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("专家论证意见")
        verbose_name_plural = _("专家论证意见")
        ordering = ["decision", "signed_on", "id"]

    def __str__(self):
        return f"{self.decision} {self.expert_name}"


class RiskAssessment(RecordedModel):
    """风险评估 (第二十二条至第二十四条): level, risk points, measures and the contingency plan.
    An uncontrollable result stops the decision until the draft is adjusted (第二十四条)."""

    decision = models.ForeignKey(
        MajorDecision,
        verbose_name=_("重大行政决策"),
        on_delete=models.PROTECT,
        related_name="risk_assessments",
    )
    assessor = models.CharField(_("评估主体"), max_length=200)
    assessor_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("评估单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("承担评估工作的单位（委托第三方的可为空）。"),
    )
    is_third_party = models.BooleanField(_("委托第三方评估"), default=False)
    level = models.CharField(_("风险等级"), max_length=8, choices=RiskLevel.choices)
    risk_points = models.TextField(_("风险点"), max_length=TEXT)
    measures = models.TextField(_("防范化解措施"), max_length=TEXT)
    contingency_plan = models.TextField(_("应急处置预案"), max_length=TEXT, blank=True)
    is_uncontrollable = models.BooleanField(_("风险不可控"), default=False)
    assessed_on = models.DateField(_("评估日期"))

    objects = DecisionChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("风险评估")
        verbose_name_plural = _("风险评估")
        ordering = ["decision", "assessed_on", "id"]

    def __str__(self):
        return f"{self.decision} {self.get_level_display()}"


class CollectiveDiscussion(RecordedModel):
    """集体讨论 (第三十条): the meeting, who attended, the result, the chief executive's conclusion,
    the dissent and the reasons where the conclusion differs from the majority."""

    decision = models.ForeignKey(
        MajorDecision, verbose_name=_("重大行政决策"), on_delete=models.PROTECT, related_name="discussions"
    )
    meeting_kind = models.CharField(_("会议类型"), max_length=12, choices=MeetingKind.choices)
    meeting_on = models.DateField(_("会议日期"))
    attendees = models.TextField(_("出席人员"), max_length=NOTE, blank=True)
    result = models.CharField(_("讨论结果"), max_length=12, choices=DiscussionResult.choices, blank=True)
    chief_conclusion = models.TextField(_("行政首长决定"), max_length=NOTE, blank=True)
    dissent = models.TextField(_("不同意见"), max_length=NOTE, blank=True)
    differs_reason = models.TextField(
        _("与多数意见不一致的理由"), max_length=NOTE, blank=True, help_text=_("第三十条第二款。")
    )
    review_time_warning = models.CharField(_("审查时间提示"), max_length=100, blank=True, editable=False)

    objects = DecisionChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("集体讨论")
        verbose_name_plural = _("集体讨论")
        ordering = ["decision", "meeting_on", "id"]

    def __str__(self):
        return f"{self.decision} {self.get_meeting_kind_display()} {self.meeting_on:%Y-%m-%d}"


class PostEvaluation(RecordedModel):
    """决策后评估 (第三十六条): trigger, evaluating unit (never the unit that did the main pre-decision
    assessment), planned date, report and conclusion."""

    decision = models.ForeignKey(
        MajorDecision, verbose_name=_("重大行政决策"), on_delete=models.PROTECT, related_name="evaluations"
    )
    trigger = models.CharField(_("评估原因"), max_length=16, choices=EvaluationTrigger.choices)
    evaluator = models.CharField(_("评估单位"), max_length=200)
    evaluator_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("评估单位（本系统）"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    planned_on = models.DateField(_("计划完成日期"))
    report = models.TextField(_("评估报告"), max_length=TEXT, blank=True)
    conclusion = models.CharField(
        _("评估结论"), max_length=12, choices=EvaluationConclusion.choices, blank=True
    )
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)

    objects = DecisionChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("决策后评估")
        verbose_name_plural = _("决策后评估")
        ordering = ["-planned_on", "-id"]
        indexes = [models.Index(fields=["-planned_on", "-id"], name="dec_evaluation_planned")]

    def __str__(self):
        return f"{self.decision} {self.planned_on:%Y-%m-%d}"


auditlog.register(MajorDecision)
auditlog.register(DecisionEvent)
auditlog.register(PublicParticipation)
auditlog.register(ExpertArgumentation)
auditlog.register(RiskAssessment)
auditlog.register(CollectiveDiscussion)
auditlog.register(PostEvaluation)
