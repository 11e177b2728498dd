"""Enforcement pages and the Excel import (docs/budgets.md): the case list (default and filtered),
the officer and certificate registers, the case page over 20 cases, the statistics page, and the
import rate of a 2,000-row officer file — against the `seed_demo --scale N` demo data.

Pages are timed as whole requests through Django's test `Client` (middleware, view, selectors,
templates), logged in as `jiandu` (执法监督人员 of the city: sees every agency) and as `zhifa_scj`
(天水市市场监督管理局: sees its own agency). Plain-way references, timed request by request with the
page: the same 25 list rows fetched by one raw SQL query; the case row fetched by pk; the import's
rows written by one `bulk_create` without the checks.

Budgets: lists p95 ≤ 150 ms at scale 10 (PostgreSQL); the import ≥ 2,000 rows/s (the 2,000-row
file within 1 s p95).
"""

from __future__ import annotations

import io

from django.db import connection

from ..registry import Figure, benchmark
from ..world import World
from .reconsideration import _client, _time_interleaved, _timed_calls

LIST_BUDGET = 0.150
DETAIL_BUDGET = 0.150
STATS_BUDGET = 0.500
IMPORT_ROWS = 2000
IMPORT_BUDGET = 1.0  # 2,000 rows within a second: ≥ 2,000 rows/s
USERS = ("jiandu", "zhifa_scj")


def _n(world) -> int:
    return max(20, world.repeats)


def _raw_list(sql: str):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql)
            cursor.fetchall()

    return run


RAW_CASES = (
    "SELECT c.id, c.number, a.name, i.name, c.party_name, c.filed_on, c.penalty_amount, c.status "
    "FROM enforcement_enforcementcase c JOIN enforcement_enforcementagency a ON a.id = c.agency_id "
    "JOIN enforcement_enforcementitem i ON i.id = c.item_id ORDER BY c.filed_on DESC, c.id DESC LIMIT 25"
)


@benchmark("enf.list", order=400)
def enforcement_list(world) -> list[Figure]:
    """Enforcement lists: cases (default and filtered), officers, certificates, as jiandu and zhifa_scj."""
    from accounts.models import User

    figures = []
    pages = (
        ("cases", "/enforcement/", {}),
        ("cases filtered", "/enforcement/", {"status": "closed", "is_major": "true"}),
        ("officers", "/enforcement/officers/", {}),
        ("certificates", "/enforcement/certificates/", {}),
        ("agencies", "/enforcement/agencies/", {}),
    )
    for username in USERS:
        client = _client(User.objects.get(username=username))
        for key, path, params in pages:
            [samples], queries, size = _time_interleaved([(client, path, params)], _n(world))
            reference = _timed_calls(_raw_list(RAW_CASES), _n(world))
            figures.append(
                Figure(
                    label=f"enforcement {key} ({username})",
                    n=len(samples),
                    samples=samples,
                    reference=reference,
                    reference_label="raw SQL, 25 case rows",
                    budget=LIST_BUDGET,
                    note=f"{queries} queries, {size:,} bytes",
                )
            )
    return figures


enforcement_list.prepare = World.demo


@benchmark("enf.detail", order=410)
def enforcement_detail(world) -> list[Figure]:
    """Enforcement case page over 20 cases of every status, as jiandu."""
    from accounts.models import User
    from enforcement.models import EnforcementCase

    client = _client(User.objects.get(username="jiandu"))
    cases = list(EnforcementCase.objects.order_by("-id").values_list("pk", flat=True)[:20])
    samples, reference = [], []
    for pk in cases:
        [s], queries, size = _time_interleaved([(client, f"/enforcement/cases/{pk}/", {})], 1)
        samples += s
        reference += _timed_calls(lambda pk=pk: EnforcementCase.objects.get(pk=pk), 1)
    return [
        Figure(
            label="enforcement case page (jiandu)",
            n=len(samples),
            samples=samples,
            reference=reference,
            reference_label="the case row by pk",
            budget=DETAIL_BUDGET,
            note=f"{queries} queries, {size:,} bytes",
        )
    ]


enforcement_detail.prepare = World.demo


@benchmark("enf.statistics", order=420)
def enforcement_statistics(world) -> list[Figure]:
    """Enforcement statistics (持证率, 培训达标率, 公示及时率, 法制审核率, by sector) for two users."""
    from accounts.models import User

    figures = []
    for username in USERS:
        client = _client(User.objects.get(username=username))
        [samples], queries, _size = _time_interleaved([(client, "/enforcement/statistics/", {})], _n(world))
        figures.append(
            Figure(
                label=f"enforcement statistics ({username})",
                n=len(samples),
                samples=samples,
                budget=STATS_BUDGET,
                note=f"{queries} queries",
            )
        )
    return figures


enforcement_statistics.prepare = World.demo


def _officer_file(start: int) -> bytes:
    from openpyxl import Workbook

    from enforcement import imports

    wb = Workbook()
    ws = wb.active
    ws.append(list(imports.KINDS["officers"].headers))
    for i in range(IMPORT_ROWS):
        ws.append(["天水市市场监督管理局", f"导入{i}", f"63{start + i:016d}", "科员", "否"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@benchmark("enf.import", order=430)
def enforcement_import(world) -> list[Figure]:
    """Excel import of 2,000 officers (all-or-nothing, every row checked), as zhifa_scj."""
    from accounts.models import User
    from core.workflow import composed
    from enforcement import imports
    from enforcement.models import EnforcementAgency, Officer

    user = User.objects.get(username="zhifa_scj")
    agency = EnforcementAgency.objects.get(org_unit__short_code="tsscj")
    files = [_officer_file(10**6 * (k + 1)) for k in range(_n(world) + 2)]
    it = iter(files)

    def run():
        with composed():
            report = imports.import_records(actor=user, kind="officers", file=io.BytesIO(next(it)))
        assert report.created == IMPORT_ROWS, report.errors[:3]

    samples = _timed_calls(run, _n(world))
    counter = iter(range(10**9))

    def reference():
        base = 9 * 10**8 + next(counter) * IMPORT_ROWS
        Officer.objects.bulk_create(
            [Officer(agency=agency, name="参照", id_number=f"64{base + i:016d}") for i in range(IMPORT_ROWS)],
            batch_size=1000,
        )

    ref = _timed_calls(reference, _n(world))
    rate = IMPORT_ROWS / sorted(samples)[len(samples) // 2]
    return [
        Figure(
            label=f"enforcement import {IMPORT_ROWS:,} officers",
            n=len(samples),
            samples=samples,
            reference=ref,
            reference_label="bulk_create of the same rows, no checks",
            budget=IMPORT_BUDGET,
            note=f"{rate:,.0f} rows/s (median)",
        )
    ]


enforcement_import.prepare = World.demo
