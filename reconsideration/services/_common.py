"""Small helpers shared by the reconsideration services: dates, text, the case row lock and the
conclusion of a case (decision, 调解书 or termination)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.inputs import check_date as _check_date
from core.inputs import require_text as _require_text  # noqa: F401 (the services import them here)
from core.inputs import text as _text  # noqa: F401
from core.inputs import today as _today
from core.workflow import lock
from deadlines.models import DeadlineEvent

from .. import deadlines as clocks
from .. import numbering
from ..choices import WORKFLOW, CorrectionKind, DocumentKind, correction_kind
from ..models import (
    CaseDecision,
    CaseSuspension,
    Hearing,
    OpinionLetter,
    ReconsiderationCase,
)


def _fmt(d: date | None) -> str:
    return f"{d:%Y-%m-%d}" if d else ""


def _on(on: date | None, case=None) -> date:
    """The date an act was done (default: today) — not in the future, not before the application.
    Lets the demo seeder and data migration record past acts on their real dates."""
    if on is None:
        return _today()
    return _check_date(
        on,
        field="on",
        label=_("日期"),
        not_before=case.received_on if case is not None else None,
        before_label=_("收到申请日期"),
    )


def _lock(case: ReconsiderationCase, *, version: int | None = None) -> ReconsiderationCase:
    """The case row under select_for_update (its body, respondent, handler and dispute read along)."""
    return lock(case, version=version, related=("org_unit", "respondent", "handler", "dispute"))


def _conclude(case, decision: CaseDecision, name: str, *, on: date, actor, note: str) -> CaseDecision:
    """Store the outcome with its computed correction classification, transition, close the clocks."""
    kind = correction_kind(decision.outcome, agency_changed_act=decision.agency_changed_act)
    decision.is_directly_corrected = kind == CorrectionKind.DIRECT
    decision.is_indirectly_corrected = kind == CorrectionKind.INDIRECT
    decision.full_clean()
    decision.save()
    case.concluded_on = on
    WORKFLOW.apply(case, name, on=on, actor=actor, note=note)
    clocks.on_concluded(case, concluded_on=on, actor=actor)
    return decision


def _number_taken(body, kind: str, number: str) -> bool:
    """Whether a document of the body already bears `number` (the series' mark is in the number)."""
    if kind == DocumentKind.SUSPENSION_NOTICE:
        return CaseSuspension.objects.filter(case__org_unit=body, notice_number=number).exists()
    if kind == DocumentKind.RESUMPTION_NOTICE:
        return CaseSuspension.objects.filter(case__org_unit=body, resume_notice_number=number).exists()
    if kind == DocumentKind.HEARING_NOTICE:
        return Hearing.objects.filter(case__org_unit=body, notice_number=number).exists()
    if kind == DocumentKind.OPINION_LETTER:
        return OpinionLetter.objects.filter(org_unit=body, document_number=number).exists()
    if kind == DocumentKind.EXTENSION_NOTICE:
        return DeadlineEvent.objects.filter(deadline__org_unit=body, reference=number).exists()
    return CaseDecision.objects.filter(case__org_unit=body, document_number=number).exists()


def _document_number(typed: str | None, *, case, on: date | None, kind: str, field: str) -> str:
    """The number of a document the service stores: the typed one (checked: the series' form, not
    used yet) or, when blank, the next of the body's `kind` series for the year of `on` — taken in
    the service's transaction, so a refused act gives its serial back (reconsideration.numbering)."""
    body = case.org_unit
    return numbering.document_number(
        typed,
        body=body,
        year=(on or _today()).year,
        kind=kind,
        taken=lambda number: _number_taken(body, kind, number),
        field=field,
    )
