"""python -m bench.run --scale N: seed, measure every registered figure, print the table.

Besides the table, the run writes bench/results/latest.json (`--results`): each figure's n, min, p50,
p95, plain-way reference, ratio and budget, and the run's scale, time, git commit, database, total
seconds and demo seeding (bench/results/README.md).

Runs on PostgreSQL only (DATABASE_URL; settings default to tianshui_cases.settings.base). The
whole run is one transaction rolled back at the end: the seeded rows never stay — except the demo
data a figure asks for with `func.prepare = World.demo` (`seed_demo --scale N`), which is committed
once per database and reused by later runs (see `World.demo`).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

DEFAULT_TODAY = date(2026, 6, 10)  # a Wednesday: every stage window is an ordinary one
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RESULTS = ROOT / "bench" / "results" / "latest.json"


def _seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 0.001:
        return f"{value * 1000:.1f} ms"
    return f"{value * 1_000_000:.0f} µs"


def _table(figures) -> str:
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
                _seconds(f.p95),
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


def git_commit() -> str | None:
    """The checkout's commit (with "-dirty" when it has uncommitted changes); None outside git."""
    git = shutil.which("git")
    if git is None:
        return None

    def output(*args: str) -> str:
        return subprocess.run(  # noqa: S603 (fixed arguments)
            [git, *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()

    try:
        commit = output("rev-parse", "HEAD")
        dirty = output("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{commit}-dirty" if dirty else commit or None


def results_document(figures, *, run: dict, demo=None) -> dict:
    """What latest.json holds: the run (`run`: scale, repeats, today, database, started_at, seconds,
    commit), the demo seeding (`demo`: a bench.world.DemoWorld, None when no figure needed it) and
    every figure (`Figure.to_dict`). Times in seconds."""
    return {
        "run": run,
        "demo": (
            None
            if demo is None
            else {"scale": demo.scale, "reused": not demo.seeded, "seeding_seconds": demo.seconds}
        ),
        "figures": [f.to_dict() for f in figures],
    }


def write_results(path: Path, document: dict) -> None:
    """Write `document` as UTF-8 JSON (via a temporary file, so a reader never sees half of it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


def _pending_migrations(connection) -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{m.app_label}.{m.name}" for m, _backwards in plan]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=int, default=10, help="10 → 100k open deadlines, 3,000 users (default 10)"
    )
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats per figure (default 5)")
    parser.add_argument("--only", default="", help="comma-separated figure names (see --list)")
    parser.add_argument("--list", action="store_true", help="list the registered figures and exit")
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY, help="the scan's 'today'")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a figure exceeds its budget")
    parser.add_argument(
        "--results",
        type=Path,
        default=DEFAULT_RESULTS,
        help="where to write the figures as JSON (default bench/results/latest.json)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)

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
    started_at = datetime.now(UTC)
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
    seconds = time.perf_counter() - started
    print(f"bench: done in {seconds:.0f} s (seeded rows rolled back)\n")
    print(_table(figures))
    run = {
        "scale": args.scale,
        "repeats": args.repeats,
        "today": args.today.isoformat(),
        "database": db,
        "started_at": started_at.isoformat(timespec="seconds"),
        "seconds": seconds,
        "commit": git_commit(),
        "only": sorted(b.name for b in benchmarks) if args.only else None,
    }
    write_results(args.results, results_document(figures, run=run, demo=world.demo_seeding))
    print(f"\nbench: figures written to {args.results}")
    if args.strict and any(f.within_budget is False for f in figures):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
