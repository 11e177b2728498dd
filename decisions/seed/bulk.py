"""The legality-review history written in bulk: the same rows the services write for a `MatterPlan`
(收文 → 起草 → 提交签发 → 签发 → 办结, or still 收文 / 审查中) — the matter with its number
(core.numbering, advanced), reviewers, timeline events with their legal basis, the signed opinion
with its 天司法审〔YYYY〕N号 number, the review clock (due date from the deadline engine, met or
missed on the signing day) and the advisers' consultations. Checked field by field against
`drive_matter` (the services) by tests/decisions/test_seed_parity.py. The clocks' own change log
(DeadlineEvent) is left to the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from core import numbering as sequences
from core.demo import bulk_insert
from deadlines.choices import DeadlineStatus
from deadlines.engine import compute
from deadlines.models import Deadline
from deadlines.rules import get_rule

from .. import deadlines as clocks
from .. import services
from ..choices import ASPECTS, MATTER_WORKFLOW, Finding, MatterEventKind, MatterStatus
from ..models import AdvisorConsultation, LegalAffairsMatter, MatterEvent, ReviewOpinion
from ..services._common import opinion_number, unit_code

M = MatterStatus
QUESTION = "决策草案的合法性"
ADVICE = "经审查，草案主体适格、权限合法，建议完善法律依据表述。"
PROBLEM_TEXT = "部分条款法律依据引用不准确。"


@dataclass(frozen=True)
class MatterPlan:
    """One legality-review matter of the demo: where it ends and when each step was taken."""

    kind: str
    title: str
    unit_index: int
    received: date
    end: str  # received / reviewing / signed / closed (drafting / pending_sign: services only)
    conclusion: str = "lawful"
    consult: int = 0  # advisers consulted (the day after receipt), 0–2
    advisor_index: int = 0
    hours: int = 1

    @property
    def drafted(self) -> date:
        return self.received + timedelta(days=5)

    @property
    def signed(self) -> date:
        return self.drafted + timedelta(days=2)

    @property
    def closed(self) -> date:
        return self.drafted + timedelta(days=4)

    @property
    def findings(self) -> dict:
        if self.conclusion == "lawful":
            return {}
        return {"basis": Finding.PROBLEM, "basis_text": PROBLEM_TEXT}


@lru_cache(maxsize=4096)
def _compute(rule_code: str, trigger: date):
    return compute(rule_code, trigger)


def drive_matter(world, plan: MatterPlan):
    """The same plan through the services (a handful per state in the demo, and the parity test)."""
    m = services.matter_register(
        actor=world.drafter,
        body=world.body,
        kind=plan.kind,
        title=plan.title,
        requesting_unit=world.units[plan.unit_index % len(world.units)],
        received_on=plan.received,
        reviewers=[world.drafter, world.signer],
    )
    for k in range(plan.consult):
        services.consultation_record(
            actor=world.drafter,
            advisor=world.advisors[(plan.advisor_index + k) % len(world.advisors)],
            matter=m,
            question=_(QUESTION),
            opinion=_(ADVICE),
            consulted_on=plan.received + timedelta(days=1),
            hours=plan.hours,
        )
    if plan.end == M.REVIEWING:
        services.matter_start_review(matter=m, actor=world.drafter, on=plan.received + timedelta(days=1))
    if plan.end in (M.DRAFTING, M.PENDING_SIGN, M.SIGNED, M.CLOSED):
        services.opinion_draft(
            matter=m, actor=world.drafter, findings=plan.findings, conclusion=plan.conclusion, on=plan.drafted
        )
    if plan.end in (M.PENDING_SIGN, M.SIGNED, M.CLOSED):
        services.opinion_submit(matter=m, actor=world.drafter, on=plan.drafted)
    if plan.end in (M.SIGNED, M.CLOSED):
        services.opinion_sign(matter=m, actor=world.signer, on=plan.signed)
    if plan.end == M.CLOSED:
        services.matter_close(matter=m, actor=world.drafter, on=plan.closed)
    return m


class _Rows:
    def __init__(self, world):
        self.world = world
        self.ct = ContentType.objects.get_for_model(LegalAffairsMatter)
        self.events, self.clocks, self.opinions, self.consultations = [], [], [], []
        self.owners = []

    def event(self, m, kind, on, *, basis="", note="", from_status="", to_status="", actor=None):
        self.events.append(
            MatterEvent(
                matter=m,
                kind=kind,
                date=on,
                actor=actor or self.world.drafter,
                basis=str(basis),
                note=str(note),
                from_status=from_status,
                to_status=to_status,
            )
        )

    def transition(self, m, name, on, *, note="", actor=None):
        entry = MATTER_WORKFLOW.by_name[name]
        before = m.status
        self.event(
            m,
            entry.event_kind,
            on,
            basis=entry.basis,
            note=note,
            from_status=before,
            to_status=entry.target,
            actor=actor,
        )
        m.__dict__["status"] = entry.target
        m.version += 1


def _clock(rows: _Rows, m, closed_on):
    result = _compute(clocks.MATTER_REVIEW, m.received_on)
    status = DeadlineStatus.OPEN
    if closed_on is not None:
        closed_on = min(closed_on, rows.world.today)
        if get_rule(clocks.MATTER_REVIEW).direction == "at_least":
            closed_on = max(min(closed_on, result.due), m.received_on)
        status = DeadlineStatus.MET if closed_on <= result.due else DeadlineStatus.MISSED
    rows.owners.append(m)  # the clock's object_id once the matter is written
    rows.clocks.append(
        Deadline(
            content_type=rows.ct,
            org_unit=m.org_unit,
            rule_code=clocks.MATTER_REVIEW,
            subject=f"{m.number} {get_rule(clocks.MATTER_REVIEW).label}",
            trigger_date=m.received_on,
            raw_end=result.raw_end,
            due_date=result.due,
            trace=[str(line) for line in result.trace],
            calendar_verified=bool(result.calendar_verified),
            status=status,
            closed_on=closed_on,
        )
    )
    return result.due


def _numbers(body, series: str, days: list[date]) -> dict[int, list[int]]:
    """Serials per year in the order of `days` (core.numbering: taken from, and advancing, the series)."""
    scope = f"decisions:{body.pk}"
    counts: dict[int, int] = {}
    for d in days:
        counts[d.year] = counts.get(d.year, 0) + 1
    return {
        y: list(sequences.reserve(scope=scope, year=y, series=series, count=n)) for y, n in counts.items()
    }


def write(world, plans: list[MatterPlan]) -> list[LegalAffairsMatter]:
    """Write `plans` in bulk (every step already taken, nothing after today)."""
    if not plans:
        return []
    _compute.cache_clear()  # the work calendar may have changed since the last run
    body, w = world.body, world
    plans = sorted(plans, key=lambda p: p.received)
    serials = _numbers(body, "matter", [p.received for p in plans])
    matters = []
    for p in plans:
        serial = serials[p.received.year].pop(0)
        due = _compute(clocks.MATTER_REVIEW, p.received).due
        matters.append(
            LegalAffairsMatter(
                org_unit=body,
                created_by=w.drafter,
                number=f"{unit_code(body)}-SC{p.received.year}-{serial:04d}",
                year=p.received.year,
                serial=serial,
                kind=p.kind,
                title=p.title,
                requesting_unit=w.units[p.unit_index % len(w.units)],
                received_on=p.received,
                due_on=due,
                status=M.RECEIVED,
                version=1,  # the due date is saved with update_fields (no new version)
            )
        )
    rows = _Rows(world)
    signed = [p for p in plans if p.end in (M.SIGNED, M.CLOSED)]
    by_day = sorted(signed, key=lambda p: p.signed)
    numbers = _numbers(body, "opinion", [p.signed for p in by_day])
    opinion_serial = {id(p): numbers[p.signed.year].pop(0) for p in by_day}
    now = timezone.now()
    for p, m in zip(plans, matters, strict=True):
        _history(rows, p, m, opinion_serial.get(id(p)), now)  # the matter's final state, then its rows
    bulk_insert(LegalAffairsMatter, matters)
    for clock, m in zip(rows.clocks, rows.owners, strict=True):
        clock.object_id = m.pk
    through = LegalAffairsMatter.reviewers.through
    bulk_insert(
        through,
        [
            through(legalaffairsmatter_id=m.pk, user_id=u.pk)
            for m in matters
            for u in dict.fromkeys((w.drafter, w.signer))
        ],
        ids=False,
    )
    bulk_insert(ReviewOpinion, rows.opinions)
    bulk_insert(MatterEvent, rows.events, ids=False)
    bulk_insert(Deadline, rows.clocks)
    responsible = Deadline.responsible.through
    bulk_insert(
        responsible,
        [
            responsible(deadline_id=c.pk, user_id=u.pk)
            for c in rows.clocks
            for u in dict.fromkeys((w.drafter, w.signer))
        ],
        ids=False,
    )
    bulk_insert(AdvisorConsultation, rows.consultations)
    return matters


def _history(rows: _Rows, p: MatterPlan, m, serial, now) -> None:
    w = rows.world
    rows.event(
        m,
        MatterEventKind.REGISTER,
        p.received,
        note=_("收文登记"),
        basis=_("《重大行政决策程序暂行条例》第二十六条"),
    )
    for k in range(p.consult):
        rows.consultations.append(
            AdvisorConsultation(
                advisor=w.advisors[(p.advisor_index + k) % len(w.advisors)],
                org_unit=m.org_unit,
                matter=m,
                created_by=w.drafter,
                question=_(QUESTION),
                opinion=_(ADVICE),
                consulted_on=p.received + timedelta(days=1),
                hours=Decimal(p.hours),
            )
        )
    closed_on = None
    if p.end == M.REVIEWING:
        rows.transition(m, "start_review", p.received + timedelta(days=1))
    if p.end in (M.SIGNED, M.CLOSED):
        opinion = ReviewOpinion(matter=m, drafter=w.drafter, conclusion=p.conclusion, citations="")
        for name, _label in ASPECTS:
            setattr(opinion, name, p.findings.get(name, Finding.LAWFUL))
            setattr(opinion, f"{name}_text", p.findings.get(f"{name}_text", ""))
        rows.transition(m, "draft_opinion", p.drafted)
        rows.transition(m, "submit", p.drafted)
        opinion.signer = w.signer
        opinion.signed_at = now
        opinion.signed_on = p.signed
        opinion.document_year = p.signed.year
        opinion.document_serial = serial
        opinion.document_number = opinion_number(m.org_unit, p.signed.year, serial)
        opinion.version = 2  # drafted, then signed
        rows.opinions.append(opinion)
        rows.transition(m, "sign", p.signed, note=opinion.document_number, actor=w.signer)
        closed_on = p.signed
    if p.end == M.CLOSED:
        m.closed_on = p.closed
        rows.transition(m, "close", p.closed)
    _clock(rows, m, closed_on)
