"""Reconsideration pages (docs/budgets.md): the case list and its queues, the
statistics table and the case page, p95 over ≥ 20 requests each.

What is measured: whole requests through Django's test `Client` — the real middleware stack,
URL resolution, the view, its selectors and the real templates — logged in as `fuyi` (复议工作人员
of the city: sees every case, ~2,000 × scale) and as `fuyi_qinzhou` (秦州区: sees only that county's
cases), against the `seed_demo --scale N` demo data.

The demo data is seeded once per database and reused: `World.demo()` (the `prepare` of these
figures, run before the bench's rolled-back transaction) commits it, and a later run finds
≥ 2,000 × scale cases and the demo users already there and seeds nothing. To reseed, drop and
recreate the bench database (`DROP DATABASE bench_recon; CREATE DATABASE bench_recon`), migrate,
and run the bench again. The requests themselves run inside the rolled-back transaction, so the
access-log rows they write never stay. The pages use their own today (`timezone.localdate()`),
not `--today`: the demo data is seeded up to the day it is seeded.

Plain-way references, each the same work without the application around it:
- list pages: the same page of 25 rows (case, body, respondent, handler; the same filters and the
  same jurisdiction) fetched by one raw SQL query;
- statistics: one raw SQL GROUP BY counting the decisions of the period by outcome;
- case page: a bare view (behind the same middleware) fetching the row by pk and returning its number.

Budgets (docs/budgets.md): lists p95 ≤ 150 ms, statistics p95 ≤ 500 ms, case page p95 ≤ 100 ms.
"""

from __future__ import annotations

import logging
import time
import types
import warnings
from dataclasses import dataclass
from datetime import date

from django.db import connection

from ..registry import Figure, benchmark, percentile
from ..world import World

MIN_REQUESTS = 20
WARMUP = 2  # untimed requests first: the template cache, the content-type cache, the planner
LIST_BUDGET = 0.150
STATS_BUDGET = 0.500
DETAIL_BUDGET = 0.100
PAGE_SIZE = 25
USERS = ("fuyi", "fuyi_qinzhou")
BARE_PREFIX = "__bench__/reconsideration/"


# Page figures are plain figures: the registry checks every budget against the p95.
PageFigure = Figure


@dataclass
class Page:
    key: str  # short label in the table
    path: str
    params: dict
    budget: float
    reference: object  # () -> None, the plain way
    reference_label: str


def _requests(world) -> int:
    return max(MIN_REQUESTS, world.repeats)


def _client(user):
    from django.test import Client

    logging.getLogger("axes").setLevel(logging.WARNING)  # one INFO line per force_login
    # WhiteNoise on a checkout without collectstatic: irrelevant to the pages' timing.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    client = Client(raise_request_exception=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _time_requests(client, path: str, params: dict, n: int) -> tuple[list[float], int, int]:
    """Wall times of `n` GETs (after WARMUP untimed ones), the queries of one, the response size."""
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        response = client.get(path, params)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} {params} answered {response.status_code}, not 200")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    queries, size = len(captured.captured_queries), len(response.content)
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(path, params)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return samples, queries, size


def _timed_calls(func, n: int) -> list[float]:
    for _ in range(WARMUP):
        func()
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return samples


# --- the plain way -------------------------------------------------------------------------------------


def _tables():
    from accounts.models import OrgUnit, User
    from deadlines.models import Deadline
    from reconsideration.models import CaseDecision, ReconsiderationCase

    q = connection.ops.quote_name
    return types.SimpleNamespace(
        case=q(ReconsiderationCase._meta.db_table),
        decision=q(CaseDecision._meta.db_table),
        unit=q(OrgUnit._meta.db_table),
        user=q(User._meta.db_table),
        deadline=q(Deadline._meta.db_table),
    )


def _scope(user) -> tuple[str, list]:
    """The user's jurisdiction as SQL on the body `b` (what `visible_to` does)."""
    from accounts.jurisdiction import jurisdiction_path

    path = jurisdiction_path(user)
    if path is None:
        return "TRUE", []
    return "b.path LIKE %s", [f"{path}%"]


def _rows_sql(user, where: str = "", params: list | None = None):
    """One raw query for a page of list rows (case, body, respondent, handler), as the page shows."""
    t = _tables()
    scope, scope_params = _scope(user)
    sql = (
        f"SELECT c.id, c.number, c.status, c.procedure, c.act_type, c.received_on, c.accepted_on, "
        f"b.name, r.name, h.real_name "
        f"FROM {t.case} c JOIN {t.unit} b ON b.id = c.org_unit_id "
        f"JOIN {t.unit} r ON r.id = c.respondent_id LEFT JOIN {t.user} h ON h.id = c.handler_id "
        f"WHERE {scope} {where} ORDER BY c.received_on DESC, c.id DESC LIMIT {PAGE_SIZE}"
    )
    args = scope_params + list(params or [])

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            cursor.fetchall()

    return run


def _clock_exists(when: str) -> str:
    """EXISTS a running statutory clock of the case with `when` on its due date (the queues' test)."""
    from django.contrib.contenttypes.models import ContentType

    from reconsideration.models import ReconsiderationCase

    t = _tables()
    ct = ContentType.objects.get_for_model(ReconsiderationCase).pk
    return (
        f"EXISTS (SELECT 1 FROM {t.deadline} d WHERE d.content_type_id = {ct} AND d.object_id = c.id "
        f"AND d.status = 'open' AND NOT d.is_suspended AND {when})"
    )


def _outcomes_sql(user, start: date, end: date):
    t = _tables()
    scope, scope_params = _scope(user)
    sql = (
        f"SELECT d.outcome, count(*) FROM {t.decision} d JOIN {t.case} c ON c.id = d.case_id "
        f"JOIN {t.unit} b ON b.id = c.org_unit_id WHERE {scope} AND d.decided_on BETWEEN %s AND %s "
        f"GROUP BY d.outcome"
    )
    args = [*scope_params, start, end]

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, args)
            cursor.fetchall()

    return run


def _bare_view(request, pk):
    """The plain way of a case page: the row by pk, its number as the body."""
    from django.http import HttpResponse

    from reconsideration.models import ReconsiderationCase

    return HttpResponse(ReconsiderationCase.objects.get(pk=pk).number)


def _urlconf():
    """The project's URLs plus the bare view (so the reference passes the same middleware)."""
    from django.conf import settings
    from django.urls import include, path

    module = types.ModuleType("bench_reconsideration_urls")
    module.urlpatterns = [
        path(f"{BARE_PREFIX}<int:pk>/", _bare_view),
        path("", include(settings.ROOT_URLCONF)),
    ]
    return module


# --- the pages -------------------------------------------------------------------------------------------


def _list_pages(user, today: date) -> list[Page]:
    from django.urls import reverse

    from deadlines.calendar import add_workdays
    from disputes.choices import ActType
    from reconsideration.choices import ACTIVE_STATUSES, CaseStatus
    from reconsideration.selectors import SOON_WORKDAYS

    index = reverse("reconsideration:index")
    active = list(ACTIVE_STATUSES)
    in_active = f"AND c.status IN ({', '.join(['%s'] * len(active))})"
    soon_limit = add_workdays(today, SOON_WORKDAYS)
    flt = {
        "status": CaseStatus.CLOSED,
        "act_type": ActType.PENALTY,
        "received_from": "2024-01-01",
        "received_to": "2025-06-30",
    }
    return [
        Page(
            "list",
            index,
            {},
            LIST_BUDGET,
            _rows_sql(user),
            "SQL page of rows",
        ),
        Page(
            "list ?status&act_type&received",
            index,
            flt,
            LIST_BUDGET,
            _rows_sql(
                user,
                "AND c.status = %s AND c.act_type = %s AND c.received_on BETWEEN %s AND %s",
                [flt["status"], flt["act_type"], date(2024, 1, 1), date(2025, 6, 30)],
            ),
            "SQL page of rows",
        ),
        Page(
            "list 即将到期",
            index,
            {"queue": "soon"},
            LIST_BUDGET,
            _rows_sql(
                user,
                f"{in_active} AND " + _clock_exists("d.due_date BETWEEN %s AND %s"),
                [*active, today, soon_limit],
            ),
            "SQL page of rows",
        ),
        Page(
            "list 已超期",
            index,
            {"queue": "overdue"},
            LIST_BUDGET,
            _rows_sql(user, f"{in_active} AND " + _clock_exists("d.due_date < %s"), [*active, today]),
            "SQL page of rows",
        ),
    ]


def _statistics_pages(user, today: date) -> list[Page]:
    from django.urls import reverse

    url = reverse("reconsideration:statistics")
    year = today.year - 1
    return [
        Page(
            f"statistics {year}",
            url,
            {"start": f"{year}-01-01", "end": f"{year}-12-31"},
            STATS_BUDGET,
            _outcomes_sql(user, date(year, 1, 1), date(year, 12, 31)),
            "SQL GROUP BY outcome",
        ),
        Page(
            "statistics 2021–2026",
            url,
            {"start": "2021-01-01", "end": "2026-12-31"},
            STATS_BUDGET,
            _outcomes_sql(user, date(2021, 1, 1), date(2026, 12, 31)),
            "SQL GROUP BY outcome",
        ),
    ]


def _measure(world, user, pages: list[Page], visible: int) -> list[Figure]:
    client = _client(user)
    n = _requests(world)
    figures = []
    for page in pages:
        samples, queries, size = _time_requests(client, page.path, page.params, n)
        figures.append(
            PageFigure(
                label=f"recon {page.key} ({user.username})",
                n=visible,
                samples=samples,
                reference=_timed_calls(page.reference, n),
                reference_label=page.reference_label,
                budget=page.budget,
                note=f"{n} requests, {queries} queries, {size / 1024:.0f} KiB",
            )
        )
        world.log(f"  {figures[-1].label}: p95 {percentile(samples, 95) * 1000:.1f} ms, {queries} queries")
    return figures


def _users():
    from accounts.models import User

    users = {u.username: u for u in User.objects.filter(username__in=USERS).select_related("unit__parent")}
    missing = set(USERS) - set(users)
    if missing:
        raise RuntimeError(f"demo users {sorted(missing)} missing: the demo data was not seeded")
    return [users[name] for name in USERS]


def _visible(user) -> int:
    from reconsideration.models import ReconsiderationCase

    return ReconsiderationCase.objects.visible_to(user).count()


@benchmark("recon.list", order=300)
def reconsideration_list(world) -> list[Figure]:
    """Reconsideration list: default tab, a filter, 即将到期 and 已超期, as fuyi and fuyi_qinzhou."""
    from django.utils import timezone

    demo = world.demo()
    today = timezone.localdate()  # the pages' own today
    figures = []
    for user in _users():
        figures += _measure(world, user, _list_pages(user, today), _visible(user))
    seeded = f"seeded in {demo.seconds:.0f} s" if demo.seeded else "reused from an earlier run"
    figures[0].note += f"; demo data at scale {demo.scale} {seeded}"
    return figures


@benchmark("recon.statistics", order=310)
def reconsideration_statistics(world) -> list[Figure]:
    """Reconsideration statistics table: last full year and 2021–2026, as fuyi and fuyi_qinzhou."""
    from django.utils import timezone

    world.demo()
    today = timezone.localdate()
    figures = []
    for user in _users():
        figures += _measure(world, user, _statistics_pages(user, today), _visible(user))
    return figures


@benchmark("recon.detail", order=320)
def reconsideration_detail(world) -> list[Figure]:
    """Reconsideration case page over 20 cases of 秦州区 (every stage), as fuyi and fuyi_qinzhou."""
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import reverse

    from reconsideration.models import ReconsiderationCase

    world.demo()
    users = _users()
    county = users[1]
    n = _requests(world)
    # Cases both users may open, spread over the county's whole history (ids ascend with the
    # seeding: the through-the-services cases first, then 2021 → today); the richest pages too.
    ids = list(ReconsiderationCase.objects.visible_to(county).order_by("id").values_list("id", flat=True))
    step = max(1, len(ids) // n)
    pks = ids[::step][:n]
    figures = []
    with override_settings(ROOT_URLCONF=_urlconf()):
        for user in users:
            client = _client(user)
            urls = [reverse("reconsideration:detail", kwargs={"pk": pk}) for pk in pks]
            bare = [f"/{BARE_PREFIX}{pk}/" for pk in pks]
            for url in urls[:WARMUP]:
                assert client.get(url).status_code == 200
            with CaptureQueriesContext(connection) as captured:
                client.get(urls[-1])
            queries = len(captured.captured_queries)  # now: every request clears the query log
            samples = []
            for url in urls:
                start = time.perf_counter()
                response = client.get(url)
                samples.append(time.perf_counter() - start)
                if response.status_code != 200:
                    raise RuntimeError(f"GET {url} answered {response.status_code}, not 200")
            for url in bare[:WARMUP]:
                client.get(url)
            reference = []
            for url in bare:
                start = time.perf_counter()
                client.get(url)
                reference.append(time.perf_counter() - start)
            figures.append(
                PageFigure(
                    label=f"recon detail ({user.username})",
                    n=_visible(user),
                    samples=samples,
                    reference=reference,
                    reference_label="bare view, get(pk)",
                    budget=DETAIL_BUDGET,
                    note=f"{len(pks)} cases, {queries} queries on the last",
                )
            )
            world.log(f"  {figures[-1].label}: p95 {percentile(samples, 95) * 1000:.1f} ms")
    return figures


for _func in (reconsideration_list, reconsideration_statistics, reconsideration_detail):
    _func.prepare = World.demo
