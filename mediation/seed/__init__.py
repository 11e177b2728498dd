"""Demo data of mediation (多元化解) for `seed_demo` (registered in `MediationConfig.ready()`).

At scale 1: the seven 诉调对接中心, mediators for every mediation organisation, the seventeen partner
departments in fourteen joint documents, and ≥ 3,000 × scale mediation cases received 2021 – today
across types, sources and outcomes — some referred between organisations, some of the administrative
ones later going on to reconsideration (their `Dispute` shows it). Nothing is dated after today.

Two layers from the same transition table (`mediation.choices.TRANSITIONS`) and clock map
(`mediation.deadlines`): `drive.py` runs recent plans through the services; `bulk.py` writes the
history in the same shapes (tests/mediation/test_seed_parity.py). Idempotent: a rerun adds only what
is missing to reach the target. Deterministic: case i is drawn from `random.Random(i)`.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext as _

from core.workflow import composed
from disputes.models import Dispute

from ..choices import MediationType
from ..models import MediationCase
from .bulk import Batch, Serials
from .drive import drive
from .plan import draw_plan
from .world import load

__all__ = ["BASE_CASES", "RECENT_CASES", "seed"]

BASE_CASES = 3000
#: The most recent cases run through the services (with open clocks, referrals and all).
RECENT_CASES = 12
BATCH = 500
ADMINISTRATIVE = (MediationType.ADMINISTRATIVE, MediationType.RECONSIDERATION)


def _attach_disputes(plans, disputes: list) -> None:
    """Some failed administrative mediations belong to a dispute that then went to reconsideration:
    the dispute page shows the mediation before the reconsideration case (诉源 lineage). Each dispute
    is used once (`disputes` is consumed)."""
    for plan in plans:
        if not disputes:
            return
        administrative = plan.mediation_type in ADMINISTRATIVE and plan.path[-1] == "terminate"
        if administrative and disputes[-1].act_date <= plan.received_on:
            plan.dispute = disputes.pop()


def seed(scale: int, stdout) -> None:
    world = load()
    if world is None:
        stdout.write(_("跳过多元化解演示数据：请先生成单位和演示用户。"))
        return
    target = BASE_CASES * scale
    existing = MediationCase.objects.count()
    if existing >= target:
        stdout.write(_("多元化解：已有 %(n)d 件调解案件，无需新增。") % {"n": existing})
        return
    recent = 0
    if existing == 0:
        # the newest cases, driven through the services, end about a month ago or later
        latest = world.today - timedelta(days=1)
        for i in range(RECENT_CASES):
            plan = draw_plan(10_000_000 + i, world, latest=latest)
            # some stop half-way: still mediating, awaiting confirmation, being performed …
            plan.path = plan.path[: max(1, len(plan.path) - i % 3)]
            plan.dates = {k: v for k, v in plan.dates.items() if k in plan.path}
            shift = latest - max(plan.dates.values() or [plan.received_on])
            plan.received_on += shift
            plan.dates = {k: v + shift for k, v in plan.dates.items()}
            with composed():
                drive(plan, world)
            recent += 1
    # disputes with no mediation yet (the reconsideration seeder's), newest first
    disputes = list(Dispute.objects.filter(mediation_cases__isnull=True).order_by("act_date", "id")[:300])
    start = MediationCase.objects.count()
    remaining = target - start
    written = 0
    serials = Serials()
    for offset in range(0, max(remaining, 0), BATCH):
        plans = [
            draw_plan(start + offset + j, world, latest=world.today)
            for j in range(min(BATCH, remaining - offset))
        ]
        _attach_disputes(plans, disputes)
        batch = Batch(world, serials)
        for plan in plans:
            batch.add(plan)
        with composed():
            written += batch.save()
    with composed():
        serials.advance()
    stdout.write(
        _("多元化解：经业务流程办理 %(a)d 件，批量生成历史案件 %(b)d 件，共 %(n)d 件。")
        % {"a": recent, "b": written, "n": MediationCase.objects.count()}
    )
