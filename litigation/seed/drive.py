"""One plan driven through the services — what the bulk writer (seed/bulk.py) must reproduce
(tests/litigation/test_seed_parity.py)."""

from __future__ import annotations

from datetime import timedelta

from disputes import services as dispute_services
from disputes.choices import PartyKind, PartyRole

from .. import services
from ..choices import HeadPosition
from ..services import gates
from .plan import CAUSES, Plan

CLAIMANTS = ("张建国", "李秀兰", "王志强", "刘芳", "陈海涛", "杨丽娟", "赵永红", "周文斌")


def court_case_number(plan: Plan, court, *, second=False) -> str:
    n = int(plan.key.split("-")[-1]) + 1
    if second:
        return f"({plan.appealed_on.year})甘05行终{n}号"
    return f"({plan.received.year})甘05{court.pk % 90 + 1:02d}行初{n}号"


def dispute_fields(plan: Plan, agency) -> dict:
    return {
        "respondent": agency,
        "act_type": plan.act_type,
        "sector": plan.sector,
        "act_date": plan.received - timedelta(days=40),
        "summary": f"原告不服{agency.name}作出的{CAUSES[plan.act_type]}行为，提起行政诉讼。",
    }


def claimant(plan: Plan) -> dict:
    return {
        "role": PartyRole.CLAIMANT,
        "kind": PartyKind.PERSON,
        "name": CLAIMANTS[sum(map(ord, plan.key)) % len(CLAIMANTS)],
    }


def attendance_fields(plan: Plan, *, head: bool, spoke: bool) -> dict:
    if head:
        return {
            "head_name": "局长",
            "head_position": HeadPosition.PRINCIPAL if plan.agency_index % 2 else HeadPosition.DEPUTY,
            "head_spoke": spoke,
            "lawyer_names": "代理律师",
        }
    return {"staff_names": "法制科工作人员", "lawyer_names": "代理律师"}


def drive(world, plan: Plan):
    """Register the plan's lawsuit and take every step it has reached by today."""
    actor, today = world.officer, world.today
    agency, court = world.agency(plan), world.court(plan)
    dispute = dispute_services.dispute_create(
        actor=actor, parties=[claimant(plan)], **dispute_fields(plan, agency)
    )
    case = services.case_register(
        actor=actor,
        dispute=dispute,
        court=court,
        cause=CAUSES[plan.act_type],
        complaint_received_on=plan.received,
        court_case_number=court_case_number(plan, court),
        procedure="simple" if plan.simple else "ordinary",
        docketed_on=plan.received - timedelta(days=3),
        public_concern=plan.public_concern,
    )
    if plan.defence_on > today:
        return case
    case = services.case_file_defence(
        case=case, actor=actor, defence_filed_on=plan.defence_on, evidence_filed_on=plan.defence_on
    )
    if not plan.concluded:
        return case
    _hear(case, actor, plan, plan.hearing_on)
    case = services.case_record_outcome(
        case=case,
        actor=actor,
        outcome=plan.outcome,
        outcome_on=plan.outcome_on,
        served_on=plan.served_on,
        withdrawal_reason=plan.withdrawal_reason,
    )
    if plan.appeal and gates.is_appealable(case):
        second = services.case_appeal(
            case=case,
            actor=actor,
            appealed_on=plan.appealed_on,
            court=world.appeal_court,
            court_case_number=court_case_number(plan, court, second=True),
        )
        second = services.case_file_defence(
            case=second,
            actor=actor,
            defence_filed_on=plan.appealed_on + timedelta(days=10),
            evidence_filed_on=plan.appealed_on + timedelta(days=10),
        )
        _hear(second, actor, plan, plan.second_hearing_on)
        services.case_record_outcome(
            case=second,
            actor=actor,
            outcome=plan.outcome,
            outcome_on=plan.second_served_on - timedelta(days=2),
            served_on=plan.second_served_on,
        )
        return case
    if gates.is_appealable(case) and plan.effective_on <= today:
        case = services.case_take_effect(case=case, actor=actor, effective_on=plan.effective_on)
    return case


def _hear(case, actor, plan, on):
    hearing = services.hearing_schedule(case=case, actor=actor, date=on)
    defendant = case.defendants.get(agency=case.org_unit)
    services.attendance_record(
        hearing=hearing,
        defendant=defendant,
        actor=actor,
        **attendance_fields(plan, head=plan.head, spoke=plan.spoke),
    )
