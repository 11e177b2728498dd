"""Administrative disputes (行政争议) and their parties — the 诉源 lineage every mechanism hangs on."""

from auditlog.registry import auditlog
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import JurisdictionQuerySet
from core.masking import mask_id_number, mask_phone
from core.models import RecordedModel, ScopedModel, VersionedModel

from .choices import ActType, DisputeStatus, PartyKind, PartyRole, Sector
from .scoping import disputes_changeable_by, disputes_visible_to
from .validators import validate_id_number, validate_phone, validate_uscc


class DisputeQuerySet(JurisdictionQuerySet):
    """Disputes are scoped through the mechanism records on them (disputes/scoping.py), not by the
    respondent's jurisdiction alone."""

    def visible_to(self, user):
        return disputes_visible_to(self, user)

    def changeable_by(self, user):
        return disputes_changeable_by(self, user)


class Dispute(ScopedModel, VersionedModel):
    """行政争议: one disagreement between a party and an agency's administrative act.

    Every mediation, reconsideration and litigation case belongs to one dispute, so the dispute
    page shows the whole path the disagreement took and the statistics can answer the 诉源治理
    questions — which agencies and which kinds of act generate disputes, how many were resolved in
    substance, how many went round again. `org_unit` is the unit it was registered in (by default the
    respondent agency); it decides who sees the dispute only until a mechanism record is on it — then
    the readers of those records see it (disputes/scoping.py).
    """

    number = models.CharField(_("争议编号"), max_length=20, unique=True, editable=False)
    respondent = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("被申请（被告）机关"),
        on_delete=models.PROTECT,
        related_name="disputes_as_respondent",
    )
    act_type = models.CharField(_("行政行为类型"), max_length=20, choices=ActType.choices)
    sector = models.CharField(_("行政管理领域"), max_length=20, choices=Sector.choices)
    act_date = models.DateField(_("行政行为作出日期"))
    act_document_number = models.CharField(
        _("行政行为文号"), max_length=100, blank=True, help_text=_("如：秦市监罚〔2026〕12号")
    )
    summary = models.TextField(_("争议概要"))
    origin_content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("来源记录类型"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    origin_object_id = models.PositiveBigIntegerField(_("来源记录编号"), null=True, blank=True)
    origin = GenericForeignKey("origin_content_type", "origin_object_id")
    status = models.CharField(
        _("状态"), max_length=12, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    resolved_substantively = models.BooleanField(
        _("实质性化解"),
        null=True,
        blank=True,
        help_text=_("争议是否得到实质性化解（案结事了）；未知时留空。"),
    )
    resolved_at = models.DateField(_("化解（终结）日期"), null=True, blank=True)
    resolution_note = models.TextField(_("化解情况说明"), blank=True)

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政争议")
        verbose_name_plural = _("行政争议")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["act_type"], name="disputes_act_type"),
            models.Index(fields=["sector"], name="disputes_sector"),
            models.Index(fields=["act_date"], name="disputes_act_date"),
            models.Index(fields=["status"], name="disputes_status"),
            models.Index(fields=["origin_content_type", "origin_object_id"], name="disputes_origin"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(origin_content_type__isnull=True, origin_object_id__isnull=True)
                | Q(origin_content_type__isnull=False, origin_object_id__isnull=False),
                name="%(app_label)s_%(class)s_origin_complete",
                violation_error_message=_("来源记录的类型和编号须同时填写或同时为空。"),
            ),
            models.CheckConstraint(
                condition=Q(status=DisputeStatus.OPEN, resolved_at__isnull=True)
                | (~Q(status=DisputeStatus.OPEN) & Q(resolved_at__isnull=False)),
                name="%(app_label)s_%(class)s_resolved_at_iff_concluded",
                violation_error_message=_(
                    "已化解或已终结的争议须填写化解（终结）日期；进行中的争议不得填写。"
                ),
            ),
        ]
        permissions = [("reveal_party_data", _("查看当事人完整身份信息（留痕）"))]

    def __str__(self):
        return self.number or str(_("行政争议（未编号）"))

    def get_absolute_url(self):
        return reverse("disputes:detail", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        if self.act_date and self.act_date > timezone.localdate():
            raise ValidationError({"act_date": _("行政行为作出日期不能晚于今天。")})
        if self.resolved_at and self.act_date and self.resolved_at < self.act_date:
            raise ValidationError({"resolved_at": _("化解（终结）日期不能早于行政行为作出日期。")})


class PartyQuerySet(JurisdictionQuerySet):
    """A party is seen, and changed, through its dispute."""

    def visible_to(self, user):
        return self.filter(dispute__in=Dispute.objects.visible_to(user).values("pk"))

    def changeable_by(self, user):
        return self.filter(dispute__in=Dispute.objects.changeable_by(user).values("pk"))


class Party(RecordedModel, VersionedModel):
    """当事人: a claimant (申请人/原告), third party (第三人) or agent (代理人) of a dispute.

    Identity numbers and phones are stored in full and shown masked; revealing them needs the
    `disputes.reveal_party_data` permission and leaves an access entry in the audit log.
    """

    dispute = models.ForeignKey(
        Dispute, verbose_name=_("行政争议"), on_delete=models.PROTECT, related_name="parties"
    )
    role = models.CharField(_("当事人身份"), max_length=12, choices=PartyRole.choices)
    kind = models.CharField(_("当事人类型"), max_length=12, choices=PartyKind.choices)
    name = models.CharField(_("姓名或名称"), max_length=100)
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True, validators=[validate_id_number])
    unified_credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, blank=True, validators=[validate_uscc]
    )
    phone = models.CharField(_("联系电话"), max_length=24, blank=True, validators=[validate_phone])
    address = models.CharField(_("住所地（联系地址）"), max_length=200, blank=True)
    legal_representative = models.CharField(
        _("法定代表人或主要负责人"),
        max_length=100,
        blank=True,
        help_text=_("法人或者其他组织填写；写入行政复议决定书的当事人部分。"),
    )
    agent_for = models.ForeignKey(
        "self",
        verbose_name=_("被代理人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agents",
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PartyQuerySet.as_manager()

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["dispute", "id"]
        indexes = [models.Index(fields=["name"], name="disputes_party_name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=PartyKind.PERSON, unified_credit_code="")
                | Q(kind=PartyKind.ORGANISATION, id_number=""),
                name="%(app_label)s_%(class)s_identifier_matches_kind",
                violation_error_message=_("自然人填写身份证号码，法人或其他组织填写统一社会信用代码。"),
            ),
            models.CheckConstraint(
                condition=Q(role=PartyRole.AGENT, agent_for__isnull=False)
                | (~Q(role=PartyRole.AGENT) & Q(agent_for__isnull=True)),
                name="%(app_label)s_%(class)s_agent_has_principal",
                violation_error_message=_("代理人须指明被代理人；其他当事人不得填写被代理人。"),
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.get_role_display()}）"

    def clean(self):
        super().clean()
        if self.agent_for_id:
            principal = self.agent_for
            if principal.dispute_id != self.dispute_id:
                raise ValidationError({"agent_for": _("被代理人须是同一争议的当事人。")})
            if principal.role == PartyRole.AGENT:
                raise ValidationError({"agent_for": _("被代理人不能是代理人。")})

    @property
    def identifier(self) -> str:
        return self.id_number if self.kind == PartyKind.PERSON else self.unified_credit_code

    @property
    def identifier_label(self):
        return _("身份证号码") if self.kind == PartyKind.PERSON else _("统一社会信用代码")

    @property
    def masked_identifier(self) -> str:
        return mask_id_number(self.identifier)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def masked_address(self) -> str:
        """A person's address down to the district (first 6 characters); organisations' in full."""
        if self.kind == PartyKind.ORGANISATION or len(self.address) <= 6:
            return self.address
        return f"{self.address[:6]}****"


# The audit mask shows no more than the pages' masks (mask_id_number kept an address's last 4
# characters and one more phone digit than the page shows).
_MASK = "core.masking.mask_for_audit"
auditlog.register(Dispute)
auditlog.register(
    Party, mask_fields=["id_number", "unified_credit_code", "phone", "address"], mask_callable=_MASK
)
