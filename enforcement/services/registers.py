"""Registers: 执法主体, 执法事项, 裁量基准 and 执法人员."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import check_actor, is_user, lock, save, service

from ..choices import PERM_CHANGE_AGENCY, PERM_CHANGE_OFFICER, OfficerStatus
from ..models import DiscretionBenchmark, EnforcementAgency, EnforcementItem, Officer
from ._common import require_text, text


def _creator(actor):
    return actor if is_user(actor) else None


@service
def agency_register(
    *,
    actor,
    unit,
    level: str,
    sector: str,
    authority_basis: str,
    subject_certificate_number: str,
    certified_on: date,
    is_comprehensive: bool = False,
    sectors_note: str = "",
) -> EnforcementAgency:
    """Register an agency unit as 执法主体 with its 主体资格证."""
    if is_user(actor):
        check_actor(actor, PERM_CHANGE_AGENCY, unit)
    agency = EnforcementAgency(
        org_unit=unit,
        created_by=_creator(actor),
        name=unit.name,
        level=level,
        sector=sector,
        sectors_note=text(sectors_note),
        is_comprehensive=is_comprehensive,
        authority_basis=require_text(
            authority_basis, field="authority_basis", message=_("请填写执法权限依据。")
        ),
        subject_certificate_number=require_text(
            subject_certificate_number, field="subject_certificate_number", message=_("请填写主体资格证号。")
        ),
        certified_on=certified_on,
    )
    agency.full_clean()
    agency.save()
    return agency


@service
def item_create(*, actor, agency, code: str, name: str, kind: str, legal_basis: str) -> EnforcementItem:
    if is_user(actor):
        check_actor(actor, PERM_CHANGE_AGENCY, agency.org_unit)
    item = EnforcementItem(
        agency=agency,
        code=text(code),
        name=text(name),
        kind=kind,
        legal_basis=text(legal_basis),
        created_by=_creator(actor),
    )
    item.full_clean()
    item.save()
    return item


@service
def benchmark_create(
    *, actor, item, circumstance: str, description: str, min_amount: Decimal, max_amount: Decimal
) -> DiscretionBenchmark:
    if is_user(actor):
        check_actor(actor, PERM_CHANGE_AGENCY, item.agency.org_unit)
    bench = DiscretionBenchmark(
        item=item,
        circumstance=circumstance,
        description=text(description),
        min_amount=min_amount,
        max_amount=max_amount,
        created_by=_creator(actor),
    )
    bench.full_clean()
    bench.save()
    return bench


def _officer(agency, *, name, id_number, post="", has_legal_qualification=False, user=None) -> Officer:
    return Officer(
        agency=agency,
        name=require_text(name, field="name", message=_("请填写姓名。")),
        id_number=require_text(id_number, field="id_number", message=_("请填写身份证号。")).upper(),
        post=text(post),
        has_legal_qualification=has_legal_qualification,
        user=user,
    )


@service
def officer_create(
    *,
    actor,
    agency,
    name: str,
    id_number: str,
    post: str = "",
    has_legal_qualification: bool = False,
    user=None,
) -> Officer:
    """Register an officer (执法人员) of `agency`."""
    if is_user(actor):
        check_actor(actor, PERM_CHANGE_OFFICER, agency.org_unit)
    officer = _officer(
        agency,
        name=name,
        id_number=id_number,
        post=post,
        has_legal_qualification=has_legal_qualification,
        user=user,
    )
    officer.full_clean()
    officer.save()
    return officer


@service
def officer_update(
    *, actor, officer, version: int, post: str, has_legal_qualification: bool, status: str
) -> Officer:
    officer = lock(officer, version=version, related=("agency__org_unit",))
    check_actor(actor, PERM_CHANGE_OFFICER, officer.agency.org_unit)
    if status not in OfficerStatus.values:
        raise ApplicationError(_("请选择在岗状态。"), field="status")
    officer.post = text(post)
    officer.has_legal_qualification = has_legal_qualification
    officer.status = status
    return save(officer)
