"""The 系统管理员 manages users but may not make itself a case handler or an auditor, nor take over a
fellow admin's or the auditor's account by resetting its password."""

import pytest

from accounts import services
from accounts.choices import Role
from core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db


def _update(actor, user, roles):
    user.refresh_from_db()
    return services.user_update(
        actor=actor,
        user=user,
        version=user.version,
        real_name=user.real_name,
        unit=user.unit,
        roles=roles,
        title=user.title,
    )


def test_an_admin_cannot_grant_themself_a_case_or_audit_role(users):
    with pytest.raises(ApplicationError, match="不能为自己增加角色"):
        _update(users.admin, users.admin, [Role.SYSTEM_ADMIN, Role.RECON_OFFICER])
    # An audit role is refused to anyone holding 系统管理员 (三员分立), themself included.
    with pytest.raises(ApplicationError, match="三个角色互斥"):
        _update(users.admin, users.admin, [Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN])
    assert set(users.admin.groups.values_list("name", flat=True)) == {Role.SYSTEM_ADMIN}


def test_an_admin_still_assigns_roles_to_others(users):
    _update(users.admin, users.nobody, [Role.RECON_OFFICER])
    assert set(users.nobody.groups.values_list("name", flat=True)) == {Role.RECON_OFFICER}


def test_an_admin_cannot_reset_the_auditors_or_another_admins_password(users, make_user, tree):
    other_admin = make_user("admin2", unit=tree.city_justice, roles=[Role.SYSTEM_ADMIN])
    for victim in (users.auditor, other_admin):
        with pytest.raises(ApplicationError, match="超级管理员"):
            services.user_set_password(actor=users.admin, user=victim, password="Xk9#mPq2$wLz7")
        victim.refresh_from_db()
        assert victim.check_password("Tianshui@2026-test")


def test_an_admin_resets_an_officers_password(users):
    services.user_set_password(actor=users.admin, user=users.fuyi, password="Xk9#mPq2$wLz7")
    users.fuyi.refresh_from_db()
    assert users.fuyi.check_password("Xk9#mPq2$wLz7") and users.fuyi.must_change_password
