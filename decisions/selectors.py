"""Every read of 重大行政决策 and 合法性审查: lists (the FilterSets applied here), the reviewers'
queues, the pages' data and the statistics — each starting from `visible_to(user)`, with the joins
that keep the query count constant (pinned in tests/decisions/test_views.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from deadlines.models import Deadline

from .choices import (
    OPEN_MATTER_STATUSES,
    PERM_CHANGE_MATTER,
    PERM_SIGN,
    PERM_VIEW,
    PERM_VIEW_MATTER,
    PREPARATION_STATUSES,
    Conclusion,
    MatterStatus,
)
from .filters import ConsultationFilter, DecisionFilter, MatterFilter
from .models import (
    AdvisorConsultation,
    DecisionEvent,
    LawStudySession,
    LegalAdvisor,
    LegalAffairsMatter,
    MajorDecision,
    MatterEvent,
    PostEvaluation,
    ReviewOpinion,
)

# --- major decisions -----------------------------------------------------------------------------------


def decision_list(*, user, filters=None):
    """The visible decisions, filtered by `DecisionFilter` (2 queries a page: count + rows)."""
    qs = MajorDecision.objects.visible_to(user).select_related("org_unit", "undertaking_unit")
    return DecisionFilter(filters or None, queryset=qs, user=user).qs


def decision_detail(*, user, pk):
    """One decision with every step record the checklist and the page read (a fixed number of
    queries whatever the number of records)."""
    reviews = LegalAffairsMatter.objects.prefetch_related(
        Prefetch("opinions", queryset=ReviewOpinion.objects.select_related("drafter", "signer")),
        "consultations",
    )
    return (
        MajorDecision.objects.visible_to(user)
        .select_related("org_unit", "undertaking_unit", "created_by")
        .prefetch_related(
            "participations",
            "expert_opinions",
            "risk_assessments",
            "discussions",
            "evaluations",
            Prefetch("consultations", queryset=AdvisorConsultation.objects.select_related("advisor")),
            Prefetch("reviews", queryset=reviews),
            Prefetch("events", queryset=_events(MajorDecision)),
        )
        .get(pk=pk)
    )


def _events(model):
    event_model = DecisionEvent if model is MajorDecision else MatterEvent
    return event_model.objects.select_related("actor").order_by("date", "created_at", "id")


def clocks_of(record):
    """The record's statutory clocks, with their derivations (deadlines.Deadline.trace)."""
    return list(
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        ).order_by("created_at", "id")
    )


# --- legality review ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    key: str
    label: str


QUEUES = (
    Queue("all", _("全部")),
    Queue("mine", _("待我审查")),
    Queue("to_sign", _("待签发")),
    Queue("open", _("办理中")),
)
QUEUES_BY_KEY = {q.key: q for q in QUEUES}


def _queue_q(user, key: str) -> Q:
    if key == "mine":
        return Q(
            reviewers=user, status__in=[s for s in OPEN_MATTER_STATUSES if s != MatterStatus.PENDING_SIGN]
        )
    if key == "to_sign":
        if not user.has_perm(PERM_SIGN):
            return Q(pk__in=[])
        own = ReviewOpinion.objects.filter(matter=OuterRef("pk"), signed_at__isnull=True, drafter=user)
        return Q(status=MatterStatus.PENDING_SIGN) & ~Q(Exists(own))
    if key == "open":
        return Q(status__in=OPEN_MATTER_STATUSES)
    return Q()


def matter_list(*, user, filters=None, queue: str = "all"):
    """The visible review requests of `queue`, filtered by `MatterFilter`."""
    qs = (
        LegalAffairsMatter.objects.visible_to(user)
        .filter(_queue_q(user, queue))
        .select_related("org_unit", "requesting_unit")
    )
    return MatterFilter(filters or None, queryset=qs, user=user).qs


def queue_counts(*, user) -> dict[str, int]:
    """待我审查 / 待签发 counts in one query (the workbench panel and the tabs)."""
    qs = LegalAffairsMatter.objects.visible_to(user)
    return qs.aggregate(
        mine=Count("pk", filter=_queue_q(user, "mine"), distinct=True),
        to_sign=Count("pk", filter=_queue_q(user, "to_sign"), distinct=True),
    )


def matter_detail(*, user, pk):
    return (
        LegalAffairsMatter.objects.visible_to(user)
        .select_related("org_unit", "requesting_unit", "decision", "created_by")
        .prefetch_related(
            "reviewers",
            Prefetch("opinions", queryset=ReviewOpinion.objects.select_related("drafter", "signer")),
            Prefetch("consultations", queryset=AdvisorConsultation.objects.select_related("advisor")),
            Prefetch("events", queryset=_events(LegalAffairsMatter)),
        )
        .get(pk=pk)
    )


def opinion_for_document(*, user, pk):
    return (
        ReviewOpinion.objects.visible_to(user)
        .select_related("matter", "matter__org_unit", "matter__requesting_unit", "drafter", "signer")
        .get(pk=pk, signed_at__isnull=False)
    )


# --- registers -----------------------------------------------------------------------------------------


def advisor_list(*, user):
    return (
        LegalAdvisor.objects.visible_to(user)
        .select_related("org_unit")
        .annotate(n=Count("consultations"))
        .order_by("name", "id")
    )


def consultation_list(*, user, filters=None):
    """法律顾问意见, newest first, with the adviser, the unit and the matter or decision each row
    names (one query a page); `filters` through `ConsultationFilter` (the dashboard's drill-down)."""
    qs = AdvisorConsultation.objects.visible_to(user).select_related(
        "advisor", "org_unit", "matter", "decision"
    )
    if filters:
        qs = ConsultationFilter(filters, queryset=qs, user=user).qs
    return qs.order_by("-consulted_on", "-id")


def evaluation_list(*, user, filters=None):
    """决策后评估; `filters` may carry the dashboard's drill-down (docs/indicators.md): `planned_from`,
    `planned_to` (ISO dates) and `within` (a unit id: its subtree). A value that is not valid is ignored."""
    qs = PostEvaluation.objects.visible_to(user).select_related("decision", "decision__org_unit")
    filters = filters or {}
    for key, lookup in (("planned_from", "planned_on__gte"), ("planned_to", "planned_on__lte")):
        try:
            day = date.fromisoformat(filters.get(key, ""))
        except (TypeError, ValueError):
            continue
        qs = qs.filter(**{lookup: day})
    unit = (
        OrgUnit.objects.visible_to(user).filter(pk=filters.get("within")).first()
        if str(filters.get("within", "")).isdigit()
        else None
    )
    if unit is not None:
        qs = qs.filter(decision__org_unit__path__startswith=unit.path)
    return qs


def study_list(*, user):
    return LawStudySession.objects.visible_to(user).select_related("org_unit")


# --- statistics ----------------------------------------------------------------------------------------


def statistics(*, user) -> dict:
    """Counts by status and kind, signed opinions by conclusion — aggregated in the database."""
    decisions = MajorDecision.objects.visible_to(user)
    matters = LegalAffairsMatter.objects.visible_to(user)
    opinions = ReviewOpinion.objects.visible_to(user).filter(signed_at__isnull=False)
    by_conclusion = dict(opinions.values_list("conclusion").annotate(n=Count("pk")).order_by())
    return {
        "decisions_by_status": list(decisions.values("status").annotate(n=Count("pk")).order_by("status")),
        "matters_by_kind": list(matters.values("kind").annotate(n=Count("pk")).order_by("kind")),
        "signed": sum(by_conclusion.values()),
        "by_conclusion": [(c.label, by_conclusion.get(c.value, 0)) for c in Conclusion],
        "consultations": AdvisorConsultation.objects.visible_to(user).count(),
        "evaluations": PostEvaluation.objects.visible_to(user).count(),
    }


# --- workbench -----------------------------------------------------------------------------------------


def workbench_panel(request) -> dict | None:
    """法律事务 panel: for 法制审核人员 the 待我审查 / 待签发 queues; for those who only read (领导) the
    decisions in preparation and the open reviews. None without either view permission."""
    user = request.user
    if not user.is_authenticated or not (user.has_perm(PERM_VIEW) or user.has_perm(PERM_VIEW_MATTER)):
        return None
    context = {"reviewer": user.has_perm(PERM_CHANGE_MATTER)}
    if context["reviewer"]:
        context.update(queue_counts(user=user))
        context["mine_rows"] = list(matter_list(user=user, queue="mine").order_by("due_on", "id")[:5])
    else:
        context["preparing"] = (
            MajorDecision.objects.visible_to(user).filter(status__in=PREPARATION_STATUSES).count()
        )
        context["open"] = (
            LegalAffairsMatter.objects.visible_to(user).filter(status__in=OPEN_MATTER_STATUSES).count()
        )
    return {"title": _("法律事务"), "template": "decisions/_workbench_panel.html", "context": context}
