"""Deadline selectors: jurisdiction, status classes, the home-page panel, and constant query counts."""

from datetime import date as D
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deadlines.selectors import (
    deadline_list_for_units,
    deadline_list_for_user,
    deadline_status_class,
    deadlines_for_record,
    workbench_panel,
)
from deadlines.services import deadline_extend, deadline_resume, deadline_suspend
from tests.deadlines import fresh_calendar  # noqa: F401

from .factories import DeadlineFactory, make_deadlines

N = 55  # enough rows to expose an N+1


def test_status_class_counts_working_days(tree):
    deadline = DeadlineFactory(org_unit=tree.city_justice)  # due Tue 2025-05-06
    # Today Tue 2025-04-29: the 3rd working day after is Wed 05-07 (30, 05-06, 05-07) → "soon".
    assert deadline_status_class(deadline, D(2025, 4, 29)) == "soon"
    # Fri 2025-04-25: 3rd working day after is Tue 04-29 (Sun 04-27 is a make-up day) → not yet.
    assert deadline_status_class(deadline, D(2025, 4, 25)) == ""
    assert deadline_status_class(deadline, D(2025, 5, 6)) == "soon"  # due today
    assert deadline_status_class(deadline, D(2025, 5, 7)) == "overdue"


def test_suspended_and_closed_deadlines_are_neither_overdue_nor_soon(tree, users):
    deadline = DeadlineFactory(org_unit=tree.city_justice)
    suspended = deadline_suspend(deadline=deadline, on=D(2025, 3, 10), reason="中止", actor=None)
    assert deadline_status_class(suspended, D(2025, 6, 1)) == ""
    resumed = deadline_resume(deadline=suspended, on=D(2025, 3, 11), actor=None)
    assert deadline_status_class(resumed, D(2025, 6, 1)) == "overdue"


def test_lists_start_from_the_users_jurisdiction(tree, users):
    city = DeadlineFactory(org_unit=tree.city_justice, responsible=[users.fuyi_maiji])
    maiji = DeadlineFactory(org_unit=tree.maiji_justice, responsible=[users.fuyi_maiji])
    # Responsible for a city deadline, but 麦积区 cannot see city records.
    assert list(deadline_list_for_user(user=users.fuyi_maiji, filters={})) == [maiji]
    assert set(deadline_list_for_units(user=users.leader, filters={})) == {city, maiji}
    assert list(deadline_list_for_units(user=users.fuyi_maiji, filters={})) == [maiji]


def test_workbench_panel_counts_and_next_five(rf, tree, users):
    today = timezone.localdate()
    DeadlineFactory(
        org_unit=tree.city_justice, responsible=[users.fuyi], trigger_date=today - timedelta(days=90)
    )
    make_deadlines(6, org_unit=tree.city_justice, responsible=[users.fuyi], start=today)
    request = rf.get("/")
    request.user = users.fuyi
    panel = workbench_panel(request)
    assert panel["title"] == "我的期限"
    assert panel["template"] == "deadlines/_workbench_panel.html"
    counts = panel["context"]["counts"]
    assert (counts["open"], counts["overdue"], counts["soon"]) == (7, 1, 0)
    assert len(panel["context"]["upcoming"]) == 5
    assert panel["context"]["upcoming"][0].row_class == "overdue"


def test_workbench_panel_is_absent_without_the_permission(rf, users):
    request = rf.get("/")
    request.user = users.admin  # 系统管理员: no case content
    assert workbench_panel(request) is None


def test_home_page_shows_the_panel(login, tree, users):
    DeadlineFactory(org_unit=tree.city_justice, responsible=[users.fuyi], subject="首页可见的期限")
    response = login(users.fuyi).get(reverse("core:home"))
    assert response.status_code == 200
    assert "首页可见的期限" in response.content.decode()


# --- query counts: constant in the number of rows ---------------------------------------------------


@pytest.fixture
def many(tree, users):
    rows = make_deadlines(N, org_unit=tree.city_justice, responsible=[users.fuyi, users.fuyi_head])
    make_deadlines(N, org_unit=tree.qinzhou_justice, responsible=[users.fuyi_qinzhou])
    for d in rows[:10]:
        deadline_suspend(deadline=d, on=D(2025, 3, 20), reason="中止", actor=users.fuyi)
    return rows


def test_my_deadlines_page_query_count(login, users, many, django_assert_num_queries):
    client = login(users.fuyi)
    with django_assert_num_queries(10):
        response = client.get(reverse("deadlines:mine"), {"status": "all"})
    assert len(response.context["deadlines"]) == 25


def test_unit_page_query_count(login, users, many, django_assert_num_queries):
    client = login(users.leader)
    with django_assert_num_queries(11):
        response = client.get(reverse("deadlines:unit"))
    assert len(response.context["summary"]) == 2


def test_detail_page_query_count_with_many_events(login, users, tree, django_assert_num_queries):
    deadline = DeadlineFactory(org_unit=tree.city_justice, responsible=[users.fuyi])
    for i in range(12):
        deadline = deadline_suspend(
            deadline=deadline, on=D(2025, 3, 4 + 2 * i), reason="中止", actor=users.fuyi
        )
        deadline = deadline_resume(deadline=deadline, on=D(2025, 3, 5 + 2 * i), actor=users.fuyi)
    deadline = deadline_extend(
        deadline=deadline,
        days=5,
        reference="x",
        reason="y",
        actor=users.fuyi,
        approved_by=users.fuyi_head,
        approved_on=D(2025, 3, 28),  # within the period (docs/law/counting.md, rule 7)
    )
    client = login(users.fuyi)
    with django_assert_num_queries(14):
        response = client.get(reverse("deadlines:detail", args=[deadline.pk]))
    assert len(response.context["events"]) == 26


def test_record_panel_query_count(tree, users, many, django_assert_num_queries):
    record = tree.city_justice  # every `many` row of the city belongs to this record
    with django_assert_num_queries(2):  # the deadlines, their events (the panel shows no responsible)
        rows = list(deadlines_for_record(record))
        for d in rows:
            list(d.events.all())
    assert len(rows) == N


def test_workbench_panel_query_count(rf, users, many, django_assert_num_queries):
    request = rf.get("/")
    request.user = users.fuyi
    with django_assert_num_queries(4):
        panel = workbench_panel(request)
    assert panel["context"]["counts"]["open"] == N
