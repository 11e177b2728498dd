"""The case page: the case with everything it shows, its clocks, the staff its forms offer."""

from __future__ import annotations

from functools import lru_cache

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    BooleanField,
    Prefetch,
    Q,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.http import Http404

from accounts.choices import UnitKind
from accounts.jurisdiction import jurisdiction_root, unit_in_jurisdiction
from accounts.roles import users_with_perm
from core.workflow import Transition
from deadlines.choices import DeadlineEventKind
from deadlines.models import Deadline, DeadlineEvent
from deadlines.selectors import deadlines_for_record
from disputes.models import Party

from .. import deadlines as clocks
from ..choices import (
    PERM_CHANGE,
    WORKFLOW,
    ApprovalStatus,
    OpinionTier,
)
from ..models import (
    ApprovalRequest,
    CaseEvent,
    CaseOpinion,
    CommitteeConsultation,
    ExpertConsultation,
    Hearing,
    OpinionLetter,
    ReconsiderationCase,
)
from ..services import (
    approvers_of,
    signers_of,
)
from .common import _case_ct

# =====================================================================================================
# The case page
# =====================================================================================================


#: The case page's lists of records a case may have none of, by their related name: the queryset
#: of each (None: the plain related rows), built only for the lists the case holds rows of.
CASE_LISTS = {
    "opinions": lambda: CaseOpinion.objects.select_related("author").order_by("created_at", "id"),
    "hearings": lambda: Hearing.objects.select_related("presiding", "clerk").prefetch_related("officers"),
    "suspensions": None,
    "mediation_sessions": None,
    "party_hearings": None,
    "execution_stays": None,
    "committee_consultations": lambda: CommitteeConsultation.objects.select_related("meeting").order_by(
        "meeting__date", "id"
    ),
    "expert_consultations": lambda: ExpertConsultation.objects.select_related("expert"),
    "opinion_letters": lambda: OpinionLetter.objects.select_related("agency"),
    "approval_requests": lambda: ApprovalRequest.objects.select_related(
        "submitted_by", "decided_by"
    ).order_by("submitted_at", "id"),
}


def _case_list_prefetch(name: str) -> Prefetch:
    queryset = CASE_LISTS[name]
    return Prefetch(name, queryset=queryset()) if queryset else Prefetch(name)


@lru_cache(maxsize=4)
def _has_lists(vendor: str, names: tuple[str, ...]) -> dict[str, RawSQL]:
    """`has_<name>`: EXISTS a row of the case's list `name`, as plain SQL built once — ten
    `Exists(...)` subqueries were built and compiled again on every page: a fifth of the Python
    calls of `case_detail` (bench recon.detail). The case is the query's base table, never aliased."""
    quote = connection.ops.quote_name
    case = f"{quote(ReconsiderationCase._meta.db_table)}.{quote(ReconsiderationCase._meta.pk.column)}"
    has = {}
    for name in names:
        fk = getattr(ReconsiderationCase, name).field
        table = quote(fk.model._meta.db_table)
        # Only quoted table and column names of the models, no value: nothing to inject.
        sql = f"EXISTS (SELECT 1 FROM {table} WHERE {table}.{quote(fk.column)} = {case})"  # noqa: S608
        has[f"has_{name}"] = RawSQL(sql, (), output_field=BooleanField())  # noqa: S611
    return has


def case_detail(*, user, pk: int) -> ReconsiderationCase:
    """One case with everything its page shows; 404 outside the user's jurisdiction.

    The case's own query also tells, by one EXISTS each, which of its lists (`CASE_LISTS`: the
    hearings, suspensions, consultations …) hold any row; only those are fetched, and the empty ones
    are set empty without a query — most cases have no hearing, no suspension and no letter, and a
    query a list was a quarter of the page (bench recon.detail)."""
    # Only the rows the page and its documents read: each further join (the registrar, the
    # dispute's respondent) cost the 11-table query ~4 ms of planning at scale 10 (bench recon.detail).
    lists = tuple(CASE_LISTS)
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
        .annotate(**_has_lists(connection.vendor, lists))
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
        *(_case_list_prefetch(name) for name in lists if getattr(case, f"has_{name}")),
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


def case_log(case: ReconsiderationCase) -> list[dict]:
    """The case page's 案件日志 (`case.events`, fetched with the case) as plain values: each step's
    day, actor, new status, kind, note and legal basis, computed here rather than by a template
    filter, lookup or display method a cell (bench recon.detail). `actor` is "" for the system's
    own steps (视为受理 …); `to_status` is "" when the step left the status as it was."""
    return [
        {
            "day": event.date.isoformat() if event.date else "",
            "actor": event.actor.display_name if event.actor_id else "",
            "to_status": event.get_to_status_display()
            if event.to_status and event.to_status != event.from_status
            else "",
            "kind": event.get_kind_display(),
            "note": event.note,
            "basis": event.basis,
        }
        for event in case.events.all()
    ]


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
    (`decision_extensions`) — two queries fewer than each asking on its own (bench recon.detail).

    `deadlines_for_record`'s rows, without what neither the panel, the documents nor the case's
    gates read: each clock's unit and each event's approver (two joins and their instances)."""
    rows = deadlines_for_record(case).select_related(None)
    return list(
        rows.prefetch_related(None).prefetch_related(
            Prefetch("events", queryset=DeadlineEvent.objects.select_related("actor"))
        )
    )


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
