# ruff: noqa: S311 - deterministic demo data (random.Random(seed)), never security
"""The history in bulk: plans written with `core.demo.bulk_insert` in the shapes the services give —
the status with its dates, the CaseEvents with their legal basis (`seed.bases`), the decision with its
computed correction classification, the three tiers' opinions, hearings, committee meetings and
consultations, mediation sessions, suspensions, and every statutory clock (`seed.clockrows`),
numbered from the same per-body, per-year series as `reconsideration.numbering`."""

from __future__ import annotations

import random

from django.db import transaction

from core import numbering as sequences
from core.demo import bulk_insert
from disputes import services as dispute_services
from disputes.choices import DisputeStatus
from disputes.models import Dispute, Party

from .. import deadlines as clocks
from .. import numbering, services
from ..choices import DIRECTLY_CORRECTING_OUTCOMES, DocumentKind, EventKind, IntakeChannel
from ..choices import CaseStatus as S
from ..choices import DecisionOutcome as OUT
from ..models import ReconsiderationCase
from .bases import basis
from .clockrows import ClockRows
from .data import REQUESTS, act_number
from .plan import SETTLED, Plan, draw_plan
from .trial import NOT_MEDIATED, TrialRows

CONCLUDED = (S.DECIDED, S.MEDIATED, S.TERMINATED, S.CLOSED, S.ARCHIVED, S.REJECTED, S.ABANDONED)
CORRECTION_ITEMS = "1. 申请人身份证明；\n2. 行政行为的有关材料。"


class Serials:
    """Per (body, year, kind) serials taken in bulk; the sequences are advanced at the end of each
    batch. One `Serials` serves every batch of a run (each series read once, not once per batch)."""

    def __init__(self):
        self.last: dict[tuple[int, int, str], int] = {}

    def take(self, body, year: int, kind: str) -> int:
        key = (body.pk, year, kind)
        if key not in self.last:
            self.last[key] = numbering.last_serial(body_id=body.pk, year=year, kind=kind)
        self.last[key] += 1
        return self.last[key]

    def number(self, body, year: int, kind: str) -> str:
        return numbering.format_number(body, year, self.take(body, year, kind), kind)

    def save(self) -> None:
        numbering.advance_serials(self.last)


def seed_history(world, *, start: int, count: int, batch: int = 250) -> int:
    """Cases `start` … `start + count - 1` of the history, `batch` to a transaction."""
    bodies = list(world.bodies)
    serials = Serials()
    made = 0
    while made < count:
        n = min(batch, count - made)
        plans = [draw_plan(world, start + made + k, bodies) for k in range(n)]
        with transaction.atomic():
            write(world, plans, serials)
        made += n
    return made


def write(world, plans: list[Plan], serials: Serials | None = None) -> list[ReconsiderationCase]:
    """Write `plans` (one batch): disputes, cases, then everything that hangs on the case."""
    serials = serials or Serials()
    disputes = _disputes(world, plans)
    cases = [
        _case(plan, dispute, serials, world.today) for plan, dispute in zip(plans, disputes, strict=True)
    ]
    bulk_insert(ReconsiderationCase, cases)
    rows = CaseRows(world, serials)
    for plan, case in zip(plans, cases, strict=True):
        rows.case(plan, case)
    rows.save()
    serials.save()
    return cases


def _dispute_numbers(n: int, year: int) -> list[str]:
    """The next `n` numbers of the year's dispute series (core.numbering), as dispute_create takes them."""
    serials = sequences.reserve(scope=dispute_services.NUMBER_SCOPE, year=year, count=n)
    return [dispute_services.format_dispute_number(year, v) for v in serials]


def _disputes(world, plans: list[Plan]) -> list[Dispute]:
    """The disputes and their claimants (numbered in this year's dispute series, like dispute_create)."""
    disputes = []
    for plan, number in zip(plans, _dispute_numbers(len(plans), world.today.year), strict=True):
        resolved = plan.outcome in SETTLED or plan.outcome in DIRECTLY_CORRECTING_OUTCOMES
        status = DisputeStatus.OPEN
        if plan.status in CONCLUDED and plan.concluded:
            status = DisputeStatus.RESOLVED if resolved else DisputeStatus.CLOSED
        disputes.append(
            Dispute(
                number=number,
                org_unit=plan.respondent,
                created_by=plan.officer,
                respondent=plan.respondent,
                act_type=plan.act_type,
                sector=plan.sector,
                act_date=plan.act_date,
                act_document_number=act_number(
                    plan.respondent, plan.act_type, plan.act_date.year, plan.index % 300 + 1
                ),
                summary=REQUESTS[plan.act_type],
                status=status,
                resolved_at=plan.concluded if status != DisputeStatus.OPEN else None,
                resolved_substantively=True
                if status == DisputeStatus.RESOLVED and plan.outcome in SETTLED
                else None,
            )
        )
    bulk_insert(Dispute, disputes)
    pairs = zip(plans, disputes, strict=True)
    bulk_insert(Party, [Party(dispute=d, created_by=p.officer, **p.party) for p, d in pairs])
    return disputes


def _case(plan: Plan, dispute: Dispute, serials: Serials, today) -> ReconsiderationCase:
    year = plan.received.year
    serial = serials.take(plan.body.unit, year, DocumentKind.CASE)
    period = services.application_period(knew_of_act_on=plan.knew, submitted_on=plan.received)
    correction = plan.correction or (None, None, None)
    return ReconsiderationCase(
        number=numbering.format_number(plan.body.unit, year, serial),
        year=year,
        serial=serial,
        org_unit=plan.body.unit,
        created_by=plan.officer,
        dispute=dispute,
        handler=None if plan.status == S.RECEIVED else plan.officer,
        respondent=plan.respondent,
        act_type=plan.act_type,
        act_date=plan.act_date,
        act_document_number=dispute.act_document_number,
        act_amount=plan.amount,
        requests=REQUESTS[plan.act_type],
        facts_and_reasons=plan.reason,
        channel=random.Random(plan.index * 7).choice(IntakeChannel.values[:3]),
        submitted_on=plan.received,
        received_on=plan.received,
        knew_of_act_on=plan.knew,
        application_due_on=period.due,
        application_trace=period.trace,
        is_late=period.late,
        delay_reason="申请人因住院治疗耽误申请期限。" if period.late else "",
        correction_items=CORRECTION_ITEMS if plan.correction else "",
        correction_notice_sent_on=correction[0],
        correction_notice_received_on=correction[1],
        correction_received_on=correction[2],
        accepted_on=plan.accepted,
        is_deemed_accepted=plan.deemed,
        procedure=plan.procedure,
        simple_ground=plan.simple_ground,
        is_major_difficult_complex=plan.major,
        is_highly_technical=plan.technical,
        copy_sent_on=plan.copy_sent,
        respondent_received_copy_on=plan.copy_received,
        reply_received_on=plan.reply,
        reply_with_evidence=True if plan.reply else None,
        mediation_attempted=plan.mediation_attempted,
        # recorded with the draft when no session was held (复议法第五条)
        mediation_not_attempted_reason=NOT_MEDIATED
        if not plan.mediation_attempted and plan.draft_day(today) is not None
        else "",
        status=plan.status,
        concluded_on=plan.concluded,
        closed_on=plan.closed,
        archived_on=plan.archived,
        archive_number=f"FY-{plan.archived.year}-{serial:04d}" if plan.archived else "",
    )


class CaseRows(TrialRows):
    """Everything that hangs on the cases of one batch, collected stage by stage, then written."""

    def __init__(self, world, serials: Serials):
        super().__init__(world, serials)
        self.clocks = ClockRows(world, serials)

    def event(self, case, kind, on, note="", *, frm="", to="", actor=None, plan=None) -> None:
        actor = actor if actor is not None else (plan.officer if plan else None)
        # a CaseEvent row (writer.EVENT_FIELDS)
        self.events.append((case.pk, kind, on, actor.pk if actor else None, note, basis(kind), frm, to))

    def transition(self, plan, case, name: str, on, note="", *, frm, to, actor=None, system=False) -> None:
        """The event of transition `name` (its basis from the transition table)."""
        self.event(case, name, on, note, frm=frm, to=to, actor=None if system else (actor or plan.officer))

    def case(self, plan: Plan, case: ReconsiderationCase) -> None:
        self.register(plan, case)
        review_from = self.correction(plan, case)
        if review_from is None:
            return
        if not self.review(plan, case, review_from):
            return
        if plan.outcome == OUT.NOT_ACCEPTED:
            self.rejection(plan, case)
            return
        self.acceptance(plan, case)
        self.trial(plan, case)
        self.tiers(plan, case)
        self.decision_clock(plan, case)
        if plan.concluded is not None:
            self.conclusion(plan, case)

    def register(self, plan: Plan, case) -> None:
        note = f"申请期限届满日 {case.application_due_on:%Y-%m-%d}；在申请期限内。"
        self.event(case, EventKind.REGISTER, plan.received, note, to=S.RECEIVED, plan=plan)
        if plan.status != S.RECEIVED:
            note = f"承办人：{plan.officer.display_name}"
            self.transition(
                plan, case, "start_review", plan.received, note, frm=S.RECEIVED, to=S.UNDER_REVIEW
            )

    def correction(self, plan: Plan, case):
        """补正 (复议法第三十一条): the day the acceptance review runs from, or None when the case
        stops here (awaiting the materials, or abandoned)."""
        if not plan.correction:
            return plan.received
        sent, got, back = plan.correction
        items = case.correction_items
        self.transition(
            plan, case, "request_correction", sent, items, frm=S.UNDER_REVIEW, to=S.AWAITING_CORRECTION
        )
        self.event(case, EventKind.NOTICE_RECEIVED, got, plan=plan)
        self.clocks.add(
            plan, case, clocks.ACCEPTANCE_REVIEW, plan.received, cancelled=sent, cancel_reason="已通知补正"
        )
        self.clocks.add(plan, case, clocks.CORRECTION_NOTICE, plan.received, closed=sent)
        if back is None and plan.status == S.AWAITING_CORRECTION:
            self.clocks.add(plan, case, clocks.CORRECTION_REPLY, got)
            return None
        if back is None:  # 视为放弃 (复议法第三十一条第二款)
            note = "补正期限届满，申请人逾期未补正，视为放弃行政复议申请。"
            frm, to = S.AWAITING_CORRECTION, S.ABANDONED
            self.transition(plan, case, "deem_abandoned", plan.concluded, note, frm=frm, to=to, system=True)
            self.clocks.add(plan, case, clocks.CORRECTION_REPLY, got, closed=plan.concluded)
            if plan.closed:
                self.transition(plan, case, "close", plan.closed, frm=S.ABANDONED, to=S.CLOSED)
            return None
        self.transition(plan, case, "receive_correction", back, frm=S.AWAITING_CORRECTION, to=S.UNDER_REVIEW)
        self.clocks.add(plan, case, clocks.CORRECTION_REPLY, got, closed=back)
        return back

    def review(self, plan: Plan, case, review_from) -> bool:
        """The acceptance review's clocks (复议法第三十条、第三十一条); False while still in review."""
        intake = plan.status in (S.RECEIVED, S.UNDER_REVIEW)
        decided = plan.accepted or (plan.concluded if plan.outcome == OUT.NOT_ACCEPTED else None)
        self.clocks.add(plan, case, clocks.ACCEPTANCE_REVIEW, review_from, closed=None if intake else decided)
        if not plan.correction:
            if intake:
                self.clocks.add(plan, case, clocks.CORRECTION_NOTICE, plan.received)
            else:
                reason = "申请已受理，无需补正" if plan.accepted else "已决定不予受理"
                self.clocks.add(
                    plan,
                    case,
                    clocks.CORRECTION_NOTICE,
                    plan.received,
                    cancelled=decided,
                    cancel_reason=reason,
                )
        return not intake
