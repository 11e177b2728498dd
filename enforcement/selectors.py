"""Reads of administrative enforcement. Every list starts from `visible_to(user)`, applies its
FilterSet here and joins what its rows show, so the query count does not grow with the rows
(pinned in tests/enforcement/test_selectors.py)."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, FilteredRelation, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.indicators import rate
from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline
from disputes.timeline import TimelineEvent

from .choices import (
    ACTIVE_STATUSES,
    CaseStatus,
    CertificateKind,
    CertificateStatus,
    ReviewConclusion,
    Sector,
)
from .filters import AgencyFilter, CaseFilter, CertificateFilter, OfficerFilter
from .models import (
    CaseEvent,
    Certificate,
    CertificateEvent,
    EnforcementAgency,
    EnforcementCase,
    EnforcementItem,
    ExamResult,
    LegalReview,
    Officer,
    TrainingAttendance,
)
from .services import gates


def _filter(filterset, qs, filters):
    return filterset(filters or None, queryset=qs).qs if filters else qs


def case_list(*, user, filters=None):
    qs = EnforcementCase.objects.visible_to(user).select_related("agency", "item")
    queue = (filters or {}).get("queue")
    if queue == "review":
        qs = qs.filter(status=CaseStatus.LEGAL_REVIEW)
    elif queue == "active":
        qs = qs.filter(status__in=ACTIVE_STATUSES)
    if filters:
        qs = CaseFilter(filters, queryset=qs, user=user).qs
    return qs.order_by("-filed_on", "-id")


def case_detail(*, user, pk):
    return (
        EnforcementCase.objects.visible_to(user)
        .select_related("agency", "item", "benchmark", "created_by")
        .prefetch_related(
            Prefetch("investigators", queryset=Officer.objects.order_by("name")),
            Prefetch(
                "events",
                queryset=CaseEvent.objects.select_related("actor").order_by("date", "created_at", "id"),
            ),
            Prefetch("reviews", queryset=LegalReview.objects.select_related("reviewer").order_by("id")),
            "records",
        )
        .get(pk=pk)
    )


def case_clocks(case):
    return list(
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(case), object_id=case.pk
        ).order_by("created_at", "id")
    )


def review_queue(*, user):
    """待我审核: major decisions awaiting a legal review that `user` may give (not their own cases)."""
    qs = case_list(user=user, filters={"queue": "review"})
    officer = Officer.objects.filter(user=user).first()
    if officer is not None:
        qs = qs.exclude(investigators=officer)
    return qs


def officer_list(*, user, filters=None):
    valid = Certificate.objects.filter(
        officer=OuterRef("pk"), kind=CertificateKind.ENFORCEMENT, status=CertificateStatus.VALID
    )
    qs = Officer.objects.visible_to(user).select_related("agency").annotate(certified=Exists(valid))
    return _filter(OfficerFilter, qs, filters).order_by("agency__name", "name", "id")


def officer_detail(*, user, pk):
    return officer_detail_qs(user=user).get(pk=pk)


def officer_detail_qs(*, user):
    return (
        Officer.objects.visible_to(user)
        .select_related("agency")
        .prefetch_related(
            Prefetch("certificates", queryset=Certificate.objects.order_by("-applied_on", "-id")),
            Prefetch(
                "exam_results",
                queryset=ExamResult.objects.select_related("session").order_by("-session__held_on"),
            ),
            Prefetch(
                "attendances",
                queryset=TrainingAttendance.objects.select_related("course").order_by("-course__held_on"),
            ),
        )
    )


def certificate_list(*, user, filters=None):
    qs = Certificate.objects.visible_to(user).select_related("officer__agency")
    return _filter(CertificateFilter, qs, filters).order_by("-issued_on", "-id")


def certificate_detail_qs(*, user):
    return (
        Certificate.objects.visible_to(user)
        .select_related("officer__agency__org_unit", "renews")
        .prefetch_related(Prefetch("events", queryset=CertificateEvent.objects.select_related("actor")))
    )


def agency_list(*, user, filters=None):
    qs = EnforcementAgency.objects.visible_to(user).annotate(officer_count=Count("officers", distinct=True))
    return _filter(AgencyFilter, qs, filters).order_by("name", "id")


def agency_detail_qs(*, user):
    return EnforcementAgency.objects.visible_to(user).prefetch_related(
        Prefetch("items", queryset=EnforcementItem.objects.prefetch_related("benchmarks").order_by("code"))
    )


def statistics(*, user, year: int | None = None, today: date | None = None) -> dict:
    """The agency overview: 持证率, 培训达标率, 公示及时率, 法制审核率 and cases by sector — each an
    aggregate in the database (docs/law/enforcement.md), four queries whatever the rows: the
    officers on duty and trained, those certified, the cases by sector, the publicity clocks."""
    today = today or timezone.localdate()
    year = year or today.year
    officers = Officer.objects.visible_to(user).filter(status="on_duty")
    # 培训达标: the officers whose training hours of the year reach the target — the year's stored
    # row of each officer (OfficerTrainingHours, kept by the services), not the year's attendances
    # summed. Counted with the officers on duty in one pass: an outer join to the rows that reach
    # the target (at most one per officer and year, so no officer is counted twice).
    reached = FilteredRelation(
        "training_hours",
        condition=Q(training_hours__year=year, training_hours__hours__gte=gates.training_hours_target()),
    )
    counts = officers.annotate(reached=reached).aggregate(on_duty=Count("pk"), trained=Count("reached__id"))
    on_duty, trained = counts["on_duty"], counts["trained"]
    # Certified as a count of its own: a FILTER (WHERE EXISTS …) cannot become a semi-join, so at
    # scale 10 it is planned as 90k correlated probes; WHERE EXISTS is a hash semi-join.
    certified = officers.filter(
        Exists(Certificate.objects.filter(officer=OuterRef("pk")).valid_on(today))
    ).count()
    cases = EnforcementCase.objects.visible_to(user).filter(filed_on__year=year)
    major_decided = Q(is_major=True, decided_on__isnull=False)
    approved = LegalReview.objects.filter(
        conclusion__in=(ReviewConclusion.APPROVED, ReviewConclusion.APPROVED_WITH_CHANGES)
    ).values("case")
    by_sector = list(
        cases.order_by()
        .values("sector")
        .annotate(
            n=Count("pk"),
            outside=Count("pk", filter=Q(outside_benchmark=True)),
            major_decided=Count("pk", filter=major_decided),
            reviewed=Count("pk", filter=major_decided & Q(pk__in=approved)),
        )
        .order_by("-n", "sector")
    )
    totals = {key: sum(r[key] for r in by_sector) for key in ("n", "outside", "major_decided", "reviewed")}
    ct = ContentType.objects.get_for_model(EnforcementCase)
    publicity = Deadline.objects.filter(
        content_type=ct,
        object_id__in=cases.values("pk"),
        rule_code__in=("enf.publicity_penalty", "enf.publicity_other"),
    ).aggregate(
        closed=Count("pk", filter=Q(status__in=(DeadlineStatus.MET, DeadlineStatus.MISSED))),
        met=Count("pk", filter=Q(status=DeadlineStatus.MET)),
    )
    labels = dict(Sector.choices)
    return {
        "year": year,
        "on_duty": on_duty,
        "certified": certified,
        "certified_rate": rate(certified, on_duty),
        "trained": trained,
        "trained_rate": rate(trained, on_duty),
        "publicity_closed": publicity["closed"],
        "publicity_rate": rate(publicity["met"], publicity["closed"]),
        "major_decided": totals["major_decided"],
        "review_rate": rate(totals["reviewed"], totals["major_decided"]),
        "cases": totals["n"],
        "outside_benchmark": totals["outside"],
        "by_sector": [{"sector": labels.get(r["sector"], r["sector"]), "n": r["n"]} for r in by_sector],
    }


def dispute_timeline_events(dispute) -> list[TimelineEvent]:
    """A dispute opened from an enforcement case (origin = the case) starts with its filing and its
    decision on the dispute's path."""
    if dispute.origin_content_type_id != ContentType.objects.get_for_model(EnforcementCase).pk:
        return []
    case = EnforcementCase.objects.filter(pk=dispute.origin_object_id).select_related("agency").first()
    if case is None:
        return []
    mechanism = str(_("行政执法"))
    url = case.get_absolute_url()
    events = [
        TimelineEvent(
            date=case.filed_on,
            title=str(_("%(a)s立案") % {"a": case.agency.name}),
            detail=case.number,
            url=url,
            mechanism=mechanism,
        )
    ]
    if case.decided_on:
        events.append(
            TimelineEvent(
                date=case.decided_on,
                title=str(_("作出行政执法决定")),
                detail=case.decision_number,
                url=url,
                mechanism=mechanism,
            )
        )
    return events
