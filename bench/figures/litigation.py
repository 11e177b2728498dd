"""行政应诉 pages (docs/budgets.md): the case list (plain and filtered by an indicator set), the
statistics page (five indicators with last year's, and the per-agency table) and the case page,
p95 over ≥ 20 requests each, as `yingsu` (应诉工作人员 of the city: sees every lawsuit) against the
`seed_demo --scale N` data (≈ 1,500 × scale instances; reused like the reconsideration figures).

Same-run references, timed request by request with the page:
- list: one raw SQL query for the same 25 rows (case, agency, court) and Django's admin changelist
  of LitigationCase (superuser, 25 a page);
- statistics: one raw SQL GROUP BY counting this year's concluded and lost instances per agency;
- case page: the case's admin change page (superuser).
"""

from __future__ import annotations

import time

from django.db import connection

from ..registry import Figure, benchmark, percentile
from ..world import World
from .reconsideration import (
    WARMUP,
    _admin_client,
    _client,
    _get,
    _ms,
    _requests,
    _time_interleaved,
    _timed_calls,
)

LIST_BUDGET = 0.150
STATS_BUDGET = 0.500  # statistics pages, docs/budgets.md
DETAIL_BUDGET = 0.100
PAGE_SIZE = 25
ADMIN_LIST_PATH = "/admin/litigation/litigationcase/"


def _user():
    from accounts.models import User

    user = User.objects.filter(username="yingsu").select_related("unit__parent").first()
    if user is None:
        raise RuntimeError("demo user yingsu missing: the demo data was not seeded")
    return user


def _tables():
    from accounts.models import OrgUnit
    from litigation.models import LitigationCase

    q = connection.ops.quote_name
    return q(LitigationCase._meta.db_table), q(OrgUnit._meta.db_table)


def _rows_sql():
    case, unit = _tables()
    sql = (
        "SELECT c.id, c.number, c.court_case_number, c.status, c.outcome, c.complaint_received_on, "
        "a.name, k.name "
        f"FROM {case} c JOIN {unit} a ON a.id = c.org_unit_id JOIN {unit} k ON k.id = c.court_id "
        f"ORDER BY c.complaint_received_on DESC, c.id DESC LIMIT {PAGE_SIZE}"
    )

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.fetchall()

    return run


def _stats_sql(year: int):
    case, unit = _tables()
    sql = (
        f"SELECT a.name, COUNT(*), SUM(CASE WHEN c.agency_lost THEN 1 ELSE 0 END) "
        f"FROM {case} c JOIN {unit} a ON a.id = c.org_unit_id "
        f"WHERE c.served_on >= %s AND c.served_on < %s GROUP BY a.name"
    )

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, [f"{year}-01-01", f"{year + 1}-01-01"])
            cursor.fetchall()

    return run


class _AdminPageSize:
    def __enter__(self):
        from django.contrib import admin

        from litigation.models import LitigationCase

        self.model_admin = admin.site._registry[LitigationCase]
        self.saved, self.model_admin.list_per_page = self.model_admin.list_per_page, PAGE_SIZE

    def __exit__(self, *exc):
        self.model_admin.list_per_page = self.saved


def _page_figures(world, label, client, path, params, budget, sql, sql_label, admin=None) -> list[Figure]:
    n = _requests(world)
    requests = [(client, path, params)] + ([(admin, ADMIN_LIST_PATH, {})] if admin else [])
    samples, queries, size = _time_interleaved(requests, n)
    figure = Figure(
        label=label,
        n=n,
        samples=samples[0],
        reference=_timed_calls(sql, n),
        reference_label=sql_label,
        budget=budget,
        note=f"{queries} queries, {size // 1024} KiB",
    )
    figures = [figure]
    world.log(f"  {label}: p95 {_ms(percentile(samples[0], 95))}")
    if admin:
        ref = Figure(label=f"  ↳ admin changelist (superuser) ({label})", n=n, samples=samples[1])
        figure.note += (
            "; never slower than the admin" if figure.median <= ref.median else "; slower than the admin"
        )
        figures.append(ref)
    return figures


@benchmark("lit.list", order=400)
def litigation_list(world) -> list[Figure]:
    """Litigation list: default and filtered by an indicator set (this year's head attendance), as yingsu."""
    from django.utils import timezone

    world.demo()
    client, admin = _client(_user()), _admin_client()
    year = timezone.localdate().year
    figures = []
    with _AdminPageSize():
        figures += _page_figures(
            world, "lit list", client, "/litigation/", {}, LIST_BUDGET, _rows_sql(), "raw SQL, 25 rows", admin
        )
        figures += _page_figures(
            world,
            "lit list (indicator filter)",
            client,
            "/litigation/",
            {"indicator": "head_attended", "year": year},
            LIST_BUDGET,
            _rows_sql(),
            "raw SQL, 25 rows",
        )
    return figures


@benchmark("lit.statistics", order=410)
def litigation_statistics(world) -> list[Figure]:
    """Litigation statistics: five indicators with last year's and the per-agency table, as yingsu."""
    from django.utils import timezone

    world.demo()
    year = timezone.localdate().year
    return _page_figures(
        world, "lit statistics", _client(_user()), "/litigation/statistics/", {"year": year}, STATS_BUDGET,
        _stats_sql(year), "raw SQL GROUP BY agency",
    )  # fmt: skip


@benchmark("lit.detail", order=420)
def litigation_detail(world) -> list[Figure]:
    """Litigation case page over ≥ 20 instances spread over the history, as yingsu; admin page beside."""
    from django.urls import reverse

    from litigation.models import LitigationCase

    world.demo()
    n = _requests(world)
    ids = list(LitigationCase.objects.order_by("id").values_list("id", flat=True))
    pks = ids[:: max(1, len(ids) // n)][:n]
    client, admin = _client(_user()), _admin_client()
    urls = [reverse("litigation:detail", args=[pk]) for pk in pks]
    admin_urls = [reverse("admin:litigation_litigationcase_change", args=[pk]) for pk in pks]
    for url, admin_url in list(zip(urls, admin_urls, strict=True))[:WARMUP]:
        _get(client, url, {})
        _get(admin, admin_url, {})
    samples, reference = [], []
    for url, admin_url in zip(urls, admin_urls, strict=True):
        for target, who, path in ((samples, client, url), (reference, admin, admin_url)):
            start = time.perf_counter()
            _get(who, path, {})
            target.append(time.perf_counter() - start)
    world.log(f"  lit detail: p95 {_ms(percentile(samples, 95))}")
    return [
        Figure(
            label="lit detail",
            n=len(pks),
            samples=samples,
            reference=reference,
            reference_label="admin change page (superuser)",
            budget=DETAIL_BUDGET,
        )
    ]


for _func in (litigation_list, litigation_statistics, litigation_detail):
    _func.prepare = World.demo
