"""Every write to disputes and parties. Views, later mechanism apps and the demo seeder call these."""

from collections.abc import Mapping, Sequence
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import UnitKind
from accounts.jurisdiction import unit_in_jurisdiction
from core import numbering as sequences
from core.audit import log_access
from core.concurrency import bump, lock_for_edit
from core.exceptions import ApplicationError

from .choices import DisputeStatus, PartyKind, PartyRole
from .models import Dispute, Party
from .scoping import dispute_changeable
from .validators import normalise_code, normalise_phone

# A respondent is an administrative body: 行政诉讼法第2条、行政复议法第2条 — the act is an
# administrative act of an administrative organ (or an organisation authorised to exercise powers).
RESPONDENT_KINDS = frozenset({UnitKind.AGENCY, UnitKind.GOVERNMENT, UnitKind.TOWNSHIP, UnitKind.JUSTICE})

DISPUTE_EDITABLE_FIELDS = frozenset(
    {"respondent", "act_type", "sector", "act_date", "act_document_number", "summary"}
)
PARTY_FIELDS = frozenset(
    {
        "role",
        "kind",
        "name",
        "id_number",
        "unified_credit_code",
        "legal_representative",
        "phone",
        "address",
        "agent_for",
    }
)


def _check_respondent(*, actor, respondent) -> None:
    if respondent.kind not in RESPONDENT_KINDS:
        raise ApplicationError(
            _("被申请（被告）机关须为行政机关、人民政府、乡镇街道或司法行政机关。"), field="respondent"
        )
    if not unit_in_jurisdiction(actor, respondent):
        raise ApplicationError(_("被申请（被告）机关不在您的管辖范围内。"), field="respondent")


def _check_handles(*, actor, dispute) -> None:
    """A dispute is changed only through a record the actor handles, or, with no record on it yet,
    inside the jurisdiction it was registered in (disputes/scoping.py)."""
    if not dispute_changeable(actor, dispute):
        raise ApplicationError(_("该争议不在您的管辖范围内，或您未承办其上的案件，不能修改。"))


#: The kernel number series of dispute numbers (core.numbering): one per year.
NUMBER_SCOPE = "disputes"


def format_dispute_number(year: int, serial: int) -> str:
    return f"ZY-{year}-{serial:06d}"


def _next_dispute_number(year: int) -> str:
    """ZY-<year>-<6-digit sequence>, taken from the kernel's race-free series for the year."""
    return format_dispute_number(year, sequences.next_serial(scope=NUMBER_SCOPE, year=year))


def _party_values(data: Mapping) -> dict:
    unknown = set(data) - PARTY_FIELDS
    if unknown:
        raise TypeError(f"unknown party fields: {sorted(unknown)}")
    values = dict(data)
    for key in ("name", "address", "legal_representative"):
        if key in values:
            values[key] = (values[key] or "").strip()
    for key in ("id_number", "unified_credit_code"):
        if key in values:
            values[key] = normalise_code(values[key])
    if "phone" in values:
        values["phone"] = normalise_phone(values["phone"])
    return values


def _party_save(*, dispute: Dispute, actor, data: Mapping) -> Party:
    party = Party(dispute=dispute, created_by=actor, **_party_values(data))
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def dispute_create(
    *,
    actor,
    respondent,
    act_type: str,
    sector: str,
    act_date: date,
    summary: str,
    parties: Sequence[Mapping],
    act_document_number: str = "",
    org_unit=None,
    origin=None,
) -> Dispute:
    """Register a dispute with its parties (at least one claimant).

    `parties` are mappings of Party fields; an agent names its principal with `agent_for_index`, the
    position of an earlier entry. `org_unit` defaults to the respondent, so the respondent agency and
    its government see the dispute. `origin` is the enforcement case or decision that produced it.
    """
    _check_respondent(actor=actor, respondent=respondent)
    org_unit = org_unit or respondent
    if not unit_in_jurisdiction(actor, org_unit):
        raise ApplicationError(_("所属单位不在您的管辖范围内。"), field="org_unit")
    if not any(p.get("role") == PartyRole.CLAIMANT for p in parties):
        raise ApplicationError(_("至少须登记一名申请人（原告）。"))
    dispute = Dispute(
        org_unit=org_unit,
        created_by=actor,
        respondent=respondent,
        act_type=act_type,
        sector=sector,
        act_date=act_date,
        act_document_number=(act_document_number or "").strip(),
        summary=summary.strip(),
    )
    if origin is not None:
        dispute.origin_content_type = ContentType.objects.get_for_model(origin)
        dispute.origin_object_id = origin.pk
    dispute.full_clean(exclude=["number"])
    dispute.number = _next_dispute_number(timezone.localdate().year)
    dispute.save()
    created: list[Party] = []
    for entry in parties:
        data = dict(entry)
        index = data.pop("agent_for_index", None)
        if index is not None:
            if not 0 <= index < len(created):
                raise ApplicationError(_("代理人须在被代理人之后登记。"))
            data["agent_for"] = created[index]
        created.append(_party_save(dispute=dispute, actor=actor, data=data))
    return dispute


def _lock_current(dispute: Dispute, version: int) -> Dispute:
    return lock_for_edit(Dispute.objects.select_related("org_unit"), pk=dispute.pk, version=version)


@transaction.atomic
def dispute_update(*, dispute: Dispute, version: int, actor, **fields) -> Dispute:
    """Edit the act and summary. `version` is the one the user's form was opened with."""
    unknown = set(fields) - DISPUTE_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"fields not editable through dispute_update: {sorted(unknown)}")
    locked = _lock_current(dispute, version)
    _check_handles(actor=actor, dispute=locked)
    respondent = fields.get("respondent")
    if respondent is not None and respondent.pk != locked.respondent_id:
        _check_respondent(actor=actor, respondent=respondent)
        if locked.org_unit_id == locked.respondent_id:
            locked.org_unit = respondent  # the dispute follows its respondent's jurisdiction
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(locked, name, value)
    bump(locked)
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def dispute_set_resolution(
    *,
    dispute: Dispute,
    version: int,
    actor,
    status: str,
    resolved_at: date | None = None,
    resolved_substantively: bool | None = None,
    resolution_note: str = "",
) -> Dispute:
    """Record that the dispute was resolved (已化解) or ended (已终结), or reopen it (进行中).

    `resolved_substantively` feeds the 实质性化解率 indicator (docs/indicators.md); unknown stays None.
    """
    locked = _lock_current(dispute, version)
    _check_handles(actor=actor, dispute=locked)
    if status == DisputeStatus.OPEN:
        locked.resolved_at = None
        locked.resolved_substantively = None
        locked.resolution_note = ""
    else:
        if resolved_at is None:
            raise ApplicationError(_("请填写化解（终结）日期。"), field="resolved_at")
        if resolved_at > timezone.localdate():
            raise ApplicationError(_("化解（终结）日期不能晚于今天。"), field="resolved_at")
        locked.resolved_at = resolved_at
        locked.resolved_substantively = resolved_substantively
        locked.resolution_note = (resolution_note or "").strip()
    locked.status = status
    bump(locked)
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def party_add(*, dispute: Dispute, actor, **data) -> Party:
    """Add a claimant, third party or agent (an agent names its principal in `agent_for`)."""
    _check_handles(actor=actor, dispute=dispute)
    return _party_save(dispute=dispute, actor=actor, data=data)


@transaction.atomic
def party_update(*, party: Party, actor, version: int, **fields) -> Party:
    """Correct a party's data. `version` is the one the user's form was opened with."""
    locked = lock_for_edit(Party.objects.select_related("dispute__org_unit"), pk=party.pk, version=version)
    _check_handles(actor=actor, dispute=locked.dispute)
    for name, value in _party_values(fields).items():
        setattr(locked, name, value)
    if locked.kind == PartyKind.PERSON:
        locked.unified_credit_code = ""
    else:
        locked.id_number = ""
    bump(locked)
    locked.full_clean()
    locked.save()
    return locked


def party_reveal(*, party: Party, actor, request) -> Party:
    """Show one party's full identity number, phone and address, leaving an access entry.

    Fails closed: without the permission, or if the access entry cannot be written, nothing is shown.
    """
    if not actor.has_perm("disputes.reveal_party_data"):
        raise PermissionDenied
    _check_handles(actor=actor, dispute=party.dispute)
    try:
        with transaction.atomic():
            log_access(
                request=request,
                action="reveal",
                obj=party,
                description=str(
                    _("查看当事人完整信息：%(number)s %(name)s（%(role)s）")
                    % {"number": party.dispute.number, "name": party.name, "role": party.get_role_display()}
                ),
            )
    except (DatabaseError, ValidationError) as exc:
        raise ApplicationError(_("访问留痕功能不可用，暂不能显示完整信息。")) from exc
    return party
