"""For every dispute URL: a user who sees the dispute's respondent but none of the records on it gets
404 (or, on a list, does not find the dispute); the officer handling the record does not.

A new URL in disputes/urls.py fails this test until it is handled here.
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from accounts.jurisdiction import unit_in_jurisdiction
from tests.test_permission_matrix import _call, _named_patterns

from .matrix import ROWS, city_case_setup

# (user who sees the respondent, respondent) — each a finding of the attack run.
ATTACKERS = [("fuyi_maiji", "maiji"), ("fuyi_qinzhou", "qinzhou"), ("zhifa_scj", "city_market")]
LISTS = {"disputes:list", "disputes:stats", "disputes:picker"}
NO_DISPUTE = {"disputes:create"}  # registers a new dispute; shows no existing one


def _dispute_names():
    return sorted({n for n in _named_patterns() if n.startswith("disputes:")})


def _object_rows():
    """One row per (URL name, method) of the dispute object URLs, from tests/disputes/matrix.py."""
    seen, rows = set(), []
    for row in ROWS:
        if row.kwargs and (row.name, row.method) not in seen:
            seen.add((row.name, row.method))
            rows.append(row)
    return rows


OBJECT_ROWS = _object_rows()


def test_every_dispute_url_is_checked_here():
    checked = {r.name for r in OBJECT_ROWS} | LISTS | NO_DISPUTE
    assert set(_dispute_names()) <= checked, sorted(set(_dispute_names()) - checked)


@pytest.fixture
def world(tree, users):
    return SimpleNamespace(tree=tree, users=users)


def _as(client, user):
    client.force_login(user, backend="accounts.backends.AccountsBackend")
    return client


@pytest.mark.parametrize(("username", "respondent"), ATTACKERS)
@pytest.mark.parametrize("row", OBJECT_ROWS, ids=[r.id for r in OBJECT_ROWS])
def test_seeing_the_respondent_but_no_record_answers_404(client, world, row, username, respondent):
    city_case_setup(respondent)(world)
    attacker = getattr(world.users, username)
    assert unit_in_jurisdiction(attacker, world.dispute.respondent)  # the old rule let them in
    parties, version = world.dispute.parties.count(), world.dispute.version

    response = _call(_as(client, attacker), row, world)

    assert response.status_code == 404, response.status_code
    world.dispute.refresh_from_db()
    assert (world.dispute.parties.count(), world.dispute.version) == (parties, version)
    # the handling officer is not refused: the 404 is the scoping, not a broken URL
    assert _call(_as(client, world.users.fuyi), row, world).status_code != 404


@pytest.mark.parametrize(("username", "respondent"), ATTACKERS)
def test_lists_and_statistics_leave_the_dispute_out(client, world, username, respondent):
    city_case_setup(respondent)(world)
    client = _as(client, getattr(world.users, username))
    assert world.dispute.number not in client.get(reverse("disputes:list")).content.decode()
    assert client.get(reverse("disputes:stats")).context["stats"].total == 0
    picker = reverse("disputes:picker")
    assert world.dispute.number not in client.get(picker, {"q": world.dispute.number}).content.decode()
    client = _as(client, world.users.fuyi)
    assert world.dispute.number in client.get(reverse("disputes:list")).content.decode()
    assert client.get(reverse("disputes:stats")).context["stats"].total == 1
    assert world.dispute.number in client.get(picker, {"q": world.dispute.number}).content.decode()
