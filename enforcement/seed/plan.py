# ruff: noqa: S311 - deterministic demo data (random.Random(seed)), never security
"""Plans of demo enforcement cases: one deterministic path per case (`random.Random(i)`), read by
both writers — `seed.drive` (through the services) and `seed.bulk` (in bulk, same rows; the parity
test in tests/enforcement/test_seed_parity.py holds them together). Nothing is dated after today."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ..choices import MajorGround, PartyKind, RecordMedium, RecordStage
from . import data


@dataclass
class CasePlan:
    i: int
    agency: object
    item: object
    bench: object
    officers: list
    party_kind: str
    party_name: str
    filed_on: date
    amount: Decimal
    deviation: str
    is_major: bool
    informed_on: date | None
    review_requested_on: date | None = None
    reviewed_on: date | None = None
    decided_on: date | None = None
    party_present: bool = False
    served_on: date | None = None
    published_on: date | None = None
    closed_on: date | None = None
    transferred_on: date | None = None

    @property
    def major_ground(self) -> str:
        return MajorGround.PUBLIC_INTEREST if self.is_major else ""

    def records(self) -> list[tuple[str, str, date]]:
        """The full-process records written before closing (stage, medium, date)."""
        out = [
            (RecordStage.FILING, RecordMedium.TEXT, self.filed_on),
            (RecordStage.INVESTIGATION, RecordMedium.TEXT, self.filed_on + timedelta(days=1)),
            (RecordStage.NOTICE, RecordMedium.TEXT, self.informed_on),
        ]
        if self.is_major:
            out += [
                (RecordStage.INVESTIGATION, RecordMedium.AUDIOVISUAL, self.filed_on + timedelta(days=1)),
                (RecordStage.REVIEW, RecordMedium.TEXT, self.reviewed_on),
            ]
        out += [
            (RecordStage.DECISION, RecordMedium.TEXT, self.decided_on),
            (RecordStage.SERVICE, RecordMedium.TEXT, self.served_on),
        ]
        return out


def make_plan(i: int, *, agency, item, bench, officers_for, today: date) -> CasePlan | None:
    """Case i. `officers_for(agency, first, last)` returns two officers certified on every day of
    [first, last] (处罚法第四十二条) or None (the case is then not planned)."""
    rng = random.Random(i)
    filed = today - timedelta(days=rng.randint(3, 365))
    plan = CasePlan(
        i=i,
        agency=agency,
        item=item,
        bench=bench,
        officers=[],
        party_kind=PartyKind.ORGANISATION if rng.random() < 0.7 else PartyKind.PERSON,
        party_name=rng.choice(data.SURNAMES) + rng.choice(data.GIVEN) + rng.choice(data.PARTIES),
        filed_on=filed,
        amount=Decimal(0),
        deviation="",
        is_major=rng.random() < 0.08,
        informed_on=None,
    )
    low, high = bench.min_amount, bench.max_amount
    if rng.random() < 0.04:
        plan.amount, plan.deviation = (
            (high * Decimal("1.5")).quantize(Decimal(1)),
            "违法情节特别严重，社会影响恶劣",
        )
    else:
        plan.amount = (low + (high - low) * Decimal(rng.randint(0, 100)) / 100).quantize(Decimal(1))
    step = filed + timedelta(days=rng.randint(3, 15))
    if step > today:
        return _with_officers(plan, officers_for, filed)
    plan.informed_on = step
    if rng.random() < 0.01:
        t = step + timedelta(days=5)
        if t <= today:
            plan.transferred_on = t
        return _with_officers(plan, officers_for, step)
    if plan.is_major:
        plan.review_requested_on = step + timedelta(days=rng.randint(3, 10))
        if plan.review_requested_on > today:
            plan.review_requested_on = None
            return _with_officers(plan, officers_for, step)
        step = plan.review_requested_on + timedelta(days=rng.randint(1, 5))
        if step > today:
            return _with_officers(plan, officers_for, plan.informed_on)
        plan.reviewed_on = step
    late = rng.random() < 0.03
    decided = step + timedelta(days=rng.randint(5, 30) + (90 if late else 0))
    if decided > today:
        return _with_officers(plan, officers_for, plan.informed_on)
    plan.decided_on = decided
    plan.party_present = rng.random() < 0.3
    plan.served_on = decided if plan.party_present else decided + timedelta(days=rng.randint(1, 8))
    if plan.served_on > today:
        plan.served_on = None
    published = decided + timedelta(days=rng.randint(1, 9) + (10 if rng.random() < 0.05 else 0))
    plan.published_on = published if published <= today else None
    if plan.served_on and plan.published_on:
        closed = max(plan.served_on, plan.published_on) + timedelta(days=rng.randint(1, 20))
        plan.closed_on = closed if closed <= today else None
    return _with_officers(plan, officers_for, decided)


def _with_officers(plan, officers_for, last):
    pair = officers_for(plan.agency, plan.filed_on, last)
    if pair is None:
        return None
    plan.officers = pair
    return plan
