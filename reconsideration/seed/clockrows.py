"""Statutory clocks of a bulk-written case: `deadlines.Deadline` rows whose due date and derivation
come from the deadline engine (`deadlines.engine.compute`) and whose rule codes are the ones
`reconsideration.deadlines` starts — met / missed / cancelled / open as the services leave them."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from core.demo import bulk_insert
from deadlines.choices import DeadlineEventKind, DeadlineStatus
from deadlines.engine import compute
from deadlines.models import Deadline, DeadlineEvent
from deadlines.rules import get_rule

from ..choices import DocumentKind

SUSPEND_REASON = "中止审理"


@lru_cache(maxsize=65536)
def _compute(rule_code: str, trigger: date, extension_days: int, suspensions: tuple):
    """The engine's result, once per argument set: most cases share their rule, day and no suspension."""
    return compute(rule_code, trigger, extension_days=extension_days, suspensions=suspensions)


class ClockRows:
    """The clocks of one batch: (deadline, its events, the person responsible while open, case)."""

    def __init__(self, world, serials):
        self.world = world
        self.serials = serials
        self.rows: list[tuple[Deadline, list[DeadlineEvent], object, object]] = []

    def add(
        self,
        plan,
        case,
        rule_code: str,
        trigger: date,
        *,
        closed: date | None = None,
        cancelled: date | None = None,
        cancel_reason: str = "",
        extension_days: int = 0,
        extension_on: date | None = None,
        suspensions=(),
        open_suspended_on: date | None = None,
    ) -> None:
        result = _compute(rule_code, trigger, extension_days, tuple(map(tuple, suspensions)))
        deadline = Deadline(
            content_type=self.world.ct_case,
            org_unit=plan.body.unit,
            rule_code=rule_code,
            subject=f"{case.number} {get_rule(rule_code).label}",
            trigger_date=trigger,
            raw_end=result.raw_end,
            due_date=result.due,
            extension_days=extension_days,
            trace=[str(x) for x in result.trace],
            calendar_verified=result.calendar_verified,
        )
        actor = plan.officer
        events = [
            DeadlineEvent(kind=DeadlineEventKind.START, date=trigger, actor=actor, due_after=result.due)
        ]
        for suspended_on, resumed_on in suspensions:
            events.append(
                DeadlineEvent(
                    kind=DeadlineEventKind.SUSPEND, date=suspended_on, actor=actor, reason=SUSPEND_REASON
                )
            )
            events.append(
                DeadlineEvent(
                    kind=DeadlineEventKind.RESUME,
                    date=resumed_on,
                    days=(resumed_on - suspended_on).days,
                    actor=actor,
                    due_after=result.due,
                )
            )
        if extension_days:
            events.append(
                self._extension(plan, rule_code, trigger, extension_days, extension_on, suspensions, result)
            )
        if open_suspended_on is not None:
            deadline.is_suspended = True
            events.append(
                DeadlineEvent(
                    kind=DeadlineEventKind.SUSPEND, date=open_suspended_on, actor=actor, reason=SUSPEND_REASON
                )
            )
        events += self._close(deadline, actor, result.due, closed, cancelled, cancel_reason)
        # the handler is responsible for an open clock (none before a handler is named)
        responsible = case.handler if deadline.status == DeadlineStatus.OPEN else None
        self.rows.append((deadline, events, responsible, case))

    def _extension(self, plan, rule_code, trigger, days, on, suspensions, result) -> DeadlineEvent:
        # 复议法第六十二条第一款: approved by the office head, the parties told by a numbered notice.
        return DeadlineEvent(
            kind=DeadlineEventKind.EXTEND,
            date=on,
            days=days,
            reference=self.serials.number(plan.body.unit, on.year, DocumentKind.EXTENSION_NOTICE),
            reason="案情复杂，不能在规定期限内作出决定。",
            actor=plan.body.head,  # the head extends on approving the handler's 报请延期
            approved_by=plan.body.head,
            due_before=_compute(rule_code, trigger, 0, tuple(map(tuple, suspensions))).due,
            due_after=result.due,
        )

    @staticmethod
    def _close(deadline, actor, due, closed, cancelled, cancel_reason) -> list[DeadlineEvent]:
        if cancelled is not None:
            deadline.status = DeadlineStatus.CANCELLED
            deadline.closed_on = cancelled
            return [
                DeadlineEvent(
                    kind=DeadlineEventKind.CANCEL, date=cancelled, actor=actor, reason=cancel_reason
                )
            ]
        if closed is not None:
            met = closed <= due
            deadline.status = DeadlineStatus.MET if met else DeadlineStatus.MISSED
            deadline.closed_on = closed
            kind = DeadlineEventKind.MEET if met else DeadlineEventKind.MISS
            return [DeadlineEvent(kind=kind, date=closed, actor=actor)]
        return []

    def save(self) -> None:
        """Write the deadlines (their cases have ids now), their events and the responsible."""
        deadlines = []
        for deadline, _events, _person, case in self.rows:
            deadline.object_id = case.pk
            deadlines.append(deadline)
        bulk_insert(Deadline, deadlines)
        events, responsible = [], []
        through = Deadline.responsible.through
        for deadline, evs, person, _case in self.rows:
            for e in evs:
                e.deadline = deadline
                events.append(e)
            if person is not None:
                responsible.append(through(deadline_id=deadline.pk, user_id=person.pk))
        bulk_insert(DeadlineEvent, events, ids=False)
        through.objects.bulk_create(responsible, ignore_conflicts=True)
