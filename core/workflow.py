"""The workflow kernel: one declaration of a mechanism's status machine, and the plumbing every
workflow service repeats (lock the row, check the actor, guard, transition, save, log, notify).

A mechanism declares its transitions once, as data::

    WORKFLOW = Workflow(
        transitions=(Transition("accept", (S.RECEIVED,), S.ACCEPTED, _("受理"), PERM_CHANGE, basis=…), …),
        event_model="reconsideration.CaseEvent",
        event_subject="case",
    )

and its model takes the generated django-fsm-2 transition methods as a base class
(`class Case(WORKFLOW.fsm_mixin(), FSMModelMixin, …)` with a protected `FSMField`), so the status
is set only by `Workflow.apply`. The same table is read by the guard (`Workflow.guard`), the event
log (`Workflow.apply` records the transition's event kind and legal basis), the pages' action list
(`Workflow.available`) and the demo seeder. See docs/workflow.md.

Top-level services are decorated with `@service`: each runs in its own durable transaction, so a
notification queued with `on_commit` is sent only when the whole act is stored. A caller that must
group several services into one transaction opens `composed()` around them: every view that calls a
service (the request itself is a transaction, ATOMIC_REQUESTS), the demo seeder.
"""

from __future__ import annotations

import contextvars
import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django_fsm import transition as fsm_transition

from accounts.jurisdiction import unit_in_jurisdiction

from .exceptions import ApplicationError, ConcurrentEditError

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------------------------
# Transactions
# ---------------------------------------------------------------------------------------------------

_COMPOSED: contextvars.ContextVar[bool] = contextvars.ContextVar("workflow_composed", default=False)


@contextmanager
def composed() -> Iterator[None]:
    """One transaction around several services, which then join it instead of opening their own
    durable one. Everything inside commits or rolls back together."""
    with transaction.atomic():
        token = _COMPOSED.set(True)
        try:
            yield
        finally:
            _COMPOSED.reset(token)


def service(func: Callable) -> Callable:
    """A top-level service: `transaction.atomic(durable=True)` — it may not run inside another
    transaction by accident (its on-commit notifications would wait for a caller it does not know).
    Inside `composed()` it joins the composing transaction. Django's test cases mark their own
    wrapping transaction so that durable blocks still run inside a test."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        durable = not _COMPOSED.get()
        blocks = transaction.get_connection().atomic_blocks
        if durable and blocks and not blocks[-1]._from_testcase:  # Django's own durability check
            raise RuntimeError(
                f"{func.__qualname__} runs in its own transaction: a caller that groups services in one "
                "transaction (a view under ATOMIC_REQUESTS, a seeder) opens core.workflow.composed()"
            )
        with transaction.atomic(durable=durable):
            return func(*args, **kwargs)

    return wrapper


# ---------------------------------------------------------------------------------------------------
# Actors, rows, notifications
# ---------------------------------------------------------------------------------------------------


def is_user(actor) -> bool:
    """A signed-in user (None or an anonymous user means: the system acts, e.g. a beat task)."""
    return actor is not None and getattr(actor, "is_authenticated", False)


def check_actor(actor, perm: str, unit) -> None:
    """The actor holds `perm` and `unit` (the record's org unit) is within their jurisdiction."""
    if not is_user(actor):
        raise ApplicationError(_("请先登录。"))
    if not actor.has_perm(perm):
        raise ApplicationError(_("您没有执行该操作的权限。"))
    if not unit_in_jurisdiction(actor, unit):
        raise ApplicationError(_("该案件不在您的管辖范围内。"))


def lock(obj, *, version: int | None = None, related: Iterable[str] = ()):
    """The row of `obj` read again under `select_for_update` (this row only; joined rows are read,
    not locked — an outer join cannot be locked on PostgreSQL). With `version`, a row saved by
    someone else since the form was opened raises `ConcurrentEditError`."""
    locked = type(obj).objects.select_for_update(of=("self",)).select_related(*related).get(pk=obj.pk)
    if version is not None and locked.version != version:
        raise ConcurrentEditError()
    return locked


def save(obj):
    """Validate and store a versioned record, bumping its version (optimistic locking)."""
    obj.version += 1
    obj.full_clean()
    obj.save()
    return obj


def notify_after_commit(
    users: Iterable, *, title: str, body: str, url: str, key: str, stage: str = "review"
) -> None:
    """In-app notification (and e-mail) once the transaction commits; a failure here never undoes
    the recorded act."""
    # deadlines.notifications imports the case models of the mechanisms (its reminders name them);
    # imported when sending so that the kernel does not depend on an app at import time.
    from deadlines.notifications import notify

    recipients = list(users)

    def send():
        try:
            for user in recipients:
                notify(recipient=user, title=title, body=body, url=url, stage=stage, dedupe_key=key)
        except Exception:  # the notification is a courtesy; the record is what counts
            logger.exception("workflow notification failed: %s", key)

    transaction.on_commit(send)


# ---------------------------------------------------------------------------------------------------
# The declaration
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    """One allowed change of a record's status.

    `permission` is what a user needs (None: an automatic step the system takes — a beat task — never
    offered in the UI); `basis` the article recorded with the event; `event` the event kind written
    to the timeline (default: the transition's name); `service` the one function that performs it.
    """

    name: str
    sources: tuple[str, ...]
    target: str
    label: str | Promise
    permission: str | None
    service: str = ""
    basis: str | Promise = ""
    style: str = "primary"  # bootstrap button colour for the UI: primary / secondary / danger / success
    event: str = ""

    @property
    def automatic(self) -> bool:
        return self.permission is None

    @property
    def event_kind(self) -> str:
        return self.event or self.name


class Workflow:
    """A mechanism's transition table with the operations that read it."""

    def __init__(
        self,
        *,
        transitions: Iterable[Transition],
        field: str = "status",
        event_model: str = "",
        event_subject: str = "",
        unit_field: str = "org_unit",
    ):
        self.transitions: tuple[Transition, ...] = tuple(transitions)
        self.by_name: dict[str, Transition] = {t.name: t for t in self.transitions}
        if len(self.by_name) != len(self.transitions):
            raise ValueError("transition names must be unique")
        self.field = field
        self.event_model = event_model
        self.event_subject = event_subject
        self.unit_field = unit_field

    def __iter__(self) -> Iterator[Transition]:
        return iter(self.transitions)

    def __getitem__(self, name: str) -> Transition:
        return self.by_name[name]

    # --- the model side --------------------------------------------------------------------------

    def fsm_mixin(self) -> type:
        """A base class carrying one django-fsm-2 transition method `fsm_<name>` per entry, so the
        protected status field is changed by django-fsm and by nothing else."""

        def method(entry: Transition):
            def change(instance):
                """Set by the workflow table (core.workflow)."""

            change.__name__ = f"fsm_{entry.name}"
            return fsm_transition(field=self.field, source=list(entry.sources), target=entry.target)(change)

        return type("WorkflowTransitions", (), {f"fsm_{t.name}": method(t) for t in self.transitions})

    # --- reading the table -------------------------------------------------------------------------

    def _unit(self, obj):
        return getattr(obj, self.unit_field)

    def allows(self, user, entry: Transition, obj) -> bool:
        return bool(
            entry.permission is not None
            and is_user(user)
            and user.has_perm(entry.permission)
            and unit_in_jurisdiction(user, self._unit(obj))
        )

    def available(self, obj, user) -> list[Transition]:
        """The transitions `user` may start on `obj` now, in table order (automatic steps never)."""
        state = getattr(obj, self.field)
        return [t for t in self.transitions if state in t.sources and self.allows(user, t, obj)]

    def guard(self, obj, name: str, actor) -> Transition:
        """Transition `name` is allowed from the record's status and (unless automatic) to the actor."""
        entry = self.by_name[name]
        if getattr(obj, self.field) not in entry.sources:
            status = getattr(obj, f"get_{self.field}_display")()
            raise ApplicationError(
                _("案件当前状态为“%(status)s”，不能%(action)s。") % {"status": status, "action": entry.label}
            )
        if entry.permission is not None:
            check_actor(actor, entry.permission, self._unit(obj))
        return entry

    # --- writing -----------------------------------------------------------------------------------

    def record(
        self,
        obj,
        kind: str,
        *,
        on: date,
        actor=None,
        note: str = "",
        basis: str | Promise = "",
        from_status: str = "",
        to_status: str = "",
    ):
        """Write one timeline event of `obj` (the app's event model) with its legal basis."""
        model = apps.get_model(self.event_model)
        event = model(
            **{self.event_subject: obj},
            kind=kind,
            date=on,
            actor=actor if is_user(actor) else None,
            basis=str(basis),
            note=str(note),
            from_status=from_status,
            to_status=to_status,
        )
        event.full_clean()
        event.save()
        return event

    def apply(self, obj, name: str, *, on: date, actor, note: str = "", basis: str | Promise | None = None):
        """Apply transition `name` (already guarded, on a locked row), save the record and log the
        event with the transition's legal basis (or `basis` when the act rests on another article)."""
        entry = self.by_name[name]
        before = getattr(obj, self.field)
        getattr(obj, f"fsm_{name}")()
        save(obj)
        return self.record(
            obj,
            entry.event_kind,
            on=on,
            actor=actor,
            note=note,
            basis=entry.basis if basis is None else basis,
            from_status=before,
            to_status=getattr(obj, self.field),
        )
