"""The demo seeder's bulk rows equal what the services make (reconsideration/seed/).

One small plan — cases through several paths (decided and closed, not accepted, mediated, settled
and withdrawn, suspended, corrected then accepted under the simplified procedure, drafted after a
failed mediation, heard and consulted) — is written in bulk (`seed.bulk.write`) and driven through
`reconsideration.services` (`seed.drive.drive_plan`). Compared field by field, per case:

- the case: status, every date of the workflow (received, application period's due date and
  lateness, correction notice / receipt / materials, accepted, deemed, procedure and its ground, the
  copy sent / received, the reply and its evidence, concluded, closed), the handler, mediation attempted;
- its clocks (`deadlines.Deadline`): rule code, trigger date, due date, status, closing date,
  extension days, suspended (and the closing date of a met or missed clock — a cancellation is
  dated the day `deadline_cancel` runs); and who is responsible for each open one;
- its events: kind, date, legal basis, from and to status;
- its decision: outcome, decided and served dates, legal basis, direct / indirect correction,
  agency changed its act, settlement, termination ground;
- its opinions (tier, proposed outcome, date), suspensions (ground, dates) and mediation sessions
  (date, result).

Ignored: ids, timestamps, document and case numbers (two series of one body), free-text notes and
reasons, the people beyond the handler.
"""

import random
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest

from accounts.management.demo import seed_accounts
from deadlines.choices import DeadlineStatus
from deadlines.clocks import clocks as record_clocks
from disputes.choices import ActType, Sector
from reconsideration.choices import CaseStatus as S
from reconsideration.choices import DecisionOutcome as OUT
from reconsideration.choices import MediationResult, Procedure, SimpleGround, SuspensionGround
from reconsideration.models import CaseDecision
from reconsideration.seed import bulk, drive
from reconsideration.seed.data import party
from reconsideration.seed.plan import Plan, wd
from reconsideration.seed.world import World, seed_experts

pytestmark = pytest.mark.django_db

CASE_FIELDS = (
    "status",
    "received_on",
    "application_due_on",
    "is_late",
    "correction_notice_sent_on",
    "correction_notice_received_on",
    "correction_received_on",
    "accepted_on",
    "is_deemed_accepted",
    "procedure",
    "simple_ground",
    "copy_sent_on",
    "respondent_received_copy_on",
    "reply_received_on",
    "reply_with_evidence",
    "concluded_on",
    "closed_on",
    "handler_id",
    "mediation_attempted",
    "is_major_difficult_complex",
)
START = date(2025, 3, 3)  # a Monday, well before today


@pytest.fixture
def world(db):
    seed_accounts(1, StringIO())
    loaded = World.load()
    seed_experts(loaded)
    return loaded


def _plan(world, index, status, **kw) -> Plan:
    body = world.bodies["tsgov"]
    received = kw.pop("received", START)
    base = {
        "index": index,
        "body": body,
        "respondent": body.respondents[1],
        "officer": body.officers[0],
        "act_type": ActType.PENALTY,
        "sector": Sector.MARKET,
        "received": received,
        "knew": received - timedelta(days=20),
        "act_date": received - timedelta(days=22),
        "procedure": Procedure.ORDINARY,
        "simple_ground": "",
        "amount": Decimal(5000),
        "major": False,
        "technical": False,
        "status": status,
        "party": party(random.Random(index)),
        "reason": "被申请人认定事实不清、证据不足，适用法律错误。",
    }
    base.update(kw)
    return Plan(**base)


def _trial(accepted):
    copy_sent = wd(accepted, 2)
    copy_received = wd(copy_sent, 1)
    return {
        "accepted": accepted,
        "copy_sent": copy_sent,
        "copy_received": copy_received,
        "reply": wd(copy_received, 5),
    }


def _plans(world) -> list[Plan]:
    a = wd(START, 2)
    concluded = a + timedelta(days=45)
    return [
        _plan(
            world,
            1,
            S.CLOSED,
            **_trial(a),
            outcome=OUT.REVOKE,
            concluded=concluded,
            served=concluded + timedelta(days=3),
            closed=concluded + timedelta(days=5),
        ),
        _plan(
            world,
            2,
            S.CLOSED,
            outcome=OUT.NOT_ACCEPTED,
            concluded=wd(START, 3),
            served=wd(START, 5),
            closed=wd(START, 6),
        ),
        _plan(
            world,
            3,
            S.MEDIATED,
            **_trial(a),
            outcome=OUT.MEDIATION,
            mediation_attempted=True,
            mediation_result=MediationResult.AGREED,
            concluded=a + timedelta(days=30),
        ),
        _plan(
            world,
            4,
            S.TERMINATED,
            **_trial(a),
            outcome=OUT.TERMINATION,
            mediation_attempted=True,
            mediation_result=MediationResult.SETTLED,
            concluded=a + timedelta(days=25),
            served=a + timedelta(days=27),
        ),
        _plan(
            world,
            5,
            S.SUSPENDED,
            **_trial(a),
            suspension=(SuspensionGround.OTHER_CASE, a + timedelta(days=20), None),
        ),
        _plan(
            world,
            6,
            S.IN_TRIAL,
            procedure=Procedure.SIMPLE,
            simple_ground=SimpleGround.SMALL_AMOUNT,
            amount=Decimal(1000),
            correction=(wd(START, 1), wd(START, 2), wd(START, 5)),
            accepted=wd(START, 7),
            copy_sent=wd(START, 8),
            copy_received=wd(START, 9),
        ),
        _plan(
            world,
            7,
            S.DRAFTED,
            **_trial(a),
            mediation_attempted=True,
            mediation_result=MediationResult.FAILED,
            suspension=(SuspensionGround.OTHER_CASE, a + timedelta(days=20), a + timedelta(days=30)),
        ),
        _plan(
            world,
            8,
            S.DECIDED,
            **_trial(a),
            major=True,
            outcome=OUT.UPHOLD,
            hearing=wd(a, 15),
            committee=wd(a, 18),
            concluded=a + timedelta(days=50),
        ),
    ]


def _snapshot(case) -> dict:
    case.refresh_from_db()
    open_people = {}
    rows = []
    for clock in record_clocks(case).prefetch_related("responsible"):
        rows.append(
            (
                clock.rule_code,
                clock.trigger_date,
                clock.due_date,
                clock.status,
                # deadline_cancel dates a cancellation on the day it runs; the history dates it
                # with the step that cancelled the clock — only met / missed dates are compared
                None if clock.status == DeadlineStatus.CANCELLED else clock.closed_on,
                clock.extension_days,
                clock.is_suspended,
            )
        )
        if clock.status == DeadlineStatus.OPEN:
            open_people.setdefault(clock.rule_code, sorted(u.pk for u in clock.responsible.all()))
    decision = CaseDecision.objects.filter(case=case).first()
    return {
        "case": {f: getattr(case, f) for f in CASE_FIELDS},
        "clocks": sorted(rows, key=repr),
        "responsible": open_people,
        "events": sorted((e.kind, e.date, e.basis, e.from_status, e.to_status) for e in case.events.all()),
        "decision": decision
        and (
            decision.outcome,
            decision.decided_on,
            decision.served_on,
            decision.legal_basis,
            decision.is_directly_corrected,
            decision.is_indirectly_corrected,
            decision.agency_changed_act,
            decision.is_settlement,
            decision.termination_ground,
        ),
        "opinions": sorted((o.tier, o.proposed_outcome, o.written_on) for o in case.opinions.all()),
        "suspensions": sorted((s.ground, s.suspended_on, s.resumed_on) for s in case.suspensions.all()),
        "sessions": sorted((s.held_on, s.result) for s in case.mediation_sessions.all()),
    }


def test_bulk_rows_equal_what_the_services_make(world):
    plans = _plans(world)
    seeded = bulk.write(world, plans)
    for plan, bulk_case in zip(plans, seeded, strict=True):
        driven = drive.drive_plan(world, plan)
        seeded_rows, driven_rows = _snapshot(bulk_case), _snapshot(driven)
        for key, rows in seeded_rows.items():
            assert rows == driven_rows[key], f"plan {plan.index} ({plan.status}): {key}"


def test_the_plan_covers_the_paths(world):
    """The comparison above is not vacuous: the plan reaches these statuses with these rows."""
    seeded = bulk.write(world, _plans(world))
    statuses = {c.status for c in seeded}
    assert {S.CLOSED, S.MEDIATED, S.TERMINATED, S.SUSPENDED, S.IN_TRIAL, S.DRAFTED, S.DECIDED} <= statuses
    assert all(c.events.exists() for c in seeded)
    assert CaseDecision.objects.filter(case__in=seeded).count() == 5
