"""府院联动: the reconsideration body's work with courts, procuratorates and the bar association."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import ScopedModel, VersionedModel

from ..choices import LinkageKind
from .case import ReconsiderationCase


class LinkageRecord(ScopedModel, VersionedModel):
    """府院联动记录: a joint meeting (联席会议), a consultation on cases (案件会商), a referral between
    litigation and mediation (诉调对接/移送) or a joint document (联合发文) with partner units —
    courts, procuratorates, the bar association (an 其他 unit). `org_unit` is the reconsideration body."""

    kind = models.CharField(_("联动方式"), max_length=20, choices=LinkageKind.choices)
    date = models.DateField(_("日期"))
    title = models.CharField(_("标题"), max_length=200)
    summary = models.TextField(_("主要内容"))
    document_number = models.CharField(_("文号"), max_length=100, blank=True, help_text=_("联合发文的文号。"))
    partners = models.ManyToManyField(
        "accounts.OrgUnit", verbose_name=_("联动单位"), related_name="recon_linkages"
    )
    related_cases = models.ManyToManyField(
        ReconsiderationCase, verbose_name=_("涉及案件"), related_name="linkages", blank=True
    )

    class Meta:
        verbose_name = _("府院联动记录")
        verbose_name_plural = _("府院联动记录")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["org_unit", "-date"], name="recon_linkage_unit_date")]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"


auditlog.register(LinkageRecord, m2m_fields={"partners", "related_cases"})
