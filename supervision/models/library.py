"""指导性案例 and 特邀行政执法监督员."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import scoped_queryset
from core.models import RecordedModel, ScopedModel, VersionedModel
from enforcement.choices import Sector
from enforcement.models import EnforcementCase

from ..choices import ActivityKind, GuidingStatus


class GuidingCase(ScopedModel, VersionedModel):
    """指导案例: drafted and published by the justice bureau (`org_unit`); once published every
    enforcement user may read it (the library is not scoped by jurisdiction)."""

    number = models.CharField(_("编号"), max_length=30, unique=True)
    title = models.CharField(_("标题"), max_length=200)
    sector = models.CharField(_("执法领域"), max_length=16, choices=Sector.choices)
    summary = models.TextField(_("基本案情"), max_length=5000)
    key_points = models.TextField(_("裁判要点"), max_length=3000)
    source_case = models.ForeignKey(
        EnforcementCase,
        verbose_name=_("来源案件"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=GuidingStatus.choices, default=GuidingStatus.DRAFT, editable=False
    )
    published_on = models.DateField(_("发布日期"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("指导案例")
        verbose_name_plural = _("指导案例")
        ordering = ["-published_on", "number", "id"]
        indexes = [models.Index(fields=["status", "-published_on"], name="sup_guiding_published")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=GuidingStatus.DRAFT) | Q(published_on__isnull=False),
                name="%(app_label)s_%(class)s_published_has_date",
                violation_error_message=_("已发布的指导案例须有发布日期。"),
            )
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("supervision:guiding_detail", kwargs={"pk": self.pk})


class SpecialSupervisor(ScopedModel, VersionedModel):
    """特邀行政执法监督员 appointed by the justice bureau (`org_unit`) for a term, with a 监督证."""

    name = models.CharField(_("姓名"), max_length=50)
    affiliation = models.CharField(_("工作单位"), max_length=100)
    term_start = models.DateField(_("聘期起"))
    term_end = models.DateField(_("聘期止"))
    certificate_number = models.CharField(_("监督证号"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("特邀行政执法监督员")
        verbose_name_plural = _("特邀行政执法监督员")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gt=F("term_start")),
                name="%(app_label)s_%(class)s_term",
                violation_error_message=_("聘期截止日期须晚于起始日期。"),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("supervision:supervisor_detail", kwargs={"pk": self.pk})


class SupervisorActivity(RecordedModel):
    """履职记录: a review, joint inspection or hearing the supervisor took part in."""

    supervisor = models.ForeignKey(
        SpecialSupervisor, verbose_name=_("特邀监督员"), on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField(_("履职类型"), max_length=12, choices=ActivityKind.choices)
    date = models.DateField(_("日期"))
    description = models.CharField(_("内容"), max_length=500)

    objects = scoped_queryset("supervisor__org_unit").as_manager()

    class Meta:
        verbose_name = _("特邀监督员履职记录")
        verbose_name_plural = _("特邀监督员履职记录")
        ordering = ["supervisor", "-date", "id"]

    def __str__(self):
        return f"{self.supervisor} {self.get_kind_display()}"


auditlog.register(GuidingCase)
auditlog.register(SpecialSupervisor)
auditlog.register(SupervisorActivity)


class SpecialCampaign(ScopedModel, VersionedModel):
    """专项整治 (e.g. 道路交通安全和运输执法领域突出问题专项整治): organised by the justice bureau
    (`org_unit`) over a period, grouping the inspections and the supervision notices it raised."""

    title = models.CharField(_("专项名称"), max_length=100)
    sector = models.CharField(_("执法领域"), max_length=16, choices=Sector.choices, blank=True)
    start_on = models.DateField(_("开始日期"))
    end_on = models.DateField(_("结束日期"))
    description = models.TextField(_("工作安排"), max_length=3000, blank=True)

    class Meta:
        verbose_name = _("专项整治")
        verbose_name_plural = _("专项整治")
        ordering = ["-start_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=F("start_on")),
                name="%(app_label)s_%(class)s_period",
                violation_error_message=_("结束日期不能早于开始日期。"),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("supervision:special_detail", kwargs={"pk": self.pk})


auditlog.register(SpecialCampaign)
