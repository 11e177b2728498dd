"""Reminder scan over the open deadlines (budget: ≤ 10 s for 100k on PostgreSQL, docs/budgets.md)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction

from ..registry import Figure, benchmark, timed

BUDGET_SECONDS = 10.0
BUDGET_AT = 100_000  # the budget is stated for 100k open deadlines; smaller runs show none


def _candidates_sql(today) -> Callable[[], None]:
    """The plain way: one SELECT counting open, running deadlines due within the reminder horizon."""
    from deadlines.calendar import add_workdays
    from deadlines.models import Deadline

    horizon = add_workdays(today, 4)
    table = connection.ops.quote_name(Deadline._meta.db_table)
    sql = f"SELECT count(*) FROM {table} WHERE status = 'open' AND NOT is_suspended AND due_date < %s"

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, [horizon])
            cursor.fetchone()

    return run


@benchmark("reminders.scan", order=200)
def reminder_scan(world) -> list[Figure]:
    """Reminder scan: first run (every stage row new) and a rerun (nothing new), in rolled-back savepoints."""
    from deadlines.models import Notification
    from deadlines.reminders import scan_reminders

    seeded = world.deadlines()
    budget = BUDGET_SECONDS if seeded.deadlines >= BUDGET_AT else None
    today = world.today
    reference = timed(_candidates_sql(today), world.repeats)
    created = []

    def first_run():
        with transaction.atomic():
            created.append(scan_reminders(today=today).total)
            transaction.set_rollback(True)

    first = timed(first_run, world.repeats)
    with transaction.atomic():
        scan_reminders(today=today)  # untimed: the rows a rerun finds
        existing = Notification.objects.count()
        with connection.cursor() as cursor:  # what autovacuum does after a big insert
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Notification._meta.db_table)}")
        rerun = timed(lambda: scan_reminders(today=today), world.repeats)
        transaction.set_rollback(True)
    return [
        Figure(
            label="reminders.scan (first run)",
            n=seeded.deadlines,
            samples=first,
            reference=reference,
            reference_label="SQL count of candidates",
            budget=budget,
            note=f"{created[0]:,} notifications created",
        ),
        Figure(
            label="reminders.scan (rerun)",
            n=seeded.deadlines,
            samples=rerun,
            reference=reference,
            reference_label="SQL count of candidates",
            budget=budget,
            note=f"{existing:,} notifications already there",
        ),
    ]
