"""Demo data of administrative reconsideration (行政复议) for `seed_demo` (registered in
`ReconsiderationConfig.ready()`).

≥ 2,000 × scale cases received 2021 – today across 天水市人民政府 and the seven county governments,
each in its own jurisdiction, with a realistic mix of procedures, outcomes, hearings, committee
consultations, mediations, suspensions and extensions. Nothing is dated after today.

Two layers, read from the same transition table (`reconsideration.choices.TRANSITIONS`, the legal
bases in `seed.bases`) and clock map (`reconsideration.deadlines`, `deadlines.rules`):
- `seed.scenarios`: about forty recent cases driven step by step through the services;
- `seed.bulk`: the history written in bulk from plans (`seed.plan`) in the same shapes the services
  give — `seed.drive` drives the same plans through the services, and
  tests/reconsideration/test_seed_parity.py checks that both leave the same rows.

Idempotent: a rerun creates only what is missing to reach 2,000 × scale cases (nothing on a second
run at the same scale). Deterministic: case i of the history is drawn from `random.Random(i)`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..models import ReconsiderationCase
from .bulk import seed_history
from .data import BASE_CASES
from .scenarios import seed_recent
from .world import World, seed_experts, seed_linkage

__all__ = ["BASE_CASES", "seed"]


def seed(scale: int, stdout) -> None:
    world = World.load()
    if world is None:
        stdout.write(_("跳过行政复议演示数据：请先生成单位和演示用户。"))
        return
    target = BASE_CASES * scale
    existing = ReconsiderationCase.objects.count()
    if existing >= target:
        stdout.write(_("行政复议：已有 %(n)d 件案件，无需新增。") % {"n": existing})
        return
    seed_experts(world)
    through_services = 0
    if existing == 0:
        through_services = seed_recent(world, stdout)
        seed_linkage(world)
    remaining = target - ReconsiderationCase.objects.count()
    bulk = seed_history(world, start=existing, count=remaining) if remaining > 0 else 0
    stdout.write(
        _("行政复议：经业务流程办理 %(a)d 件，批量生成历史案件 %(b)d 件，共 %(n)d 件。")
        % {"a": through_services, "b": bulk, "n": ReconsiderationCase.objects.count()}
    )
