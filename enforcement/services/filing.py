"""立案 (filing) of an enforcement case: the number, the investigators and the penalty's benchmark."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from core import numbering
from core.exceptions import ApplicationError
from core.workflow import check_actor, service

from .. import deadlines as clocks
from ..choices import PERM_ADD, WORKFLOW, CaseProcedure, EventKind, MajorGround, PartyKind
from ..models import EnforcementCase
from . import gates
from ._common import check_date, require_text, text


def case_number(agency, year: int) -> tuple[int, str]:
    """天执〔2026〕12号 per agency and year, taken race-free (core.numbering)."""
    serial = numbering.next_serial(scope=f"enforcement:{agency.pk}", year=year, series="case")
    code = agency.org_unit.short_code or str(agency.pk)
    return serial, f"{code}执〔{year}〕{serial}号"


def apply_benchmark(case, *, penalty_amount, benchmark, deviation_reason: str) -> None:
    """Set the fine, its benchmark and the 类案不同罚 flag (处罚法第三十四条)."""
    if benchmark is not None and benchmark.item_id != case.item_id:
        raise ApplicationError(_("裁量基准须属于本案的执法事项。"), field="benchmark")
    case.penalty_amount = None if penalty_amount in (None, "") else Decimal(penalty_amount)
    case.benchmark = benchmark
    case.benchmark_deviation_reason = text(deviation_reason)
    gates.check_benchmark(case)
    case.outside_benchmark = gates.benchmark_outside(case)


@service
def case_file(
    *,
    actor,
    agency,
    item,
    party_kind: str,
    party_name: str,
    filed_on: date,
    investigators,
    facts: str,
    legal_basis: str,
    party_id_number: str = "",
    procedure: str = CaseProcedure.ORDINARY,
    penalty_amount: Decimal | None = None,
    benchmark=None,
    benchmark_deviation_reason: str = "",
    is_major: bool = False,
    major_ground: str = "",
) -> EnforcementCase:
    """立案: register the case with at least two certified investigators (处罚法第四十二条, 第五十四条)."""
    check_actor(actor, PERM_ADD, agency.org_unit)
    if item.agency_id != agency.pk:
        raise ApplicationError(_("执法事项须属于本执法主体的权责清单。"), field="item")
    filed_on = check_date(filed_on, field="filed_on", label=_("立案日期"))
    investigators = list(investigators)
    if any(o.agency_id != agency.pk for o in investigators):
        raise ApplicationError(_("承办执法人员须为本执法主体的人员。"), field="investigators")
    gates.check_two_certified(investigators, filed_on)
    if party_kind not in PartyKind.values:
        raise ApplicationError(_("请选择当事人类型。"), field="party_kind")
    if is_major and major_ground not in MajorGround.values:
        raise ApplicationError(_("重大执法决定须选择第五十八条规定的情形。"), field="major_ground")
    serial, number = case_number(agency, filed_on.year)
    case = EnforcementCase(
        org_unit=agency.org_unit,
        created_by=actor,
        number=number,
        year=filed_on.year,
        serial=serial,
        agency=agency,
        item=item,
        kind=item.kind,
        procedure=procedure,
        sector=agency.sector,
        party_kind=party_kind,
        party_name=require_text(party_name, field="party_name", message=_("请填写当事人。")),
        party_id_number=text(party_id_number),
        filed_on=filed_on,
        facts=require_text(facts, field="facts", message=_("请填写违法事实。")),
        legal_basis=require_text(legal_basis, field="legal_basis", message=_("请填写法律依据。")),
        is_major=is_major,
        major_ground=major_ground if is_major else "",
    )
    apply_benchmark(
        case, penalty_amount=penalty_amount, benchmark=benchmark, deviation_reason=benchmark_deviation_reason
    )
    case.full_clean()
    case.save()
    case.investigators.set(investigators)
    WORKFLOW.record(
        case,
        EventKind.FILE,
        on=filed_on,
        actor=actor,
        basis=_("《行政处罚法》第五十四条"),
        to_status=case.status,
    )
    clocks.on_filed(case, actor=actor)
    return case
