"""The supervision history written in bulk: the same rows the services write for a plan.

- a `FilingPlan` (报备 → 予以备案 / 责令纠正 / 建议撤销, or still 已报备): the filing, its events with
  their legal basis and its clock `sup.filing` (due date from the deadline engine, met or missed on
  the filing day);
- a `FilePlan` (a self-checked or sampled case file): the file, each reviewer's score sheet (the
  consensus sheet last) and the file's score, veto hits and grade computed by the same rules
  (services/gates.py).

Checked field by field against the services (`drive_filing`, `drive_file`) by
tests/supervision/test_seed_parity.py. The clocks' own change log (DeadlineEvent) is left to the
services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from core.demo import bulk_insert
from deadlines.choices import DeadlineStatus
from deadlines.engine import compute
from deadlines.models import Deadline
from deadlines.rules import get_rule

from .. import deadlines as clocks
from .. import services
from ..choices import FILING_RESULT_TRANSITION, FILING_WORKFLOW, FilingEventKind, FilingStatus
from ..models import DecisionFiling, FilingEvent, ReviewedFile, ScoreSheet
from ..services import gates


@dataclass(frozen=True)
class FilingPlan:
    """One filing of the demo: an external major decision, filed and (perhaps) reviewed."""

    agency: object
    decision_number: str
    decision_summary: str
    decided: date
    filed: date
    result: str = ""  # a FilingStatus value once reviewed, "" while still 已报备
    reviewed: date | None = None
    reasons: str = ""
    late_reason: str = ""


@dataclass(frozen=True)
class Sheet:
    reviewer: object
    deductions: dict
    vetoes: tuple = ()
    consensus: bool = False
    note: str = ""


@dataclass(frozen=True)
class FilePlan:
    """One case file of a campaign with its score sheets in the order they were recorded."""

    campaign: object
    agency: object
    file_number: str
    sampled: bool
    scored: date
    sheets: tuple = field(default_factory=tuple)
    actor: object = None  # who adds the file (the Bureau's reviewer, or the agency's recorder)


@lru_cache(maxsize=8192)
def _compute(rule_code: str, trigger: date):
    return compute(rule_code, trigger)


# --- through the services -----------------------------------------------------------------------------


def drive_filing(plan: FilingPlan, *, filer, reviewer) -> DecisionFiling:
    filing = services.filing_submit(
        actor=filer,
        agency=plan.agency,
        decision_number=plan.decision_number,
        decision_summary=plan.decision_summary,
        decided_on=plan.decided,
        filed_on=plan.filed,
        late_reason=plan.late_reason,
    )
    if plan.result:
        filing = services.filing_review(
            actor=reviewer, filing=filing, result=plan.result, reasons=plan.reasons, on=plan.reviewed
        )
    return filing


def drive_file(plan: FilePlan) -> ReviewedFile:
    f = services.file_add(
        actor=plan.actor,
        campaign=plan.campaign,
        agency=plan.agency,
        file_number=plan.file_number,
        sampled=plan.sampled,
    )
    for s in plan.sheets:
        f = services.file_score(
            actor=s.reviewer,
            file=f,
            deductions=s.deductions,
            vetoes=s.vetoes,
            note=s.note,
            on=plan.scored,
            consensus=s.consensus,
        )
    return f


# --- in bulk ---------------------------------------------------------------------------------------------


def write_filings(plans: list[FilingPlan], *, filers: dict, reviewer) -> list[DecisionFiling]:
    """`filers`: agency pk → the agency's member of staff who files."""
    if not plans:
        return []
    _compute.cache_clear()  # the work calendar may have changed since the last run
    ct = ContentType.objects.get_for_model(DecisionFiling)
    rule = get_rule(clocks.FILING)
    filings, events, deadlines = [], [], []
    for p in plans:
        result = _compute(clocks.FILING, p.decided)
        filer = filers.get(p.agency.pk)
        f = DecisionFiling(
            org_unit=p.agency.org_unit,
            created_by=filer,
            agency=p.agency,
            decision_number=p.decision_number,
            decision_summary=p.decision_summary,
            decided_on=p.decided,
            filed_on=p.filed,
            due_on=result.due,
            is_late=p.filed > result.due,
            late_reason=p.late_reason,
            status=FilingStatus.SUBMITTED,
            version=1,
        )
        events.append(
            FilingEvent(
                filing=f,
                kind=FilingEventKind.SUBMIT,
                date=p.filed,
                actor=filer,
                to_status=FilingStatus.SUBMITTED,
                note=_("逾期报备") if f.is_late else "",
            )
        )
        if p.result:
            entry = FILING_WORKFLOW.by_name[FILING_RESULT_TRANSITION[p.result]]
            f.__dict__["status"] = entry.target
            f.reviewer = reviewer
            f.reviewed_on = p.reviewed
            f.review_reasons = p.reasons
            f.version += 1
            events.append(
                FilingEvent(
                    filing=f,
                    kind=entry.event_kind,
                    date=p.reviewed,
                    actor=reviewer,
                    basis=str(entry.basis),
                    note=p.reasons,
                    from_status=FilingStatus.SUBMITTED,
                    to_status=entry.target,
                )
            )
        filings.append(f)
        deadlines.append(
            Deadline(
                content_type=ct,
                org_unit=f.org_unit,
                rule_code=clocks.FILING,
                subject=f"{f.decision_number} {rule.label}",
                trigger_date=p.decided,
                raw_end=result.raw_end,
                due_date=result.due,
                trace=[str(line) for line in result.trace],
                calendar_verified=bool(result.calendar_verified),
                status=DeadlineStatus.MISSED if f.is_late else DeadlineStatus.MET,
                closed_on=p.filed,
            )
        )
    bulk_insert(DecisionFiling, filings)
    for e in events:
        e.filing_id = e.filing.pk
    for clock, f in zip(deadlines, filings, strict=True):
        clock.object_id = f.pk
    bulk_insert(FilingEvent, events, ids=False)
    bulk_insert(Deadline, deadlines)
    return filings


def write_files(plans: list[FilePlan], *, items: dict, thresholds: tuple[Decimal, Decimal]) -> int:
    """`items`: the rubric's code → points; `thresholds`: (优秀, 合格) of the campaigns' rubric."""
    if not plans:
        return 0
    excellent_from, pass_from = thresholds
    files, sheets = [], []
    for p in plans:
        f = ReviewedFile(
            campaign=p.campaign,
            agency=p.agency,
            file_number=p.file_number,
            sampled=p.sampled,
            created_by=p.actor,
        )
        mine = [
            _SheetRow(
                reviewer_id=s.reviewer.pk,
                deductions={k: str(v) for k, v in s.deductions.items() if Decimal(str(v)) != 0},
                vetoes=gates.check_vetoes(s.vetoes),
                score=gates.compute_score(items, s.deductions),
                is_consensus=s.consensus,
                scored_on=p.scored,
                note=s.note,
                created_by_id=s.reviewer.pk,
            )
            for s in p.sheets
        ]
        score, vetoes, needs = gates.combine(mine, sampled=p.sampled)
        f.score, f.vetoes, f.needs_consensus = score, vetoes, needs
        f.grade = gates.grade_for(
            None if needs else score, vetoes, excellent_from=excellent_from, pass_from=pass_from
        )
        files.append(f)
        sheets.append(mine)
    bulk_insert(ReviewedFile, files)
    rows = [(f.pk, *sheet) for f, mine in zip(files, sheets, strict=True) for sheet in mine]
    bulk_insert(ScoreSheet, rows, fields=("file_id", *_SheetRow._fields))
    return len(files)


class _SheetRow(NamedTuple):
    """A ScoreSheet's values but its file (what `gates.combine` reads of a sheet)."""

    reviewer_id: int
    deductions: dict
    vetoes: list
    score: Decimal
    is_consensus: bool
    scored_on: date
    note: str
    created_by_id: int
