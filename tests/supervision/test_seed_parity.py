"""The demo seeder's bulk rows equal what the services make (supervision/seed/bulk.py).

Each plan is written in bulk and driven through the services; per pair we compare the filing's fields,
its events (kind, date, actor, basis, note, from/to) and its clock (rule, trigger, due date, raw end,
trace, status, closing date), and the file's fields with its score sheets. Ignored: ids, timestamps
and the numbers that tell the pair apart. Also: the seeder at a small fraction gives the figures of
the demo, is idempotent and dates nothing after today.
"""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.utils import timezone

from deadlines.models import Deadline
from supervision.choices import FilingStatus, Grade, VetoItem
from supervision.models import DecisionFiling, ReviewedFile, SpecialSupervisor, SupervisionNotice
from supervision.seed import data
from supervision.seed.bulk import (
    FilePlan,
    FilingPlan,
    Sheet,
    drive_file,
    drive_filing,
    write_files,
    write_filings,
)

from .factories import make_rubric, supervision_world

pytestmark = pytest.mark.django_db

FILING_FIELDS = (
    "org_unit_id", "created_by_id", "agency_id", "case_id", "decision_summary", "decided_on", "due_on",
    "filed_on", "is_late", "late_reason", "reviewer_id", "reviewed_on", "review_reasons", "status", "version",
)  # fmt: skip
FILE_FIELDS = (
    "campaign_id", "agency_id", "case_id", "sampled", "needs_consensus", "score", "vetoes", "grade",
    "created_by_id",
)  # fmt: skip


@pytest.fixture
def world(tree, users):
    s = supervision_world(tree, users)
    w = data.World.load(timezone.localdate())
    return s, w


def _filing(f):
    clock = Deadline.objects.get(object_id=f.pk, content_type__model="decisionfiling")
    return {
        "filing": {k: getattr(f, k) for k in FILING_FIELDS},
        "events": [
            (e.kind, e.date, e.actor_id, e.basis, e.note, e.from_status, e.to_status)
            for e in f.events.order_by("date", "id")
        ],
        "clock": (
            clock.rule_code, clock.org_unit_id, clock.subject.split(" ", 1)[1], clock.trigger_date,
            clock.raw_end, clock.due_date, clock.trace, clock.status, clock.closed_on,
        ),
    }  # fmt: skip


def _file(f):
    return {
        "file": {k: getattr(f, k) for k in FILE_FIELDS},
        "sheets": [
            (
                s.reviewer_id,
                s.deductions,
                s.vetoes,
                s.score,
                s.is_consensus,
                s.scored_on,
                s.note,
                s.created_by_id,
            )
            for s in f.sheets.order_by("id")
        ],
    }


def test_bulk_filings_equal_the_services(world):
    s, w = world
    d1, d2 = date(2025, 3, 3), date(2025, 6, 2)
    variants = [
        {"decided": d1, "filed": date(2025, 3, 10)},
        {"decided": d1, "filed": date(2025, 5, 10), "late_reason": "材料延误"},
        {
            "decided": d2,
            "filed": date(2025, 6, 5),
            "result": FilingStatus.FILED,
            "reviewed": date(2025, 6, 9),
        },
        {
            "decided": d2,
            "filed": date(2025, 6, 5),
            "result": FilingStatus.CORRECTION,
            "reviewed": date(2025, 6, 9),
            "reasons": "程序瑕疵",
        },
    ]
    for k, v in enumerate(variants):
        plans = [
            FilingPlan(
                agency=s.agency,
                decision_number=f"天市监重决〔2025〕{k}{tag}号",
                decision_summary="吊销许可证",
                **v,
            )
            for tag in ("1", "2")
        ]
        (bulk_row,) = write_filings([plans[0]], filers=w.recorders, reviewer=w.reviewer)
        driven = drive_filing(plans[1], filer=w.recorders[s.agency.pk], reviewer=w.reviewer)
        bulk_row = DecisionFiling.objects.get(pk=bulk_row.pk)
        driven = DecisionFiling.objects.get(pk=driven.pk)
        assert _filing(bulk_row) == _filing(driven), v


def test_bulk_files_equal_the_services(world, users):
    s, w = world
    rubric = make_rubric(s.tree.city_justice)
    s.campaign.rubric = rubric
    s.campaign.save()
    items = dict(rubric.items.values_list("code", "points"))
    own = w.recorders[s.agency.pk]
    cases = [
        (False, (Sheet(own, {"A1": Decimal("3")}),), own),
        (False, (Sheet(own, {"B1": Decimal("2")}, (VetoItem.FEWER_OFFICERS,)),), own),
        (True, (Sheet(w.reviewer, {"B1": Decimal("4")}), Sheet(w.second, {"B2": Decimal("6")})), w.reviewer),
        (True, (Sheet(w.reviewer, {}), Sheet(w.second, {"B1": Decimal("15")})), w.reviewer),
        (True, (Sheet(w.reviewer, {}), Sheet(w.second, {"B1": Decimal("15")}),
                Sheet(w.reviewer, {"B1": Decimal("8")}, (), True, "合议")), w.reviewer),
    ]  # fmt: skip
    for k, (sampled, sheets, actor) in enumerate(cases):
        plans = [
            FilePlan(s.campaign, s.agency, f"X{k}-{tag}", sampled, date(2025, 9, 1), sheets, actor)
            for tag in ("b", "s")
        ]
        write_files([plans[0]], items=items, thresholds=(rubric.excellent_from, rubric.pass_from))
        drive_file(plans[1])
        a = ReviewedFile.objects.get(file_number=f"X{k}-b")
        b = ReviewedFile.objects.get(file_number=f"X{k}-s")
        assert _file(a) == _file(b), k
    assert ReviewedFile.objects.get(file_number="X3-b").grade == Grade.PENDING


def test_seeder_at_a_fraction(world, settings):
    settings.SUPERVISION_DEMO_FRACTION = 0.02
    out = StringIO()
    data.run(1, out)
    assert DecisionFiling.objects.count() == data.volume(data.FILINGS, 1) == 37
    assert ReviewedFile.objects.filter(campaign__title="2022年度行政执法案卷自查").count() == 1008
    assert ReviewedFile.objects.filter(campaign__title="2022年度行政执法案卷抽查").count() == 30
    assert SpecialSupervisor.objects.count() == 1
    states = set(SupervisionNotice.objects.values_list("status", flat=True))
    assert DecisionFiling.objects.filter(filed_on__gt=timezone.localdate()).count() == 0
    counts = (DecisionFiling.objects.count(), ReviewedFile.objects.count(), SupervisionNotice.objects.count())
    data.run(1, StringIO())
    assert counts == (
        DecisionFiling.objects.count(),
        ReviewedFile.objects.count(),
        SupervisionNotice.objects.count(),
    )
    assert states
    data.run(2, StringIO())  # a larger scale adds the shortfall, never redraws the sample
    assert DecisionFiling.objects.count() == data.volume(data.FILINGS, 2)
    sampled = ReviewedFile.objects.filter(campaign__title="2022年度行政执法案卷抽查")
    assert sampled.count() == data.volume(data.SAMPLED, 2)
