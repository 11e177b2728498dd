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
    `reserve` would give them, in one statement per thousand series (the demo seeder numbers
    thousands of cases of hundreds of agencies at a time). Each row is created or raised by its
    count and stays locked until the transaction ends, like `reserve`'s."""
    if any(count < 1 for count in counts.values()):
        raise ValueError("count must be positive")
    last = _upsert(counts, "{t}.last_value + EXCLUDED.last_value")
    return {key: range(last[key] - count + 1, last[key] + 1) for key, count in counts.items()}


def _upsert(values: dict[tuple[str, int, str], int], new_value: str) -> dict[tuple[str, int, str], int]:
    """INSERT … ON CONFLICT DO UPDATE SET last_value = `new_value` (SQL over `{t}`, the table, and
    EXCLUDED, the value given) for every (scope, year, series) → value; the rows' last values after.
    The rows are written in key order, so two callers cannot deadlock on them."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("a number must be taken inside transaction.atomic() to hold the sequence lock")
    connection = transaction.get_connection()
    table = connection.ops.quote_name(NumberSequence._meta.db_table)
    keys = sorted(values)
    last = {}
    with connection.cursor() as cursor:
        for start in range(0, len(keys), 1000):
            chunk = keys[start : start + 1000]
            params = [p for key in chunk for p in (*key, values[key])]
            cursor.execute(
                f"INSERT INTO {table} (scope, year, series, last_value) "  # noqa: S608 (a model's table)
                f"VALUES {', '.join(['(%s, %s, %s, %s)'] * len(chunk))} "
                f"ON CONFLICT (scope, year, series) DO UPDATE SET last_value = {new_value.format(t=table)} "
                "RETURNING scope, year, series, last_value",
                params,
            )
            last.update({(scope, year, series): value for scope, year, series, value in cursor.fetchall()})
    return last


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
    """`advance_to` for many series at once: {(scope, year, series): value}, never lowering one."""
    _upsert(
        values,
        "CASE WHEN {t}.last_value < EXCLUDED.last_value THEN EXCLUDED.last_value ELSE {t}.last_value END",
    )
