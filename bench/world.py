"""What the figures measure against: seeded on demand, once per run, inside the run's transaction.

`python -m bench.run` wraps the whole run in one transaction and rolls it back, so the throwaway
org-unit tree, users and deadlines below never outlive the run (nor do the rows a figure creates).

The one exception is `World.demo()`: the `seed_demo --scale N` data (the Tianshui tree, the demo
users, every app's demo records) takes minutes to build, so it is committed and kept in the bench
database, and a later run at the same scale reuses it. Figures that need it say so with a
`prepare` attribute (`func.prepare = World.demo`), which `bench.run` calls before it opens the
rolled-back transaction.
"""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection

DEADLINES_PER_SCALE = 10_000  # --scale 10 → 100k open deadlines (docs/budgets.md)
USERS_PER_SCALE = 300  # --scale 10 → 3,000 responsible users
UNITS = 30
BATCH = 5000
#: The demo data is "there at scale N" when each model holds at least base × N rows (the seeders'
#: own targets: reconsideration.seed.BASE_CASES).
DEMO_TARGETS = {
    "reconsideration.ReconsiderationCase": 2000,
    "litigation.LitigationCase": 1500,
    "enforcement.EnforcementCase": 5000,
    "mediation.MediationCase": 3000,
    "supervision.DecisionFiling": 1851,
    "supervision.ReviewedFile": 51899,
}


def _vacuum() -> None:
    """VACUUM (ANALYZE) the bench database, as autovacuum would between two runs.

    Every run rolls back what it inserted (100k deadlines and their notifications, for one), which
    leaves dead rows behind; where autovacuum is off (the bench server) they would pile up run after
    run and slow the index scans of the next. Outside any transaction (VACUUM refuses one).
    """
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def _counts(counts: dict) -> str:
    return ", ".join(f"{n:,} {label.rsplit('.', 1)[-1]}" for label, n in counts.items())


class _Indented:
    """A stdout for the seeders: their progress lines, indented under the bench's own."""

    def __init__(self, log):
        self.log = log

    def write(self, msg="", *args, **kwargs):
        for text in str(msg).splitlines():
            self.log(f"    {text}")


@dataclass
class DemoWorld:
    scale: int
    seeded: bool  # False: the database already held the demo data at this scale (reused)
    seconds: float  # the seeding time (0 when reused)
    counts: dict


@dataclass
class DeadlineWorld:
    units: list
    users: int
    deadlines: int  # open deadlines in the database (the seeded ones and any already there)
    seconds: float


class World:
    def __init__(self, *, scale: int, repeats: int, today: date, log=print):
        self.scale = scale
        self.repeats = repeats
        self.today = today
        self.log = log
        self.rng = random.Random(20260306)
        self._deadlines: DeadlineWorld | None = None
        self._demo: DemoWorld | None = None

    def demo(self) -> DemoWorld:
        """`seed_demo --scale N`, committed: seeded once per database, reused by later runs.

        "Already there" means the demo user `fuyi` exists and every app whose demo seeder is listed
        in `core.registry.seeders()` holds at least its base volume × scale (`DEMO_TARGETS` below); then
        nothing is written. Otherwise every seeder runs, each in its own committed transaction
        exactly as `manage.py seed_demo --scale N` does (they are idempotent: they add only what is
        missing). Either way the database is then VACUUMed and ANALYZEd (`_vacuum`). To reseed from
        scratch, drop and recreate the database, migrate, and run the bench again.
        """
        if self._demo is None:
            self._demo = self._seed_demo()
        return self._demo

    @property
    def demo_seeding(self) -> DemoWorld | None:
        """The demo data's seeding, if a figure asked for it (`demo()`); None otherwise."""
        return self._demo

    def _demo_counts(self) -> dict:
        from django.apps import apps

        return {label: apps.get_model(label).objects.count() for label in DEMO_TARGETS}

    def _seed_demo(self) -> DemoWorld:
        from accounts.models import User
        from core.registry import seeders
        from core.workflow import composed

        if connection.in_atomic_block:
            raise RuntimeError("World.demo() commits: call it before the run's transaction (a `prepare`).")
        counts = self._demo_counts()
        if User.objects.filter(username="fuyi").exists() and all(
            counts[label] >= base * self.scale for label, base in DEMO_TARGETS.items()
        ):
            _vacuum()
            self.log(f"  demo data at scale {self.scale} already in the database, reused: {_counts(counts)}")
            return DemoWorld(scale=self.scale, seeded=False, seconds=0.0, counts=counts)

        started = time.perf_counter()
        for seeder in seeders():
            self.log(f"  seeding {seeder.name} (scale {self.scale})…")
            with composed():  # the seeder's services join its transaction (core.workflow)
                seeder.func(self.scale, _Indented(self.log))
        seconds = time.perf_counter() - started
        _vacuum()
        counts = self._demo_counts()
        self.log(f"  seeded the demo data at scale {self.scale} in {seconds:.0f} s: {_counts(counts)}")
        return DemoWorld(scale=self.scale, seeded=True, seconds=seconds, counts=counts)

    def deadlines(self) -> DeadlineWorld:
        """A throwaway unit tree, USERS_PER_SCALE×scale users and DEADLINES_PER_SCALE×scale deadlines.

        Due dates spread from 30 days before `today` to 120 days after (so every reminder stage has
        candidates and about a fifth are overdue), 1–2 responsible users each, one leader per unit,
        5% suspended.
        """
        if self._deadlines is None:
            self._deadlines = self._seed_deadlines()
        return self._deadlines

    def _seed_deadlines(self) -> DeadlineWorld:
        from django.contrib.auth.hashers import make_password
        from django.contrib.contenttypes.models import ContentType

        from accounts.choices import UnitKind
        from accounts.models import OrgUnit, User
        from deadlines.models import Deadline

        started = time.perf_counter()
        token = uuid.uuid4().hex[:8]
        root = OrgUnit(name="基准测试政府", short_code=f"bench-{token}", kind=UnitKind.GOVERNMENT)
        root.save()
        units = []
        for i in range(UNITS):
            unit = OrgUnit(
                name=f"基准测试单位{i:02d}",
                short_code=f"bench-{token}-{i:02d}",
                kind=UnitKind.JUSTICE if i % 3 == 0 else UnitKind.AGENCY,
                parent=root,
            )
            unit.save()
            units.append(unit)

        n_users = USERS_PER_SCALE * self.scale
        unusable = make_password(None)
        users = User.objects.bulk_create(
            (
                User(
                    username=f"bench-{token}-{i}",
                    real_name=f"基准用户{i}",
                    email=f"bench{i}@bench.invalid",
                    password=unusable,  # these users never log in
                    unit=units[i % UNITS],
                    is_unit_leader=i < UNITS,  # one leader per unit
                )
                for i in range(n_users)
            ),
            batch_size=BATCH,
        )

        n = DEADLINES_PER_SCALE * self.scale
        ct = ContentType.objects.get_for_model(OrgUnit)
        rules = [
            "recon.decision",
            "recon.acceptance_review",
            "lit.defense",
            "enf.penalty_decision",
            "med.court_entrusted",
        ]
        rng = self.rng
        made = 0
        through = Deadline.responsible.through
        while made < n:
            size = min(BATCH, n - made)
            batch = []
            for i in range(made, made + size):
                due = self.today + timedelta(days=rng.randint(-30, 120))
                batch.append(
                    Deadline(
                        content_type=ct,
                        object_id=root.pk,
                        org_unit=units[i % UNITS],
                        rule_code=rng.choice(rules),
                        subject=f"基准〔2026〕{i}号 复议决定期限",
                        trigger_date=due - timedelta(days=60),
                        raw_end=due,
                        due_date=due,
                        trace=["基准测试数据"],
                        is_suspended=rng.random() < 0.05,
                    )
                )
            Deadline.objects.bulk_create(batch, batch_size=BATCH)
            links = []
            for d in batch:
                for user in rng.sample(users, rng.choice((1, 1, 2))):
                    links.append(through(deadline_id=d.pk, user_id=user.pk))
            through.objects.bulk_create(links, batch_size=BATCH)
            made += size
        with connection.cursor() as cursor:
            # Fresh statistics so the planner sees 100k rows, as it would in production.
            for model in (Deadline, through, User, OrgUnit):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
            from deadlines.models import Notification

            cursor.execute(f"ANALYZE {connection.ops.quote_name(Notification._meta.db_table)}")
        world = DeadlineWorld(
            units=units,
            users=n_users,
            deadlines=Deadline.objects.open().count(),
            seconds=time.perf_counter() - started,
        )
        self.log(
            f"  seeded {n:,} deadlines, {n_users:,} users, {UNITS} units in {world.seconds:.1f} s "
            f"({world.deadlines:,} open deadlines in the database)"
        )
        return world
