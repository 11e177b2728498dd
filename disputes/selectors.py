"""Every read of disputes: lists, the dispute page, and the 诉源 statistics."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from .choices import ActType, DisputeStatus, Sector
from .filters import DisputeFilter
from .models import Dispute, Party


def _parties_prefetch():
    return Prefetch("parties", queryset=Party.objects.select_related("agent_for").order_by("id"))


def dispute_list(*, user, filters=None):
    """Disputes in the user's jurisdiction, newest first, with respondent and parties loaded."""
    qs = Dispute.objects.visible_to(user).select_related("respondent").prefetch_related(_parties_prefetch())
    return DisputeFilter(filters or {}, queryset=qs, user=user).qs


#: How many disputes the picker of the registration page offers for one search.
PICKER_LIMIT = 20


def dispute_search(*, user, query: str) -> list[Dispute]:
    """Disputes in the user's jurisdiction whose number, respondent or party name holds `query`
    (the picker of "关联已登记的行政争议"), newest first; empty for an empty query."""
    query = (query or "").strip()[:50]
    if not query:
        return []
    matching = Dispute.objects.visible_to(user).filter(
        Q(number__icontains=query) | Q(respondent__name__icontains=query) | Q(parties__name__icontains=query)
    )
    ids = list(matching.order_by("-id").values_list("id", flat=True).distinct()[:PICKER_LIMIT])
    return list(Dispute.objects.filter(id__in=ids).select_related("respondent").order_by("-id"))


def dispute_detail(*, user, pk) -> Dispute:
    """One dispute for its page; 404 unless the user may open a record on it (disputes/scoping.py)."""
    qs = (
        Dispute.objects.visible_to(user)
        .select_related("respondent", "org_unit", "created_by", "origin_content_type")
        .prefetch_related(_parties_prefetch())
    )
    return get_object_or_404(qs, pk=pk)


def dispute_for_change(*, user, pk) -> Dispute:
    """One dispute to edit, add parties to or resolve; 404 unless the user handles a record on it."""
    qs = Dispute.objects.changeable_by(user).select_related("respondent", "org_unit")
    return get_object_or_404(qs.prefetch_related(_parties_prefetch()), pk=pk)


def party_detail(*, user, pk) -> Party:
    """One party, through its dispute; 404 unless the user may see the dispute."""
    return get_object_or_404(Party.objects.visible_to(user).select_related("dispute", "agent_for"), pk=pk)


def party_for_reveal(*, user, pk) -> Party:
    """One party whose full data the user may reveal: through a record the user handles; 404 otherwise."""
    return get_object_or_404(Party.objects.changeable_by(user).select_related("dispute", "agent_for"), pk=pk)


@dataclass(frozen=True)
class DisputeStats:
    total: int
    concluded: int
    substantive: int
    by_respondent: list[dict]
    by_act_type: list[dict]
    by_sector: list[dict]


def group_counts(qs, *fields):
    """Disputes grouped by `fields`: total, concluded and resolved in substance per group (one query)."""
    return list(
        qs.order_by()
        .values(*fields)
        .annotate(
            total=Count("id"),
            concluded=Count("id", filter=~Q(status=DisputeStatus.OPEN)),
            substantive=Count("id", filter=Q(resolved_substantively=True)),
        )
        .order_by("-total", *fields)
    )


def dispute_stats(*, user, filters=None) -> DisputeStats:
    """诉源 questions: which agencies and which kinds of act generate disputes, and how many were
    resolved in substance. Grouped in the database; the same filters as the list."""
    qs = DisputeFilter(filters or {}, queryset=Dispute.objects.visible_to(user), user=user).qs
    totals = qs.order_by().aggregate(
        total=Count("id"),
        concluded=Count("id", filter=~Q(status=DisputeStatus.OPEN)),
        substantive=Count("id", filter=Q(resolved_substantively=True)),
    )
    by_act_type = group_counts(qs, "act_type")
    for row in by_act_type:
        row["label"] = ActType(row["act_type"]).label
    by_sector = group_counts(qs, "sector")
    for row in by_sector:
        row["label"] = Sector(row["sector"]).label
    return DisputeStats(
        total=totals["total"],
        concluded=totals["concluded"],
        substantive=totals["substantive"],
        by_respondent=group_counts(qs, "respondent_id", "respondent__name"),
        by_act_type=by_act_type,
        by_sector=by_sector,
    )
