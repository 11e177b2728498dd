"""python -m bench.run --scale N: seed, measure every registered figure, print the table.

Runs on PostgreSQL only (DATABASE_URL; settings default to tianshui_cases.settings.base). The
whole run is one transaction rolled back at the end: the seeded rows never stay — except the demo
data a figure asks for with `func.prepare = World.demo` (`seed_demo --scale N`), which is committed
once per database and reused by later runs (see `World.demo`).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from datetime import date

DEFAULT_TODAY = date(2026, 6, 10)  # a Wednesday: every stage window is an ordinary one


def _seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 0.001:
        return f"{value * 1000:.1f} ms"
    return f"{value * 1_000_000:.0f} µs"


def _table(figures) -> str:
    from .registry import percentile

    header = ["figure", "n", "min", "median", "p95", "plain-way reference", "ratio", "budget"]
    rows = []
    for f in figures:
        ref = f.reference_median
        budget = ""
        if f.budget is not None:
            budget = f"≤ {_seconds(f.budget)} {'OK' if f.within_budget else 'EXCEEDED'}"
        rows.append(
            [
                f.label,
                f"{f.n:,}",
                _seconds(min(f.samples)),
                _seconds(f.median),
                _seconds(percentile(f.samples, 95)),
                f"{_seconds(ref)} ({f.reference_label})" if ref is not None else "—",
                f"×{f.ratio:,.1f}" if f.ratio is not None else "—",
                budget,
            ]
        )
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    out = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    notes = [f"  {f.label}: {f.note}" for f in figures if f.note]
    return "\n".join(out + (["", "notes:", *notes] if notes else []))


def _pending_migrations(connection) -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _backwards in plan]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=int, default=10, help="10 → 100k open deadlines, 3,000 users (default 10)"
    )
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats per figure (default 5)")
    parser.add_argument("--only", default="", help="comma-separated figure names (see --list)")
    parser.add_argument("--list", action="store_true", help="list the registered figures and exit")
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY, help="the scan's 'today'")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a figure exceeds its budget")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tianshui_cases.settings.base")
    import django

    django.setup()
    from django.db import connection, transaction

    from .registry import load_figures
    from .world import World

    benchmarks = load_figures()
    if args.list:
        for b in benchmarks:
            print(f"{b.name:24} {b.description}")
        return 0
    if connection.vendor != "postgresql":
        print(
            f"bench: refusing to run on {connection.vendor}: the budgets are PostgreSQL figures. "
            "Set DATABASE_URL=postgres://user@host:5432/dbname (a migrated database).",
            file=sys.stderr,
        )
        return 2
    pending = _pending_migrations(connection)
    if pending:
        print(
            f"bench: the database has {len(pending)} unapplied migrations ({', '.join(pending[:3])}…); "
            "run `python manage.py migrate` first.",
            file=sys.stderr,
        )
        return 2
    if args.only:
        wanted = {name.strip() for name in args.only.split(",") if name.strip()}
        unknown = wanted - {b.name for b in benchmarks}
        if unknown:
            print(f"bench: unknown figures {sorted(unknown)}; see --list", file=sys.stderr)
            return 2
        benchmarks = [b for b in benchmarks if b.name in wanted]
    # The scan logs one INFO line per run; keep the output to the table.
    logging.getLogger("deadlines").setLevel(logging.WARNING)

    db = connection.settings_dict["NAME"]
    print(f"bench: scale {args.scale}, {args.repeats} repeats, database {db}, today {args.today}", flush=True)
    figures = []
    started = time.perf_counter()
    world = World(scale=args.scale, repeats=args.repeats, today=args.today, log=print)
    for b in benchmarks:  # committed set-up a figure declares (`func.prepare`), before the rollback
        prepare = getattr(b.func, "prepare", None)
        if prepare is not None:
            prepare(world)
    with transaction.atomic():
        for b in benchmarks:
            print(f"· {b.name}: {b.description}", flush=True)
            result = b.func(world)
            figures.extend(result if isinstance(result, list) else [result])
        transaction.set_rollback(True)  # leave the database as it was
    print(f"bench: done in {time.perf_counter() - started:.0f} s (seeded rows rolled back)\n")
    print(_table(figures))
    if args.strict and any(f.within_budget is False for f in figures):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
