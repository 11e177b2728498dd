"""The case list, its queue tabs and their badges; the beat tasks' candidate cases."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Count,
    Exists,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from deadlines.calendar import add_workdays, count_workdays
from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline
from deadlines.rules import get_rule
from disputes.choices import ActType, PartyRole
from disputes.models import Party

from .. import deadlines as clocks
from ..choices import (
    ACTIVE_STATUSES,
    CONCLUDED_STATUSES,
    INTAKE_STATUSES,
    PERM_APPROVE,
    CaseStatus,
    Procedure,
)
from ..filters import CaseFilter, open_clocks, overdue_filter, running_clocks
from ..models import (
    ReconsiderationCase,
)
from .common import SOON_WORKDAYS, _case_ct, _list_queryset, _today, with_next_deadline

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
    qs = with_next_deadline(_list_queryset(user))  # the columns of every queue, even when empty
    if not user.has_perm(PERM_APPROVE):
        return qs.none()
    return qs.filter(status=CaseStatus.PENDING_APPROVAL).order_by("next_due_on", "id")


def queue_counts(*, user, today: date | None = None) -> dict[str, int]:
    """Badge numbers for the queues, in one query over the visible active cases (every queue is a
    part of them: INTAKE_STATUSES and PENDING_APPROVAL are active). Each count has its queue's filter
    (my_cases, pending_review, due_soon, overdue, pending_my_approval); the clocks are tested only
    for active cases, as the queues' own queries do — five queries were a fifth of the list page
    (bench recon.list).

    Only the active cases: they are a few per cent of the visible ones and the status index finds
    them. Counting every visible case here too (the 全部案件 tab's row count) evaluated the FILTERs on
    each of the 20,000 rows at scale 10 — 50–90 ms of PostgreSQL against 5–20 ms for the
    paginator's own COUNT (docs/budgets.md, bench recon.list)."""
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


def list_filters(data: Mapping | None) -> dict:
    """The case-list filters set in `data` (a request's GET): the FilterSet's own keys with a value."""
    return {k: data[k] for k in CaseFilter.base_filters if data and data.get(k) not in (None, "")}


def queue_rows(*, user, queue: str, filters: Mapping | CaseFilter | None = None, today: date | None = None):
    """The rows of one queue tab, filtered by the case-list FilterSet like the full list: a
    queryset, or (待受理审查) a list with `countdown_due` and `workdays_left` on each case. Each
    row's dispute carries its applicants as `claimants`.

    filters: the filter values (a request's GET), or the page's own `CaseFilter` bound to their
    `list_filters` (its form is the filter bar), applied as it is: binding and validating a second
    FilterSet to the same values was a tenth of a filtered list page (bench recon.list)."""
    if isinstance(filters, CaseFilter):
        filterset = filters if filters.is_bound else None
    else:
        data = list_filters(filters)
        filterset = CaseFilter(data, user=user) if data else None

    def filtered(qs):
        if filterset is None:
            return qs
        filterset.is_valid()  # the valid values filter; an invalid one is ignored (as `.qs` does)
        return filterset.filter_queryset(qs)

    if queue == "review":
        rows = pending_review(user=user, today=today)
        if filterset is not None:
            keep = set(filtered(case_list(user=user)).values_list("pk", flat=True))
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
    return filtered(qs).select_related("decision").prefetch_related(_claimants_prefetch())


#: The columns a row of the list page shows (templates/reconsideration/case_list.html, `decorate_rows`),
#: read as plain values: the page reads only these; the Excel export reads the whole rows.
PAGE_COLUMNS = (
    "pk",
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
    "dispute_id",
    "next_due_on",
    "next_due_rule",
)


def page_columns(rows):
    """`queue_rows` narrowed to what the list page shows, as values: a case row is ~90 columns and
    five joined records, and building the case, its body, respondent, handler and dispute instances
    of 25 rows was a fifth of the page (bench recon.list). A 待受理审查 list is kept."""
    if isinstance(rows, list):
        return rows
    return rows.select_related(None).prefetch_related(None).values(*PAGE_COLUMNS)


def _attach_claimants(rows: list) -> None:
    """`dispute.claimants` on each case of a list (one query for all of them)."""
    by_dispute: dict[int, list] = {}
    for party in Party.objects.filter(
        dispute_id__in={c.dispute_id for c in rows}, role=PartyRole.CLAIMANT
    ).order_by("id"):
        by_dispute.setdefault(party.dispute_id, []).append(party)
    for case in rows:
        case.dispute.claimants = by_dispute.get(case.dispute_id, [])


def _claimant_names(dispute_ids) -> dict[int, list[str]]:
    """dispute id → the names of its applicants, in the order they were entered (one query)."""
    names: dict[int, list[str]] = {}
    parties = Party.objects.filter(dispute_id__in=set(dispute_ids), role=PartyRole.CLAIMANT)
    for dispute_id, name in parties.order_by("id").values_list("dispute_id", "name"):
        names.setdefault(dispute_id, []).append(name)
    return names


def _labels(choices) -> Callable[[str], str]:
    """value → its label as text, as `get_<field>_display()` gives it (the value itself when it is
    not a choice), each label translated once a page: the model method builds a dict of every choice
    on each call, three a row (bench recon.list)."""
    labels, done = dict(choices), {}

    def label(value: str) -> str:
        if value not in done:
            done[value] = str(labels.get(value, value))
        return done[value]

    return label


#: row_class → the class of the row's due date in the 下一期限 column
DUE_CLASS = {"row-overdue": "deadline-overdue", "row-soon": "deadline-soon"}


def _case_values(case) -> dict:
    """A case instance (a 待受理审查 row, with its applicants as `dispute.claimants`) as the values
    `page_columns` reads, with its countdown."""
    handler = case.handler
    return {
        "pk": case.pk,
        "number": case.number,
        "status": case.status,
        "act_type": case.act_type,
        "procedure": case.procedure,
        "received_on": case.received_on,
        "is_deemed_accepted": case.is_deemed_accepted,
        "org_unit__name": case.org_unit.name,
        "respondent__name": case.respondent.name,
        "handler__real_name": handler.real_name if handler else None,
        "handler__username": handler.username if handler else None,
        "dispute_id": case.dispute_id,
        "next_due_on": getattr(case, "next_due_on", None),
        "next_due_rule": getattr(case, "next_due_rule", None),
        "countdown_due": getattr(case, "countdown_due", None),
        "workdays_left": getattr(case, "workdays_left", None),
        "claimants": [p.name for p in getattr(case.dispute, "claimants", [])],
    }


def decorate_rows(rows, today: date | None = None) -> list[dict]:
    """What each row of the list shows, as a dict of plain values computed here rather than in the
    template (a template lookup, filter, `{% url %}` or method call a cell, 25 rows a page: bench
    recon.list): the case's link, the names of its body, respondent, handler and applicants, the
    status, act type and procedure labels, dates as text (= |date:"Y-m-d"), and the row class and
    countdown (overdue / soon by the next running clock).

    rows: `page_columns` values, or case instances (待受理审查)."""
    today = _today(today)
    limit = add_workdays(today, SOON_WORKDAYS)
    status, act_type, procedure = (
        _labels(CaseStatus.choices),
        _labels(ActType.choices),
        _labels(Procedure.choices),
    )
    rows = [row if isinstance(row, dict) else _case_values(row) for row in rows]
    missing = [row["dispute_id"] for row in rows if "claimants" not in row]
    claimants = _claimant_names(missing) if missing else {}
    # The case page's URL with the pk as its last part (reverse once a page, not once a row).
    detail = reverse("reconsideration:detail", kwargs={"pk": 0}).removesuffix("0/")
    out = []
    for row in rows:
        due = row.get("countdown_due") or row["next_due_on"]
        row_class = ""
        if due is not None and row["status"] not in CONCLUDED_STATUSES:
            if due < today:
                row_class = "row-overdue"
            elif due <= limit:
                row_class = "row-soon"
        left = row.get("workdays_left")
        rule = row["next_due_rule"]
        countdown, next_due = row.get("countdown_due"), row["next_due_on"]
        out.append(
            {
                "pk": row["pk"],
                "url": f"{detail}{row['pk']}/",
                "number": row["number"],
                "body": row["org_unit__name"],
                "claimants": row["claimants"] if "claimants" in row else claimants.get(row["dispute_id"], []),
                "respondent": row["respondent__name"],
                "act_type_label": act_type(row["act_type"]),
                "received_on": row["received_on"].isoformat(),
                "procedure_label": procedure(row["procedure"]),
                "status": row["status"],
                "status_label": status(row["status"]),
                "is_deemed_accepted": row["is_deemed_accepted"],
                # User.display_name; "" without a handler (未指定)
                "handler": row["handler__real_name"] or row["handler__username"] or "",
                "next_due_on": next_due.isoformat() if next_due else None,
                "next_rule_label": get_rule(rule).label if rule else "",
                "countdown_due": countdown.isoformat() if countdown else None,
                "workdays_left": left,
                "workdays_overdue": -left if left is not None and left < 0 else 0,
                "row_class": row_class,
                "due_class": DUE_CLASS.get(row_class, ""),
            }
        )
    return out


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
