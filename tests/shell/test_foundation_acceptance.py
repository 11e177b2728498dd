"""Jurisdiction and roles, checked on real records: county officers get 404 for the other county's
objects, and the 系统管理员 role gets 403 on case content (it manages users and units only)."""

from datetime import date

import pytest
from django.urls import reverse

from tests.deadlines.factories import DeadlineFactory
from tests.disputes.factories import DisputeFactory, PartyFactory
from tests.reconsideration.factories import register_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def maiji_objects(tree, users):
    dispute = DisputeFactory(respondent=tree.maiji_market)
    PartyFactory(dispute=dispute)
    case = register_case(
        actor=users.fuyi_maiji, body=tree.maiji, respondent=tree.maiji_market, received_on=date(2026, 3, 2)
    )
    deadline = DeadlineFactory(org_unit=tree.maiji_justice, responsible=[users.fuyi_maiji])
    return {
        "dispute": reverse("disputes:detail", kwargs={"pk": dispute.pk}),
        "case": reverse("reconsideration:detail", kwargs={"pk": case.pk}),
        "deadline": reverse("deadlines:detail", kwargs={"pk": deadline.pk}),
        "user": reverse("accounts:user_edit", kwargs={"pk": users.fuyi_maiji.pk}),
    }


@pytest.mark.parametrize("what", ["dispute", "case", "deadline"])
def test_qinzhou_officer_gets_404_for_any_maiji_object(what, maiji_objects, login, users):
    assert login(users.fuyi_qinzhou).get(maiji_objects[what]).status_code == 404


def test_maiji_officer_opens_the_same_objects(maiji_objects, login, users):
    client = login(users.fuyi_maiji)
    for what in ("dispute", "case", "deadline"):
        assert client.get(maiji_objects[what]).status_code == 200, what


@pytest.mark.parametrize("what", ["dispute", "case", "deadline"])
def test_system_admin_gets_403_on_case_content(what, maiji_objects, login, users):
    assert login(users.admin).get(maiji_objects[what]).status_code == 403


def test_system_admin_manages_the_user_it_cannot_read_the_cases_of(maiji_objects, login, users):
    assert login(users.admin).get(maiji_objects["user"]).status_code == 200
