"""The reconsideration panels of the 工作台 (core.registry.register_workbench_panel), one per role's
work (docs/workflow.md "Four eyes"):

- 复议机构负责人 (approve permission): 待我审核 (drafts the office has not reviewed), 待我审批 (submitted
  decisions) and 延期待批 (submitted extensions) of their own body, counted, the oldest waiting first;
- 复议工作人员 (change permission): my active cases by stage, my clocks due within 3 working days and
  overdue, and what was returned to me;
- 领导 (view-only, with the dashboard permission or as a unit's leader): this year's intake, 审结,
  纠错率, 法定期限内办结率 and the overdue cases of their jurisdiction, aggregated in the database.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.jurisdiction import jurisdiction_root
from deadlines.calendar import add_workdays
from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline

from .choices import (
    ACTIVE_STATUSES,
    PERM_APPROVE,
    PERM_CHANGE,
    PERM_VIEW,
    ApprovalKind,
    ApprovalStatus,
    CaseStatus,
    OpinionTier,
)
from .models import ApprovalRequest, CaseOpinion, ReconsiderationCase
from .selectors import queue_counts, statistics

#: 即将到期: due within this many working days (as the case list's queue).
SOON_WORKDAYS = 3
#: A pending request is in the queue while its case is still where the approval applies.
_WAITING = {
    ApprovalKind.DECISION: (CaseStatus.PENDING_APPROVAL,),
    ApprovalKind.EXTENSION: (
        CaseStatus.ACCEPTED,
        CaseStatus.IN_TRIAL,
        CaseStatus.DRAFTED,
        CaseStatus.PENDING_APPROVAL,
    ),
}
#: Rows of each list on a panel.
PANEL_ROWS = 5


def _own_body(qs, user, lookup: str = "org_unit"):
    """Only the records of the user's own body (a county's head approves the county's cases)."""
    root = jurisdiction_root(user)
    if root is None:
        return qs
    if root is False:
        return qs.none()
    return qs.filter(**{lookup: root})


def pending_reviews(user):
    """待我审核: 拟决定 cases of the user's body whose latest handler draft has no office review after
    it, the oldest draft first."""
    drafts = CaseOpinion.objects.filter(case=OuterRef("pk"), tier=OpinionTier.HANDLER).order_by("-id")
    reviewed = CaseOpinion.objects.filter(
        case=OuterRef("pk"), tier=OpinionTier.OFFICE, id__gt=OuterRef("draft_id")
    )
    return (
        _own_body(ReconsiderationCase.objects.visible_to(user), user)
        .filter(status=CaseStatus.DRAFTED)
        .annotate(
            draft_id=Subquery(drafts.values("id")[:1]), drafted_at=Subquery(drafts.values("created_at")[:1])
        )
        .filter(draft_id__isnull=False)
        .exclude(Exists(reviewed))
        .exclude(handler=user)
        .select_related("handler")
        .order_by("drafted_at", "id")
    )


def pending_requests(user, kind: str):
    """待我审批 / 延期待批: pending requests of `kind` in the user's body not submitted by the user,
    the oldest first."""
    return (
        _own_body(ApprovalRequest.objects.visible_to(user), user, "case__org_unit")
        .filter(kind=kind, status=ApprovalStatus.PENDING, case__status__in=_WAITING[kind])
        .exclude(submitted_by=user)
        .select_related("case", "submitted_by")
        .order_by("submitted_at", "id")
    )


def returned_to(user):
    """退回给我: my requests returned by the approver, not yet submitted again."""
    newer = ApprovalRequest.objects.filter(
        case=OuterRef("case"), kind=OuterRef("kind"), id__gt=OuterRef("id")
    )
    return (
        ApprovalRequest.objects.visible_to(user)
        .filter(submitted_by=user, status=ApprovalStatus.RETURNED)
        .exclude(Exists(newer))
        .select_related("case", "decided_by")
        .order_by("-decided_on", "-id")
    )


def head_panel(request):
    user = request.user
    if not user.is_authenticated or not user.has_perm(PERM_APPROVE):
        return None
    queues = []
    for key, label, qs in (
        ("review", _("待我审核"), pending_reviews(user)),
        ("decision", _("待我审批"), pending_requests(user, ApprovalKind.DECISION)),
        ("extension", _("延期待批"), pending_requests(user, ApprovalKind.EXTENSION)),
    ):
        rows = list(qs[: PANEL_ROWS + 1])
        count = len(rows) if len(rows) <= PANEL_ROWS else qs.count()
        queues.append({"key": key, "label": label, "count": count, "rows": rows[:PANEL_ROWS]})
    return {
        "title": _("行政复议 · 待我审核审批"),
        "template": "reconsideration/_workbench_head.html",
        "context": {"queues": queues},
    }


def officer_panel(request):
    user = request.user
    if not user.is_authenticated or not user.has_perm(PERM_CHANGE) or user.has_perm(PERM_APPROVE):
        return None
    today = timezone.localdate()
    mine = ReconsiderationCase.objects.visible_to(user).filter(handler=user, status__in=ACTIVE_STATUSES)
    running = Deadline.objects.filter(
        content_type__app_label="reconsideration",
        content_type__model="reconsiderationcase",
        status=DeadlineStatus.OPEN,
        is_suspended=False,
        object_id__in=mine.values("pk"),
    )
    clocks = running.aggregate(
        soon=Count("pk", filter=Q(due_date__gte=today, due_date__lte=add_workdays(today, SOON_WORKDAYS))),
        overdue=Count("pk", filter=Q(due_date__lt=today)),
    )
    labels = dict(CaseStatus.choices)
    stages = [
        {"status": row["status"], "label": labels[row["status"]], "count": row["n"]}
        for row in mine.values("status").annotate(n=Count("pk")).order_by("status")
    ]
    order = {s: i for i, s in enumerate(ACTIVE_STATUSES)}
    stages.sort(key=lambda r: order.get(r["status"], 99))
    upcoming = list(
        running.filter(due_date__lte=add_workdays(today, SOON_WORKDAYS)).order_by("due_date", "id")[
            :PANEL_ROWS
        ]
    )
    cases = {c.pk: c for c in ReconsiderationCase.objects.filter(pk__in=[d.object_id for d in upcoming])}
    for d in upcoming:
        d.case = cases.get(d.object_id)
        d.is_overdue = d.due_date < today
    returned = list(returned_to(user)[:PANEL_ROWS])
    return {
        "title": _("行政复议 · 我的工作"),
        "template": "reconsideration/_workbench_officer.html",
        "context": {
            "stages": stages,
            "soon": clocks["soon"],
            "overdue": clocks["overdue"],
            "upcoming": upcoming,
            "returned": returned,
        },
    }


def leader_panel(request):
    user = request.user
    if (
        not user.is_authenticated
        or not user.has_perm(PERM_VIEW)
        or user.has_perm(PERM_CHANGE)
        or not (user.has_perm("dashboard.view_dashboard") or user.is_unit_leader)
    ):
        return None
    today = timezone.localdate()
    stats = statistics(user=user, start=today.replace(month=1, day=1), end=today)
    return {
        "title": _("行政复议 · 本年度概况"),
        "template": "reconsideration/_workbench_leader.html",
        "context": {
            "stats": stats,
            "overdue": queue_counts(user=user, today=today)["overdue"],
            "year": today.year,
        },
    }
