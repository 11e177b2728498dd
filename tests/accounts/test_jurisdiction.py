"""Jurisdiction on the tree (accounts/jurisdiction.py): city justice → everything; a county justice
bureau → its county; any other unit → its own subtree."""

import pytest

from accounts.choices import Role, UnitKind
from accounts.jurisdiction import jurisdiction_root, unit_in_jurisdiction
from accounts.models import OrgUnit, User

from .factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


def _names(qs):
    return {str(x) for x in qs}


def test_city_justice_user_sees_every_unit_and_user(tree, users):
    assert set(OrgUnit.objects.visible_to(users.fuyi)) == set(OrgUnit.objects.all())
    assert set(User.objects.visible_to(users.fuyi)) == set(User.objects.all())


def test_county_justice_user_sees_the_county_only(tree, users):
    units = set(OrgUnit.objects.visible_to(users.fuyi_qinzhou))
    assert units == {tree.qinzhou, tree.qinzhou_justice, tree.qinzhou_market, tree.qinzhou_town}
    visible_users = set(User.objects.visible_to(users.fuyi_qinzhou))
    assert users.fuyi_qinzhou in visible_users
    assert users.fuyi_maiji not in visible_users
    assert users.fuyi not in visible_users


def test_agency_user_sees_its_own_subtree(tree, users, make_user):
    branch = OrgUnitFactory(name="市场监管局稽查支队", kind=UnitKind.AGENCY, parent=tree.city_market)
    inspector = make_user("jicha", unit=branch, roles=[Role.ENFORCEMENT_STAFF])
    assert set(OrgUnit.objects.visible_to(users.zhifa_scj)) == {tree.city_market, branch}
    assert set(User.objects.visible_to(users.zhifa_scj)) == {users.zhifa_scj, inspector}
    # the branch does not see its parent agency
    assert set(OrgUnit.objects.visible_to(inspector)) == {branch}


def test_government_user_sees_the_government_subtree(tree, users):
    assert jurisdiction_root(users.leader) == tree.city
    assert set(OrgUnit.objects.visible_to(users.leader)) == set(OrgUnit.objects.all())


def test_township_user_sees_only_the_township(tree, make_user):
    clerk = make_user("dcjd", unit=tree.qinzhou_town)
    assert set(OrgUnit.objects.visible_to(clerk)) == {tree.qinzhou_town}


def test_user_without_unit_sees_nothing(make_user, db):
    orphan = make_user("orphan", unit=None)
    assert not OrgUnit.objects.visible_to(orphan).exists()
    assert not User.objects.visible_to(orphan).exists()


def test_prefix_of_a_sibling_path_does_not_leak(tree, make_user):
    """Paths end in '/': unit 1's subtree must not contain unit 10's."""
    clerk = make_user("qzclerk", unit=tree.qinzhou_justice)
    for unit in OrgUnit.objects.exclude(path__startswith=tree.qinzhou.path):
        assert not unit_in_jurisdiction(clerk, unit), unit


def test_unit_in_jurisdiction_matches_visible_to(tree, users):
    for user in (users.fuyi, users.fuyi_qinzhou, users.zhifa_scj):
        visible = set(OrgUnit.objects.visible_to(user))
        for unit in OrgUnit.objects.all():
            assert unit_in_jurisdiction(user, unit) == (unit in visible)
