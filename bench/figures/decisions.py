"""重大行政决策 and 合法性审查 pages: the decision list, the review list and its 待我审查 / 待签发
queues, the statistics page and the decision page, p95 over ≥ 20 requests each, logged in as `fzsh`
(法制审核人员 of the city: sees every decision and review) against the `seed_demo --scale N` data.

Same-run references beside each page (timed request by request with it, so a busy machine shows as
slow references and not as a slow application):
- lists: one raw SQL query fetching the same 25 rows (record, body, unit) in the same jurisdiction;
- the decision page and the lists: Django's admin page of the same record / changelist as a superuser;
- statistics: one raw SQL GROUP BY of the decisions by status.

Budget: every list p95 ≤ 150 ms at scale 10 (PostgreSQL); the decision page and statistics the same.
"""

from __future__ import annotations

from django.db import connection

from ..registry import Figure, benchmark, percentile
from ..world import World
from .reconsideration import (
    _admin_client,
    _AdminPageSize,
    _client,
    _requests,
    _time_interleaved,
    _timed_calls,
)

BUDGET = 0.150
PAGE_SIZE = 25
USER = "fzsh"


def _user():
    from accounts.models import User

    user = User.objects.filter(username=USER).select_related("unit__parent").first()
    if user is None:
        raise RuntimeError("demo user fzsh missing: the demo data was not seeded")
    return user


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _raw(model, user, columns: str, order: str):
    """One raw query for a page of rows of `model` in the user's jurisdiction (the plain way)."""
    from accounts.jurisdiction import jurisdiction_path
    from accounts.models import OrgUnit

    q = connection.ops.quote_name
    path = jurisdiction_path(user)
    sql = (
        f"SELECT {columns} FROM {q(model._meta.db_table)} r JOIN {q(OrgUnit._meta.db_table)} b "
        f"ON b.id = r.org_unit_id WHERE b.path LIKE %s ORDER BY {order} LIMIT {PAGE_SIZE}"
    )

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, [f"{path}%"])
            cursor.fetchall()

    return run


def _page(world, client, admin, label, path, params, admin_path, reference, n_rows) -> list[Figure]:
    n = _requests(world)
    requests = [(client, path, params), (admin, admin_path, {})]
    (samples, admin_samples), queries, _size = _time_interleaved(requests, n)
    figure = Figure(
        label=label,
        n=n_rows,
        samples=samples,
        reference=_timed_calls(reference, n),
        reference_label="raw SQL, same 25 rows",
        budget=BUDGET,
        note=f"{queries} queries",
    )
    world.log(f"  {label}: p95 {_ms(percentile(samples, 95))}")
    return [figure, Figure(label="  ↳ admin changelist (superuser)", n=n_rows, samples=admin_samples)]


@benchmark("dec.list", order=400)
def decisions_list(world) -> list[Figure]:
    """Decision list, review list, 待我审查 and 待签发, as fzsh."""
    from decisions.models import LegalAffairsMatter, MajorDecision

    world.demo()
    user = _user()
    client, admin = _client(user), _admin_client()
    decisions = MajorDecision.objects.visible_to(user).count()
    matters = LegalAffairsMatter.objects.visible_to(user).count()
    d_ref = _raw(
        MajorDecision, user, "r.id, r.number, r.title, r.status, b.name", "r.proposed_on DESC, r.id DESC"
    )
    m_ref = _raw(
        LegalAffairsMatter, user, "r.id, r.number, r.title, r.status, b.name", "r.received_on DESC, r.id DESC"
    )
    d_admin, m_admin = "/admin/decisions/majordecision/", "/admin/decisions/legalaffairsmatter/"
    figures = []
    with _AdminPageSize():
        figures += _page(
            world, client, admin, "dec list (fzsh)", "/decisions/", {}, d_admin, d_ref, decisions
        )
        for queue in ("all", "mine", "to_sign"):
            figures += _page(
                world,
                client,
                admin,
                f"dec reviews {queue} (fzsh)",
                "/decisions/reviews/",
                {"queue": queue},
                m_admin,
                m_ref,
                matters,
            )
    return figures


@benchmark("dec.statistics", order=410)
def decisions_statistics(world) -> list[Figure]:
    """Decision statistics page, as fzsh."""
    from decisions.models import MajorDecision

    world.demo()
    user = _user()
    client = _client(user)
    q = connection.ops.quote_name

    def reference():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT status, COUNT(*) FROM {q(MajorDecision._meta.db_table)} GROUP BY status")
            cursor.fetchall()

    n = _requests(world)
    (samples,), queries, _size = _time_interleaved([(client, "/decisions/statistics/", {})], n)
    world.log(f"  dec statistics (fzsh): p95 {_ms(percentile(samples, 95))}")
    return [
        Figure(
            label="dec statistics (fzsh)",
            n=MajorDecision.objects.visible_to(user).count(),
            samples=samples,
            reference=_timed_calls(reference, n),
            reference_label="raw SQL GROUP BY status",
            budget=BUDGET,
            note=f"{queries} queries",
        )
    ]


@benchmark("dec.detail", order=420)
def decisions_detail(world) -> list[Figure]:
    """Decision page over up to 20 decisions (every state), as fzsh."""
    import time

    from decisions.models import MajorDecision

    world.demo()
    user = _user()
    client, admin = _client(user), _admin_client()
    pks = list(MajorDecision.objects.visible_to(user).order_by("id").values_list("id", flat=True))[:20]
    n = _requests(world)
    samples, admin_samples = [], []
    for i in range(n):
        pk = pks[i % len(pks)]
        for target, path in (
            (samples, f"/decisions/{pk}/"),
            (admin_samples, f"/admin/decisions/majordecision/{pk}/change/"),
        ):
            c = client if target is samples else admin
            start = time.perf_counter()
            response = c.get(path)
            target.append(time.perf_counter() - start)
            if response.status_code != 200:
                raise RuntimeError(f"GET {path} answered {response.status_code}")
    world.log(f"  dec detail (fzsh): p95 {_ms(percentile(samples, 95))}")
    return [
        Figure(
            label="dec detail (fzsh)",
            n=len(pks),
            samples=samples,
            reference=admin_samples,
            reference_label="admin page of the decision (superuser)",
            budget=BUDGET,
        )
    ]


for _func in (decisions_list, decisions_statistics, decisions_detail):
    _func.prepare = World.demo
