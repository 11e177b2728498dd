# ruff: noqa: S311 - deterministic demo data (random.Random(seed)), never security
"""One case of the history as a plan: every date and fact the services would have recorded.

`draw_plan(world, index, bodies)` draws case `index` from `random.Random(index)` — deterministic —
and stops at today's stage (`not_after_today`): no date of a plan lies after `world.today`. The bulk
writer (`seed.bulk`) and the services driver (`seed.drive`) both read a plan; the parity test
checks that they leave the same rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from accounts.models import OrgUnit, User
from deadlines.calendar import add_workdays
from disputes.choices import ActType

from ..choices import CaseStatus as S
from ..choices import DecisionOutcome as OUT
from ..choices import MediationResult, Procedure, SimpleGround, SuspensionGround
from .data import (
    ACT_WEIGHTS,
    BODY_WEIGHTS,
    DECISION_WEIGHTS,
    FIRST_YEAR,
    SECTOR_BY_ACT,
    party,
    reason,
    weighted,
)
from .world import Body, World

#: Outcomes that end the case without a decision on the merits (no draft, no three tiers).
SETTLED = (OUT.MEDIATION, OUT.TERMINATION)


def wd(d: date, n: int) -> date:
    """`n` working days after (before, if negative) `d`."""
    return add_workdays(d, n)


@dataclass
class Plan:
    """One historical case: every date and fact the services would have recorded."""

    index: int
    body: Body
    respondent: OrgUnit
    officer: User
    act_type: str
    sector: str
    received: date
    knew: date
    act_date: date
    procedure: str
    simple_ground: str
    amount: Decimal | None
    major: bool
    technical: bool
    status: str
    correction: tuple[date, date, date | None] | None = None  # sent, applicant received, materials back
    accepted: date | None = None
    deemed: bool = False
    copy_sent: date | None = None
    copy_received: date | None = None
    reply: date | None = None
    suspension: tuple[str, date, date | None] | None = None
    extension_days: int = 0
    extension_on: date | None = None
    hearing: date | None = None
    committee: date | None = None
    mediation_attempted: bool = False
    mediation_result: str = ""
    outcome: str = ""
    concluded: date | None = None
    served: date | None = None
    closed: date | None = None
    archived: date | None = None
    party: dict = field(default_factory=dict)
    reason: str = ""

    @property
    def simple(self) -> bool:
        return self.procedure == Procedure.SIMPLE

    @property
    def mediation_held(self) -> date | None:
        """The day of the one mediation session (复议法第五条), if any was held (maybe after today:
        then it is not written)."""
        if self.mediation_attempted and self.mediation_result and self.accepted:
            return self.accepted + timedelta(days=12)
        return None

    def draft_day(self, today: date) -> date | None:
        """The handler's draft (拟处理意见): a few days before the conclusion, after every step."""
        if self.accepted is None or not (
            self.status in (S.DRAFTED, S.PENDING_APPROVAL) or (self.concluded and self.outcome not in SETTLED)
        ):
            return None
        end = self.concluded or today
        resumed = self.suspension[2] if self.suspension else None
        steps = (self.accepted, self.copy_received, self.reply, self.hearing, self.committee, resumed)
        last_step = max(d for d in steps if d is not None)
        return min(max(end - timedelta(days=6), last_step + timedelta(days=1)), end - timedelta(days=2))

    def status_before_close(self) -> str:
        return {OUT.MEDIATION: S.MEDIATED, OUT.TERMINATION: S.TERMINATED, OUT.NOT_ACCEPTED: S.REJECTED}.get(
            self.outcome, S.DECIDED
        )


def draw_plan(world: World, index: int, bodies: list[str]) -> Plan:
    rng = random.Random(index)
    today = world.today
    plan = _basics(world, index, bodies, rng)
    start = _intake(plan, rng, today)
    if start is None:
        return not_after_today(plan, today)
    span, base = _trial(plan, rng, start)
    concluded = _fate(plan, rng, span, base)
    if concluded >= today:
        _still_open(plan, rng, today)
    else:
        _concluded(plan, rng, today, concluded)
    return not_after_today(plan, today)


_TRIAL_DEFAULTS = {
    "accepted": None,
    "deemed": False,
    "copy_sent": None,
    "copy_received": None,
    "reply": None,
    "suspension": None,
    "extension_days": 0,
    "extension_on": None,
    "hearing": None,
    "committee": None,
    "mediation_attempted": False,
    "mediation_result": "",
    "outcome": "",
    "concluded": None,
    "served": None,
    "closed": None,
    "archived": None,
}


def _intake_not_after_today(plan: Plan, today: date) -> None:
    """A plan whose correction, acceptance or refusal would fall after today is still in intake."""
    status = None
    if plan.correction:
        sent, got, back = plan.correction
        if sent > today or got > today:
            plan.correction, status = None, S.UNDER_REVIEW
        elif back is not None and back > today:
            plan.correction, status = (sent, got, None), S.AWAITING_CORRECTION
    decided = plan.accepted or (plan.concluded if plan.outcome == OUT.NOT_ACCEPTED else None)
    if status is None and decided is not None and decided > today:
        status = S.UNDER_REVIEW
    if status is not None:
        for attr, value in _TRIAL_DEFAULTS.items():
            setattr(plan, attr, value)
        plan.status = status


def _basics(world: World, index: int, bodies: list[str], rng: random.Random) -> Plan:
    today = world.today
    body = world.bodies[weighted(rng, {k: BODY_WEIGHTS[k] for k in bodies})]
    respondent = rng.choice(body.respondents)
    act_type = weighted(rng, ACT_WEIGHTS)
    # Receipt: spread over FIRST_YEAR .. today, a little more in recent years; the last 60 days are
    # left mostly to active cases.
    span = (today - date(FIRST_YEAR, 1, 5)).days
    received = date(FIRST_YEAR, 1, 5) + timedelta(days=int(span * (rng.random() ** 0.85)))
    received = min(received, today - timedelta(days=1))
    knew = received - timedelta(days=rng.randrange(3, 55))
    act_date = knew - timedelta(days=rng.randrange(0, 6))
    amount = None
    if act_type == ActType.PENALTY:
        amount = Decimal(rng.choice([200, 500, 1000, 2000, 3000, 5000, 10000, 20000, 50000, 200000]))
    simple_ground = ""
    if act_type == ActType.INFO_DISCLOSURE and rng.random() < 0.7:
        simple_ground = SimpleGround.INFO_DISCLOSURE
    elif amount is not None and amount <= 3000 and rng.random() < 0.6:
        simple_ground = SimpleGround.SMALL_AMOUNT
    procedure = Procedure.SIMPLE if simple_ground else Procedure.ORDINARY
    major = procedure == Procedure.ORDINARY and (
        rng.random() < (0.3 if act_type in (ActType.EXPROPRIATION, ActType.AGREEMENT) else 0.06)
    )
    technical = procedure == Procedure.ORDINARY and not major and rng.random() < 0.05
    return Plan(
        index=index,
        body=body,
        respondent=respondent,
        officer=rng.choice(body.officers),
        act_type=act_type,
        sector=rng.choice(SECTOR_BY_ACT[act_type]),
        received=received,
        knew=knew,
        act_date=act_date,
        procedure=procedure,
        simple_ground=simple_ground,
        amount=amount,
        major=major,
        technical=technical,
        status=S.RECEIVED,
        party=party(rng),
        reason=reason(rng, act_type),
    )


def _intake(plan: Plan, rng: random.Random, today: date) -> date | None:
    """Correction, review, rejection: the day the review restarts from, or None when the plan ends
    before acceptance."""
    age = (today - plan.received).days
    start = plan.received
    if rng.random() < 0.12:  # 补正 (复议法第三十一条)
        sent = wd(plan.received, rng.randrange(1, 5))
        got = wd(sent, rng.randrange(1, 3))
        if age < 20 and rng.random() < 0.6:
            plan.correction = (sent, got, None)
            plan.status = S.AWAITING_CORRECTION
            return None
        if rng.random() < 0.15 and wd(got, 10) + timedelta(days=1) < today:
            plan.correction = (sent, got, None)
            plan.concluded = wd(got, 10) + timedelta(days=1)
            plan.closed = plan.concluded + timedelta(days=rng.randrange(1, 10))
            plan.status = S.CLOSED
            return None
        start = wd(got, rng.randrange(2, 9))
        plan.correction = (sent, got, start)
    if age < 8 and rng.random() < 0.8:
        plan.status = S.UNDER_REVIEW if rng.random() < 0.85 else S.RECEIVED
        return None
    if rng.random() < 0.08:  # 不予受理 (复议法第三十条第二款)
        plan.outcome = OUT.NOT_ACCEPTED
        plan.concluded = wd(start, rng.randrange(2, 6))
        plan.served = plan.concluded + timedelta(days=rng.randrange(1, 6))
        plan.closed = plan.served + timedelta(days=rng.randrange(0, 10))
        plan.status = S.CLOSED
        return None
    return start


def _trial(plan: Plan, rng: random.Random, start: date) -> tuple[int, date]:
    """Acceptance, the copy and the reply, extension, suspension, hearing and committee dates:
    (the days the decision may take, the day the trial proper starts from)."""
    if rng.random() < 0.03:
        plan.deemed = True
        plan.accepted = wd(start, 5)
        plan.procedure, plan.simple_ground = Procedure.ORDINARY, ""
    else:
        plan.accepted = wd(start, rng.randrange(1, 6))
    simple = plan.simple
    plan.copy_sent = wd(
        plan.accepted, rng.randrange(1, 3 if simple else 7) + (1 if rng.random() < 0.05 else 0)
    )
    plan.copy_received = wd(plan.copy_sent, rng.randrange(1, 3))
    if rng.random() > 0.03:
        plan.reply = wd(plan.copy_received, rng.randrange(2, 5 if simple else 10))
    limit = 30 if simple else 60
    if not simple and rng.random() < 0.12:
        plan.extension_days = rng.choice([15, 20, 30])
    if not simple and rng.random() < 0.06:
        ground = rng.choice(
            [SuspensionGround.MEDIATION, SuspensionGround.OTHER_CASE, SuspensionGround.FORCE_MAJEURE]
        )
        suspended = plan.accepted + timedelta(days=rng.randrange(10, 30))
        plan.suspension = (ground, suspended, suspended + timedelta(days=rng.randrange(10, 45)))
    suspended_days = (plan.suspension[2] - plan.suspension[1]).days if plan.suspension else 0
    if plan.extension_days:
        plan.extension_on = plan.accepted + timedelta(days=rng.randrange(40, 55))
    base = plan.reply or plan.copy_received
    if plan.major:
        plan.hearing = wd(base, rng.randrange(5, 12))
    if plan.major or plan.technical:
        plan.committee = (plan.hearing or base) + timedelta(days=rng.randrange(3, 14))
    return limit + plan.extension_days + suspended_days, base


def _fate(plan: Plan, rng: random.Random, span: int, base: date) -> date:
    """How the case ends: the outcome and the day it concludes (maybe after today)."""
    plan.mediation_attempted = rng.random() < 0.55
    fate = rng.random()
    if fate < 0.09:
        plan.outcome, plan.mediation_attempted, plan.mediation_result = (
            OUT.MEDIATION,
            True,
            MediationResult.AGREED,
        )
    elif fate < 0.17:
        plan.outcome, plan.mediation_attempted, plan.mediation_result = (
            OUT.TERMINATION,
            True,
            MediationResult.SETTLED,
        )
    else:
        plan.outcome = weighted(rng, DECISION_WEIGHTS)
        if plan.outcome == OUT.NO_EVIDENCE:
            plan.reply = None
        elif plan.reply is None:
            plan.reply = wd(plan.copy_received, 3)
        if plan.mediation_attempted:
            plan.mediation_result = MediationResult.FAILED
    on_time = rng.random() < 0.96
    offset = rng.randrange(20, max(21, span - 1)) if on_time else span + rng.randrange(2, 20)
    concluded = max(
        plan.accepted + timedelta(days=offset), (plan.reply or plan.copy_received) + timedelta(days=5)
    )
    if plan.outcome in SETTLED:
        limit = 30 if plan.simple else 60
        concluded = plan.accepted + timedelta(days=rng.randrange(15, max(16, limit - 5)))
        plan.extension_days, plan.extension_on, plan.hearing, plan.committee = 0, None, None, None
    _drop_steps_after(plan, concluded)
    if plan.outcome not in SETTLED and plan.major and (plan.hearing is None or plan.committee is None):
        # 复议法第五十条、第五十二条: a major case is decided only after its hearing and consultation.
        plan.hearing = wd(base, 5)
        plan.committee = plan.hearing + timedelta(days=3)
        concluded = max(concluded, plan.committee + timedelta(days=7))
    if plan.outcome not in SETTLED and plan.technical and plan.committee is None:
        plan.committee = base + timedelta(days=5)
        concluded = max(concluded, plan.committee + timedelta(days=7))
    return concluded


def _drop_steps_after(plan: Plan, concluded: date) -> None:
    for attr in ("hearing", "committee"):
        value = getattr(plan, attr)
        if value is not None and value >= concluded:
            setattr(plan, attr, None)
    if plan.extension_on and plan.extension_on >= concluded:
        plan.extension_days, plan.extension_on = 0, None
    if plan.suspension and plan.suspension[2] >= concluded:
        plan.suspension = None


def _still_open(plan: Plan, rng: random.Random, today: date) -> None:
    """Still being handled today: where it stands."""
    plan.outcome = ""
    plan.mediation_result = "" if not plan.mediation_attempted else MediationResult.CONTINUING
    stage = rng.random()
    if plan.suspension and plan.suspension[1] < today and rng.random() < 0.3:
        plan.suspension = (plan.suspension[0], plan.suspension[1], None)
        plan.status = S.SUSPENDED
    elif plan.copy_sent > today:
        plan.status = S.ACCEPTED
    elif stage < 0.6:
        plan.status = S.IN_TRIAL
    elif stage < 0.85:
        plan.status = S.DRAFTED
    else:
        plan.status = S.PENDING_APPROVAL
    if plan.suspension and plan.suspension[2] is not None and plan.suspension[2] >= today:
        plan.suspension = None


def _concluded(plan: Plan, rng: random.Random, today: date, concluded: date) -> None:
    plan.concluded = concluded
    plan.status = {OUT.MEDIATION: S.MEDIATED, OUT.TERMINATION: S.TERMINATED}.get(plan.outcome, S.DECIDED)
    plan.served = concluded + timedelta(days=rng.randrange(1, 8))
    if plan.served < today - timedelta(days=10):
        plan.status = S.CLOSED
        plan.closed = plan.served + timedelta(days=rng.randrange(0, 10))
        if plan.closed < today - timedelta(days=120) and rng.random() < 0.8:
            plan.status = S.ARCHIVED
            plan.archived = plan.closed + timedelta(days=rng.randrange(10, 60))


_STEP_DATES = (
    "copy_sent",
    "copy_received",
    "reply",
    "hearing",
    "committee",
    "extension_on",
    "served",
    "closed",
    "archived",
)


def not_after_today(plan: Plan, today: date) -> Plan:
    """Drop every step that would lie in the future (the plan stops at today's stage)."""
    _intake_not_after_today(plan, today)
    for attr in _STEP_DATES:
        value = getattr(plan, attr)
        if value is not None and value > today:
            setattr(plan, attr, None)
    if plan.copy_sent is None:
        plan.copy_received = plan.reply = None
        if plan.status in (S.IN_TRIAL, S.DRAFTED, S.PENDING_APPROVAL, S.SUSPENDED):
            plan.status = S.ACCEPTED
            plan.suspension = None
    if plan.copy_received is None:
        plan.reply = None
    if plan.extension_on is None:
        plan.extension_days = 0
    if plan.status == S.ARCHIVED and plan.archived is None:
        plan.status = S.CLOSED
    if plan.status == S.CLOSED and plan.closed is None:
        plan.status = {
            OUT.MEDIATION: S.MEDIATED,
            OUT.TERMINATION: S.TERMINATED,
            OUT.NOT_ACCEPTED: S.REJECTED,
        }.get(plan.outcome, S.ABANDONED if plan.outcome == "" else S.DECIDED)
    return plan
