"""Deadline engine throughput."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ..registry import Figure, benchmark, timed

N = 10_000


@benchmark("engine.compute", order=100)
def engine_compute(world) -> Figure:
    """Deadline engine: compute() over 10k varied rules and trigger dates (2024–2027)."""
    from core.exceptions import ApplicationError
    from deadlines.engine import compute
    from deadlines.rules import RULES

    codes = []
    for code in RULES:
        try:
            compute(code, date(2025, 3, 3))
            codes.append(code)
        except ApplicationError:  # a rule that needs more than a trigger date
            continue
    rng = random.Random(7)
    start = date(2024, 1, 1)
    inputs = [(rng.choice(codes), start + timedelta(days=rng.randrange(4 * 365))) for _ in range(N)]
    for code, trigger in inputs:  # warm the calendar cache: years are loaded once per process
        compute(code, trigger)

    def engine():
        for code, trigger in inputs:
            compute(code, trigger)

    def plain():
        for _code, trigger in inputs:
            _ = trigger + timedelta(days=60)

    samples = timed(engine, world.repeats)
    figure = Figure(
        label="engine.compute",
        n=N,
        samples=samples,
        reference=timed(plain, world.repeats),
        reference_label="d + timedelta(days=60)",
        note=f"{len(codes)} rules",
    )
    figure.label = f"engine.compute ({N / figure.median:,.0f}/s)"
    return figure
