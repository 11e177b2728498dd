"""Lawsuits for tests, built through the services (so a case at a status has exactly the clocks, events
and records the workflow gives it). Dates are in 2025: the services refuse future dates."""

from __future__ import annotations

from datetime import date

from accounts.choices import Role, UnitKind
from disputes.choices import ActType, Sector
from litigation import services
from litigation.choices import CaseStatus, HeadPosition, Outcome

from ..accounts.factories import OrgUnitFactory, UserFactory
from ..disputes.factories import DisputeFactory, PartyFactory

RECEIVED = date(2025, 9, 16)  # lit.defense due Thu 2025-10-09 (the 15th day 10-01 … 10-08 is a holiday)


def court_for(parent, name="秦州区人民法院", code=None):
    return OrgUnitFactory(name=name, kind=UnitKind.COURT, parent=parent, short_code=code or f"fy{parent.pk}")


def litigation_staff(unit, username="yingsu"):
    return UserFactory(username=username, unit=unit, roles=[Role.LITIGATION_STAFF])


def make_dispute(*, respondent, sector=Sector.MARKET, act_type=ActType.PENALTY, act_date=date(2025, 6, 2)):
    dispute = DisputeFactory(respondent=respondent, sector=sector, act_type=act_type, act_date=act_date)
    PartyFactory(dispute=dispute, name="张三")
    return dispute


def register(*, actor, respondent, court, sector=Sector.MARKET, received=RECEIVED, **kwargs):
    dispute = kwargs.pop("dispute", None) or make_dispute(respondent=respondent, sector=sector)
    kwargs.setdefault("docketed_on", received)
    return services.case_register(
        actor=actor,
        dispute=dispute,
        court=court,
        cause="行政处罚",
        complaint_received_on=received,
        court_case_number=kwargs.pop("court_case_number", "(2025)甘0502行初12号"),
        **kwargs,
    )


def defend(case, actor, on=date(2025, 9, 26)):
    return services.case_file_defence(case=case, actor=actor, defence_filed_on=on, evidence_filed_on=on)


def hear(case, actor, on=date(2025, 10, 20), *, head=True, spoke=True, court_requested_head=False):
    """A hearing with the primary defendant's attendance: the 局长 (head=True) or a 科长 and a lawyer."""
    hearing = services.hearing_schedule(
        case=case, actor=actor, date=on, court_requested_head=court_requested_head
    )
    defendant = case.defendants.get(agency=case.org_unit)
    if head:
        services.attendance_record(
            hearing=hearing,
            defendant=defendant,
            actor=actor,
            head_name="王局长",
            head_position=HeadPosition.PRINCIPAL,
            head_spoke=spoke,
            lawyer_names="李律师",
        )
    else:
        services.attendance_record(
            hearing=hearing,
            defendant=defendant,
            actor=actor,
            head_name="赵科长",
            head_position=HeadPosition.OTHER,
            lawyer_names="李律师",
        )
    return hearing


def decide(case, actor, outcome=Outcome.DISMISS_CLAIMS, on=date(2025, 11, 3), served=date(2025, 11, 5), **kw):
    return services.case_record_outcome(
        case=case, actor=actor, outcome=outcome, outcome_on=on, served_on=served, **kw
    )


def case_at(status, *, actor, respondent, court, **kwargs):
    """A first-instance case at `status` through the services."""
    case = register(actor=actor, respondent=respondent, court=court, **kwargs)
    if status == CaseStatus.RESPONDING:
        return case
    case = defend(case, actor)
    if status == CaseStatus.IN_TRIAL:
        return case
    hear(case, actor)
    case = decide(case, actor)
    if status == CaseStatus.DECIDED:
        return case
    case = services.case_take_effect(case=case, actor=actor, effective_on=date(2025, 11, 25))
    if status == CaseStatus.EFFECTIVE:
        return case
    return services.case_close(case=case, actor=actor, on=date(2025, 11, 26))
