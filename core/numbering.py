"""Race-free number series (案号, 文书文号, 争议编号 …) for every mechanism.

One `NumberSequence` row per (scope, year, series): the scope names whose numbers they are — a
reconsideration body, an agency, a court — as a short key the app chooses (e.g.
"reconsideration:12"); the series tells the kinds of number of that scope apart (案号, 决定书 …).
The row is created if missing with INSERT … ON CONFLICT DO NOTHING and then locked with
SELECT … FOR UPDATE until the caller's transaction ends: two officers taking a number at the same
moment never get the same one, and a transaction that rolls back gives its serial back.

The formatting (天复〔2026〕12号, ZY-2026-000001) belongs to the app.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from .models import NumberSequence


def _locked(scope: str, year: int, series: str) -> NumberSequence:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a number must be taken inside transaction.atomic() to hold the sequence lock")
    NumberSequence.objects.bulk_create(
        [NumberSequence(scope=scope, year=year, series=series)], ignore_conflicts=True
    )
    return NumberSequence.objects.select_for_update().get(scope=scope, year=year, series=series)


def reserve(*, scope: str, year: int, series: str = "", count: int = 1) -> range:
    """Take the next `count` serials of the series; the row stays locked until the transaction ends."""
    if count < 1:
        raise ValueError("count must be positive")
    sequence = _locked(scope, year, series)
    first = sequence.last_value + 1
    sequence.last_value += count
    sequence.save(update_fields=["last_value"])
    return range(first, sequence.last_value + 1)


def reserve_many(counts: dict[tuple[str, int, str], int]) -> dict[tuple[str, int, str], range]:
    """`reserve` for many series at once: {(scope, year, series): count} → the serials of each, as
    `reserve` would give them, in three queries whatever the number of series (the demo seeder
    numbers thousands of cases of hundreds of agencies at a time). The rows are locked in key order,
    so two callers cannot deadlock on them."""
    if not counts:
        return {}
    if any(count < 1 for count in counts.values()):
        raise ValueError("count must be positive")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a number must be taken inside transaction.atomic() to hold the sequence lock")
    rows = _locked_many(sorted(counts))
    serials = {}
    for row in rows:
        key = (row.scope, row.year, row.series)
        first = row.last_value + 1
        row.last_value += counts[key]
        serials[key] = range(first, row.last_value + 1)
    NumberSequence.objects.bulk_update(rows, ["last_value"], batch_size=1000)
    return serials


def _locked_many(keys: list[tuple[str, int, str]]) -> list[NumberSequence]:
    """The rows of `keys` (created if missing), locked in key order — so two callers cannot deadlock."""
    NumberSequence.objects.bulk_create(
        [NumberSequence(scope=scope, year=year, series=series) for scope, year, series in keys],
        ignore_conflicts=True,
    )
    wanted = Q()
    for scope, year, series in keys:
        wanted |= Q(scope=scope, year=year, series=series)
    return list(NumberSequence.objects.select_for_update().filter(wanted).order_by("scope", "year", "series"))


def next_serial(*, scope: str, year: int, series: str = "") -> int:
    """Take the next serial of the series (1, 2, 3 … per scope and year)."""
    return reserve(scope=scope, year=year, series=series)[0]


def last_serial(*, scope: str, year: int, series: str = "") -> int:
    """The last serial issued (0 if none), without taking or locking anything."""
    row = NumberSequence.objects.filter(scope=scope, year=year, series=series).first()
    return row.last_value if row else 0


def advance_to(*, scope: str, year: int, series: str = "", value: int) -> None:
    """Move the series forward to at least `value` — for bulk writers that numbered rows themselves
    (the demo seeder) and for a typed number that is ahead of the series."""
    sequence = _locked(scope, year, series)
    if sequence.last_value < value:
        sequence.last_value = value
        sequence.save(update_fields=["last_value"])


def advance_many(values: dict[tuple[str, int, str], int]) -> None:
    """`advance_to` for many series at once: {(scope, year, series): value}, in three queries."""
    if not values:
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a number must be taken inside transaction.atomic() to hold the sequence lock")
    rows = [
        row
        for row in _locked_many(sorted(values))
        if row.last_value < values[(row.scope, row.year, row.series)]
    ]
    for row in rows:
        row.last_value = values[(row.scope, row.year, row.series)]
    NumberSequence.objects.bulk_update(rows, ["last_value"], batch_size=1000)
