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


def test_reserve_many_continues_each_series_as_reserve_would_in_one_query(
    django_assert_num_queries,
):
    assert list(numbering.reserve(scope="enforcement:1", year=2026, series="case", count=2)) == [1, 2]
    wanted = {("enforcement:1", 2026, "case"): 3, ("enforcement:1", 2026, "decision"): 1}
    wanted |= {(f"enforcement:{pk}", 2025, "case"): pk for pk in range(2, 40)}
    with django_assert_num_queries(1):  # one upsert: the missing series inserted, the others raised
        serials = numbering.reserve_many(wanted)
    assert serials[("enforcement:1", 2026, "case")] == range(3, 6)  # after the two taken before
    assert serials[("enforcement:1", 2026, "decision")] == range(1, 2)
    assert serials[("enforcement:39", 2025, "case")] == range(1, 40)
    assert numbering.next_serial(scope="enforcement:1", year=2026, series="case") == 6
    assert numbering.last_serial(scope="enforcement:7", year=2025, series="case") == 7
    with pytest.raises(ValueError):
        numbering.reserve_many({("disputes", 2026, ""): 0})


def test_advance_many_raises_each_series_never_lowers_one(django_assert_num_queries):
    numbering.reserve(scope="reconsideration:1", year=2026, series="case", count=8)
    with django_assert_num_queries(1):
        numbering.advance_many(
            {("reconsideration:1", 2026, "case"): 5, ("reconsideration:2", 2026, "case"): 4}
        )
    assert numbering.next_serial(scope="reconsideration:1", year=2026, series="case") == 9  # not 6
    assert numbering.next_serial(scope="reconsideration:2", year=2026, series="case") == 5


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
