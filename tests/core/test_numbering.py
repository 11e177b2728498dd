"""The kernel's number series (core.numbering): one per scope, year and series; a rolled-back
transaction gives its serial back; bulk reservations and forward moves never reuse a number."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor

from core import numbering
from core.models import NumberSequence

pytestmark = pytest.mark.django_db


def take(scope="reconsideration:1", year=2026, series="decision"):
    return numbering.next_serial(scope=scope, year=year, series=series)


def test_each_scope_year_and_series_counts_on_its_own():
    assert [take(), take(), take()] == [1, 2, 3]
    assert take(series="hearing") == 1
    assert take(year=2027) == 1
    assert take(scope="reconsideration:2") == 1
    assert take(scope="disputes", series="") == 1
    assert take() == 4
    assert NumberSequence.objects.get(scope="reconsideration:1", year=2026, series="decision").last_value == 4


def test_a_rolled_back_transaction_gives_its_serial_back():
    assert take() == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert take() == 2
        raise RuntimeError("the act was refused")
    assert take() == 2
    assert numbering.last_serial(scope="reconsideration:1", year=2026, series="decision") == 2


def test_reserve_and_advance_never_reuse_a_number():
    assert list(numbering.reserve(scope="disputes", year=2026, count=3)) == [1, 2, 3]
    numbering.advance_to(scope="disputes", year=2026, value=10)
    numbering.advance_to(scope="disputes", year=2026, value=5)  # never backwards
    assert numbering.next_serial(scope="disputes", year=2026) == 11
    with pytest.raises(ValueError):
        numbering.reserve(scope="disputes", year=2026, count=0)


@pytest.mark.django_db(transaction=True)
def test_the_migration_carries_the_old_counters_over(tree):
    """Counters of the former per-app tables continue in the kernel series: no number is issued twice."""
    executor = MigrationExecutor(connection)
    before = [
        ("core", "0002_audit_append_only"),
        ("reconsideration", "0001_initial"),
        ("disputes", "0001_initial"),
    ]
    after = [("core", "0003_number_sequence"), ("reconsideration", "0003_number_series_in_core")]
    after += [("disputes", "0003_number_series_in_core")]
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        old.get_model("reconsideration", "CaseNumberSequence").objects.create(
            body_id=tree.city.pk, year=2025, kind="decision", last_value=7
        )
        old.get_model("disputes", "DisputeNumberCounter").objects.create(year=2025, last_value=41)
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
        with transaction.atomic():
            serial = numbering.next_serial(
                scope=f"reconsideration:{tree.city.pk}", year=2025, series="decision"
            )
            assert serial == 8
            assert numbering.next_serial(scope="disputes", year=2025) == 42
    finally:
        # back to the latest schema: later tests on this database need every migration applied
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        numbering.next_serial(scope="disputes", year=2025)  # outside a transaction the lock would not hold


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_takers_never_share_a_serial():
    """Eight connections take three serials each at the same moment: 1…24, none twice, no gap."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (DATABASE_URL=postgres://…)")
    barrier = threading.Barrier(8)
    taken: list[int] = []
    errors: list[Exception] = []

    def worker():
        try:
            barrier.wait()
            for _ in range(3):
                with transaction.atomic():
                    taken.append(
                        numbering.next_serial(scope="reconsideration:1", year=2026, series="decision")
                    )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(taken) == list(range(1, 25))
