"""Demo data of administrative enforcement (行政执法) for `seed_demo` (registered in
`EnforcementConfig.ready()`).

At scale 1: 327 agencies with their subject certificates across city, county and township levels,
8,950 officers and 9,049 certificates (mostly valid; some expired, suspended, revoked; 99 renewals),
a qualification exam before every issue and a year of training, and 5,000 enforcement cases over the
past year (some outside their benchmark, some major decisions with their legal review). Officers,
certificates and cases grow with `--scale`. Nothing is dated after today.

Six recent cases of 天水市市场监督管理局 are driven through the services (`seed.drive`); the
history is written in bulk from the same plans (`seed.bulk`; parity: tests/enforcement/test_seed_parity.py).
Idempotent: a rerun adds only what is missing. `settings.ENFORCEMENT_DEMO_FRACTION` (default 1) scales
the officers, certificates and cases down — the test settings use a small fraction so that the
seed_demo tests stay fast.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgUnit, User

from ..models import EnforcementCase
from . import data
from .world import World


def seed(scale: int, stdout) -> None:
    if (
        not OrgUnit.objects.filter(short_code="tsscj").exists()
        or not User.objects.filter(username="fzsh").exists()
    ):
        stdout.write(_("跳过行政执法演示数据：请先生成单位和演示用户。"))
        return
    world = World.build(scale, timezone.localdate())
    target = data.volume(data.CASES, scale)
    existing = EnforcementCase.objects.count()
    driven = world.seed_recent() if existing == 0 else 0
    bulk = world.seed_history(start=existing + driven, count=target - existing - driven)
    stdout.write(
        _(
            "行政执法：执法主体 %(a)d 个，执法人员 %(o)d 人，证件 %(c)d 张；"
            "经业务流程办理 %(d)d 件，批量生成 %(b)d 件，共 %(n)d 件。"
        )
        % {
            "a": world.agency_count(),
            "o": world.officer_count(),
            "c": world.certificate_count(),
            "d": driven,
            "b": bulk,
            "n": EnforcementCase.objects.count(),
        }
    )
