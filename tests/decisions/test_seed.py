"""The demo data: the figures at scale 1 (644 matters, ≥ 130 signed opinions, 186 consultations, 48
post-evaluations, 15 advisers), every state of the table, nothing after today. The bulk rows equal
the services' (tests/decisions/test_seed_parity.py)."""

import time
from io import StringIO

import pytest
from django.db.models import Q
from django.utils import timezone

from core.registry import seeders
from deadlines.models import Deadline
from decisions.choices import DecisionStatus, MatterStatus
from decisions.models import (
    AdvisorConsultation,
    DecisionEvent,
    LegalAdvisor,
    LegalAffairsMatter,
    MajorDecision,
    MatterEvent,
    PostEvaluation,
    ReviewOpinion,
)
from decisions.seed import data

pytestmark = pytest.mark.django_db


def test_seed_figures_states_and_dates():
    out = StringIO()
    for seeder in seeders():
        if seeder.name in ("accounts", "decisions"):
            t, cpu = time.monotonic(), time.process_time()
            seeder.func(1, out)
            # wall time, and CPU time (≈ the wall time on an idle machine: SQLite in memory)
            print(seeder.name, round(time.monotonic() - t, 1), round(time.process_time() - cpu, 1))
    assert MajorDecision.objects.count() == data.DECISIONS
    assert LegalAffairsMatter.objects.count() == data.MATTERS == 644
    assert ReviewOpinion.objects.filter(signed_at__isnull=False).count() >= data.SIGNED
    signed_core = ReviewOpinion.objects.filter(
        signed_at__isnull=False, matter__kind__in=("normative", "major_decision")
    )
    assert signed_core.count() >= 130
    assert set(LegalAffairsMatter.objects.values_list("status", flat=True)) == set(MatterStatus.values)
    assert AdvisorConsultation.objects.count() == data.CONSULTATIONS == 186
    assert PostEvaluation.objects.count() == data.EVALUATIONS == 48
    assert LegalAdvisor.objects.count() == data.ADVISORS
    states = set(MajorDecision.objects.values_list("status", flat=True))
    assert states == set(DecisionStatus.values)
    today = timezone.localdate()
    assert not MajorDecision.objects.filter(Q(proposed_on__gt=today) | Q(implemented_on__gt=today)).exists()
    assert not DecisionEvent.objects.filter(date__gt=today).exists()
    assert not MatterEvent.objects.filter(date__gt=today).exists()
    assert not ReviewOpinion.objects.filter(signed_on__gt=today).exists()
    assert not Deadline.objects.filter(Q(trigger_date__gt=today) | Q(closed_on__gt=today)).exists()
    # idempotent
    n = LegalAffairsMatter.objects.count()
    seeders_by_name = {s.name: s for s in seeders()}
    seeders_by_name["decisions"].func(1, out)
    assert LegalAffairsMatter.objects.count() == n
