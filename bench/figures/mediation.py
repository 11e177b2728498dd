"""Mediation pages (多元化解): the case list (default and filtered), the statistics page and the case
page, as `tiaojie_sfj` (the city justice bureau's mediation officer: every case, ~3,000 × scale) and
`tiaojie` (the city people's mediation committee: its own cases), against the `seed_demo --scale N`
demo data (`World.demo()`, seeded once and reused — see bench/figures/reconsideration.py).

Same-run references, timed request by request with the page:
- list: the same 25 rows (case, organisation; same jurisdiction and filter) by one raw SQL query, and
  Django's admin changelist of MediationCase as a superuser;
- statistics: one raw SQL GROUP BY counting the visible cases by status;
- case page: Django's admin change page of the same case as a superuser.
"""

from __future__ import annotations

from django.db import connection, reset_queries

from ..registry import Figure, benchmark, percentile
from ..world import World
from .reconsideration import _admin_client, _client, _get, _ms, _time_interleaved, _timed_calls

USERS = ("tiaojie_sfj", "tiaojie")
PAGE_SIZE = 25
LIST_BUDGET = 0.150
DETAIL_BUDGET = 0.100
STATS_BUDGET = 0.500  # statistics pages, docs/budgets.md
ADMIN_LIST_PATH = "/admin/mediation/mediationcase/"


def _users():
    from accounts.models import User

    users = {u.username: u for u in User.objects.filter(username__in=USERS).select_related("unit__parent")}
    missing = set(USERS) - set(users)
    if missing:
        raise RuntimeError(f"demo users {sorted(missing)} missing: the demo data was not seeded")
    return [users[name] for name in USERS]


def _visible(user) -> int:
    from mediation.models import MediationCase

    return MediationCase.objects.visible_to(user).count()


def _scope(user) -> tuple[str, list]:
    from accounts.jurisdiction import jurisdiction_path

    path = jurisdiction_path(user)
    return ("TRUE", []) if path is None else ("u.path LIKE %s", [f"{path}%"])


def _sql(user, select: str, tail: str, where: str = "", params=()):
    from accounts.models import OrgUnit
    from mediation.models import MediationCase

    scope, args = _scope(user)
    sql = (
        f"SELECT {select} FROM {MediationCase._meta.db_table} c "
        f"JOIN {OrgUnit._meta.db_table} u ON u.id = c.org_unit_id WHERE {scope} {where} {tail}"
    )
    args = args + list(params)

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            cursor.fetchall()

    return run


def _figure(world, label, user, samples, reference, ref_label, budget, note) -> Figure:
    figure = Figure(
        label=label,
        n=_visible(user),
        samples=samples,
        reference=reference,
        reference_label=ref_label,
        budget=budget,
        note=note,
    )
    world.log(f"  {label}: p95 {_ms(percentile(samples, 95))}")
    return figure


@benchmark("mediation.list", order=400)
def mediation_list(world) -> list[Figure]:
    """Mediation case list: default and filtered by type, as tiaojie_sfj and tiaojie."""
    from django.urls import reverse

    world.demo()
    n = max(20, world.repeats)
    admin_client = _admin_client()
    figures = []
    for user in _users():
        client = _client(user)
        for key, params, where, args in (
            ("list", {}, "", ()),
            ("filtered", {"mediation_type": "people"}, "AND c.mediation_type = %s", ("people",)),
        ):
            (samples, admin), queries, _size = _time_interleaved(
                [(client, reverse("mediation:index"), params), (admin_client, ADMIN_LIST_PATH, params)], n
            )
            raw = _timed_calls(
                _sql(
                    user,
                    "c.id, c.number, c.status, u.name",
                    f"ORDER BY c.received_on DESC, c.id DESC LIMIT {PAGE_SIZE}",
                    where,
                    args,
                ),
                n,
            )
            figures.append(
                _figure(
                    world,
                    f"mediation {key} ({user.username})",
                    user,
                    samples,
                    raw,
                    "raw SQL, same 25 rows",
                    LIST_BUDGET,
                    f"{queries} queries",
                )
            )
            figures.append(Figure(label=f"  ↳ admin changelist ({key})", n=figures[-1].n, samples=admin))
    return figures


@benchmark("mediation.statistics", order=410)
def mediation_statistics(world) -> list[Figure]:
    """Mediation statistics page (all years), as tiaojie_sfj and tiaojie."""
    from django.urls import reverse

    world.demo()
    n = max(20, world.repeats)
    figures = []
    for user in _users():
        client = _client(user)
        (samples,), queries, _size = _time_interleaved([(client, reverse("mediation:statistics"), {})], n)
        raw = _timed_calls(_sql(user, "c.status, COUNT(*)", "GROUP BY c.status"), n)
        figures.append(
            _figure(
                world,
                f"mediation statistics ({user.username})",
                user,
                samples,
                raw,
                "raw SQL GROUP BY status",
                STATS_BUDGET,
                f"{queries} queries",
            )
        )
    return figures


@benchmark("mediation.detail", order=420)
def mediation_detail(world) -> list[Figure]:
    """Mediation case page over 20 cases of the city committee, as tiaojie_sfj and tiaojie."""
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from mediation.models import MediationCase

    world.demo()
    users = _users()
    n = max(20, world.repeats)
    ids = list(MediationCase.objects.visible_to(users[1]).order_by("id").values_list("id", flat=True))
    pks = ids[:: max(1, len(ids) // n)][:n]
    admin_client = _admin_client()
    figures = []
    for user in users:
        client = _client(user)
        urls = [reverse("mediation:detail", kwargs={"pk": pk}) for pk in pks]
        admin_urls = [reverse("admin:mediation_mediationcase_change", args=[pk]) for pk in pks]
        _get(client, urls[0], {})
        _get(admin_client, admin_urls[0], {})
        reset_queries()  # a request resets the query log: start the capture from an empty one
        with CaptureQueriesContext(connection) as captured:
            _get(client, urls[-1], {})
        samples, admin = [], []
        for url, admin_url in zip(urls, admin_urls, strict=True):
            for target, who, path in ((samples, client, url), (admin, admin_client, admin_url)):
                (times,), _q, _s = _time_interleaved([(who, path, {})], 1)
                target.append(times[0])
        figures.append(
            _figure(
                world,
                f"mediation detail ({user.username})",
                user,
                samples,
                admin,
                "admin change page (superuser)",
                DETAIL_BUDGET,
                f"{len(pks)} cases, {len(captured.captured_queries)} queries on the last",
            )
        )
    return figures


for _func in (mediation_list, mediation_statistics, mediation_detail):
    _func.prepare = World.demo
