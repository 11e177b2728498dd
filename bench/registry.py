"""The registry of benchmark figures. A new figure is a module under bench/figures/ with:

    @benchmark("list.reconsideration", order=300)
    def reconsideration_list(world: World) -> Figure:
        ...
        return Figure(label=..., n=..., samples=[...], reference=[...], reference_label=...)

Every module in bench/figures/ is imported by `load_figures()`, so registering is all it takes.
"""

from __future__ import annotations

import importlib
import pkgutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Figure:
    """One measured figure: wall times (seconds) of `samples` repeats and of the plain-way reference."""

    label: str
    n: int
    samples: list[float]
    reference: list[float] = field(default_factory=list)
    reference_label: str = ""
    budget: float | None = None  # seconds; the p95 must not exceed it (docs/budgets.md states budgets as p95)
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def reference_median(self) -> float | None:
        return statistics.median(self.reference) if self.reference else None

    @property
    def ratio(self) -> float | None:
        ref = self.reference_median
        return self.median / ref if ref else None

    @property
    def within_budget(self) -> bool | None:
        return None if self.budget is None else self.p95 <= self.budget

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    def to_dict(self) -> dict:
        """The figure as bench/results/latest.json records it (seconds; None where there is no reference)."""
        return {
            "label": self.label,
            "n": self.n,
            "repeats": len(self.samples),
            "min": min(self.samples),
            "p50": self.median,
            "p95": self.p95,
            "reference": (
                {"label": self.reference_label, "median": self.reference_median} if self.reference else None
            ),
            "ratio": self.ratio,
            "budget": self.budget,
            "within_budget": self.within_budget,
            "note": self.note,
        }


@dataclass(frozen=True)
class Benchmark:
    name: str
    order: int
    func: Callable
    description: str


BENCHMARKS: dict[str, Benchmark] = {}


def benchmark(name: str, *, order: int = 1000):
    """Register `func(world) -> Figure | list[Figure]` under `name` (printed in `order`)."""

    def register(func):
        if name in BENCHMARKS:
            raise ValueError(f"benchmark {name!r} registered twice")
        BENCHMARKS[name] = Benchmark(name, order, func, (func.__doc__ or "").strip().splitlines()[0])
        return func

    return register


def load_figures() -> list[Benchmark]:
    from . import figures

    for module in pkgutil.iter_modules(figures.__path__):
        importlib.import_module(f"{figures.__name__}.{module.name}")
    return sorted(BENCHMARKS.values(), key=lambda b: (b.order, b.name))


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (with five repeats p95 is the slowest one)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def timed(
    func: Callable[[], object], repeats: int, *, setup: Callable[[], object] | None = None
) -> list[float]:
    """Wall time of `repeats` calls of `func` (each after an untimed `setup()`)."""
    samples = []
    for _ in range(repeats):
        if setup is not None:
            setup()
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return samples
