"""The committee's meetings, the expert register and the linkage records."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import (
    Prefetch,
    QuerySet,
)

from ..models import (
    CommitteeConsultation,
    CommitteeMeeting,
    ExpertConsultant,
    LinkageRecord,
    ReconsiderationCase,
)
from ..services import (
    COMMITTEE_STATUSES,
)

# =====================================================================================================
# Committee, experts, linkage
# =====================================================================================================


def expert_list(*, user, active_only: bool = True) -> QuerySet[ExpertConsultant]:
    qs = ExpertConsultant.objects.visible_to(user).select_related("org_unit")
    return qs.filter(is_active=True) if active_only else qs


def committee_meeting_list(*, user) -> QuerySet[CommitteeMeeting]:
    return (
        CommitteeMeeting.objects.visible_to(user)
        .select_related("org_unit", "chaired_by")
        .prefetch_related(
            "members",
            "experts",
            Prefetch("consultations", queryset=CommitteeConsultation.objects.select_related("case")),
        )
        .order_by("-date", "-id")
    )


def consultable_cases(*, user, meeting: CommitteeMeeting) -> QuerySet[ReconsiderationCase]:
    """The body's cases this meeting may still give its opinion on (复议法第五十二条: in the trial,
    accepted by the meeting's date, not yet consulted at it)."""
    return (
        ReconsiderationCase.objects.visible_to(user)
        .filter(
            org_unit=meeting.org_unit,
            status__in=COMMITTEE_STATUSES,
            accepted_on__lte=meeting.date,
        )
        .exclude(committee_consultations__meeting=meeting)
        .select_related("respondent")
        .order_by("-received_on", "-id")
    )


def linkage_list(*, user, filters: Mapping | None = None) -> QuerySet[LinkageRecord]:
    filters = dict(filters or {})
    qs = (
        LinkageRecord.objects.visible_to(user)
        .select_related("org_unit")
        .prefetch_related(
            "partners", Prefetch("related_cases", queryset=ReconsiderationCase.objects.only("id", "number"))
        )
    )
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("date_from"):
        qs = qs.filter(date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(date__lte=filters["date_to"])
    return qs.order_by("-date", "-id")
