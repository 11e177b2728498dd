"""The registers: partner agreements (诉调对接文件) and mediators."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from accounts.choices import UnitKind
from core.exceptions import ApplicationError
from core.workflow import check_actor, lock, save, service

from ..choices import PERM_CHANGE_MEDIATOR, PERM_CHANGE_PARTNER
from ..models import Mediator, PartnerAgreement
from ._common import require_text, text, today
from .gates import check_date


def _agreement_fields(agreement, *, title, document_number, signed_on, summary, parties):
    agreement.title = require_text(title, field="title", message=_("请填写文件名称。"))
    agreement.document_number = text(document_number)
    agreement.signed_on = check_date(signed_on, field="signed_on", label=_("签订日期"), today=today())
    agreement.summary = text(summary)
    parties = list(parties or ())
    if len(parties) < 1:
        raise ApplicationError(_("请选择签订单位。"), field="parties")
    return parties


@service
def partner_agreement_create(
    *, actor, unit, title: str, signed_on: date, parties, document_number: str = "", summary: str = ""
) -> PartnerAgreement:
    check_actor(actor, PERM_CHANGE_PARTNER, unit)
    agreement = PartnerAgreement(org_unit=unit, created_by=actor)
    parties = _agreement_fields(
        agreement,
        title=title,
        document_number=document_number,
        signed_on=signed_on,
        summary=summary,
        parties=parties,
    )
    agreement.full_clean()
    agreement.save()
    agreement.parties.set(parties)
    return agreement


@service
def partner_agreement_update(
    *,
    agreement: PartnerAgreement,
    actor,
    version: int,
    title: str,
    signed_on: date,
    parties,
    document_number: str = "",
    summary: str = "",
) -> PartnerAgreement:
    agreement = lock(agreement, version=version)
    check_actor(actor, PERM_CHANGE_PARTNER, agreement.org_unit)
    parties = _agreement_fields(
        agreement,
        title=title,
        document_number=document_number,
        signed_on=signed_on,
        summary=summary,
        parties=parties,
    )
    save(agreement)
    agreement.parties.set(parties)
    return agreement


@service
def mediator_create(*, actor, unit, name: str, specialties: str = "", user=None) -> Mediator:
    check_actor(actor, PERM_CHANGE_MEDIATOR, unit)
    if unit.kind not in (UnitKind.MEDIATION, UnitKind.AGENCY, UnitKind.JUSTICE):
        raise ApplicationError(_("调解员须属于调解组织。"), field="unit")
    mediator = Mediator(
        org_unit=unit,
        created_by=actor,
        name=require_text(name, field="name", message=_("请填写姓名。")),
        specialties=text(specialties),
        user=user,
    )
    mediator.full_clean()
    mediator.save()
    return mediator


@service
def mediator_update(
    *, mediator: Mediator, actor, version: int, name: str, specialties: str = "", is_active: bool = True
) -> Mediator:
    mediator = lock(mediator, version=version)
    check_actor(actor, PERM_CHANGE_MEDIATOR, mediator.org_unit)
    mediator.name = require_text(name, field="name", message=_("请填写姓名。"))
    mediator.specialties = text(specialties)
    mediator.is_active = bool(is_active)
    return save(mediator)
