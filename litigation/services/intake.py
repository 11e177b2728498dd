"""Registering a lawsuit instance and filing the defence (行诉法第六十七条)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils.translation import gettext as _

from accounts.choices import UnitKind
from core.exceptions import ApplicationError
from core.numbering import next_serial
from core.workflow import check_actor, lock, save, service
from deadlines.clocks import open_clock

from .. import deadlines as clocks
from ..choices import PERM_ADD, PERM_CHANGE, WORKFLOW, DefendantRole, EventKind, Instance, Procedure
from ..models import Defendant, LitigationCase
from . import gates
from ._common import _check_date, _lock, _text

#: core.numbering scope of the Bureau's litigation register (应诉编号 YS-2026-000001).
NUMBER_SCOPE = "litigation"


def case_number(year: int, serial: int) -> str:
    return f"YS-{year}-{serial:06d}"


def _check_court(court) -> None:
    if court is None or court.kind != UnitKind.COURT:
        raise ApplicationError(_("请选择受理案件的人民法院。"), field="court")


def _create_case(*, actor, dispute, org_unit, court, instance, previous, fields: dict) -> LitigationCase:
    received = fields["complaint_received_on"]
    serial = next_serial(scope=NUMBER_SCOPE, year=received.year)
    case = LitigationCase(
        org_unit=org_unit,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        number=case_number(received.year, serial),
        year=received.year,
        serial=serial,
        dispute=dispute,
        court=court,
        instance=instance,
        previous=previous,
        act_type=dispute.act_type,
        sector=dispute.sector,
        **fields,
    )
    case.full_clean()
    case.save()
    return case


@service
def case_register(
    *,
    actor,
    dispute,
    court,
    cause: str,
    complaint_received_on: date,
    court_case_number: str = "",
    procedure: str = Procedure.ORDINARY,
    docketed_on: date | None = None,
    claims: str = "",
    public_concern: bool = False,
    mass_incident: bool = False,
    co_defendants: Iterable = (),
    recon_body_upheld=None,
    handler=None,
) -> LitigationCase:
    """登记应诉案件: the defendant agency received a complaint copy (first instance). The primary
    defendant is the dispute's respondent; a reconsideration body that upheld the act is a co-defendant
    (行诉法第二十六条第二款). Starts lit.defense (第六十七条) and, once docketed, the trial period."""
    agency = dispute.respondent
    check_actor(actor, PERM_ADD, agency)
    _check_court(court)
    _check_date(complaint_received_on, field="complaint_received_on", label=_("收到起诉状副本日期"))
    if docketed_on is not None:
        _check_date(docketed_on, field="docketed_on", label=_("立案日期"))
        if docketed_on > complaint_received_on:
            raise ApplicationError(
                _("立案日期不能晚于收到起诉状副本日期（法院立案后送达副本）。"), field="docketed_on"
            )
    cause = _text(cause)
    if not cause:
        raise ApplicationError(_("请填写案由。"), field="cause")
    case = _create_case(
        actor=actor,
        dispute=dispute,
        org_unit=agency,
        court=court,
        instance=Instance.FIRST,
        previous=None,
        fields={
            "complaint_received_on": complaint_received_on,
            "court_case_number": _text(court_case_number),
            "procedure": procedure,
            "docketed_on": docketed_on,
            "cause": cause,
            "claims": _text(claims),
            "public_concern": public_concern,
            "mass_incident": mass_incident,
            "handler": handler,
        },
    )
    _add_defendants(case, actor=actor, co_defendants=co_defendants, recon_body_upheld=recon_body_upheld)
    WORKFLOW.record(
        case,
        EventKind.REGISTER,
        on=complaint_received_on,
        actor=actor,
        basis=_("《中华人民共和国行政诉讼法》第六十七条第一款"),
        to_status=case.status,
    )
    clocks.on_registered(case, actor=actor)
    return case


def _add_defendants(case, *, actor, co_defendants: Iterable, recon_body_upheld=None) -> None:
    recorder = actor if getattr(actor, "is_authenticated", False) else None
    rows = [Defendant(case=case, agency=case.org_unit, role=DefendantRole.ORIGINAL, created_by=recorder)]
    if recon_body_upheld is not None:
        rows.append(
            Defendant(
                case=case, agency=recon_body_upheld, role=DefendantRole.RECON_UPHELD, created_by=recorder
            )
        )
    for agency in co_defendants:
        rows.append(Defendant(case=case, agency=agency, role=DefendantRole.CO_DEFENDANT, created_by=recorder))
    seen = set()
    for row in rows:
        if row.agency_id in seen:
            raise ApplicationError(_("同一机关在一个案件中只列为一次被告。"), field="co_defendants")
        seen.add(row.agency_id)
        row.full_clean()
        row.save()


def _copy_defendants(case, previous, *, actor) -> None:
    recorder = actor if getattr(actor, "is_authenticated", False) else None
    for d in previous.defendants.all():
        Defendant.objects.create(case=case, agency_id=d.agency_id, role=d.role, created_by=recorder)


@service
def case_file_defence(*, case, actor, defence_filed_on: date, evidence_filed_on: date) -> LitigationCase:
    """提交答辩状和证据 (行诉法第六十七条第一款): on time when both are filed within lit.defense;
    late evidence is treated as no evidence (第三十四条第二款) and the instance counts against 主动应诉率."""
    case = _lock(case)
    WORKFLOW.guard(case, "defend", actor)
    _check_date(
        defence_filed_on,
        field="defence_filed_on",
        label=_("提交答辩状日期"),
        not_before=case.complaint_received_on,
    )
    _check_date(
        evidence_filed_on,
        field="evidence_filed_on",
        label=_("提交证据日期"),
        not_before=case.complaint_received_on,
    )
    clock = open_clock(case, clocks.DEFENCE)
    case.defence_filed_on = defence_filed_on
    case.evidence_filed_on = evidence_filed_on
    if clock is not None:
        case.defence_on_time = gates.defence_on_time(
            clock.due_date, defence_filed_on=defence_filed_on, evidence_filed_on=evidence_filed_on
        )
    on = max(defence_filed_on, evidence_filed_on)
    note = (
        ""
        if case.defence_on_time is not False
        else _("逾期答辩举证：逾期提供的证据视为没有相应证据（第三十四条第二款）。")
    )
    WORKFLOW.apply(case, "defend", on=on, actor=actor, note=note)
    clocks.on_defended(case, on=on, actor=actor)
    return case


@service
def case_update(
    *,
    case,
    actor,
    version: int,
    court_case_number: str,
    cause: str,
    claims: str = "",
    public_concern: bool = False,
    mass_incident: bool = False,
    docketed_on: date | None = None,
) -> LitigationCase:
    """Edit the instance's register data (optimistic locking: a stale form raises ConcurrentEditError)."""
    case = lock(case, version=version)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if docketed_on is not None:
        _check_date(docketed_on, field="docketed_on", label=_("立案日期"))
    cause = _text(cause)
    if not cause:
        raise ApplicationError(_("请填写案由。"), field="cause")
    start_trial_clock = docketed_on is not None and case.docketed_on is None and case.served_on is None
    case.court_case_number = _text(court_case_number)
    case.cause = cause
    case.claims = _text(claims)
    case.public_concern = public_concern
    case.mass_incident = mass_incident
    case.docketed_on = docketed_on
    save(case)
    if start_trial_clock:
        rule = clocks.instance_rule(case)
        if rule:
            clocks.start(case, rule, docketed_on, actor=actor)
    return case


__all__ = ["case_file_defence", "case_register", "case_update"]
