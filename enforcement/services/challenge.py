"""A party challenges the enforcement decision: open a 行政争议 (Dispute) whose origin is the case, so
the dispute's path starts with the enforcement case (诉源)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import check_actor, service
from disputes import services as dispute_services
from disputes.choices import ActType, PartyKind, PartyRole
from disputes.choices import Sector as DisputeSector
from disputes.models import Dispute

from ..choices import PERM_VIEW, ItemKind, Sector
from ._common import require_text

ACT_TYPES = {
    ItemKind.PENALTY: ActType.PENALTY,
    ItemKind.LICENSING: ActType.LICENSING,
    ItemKind.COERCION: ActType.COERCION,
}
SECTORS = {
    Sector.MARKET: DisputeSector.MARKET,
    Sector.ECOLOGY: DisputeSector.ECOLOGY,
    Sector.TRANSPORT: DisputeSector.TRANSPORT,
    Sector.HOUSING: DisputeSector.HOUSING,
    Sector.NATURAL: DisputeSector.NATURAL_RESOURCES,
    Sector.HEALTH: DisputeSector.PUBLIC_HEALTH,
}


@service
def case_open_dispute(*, actor, case, summary: str) -> Dispute:
    """登记行政争议 from a decided case: the agency is the respondent, the party the claimant."""
    check_actor(actor, PERM_VIEW, case.org_unit)
    if not actor.has_perm("disputes.add_dispute"):
        raise ApplicationError(_("您没有登记行政争议的权限。"))
    if case.decided_on is None:
        raise ApplicationError(_("案件尚未作出决定，不能登记行政争议。"))
    claimant = {
        "role": PartyRole.CLAIMANT,
        "kind": PartyKind.PERSON if case.party_kind == "person" else PartyKind.ORGANISATION,
        "name": case.party_name,
    }
    return dispute_services.dispute_create(
        actor=actor,
        respondent=case.agency.org_unit,
        act_type=ACT_TYPES.get(case.kind, ActType.OTHER),
        sector=SECTORS.get(case.sector, DisputeSector.OTHER),
        act_date=case.decided_on,
        act_document_number=case.decision_number,
        summary=require_text(summary, field="summary", message=_("请填写争议概要。")),
        parties=[claimant],
        origin=case,
    )
