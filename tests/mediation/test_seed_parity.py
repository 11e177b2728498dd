"""The demo seeder: the bulk writer leaves exactly the rows the services leave for the same plans
(every path of the transition table), nothing is dated after today, and the registers are seeded."""

from io import StringIO

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.management.demo import seed_accounts
from core.workflow import composed
from deadlines.models import Deadline
from mediation import selectors
from mediation.models import MediationCase, PartnerAgreement
from mediation.seed import world as seed_world
from mediation.seed.bulk import Batch, Serials
from mediation.seed.drive import drive
from mediation.seed.plan import PATHS, draw_plan

pytestmark = pytest.mark.django_db

SKIP = {"id", "created_at", "updated_at", "case", "deadline", "object_id", "content_type"}


def _row(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.name not in SKIP}


def _snapshot() -> list:
    rows = []
    for case in MediationCase.objects.order_by("number"):
        clocks = Deadline.objects.filter(object_id=case.pk, content_type__model="mediationcase").order_by(
            "rule_code"
        )
        rows.append(
            {
                "case": _row(case),
                "mediators": sorted(case.mediators.values_list("pk", flat=True)),
                "events": [_row(e) for e in case.events.order_by("date", "id")],
                "referrals": [_row(r) for r in case.referrals.order_by("id")],
                "agreement": [
                    _row(a) for a in type(case).agreement.related.related_model.objects.filter(case=case)
                ],
                "confirmations": [_row(c) for c in case.confirmations.order_by("id")],
                "clocks": [
                    (
                        _row(d),
                        [_row(e) for e in d.events.order_by("id")],
                        sorted(d.responsible.values_list("pk", flat=True)),
                    )
                    for d in clocks
                ],
            }
        )
    return rows


def _plans(world):
    """The first plan of each path of the table (and one court-entrusted, one oral agreement)."""
    wanted = {path for path, _w in PATHS}
    plans, seen, i = [], set(), 0
    entrusted = oral = False
    while (wanted - seen or not entrusted or not oral) and i < 2000:
        plan = draw_plan(i, world, latest=world.today)
        new = plan.path not in seen
        if (
            new
            or (not entrusted and plan.source == "court_entrusted")
            or (not oral and plan.form == "oral" and "agree" in plan.path)
        ):
            plans.append(plan)
            seen.add(plan.path)
            entrusted |= plan.source == "court_entrusted"
            oral |= plan.form == "oral" and "agree" in plan.path
        i += 1
    return plans


def test_bulk_rows_equal_the_services_rows():
    seed_accounts(1, StringIO())
    world = seed_world.load()
    plans = _plans(world)
    assert len(plans) >= len(PATHS)
    with transaction.atomic():
        for plan in plans:
            with composed():
                drive(plan, world)
        through_services = _snapshot()
        transaction.set_rollback(True)
    serials = Serials()
    batch = Batch(world, serials)
    for plan in plans:
        batch.add(plan)
    with composed():
        batch.save()
        serials.advance()
    bulk = _snapshot()
    assert len(bulk) == len(through_services) == len(plans)
    assert any(r["referrals"] for r in bulk) and any(r["confirmations"] for r in bulk)
    assert {len(r["clocks"]) for r in bulk} >= {0, 1} and all(len(r["events"]) >= 2 for r in bulk)
    for a, b in zip(through_services, bulk, strict=True):
        assert a == b, a["case"]["number"]


def test_registers_and_dates(settings):
    seed_accounts(1, StringIO())
    world = seed_world.load()
    assert len(world.centres) == 7
    assert PartnerAgreement.objects.count() == 14
    partners = {u for a in PartnerAgreement.objects.prefetch_related("parties") for u in a.parties.all()}
    assert len(partners) == 17
    seed_world.load()  # a rerun adds nothing
    assert PartnerAgreement.objects.count() == 14
    # what the 诉调对接 page shows the city's mediation officer: 7 centres, 17 partners, 14 documents
    assert selectors.docking_summary(user=world.actor) == {"documents": 14, "partners": 17, "centres": 7}
    today = timezone.localdate()
    for plan in (draw_plan(i, world, latest=today) for i in range(300)):
        assert max(plan.dates.values()) <= today
        assert plan.received_on >= seed_world.date(2021, 1, 1)
