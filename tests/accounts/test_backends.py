"""accounts.backends.AccountsBackend answers as Django's ModelBackend, in fewer queries."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from accounts.backends import AccountsBackend

pytestmark = pytest.mark.django_db


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


def _perm(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def test_permissions_are_modelbackends_own_and_group_permissions(users):
    user = users.fuyi
    user.user_permissions.add(_perm("accounts.manage_units"))  # an own permission beside the role's
    group = Group.objects.create(name="额外的组")
    group.permissions.add(_perm("core.view_audit"))
    user.groups.add(group)
    for person in (user, users.nobody, users.zhifa_scj, users.leader):
        expected = ModelBackend().get_all_permissions(_fresh(person))
        assert AccountsBackend().get_all_permissions(_fresh(person)) == expected
    assert {"accounts.manage_units", "core.view_audit"} <= AccountsBackend().get_all_permissions(_fresh(user))


def test_inactive_users_and_object_permissions_hold_nothing(users):
    user = _fresh(users.fuyi)
    assert AccountsBackend().get_all_permissions(user, obj=object()) == set()
    user.is_active = False
    assert AccountsBackend().get_all_permissions(user) == set()


def test_a_superuser_holds_every_permission(users):
    user = _fresh(users.admin)
    user.is_superuser = True
    twin = _fresh(users.admin)
    twin.is_superuser = True
    assert AccountsBackend().get_all_permissions(user) == ModelBackend().get_all_permissions(twin)
    assert len(AccountsBackend().get_all_permissions(user)) == Permission.objects.count()


def test_one_query_for_the_permissions_and_none_for_the_unit(users, django_assert_num_queries):
    backend = AccountsBackend()
    with django_assert_num_queries(1):
        user = backend.get_user(users.fuyi_qinzhou.pk)
        assert user.unit.parent.name == "秦州区人民政府"
    with django_assert_num_queries(1):
        assert user.has_perm("reconsideration.view_reconsiderationcase")
        assert not user.has_perm("accounts.manage_users")


def test_an_inactive_user_is_not_signed_in(users):
    users.fuyi.is_active = False
    users.fuyi.save()
    assert AccountsBackend().get_user(users.fuyi.pk) is None
    assert AccountsBackend().get_user(10**9) is None
