"""Reads of supervision. Every list starts from `visible_to(user)`, applies its FilterSet here and
joins what its rows show, so the query count does not grow with the rows (pinned in
tests/supervision/test_selectors.py). The campaign report aggregates in the database."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Avg, Count, F, Max, Min, Prefetch, Q

from enforcement.models import EnforcementAgency, EnforcementCase

from .choices import CampaignKind, GuidingStatus
from .choices import Grade as G
from .filters import FileFilter, FilingFilter, GuidingFilter, NoticeFilter, SupervisorFilter
from .models import (
    DecisionFiling,
    FilingEvent,
    GuidingCase,
    Nomination,
    NoticeEvent,
    QualitySelection,
    ReviewCampaign,
    ReviewedFile,
    ScoreSheet,
    SpecialCampaign,
    SpecialSupervisor,
    SupervisionNotice,
)


def _filter(filterset, qs, filters):
    return filterset(filters or None, queryset=qs).qs if filters else qs


def filing_list(*, user, filters=None):
    qs = DecisionFiling.objects.visible_to(user).select_related("agency", "reviewer")
    return _filter(FilingFilter, qs, filters).order_by("-filed_on", "-id")


def filing_detail(*, user, pk):
    return (
        DecisionFiling.objects.visible_to(user)
        .select_related("agency", "case", "reviewer", "created_by")
        .prefetch_related(
            Prefetch("events", queryset=FilingEvent.objects.select_related("actor").order_by("date", "id"))
        )
        .get(pk=pk)
    )


def campaign_list(*, user, filters=None):
    return (
        ReviewCampaign.objects.visible_to(user)
        .select_related("rubric")
        .annotate(file_count=Count("files"))
        .order_by("-year", "-id")
    )


def _rate(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if whole else None


def campaign_report(*, campaign) -> list[dict]:
    """Per participating agency: files in scope (decided within the window; for a sample, at least
    the files the agency self-checked over the same window), reviewed, 评查面, 优秀率, 合格率 and
    不合格 — two aggregate queries (three for a sample) whatever the number of files."""
    agencies = list(campaign.agencies.order_by("name", "id").values("id", "name", "sector"))
    grades = {
        row["agency_id"]: row
        for row in ReviewedFile.objects.filter(campaign=campaign)
        .values("agency_id")
        .annotate(
            files=Count("id"),
            reviewed=Count("id", filter=~Q(grade=G.PENDING)),
            excellent=Count("id", filter=Q(grade=G.EXCELLENT)),
            passed=Count("id", filter=Q(grade__in=(G.EXCELLENT, G.PASS))),
            failed=Count("id", filter=Q(grade=G.FAIL)),
        )
        .order_by()
    }
    scope = dict(
        EnforcementCase.objects.filter(
            agency__in=[a["id"] for a in agencies],
            decided_on__gte=campaign.scope_start,
            decided_on__lte=campaign.scope_end,
        )
        .values("agency_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("agency_id", "n")
    )
    if campaign.kind == CampaignKind.SAMPLE:
        # a sample is drawn from the files the agencies checked themselves over the same window
        own = (
            ReviewedFile.objects.filter(
                campaign__kind=CampaignKind.SELF,
                campaign__scope_start=campaign.scope_start,
                campaign__scope_end=campaign.scope_end,
                agency__in=[a["id"] for a in agencies],
            )
            .values("agency_id")
            .annotate(n=Count("id"))
            .order_by()
            .values_list("agency_id", "n")
        )
        for agency_id, n in own:
            scope[agency_id] = max(scope.get(agency_id, 0), n)
    rows = []
    empty = {"files": 0, "reviewed": 0, "excellent": 0, "passed": 0, "failed": 0}
    for a in agencies:
        g = grades.get(a["id"], empty)
        in_scope = max(scope.get(a["id"], 0), g["files"])
        rows.append(
            {
                "agency_id": a["id"],
                "agency": a["name"],
                "in_scope": in_scope,
                **{k: g[k] for k in empty},
                "coverage": _rate(g["reviewed"], in_scope),
                "excellent_rate": _rate(g["excellent"], g["reviewed"]),
                "pass_rate": _rate(g["passed"], g["reviewed"]),
            }
        )
    return rows


def report_total(rows: list[dict]) -> dict:
    """The report's 合计 row: the sums and the rates computed from them."""
    keys = ("in_scope", "files", "reviewed", "excellent", "passed", "failed")
    t = {k: sum(r[k] for r in rows) for k in keys}
    t.update(
        coverage=_rate(t["reviewed"], t["in_scope"]),
        excellent_rate=_rate(t["excellent"], t["reviewed"]),
        pass_rate=_rate(t["passed"], t["reviewed"]),
    )
    return t


def file_list(*, user, campaign, filters=None):
    qs = ReviewedFile.objects.visible_to(user).filter(campaign=campaign).select_related("agency", "case")
    return _filter(FileFilter, qs, filters).order_by("agency_id", "file_number", "id")


def all_files(*, user, filters=None):
    """Every visible file of every campaign (the dashboard's drill-down lists them)."""
    qs = ReviewedFile.objects.visible_to(user).select_related("agency", "case", "campaign")
    return _filter(FileFilter, qs, filters).order_by("campaign_id", "agency_id", "file_number", "id")


def file_detail(*, user, pk):
    return (
        ReviewedFile.objects.visible_to(user)
        .select_related("agency__org_unit", "case", "campaign__rubric")
        .prefetch_related(
            Prefetch("sheets", queryset=ScoreSheet.objects.select_related("reviewer").order_by("id")),
            "campaign__rubric__items",
            Prefetch("notices", queryset=SupervisionNotice.objects.order_by("id")),
        )
        .get(pk=pk)
    )


def notice_list(*, user, filters=None):
    qs = SupervisionNotice.objects.visible_to(user).select_related("agency")
    return _filter(NoticeFilter, qs, filters).order_by("-issued_on", "-id")


def notice_detail(*, user, pk):
    return (
        SupervisionNotice.objects.visible_to(user)
        .select_related("agency", "reviewed_file", "filing", "follow_up_of", "created_by")
        .prefetch_related(
            Prefetch("events", queryset=NoticeEvent.objects.select_related("actor").order_by("date", "id")),
            Prefetch("follow_ups", queryset=SupervisionNotice.objects.order_by("id")),
        )
        .get(pk=pk)
    )


def guiding_list(*, user, filters=None):
    """The library: published cases are readable by every enforcement user; drafts only within the
    drafting bureau's jurisdiction."""
    qs = GuidingCase.objects.filter(
        Q(status=GuidingStatus.PUBLISHED) | Q(pk__in=GuidingCase.objects.visible_to(user).values("pk"))
    )
    return _filter(GuidingFilter, qs, filters).order_by("-published_on", "number", "id")


def supervisor_list(*, user, filters=None):
    qs = SpecialSupervisor.objects.visible_to(user).annotate(activity_count=Count("activities"))
    return _filter(SupervisorFilter, qs, filters).order_by("name", "id")


def agencies_for(user):
    return EnforcementAgency.objects.visible_to(user).order_by("name", "id")


def decided_major_cases(user):
    """The major decisions (处罚法第五十八条) an agency may file: decided, within the user's reach."""
    return (
        EnforcementCase.objects.visible_to(user)
        .filter(is_major=True, decided_on__isnull=False)
        .order_by("-decided_on", "-id")
    )


def disparity(*, user) -> list[dict]:
    """类案不同罚: per enforcement item (by name, the same matter across agencies), the penalties
    decided — how many, lowest, mean, highest — against the discretion benchmark each case applied:
    below its lower bound, within, above its upper bound, and those flagged outside it
    (`EnforcementCase.outside_benchmark`). One aggregate query."""

    return list(
        EnforcementCase.objects.visible_to(user)
        .filter(penalty_amount__isnull=False)
        .values("item__name")
        .annotate(
            n=Count("id"),
            low=Min("penalty_amount"),
            mean=Avg("penalty_amount"),
            high=Max("penalty_amount"),
            below=Count("id", filter=Q(penalty_amount__lt=F("benchmark__min_amount"))),
            above=Count("id", filter=Q(penalty_amount__gt=F("benchmark__max_amount"))),
            flagged=Count("id", filter=Q(outside_benchmark=True)),
            bench_low=Min("benchmark__min_amount"),
            bench_high=Max("benchmark__max_amount"),
        )
        .order_by("-flagged", "item__name")
    )


def disparity_outliers(*, user, item_name: str):
    """The cases of one item whose penalty lies outside the benchmark they applied, or flagged so."""

    return (
        EnforcementCase.objects.visible_to(user)
        .filter(item__name=item_name, penalty_amount__isnull=False)
        .filter(
            Q(outside_benchmark=True)
            | Q(penalty_amount__lt=F("benchmark__min_amount"))
            | Q(penalty_amount__gt=F("benchmark__max_amount"))
        )
        .select_related("agency", "benchmark")
        .order_by("-penalty_amount", "id")
    )


def selection_list(*, user, filters=None):
    """The selections the user organises, and every published one (its lists are public to all)."""

    visible = QualitySelection.objects.visible_to(user).values("pk")
    return (
        QualitySelection.objects.filter(Q(pk__in=visible) | Q(published_on__isnull=False))
        .annotate(nomination_count=Count("nominations"))
        .order_by("-year", "-id")
    )


def selection_nominations(*, user, selection):
    """Within the organiser's reach: every nomination; otherwise only the published lists."""

    qs = Nomination.objects.filter(selection=selection).select_related("file__agency", "file__campaign")
    if not QualitySelection.objects.visible_to(user).filter(pk=selection.pk).exists():
        qs = qs.filter(listed=True)
    return qs.annotate(score_count=Count("scores")).order_by("kind", "-mean_score", "id")


def special_list(*, user, filters=None):

    return (
        SpecialCampaign.objects.visible_to(user)
        .annotate(notice_count=Count("notices"))
        .order_by("-start_on", "-id")
    )
