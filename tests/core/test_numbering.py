"""The kernel's number series (core.numbering): one per scope, year and series; a rolled-back
transaction gives its serial back; bulk reservations and forward moves never reuse a number."""

import pytest
from django.db import transaction

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
