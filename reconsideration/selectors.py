"""Every read of administrative reconsideration: lists, queues, the case page, statistics.

Every function starts from `visible_to(user)` (a county's officers see only their county's cases) and
owns its select_related / prefetch / annotations, so a page costs the same few queries whatever the
number of rows. Rules live in `services`; the gates it exposes (`decision_blockers`,
`allowed_outcomes`, …) are re-exported here for the pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from accounts.jurisdiction import unit_in_jurisdiction
from accounts.roles import users_with_perm
from core.workflow import Transition

from . import deadlines as clocks
from .choices import (
    ACTIVE_STATUSES,
    INTAKE_STATUSES,
    PERM_APPROVE,
    PERM_CHANGE,
    WORKFLOW,
    CaseStatus,
    DecisionOutcome,
)
from .models import (
    CaseDecision,
    CaseEvent,
    CaseOpinion,
    CommitteeConsultation,
    CommitteeMeeting,
    ExpertConsultant,
    ExpertConsultation,
    Hearing,
    LinkageRecord,
    OpinionLetter,
    ReconsiderationCase,
)
from .services import (  # noqa: F401  (re-exported for the pages)
    acceptance_review_due,
    allowed_outcomes,
    approvers_of,
    can_approve,
    competent_body,
    decision_blockers,
    respondent_defaulted,
    respondent_reply_due,
    signers_of,
    simple_procedure_grounds,
)

#: 即将到期: due within this many working days (DESIGN.md §3 reminders; deadlines' amber rows).
SOON_WORKDAYS = 3


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _case_ct() -> ContentType:
    return ContentType.objects.get_for_model(ReconsiderationCase)


def _open_clocks(ct: ContentType):
    from deadlines.choices import DeadlineStatus
    from deadlines.models import Deadline

    return Deadline.objects.filter(content_type=ct, object_id=OuterRef("pk"), status=DeadlineStatus.OPEN)


def _running_clocks(ct: ContentType):
    """Open clocks that are not suspended (a suspended clock's due date is not a countdown)."""
    return _open_clocks(ct).filter(is_suspended=False)


def with_next_deadline(qs: QuerySet) -> QuerySet:
    """Annotate `next_due_on` and `next_due_rule`: the case's earliest running statutory clock."""
    ct = _case_ct()
    first = _running_clocks(ct).order_by("due_date", "id")
    return qs.annotate(
        next_due_on=Subquery(first.values("due_date")[:1]),
        next_due_rule=Subquery(first.values("rule_code")[:1]),
    )


def _list_queryset(user) -> QuerySet:
    return ReconsiderationCase.objects.visible_to(user).select_related(
        "org_unit", "dispute", "respondent", "handler"
    )


# =====================================================================================================
# Lists and queues
# =====================================================================================================


def case_list(*, user, filters: Mapping | None = None) -> QuerySet[ReconsiderationCase]:
    """案件列表 with filters, each row carrying its next statutory due date (no N+1).

    filters: status (value or list), procedure, handler (user or id), respondent (unit or id),
    body (unit or id), act_type, outcome, year, received_from, received_to, q (案号, 争议编号,
    申请人姓名或名称, 行政行为文号), overdue (bool), deemed (bool).
    """
    filters = dict(filters or {})
    qs = with_next_deadline(_list_queryset(user))
    status = filters.get("status")
    if status:
        qs = qs.filter(status__in=status if isinstance(status, list | tuple | set) else [status])
    for key, lookup in (
        ("procedure", "procedure"),
        ("handler", "handler"),
        ("respondent", "respondent"),
        ("body", "org_unit"),
        ("act_type", "act_type"),
        ("year", "year"),
        ("outcome", "decision__outcome"),
    ):
        value = filters.get(key)
        if value not in (None, ""):
            qs = qs.filter(**{lookup: value})
    if filters.get("received_from"):
        qs = qs.filter(received_on__gte=filters["received_from"])
    if filters.get("received_to"):
        qs = qs.filter(received_on__lte=filters["received_to"])
    if filters.get("deemed") is not None and filters.get("deemed") != "":
        qs = qs.filter(is_deemed_accepted=bool(filters["deemed"]))
    q = (filters.get("q") or "").strip()
    if q:
        from disputes.models import Party

        party = Party.objects.filter(dispute=OuterRef("dispute"), name__icontains=q)
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(dispute__number__icontains=q)
            | Q(act_document_number__icontains=q)
            | Exists(party)
        )
    if filters.get("overdue"):
        today = _today(filters.get("today"))
        qs = qs.filter(Exists(_running_clocks(_case_ct()).filter(due_date__lt=today)))
    return qs.order_by("-received_on", "-id")


def my_cases(*, user) -> QuerySet[ReconsiderationCase]:
    """我的案件: the active cases I handle, the nearest due date first."""
    return (
        with_next_deadline(_list_queryset(user))
        .filter(handler=user, status__in=ACTIVE_STATUSES)
        .order_by("next_due_on", "received_on", "id")
    )


def pending_review(*, user, today: date | None = None) -> list[ReconsiderationCase]:
    """待受理审查: applications before the acceptance decision, each with `review_due` (the running
    5-working-day review, 复议法第三十条), `correction_due` (the applicant's 10 working days while
    补正中) and `workdays_left` to the relevant one (negative when overdue: 视为受理 is due)."""
    from deadlines.calendar import count_workdays

    today = _today(today)
    ct = _case_ct()
    review = _open_clocks(ct).filter(rule_code=clocks.ACCEPTANCE_REVIEW).order_by("-id")
    correction = _open_clocks(ct).filter(rule_code=clocks.CORRECTION_REPLY).order_by("-id")
    rows = list(
        _list_queryset(user)
        .filter(status__in=INTAKE_STATUSES)
        .annotate(
            review_due=Subquery(review.values("due_date")[:1]),
            correction_due=Subquery(correction.values("due_date")[:1]),
        )
        .order_by("received_on", "id")
    )
    for case in rows:
        due = case.correction_due if case.status == CaseStatus.AWAITING_CORRECTION else case.review_due
        case.countdown_due = due
        case.workdays_left = count_workdays(today, due) if due else None
    rows.sort(key=lambda c: (c.countdown_due is None, c.countdown_due or date.max, c.pk))
    return rows


def due_soon(
    *, user, today: date | None = None, workdays: int = SOON_WORKDAYS
) -> QuerySet[ReconsiderationCase]:
    """即将到期: a running clock falls due between today and the 3rd working day from today."""
    from deadlines.calendar import add_workdays

    today = _today(today)
    limit = add_workdays(today, workdays)
    soon = _running_clocks(_case_ct()).filter(due_date__gte=today, due_date__lte=limit)
    return (
        with_next_deadline(_list_queryset(user))
        .filter(status__in=ACTIVE_STATUSES)
        .filter(Exists(soon))
        .order_by("next_due_on", "id")
    )


def overdue(*, user, today: date | None = None) -> QuerySet[ReconsiderationCase]:
    """已超期: a running clock's due date has passed."""
    today = _today(today)
    late = _running_clocks(_case_ct()).filter(due_date__lt=today)
    return (
        with_next_deadline(_list_queryset(user))
        .filter(status__in=ACTIVE_STATUSES)
        .filter(Exists(late))
        .order_by("next_due_on", "id")
    )


def pending_my_approval(*, user) -> QuerySet[ReconsiderationCase]:
    """待我审批: cases submitted for approval, for a 复议机构负责人 (approve permission)."""
    if not user.has_perm(PERM_APPROVE):
        return ReconsiderationCase.objects.none()
    return (
        with_next_deadline(_list_queryset(user))
        .filter(status=CaseStatus.PENDING_APPROVAL)
        .order_by("next_due_on", "id")
    )


def queue_counts(*, user, today: date | None = None) -> dict[str, int]:
    """Badge numbers for the queues (five COUNT queries)."""
    return {
        "mine": my_cases(user=user).count(),
        "pending_review": _list_queryset(user).filter(status__in=INTAKE_STATUSES).count(),
        "due_soon": due_soon(user=user, today=today).count(),
        "overdue": overdue(user=user, today=today).count(),
        "pending_approval": pending_my_approval(user=user).count(),
    }


# =====================================================================================================
# The case page
# =====================================================================================================


def case_detail(*, user, pk: int) -> ReconsiderationCase:
    """One case with everything its page shows, in a fixed number of queries; 404 outside the
    user's jurisdiction."""
    from disputes.models import Party

    # Only the rows the page and its documents read: each further join (the registrar, the
    # dispute's respondent) cost the 11-table query ~4 ms of planning at scale 10 (bench recon.detail).
    qs = (
        ReconsiderationCase.objects.visible_to(user)
        .select_related(
            "org_unit",
            "respondent",
            "handler",
            "forwarded_by",
            "dispute",
            "decision__signed_by",
        )
        .prefetch_related(
            Prefetch("dispute__parties", queryset=Party.objects.select_related("agent_for").order_by("id")),
            Prefetch(
                "events",
                queryset=CaseEvent.objects.select_related("actor").order_by("date", "created_at", "id"),
            ),
            Prefetch(
                "opinions", queryset=CaseOpinion.objects.select_related("author").order_by("created_at", "id")
            ),
            Prefetch(
                "hearings",
                queryset=Hearing.objects.select_related("presiding", "clerk").prefetch_related("officers"),
            ),
            "suspensions",
            "mediation_sessions",
            Prefetch(
                "committee_consultations",
                queryset=CommitteeConsultation.objects.select_related("meeting").order_by(
                    "meeting__date", "id"
                ),
            ),
            Prefetch("expert_consultations", queryset=ExpertConsultation.objects.select_related("expert")),
            Prefetch("opinion_letters", queryset=OpinionLetter.objects.select_related("agency")),
        )
    )
    try:
        return qs.get(pk=pk)
    except ReconsiderationCase.DoesNotExist as exc:
        raise Http404 from exc


def case_deadlines(case: ReconsiderationCase):
    """Every statutory clock of the case and of its opinion letters, with their events (for the
    deadlines panel: each due date with its derivation)."""
    from deadlines.models import Deadline, DeadlineEvent

    letter_ids = [letter.pk for letter in case.opinion_letters.all()]
    q = Q(content_type=_case_ct(), object_id=case.pk)
    if letter_ids:
        q |= Q(content_type=ContentType.objects.get_for_model(OpinionLetter), object_id__in=letter_ids)
    return (
        Deadline.objects.filter(q)
        .prefetch_related(
            Prefetch("events", queryset=DeadlineEvent.objects.select_related("actor", "approved_by"))
        )
        .order_by("created_at", "id")
    )


def available_transitions(case: ReconsiderationCase, user) -> list[Transition]:
    """The actions the UI may offer: transitions from the case's status that the user's permissions
    allow (automatic ones — 视为受理, 视为放弃 — are never offered). The service still checks the law."""
    return WORKFLOW.available(case, user)


def approvers(case: ReconsiderationCase) -> list:
    """复议机构负责人 who may sign or approve in this case (for the approver <select>)."""
    return approvers_of(case)


def signers(case: ReconsiderationCase) -> list:
    """Who may sign the decision (复议法第六十一条第一款): the body's leaders and the 复议机构负责人."""
    return signers_of(case)


def handlers(*, body) -> list:
    """Active users who may handle cases of `body` (复议工作人员 of the body's jurisdiction)."""
    active = get_user_model().objects.filter(is_active=True).select_related("unit__parent")
    users = users_with_perm(PERM_CHANGE, active).order_by("username")
    return [u for u in users if unit_in_jurisdiction(u, body)]


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


# =====================================================================================================
# Beat-task candidates (system-wide; no user)
# =====================================================================================================


def deemed_acceptance_candidates(*, today: date) -> list[int]:
    """Cases before acceptance whose running review clock ended before `today` (复议法第三十条第三款)."""
    expired = _running_clocks(_case_ct()).filter(rule_code=clocks.ACCEPTANCE_REVIEW, due_date__lt=today)
    return list(
        ReconsiderationCase.objects.filter(status__in=(CaseStatus.RECEIVED, CaseStatus.UNDER_REVIEW))
        .filter(Exists(expired))
        .order_by("id")
        .values_list("id", flat=True)
    )


def deemed_abandonment_candidates(*, today: date) -> list[int]:
    """Cases awaiting correction whose applicant's period ended before `today` (第三十一条第二款)."""
    expired = _open_clocks(_case_ct()).filter(rule_code=clocks.CORRECTION_REPLY, due_date__lt=today)
    return list(
        ReconsiderationCase.objects.filter(status=CaseStatus.AWAITING_CORRECTION)
        .filter(Exists(expired))
        .order_by("id")
        .values_list("id", flat=True)
    )


def suspension_limit_candidates(*, today: date) -> list[int]:
    """Suspended cases whose 60-day limit (第四十一条第一款第五项) has been reached."""
    reached = _open_clocks(_case_ct()).filter(rule_code=clocks.SUSPENSION_LIMIT, due_date__lte=today)
    return list(
        ReconsiderationCase.objects.filter(status=CaseStatus.SUSPENDED)
        .filter(Exists(reached))
        .order_by("id")
        .values_list("id", flat=True)
    )


# =====================================================================================================
# Statistics
# =====================================================================================================


def _rate(part: int, whole: int) -> Decimal | None:
    """Percentage with one decimal, None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass
class ReconsiderationStats:
    """行政复议统计 for one period and jurisdiction; every figure computed from the records."""

    start: date
    end: date
    received: int = 0
    accepted: int = 0
    deemed_accepted: int = 0
    not_accepted: int = 0
    abandoned: int = 0
    concluded: int = 0  # 审结: decisions, 调解书 and terminations
    directly_corrected: int = 0
    indirectly_corrected: int = 0
    mediated: int = 0
    settled: int = 0  # 和解后撤回 → 终止 (第七十四条)
    on_time: int = 0  # decision clock met
    late: int = 0  # decision clock missed
    by_outcome: list[dict] = field(default_factory=list)
    by_act_type: list[dict] = field(default_factory=list)
    by_respondent: list[dict] = field(default_factory=list)

    @property
    def correction_rate(self):
        """行政复议纠错率 (direct) = direct corrections ÷ concluded (DOMAIN.md §5)."""
        return _rate(self.directly_corrected, self.concluded)

    @property
    def indirect_correction_rate(self):
        return _rate(self.indirectly_corrected, self.concluded)

    @property
    def total_correction_rate(self):
        return _rate(self.directly_corrected + self.indirectly_corrected, self.concluded)

    @property
    def mediation_settlement_rate(self):
        """调解和解率 = (调解书 + settled-and-withdrawn) ÷ concluded."""
        return _rate(self.mediated + self.settled, self.concluded)

    @property
    def on_time_rate(self):
        """法定期限内办结率 = concluded by the decision clock (复议法第六十二条) ÷ concluded (DOMAIN.md §5).

        The denominator is every case concluded in the period: a case with no decision clock met in
        time (none recorded, or cancelled) is not shown to have been concluded within the period."""
        return _rate(self.on_time, self.concluded)


def _correction_counts():
    return {
        "concluded": Count("id"),
        "direct": Count("id", filter=Q(is_directly_corrected=True)),
        "indirect": Count("id", filter=Q(is_indirectly_corrected=True)),
    }


def statistics(
    *, user, start: date, end: date, body=None, include_lower: bool = False
) -> ReconsiderationStats:
    """行政复议统计表 for [start, end] within the user's jurisdiction — optionally one body (with
    `include_lower`, the bodies below it too). Received / accepted count by their dates; concluded
    figures by the decision date. Aggregated in the database (about ten queries whatever the volume).
    """
    from deadlines.choices import DeadlineStatus
    from deadlines.models import Deadline
    from disputes.choices import ActType

    cases = ReconsiderationCase.objects.visible_to(user)
    if body is not None:
        cases = (
            cases.filter(org_unit__path__startswith=body.path)
            if include_lower
            else cases.filter(org_unit=body)
        )
    stats = ReconsiderationStats(start=start, end=end)

    received = cases.filter(received_on__range=(start, end))
    stats.received = received.count()
    accepted = cases.filter(accepted_on__range=(start, end)).aggregate(
        n=Count("id"), deemed=Count("id", filter=Q(is_deemed_accepted=True))
    )
    stats.accepted, stats.deemed_accepted = accepted["n"], accepted["deemed"]
    stats.abandoned = cases.filter(
        concluded_on__range=(start, end), accepted_on__isnull=True, decision__isnull=True
    ).count()

    decisions = CaseDecision.objects.filter(case__in=cases, decided_on__range=(start, end))
    stats.not_accepted = decisions.filter(outcome=DecisionOutcome.NOT_ACCEPTED).count()
    concluded = decisions.exclude(outcome=DecisionOutcome.NOT_ACCEPTED)
    totals = concluded.aggregate(
        **_correction_counts(),
        mediated=Count("id", filter=Q(outcome=DecisionOutcome.MEDIATION)),
        settled=Count("id", filter=Q(outcome=DecisionOutcome.TERMINATION, is_settlement=True)),
    )
    stats.concluded = totals["concluded"]
    stats.directly_corrected = totals["direct"]
    stats.indirectly_corrected = totals["indirect"]
    stats.mediated = totals["mediated"]
    stats.settled = totals["settled"]

    labels = dict(DecisionOutcome.choices)
    stats.by_outcome = [
        {"outcome": row["outcome"], "label": labels.get(row["outcome"], row["outcome"]), "count": row["n"]}
        for row in decisions.values("outcome").annotate(n=Count("id")).order_by("-n", "outcome")
    ]

    act_labels = dict(ActType.choices)
    by_act: dict[str, dict] = {}
    for row in received.values("act_type").annotate(n=Count("id")):
        by_act.setdefault(row["act_type"], {"received": 0, "concluded": 0, "direct": 0, "indirect": 0})
        by_act[row["act_type"]]["received"] = row["n"]
    for row in concluded.values("case__act_type").annotate(**_correction_counts()):
        entry = by_act.setdefault(
            row["case__act_type"], {"received": 0, "concluded": 0, "direct": 0, "indirect": 0}
        )
        entry.update(concluded=row["concluded"], direct=row["direct"], indirect=row["indirect"])
    stats.by_act_type = sorted(
        (
            {
                "act_type": key,
                "label": act_labels.get(key, key),
                **values,
                "correction_rate": _rate(values["direct"], values["concluded"]),
            }
            for key, values in by_act.items()
        ),
        key=lambda r: (-r["received"], -r["concluded"], r["act_type"]),
    )

    by_resp: dict[int, dict] = {}
    for row in received.values("respondent", "respondent__name").annotate(n=Count("id")):
        by_resp[row["respondent"]] = {
            "respondent_id": row["respondent"],
            "name": row["respondent__name"],
            "received": row["n"],
            "concluded": 0,
            "direct": 0,
            "indirect": 0,
        }
    for row in concluded.values("case__respondent", "case__respondent__name").annotate(
        **_correction_counts()
    ):
        entry = by_resp.setdefault(
            row["case__respondent"],
            {"respondent_id": row["case__respondent"], "name": row["case__respondent__name"], "received": 0},
        )
        entry.update(concluded=row["concluded"], direct=row["direct"], indirect=row["indirect"])
    stats.by_respondent = sorted(
        ({**r, "correction_rate": _rate(r["direct"], r["concluded"])} for r in by_resp.values()),
        key=lambda r: (-r["received"], -r["concluded"], r["name"]),
    )

    clock_rows = (
        Deadline.objects.filter(
            content_type=_case_ct(),
            object_id__in=concluded.values("case_id"),
            rule_code__in=clocks.DECISION_RULES,
            status__in=(DeadlineStatus.MET, DeadlineStatus.MISSED),
        )
        .values("status")
        .annotate(n=Count("object_id", distinct=True))
    )
    for row in clock_rows:
        if row["status"] == DeadlineStatus.MET:
            stats.on_time = row["n"]
        else:
            stats.late = row["n"]
    return stats
