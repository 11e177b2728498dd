"""案卷评查: the Bureau's rubric, campaigns, the files reviewed and each reviewer's score sheet."""

from __future__ import annotations

from decimal import Decimal

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import scoped_queryset
from core.models import RecordedModel, ScopedModel, VersionedModel
from enforcement.models import EnforcementAgency, EnforcementCase

from ..choices import DEFAULT_EXCELLENT, DEFAULT_PASS, CampaignKind, Grade, RubricSection


class Rubric(ScopedModel, VersionedModel):
    """评查标准: a version of the Bureau's rubric — its items (卷面 20, 内容 80), the veto list is fixed
    by law (choices.VetoItem), the grade thresholds are the Bureau's (default 优秀 ≥ 90, 合格 ≥ 70)."""

    name = models.CharField(_("评查标准"), max_length=100)
    version_label = models.CharField(_("版本"), max_length=20)
    excellent_from = models.DecimalField(
        _("优秀分数线"), max_digits=5, decimal_places=2, default=DEFAULT_EXCELLENT
    )
    pass_from = models.DecimalField(_("合格分数线"), max_digits=5, decimal_places=2, default=DEFAULT_PASS)

    class Meta:
        verbose_name = _("评查标准")
        verbose_name_plural = _("评查标准")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_from__gte=0)
                & Q(excellent_from__gt=F("pass_from"))
                & Q(excellent_from__lte=100),
                name="%(app_label)s_%(class)s_thresholds",
                violation_error_message=_("优秀分数线须高于合格分数线，且在0至100分之间。"),
            )
        ]

    def __str__(self):
        return f"{self.name}（{self.version_label}）"


class RubricItem(models.Model):
    """One deductible item of a rubric and its points."""

    rubric = models.ForeignKey(
        Rubric, verbose_name=_("评查标准"), on_delete=models.CASCADE, related_name="items"
    )
    section = models.CharField(_("部分"), max_length=10, choices=RubricSection.choices)
    code = models.CharField(_("编号"), max_length=10)
    label = models.CharField(_("评查项目"), max_length=200)
    points = models.DecimalField(
        _("分值"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.5"))]
    )

    objects = scoped_queryset("rubric__org_unit").as_manager()

    class Meta:
        verbose_name = _("评查项目")
        verbose_name_plural = _("评查项目")
        ordering = ["rubric", "section", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rubric", "code"],
                name="%(app_label)s_%(class)s_code_per_rubric",
                violation_error_message=_("同一评查标准的项目编号不得重复。"),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.label}"


class ReviewCampaign(ScopedModel, VersionedModel):
    """评查活动: one year's 自查, 抽查 or 专项 campaign over decisions within the scope window.
    `org_unit` is the organiser (the justice bureau)."""

    title = models.CharField(_("活动名称"), max_length=100)
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("评查类型"), max_length=10, choices=CampaignKind.choices)
    scope_start = models.DateField(_("评查范围起"))
    scope_end = models.DateField(_("评查范围止"))
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("评查标准"), on_delete=models.PROTECT, related_name="campaigns"
    )
    agencies = models.ManyToManyField(
        EnforcementAgency, verbose_name=_("参评执法主体"), related_name="review_campaigns", blank=True
    )
    sample_seed = models.PositiveIntegerField(_("抽样种子"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("案卷评查活动")
        verbose_name_plural = _("案卷评查活动")
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["-year", "-id"], name="sup_campaign_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope_end__gte=F("scope_start")),
                name="%(app_label)s_%(class)s_scope",
                violation_error_message=_("评查范围的截止日期不能早于起始日期。"),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("supervision:campaign_detail", kwargs={"pk": self.pk})


class ReviewedFile(RecordedModel):
    """One case file within a campaign: an `EnforcementCase` or an external file number. `sampled`
    files (抽查) are scored by two reviewers; self-checked ones by the agency. `score` and `grade`
    are computed by the service from the score sheets, never typed."""

    campaign = models.ForeignKey(
        ReviewCampaign, verbose_name=_("评查活动"), on_delete=models.PROTECT, related_name="files"
    )
    agency = models.ForeignKey(
        EnforcementAgency, verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="reviewed_files"
    )
    case = models.ForeignKey(
        EnforcementCase,
        verbose_name=_("执法案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_files",
    )
    file_number = models.CharField(_("案卷号"), max_length=60)
    sampled = models.BooleanField(_("抽查案卷"), default=False)
    needs_consensus = models.BooleanField(_("须合议评定"), default=False, editable=False)
    score = models.DecimalField(
        _("得分"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    vetoes = models.JSONField(_("否决项"), default=list, blank=True, editable=False)
    grade = models.CharField(
        _("等次"), max_length=10, choices=Grade.choices, default=Grade.PENDING, editable=False
    )

    objects = scoped_queryset("agency__org_unit").as_manager()

    class Meta:
        verbose_name = _("评查案卷")
        verbose_name_plural = _("评查案卷")
        ordering = ["campaign", "agency", "file_number", "id"]
        indexes = [
            models.Index(fields=["campaign", "agency", "grade"], name="sup_file_campaign_grade"),
            models.Index(fields=["campaign", "agency", "file_number", "id"], name="sup_file_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "agency", "file_number"],
                name="%(app_label)s_%(class)s_number_per_campaign",
                violation_error_message=_("同一活动中该执法主体的案卷号不得重复。"),
            )
        ]

    def __str__(self):
        return self.file_number

    def get_absolute_url(self):
        return reverse("supervision:file_detail", kwargs={"pk": self.pk})


class ScoreSheet(RecordedModel):
    """评分表: one reviewer's deductions (item code → points) and veto hits for one file, or the
    consensus sheet (`is_consensus`) that settles two scores more than 10 points apart."""

    file = models.ForeignKey(
        ReviewedFile, verbose_name=_("评查案卷"), on_delete=models.PROTECT, related_name="sheets"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评查人"), on_delete=models.PROTECT, related_name="+"
    )
    deductions = models.JSONField(_("扣分"), default=dict, blank=True)
    vetoes = models.JSONField(_("否决项"), default=list, blank=True)
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=2)
    is_consensus = models.BooleanField(_("合议评定"), default=False)
    scored_on = models.DateField(_("评分日期"))
    note = models.CharField(_("评查意见"), max_length=1000, blank=True)

    objects = scoped_queryset("file__agency__org_unit").as_manager()

    class Meta:
        verbose_name = _("评分表")
        verbose_name_plural = _("评分表")
        ordering = ["file", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["file", "reviewer", "is_consensus"],
                name="%(app_label)s_%(class)s_one_per_reviewer",
                violation_error_message=_("同一评查人对同一案卷只能评分一次。"),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100),
                name="%(app_label)s_%(class)s_score_range",
                violation_error_message=_("得分须在0至100分之间。"),
            ),
        ]

    def __str__(self):
        return f"{self.file} {self.score}"


auditlog.register(Rubric)
auditlog.register(RubricItem)
auditlog.register(ReviewCampaign, m2m_fields={"agencies"})
auditlog.register(ReviewedFile)
auditlog.register(ScoreSheet)
