"""Demo data of 行政应诉 for `seed_demo` (registered in `LitigationConfig.ready()`).

About 1,500 × scale first instances from five years ago to today (seed/plan.py), with appeals to
天水市中级人民法院: the most recent plans are driven through the services (seed/drive.py), the history
is written in bulk in the same shapes (seed/bulk.py; tests/litigation/test_seed_parity.py). Built so
that this year's head-of-agency attendance is 100% and its 败诉率 is 10.39 percentage points below last
year's. Nothing is dated after today. A rerun adds nothing once lawsuits exist.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.workflow import composed

from ..models import LitigationCase
from . import bulk, drive
from .plan import THROUGH_SERVICES, plans
from .world import World


def seed(scale: int, stdout) -> None:
    world = World.load()
    if world is None:
        stdout.write(_("跳过行政应诉演示数据：请先生成单位和演示用户。"))
        return
    if LitigationCase.objects.exists():
        stdout.write(_("行政应诉：已有演示案件，无需新增。"))
        return
    todo = plans(today=world.today, scale=scale)
    recent = [p for p in todo if not p.concluded]
    concluded = [p for p in todo if p.concluded]
    history, driven = concluded[:-THROUGH_SERVICES], concluded[-THROUGH_SERVICES:] + recent
    with composed():
        written = bulk.write(world, history)
        for plan in driven:
            drive.drive(world, plan)
    stdout.write(
        _("行政应诉：经业务流程办理 %(a)d 件，批量生成历史案件 %(b)d 件，共 %(n)d 件（含二审）。")
        % {"a": len(driven), "b": written, "n": LitigationCase.objects.count()}
    )
