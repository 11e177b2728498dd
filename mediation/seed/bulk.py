"""The history in bulk: plans written with `core.demo.bulk_insert` in exactly the shapes the services give —
the case with its number from the organisation's yearly series, its CaseEvents with the transition
table's legal bases, the referral, the agreement, the judicial confirmation and the statutory clocks
(`deadlines.Deadline` rows computed by the engine). tests/mediation/test_seed_parity.py compares the
rows with what `drive.py` leaves through the services."""

from __future__ import annotations

import functools
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from core import numbering as sequences
from core.demo import bulk_insert
from deadlines.choices import DeadlineEventKind, DeadlineStatus
from deadlines.engine import compute
from deadlines.models import Deadline, DeadlineEvent
from deadlines.rules import get_rule

from .. import numbering
from ..choices import (
    WORKFLOW,
    AgreementForm,
    CaseSource,
    CaseStatus,
    ConfirmationResult,
    EventKind,
    OtherRoute,
)
from ..deadlines import COURT_ENTRUSTED, JUDICIAL_CONFIRMATION
from ..models import CaseEvent, JudicialConfirmation, MediationAgreement, MediationCase, Referral
from .drive import AGREEMENT, civil_description, court_of, ruling_number

REFER_REASON = "纠纷发生地调解组织就地化解。"
FAIL_REASON = "双方对赔偿数额分歧较大。"
CLOSING = ("agree", "fail", "refuse")


class Serials:
    def __init__(self):
        self.last: dict[tuple[int, int], int] = {}

    def take(self, unit, year: int) -> int:
        key = (unit.pk, year)
        if key not in self.last:
            self.last[key] = sequences.last_serial(scope=numbering.scope(unit), year=year, series="case")
        self.last[key] += 1
        return self.last[key]

    def advance(self) -> None:
        for (unit_id, year), value in self.last.items():
            sequences.advance_to(scope=f"mediation:{unit_id}", year=year, series="case", value=value)


def _routes_display(routes) -> str:
    labels = dict(OtherRoute.choices)
    return "、".join(str(labels[r]) for r in routes)


@functools.lru_cache(maxsize=4096)
def _compute(rule_code: str, trigger):
    return compute(rule_code, trigger)


class Batch:
    """One batch of plans; `serials` is shared by the batches of a run and advanced once at the end."""

    def __init__(self, world, serials: Serials):
        self.world = world
        self.today = timezone.localdate()
        self.serials = serials
        self.cases: list[MediationCase] = []
        self.children: list[tuple[MediationCase, list]] = []  # (case, [unsaved child rows])
        self.mediators: list[tuple[MediationCase, list]] = []
        self.clocks: list[tuple[MediationCase, Deadline, list[DeadlineEvent], list]] = []

    def add(self, plan) -> None:
        d, actor = plan.dates, self.world.actor
        unit = plan.org.unit
        serial = self.serials.take(unit, plan.received_on.year)
        case = MediationCase(
            org_unit=unit,
            registered_unit=unit,
            created_by=actor,
            number=numbering.format_number(unit, plan.received_on.year, serial),
            year=plan.received_on.year,
            serial=serial,
            mediation_type=plan.mediation_type,
            source=plan.source,
            referring_unit=plan.referring_unit,
            dispute=plan.dispute,
            civil_description=civil_description(plan),
            parties=plan.parties,
            subject=plan.subject,
            received_on=plan.received_on,
            materials_received_on=plan.received_on if plan.source == CaseSource.COURT_ENTRUSTED else None,
            consent_recorded=True,
        )
        events = [
            CaseEvent(
                kind=EventKind.REGISTER,
                date=plan.received_on,
                actor=actor,
                note=case.get_source_display(),
                basis=_("《人民调解法》第十七条"),
                to_status=CaseStatus.RECEIVED,
            )
        ]
        rows: list = []
        mediators = plan.org.mediators[:1]
        status = CaseStatus.RECEIVED
        version = 1
        if plan.source == CaseSource.COURT_ENTRUSTED:
            closed = next(d[s] for s in plan.path if s in CLOSING)
            self._clock(case, unit, COURT_ENTRUSTED, plan.received_on, mediators, closed=closed)
        state = {"mediators": mediators, "version": version, "rows": rows}
        for step in plan.path:
            entry = WORKFLOW[step]
            note = self._step(case, plan, step, state, unit)
            events.append(
                CaseEvent(
                    kind=entry.event_kind,
                    date=d[step],
                    actor=actor,
                    note=note,
                    basis=str(entry.basis),
                    from_status=status,
                    to_status=entry.target,
                )
            )
            status = entry.target
            state["version"] += 1
        mediators, version = state["mediators"], state["version"]
        # a bulk row: built with the status the table's transitions lead to (the field is protected)
        fields = {f.attname: getattr(case, f.attname) for f in MediationCase._meta.concrete_fields}
        del fields["id"], fields["status"]
        fields["version"] = version
        final = MediationCase(status=status, **fields)
        self.clocks = [(final if c is case else c, dl, evs, people) for c, dl, evs, people in self.clocks]
        self.cases.append(final)
        self.children.append((final, events + rows))
        self.mediators.append((final, mediators))

    def _step(self, case, plan, step, state, unit) -> str:
        """Apply one step of the plan to the unsaved rows; the note its event carries."""
        w, d, actor = self.world, plan.dates, self.world.actor
        note = ""
        if step == "refer":
            to = plan.refer_to.unit
            note = _("%(a)s → %(b)s：%(r)s") % {"a": unit.name, "b": to.name, "r": REFER_REASON}
            state["rows"].append(
                Referral(
                    from_unit=unit,
                    to_unit=to,
                    from_type=plan.mediation_type,
                    to_type=plan.refer_type,
                    referred_on=d["refer"],
                    reason=REFER_REASON,
                    created_by=actor,
                )
            )
            case.org_unit = to
            case.mediation_type = plan.refer_type
            state["mediators"] = plan.refer_to.mediators[:1]
            state["version"] += 1  # the receiving organisation assigns its mediator (case_update)
        elif step == "start":
            case.started_on = d["start"]
        elif step == "agree":
            case.concluded_on = d["agree"]
            note = str(AgreementForm(plan.form).label)
            state["rows"].append(
                MediationAgreement(
                    form=plan.form,
                    document_number=numbering.agreement_number(case)
                    if plan.form == AgreementForm.WRITTEN
                    else "",
                    effective_on=d["agree"],
                    performance_due_on=d["agree"] + timezone.timedelta(days=15),
                    created_by=actor,
                    **{k: v.format(subject=plan.subject) for k, v in AGREEMENT.items()},
                )
            )
            if plan.confirmable:
                applied = d.get("apply_confirmation")
                self._clock(
                    case,
                    case.org_unit,
                    JUDICIAL_CONFIRMATION,
                    d["agree"],
                    state["mediators"],
                    closed=applied,
                    cancelled=self.today if not applied and "performed" in plan.path else None,
                )
        elif step == "refuse":
            case.concluded_on = d["refuse"]
            case.refused_by = plan.parties.split("、")[1]
            note = _("%(p)s拒绝调解。%(n)s") % {"p": case.refused_by, "n": ""}
        elif step == "fail":
            case.concluded_on = d["fail"]
            case.failure_reason = FAIL_REASON
            note = FAIL_REASON
        elif step == "terminate":
            case.routes_told = ",".join(plan.routes)
            note = _("已告知：%(r)s") % {"r": _routes_display(plan.routes)}
        elif step == "performed":
            case.performed_on = d["performed"]
        elif step == "apply_confirmation":
            court = court_of(plan, w)
            note = court.name
            state["rows"].append(
                JudicialConfirmation(
                    court=court, applied_on=d[step], created_by=actor, result=ConfirmationResult.PENDING
                )
            )
        elif step in ("confirm", "reject_confirmation"):
            confirmation = state["rows"][-1]
            confirmation.result = (
                ConfirmationResult.CONFIRMED if step == "confirm" else ConfirmationResult.REJECTED
            )
            confirmation.ruled_on = d[step]
            confirmation.ruling_number = note = ruling_number(plan, step)
        return note

    def _clock(self, case, unit, rule_code, trigger, mediators, *, closed=None, cancelled=None) -> None:
        result = _compute(rule_code, trigger)
        deadline = Deadline(
            content_type=self.world.ct_case,
            org_unit=unit,
            rule_code=rule_code,
            subject="",  # the case number is known once the case row is built (save())
            trigger_date=trigger,
            raw_end=result.raw_end,
            due_date=result.due,
            trace=[str(x) for x in result.trace],
            calendar_verified=bool(result.calendar_verified),
        )
        actor = self.world.actor
        events = [
            DeadlineEvent(kind=DeadlineEventKind.START, date=trigger, actor=actor, due_after=result.due)
        ]
        if cancelled is not None:
            deadline.status, deadline.closed_on, deadline.version = DeadlineStatus.CANCELLED, cancelled, 2
            events.append(
                DeadlineEvent(
                    kind=DeadlineEventKind.CANCEL,
                    date=cancelled,
                    actor=actor,
                    reason=_("调解协议已履行完毕，无需申请司法确认"),
                )
            )
        elif closed is not None:
            met = closed <= result.due
            deadline.status = DeadlineStatus.MET if met else DeadlineStatus.MISSED
            deadline.closed_on, deadline.version = closed, 2
            events.append(
                DeadlineEvent(
                    kind=DeadlineEventKind.MEET if met else DeadlineEventKind.MISS,
                    date=closed,
                    actor=actor,
                    due_before=result.due,
                    due_after=result.due,
                )
            )
        self.clocks.append((case, deadline, events, [m.user for m in mediators if m.user_id]))

    def save(self) -> int:
        bulk_insert(MediationCase, self.cases)
        through = MediationCase.mediators.through
        bulk_insert(
            through,
            [through(mediationcase_id=c.pk, mediator_id=m.pk) for c, ms in self.mediators for m in ms],
            ids=False,
        )
        by_model = defaultdict(list)
        for case, rows in self.children:
            for row in rows:
                row.case = case
                by_model[type(row)].append(row)
        for model, rows in by_model.items():
            bulk_insert(model, rows)
        deadlines = []
        for case, deadline, _events, _people in self.clocks:
            deadline.object_id = case.pk
            deadline.subject = f"{case.number} {get_rule(deadline.rule_code).label}"
            deadlines.append(deadline)
        bulk_insert(Deadline, deadlines)
        events, responsible = [], []
        people_through = Deadline.responsible.through
        for _case, deadline, evs, people in self.clocks:
            for e in evs:
                e.deadline = deadline
                events.append(e)
            responsible += [people_through(deadline_id=deadline.pk, user_id=p.pk) for p in people]
        bulk_insert(DeadlineEvent, events, ids=False)
        people_through.objects.bulk_create(responsible, ignore_conflicts=True)
        return len(self.cases)
