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

Two same-run page references beside the list (`list`, the default tab) and the case page, timed
request by request with the page, so that a slow or busy machine shows as slow references and not as
a slow application:
- "bare view": a Django view behind the same middleware, rendering the same 25 rows (the case page:
  the case's own fields) in a minimal template — what the page costs without its layout, filter bar,
  tabs and clocks;
- "admin": Django's admin changelist of ReconsiderationCase (the case page: its admin page) as a
  superuser — a generic page of the same rows. The list and the case page are never slower than it:
  the notes say whether the page's median was at most the admin's (`never slower than the admin`).

Budgets (docs/budgets.md): the list, the filtered list and the case page p95 ≤ 60 ms; the
即将到期 / 已超期 tabs p95 ≤ 150 ms; statistics p95 ≤ 500 ms.
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
LIST_BUDGET = 0.060  # the list and the filtered list
QUEUE_BUDGET = 0.150  # the 即将到期 / 已超期 tabs
STATS_BUDGET = 0.500
DETAIL_BUDGET = 0.060
PAGE_SIZE = 25
USERS = ("fuyi", "fuyi_qinzhou")
BARE_PREFIX = "__bench__/reconsideration/"
ADMIN_USERNAME = "bench_admin"  # a superuser made inside the rolled-back transaction
ADMIN_LIST_PATH = "/admin/reconsideration/reconsiderationcase/"
BARE_LIST_LABEL = "bare view, same rows, minimal template"
ADMIN_LIST_LABEL = "admin changelist (superuser)"
BARE_CASE_LABEL = "bare view, the case, minimal template"
ADMIN_CASE_LABEL = "admin page of the case (superuser)"


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
    bare: bool = False  # also time the bare-view list with the same params, request by request
    admin: bool = False  # also time the admin changelist, request by request


def _requests(world) -> int:
    return max(MIN_REQUESTS, world.repeats)


def _client(user):
    from django.test import Client

    logging.getLogger("axes").setLevel(logging.WARNING)  # one INFO line per force_login
    # WhiteNoise on a checkout without collectstatic: irrelevant to the pages' timing.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    client = Client(raise_request_exception=True)
    client.force_login(user, backend="accounts.backends.AccountsBackend")  # as a real sign-in
    return client


def _time_requests(client, path: str, params: dict, n: int) -> tuple[list[float], int, int]:
    """Wall times of `n` GETs (after WARMUP untimed ones), the queries of one, the response size."""
    samples, queries, size = _time_interleaved([(client, path, params)], n)
    return samples[0], queries, size


def _get(client, path: str, params: dict):
    response = client.get(path, params)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} {params} answered {response.status_code}, not 200")
    return response


def _time_interleaved(requests: list[tuple], n: int) -> tuple[list[list[float]], int, int]:
    """Wall times of `n` rounds of the (client, path, params) GETs, one of each per round, so a page
    and its references share the machine's moments; the queries and size of the first."""
    from django.test.utils import CaptureQueriesContext

    for client, path, params in requests:
        for _ in range(WARMUP):
            _get(client, path, params)
    client, path, params = requests[0]
    with CaptureQueriesContext(connection) as captured:
        response = _get(client, path, params)
    queries, size = len(captured.captured_queries), len(response.content)
    samples = [[] for _ in requests]
    for _ in range(n):
        for i, (client, path, params) in enumerate(requests):
            start = time.perf_counter()
            _get(client, path, params)
            samples[i].append(time.perf_counter() - start)
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


#: The minimal templates of the bare-view references: the same rows, no layout.
BARE_LIST_TEMPLATE = "".join(
    (
        '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>复议案件</title></head>',
        "<body><table>{% for case in cases %}<tr>",
        '<td><a href="/reconsideration/{{ case.pk }}/">{{ case.number }}</a>',
        "<div>{{ case.org_unit.name }}</div></td>",
        "<td>{{ case.respondent.name }}</td><td>{{ case.get_act_type_display }}</td>",
        '<td>{{ case.received_on|date:"Y-m-d" }}</td><td>{{ case.get_procedure_display }}</td>',
        '<td>{{ case.get_status_display }}</td><td>{{ case.handler.display_name|default:"" }}</td>',
        "</tr>{% endfor %}</table></body></html>",
    )
)
BARE_CASE_TEMPLATE = "".join(
    (
        '<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">',
        "<title>{{ case.number }}</title></head>",
        "<body><h1>{{ case.number }} {{ case.get_status_display }}</h1><dl>",
        "<dt>复议机关</dt><dd>{{ case.org_unit.name }}</dd>",
        "<dt>被申请人</dt><dd>{{ case.respondent.name }}</dd>",
        "<dt>行为类型</dt><dd>{{ case.get_act_type_display }}</dd>",
        "<dt>行为文号</dt><dd>{{ case.act_document_number }}</dd>",
        '<dt>收到日期</dt><dd>{{ case.received_on|date:"Y-m-d" }}</dd>',
        '<dt>受理日期</dt><dd>{{ case.accepted_on|date:"Y-m-d" }}</dd>',
        "<dt>程序</dt><dd>{{ case.get_procedure_display }}</dd>",
        '<dt>承办人</dt><dd>{{ case.handler.display_name|default:"" }}</dd>',
        "<dt>复议请求</dt><dd>{{ case.requests|linebreaksbr }}</dd></dl></body></html>",
    )
)


def _template(source: str):
    from django.template import engines

    return engines["django"].from_string(source)


def _bare_list_view(request):
    """The plain way of a list page: the visible cases, the list's filters, 25 rows in a minimal
    template (behind the same middleware)."""
    from django.http import HttpResponse

    from reconsideration.models import ReconsiderationCase

    qs = ReconsiderationCase.objects.visible_to(request.user).select_related(
        "org_unit", "respondent", "handler"
    )
    get = request.GET
    for param, lookup in (
        ("status", "status"),
        ("act_type", "act_type"),
        ("received_from", "received_on__gte"),
        ("received_to", "received_on__lte"),
    ):
        if get.get(param):
            qs = qs.filter(**{lookup: get[param]})
    cases = qs.order_by("-received_on", "-id")[:PAGE_SIZE]
    return HttpResponse(_template(BARE_LIST_TEMPLATE).render({"cases": cases}, request))


def _bare_case_view(request, pk):
    """The plain way of a case page: the visible case by pk in a minimal template."""
    from django.http import HttpResponse

    from reconsideration.models import ReconsiderationCase

    case = (
        ReconsiderationCase.objects.visible_to(request.user)
        .select_related("org_unit", "respondent", "handler")
        .get(pk=pk)
    )
    return HttpResponse(_template(BARE_CASE_TEMPLATE).render({"case": case}, request))


def _urlconf():
    """The project's URLs plus the bare views (so the references pass the same middleware)."""
    from django.conf import settings
    from django.urls import include, path

    module = types.ModuleType("bench_reconsideration_urls")
    module.urlpatterns = [
        path(f"{BARE_PREFIX}<int:pk>/", _bare_view),
        path(f"{BARE_PREFIX}list/", _bare_list_view),
        path(f"{BARE_PREFIX}page/<int:pk>/", _bare_case_view),
        path("", include(settings.ROOT_URLCONF)),
    ]
    return module


def _admin_client():
    """A superuser's client for Django's admin (made here, inside the rolled-back transaction), its
    session past the second factor as after a real sign-in."""
    from accounts.middleware import SECOND_FACTOR_OK
    from accounts.models import User

    admin = User.objects.filter(username=ADMIN_USERNAME).first() or User.objects.create_superuser(
        username=ADMIN_USERNAME, email="bench@example.invalid", password=None, real_name="bench"
    )
    client = _client(admin)
    session = client.session
    session[SECOND_FACTOR_OK] = True
    session.save()
    return client


class _AdminPageSize:
    """The admin changelist at the list's 25 rows a page (its own default is 100)."""

    def __enter__(self):
        from django.contrib import admin

        from reconsideration.models import ReconsiderationCase

        self.model_admin = admin.site._registry[ReconsiderationCase]
        self.saved = self.model_admin.list_per_page
        self.model_admin.list_per_page = PAGE_SIZE
        return self

    def __exit__(self, *exc):
        self.model_admin.list_per_page = self.saved


def _ms(value: float) -> str:
    return f"{value * 1000:.1f} ms"


def _compare(figure: Figure, references: dict[str, list[float]], admin_label: str) -> None:
    """Notes on `figure`: each page reference's median and the ratio to it; whether the page's
    median was at most the admin's (p95 of 20 requests on a shared machine is one outlier's time, so
    both p95 are printed beside it)."""
    import statistics

    parts = []
    for label, samples in references.items():
        median = statistics.median(samples)
        parts.append(f"{label} {_ms(median)} (×{figure.median / median:.1f})")
    admin = references.get(admin_label)
    if admin is not None:
        ok = figure.median <= statistics.median(admin)
        p95 = f"p95 {_ms(percentile(figure.samples, 95))} vs {_ms(percentile(admin, 95))}"
        parts.append(f"never slower than the admin: {'yes' if ok else 'NO'} ({p95})")
    figure.note += "; " + ", ".join(parts)


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
            bare=True,
            admin=True,
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
            bare=True,
        ),
        Page(
            "list 即将到期",
            index,
            {"queue": "soon"},
            QUEUE_BUDGET,
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
            QUEUE_BUDGET,
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


def _measure(world, user, pages: list[Page], visible: int, admin_client=None) -> list[Figure]:
    """One figure a page; after a page with `bare` / `admin`, the references' own rows (no budget),
    timed request by request with the page."""
    client = _client(user)
    n = _requests(world)
    figures = []
    for page in pages:
        references = {}
        if page.bare:
            references[BARE_LIST_LABEL] = (client, f"/{BARE_PREFIX}list/", page.params)
        if page.admin and admin_client is not None:
            references[ADMIN_LIST_LABEL] = (admin_client, ADMIN_LIST_PATH, {})
        samples, queries, size = _time_interleaved(
            [(client, page.path, page.params), *references.values()], n
        )
        figure = PageFigure(
            label=f"recon {page.key} ({user.username})",
            n=visible,
            samples=samples[0],
            reference=_timed_calls(page.reference, n),
            reference_label=page.reference_label,
            budget=page.budget,
            note=f"{n} requests, {queries} queries, {size / 1024:.0f} KiB",
        )
        figures.append(figure)
        world.log(f"  {figure.label}: p95 {_ms(percentile(figure.samples, 95))}, {queries} queries")
        if references:
            _compare(figure, dict(zip(references, samples[1:], strict=True)), ADMIN_LIST_LABEL)
            for label, ref_samples in zip(references, samples[1:], strict=True):
                figures.append(PageFigure(label=f"  ↳ {label} ({page.key})", n=visible, samples=ref_samples))
                world.log(f"  {figures[-1].label}: p95 {_ms(percentile(ref_samples, 95))}")
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
    from django.test.utils import override_settings
    from django.utils import timezone

    demo = world.demo()
    today = timezone.localdate()  # the pages' own today
    figures = []
    with override_settings(ROOT_URLCONF=_urlconf()), _AdminPageSize():
        admin_client = _admin_client()
        for user in _users():
            figures += _measure(world, user, _list_pages(user, today), _visible(user), admin_client)
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
        admin_client = _admin_client()
        admin_urls = [reverse("admin:reconsideration_reconsiderationcase_change", args=[pk]) for pk in pks]
        for user in users:
            client = _client(user)
            urls = [reverse("reconsideration:detail", kwargs={"pk": pk}) for pk in pks]
            bare = [f"/{BARE_PREFIX}{pk}/" for pk in pks]
            pages = [f"/{BARE_PREFIX}page/{pk}/" for pk in pks]
            for url, bare_url, page_url, admin_url in list(zip(urls, bare, pages, admin_urls, strict=True))[
                :WARMUP
            ]:
                _get(client, url, {})
                _get(client, bare_url, {})
                _get(client, page_url, {})
                _get(admin_client, admin_url, {})
            with CaptureQueriesContext(connection) as captured:
                client.get(urls[-1])
            queries = len(captured.captured_queries)  # now: every request clears the query log
            samples, reference, bare_pages, admin_pages = [], [], [], []
            for url, bare_url, page_url, admin_url in zip(urls, bare, pages, admin_urls, strict=True):
                for target, who, path in (
                    (samples, client, url),
                    (reference, client, bare_url),
                    (bare_pages, client, page_url),
                    (admin_pages, admin_client, admin_url),
                ):
                    start = time.perf_counter()
                    _get(who, path, {})
                    target.append(time.perf_counter() - start)
            figure = PageFigure(
                label=f"recon detail ({user.username})",
                n=_visible(user),
                samples=samples,
                reference=reference,
                reference_label="bare view, get(pk)",
                budget=DETAIL_BUDGET,
                note=f"{len(pks)} cases, {queries} queries on the last",
            )
            _compare(figure, {BARE_CASE_LABEL: bare_pages, ADMIN_CASE_LABEL: admin_pages}, ADMIN_CASE_LABEL)
            figures.append(figure)
            world.log(f"  {figure.label}: p95 {_ms(percentile(samples, 95))}")
            for label, ref in ((BARE_CASE_LABEL, bare_pages), (ADMIN_CASE_LABEL, admin_pages)):
                figures.append(PageFigure(label=f"  ↳ {label} (detail)", n=figure.n, samples=ref))
                world.log(f"  {figures[-1].label}: p95 {_ms(percentile(ref, 95))}")
    return figures


for _func in (reconsideration_list, reconsideration_statistics, reconsideration_detail):
    _func.prepare = World.demo
