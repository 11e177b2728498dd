"""The demo history as plans: one `Plan` per first-instance lawsuit, deterministic, never after today.

Volumes (× scale): about 1,500 instances from five years ago to today. The head-of-agency attendance
share rises year by year to 100% this year, and this year's 败诉率 is exactly 10.39 percentage points
below last year's (25.00% → 14.61%: 75 of 300, then 32 of 219) — the article's figures, computed by
`litigation.selectors.indicators` from these records.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from disputes.choices import ActType, Sector

from ..choices import Outcome, WithdrawalReason

#: years back from this year → (concluded first instances, head attendance share, lost)
YEARS = {
    5: (230, 0.45, 60),
    4: (220, 0.60, 62),
    3: (250, 0.75, 66),
    2: (280, 0.88, 70),
    1: (300, 0.97, 75),
    0: (219, 1.0, 32),
}
#: this year's instances still in their defence period or awaiting judgment (no hearing yet)
OPEN_THIS_YEAR = 12
#: the most recent plans driven through the services (the rest written in bulk)
THROUGH_SERVICES = 6

MUST_SECTORS = (Sector.FOOD_DRUG, Sector.ECOLOGY, Sector.PUBLIC_HEALTH, Sector.NATURAL_RESOURCES)
OTHER_SECTORS = (Sector.MARKET, Sector.HOUSING, Sector.TRANSPORT, Sector.LABOUR, Sector.OTHER)
LOST = (Outcome.REVOKE, Outcome.CONFIRM_ILLEGAL, Outcome.PERFORM_DUTY, Outcome.REVOKE_REDO)
CAUSES = {
    ActType.PENALTY: "行政处罚",
    ActType.LICENSING: "行政许可",
    ActType.EXPROPRIATION: "房屋征收补偿",
    ActType.INFO_DISCLOSURE: "政府信息公开",
    ActType.NONPERFORMANCE: "不履行法定职责",
}


@dataclass(frozen=True)
class Plan:
    key: str  # stable identity: year and index within the year
    received: date
    act_type: str
    sector: str
    public_concern: bool
    agency_index: int
    simple: bool
    concluded: bool
    late_defence: bool = False
    head: bool = False
    spoke: bool = False
    outcome: str = ""
    withdrawal_reason: str = ""
    appeal: bool = False

    @property
    def defence_on(self) -> date:
        return self.received + timedelta(days=20 if self.late_defence else 8)

    @property
    def hearing_on(self) -> date:
        return self.received + timedelta(days=35)

    @property
    def outcome_on(self) -> date:
        return self.received + timedelta(days=55)

    @property
    def served_on(self) -> date:
        return self.received + timedelta(days=58)

    @property
    def effective_on(self) -> date:
        return self.served_on + timedelta(days=30)

    @property
    def appealed_on(self) -> date:
        return self.served_on + timedelta(days=5)

    @property
    def second_hearing_on(self) -> date:
        return self.appealed_on + timedelta(days=30)

    @property
    def second_served_on(self) -> date:
        return self.appealed_on + timedelta(days=50)


def _spread(first: date, last: date, n: int, k: int) -> date:
    span = max((last - first).days, 0)
    return first + timedelta(days=(span * k) // max(n, 1))


def plans(*, today: date, scale: int = 1) -> list[Plan]:
    """Every plan, oldest first."""
    result = []
    for back, (base, share, base_lost) in sorted(YEARS.items(), reverse=True):
        year = today.year - back
        n, lost = base * scale, base_lost * scale
        last = min(date(year, 10, 1), today - timedelta(days=100))
        rng = random.Random(year)  # noqa: S311 - deterministic demo data
        order = list(range(n))
        rng.shuffle(order)
        heads = set(order[: round(share * n)])
        lost_set = set(order[n - lost :])
        for k in range(n):
            r = random.Random(year * 10_000 + k)  # noqa: S311
            must = r.random() < 0.2
            outcome = LOST[k % len(LOST)] if k in lost_set else _won(r)
            result.append(
                Plan(
                    key=f"{year}-{k}",
                    received=_spread(date(year, 1, 6), last, n, k),
                    act_type=r.choice(tuple(CAUSES)),
                    sector=r.choice(MUST_SECTORS if must else OTHER_SECTORS),
                    public_concern=r.random() < 0.03,
                    agency_index=r.randrange(1000),
                    simple=r.random() < 0.15,
                    concluded=True,
                    late_defence=r.random() < (0.02 if back == 0 else 0.08),
                    head=k in heads,
                    spoke=k in heads and r.random() < 0.8,
                    outcome=outcome,
                    withdrawal_reason=_withdrawal(r) if outcome == Outcome.WITHDRAWAL else "",
                    # appeals only three or more years back: a second instance served the year after
                    # its first would enter last year's 败诉率, which must stay the article's
                    appeal=back >= 3 and outcome not in (Outcome.WITHDRAWAL,) and r.random() < 0.1,
                )
            )
    for k in range(OPEN_THIS_YEAR * scale):
        r = random.Random(-1 - k)  # noqa: S311
        result.append(
            Plan(
                key=f"open-{k}",
                received=_spread(
                    today - timedelta(days=60), today - timedelta(days=1), OPEN_THIS_YEAR * scale, k
                ),
                act_type=r.choice(tuple(CAUSES)),
                sector=r.choice(OTHER_SECTORS + MUST_SECTORS),
                public_concern=False,
                agency_index=r.randrange(1000),
                simple=False,
                concluded=False,
            )
        )
    return result


def _won(r: random.Random) -> str:
    x = r.random()
    if x < 0.7:
        return Outcome.DISMISS_CLAIMS
    if x < 0.82:
        return Outcome.DISMISS_SUIT
    return Outcome.WITHDRAWAL


def _withdrawal(r: random.Random) -> str:
    return WithdrawalReason.AGENCY_CHANGED if r.random() < 0.4 else WithdrawalReason.VOLUNTARY
