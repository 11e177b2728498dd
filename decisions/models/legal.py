"""政府法律事务合法性审查: the review request, its signed written opinion, the legal advisers and
their consultations, and the 学法 sessions of the government's executive meeting."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
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
    ASPECTS,
    MATTER_WORKFLOW,
    AdvisorKind,
    Conclusion,
    Finding,
    MatterEventKind,
    MatterKind,
    MatterStatus,
)
from .decision import NOTE, TEXT, MajorDecision


class LegalAffairsMatter(MATTER_WORKFLOW.fsm_mixin(), FSMModelMixin, ScopedModel, VersionedModel):
    """合法性审查事项: one document or act sent to the legal office for review — a major decision's
    draft (决策条例第二十五条), a normative document (国办发〔2018〕115号), a contract, a project …

    `org_unit` is the government whose legal office reviews it. The due date is the `Deadline` row of
    the matter (decisions/deadlines.py); 退回补充材料 pauses it.
    """

    clocks_follow_workflow = True

    number = models.CharField(_("收文编号"), max_length=40, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"), editable=False)
    serial = models.PositiveIntegerField(_("序号"), editable=False)
    kind = models.CharField(_("审查类别"), max_length=16, choices=MatterKind.choices)
    title = models.CharField(_("送审事项"), max_length=200)
    requesting_unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("送审单位"), on_delete=models.PROTECT, related_name="+"
    )
    decision = models.ForeignKey(
        MajorDecision,
        verbose_name=_("重大行政决策"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
    )
    received_on = models.DateField(_("收文日期"))
    due_on = models.DateField(_("审查期限"), null=True, blank=True, editable=False)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办审查人员"),
        related_name="legal_review_matters",
        blank=True,
    )
    materials_note = models.CharField(_("退回补充的材料"), max_length=NOTE, blank=True)
    status = FSMField(
        _("状态"), max_length=16, choices=MatterStatus.choices, default=MatterStatus.RECEIVED, protected=True
    )
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("合法性审查事项")
        verbose_name_plural = _("合法性审查事项")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["-received_on", "-id"], name="dec_matter_received"),
            models.Index(fields=["org_unit", "status"], name="dec_matter_unit_status"),
            models.Index(fields=["kind", "status"], name="dec_matter_kind_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year", "serial"],
                name="%(app_label)s_%(class)s_serial_per_body_year",
                violation_error_message=_("同一审查机关同一年度的收文编号不得重复。"),
            ),
            models.CheckConstraint(
                condition=~Q(kind="major_decision") | Q(decision__isnull=False),
                name="%(app_label)s_%(class)s_decision_kind_has_decision",
                violation_error_message=_("重大行政决策类审查事项须关联决策。"),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("decisions:matter_detail", kwargs={"pk": self.pk})

    def clean_fields(self, exclude=None):
        super().clean_fields(exclude={*(exclude or ()), "status"})


MatterChildQuerySet = scoped_queryset("matter__org_unit")


class MatterEvent(WorkflowEvent):
    """审查过程记录: one step of a review with its basis. Written by the services; never edited."""

    matter = models.ForeignKey(
        LegalAffairsMatter, verbose_name=_("合法性审查事项"), on_delete=models.PROTECT, related_name="events"
    )
    kind = event_kind_field(MatterEventKind)
    from_status, to_status = status_fields(MatterStatus, max_length=16)
    note = models.TextField(_("说明"), max_length=NOTE, blank=True)

    objects = MatterChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("审查过程记录")
        verbose_name_plural = _("审查过程记录")
        ordering = ["matter", "date", "created_at", "id"]
        indexes = [models.Index(fields=["matter", "date", "created_at", "id"], name="dec_event_matter")]


def _finding(label):
    return models.CharField(label, max_length=8, choices=Finding.choices, default=Finding.LAWFUL)


def _finding_text(label):
    return models.TextField(label, max_length=NOTE, blank=True)


class ReviewOpinion(VersionedModel):
    """书面审查意见: the finding on each of the six aspects, the conclusion, the citations; drafted by a
    reviewer and signed by another holding the sign permission. Immutable once signed — a correction
    is a new opinion that supersedes it (docs/law/decisions.md)."""

    matter = models.ForeignKey(
        LegalAffairsMatter,
        verbose_name=_("合法性审查事项"),
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    subject = _finding(_("主体"))
    subject_text = _finding_text(_("主体意见"))
    authority = _finding(_("权限"))
    authority_text = _finding_text(_("权限意见"))
    content = _finding(_("核心内容"))
    content_text = _finding_text(_("核心内容意见"))
    procedure = _finding(_("法定程序"))
    procedure_text = _finding_text(_("法定程序意见"))
    basis = _finding(_("法律依据"))
    basis_text = _finding_text(_("法律依据意见"))
    policy = _finding(_("政策条款"))
    policy_text = _finding_text(_("政策条款意见"))
    conclusion = models.CharField(_("审查结论"), max_length=10, choices=Conclusion.choices)
    citations = models.TextField(_("引用依据"), max_length=TEXT, blank=True)
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("起草人"), on_delete=models.PROTECT, related_name="+"
    )
    drafted_at = models.DateTimeField(_("起草时间"), auto_now_add=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("签发人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("签发时间"), null=True, blank=True)
    signed_on = models.DateField(_("签发日期"), null=True, blank=True)
    document_year = models.PositiveSmallIntegerField(_("文号年度"), null=True, blank=True, editable=False)
    document_serial = models.PositiveIntegerField(_("文号序号"), null=True, blank=True, editable=False)
    document_number = models.CharField(_("审查意见书文号"), max_length=40, blank=True, editable=False)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("更正的意见"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )

    objects = MatterChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("书面审查意见")
        verbose_name_plural = _("书面审查意见")
        ordering = ["matter", "drafted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signer__isnull=True) | ~Q(signer=models.F("drafter")),
                name="%(app_label)s_%(class)s_signer_not_drafter",
                violation_error_message=_("签发人不能是起草人。"),
            ),
            models.CheckConstraint(
                condition=Q(signed_at__isnull=True) | ~Q(document_number=""),
                name="%(app_label)s_%(class)s_signed_has_number",
                violation_error_message=_("已签发的审查意见须有文号。"),
            ),
            models.UniqueConstraint(
                fields=["document_number"],
                condition=~Q(document_number=""),
                name="%(app_label)s_%(class)s_unique_number",
                violation_error_message=_("审查意见书文号不得重复。"),
            ),
        ]
        permissions = [("sign_reviewopinion", _("签发书面审查意见"))]

    def __str__(self):
        return self.document_number or str(_("审查意见（未签发）"))

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def findings(self):
        """(label, finding display, text) for the six aspects, in the statute's order."""
        return [
            (label, getattr(self, f"get_{name}_display")(), getattr(self, f"{name}_text"))
            for name, label in ASPECTS
        ]


class LegalAdvisor(ScopedModel, VersionedModel):
    """法律顾问 / 公职律师 (决策条例第二十八条; the register of the appointing body)."""

    name = models.CharField(_("姓名"), max_length=50)
    kind = models.CharField(_("类别"), max_length=16, choices=AdvisorKind.choices)
    firm_or_unit = models.CharField(_("律师事务所或工作单位"), max_length=200)
    specialties = models.CharField(_("专业特长"), max_length=200, blank=True)
    term_start = models.DateField(_("聘任开始日期"))
    term_end = models.DateField(_("聘任结束日期"))
    is_active = models.BooleanField(_("在册"), default=True)

    class Meta:
        verbose_name = _("法律顾问")
        verbose_name_plural = _("法律顾问")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name", "id"], name="dec_advisor_name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=models.F("term_start")),
                name="%(app_label)s_%(class)s_term_order",
                violation_error_message=_("聘任结束日期不能早于开始日期。"),
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.get_kind_display()}）"


class AdvisorConsultation(RecordedModel):
    """法律顾问意见: one consultation of an adviser on a review or a decision, with the hours spent."""

    advisor = models.ForeignKey(
        LegalAdvisor, verbose_name=_("法律顾问"), on_delete=models.PROTECT, related_name="consultations"
    )
    org_unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+"
    )
    matter = models.ForeignKey(
        LegalAffairsMatter,
        verbose_name=_("合法性审查事项"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    decision = models.ForeignKey(
        MajorDecision,
        verbose_name=_("重大行政决策"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    question = models.TextField(_("咨询事项"), max_length=NOTE)
    opinion = models.TextField(_("法律意见"), max_length=TEXT)
    consulted_on = models.DateField(_("咨询日期"))
    hours = models.DecimalField(_("工作时长（小时）"), max_digits=5, decimal_places=1, default=1)

    objects = scoped_queryset("org_unit").as_manager()

    class Meta:
        verbose_name = _("法律顾问意见")
        verbose_name_plural = _("法律顾问意见")
        ordering = ["-consulted_on", "-id"]
        indexes = [models.Index(fields=["-consulted_on", "-id"], name="dec_consultation_date")]

    def __str__(self):
        return f"{self.advisor} {self.consulted_on:%Y-%m-%d}"


class LawStudySession(RecordedModel):
    """政府常务会议学法: one study session before an executive meeting."""

    org_unit = models.ForeignKey(
        "accounts.OrgUnit", verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("日期"))
    meeting = models.CharField(_("会议"), max_length=100)
    topic = models.CharField(_("学法内容"), max_length=200)
    lecturer = models.CharField(_("主讲人"), max_length=100)
    attendees = models.TextField(_("参加人员"), max_length=NOTE, blank=True)

    objects = scoped_queryset("org_unit").as_manager()

    class Meta:
        verbose_name = _("常务会议学法")
        verbose_name_plural = _("常务会议学法")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["-held_on", "-id"], name="dec_study_held")]

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.topic}"


auditlog.register(LegalAffairsMatter, m2m_fields={"reviewers"})
auditlog.register(MatterEvent)
auditlog.register(ReviewOpinion)
auditlog.register(LegalAdvisor)
auditlog.register(AdvisorConsultation)
auditlog.register(LawStudySession)
