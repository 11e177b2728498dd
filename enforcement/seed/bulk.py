"""The demo history written in bulk: the rows `seed.drive` leaves for the same plan (case, events,
legal review, full-process records, statutory clocks), written a thousand at a time. The statuses,
legal bases and event kinds come from the transition table (`choices.WORKFLOW`), the due dates from
the deadline engine. Acts of the history carry no actor (recorded by the system)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from core import numbering
from core.demo import bulk_insert
from deadlines.choices import DeadlineEventKind, DeadlineStatus
from deadlines.engine import compute
from deadlines.models import Deadline, DeadlineEvent
from deadlines.rules import get_rule

from .. import deadlines as clocks
from ..choices import (
    PUBLICITY_BASIS,
    WORKFLOW,
    CaseStatus,
    EventKind,
    ItemKind,
    RecordMedium,
    RecordStage,
    ReviewConclusion,
)
from ..models import CaseEvent, EnforcementCase, LegalReview, ProcessRecord
from .drive import RECORD_TEXT, REVIEW_NOTE, REVIEW_OPINION, TRANSFER_BODY, facts, summary

S = CaseStatus


def _numbers(plans):
    """Case and decision numbers per agency and year, reserved from the same series the services use
    (all of them in one `numbering.reserve_many`)."""
    cases, decisions = defaultdict(list), defaultdict(list)
    for p in plans:
        cases[(f"enforcement:{p.agency.pk}", p.filed_on.year, "case")].append(p)
    for p in sorted((p for p in plans if p.decided_on), key=lambda p: (p.decided_on, p.i)):
        decisions[(f"enforcement:{p.agency.pk}", p.decided_on.year, "decision")].append(p)
    serials = numbering.reserve_many({key: len(group) for key, group in [*cases.items(), *decisions.items()]})
    case_numbers, decision_numbers = {}, {}
    for key, group in cases.items():
        year = key[1]
        code = group[0].agency.org_unit.short_code or str(group[0].agency.pk)
        for p, serial in zip(group, serials[key], strict=True):
            case_numbers[p.i] = (serial, f"{code}执〔{year}〕{serial}号")
    for key, group in decisions.items():
        year = key[1]
        code = group[0].agency.org_unit.short_code or str(group[0].agency.pk)
        for p, serial in zip(group, serials[key], strict=True):
            decision_numbers[p.i] = f"{code}罚决〔{year}〕{serial}号"
    return case_numbers, decision_numbers


EVENT_FIELDS = ("case_id", "kind", "date", "basis", "note", "from_status", "to_status")
RECORD_FIELDS = ("case_id", "stage", "medium", "recorded_on", "description")
CLOCK_EVENT_FIELDS = ("deadline_id", "kind", "date", "reason", "due_before", "due_after")


class _Texts:
    """The translated texts of the rows, looked up once per batch (not once per row)."""

    def __init__(self):
        self.filing_basis = _("《行政处罚法》第五十四条")
        self.transferred = _("已移送司法机关")
        self.service_basis = _("《行政处罚法》第六十一条")
        self.record_basis = _("《行政处罚法》第四十七条")
        self.publicity_basis = str(PUBLICITY_BASIS)
        self.approved = str(ReviewConclusion.APPROVED.label)
        self.workflow = {name: (e.event_kind, str(e.basis), e.target) for name, e in WORKFLOW.by_name.items()}
        self.record_notes = {
            (stage, medium): f"{RecordStage(stage).label} {RecordMedium(medium).label}"
            for stage in RecordStage.values
            for medium in RecordMedium.values
        }


def _event(case, kind, on, *, basis="", note="", frm="", to=""):
    """A CaseEvent row (EVENT_FIELDS)."""
    return (case.pk, kind, on, basis, str(note), frm, to)


def _transition(t, case, name, on, frm, note=""):
    kind, basis, target = t.workflow[name]
    return _event(case, kind, on, basis=basis, note=note, frm=frm, to=target)


@lru_cache(maxsize=8192)
def _compute(rule_code: str, trigger: date):
    """The engine's result, once per (rule, day): thousands of cases share a trigger day."""
    return compute(rule_code, trigger)


class _Clocks:
    def __init__(self, reviewer):
        self.rows = []
        self.ct = ContentType.objects.get_for_model(EnforcementCase)
        self.today = timezone.localdate()

    def add(self, case, rule, trigger, *, closed=None, cancel_reason=""):
        result = _compute(rule, trigger)
        d = Deadline(
            content_type=self.ct,
            org_unit=case.org_unit,
            rule_code=rule,
            subject=f"{case.number} {get_rule(rule).label}",
            trigger_date=trigger,
            raw_end=result.raw_end,
            due_date=result.due,
            trace=[str(x) for x in result.trace],
            calendar_verified=bool(result.calendar_verified),
        )
        # the clock's events: (kind, date, reason, due_before, due_after) — CLOCK_EVENT_FIELDS after the clock
        events = [(DeadlineEventKind.START, trigger, "", None, result.due)]
        if cancel_reason:
            d.status, d.closed_on, d.version = DeadlineStatus.CANCELLED, self.today, 2
            events.append((DeadlineEventKind.CANCEL, self.today, str(cancel_reason), None, None))
        elif closed is not None:
            met = closed <= result.due
            d.status, d.closed_on, d.version = (
                (DeadlineStatus.MET if met else DeadlineStatus.MISSED),
                closed,
                2,
            )
            kind = DeadlineEventKind.MEET if met else DeadlineEventKind.MISS
            events.append((kind, closed, "", result.due, result.due))
        self.rows.append((case, d, events))

    def save(self):
        for case, d, _events in self.rows:
            d.object_id = case.pk
        bulk_insert(Deadline, [d for _c, d, _e in self.rows])
        events = [(d.pk, *e) for _case, d, evs in self.rows for e in evs]
        bulk_insert(DeadlineEvent, events, fields=CLOCK_EVENT_FIELDS)


def write(plans, *, reviewer) -> list[EnforcementCase]:
    """Write `plans` in bulk; returns the cases."""
    case_numbers, decision_numbers = _numbers(plans)
    cases = []
    for p in plans:
        serial, number = case_numbers[p.i]
        outside = p.bench is not None and not p.bench.contains(p.amount)
        case = EnforcementCase(
            org_unit=p.agency.org_unit,
            number=number,
            year=p.filed_on.year,
            serial=serial,
            agency=p.agency,
            item=p.item,
            kind=p.item.kind,
            sector=p.agency.sector,
            party_kind=p.party_kind,
            party_name=p.party_name,
            filed_on=p.filed_on,
            facts=facts(p),
            legal_basis=p.item.legal_basis,
            penalty_amount=p.amount,
            benchmark=p.bench,
            outside_benchmark=outside,
            benchmark_deviation_reason=p.deviation,
            is_major=p.is_major,
            major_ground=p.major_ground,
            informed_on=p.informed_on,
            decided_on=p.decided_on,
            party_present=p.party_present,
            served_on=p.served_on,
            published_on=p.published_on,
            closed_on=p.closed_on,
            transferred_on=p.transferred_on,
            transfer_body=TRANSFER_BODY if p.transferred_on else "",
            decision_number=decision_numbers.get(p.i, ""),
            decision_summary=summary(p) if p.decided_on else "",
            status=_status(p),
            version=_version(p),
        )
        cases.append(case)
    bulk_insert(EnforcementCase, cases)
    through = EnforcementCase.investigators.through
    bulk_insert(
        through,
        [
            through(enforcementcase_id=c.pk, officer_id=o.pk)
            for p, c in zip(plans, cases, strict=True)
            for o in p.officers
        ],
        ids=False,
    )
    events, reviews, records = [], [], []
    timers, t = _Clocks(reviewer), _Texts()
    for p, c in zip(plans, cases, strict=True):
        _case_rows(t, p, c, reviewer, timers, events, reviews, records)
    bulk_insert(CaseEvent, events, fields=EVENT_FIELDS)
    bulk_insert(LegalReview, reviews, ids=False)
    bulk_insert(ProcessRecord, records, fields=RECORD_FIELDS)
    timers.save()
    return cases


def _case_rows(t, p, c, reviewer, timers, events, reviews, records) -> None:
    events.append(_event(c, EventKind.FILE, p.filed_on, basis=t.filing_basis, to=S.FILED))
    if c.kind == ItemKind.PENALTY:
        cancel = t.transferred if p.transferred_on else ""
        timers.add(c, clocks.PENALTY_DECISION, p.filed_on, closed=p.decided_on, cancel_reason=cancel)
    if p.informed_on is None:
        return
    events.append(_transition(t, c, "inform", p.informed_on, S.FILED))
    if p.transferred_on:
        events.append(_transition(t, c, "transfer", p.transferred_on, S.INFORMED, note=TRANSFER_BODY))
        return
    state = S.INFORMED
    if p.review_requested_on:
        requested = _transition(t, c, "request_review", p.review_requested_on, S.INFORMED, note=REVIEW_NOTE)
        events.append(requested)
        review = LegalReview(case=c, requested_on=p.review_requested_on, request_note=REVIEW_NOTE)
        state = S.LEGAL_REVIEW
        if p.reviewed_on:
            review.reviewer, review.reviewed_on = reviewer, p.reviewed_on
            review.conclusion, review.opinion = ReviewConclusion.APPROVED, REVIEW_OPINION
            events.append(_transition(t, c, "review", p.reviewed_on, S.LEGAL_REVIEW, note=t.approved))
            state = S.REVIEWED
        reviews.append(review)
    if p.decided_on is None:
        return
    events.append(_transition(t, c, "decide", p.decided_on, state, note=c.decision_number))
    if not p.party_present:
        timers.add(c, clocks.SERVICE, p.decided_on, closed=p.served_on)
    timers.add(c, clocks.PUBLICITY_PENALTY, p.decided_on, closed=p.published_on)
    if p.served_on and not p.party_present:
        events.append(_event(c, EventKind.SERVE, p.served_on, basis=t.service_basis))
    if p.published_on:
        events.append(_event(c, EventKind.PUBLISH, p.published_on, basis=t.publicity_basis))
    if p.closed_on:
        for stage, medium, on in p.records():
            records.append((c.pk, stage, medium, on, RECORD_TEXT))
            note = t.record_notes[(stage, medium)]
            events.append(_event(c, EventKind.RECORD, on, basis=t.record_basis, note=note))
        events.append(_transition(t, c, "close", p.closed_on, S.DECIDED))


def _status(p) -> str:
    if p.transferred_on:
        return S.TRANSFERRED
    if p.closed_on:
        return S.CLOSED
    if p.decided_on:
        return S.DECIDED
    if p.reviewed_on:
        return S.REVIEWED
    if p.review_requested_on:
        return S.LEGAL_REVIEW
    if p.informed_on:
        return S.INFORMED
    return S.FILED


def _version(p) -> int:
    """1 at filing, +1 for each transition and each recorded save (serve, publish)."""
    steps = [p.informed_on, p.transferred_on, p.review_requested_on, p.reviewed_on, p.decided_on, p.closed_on]
    v = 1 + sum(1 for s in steps if s)
    if p.decided_on and p.served_on and not p.party_present:
        v += 1
    if p.published_on:
        v += 1
    return v
