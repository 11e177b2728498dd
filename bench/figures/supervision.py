"""Supervision pages (docs/budgets.md) against the `seed_demo --scale N` demo data: the campaign
report of the 2022 self-check (50,400 × N files, aggregated in the database), the lists (filings, the
campaign's files, notices, guiding cases, supervisors) and the sampled-file and notice pages, as
`jiandu` (执法监督人员 of the city).

Pages are timed as whole requests through Django's test `Client`. Plain-way references, timed round
by round with the page: for the report, the same per-agency aggregate as one raw SQL query and
Django's admin changelist of the same files (a superuser); for the lists, 25 rows by one raw query.

Budgets: the report ≤ 1 s p95 at scale 10 (PostgreSQL); lists and pages p95 ≤ 150 ms.
"""

from __future__ import annotations

from django.db import connection

from ..registry import Figure, benchmark
from ..world import World
from .reconsideration import _admin_client, _AdminPageSize, _client, _time_interleaved, _timed_calls

REPORT_BUDGET = 1.0
LIST_BUDGET = 0.150


def _n(world) -> int:
    return max(20, world.repeats)


def _raw(sql: str, params=()):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


RAW_REPORT = (
    "SELECT f.agency_id, COUNT(*), "
    "SUM(CASE WHEN f.grade <> 'pending' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN f.grade = 'excellent' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN f.grade IN ('excellent', 'pass') THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN f.grade = 'fail' THEN 1 ELSE 0 END) "
    "FROM supervision_reviewedfile f WHERE f.campaign_id = %s GROUP BY f.agency_id"
)
RAW_FILINGS = (
    "SELECT f.id, f.decision_number, a.name, f.decided_on, f.due_on, f.filed_on, f.is_late, f.status "
    "FROM supervision_decisionfiling f JOIN enforcement_enforcementagency a ON a.id = f.agency_id "
    "ORDER BY f.filed_on DESC, f.id DESC LIMIT 25"
)


def _self_campaign():
    from supervision.choices import CampaignKind
    from supervision.models import ReviewCampaign

    return ReviewCampaign.objects.filter(kind=CampaignKind.SELF).order_by("-year", "id").first()


@benchmark("sup.report", order=450)
def supervision_report(world) -> list[Figure]:
    """Campaign report (per agency: 评查面, 优秀率, 合格率) of the self-check campaign, as jiandu."""
    from accounts.models import User
    from supervision.models import ReviewedFile

    campaign = _self_campaign()
    client, admin = _client(User.objects.get(username="jiandu")), _admin_client()
    files = ReviewedFile.objects.filter(campaign=campaign).count()
    path = f"/supervision/campaigns/{campaign.pk}/"
    admin_path = f"/admin/supervision/reviewedfile/?campaign__id__exact={campaign.pk}"
    with _AdminPageSize():
        (samples, admin_samples), queries, size = _time_interleaved(
            [(client, path, {}), (admin, admin_path, {})], _n(world)
        )
    return [
        Figure(
            label=f"sup campaign report ({files:,} files, jiandu)",
            n=len(samples),
            samples=samples,
            reference=_timed_calls(_raw(RAW_REPORT, [campaign.pk]), _n(world)),
            reference_label="raw SQL, the same aggregate",
            budget=REPORT_BUDGET,
            note=f"{queries} queries, {size:,} bytes",
        ),
        Figure(
            label="  ↳ admin changelist of the files (superuser)", n=len(admin_samples), samples=admin_samples
        ),
    ]


supervision_report.prepare = World.demo


@benchmark("sup.list", order=460)
def supervision_lists(world) -> list[Figure]:
    """Supervision lists as jiandu: filings, the campaign's files, notices, guiding cases, supervisors."""
    from accounts.models import User

    campaign = _self_campaign()
    client = _client(User.objects.get(username="jiandu"))
    pages = (
        ("filings", "/supervision/", {}),
        ("filings late", "/supervision/", {"is_late": "true"}),
        ("campaign files", f"/supervision/campaigns/{campaign.pk}/files/", {}),
        ("campaign files failed", f"/supervision/campaigns/{campaign.pk}/files/", {"result": "fail"}),
        ("notices", "/supervision/notices/", {}),
        ("guiding cases", "/supervision/guiding/", {}),
        ("supervisors", "/supervision/supervisors/", {}),
    )
    figures = []
    for key, path, params in pages:
        [samples], queries, size = _time_interleaved([(client, path, params)], _n(world))
        figures.append(
            Figure(
                label=f"sup {key} (jiandu)",
                n=len(samples),
                samples=samples,
                reference=_timed_calls(_raw(RAW_FILINGS), _n(world)),
                reference_label="raw SQL, 25 filing rows",
                budget=LIST_BUDGET,
                note=f"{queries} queries, {size:,} bytes",
            )
        )
    return figures


supervision_lists.prepare = World.demo


@benchmark("sup.detail", order=470)
def supervision_detail(world) -> list[Figure]:
    """A sampled file's page (its score sheets, the rubric) and a notice's page over 20 of each, as jiandu."""
    from accounts.models import User
    from supervision.models import ReviewedFile, SupervisionNotice

    client = _client(User.objects.get(username="jiandu"))
    figures = []
    for label, model, qs, path in (
        (
            "sampled file page",
            ReviewedFile,
            ReviewedFile.objects.filter(sampled=True),
            "/supervision/files/{}/",
        ),
        ("notice page", SupervisionNotice, SupervisionNotice.objects.all(), "/supervision/notices/{}/"),
    ):
        samples, reference, queries = [], [], 0
        for pk in qs.order_by("-id").values_list("pk", flat=True)[:20]:
            [s], queries, _size = _time_interleaved([(client, path.format(pk), {})], 1)
            samples += s
            reference += _timed_calls(lambda pk=pk, model=model: model.objects.get(pk=pk), 1)
        figures.append(
            Figure(
                label=f"sup {label} (jiandu)",
                n=len(samples),
                samples=samples,
                reference=reference,
                reference_label="the row by pk",
                budget=LIST_BUDGET,
                note=f"{queries} queries",
            )
        )
    return figures


supervision_detail.prepare = World.demo
