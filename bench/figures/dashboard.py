"""The leaders' dashboard (数据看板, docs/indicators.md) as `leader` (the city: every county) and a
county leader (秦州区, created here if the demo has none), against the `seed_demo --scale N` demo data
(`World.demo()`, seeded once and reused — see bench/figures/reconsideration.py).

- cold: the page with the dashboard cache made stale before each request (`dashboard.cache.bump`),
  so every panel, trend and table is computed; beside it one raw SQL query computing the headline
  counts of the same period and jurisdiction (reconsideration applications, legality-review matters,
  enforcement cases, mediation cases, lawsuits, disputes) — the floor of any dashboard;
- warm: the same page from the cache (TTL 60 s); budget p95 ≤ 50 ms.
"""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from ..registry import Figure, benchmark, percentile, timed
from ..world import World
from .reconsideration import _client, _get, _ms

WARM_BUDGET = 0.050
COUNTY_LEADER = "leader_qinzhou"


def _leaders():
    from django.contrib.auth.models import Group

    from accounts.choices import Role, UnitKind
    from accounts.models import OrgUnit, User

    city = User.objects.get(username="leader")
    county = User.objects.filter(username=COUNTY_LEADER).first()
    if county is None:
        unit = OrgUnit.objects.filter(kind=UnitKind.GOVERNMENT, name__startswith="秦州区").first()
        county = User.objects.create_user(
            COUNTY_LEADER, password=None, unit=unit, real_name="秦州区领导", is_unit_leader=True
        )
        county.groups.set([Group.objects.get(name=str(Role.LEADER))])
    return [city, county]


def _raw_headline(user, start, end):
    """One SQL statement: the period's headline counts of every mechanism within the user's jurisdiction."""
    from accounts.jurisdiction import jurisdiction_path
    from decisions.models import LegalAffairsMatter
    from disputes.models import Dispute
    from enforcement.models import EnforcementCase
    from litigation.models import LitigationCase
    from mediation.models import MediationCase
    from reconsideration.models import ReconsiderationCase

    path = jurisdiction_path(user) or "/"
    parts, args = [], []
    for model, unit, day in (
        (ReconsiderationCase, "org_unit_id", "received_on"),
        (LegalAffairsMatter, "org_unit_id", "received_on"),
        (EnforcementCase, "org_unit_id", "filed_on"),
        (MediationCase, "org_unit_id", "received_on"),
        (LitigationCase, "org_unit_id", "complaint_received_on"),
        (Dispute, "respondent_id", "act_date"),
    ):
        parts.append(
            f"(SELECT COUNT(*) FROM {model._meta.db_table} t JOIN accounts_orgunit u ON u.id = t.{unit} "
            f"WHERE u.path LIKE %s AND t.{day} BETWEEN %s AND %s)"
        )
        args += [f"{path}%", start, end]
    sql = "SELECT " + ", ".join(parts)

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            cursor.fetchall()

    return run


@benchmark("dashboard.page", order=900)
def dashboard_page(world: World) -> list[Figure]:
    """Leaders' dashboard, this year: cold (cache stale) beside one raw SQL aggregate, and warm."""
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from dashboard.cache import bump

    world.demo()
    n = max(20, world.repeats)
    year = timezone.localdate().year
    params = {"period": "year", "year": str(year)}
    start, end = f"{year}-01-01", f"{year}-12-31"
    path = reverse("dashboard:index")
    figures = []
    for user in _leaders():
        client = _client(user)
        bump()
        with CaptureQueriesContext(connection) as captured:
            _get(client, path, params)
        queries = len(captured.captured_queries)
        cold = timed(lambda c=client: _get(c, path, params), n, setup=bump)
        raw = timed(_raw_headline(user, start, end), n)
        figures.append(
            Figure(
                label=f"dashboard cold ({user.username})",
                n=n,
                samples=cold,
                reference=raw,
                reference_label="raw SQL headline aggregate",
                note=f"{queries} queries cold",
            )
        )
        _get(client, path, params)
        with CaptureQueriesContext(connection) as captured:
            _get(client, path, params)
        warm = timed(lambda c=client: _get(c, path, params), n)
        figures.append(
            Figure(
                label=f"dashboard warm ({user.username})",
                n=n,
                samples=warm,
                budget=WARM_BUDGET,
                note=f"{len(captured.captured_queries)} queries warm",
            )
        )
        world.log(
            f"  dashboard {user.username}: cold p95 {_ms(percentile(cold, 95))}, "
            f"raw {_ms(percentile(raw, 95))}, warm p95 {_ms(percentile(warm, 95))}"
        )
    return figures


dashboard_page.prepare = World.demo
