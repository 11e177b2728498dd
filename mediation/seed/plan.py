# ruff: noqa: S311 - deterministic demo data (random.Random(seed)), never security
"""Plans of demo cases: who received what, when, and which path through the transition table
(`mediation.choices.TRANSITIONS`) it took. Case i is drawn from `random.Random(i)`; nothing is dated
after the plan's `latest` day. `drive.py` runs a plan through the services, `bulk.py` writes it in the
same shape (tests/mediation/test_seed_parity.py)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..choices import CONFIRMABLE_TYPES, AgreementForm, CaseSource, MediationType, OtherRoute

FIRST_DAY = date(2021, 1, 4)

#: (path, weight): the steps after registration, as transition names.
PATHS = (
    (("start", "agree", "performed"), 38),
    (("start", "agree", "perform_start", "performed"), 10),
    (("start", "agree", "apply_confirmation", "confirm"), 12),
    (("start", "agree", "apply_confirmation", "reject_confirmation"), 2),
    (("start", "fail", "terminate"), 22),
    (("refuse",), 6),
    (("refer", "start", "agree", "performed"), 7),
    (("refer", "start", "fail", "terminate"), 3),
)

TYPES_BY_SOURCE = {
    CaseSource.APPLICATION: (MediationType.PEOPLE, MediationType.INDUSTRY, MediationType.LAWYER),
    CaseSource.DEPARTMENT: (MediationType.ADMINISTRATIVE, MediationType.PEOPLE),
    CaseSource.COURT_DELEGATED: (MediationType.INVITED_DELEGATED,),
    CaseSource.COURT_ENTRUSTED: (MediationType.INVITED_ENTRUSTED,),
    CaseSource.RECONSIDERATION: (MediationType.RECONSIDERATION, MediationType.ADMINISTRATIVE),
    CaseSource.PETITION: (MediationType.PEOPLE, MediationType.ADMINISTRATIVE),
}
SOURCES = (
    (CaseSource.APPLICATION, 52),
    (CaseSource.DEPARTMENT, 10),
    (CaseSource.COURT_DELEGATED, 16),
    (CaseSource.COURT_ENTRUSTED, 8),
    (CaseSource.RECONSIDERATION, 4),
    (CaseSource.PETITION, 10),
)
SUBJECTS = (
    "邻里排水纠纷",
    "婚姻家庭纠纷",
    "民间借贷纠纷",
    "道路交通事故损害赔偿纠纷",
    "劳务报酬纠纷",
    "物业服务合同纠纷",
    "医疗损害赔偿纠纷",
    "土地承包经营纠纷",
    "消费者权益纠纷",
    "房屋租赁合同纠纷",
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高"
GIVEN = "建国秀英志强桂兰玉珍明德春梅文军海燕丽娟国华小红永刚"


@dataclass
class Plan:
    index: int
    org: object  # seed.world.Organisation
    source: str
    mediation_type: str
    referring_unit: object | None
    received_on: date
    parties: str
    subject: str
    path: tuple[str, ...]
    dates: dict[str, date] = field(default_factory=dict)
    form: str = AgreementForm.WRITTEN
    refer_to: object | None = None  # seed.world.Organisation
    refer_type: str = ""
    routes: tuple[str, ...] = (OtherRoute.LITIGATION,)
    dispute: object | None = None

    @property
    def confirmable(self) -> bool:
        return (self.refer_type or self.mediation_type) in CONFIRMABLE_TYPES


def _pick(rng, weighted):
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights=weights, k=1)[0]


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))


def draw_plan(i: int, world, *, latest: date) -> Plan:
    """Case i of the history: a path that ends on or before `latest`."""
    rng = random.Random(i)
    org = rng.choice(world.organisations)
    source = _pick(rng, SOURCES)
    path = _pick(rng, PATHS)
    span = (latest - timedelta(days=75) - FIRST_DAY).days
    received = FIRST_DAY + timedelta(days=rng.randrange(max(span, 1)))
    court = world.courts.get(org.county) or next(iter(world.courts.values()))
    referring = court if source in (CaseSource.COURT_DELEGATED, CaseSource.COURT_ENTRUSTED) else None
    if source in (CaseSource.DEPARTMENT, CaseSource.RECONSIDERATION, CaseSource.PETITION):
        referring = org.unit.parent
    plan = Plan(
        index=i,
        org=org,
        source=source,
        mediation_type=rng.choice(TYPES_BY_SOURCE[source]),
        referring_unit=referring,
        received_on=received,
        parties=f"{_name(rng)}、{_name(rng)}",
        subject=rng.choice(SUBJECTS),
        path=path,
        form=AgreementForm.ORAL if rng.random() < 0.15 else AgreementForm.WRITTEN,
    )
    day = received
    for step in path:
        if step == "refer":
            day += timedelta(days=rng.randint(1, 3))
            others = [o for o in world.organisations if o.county == org.county and o is not org] or [
                o for o in world.organisations if o is not org
            ]
            plan.refer_to = rng.choice(others)
            plan.refer_type = MediationType.PEOPLE
        elif step == "start":
            day += timedelta(days=rng.randint(0, 3))
        elif step in ("agree", "fail"):
            day += timedelta(days=rng.randint(2, 28))
        elif step == "terminate":
            plan.routes = tuple(rng.sample(list(OtherRoute.values), rng.randint(1, 2)))
        elif step == "refuse":
            day += timedelta(days=rng.randint(0, 2))
        elif step in ("perform_start", "apply_confirmation"):
            day += timedelta(days=rng.randint(1, 25))
        elif step in ("performed", "confirm", "reject_confirmation"):
            day += timedelta(days=rng.randint(3, 30))
        plan.dates[step] = day
    if not plan.confirmable:
        # a court's or a reconsideration body's own mediation is not confirmed by a court
        plan.path = tuple(
            s for s in plan.path if s not in ("apply_confirmation", "confirm", "reject_confirmation")
        )
        if plan.path[-1] == "agree":
            plan.path = (*plan.path, "performed")
            plan.dates["performed"] = plan.dates["agree"] + timedelta(days=10)
    return plan
