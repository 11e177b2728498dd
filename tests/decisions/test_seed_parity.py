"""The demo seeder's bulk rows equal what the services make (decisions/seed/bulk.py).

Each plan below is written in bulk (`bulk.write`) and driven through the services (`drive_matter`);
per pair of matters (matched by title) we compare the matter's fields, its reviewers, its events (kind,
date, actor, basis, note, from/to), its opinions (the six findings, conclusion, drafter, signer, signing
day, version, document number's form), its consultations and its clock (rule, trigger, due date, raw
end, status, closing date, responsible). Ignored: ids, timestamps and the serials themselves.
"""

import re
from datetime import date
from io import StringIO

import pytest

from accounts.management.demo import seed_accounts
from core.workflow import composed
from deadlines.models import Deadline
from decisions.choices import MatterKind, MatterStatus
from decisions.models import LegalAffairsMatter
from decisions.seed import bulk
from decisions.seed.bulk import MatterPlan, drive_matter
from decisions.seed.data import World, _advisors

pytestmark = pytest.mark.django_db

MATTER_FIELDS = (
    "org_unit_id",
    "created_by_id",
    "year",
    "kind",
    "title",
    "requesting_unit_id",
    "decision_id",
    "received_on",
    "due_on",
    "materials_note",
    "status",
    "closed_on",
    "version",
)
OPINION_FIELDS = (
    "subject",
    "subject_text",
    "authority",
    "authority_text",
    "content",
    "content_text",
    "procedure",
    "procedure_text",
    "basis",
    "basis_text",
    "policy",
    "policy_text",
    "conclusion",
    "citations",
    "drafter_id",
    "signer_id",
    "signed_on",
    "document_year",
    "supersedes_id",
    "version",
)

PLANS = [
    MatterPlan(MatterKind.NORMATIVE, "甲规范性文件", 0, date(2024, 3, 4), MatterStatus.CLOSED, consult=2),
    MatterPlan(
        MatterKind.CONTRACT, "乙特许经营协议", 1, date(2024, 12, 27), MatterStatus.SIGNED, "unlawful", 1, 3, 2
    ),
    MatterPlan(MatterKind.PETITION, "丙信访事项", 2, date(2025, 6, 9), MatterStatus.CLOSED, "amended"),
    MatterPlan(MatterKind.KEY_PROJECT, "丁建设项目", 3, date(2025, 9, 29), MatterStatus.REVIEWING, consult=1),
    MatterPlan(MatterKind.OTHER, "戊请示", 4, date(2025, 10, 10), MatterStatus.RECEIVED),
]


def _number_form(number: str) -> str:
    return re.sub(r"\d+", "N", number)


def _snapshot(m):
    clock = Deadline.objects.get(object_id=m.pk, content_type__model="legalaffairsmatter")
    return {
        "matter": {f: getattr(m, f) for f in MATTER_FIELDS},
        "number": _number_form(m.number),
        "reviewers": sorted(m.reviewers.values_list("pk", flat=True)),
        "events": [
            (e.kind, e.date, e.actor_id, e.basis, _number_form(e.note), e.from_status, e.to_status)
            for e in m.events.order_by("date", "id")
        ],
        "opinions": [
            ({f: getattr(o, f) for f in OPINION_FIELDS}, _number_form(o.document_number), o.is_signed)
            for o in m.opinions.order_by("id")
        ],
        "consultations": [
            (c.advisor_id, c.org_unit_id, c.created_by_id, c.question, c.opinion, c.consulted_on, c.hours)
            for c in m.consultations.order_by("id")
        ],
        "clock": (
            clock.rule_code,
            clock.org_unit_id,
            _number_form(clock.subject),
            clock.trigger_date,
            clock.raw_end,
            clock.due_date,
            clock.trace,
            clock.status,
            clock.closed_on,
            clock.is_suspended,
            sorted(clock.responsible.values_list("pk", flat=True)),
        ),
    }


@pytest.fixture
def world(db):
    seed_accounts(1, StringIO())
    w = World.load()
    with composed():
        _advisors(w)
    return w


def test_bulk_rows_equal_the_services(world):
    with composed():
        bulk.write(world, PLANS)
        for plan in PLANS:
            drive_matter(world, plan)
    pairs = {}
    for m in LegalAffairsMatter.objects.order_by("id"):
        pairs.setdefault(m.title, []).append(m)
    assert len(pairs) == len(PLANS)
    differences = []
    for title, pair in pairs.items():
        assert len(pair) == 2, title
        written, driven = (_snapshot(m) for m in pair)
        differences += [
            (title, part, written[part], driven[part]) for part in written if written[part] != driven[part]
        ]
    assert differences == []


def test_bulk_numbers_advance_the_series(world):
    """The bulk writer takes its serials from core.numbering: the services continue after them."""
    with composed():
        bulk.write(world, PLANS[:2])
        driven = drive_matter(world, PLANS[0])
    written = LegalAffairsMatter.objects.filter(year=2024).exclude(pk=driven.pk)
    assert sorted(written.values_list("serial", flat=True)) == [1, 2]
    assert driven.serial == 3
    numbers = [o.document_number for o in LegalAffairsMatter.objects.get(pk=driven.pk).opinions.all()]
    assert numbers == ["天司法审〔2024〕2号"]
