"""The demo seeder's bulk rows equal what the services make (litigation/seed/), and the demo's
figures are the article's: this year's head attendance 100%, 败诉率 10.39 points below last year's.

Each plan below is written in bulk (`seed.bulk.write`) and driven through the services
(`seed.drive.drive`); per instance (matched by the court's case number) we compare the case's
fields, its defendants, hearings and attendance, its events (kind, date, basis, note, from/to) and its
clocks (rule, trigger, due date, status, closing date). Ignored: ids, timestamps and our numbers.
"""

from datetime import date
from io import StringIO

import pytest

from accounts.management.demo import seed_accounts
from deadlines.models import Deadline
from disputes.choices import ActType, Sector
from litigation.choices import Outcome, WithdrawalReason
from litigation.models import LitigationCase
from litigation.seed import bulk, drive
from litigation.seed.plan import Plan, plans
from litigation.seed.world import World

pytestmark = pytest.mark.django_db

CASE_FIELDS = (
    "status",
    "instance",
    "procedure",
    "court_id",
    "org_unit_id",
    "cause",
    "sector",
    "act_type",
    "public_concern",
    "complaint_received_on",
    "docketed_on",
    "defence_filed_on",
    "evidence_filed_on",
    "defence_on_time",
    "outcome",
    "outcome_form",
    "outcome_on",
    "served_on",
    "withdrawal_reason",
    "agency_lost",
    "changed_act_withdrawal",
    "effective_on",
    "version",
)


def _plan(key, **kw):
    base = {
        "received": date(2024, 3, 4),
        "act_type": ActType.PENALTY,
        "sector": Sector.MARKET,
        "public_concern": False,
        "agency_index": 3,
        "simple": False,
        "concluded": True,
        "head": True,
        "spoke": True,
        "outcome": Outcome.DISMISS_CLAIMS,
    }
    return Plan(key=key, **(base | kw))


PLANS = [
    _plan("2024-1", outcome=Outcome.REVOKE),
    _plan("2024-2", sector=Sector.FOOD_DRUG, head=False, spoke=False, late_defence=True, simple=True),
    _plan(
        "2024-3",
        outcome=Outcome.WITHDRAWAL,
        withdrawal_reason=WithdrawalReason.AGENCY_CHANGED,
        agency_index=7,
    ),
    _plan("2024-4", outcome=Outcome.DISMISS_SUIT, received=date(2024, 7, 22)),
    _plan(
        "2024-5", outcome=Outcome.CONFIRM_ILLEGAL, appeal=True, public_concern=True, received=date(2024, 9, 2)
    ),
]


def _snapshot(case):
    clocks = Deadline.objects.filter(object_id=case.pk, content_type__model="litigationcase").order_by(
        "rule_code"
    )
    return {
        "case": {f: getattr(case, f) for f in CASE_FIELDS},
        "defendants": [(d.agency_id, d.role) for d in case.defendants.order_by("id")],
        "hearings": [
            (h.date, h.must_appear, h.must_appear_grounds, h.reminder_sent_on)
            for h in case.hearings.order_by("id")
        ],
        "attendance": [
            (
                a.head_name,
                a.head_position,
                a.head_counts,
                a.head_spoke,
                a.staff_names,
                a.lawyer_names,
                a.lawyer_only,
                a.unexcused_absence,
            )
            for a in case.hearings.get().attendances.all()
        ],
        "events": [
            (
                e.kind,
                e.date,
                e.basis,
                e.note.split("：")[-1] if e.kind == "register" else e.note,
                e.from_status,
                e.to_status,
            )
            for e in case.events.order_by("date", "id")
        ],
        "clocks": [(c.rule_code, c.trigger_date, c.due_date, c.status, c.closed_on) for c in clocks],
    }


@pytest.fixture
def world(db):
    seed_accounts(1, StringIO())
    return World.load()


def test_bulk_rows_equal_the_services(world):
    from core.workflow import composed

    with composed():
        bulk.write(world, PLANS)
        for plan in PLANS:
            drive.drive(world, plan)
    groups = {}
    for case in LitigationCase.objects.order_by("id"):
        groups.setdefault((case.court_case_number, case.instance), []).append(case)
    assert len(groups) == 6  # five first instances and one appeal
    for key, pair in groups.items():
        assert len(pair) == 2, key
        written, driven = (_snapshot(c) for c in pair)
        for part in written:
            assert written[part] == driven[part], (key, part)


def test_demo_figures_are_the_articles(world):
    """At scale 1 the plans give 100% attendance this year and a 败诉率 10.39 points below last year."""
    from decimal import Decimal

    all_plans = plans(today=world.today)
    this = [p for p in all_plans if p.concluded and p.received.year == world.today.year]
    last = [p for p in all_plans if p.concluded and p.received.year == world.today.year - 1 and not p.appeal]
    assert all(p.head for p in this)
    rate = lambda ps: (Decimal(sum(p.outcome in _LOST for p in ps)) * 100 / len(ps)).quantize(Decimal("0.01"))  # noqa: E731
    assert rate(last) - rate(this) == Decimal("10.39")
    assert max(p.received for p in all_plans) <= world.today
    assert len(all_plans) >= 1500


_LOST = {Outcome.REVOKE, Outcome.REVOKE_REDO, Outcome.PERFORM_DUTY, Outcome.CONFIRM_ILLEGAL}
