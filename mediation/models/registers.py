"""The registers of 多元化解: partner agreements (诉调对接 documents) and mediators.

Mediation organisations themselves are `accounts.OrgUnit`s of kind 调解组织 (人民调解委员会,
行业性专业性调解组织, 诉调对接中心 / 工作站, 行政调解 bodies within agencies)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import ScopedModel, VersionedModel


class PartnerAgreement(ScopedModel, VersionedModel):
    """诉调对接文件: a joint document on linking mediation with courts, public security, arbitration
    commissions or industry bodies. `org_unit` is the justice bureau or centre that keeps it."""

    title = models.CharField(_("文件名称"), max_length=200)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    signed_on = models.DateField(_("签订日期"))
    parties = models.ManyToManyField(
        "accounts.OrgUnit", verbose_name=_("签订单位"), related_name="mediation_partner_agreements"
    )
    summary = models.TextField(_("主要内容"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("诉调对接文件")
        verbose_name_plural = _("诉调对接文件")
        ordering = ["-signed_on", "-id"]
        indexes = [models.Index(fields=["-signed_on", "-id"], name="med_partner_signed")]

    def __str__(self):
        return self.title


class Mediator(ScopedModel, VersionedModel):
    """调解员: one mediator of a mediation organisation (`org_unit`); cases handled and the success
    rate are computed from the cases (mediation.selectors), never typed."""

    name = models.CharField(_("姓名"), max_length=50)
    specialties = models.CharField(_("擅长领域"), max_length=200, blank=True)
    user = models.ForeignKey(
        "accounts.User",
        verbose_name=_("系统用户"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mediator_profiles",
    )
    is_active = models.BooleanField(_("在册"), default=True)

    class Meta:
        verbose_name = _("调解员")
        verbose_name_plural = _("调解员")
        ordering = ["org_unit", "name", "id"]
        indexes = [models.Index(fields=["org_unit", "name", "id"], name="med_mediator_unit_name")]

    def __str__(self):
        return self.name


auditlog.register(PartnerAgreement, m2m_fields={"parties"})
auditlog.register(Mediator)
