"""Query counts of the lists and detail pages stay constant with the rows (exact, pinned)."""

import pytest
from django.urls import reverse

from enforcement import selectors

from .factories import file_case

pytestmark = pytest.mark.django_db


def test_case_list_query_count_does_not_grow(w, users, django_assert_num_queries):
    for _ in range(3):
        file_case(w)
    with django_assert_num_queries(1):
        rows = list(selectors.case_list(user=users.jiandu, filters={"status": "filed"})[:25])
    assert len(rows) == 3 and all(r.agency.name and r.item.name for r in rows)


@pytest.mark.parametrize("name", ["index", "officer_list", "certificate_list", "agency_list"])
def test_list_pages_pinned(name, w, users, login, django_assert_num_queries):
    file_case(w)
    file_case(w)
    client = login(users.zhifa_scj)
    client.get(reverse(f"enforcement:{name}"))  # warm the session and permission caches
    expected = {"index": 8, "officer_list": 8, "certificate_list": 8, "agency_list": 8}[name]
    with django_assert_num_queries(expected):
        assert client.get(reverse(f"enforcement:{name}")).status_code == 200


def test_case_detail_pinned(w, users, login, django_assert_num_queries):
    case = file_case(w)
    client = login(users.zhifa_scj)
    client.get(case.get_absolute_url())
    with django_assert_num_queries(14):
        assert client.get(case.get_absolute_url()).status_code == 200
