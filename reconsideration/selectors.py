"""Every read of administrative reconsideration: lists and their queues (the case-list FilterSet is
applied here), the case page, the staff a form offers, statistics, the dispute timeline.

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
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.choices import UnitKind
from accounts.jurisdiction import jurisdiction_root, unit_in_jurisdiction
from accounts.roles import users_with_perm
from core.workflow import Transition
from deadlines.calendar import add_workdays, count_workdays
from deadlines.choices import DeadlineEventKind, DeadlineStatus
from deadlines.models import Deadline, DeadlineEvent
from deadlines.rules import get_rule
from deadlines.selectors import deadlines_for_record
from disputes.choices import ActType, PartyRole
from disputes.models import Party
from disputes.timeline import TimelineEvent

from . import deadlines as clocks
from .choices import (
    ACTIVE_STATUSES,
    CONCLUDED_STATUSES,
    INTAKE_STATUSES,
    PERM_APPROVE,
    PERM_CHANGE,
    WORKFLOW,
    ApprovalStatus,
    CaseStatus,
    CorrectionKind,
    DecisionOutcome,
    OpinionTier,
)
from .filters import CaseFilter, open_clocks, overdue_filter, running_clocks
from .models import (
    ApprovalRequest,
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
    COMMITTEE_STATUSES,
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

#: 即将到期: due within this many working days (the reminders of deadlines/reminders.py; amber rows).
SOON_WORKDAYS = 3


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _case_ct() -> ContentType:
    return ContentType.objects.get_for_model(ReconsiderationCase)


def with_next_deadline(qs: QuerySet) -> QuerySet:
    """Annotate `next_due_on` and `next_due_rule`: the case's earliest running statutory clock."""
    first = running_clocks().order_by("due_date", "id")
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
    """案件列表 filtered by the case-list FilterSet (`filters.CaseFilter`, the list page's filter bar),
    each row carrying its next statutory due date (no N+1).

    filters: the filter bar's values — q (案号, 争议编号, 申请人姓名或名称, 行政行为文号), number (案号),
    status, procedure, act_type, respondent, body, received_from, received_to — and, for callers,
    handler and overdue (with `today`). Invalid values are ignored.
    """
    qs = with_next_deadline(_list_queryset(user))
    if filters:
        qs = CaseFilter(filters, queryset=qs, user=user).qs
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
    today = _today(today)
    review = open_clocks().filter(rule_code=clocks.ACCEPTANCE_REVIEW).order_by("-id")
    correction = open_clocks().filter(rule_code=clocks.CORRECTION_REPLY).order_by("-id")
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
    today = _today(today)
    limit = add_workdays(today, workdays)
    soon = running_clocks().filter(due_date__gte=today, due_date__lte=limit)
    return (
        with_next_deadline(_list_queryset(user))
        .filter(status__in=ACTIVE_STATUSES)
        .filter(Exists(soon))
        .order_by("next_due_on", "id")
    )


def overdue(*, user, today: date | None = None) -> QuerySet[ReconsiderationCase]:
    """已超期: a running clock's due date has passed."""
    qs = with_next_deadline(_list_queryset(user)).filter(status__in=ACTIVE_STATUSES)
    return overdue_filter(qs, today).order_by("next_due_on", "id")


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
    """Badge numbers for the queues, in one query over the visible active cases (every queue is a
    part of them: INTAKE_STATUSES and PENDING_APPROVAL are active). Each count has its queue's filter
    (my_cases, pending_review, due_soon, overdue, pending_my_approval); the clocks are tested only
    for active cases, as the queues' own queries do — five queries were a fifth of the list page
    (bench recon.list)."""
    today = _today(today)
    # The cases with a running clock due soon / overdue, as uncorrelated id lists: PostgreSQL reads
    # each once and hashes it (a correlated EXISTS took the due-date index once a case: 20 ms).
    running = Deadline.objects.filter(content_type=_case_ct(), status=DeadlineStatus.OPEN, is_suspended=False)
    soon = running.filter(due_date__gte=today, due_date__lte=add_workdays(today, SOON_WORKDAYS))
    late = running.filter(due_date__lt=today)
    counts = (
        ReconsiderationCase.objects.visible_to(user)
        .filter(status__in=ACTIVE_STATUSES)
        .aggregate(
            mine=Count("pk", filter=Q(handler=user)),
            pending_review=Count("pk", filter=Q(status__in=INTAKE_STATUSES)),
            due_soon=Count("pk", filter=Q(pk__in=soon.values("object_id"))),
            overdue=Count("pk", filter=Q(pk__in=late.values("object_id"))),
            pending_approval=Count("pk", filter=Q(status=CaseStatus.PENDING_APPROVAL)),
        )
    )
    if not user.has_perm(PERM_APPROVE):
        counts["pending_approval"] = 0
    return counts


@dataclass(frozen=True)
class Queue:
    """A tab of the case list: its key (`?queue=`), label, icon and the text of an empty queue."""

    key: str
    label: str | Promise
    icon: str
    empty: str | Promise
    count_key: str = ""  # its badge in `queue_counts`


QUEUES: tuple[Queue, ...] = (
    Queue("all", gettext_lazy("全部案件"), "bi-list-ul", gettext_lazy("没有符合条件的案件。")),
    Queue(
        "mine", gettext_lazy("我的案件"), "bi-person-workspace", gettext_lazy("您没有在办的案件。"), "mine"
    ),
    Queue(
        "review",
        gettext_lazy("待受理审查"),
        "bi-inbox",
        gettext_lazy("没有待受理审查的申请。"),
        "pending_review",
    ),
    Queue(
        "soon",
        gettext_lazy("即将到期"),
        "bi-hourglass-split",
        gettext_lazy("没有3个工作日内到期的案件。"),
        "due_soon",
    ),
    Queue(
        "overdue",
        gettext_lazy("已超期"),
        "bi-exclamation-octagon",
        gettext_lazy("没有超期的案件。"),
        "overdue",
    ),
    Queue(
        "approval",
        gettext_lazy("待我审批"),
        "bi-pen",
        gettext_lazy("没有待您审批的案件。"),
        "pending_approval",
    ),
)
QUEUES_BY_KEY: dict[str, Queue] = {q.key: q for q in QUEUES}


def queues_for(user) -> list[Queue]:
    """The tabs `user` has: 待我审批 only for a 复议机构负责人 (approve permission)."""
    return [q for q in QUEUES if q.key != "approval" or user.has_perm(PERM_APPROVE)]


def _claimants_prefetch() -> Prefetch:
    return Prefetch(
        "dispute__parties",
        queryset=Party.objects.filter(role=PartyRole.CLAIMANT).order_by("id"),
        to_attr="claimants",
    )


def queue_rows(*, user, queue: str, filters: Mapping | None = None, today: date | None = None):
    """The rows of one queue tab, filtered by the case-list FilterSet like the full list: a
    queryset, or (待受理审查) a list with `countdown_due` and `workdays_left` on each case. Each
    row's dispute carries its applicants as `claimants`."""
    filters = {k: filters[k] for k in CaseFilter.base_filters if filters and filters.get(k) not in (None, "")}
    if queue == "review":
        rows = pending_review(user=user, today=today)
        if filters:
            keep = set(case_list(user=user, filters=filters).values_list("pk", flat=True))
            rows = [c for c in rows if c.pk in keep]
        _attach_claimants(rows)
        return rows
    if queue == "mine":
        qs = my_cases(user=user)
    elif queue == "soon":
        qs = due_soon(user=user, today=today)
    elif queue == "overdue":
        qs = overdue(user=user, today=today)
    elif queue == "approval":
        qs = pending_my_approval(user=user)
    else:
        qs = case_list(user=user)
    if filters:
        qs = CaseFilter(filters, queryset=qs, user=user).qs
    return qs.select_related("decision").prefetch_related(_claimants_prefetch())


#: The columns a row of the list page shows (templates/reconsideration/case_list.html, `decorate_rows`):
#: the page reads only these; the Excel export reads the whole rows.
PAGE_COLUMNS = (
    "number",
    "status",
    "act_type",
    "procedure",
    "received_on",
    "is_deemed_accepted",
    "org_unit__name",
    "respondent__name",
    "handler__real_name",
    "handler__username",
    "dispute__id",
)


def page_columns(rows):
    """`queue_rows` narrowed to what the list page shows: a case row is ~90 columns and five joined
    records, and building them was a fifth of the page (bench recon.list). A 待受理审查 list is kept."""
    if isinstance(rows, list):
        return rows
    return (
        rows.select_related(None)
        .select_related("org_unit", "respondent", "handler", "dispute")
        .only(*PAGE_COLUMNS)
    )


def _attach_claimants(rows: list) -> None:
    """`dispute.claimants` on each case of a list (one query for all of them)."""
    by_dispute: dict[int, list] = {}
    for party in Party.objects.filter(
        dispute_id__in={c.dispute_id for c in rows}, role=PartyRole.CLAIMANT
    ).order_by("id"):
        by_dispute.setdefault(party.dispute_id, []).append(party)
    for case in rows:
        case.dispute.claimants = by_dispute.get(case.dispute_id, [])


def decorate_rows(rows, today: date | None = None) -> list:
    """Row class and countdown for the list: overdue / soon by the next running clock."""
    today = _today(today)
    limit = add_workdays(today, SOON_WORKDAYS)
    out = []
    for case in rows:
        due = getattr(case, "countdown_due", None) or getattr(case, "next_due_on", None)
        rule = getattr(case, "next_due_rule", None)
        case.next_rule_label = get_rule(rule).label if rule else ""
        case.row_class = ""
        left = getattr(case, "workdays_left", None)
        case.workdays_overdue = -left if left is not None and left < 0 else 0
        if due is not None and case.status not in CONCLUDED_STATUSES:
            if due < today:
                case.row_class = "row-overdue"
            elif due <= limit:
                case.row_class = "row-soon"
        out.append(case)
    return out


# =====================================================================================================
# The case page
# =====================================================================================================


def _case_lists() -> dict[str, Prefetch]:
    """The case page's lists of records a case may have none of, by their related name."""
    return {
        "opinions": Prefetch(
            "opinions", queryset=CaseOpinion.objects.select_related("author").order_by("created_at", "id")
        ),
        "hearings": Prefetch(
            "hearings",
            queryset=Hearing.objects.select_related("presiding", "clerk").prefetch_related("officers"),
        ),
        "suspensions": Prefetch("suspensions"),
        "mediation_sessions": Prefetch("mediation_sessions"),
        "party_hearings": Prefetch("party_hearings"),
        "execution_stays": Prefetch("execution_stays"),
        "committee_consultations": Prefetch(
            "committee_consultations",
            queryset=CommitteeConsultation.objects.select_related("meeting").order_by("meeting__date", "id"),
        ),
        "expert_consultations": Prefetch(
            "expert_consultations", queryset=ExpertConsultation.objects.select_related("expert")
        ),
        "opinion_letters": Prefetch(
            "opinion_letters", queryset=OpinionLetter.objects.select_related("agency")
        ),
        "approval_requests": Prefetch(
            "approval_requests",
            queryset=ApprovalRequest.objects.select_related("submitted_by", "decided_by").order_by(
                "submitted_at", "id"
            ),
        ),
    }


def case_detail(*, user, pk: int) -> ReconsiderationCase:
    """One case with everything its page shows; 404 outside the user's jurisdiction.

    The case's own query also tells, by one EXISTS each, which of its lists (`_case_lists`: the
    hearings, suspensions, consultations …) hold any row; only those are fetched, and the empty ones
    are set empty without a query — most cases have no hearing, no suspension and no letter, and a
    query a list was a quarter of the page (bench recon.detail)."""
    # Only the rows the page and its documents read: each further join (the registrar, the
    # dispute's respondent) cost the 11-table query ~4 ms of planning at scale 10 (bench recon.detail).
    lists = _case_lists()
    has = {}
    for name in lists:
        relation = getattr(ReconsiderationCase, name).field
        has[f"has_{name}"] = Exists(relation.model.objects.filter(**{relation.name: OuterRef("pk")}))
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
        .annotate(**has)
    )
    try:
        case = qs.get(pk=pk)
    except ReconsiderationCase.DoesNotExist as exc:
        raise Http404 from exc
    prefetch_related_objects(
        [case],
        Prefetch("dispute__parties", queryset=Party.objects.select_related("agent_for").order_by("id")),
        Prefetch(
            "events", queryset=CaseEvent.objects.select_related("actor").order_by("date", "created_at", "id")
        ),
        *(prefetch for name, prefetch in lists.items() if getattr(case, f"has_{name}")),
    )
    for name in lists:
        if not getattr(case, f"has_{name}"):
            _set_empty(case, name)
    return case


def _set_empty(case: ReconsiderationCase, name: str) -> None:
    """`case.<name>.all()` is empty without a query: what `prefetch_related_objects` leaves for a
    prefetch that found no row, without its work (a Prefetch of `.none()` still builds and compiles
    the query before it finds it empty: ~1 ms a list, bench recon.detail)."""
    relation = getattr(ReconsiderationCase, name).rel
    empty = relation.related_model.objects.none()
    empty._result_cache, empty._prefetch_done = [], True  # as prefetch_one_level stores its rows
    if not hasattr(case, "_prefetched_objects_cache"):
        case._prefetched_objects_cache = {}
    case._prefetched_objects_cache[relation.cache_name] = empty


def case_deadlines(case: ReconsiderationCase):
    """Every statutory clock of the case and of its opinion letters, with their events (for the
    deadlines panel: each due date with its derivation)."""
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


def case_clocks(case: ReconsiderationCase) -> list[Deadline]:
    """The case's own clocks for its page, fetched once: the rows of its deadlines panel
    (`deadlines_for_record`, with their events) and, from them, its extension notices
    (`decision_extensions`) — two queries fewer than each asking on its own (bench recon.detail)."""
    return list(deadlines_for_record(case))


def decision_extensions(rows: list[Deadline]) -> list[DeadlineEvent]:
    """The extensions of the decision clock (events of kind `extend`) among the case's clocks `rows`,
    oldest first: what `documents.extension_events` reads from the database."""
    events = [
        event
        for deadline in rows
        if deadline.rule_code in clocks.DECISION_RULES
        for event in deadline.events.all()
        if event.kind == DeadlineEventKind.EXTEND
    ]
    return sorted(events, key=lambda e: (e.created_at, e.pk))


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
    """Active users who may handle cases of `body`: the 复议工作人员 of the body's own 复议机构 (a county
    officer picks only the county's staff, not the city's)."""
    active = get_user_model().objects.filter(is_active=True).select_related("unit__parent")
    users = users_with_perm(PERM_CHANGE, active).order_by("username")
    return [u for u in users if unit_in_jurisdiction(u, body) and _root_pk(u) in (None, body.pk)]


def _root_pk(user):
    root = jurisdiction_root(user)
    return None if root is None else getattr(root, "pk", False)


def pending_request(case: ReconsiderationCase, kind: str) -> ApprovalRequest | None:
    """The case's request of `kind` waiting for approval (报请审批 / 报请延期), with its submitter."""
    return (
        case.approval_requests.filter(kind=kind, status=ApprovalStatus.PENDING)
        .select_related("submitted_by")
        .first()
    )


def body_staff(body) -> list:
    """Staff who may sit on a hearing panel or the committee of `body`: active users of a justice
    bureau (where the 复议机构 sits) whose jurisdiction covers the body — the body's own bureau first."""
    people = (
        get_user_model()
        .objects.filter(is_active=True, unit__kind=UnitKind.JUSTICE)
        # the administrators (三员) hold no case content: users who manage users or read the audit log
        .exclude(pk__in=users_with_perm("accounts.manage_users").values("pk"))
        .exclude(pk__in=users_with_perm("core.view_audit").values("pk"))
        .select_related("unit__parent")
        .order_by("unit__depth", "username")
        .distinct()
    )
    mine = [u for u in people if unit_in_jurisdiction(u, body)]
    own = [u for u in mine if u.unit.path.startswith(body.path)]
    return own + [u for u in mine if u not in own]


def latest_draft(case: ReconsiderationCase) -> CaseOpinion | None:
    """The handler's latest draft opinion (its proposed outcome preselects the decision form)."""
    return case.opinions.filter(tier=OpinionTier.HANDLER).order_by("-created_at", "-id").first()


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


# =====================================================================================================
# Beat-task candidates (system-wide; no user)
# =====================================================================================================


def deemed_acceptance_candidates(*, today: date) -> list[int]:
    """Cases before acceptance whose running review clock ended before `today` (复议法第三十条第三款)."""
    expired = running_clocks().filter(rule_code=clocks.ACCEPTANCE_REVIEW, due_date__lt=today)
    return list(
        ReconsiderationCase.objects.filter(status__in=(CaseStatus.RECEIVED, CaseStatus.UNDER_REVIEW))
        .filter(Exists(expired))
        .order_by("id")
        .values_list("id", flat=True)
    )


def deemed_abandonment_candidates(*, today: date) -> list[int]:
    """Cases awaiting correction whose applicant's period ended before `today` (第三十一条第二款)."""
    expired = open_clocks().filter(rule_code=clocks.CORRECTION_REPLY, due_date__lt=today)
    return list(
        ReconsiderationCase.objects.filter(status=CaseStatus.AWAITING_CORRECTION)
        .filter(Exists(expired))
        .order_by("id")
        .values_list("id", flat=True)
    )


def suspension_limit_candidates(*, today: date) -> list[int]:
    """Suspended cases whose 60-day limit (第四十一条第一款第五项) has been reached."""
    reached = open_clocks().filter(rule_code=clocks.SUSPENSION_LIMIT, due_date__lte=today)
    return list(
        ReconsiderationCase.objects.filter(status=CaseStatus.SUSPENDED)
        .filter(Exists(reached))
        .order_by("id")
        .values_list("id", flat=True)
    )


# =====================================================================================================
# Statistics
# =====================================================================================================


@dataclass
class Period:
    """The period and scope of the statistics page."""

    start: date
    end: date
    body: object = None
    include_lower: bool = False


def statistics_period(form) -> Period:
    """The period of the statistics page: the form's, defaulting to this calendar year to date."""
    today = timezone.localdate()
    start, end, body, lower = date(today.year, 1, 1), today, None, False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        start = data.get("start") or start
        end = data.get("end") or end
        body = data.get("body")
        lower = bool(data.get("include_lower"))
    return Period(start=start, end=end, body=body, include_lower=lower)


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
        """行政复议纠错率 (direct) = direct corrections ÷ concluded (docs/law/reconsideration.md)."""
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
        """法定期限内办结率 = concluded by the decision clock (复议法第六十二条) ÷ concluded.

        The denominator is every case concluded in the period: a case with no decision clock met in
        time (none recorded, or cancelled) is not shown to have been concluded within the period."""
        return _rate(self.on_time, self.concluded)


def correction_counts():
    """Concluded, directly and indirectly corrected decisions (conditional aggregates)."""
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
        **correction_counts(),
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
    for row in concluded.values("case__act_type").annotate(**correction_counts()):
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
    for row in concluded.values("case__respondent", "case__respondent__name").annotate(**correction_counts()):
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


# =====================================================================================================
# The dispute's timeline (registered in apps.py with disputes.timeline)
# =====================================================================================================


def dispute_timeline_events(dispute) -> list:
    """The reconsideration steps of one dispute for its timeline page (one query)."""
    mechanism = str(_("行政复议"))
    events = []
    for case in dispute.reconsideration_cases.select_related("decision", "org_unit").order_by(
        "received_on", "id"
    ):
        url = case.get_absolute_url()
        events.append(
            TimelineEvent(
                date=case.received_on,
                title=str(_("%(body)s收到行政复议申请") % {"body": case.org_unit.name}),
                detail=case.number,
                url=url,
                mechanism=mechanism,
            )
        )
        if case.accepted_on:
            title = _("视为受理") if case.is_deemed_accepted else _("受理")
            events.append(
                TimelineEvent(
                    date=case.accepted_on, title=str(title), detail=case.number, url=url, mechanism=mechanism
                )
            )
        decision = getattr(case, "decision", None)
        if decision is not None:
            detail = decision.get_outcome_display()
            if decision.correction_kind != CorrectionKind.NONE:
                detail += f"（{decision.correction_kind.label}）"
            events.append(
                TimelineEvent(
                    date=decision.decided_on,
                    title=str(_("复议结案")),
                    detail=f"{case.number} {detail}",
                    url=url,
                    mechanism=mechanism,
                )
            )
        elif case.status == CaseStatus.ABANDONED and case.concluded_on:
            events.append(
                TimelineEvent(
                    date=case.concluded_on,
                    title=str(_("视为放弃复议申请")),
                    detail=case.number,
                    url=url,
                    mechanism=mechanism,
                )
            )
    return events
