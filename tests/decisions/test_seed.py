"""The demo data: the issue's figures at scale 1, every state of the table, nothing after today,
everything written through the services (so the rows are those the pages would write)."""

import time
from io import StringIO

import pytest
from django.db.models import Q
from django.utils import timezone

from core.registry import seeders
from deadlines.models import Deadline
from decisions.choices import DecisionStatus
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
            t = time.monotonic()
            seeder.func(1, out)
            print(seeder.name, round(time.monotonic() - t, 1))
    assert MajorDecision.objects.count() == data.DECISIONS
    assert LegalAffairsMatter.objects.count() == data.MATTERS
    assert ReviewOpinion.objects.filter(signed_at__isnull=False).count() >= data.SIGNED
    assert AdvisorConsultation.objects.count() == data.CONSULTATIONS
    assert PostEvaluation.objects.count() == data.EVALUATIONS
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
