"""The demo history written in bulk leaves the same rows as the same plan driven through the
services; the seeder is idempotent and never dates anything after today."""

from io import StringIO

import pytest
from django.utils import timezone

from deadlines.models import Deadline
from enforcement.models import Certificate, EnforcementAgency, EnforcementCase, Officer
from enforcement.seed import bulk, data
from enforcement.seed.drive import drive
from enforcement.seed.plan import make_plan

from .factories import reviewer_officer

pytestmark = pytest.mark.django_db

CASE_FIELDS = (
    "status", "version", "kind", "procedure", "sector", "party_kind", "party_name", "filed_on", "facts",
    "legal_basis", "penalty_amount", "benchmark_id", "outside_benchmark", "benchmark_deviation_reason",
    "is_major", "major_ground", "informed_on", "hearing_right_told", "decided_on", "decision_summary",
    "party_present", "served_on", "published_on", "closed_on", "transferred_on", "transfer_body",
)  # fmt: skip


def snapshot(case):
    case = EnforcementCase.objects.get(pk=case.pk)
    events = sorted(
        (e.kind, e.date, e.basis, e.note if e.kind != "decide" else "", e.from_status, e.to_status)
        for e in case.events.all()
    )
    clocks = sorted(
        (d.rule_code, d.trigger_date, d.due_date, d.status, d.closed_on, d.version,
         tuple(sorted((x.kind, x.date) for x in d.events.all())))
        for d in Deadline.objects.filter(object_id=case.pk, content_type__model="enforcementcase")
    )  # fmt: skip
    return {
        "case": {f: getattr(case, f) for f in CASE_FIELDS},
        "investigators": sorted(case.investigators.values_list("pk", flat=True)),
        "events": events,
        "clocks": clocks,
        "reviews": [
            (r.requested_on, r.request_note, r.reviewer_id, r.reviewed_on, r.conclusion, r.opinion)
            for r in case.reviews.order_by("id")
        ],
        "records": sorted((r.stage, r.medium, r.recorded_on, r.description) for r in case.records.all()),
    }


def _plans(w):
    today = timezone.localdate()
    kinds = {}
    for i in range(600):
        plan = make_plan(
            i,
            agency=w.agency,
            item=w.item,
            bench=w.bench,
            officers_for=lambda agency, first, last: [w.a, w.b],
            today=today,
        )
        key = (
            "transferred" if plan.transferred_on
            else "major-closed" if plan.is_major and plan.closed_on
            else "present-closed" if plan.party_present and plan.closed_on
            else "absent-closed" if plan.closed_on
            else "open"
        )  # fmt: skip
        kinds.setdefault(key, plan)
    return kinds


def test_bulk_rows_match_the_services(w, users):
    reviewer_officer(w, users.fzsh)
    plans = _plans(w)
    assert set(plans) == {"transferred", "major-closed", "present-closed", "absent-closed", "open"}
    for key, plan in plans.items():
        driven = drive(plan, actor=users.zhifa_scj, reviewer=users.fzsh)
        [written] = bulk.write([plan], reviewer=users.fzsh)
        assert snapshot(written) == snapshot(driven), key


def test_seeder_volumes_are_proportional_idempotent_and_never_after_today(monkeypatch, db):
    from accounts.management.demo import seed_accounts
    from enforcement.seed import seed

    monkeypatch.setattr(data, "AGENCIES", 20)
    monkeypatch.setattr(data, "OFFICERS", 120)
    monkeypatch.setattr(data, "RENEWED", 3)
    monkeypatch.setattr(data, "CASES", 60)
    out = StringIO()
    seed_accounts(1, out)
    seed(1, out)
    assert EnforcementAgency.objects.count() == 20
    assert Officer.objects.count() == 121  # and the legal reviewer fzsh
    assert Certificate.objects.count() == 123
    assert EnforcementCase.objects.count() == 60
    statuses = set(EnforcementCase.objects.values_list("status", flat=True))
    assert {"closed", "decided"} <= statuses
    today = timezone.localdate()
    assert not EnforcementCase.objects.filter(filed_on__gt=today).exists()
    assert not EnforcementCase.objects.filter(closed_on__gt=today).exists()
    assert not Certificate.objects.filter(issued_on__gt=today).exists()
    seed(1, out)
    assert EnforcementCase.objects.count() == 60 and Officer.objects.count() == 121
