"""执法主体, 执法事项清单 and 裁量基准."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import scoped_queryset
from core.models import RecordedModel, ScopedModel, VersionedModel

from ..choices import AgencyLevel, Circumstance, ItemKind, Sector


class EnforcementAgency(ScopedModel, VersionedModel):
    """执法主体: one agency unit with the authority to enforce (主体资格). `org_unit` is the agency
    itself, so its staff see its officers and cases and the justice bureau above it sees them all."""

    name = models.CharField(_("执法主体名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=AgencyLevel.choices)
    sector = models.CharField(_("执法领域"), max_length=16, choices=Sector.choices)
    sectors_note = models.CharField(_("其他执法领域"), max_length=200, blank=True)
    is_comprehensive = models.BooleanField(_("综合行政执法"), default=False)
    authority_basis = models.CharField(_("执法权限依据"), max_length=500)
    subject_certificate_number = models.CharField(_("主体资格证号"), max_length=40, unique=True)
    certified_on = models.DateField(_("主体资格确认日期"))

    class Meta:
        verbose_name = _("执法主体")
        verbose_name_plural = _("执法主体")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["name", "id"], name="enf_agency_name")]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit"],
                name="%(app_label)s_%(class)s_one_per_unit",
                violation_error_message=_("每个单位只能登记一个执法主体。"),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("enforcement:agency_detail", kwargs={"pk": self.pk})


class EnforcementItem(RecordedModel):
    """执法事项 (权责清单): one power of the agency — its code, kind and legal basis."""

    agency = models.ForeignKey(
        EnforcementAgency, verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="items"
    )
    code = models.CharField(_("事项编码"), max_length=40)
    name = models.CharField(_("事项名称"), max_length=200)
    kind = models.CharField(_("事项类型"), max_length=12, choices=ItemKind.choices)
    legal_basis = models.CharField(_("设定依据"), max_length=500)

    objects = scoped_queryset("agency__org_unit").as_manager()

    class Meta:
        verbose_name = _("执法事项")
        verbose_name_plural = _("执法事项")
        ordering = ["agency", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="%(app_label)s_%(class)s_code_per_agency",
                violation_error_message=_("同一执法主体的事项编码不得重复。"),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class DiscretionBenchmark(RecordedModel):
    """裁量基准: for one penalty item and one circumstance, the range of the fine (元)."""

    item = models.ForeignKey(
        EnforcementItem, verbose_name=_("执法事项"), on_delete=models.PROTECT, related_name="benchmarks"
    )
    circumstance = models.CharField(_("裁量情形"), max_length=10, choices=Circumstance.choices)
    description = models.CharField(_("适用条件"), max_length=500)
    min_amount = models.DecimalField(_("罚款下限（元）"), max_digits=12, decimal_places=2)
    max_amount = models.DecimalField(_("罚款上限（元）"), max_digits=12, decimal_places=2)
    is_published = models.BooleanField(_("已公布"), default=True)

    objects = scoped_queryset("item__agency__org_unit").as_manager()

    class Meta:
        verbose_name = _("裁量基准")
        verbose_name_plural = _("裁量基准")
        ordering = ["item", "circumstance", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_amount__gte=0) & Q(max_amount__gte=F("min_amount")),
                name="%(app_label)s_%(class)s_range",
                violation_error_message=_("罚款下限不能为负数，上限不能低于下限。"),
            ),
            models.UniqueConstraint(
                fields=["item", "circumstance"],
                name="%(app_label)s_%(class)s_one_per_circumstance",
                violation_error_message=_("同一事项的同一裁量情形只能有一条基准。"),
            ),
        ]

    def __str__(self):
        return f"{self.item.name} {self.get_circumstance_display()} {self.min_amount}–{self.max_amount}"

    def contains(self, amount) -> bool:
        return self.min_amount <= amount <= self.max_amount


auditlog.register(EnforcementAgency)
auditlog.register(EnforcementItem)
auditlog.register(DiscretionBenchmark)
