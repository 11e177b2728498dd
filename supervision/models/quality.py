"""优劣质执法案件评选: the Bureau's yearly selection of good and bad enforcement case files.

Nominations come from file reviews (a 优秀 file for the good list, a 不合格 one for the bad list); the
panel — the Bureau's supervisors, never of the file's own agency — scores each nomination; the Bureau
publishes the two lists (docs/law/supervision.md)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import scoped_queryset
from core.models import RecordedModel, ScopedModel, VersionedModel

from ..choices import NominationKind
from .review import ReviewedFile


class QualitySelection(ScopedModel, VersionedModel):
    """评选活动 of one year, organised by the justice bureau (`org_unit`)."""

    title = models.CharField(_("评选名称"), max_length=100)
    year = models.PositiveSmallIntegerField(_("年度"))
    published_on = models.DateField(_("公布日期"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("优劣质执法案件评选")
        verbose_name_plural = _("优劣质执法案件评选")
        ordering = ["-year", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("supervision:selection_detail", kwargs={"pk": self.pk})


class Nomination(RecordedModel):
    """One reviewed file put forward for the good (优质) or bad (劣质) list, with the panel's mean."""

    selection = models.ForeignKey(
        QualitySelection, verbose_name=_("评选活动"), on_delete=models.PROTECT, related_name="nominations"
    )
    file = models.ForeignKey(
        ReviewedFile, verbose_name=_("评查案卷"), on_delete=models.PROTECT, related_name="nominations"
    )
    kind = models.CharField(_("类别"), max_length=8, choices=NominationKind.choices)
    reason = models.CharField(_("推荐理由"), max_length=1000)
    mean_score = models.DecimalField(
        _("评委平均分"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    listed = models.BooleanField(_("入选公布名单"), default=False, editable=False)

    objects = scoped_queryset("file__agency__org_unit").as_manager()

    class Meta:
        verbose_name = _("评选推荐案卷")
        verbose_name_plural = _("评选推荐案卷")
        ordering = ["selection", "kind", "-mean_score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "file"],
                name="%(app_label)s_%(class)s_once_per_selection",
                violation_error_message=_("该案卷已被推荐参加本次评选。"),
            )
        ]

    def __str__(self):
        return f"{self.file} {self.get_kind_display()}"


class PanelScore(RecordedModel):
    """One panel member's score (0–100) of one nomination."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("推荐案卷"), on_delete=models.PROTECT, related_name="scores"
    )
    panelist = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评委"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("评分"), max_digits=5, decimal_places=2)

    objects = scoped_queryset("nomination__file__agency__org_unit").as_manager()

    class Meta:
        verbose_name = _("评委评分")
        verbose_name_plural = _("评委评分")
        ordering = ["nomination", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "panelist"],
                name="%(app_label)s_%(class)s_one_per_panelist",
                violation_error_message=_("每位评委对同一案卷只能评分一次。"),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100),
                name="%(app_label)s_%(class)s_range",
                violation_error_message=_("评分须在0至100分之间。"),
            ),
        ]


auditlog.register(QualitySelection)
auditlog.register(Nomination)
auditlog.register(PanelScore)
