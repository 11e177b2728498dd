"""The demo history written in bulk: the same rows the services write for a plan (seed/drive.py) —
cases, defendants, hearings, attendance, timeline events and statutory clocks (their due dates from
the deadline engine, never typed) — checked by tests/litigation/test_seed_parity.py. The clocks'
own change log (DeadlineEvent) is left to the services."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from core import numbering as sequences
from core.demo import bulk_insert
from deadlines.choices import DeadlineStatus
from deadlines.engine import compute
from deadlines.models import Deadline
from deadlines.rules import get_rule
from disputes import services as dispute_services
from disputes.models import Dispute, Party

from .. import deadlines as clocks
from ..choices import (
    APPEARANCE_RULES,
    WORKFLOW,
    CaseStatus,
    DefendantRole,
    EventKind,
    Instance,
    Procedure,
    outcome_form,
)
from ..models import Attendance, CaseEvent, Defendant, Hearing, LitigationCase
from ..services import gates
from ..services.intake import NUMBER_SCOPE, case_number
from .drive import CAUSES, attendance_fields, claimant, court_case_number, dispute_fields


@lru_cache(maxsize=8192)
def _compute(rule_code: str, trigger):
    """The engine's result (pure for a given calendar; the seeder runs on one calendar)."""
    return compute(rule_code, trigger)


class _Rows:
    def __init__(self, world):
        self.world = world
        self.ct = ContentType.objects.get_for_model(LitigationCase)
        self.events, self.clocks, self.defendants, self.hearings, self.attendances = [], [], [], [], []

    def event(self, case, kind, on, *, basis="", note="", from_status="", to_status=""):
        self.events.append(
            CaseEvent(
                case=case,
                kind=kind,
                date=on,
                actor=self.world.officer,
                basis=str(basis),
                note=str(note),
                from_status=from_status,
                to_status=to_status,
            )
        )

    def transition(self, case, name, on, *, note=""):
        entry = WORKFLOW[name]
        before = case.status
        self.event(
            case,
            entry.event_kind,
            on,
            basis=entry.basis,
            note=note,
            from_status=before,
            to_status=entry.target,
        )
        return entry.target

    def clock(self, case, rule_code, trigger, *, closed_on=None, cancelled=False):
        result = _compute(rule_code, trigger)
        status = DeadlineStatus.OPEN
        if cancelled:
            status, closed_on = DeadlineStatus.CANCELLED, self.world.today
        elif closed_on is not None:
            status = DeadlineStatus.MET if closed_on <= result.due else DeadlineStatus.MISSED
        self.clocks.append(
            Deadline(
                content_type=self.ct,
                object_id=case.pk,
                org_unit=case.org_unit,
                rule_code=rule_code,
                subject=f"{case} {get_rule(rule_code).label}",
                trigger_date=trigger,
                raw_end=result.raw_end,
                due_date=result.due,
                trace=[str(line) for line in result.trace],
                calendar_verified=bool(result.calendar_verified),
                status=status,
                closed_on=closed_on,
            )
        )
        return result.due


def _disputes(world, plans) -> list[Dispute]:
    year = world.today.year
    serials = sequences.reserve(scope=dispute_services.NUMBER_SCOPE, year=year, count=len(plans))
    disputes = []
    for plan, serial in zip(plans, serials, strict=True):
        fields = dispute_fields(plan, world.agency(plan))
        disputes.append(
            Dispute(
                number=dispute_services.format_dispute_number(year, serial),
                org_unit=fields["respondent"],
                created_by=world.officer,
                **fields,
            )
        )
    bulk_insert(Dispute, disputes)
    bulk_insert(
        Party,
        [
            Party(dispute=d, created_by=world.officer, **claimant(p))
            for p, d in zip(plans, disputes, strict=True)
        ],
    )
    return disputes


def _new_case(
    world, plan, dispute, *, serial, instance, previous=None, received, court, number_text, docketed
):
    agency = world.agency(plan)
    return LitigationCase(
        org_unit=agency,
        created_by=world.officer,
        number=case_number(received.year, serial),
        year=received.year,
        serial=serial,
        dispute=dispute,
        court=court,
        court_case_number=number_text,
        instance=instance,
        previous=previous,
        procedure=Procedure.SIMPLE if plan.simple and instance == Instance.FIRST else Procedure.ORDINARY,
        cause=CAUSES[plan.act_type],
        act_type=plan.act_type,
        sector=plan.sector,
        public_concern=plan.public_concern,
        complaint_received_on=received,
        docketed_on=docketed,
        status=CaseStatus.RESPONDING,
    )


def _serials(cases_by_year: dict[int, int]) -> dict[int, list[int]]:
    return {
        y: list(sequences.reserve(scope=NUMBER_SCOPE, year=y, count=n)) for y, n in cases_by_year.items() if n
    }


def write(world, plans) -> int:
    """Write `plans` (history: every step already taken); returns the number of instances written."""
    if not plans:
        return 0
    _compute.cache_clear()  # the work calendar may have changed since the last run
    disputes = _disputes(world, plans)
    counts: dict[int, int] = {}
    for p in plans:
        counts[p.received.year] = counts.get(p.received.year, 0) + 1
        if p.appeal:
            counts[p.appealed_on.year] = counts.get(p.appealed_on.year, 0) + 1
    serials = _serials(counts)
    taken = dict.fromkeys(serials, 0)

    def take(year):
        taken[year] += 1
        return serials[year][taken[year] - 1]

    firsts = []
    for plan, dispute in zip(plans, disputes, strict=True):
        court = world.court(plan)
        firsts.append(
            _new_case(
                world,
                plan,
                dispute,
                serial=take(plan.received.year),
                instance=Instance.FIRST,
                received=plan.received,
                court=court,
                number_text=court_case_number(plan, court),
                docketed=plan.received - timedelta(days=3),
            )
        )
    _finish_first(firsts, plans)
    bulk_insert(LitigationCase, firsts)
    seconds = []
    for plan, case in zip(plans, firsts, strict=True):
        if case.status == CaseStatus.APPEALED:
            second = _new_case(
                world,
                plan,
                case.dispute,
                serial=take(plan.appealed_on.year),
                instance=Instance.SECOND,
                previous=case,
                received=plan.appealed_on,
                court=world.appeal_court,
                number_text=court_case_number(plan, None, second=True),
                docketed=plan.appealed_on,
            )
            _finish_second(second, plan)
            seconds.append((plan, second))
    bulk_insert(LitigationCase, [s for _p, s in seconds])
    rows = _Rows(world)
    for plan, case in zip(plans, firsts, strict=True):
        _history(rows, plan, case)
    for plan, second in seconds:
        _second_history(rows, plan, second)
    bulk_insert(Defendant, rows.defendants)
    bulk_insert(Hearing, rows.hearings)
    for attendance in rows.attendances:
        attendance.hearing_id = attendance.hearing.pk
        attendance.defendant_id = attendance.defendant.pk
    bulk_insert(Attendance, rows.attendances, ids=False)
    bulk_insert(CaseEvent, rows.events, ids=False)
    bulk_insert(Deadline, rows.clocks)
    return len(firsts) + len(seconds)


def _finish_first(cases, plans) -> None:
    """The case row's final values (status, dates, computed flags) — as the services leave them."""
    for case, plan in zip(cases, plans, strict=True):
        case.defence_filed_on = case.evidence_filed_on = plan.defence_on
        due = _compute(clocks.DEFENCE, plan.received).due
        case.defence_on_time = gates.defence_on_time(
            due, defence_filed_on=plan.defence_on, evidence_filed_on=plan.defence_on
        )
        _outcome(case, plan.outcome, plan.outcome_on, plan.served_on, plan.withdrawal_reason)
        if gates.is_appealable(case):
            if plan.appeal:
                status = CaseStatus.APPEALED
            else:
                status, case.effective_on = CaseStatus.EFFECTIVE, plan.effective_on
        else:
            status, case.effective_on = CaseStatus.EFFECTIVE, plan.served_on
        case.__dict__["status"] = status
        case.version = 4  # registered, defended, decided, then appealed or in effect


def _outcome(case, outcome, outcome_on, served_on, withdrawal_reason="") -> None:
    case.outcome = outcome
    case.outcome_form = outcome_form(outcome)
    case.outcome_on, case.served_on = outcome_on, served_on
    case.withdrawal_reason = withdrawal_reason
    case.agency_lost = gates.agency_lost(outcome)
    case.changed_act_withdrawal = withdrawal_reason == "agency_changed"


def _finish_second(case, plan) -> None:
    case.defence_filed_on = case.evidence_filed_on = plan.appealed_on + timedelta(days=10)
    _outcome(case, plan.outcome, plan.second_served_on - timedelta(days=2), plan.second_served_on)
    case.effective_on = plan.second_served_on
    case.__dict__["status"] = CaseStatus.EFFECTIVE
    case.version = 4  # registered, defended, decided, in effect


def _hearing(rows, case, plan, on):
    grounds = gates.must_appear_grounds(case, court_requested_head=False)
    hearing = Hearing(
        case=case,
        date=on,
        must_appear=bool(grounds),
        must_appear_grounds=",".join(grounds),
        created_by=rows.world.officer,
    )
    rows.hearings.append(hearing)
    rows.event(
        case,
        EventKind.HEARING,
        min(on, rows.world.today),
        basis=_("%(law)s第四条") % {"law": APPEARANCE_RULES} if grounds else "",
        note=_("开庭日期 %(date)s%(must)s")
        % {"date": on.isoformat(), "must": _("，负责人应当出庭") if grounds else ""},
    )
    defendant = rows.defendants[-1]
    fields = attendance_fields(plan, head=plan.head, spoke=plan.spoke)
    counts = gates.head_counts(fields.get("head_name", ""), fields.get("head_position", ""))
    rows.attendances.append(
        Attendance(
            hearing=hearing,
            defendant=defendant,
            head_counts=counts,
            lawyer_only=gates.lawyer_only(
                head_name=fields.get("head_name", ""),
                staff_names=fields.get("staff_names", ""),
                lawyer_names=fields["lawyer_names"],
            ),
            unexcused_absence=hearing.must_appear and not counts,
            created_by=rows.world.officer,
            **fields,
        )
    )
    note = _("负责人%(name)s出庭") % {"name": fields.get("head_name", "")} if counts else _("负责人未出庭")
    rows.event(
        case,
        EventKind.ATTENDANCE,
        on,
        basis=_("%(law)s第二条、第八条") % {"law": APPEARANCE_RULES},
        note=f"{defendant.agency}：{note}",
    )


def _history(rows, plan, case) -> None:
    world = rows.world
    rows.defendants.append(
        Defendant(case=case, agency=case.org_unit, role=DefendantRole.ORIGINAL, created_by=world.officer)
    )
    final = case.__dict__["status"]
    state = CaseStatus.RESPONDING
    rows.event(
        case,
        EventKind.REGISTER,
        plan.received,
        basis=_("《中华人民共和国行政诉讼法》第六十七条第一款"),
        to_status=state,
    )
    rows.clock(case, clocks.DEFENCE, plan.received, closed_on=plan.defence_on)
    rows.clock(case, clocks.instance_rule(case), case.docketed_on, closed_on=plan.served_on)
    late = (
        ""
        if case.defence_on_time is not False
        else _("逾期答辩举证：逾期提供的证据视为没有相应证据（第三十四条第二款）。")
    )
    rows.event(
        case,
        "defend",
        plan.defence_on,
        basis=WORKFLOW["defend"].basis,
        note=late,
        from_status=state,
        to_status=CaseStatus.IN_TRIAL,
    )
    _hearing(rows, case, plan, plan.hearing_on)
    _decided(rows, case, plan.served_on)
    if final == CaseStatus.APPEALED:
        rows.clock(case, clocks.appeal_rule(case), plan.served_on, closed_on=plan.appealed_on)
        rows.event(
            case,
            "appeal",
            plan.appealed_on,
            basis=WORKFLOW["appeal"].basis,
            from_status=CaseStatus.DECIDED,
            to_status=CaseStatus.APPEALED,
        )
    elif gates.is_appealable(case):
        rows.clock(case, clocks.appeal_rule(case), plan.served_on, cancelled=True)
        rows.event(
            case,
            "take_effect",
            plan.effective_on,
            basis=WORKFLOW["take_effect"].basis,
            from_status=CaseStatus.DECIDED,
            to_status=CaseStatus.EFFECTIVE,
        )
    case.__dict__["status"] = final


def _decided(rows, case, served):
    rows.event(
        case,
        "decide",
        served,
        basis=WORKFLOW["decide"].basis,
        note=case.get_outcome_display(),
        from_status=CaseStatus.IN_TRIAL,
        to_status=CaseStatus.DECIDED,
    )
    if not gates.is_appealable(case):
        rows.event(
            case,
            "take_effect",
            served,
            basis=WORKFLOW["take_effect"].basis,
            note=_("送达即生效"),
            from_status=CaseStatus.DECIDED,
            to_status=CaseStatus.EFFECTIVE,
        )


def _second_history(rows, plan, case) -> None:
    world = rows.world
    rows.defendants.append(
        Defendant(case=case, agency=case.org_unit, role=DefendantRole.ORIGINAL, created_by=world.officer)
    )
    final = case.__dict__["status"]
    rows.event(
        case,
        EventKind.REGISTER,
        plan.appealed_on,
        basis=_("《中华人民共和国行政诉讼法》第八十五条"),
        note=_("二审，原审 %(case)s") % {"case": case.previous},
        to_status=CaseStatus.RESPONDING,
    )
    rows.clock(case, clocks.SECOND_INSTANCE, plan.appealed_on, closed_on=plan.second_served_on)
    rows.event(
        case,
        "defend",
        case.defence_filed_on,
        basis=WORKFLOW["defend"].basis,
        from_status=CaseStatus.RESPONDING,
        to_status=CaseStatus.IN_TRIAL,
    )
    _hearing(rows, case, plan, plan.second_hearing_on)
    _decided(rows, case, plan.second_served_on)
    case.__dict__["status"] = final
