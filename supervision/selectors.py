"""Reads of supervision. Every list starts from `visible_to(user)`, applies its FilterSet here and
joins what its rows show, so the query count does not grow with the rows (pinned in
tests/supervision/test_selectors.py). The campaign report aggregates in the database."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from enforcement.models import EnforcementAgency, EnforcementCase

from .choices import Grade as G
from .choices import GuidingStatus
from .filters import FileFilter, FilingFilter, GuidingFilter, NoticeFilter, SupervisorFilter
from .models import (
    DecisionFiling,
    FilingEvent,
    GuidingCase,
    NoticeEvent,
    ReviewCampaign,
    ReviewedFile,
    ScoreSheet,
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
    """Per participating agency: files in scope (decided within the window), reviewed, 评查面,
    优秀率, 合格率 and 不合格 — two aggregate queries whatever the number of files."""
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
    return _filter(FileFilter, qs, filters).order_by("agency", "file_number", "id")


def all_files(*, user, filters=None):
    """Every visible file of every campaign (the dashboard's drill-down lists them)."""
    qs = ReviewedFile.objects.visible_to(user).select_related("agency", "case", "campaign")
    return _filter(FileFilter, qs, filters).order_by("campaign", "agency", "file_number", "id")


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
