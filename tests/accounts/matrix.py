"""Permission-matrix rows of accounts (tests/matrix.py explains the fields).

Object URLs use a user or unit of 麦积区: the city admin (`admin`) sees it, `fuyi` (city justice, no
management permission) gets 403, and a 系统管理员 of 秦州区 (added by `_county_admin`) gets 404.
"""

from accounts.choices import Role
from tests.matrix import Row

from .factories import UserFactory


def _county_admin(world):
    world.users.admin_qinzhou = UserFactory(
        username="admin_qinzhou", unit=world.tree.qinzhou_justice, roles=[Role.SYSTEM_ADMIN]
    )


def _security_admins(world):
    """安全管理员 of the city justice bureau (sees 麦积区) and of 秦州区 (does not)."""
    world.users.anquan = UserFactory(
        username="anquan", unit=world.tree.city_justice, roles=[Role.SECURITY_ADMIN]
    )
    world.users.anquan_qinzhou = UserFactory(
        username="anquan_qinzhou", unit=world.tree.qinzhou_justice, roles=[Role.SECURITY_ADMIN]
    )


def _maiji_user(world):
    return {"pk": world.users.fuyi_maiji.pk}


def _maiji_unit(world):
    return {"pk": world.tree.maiji_market.pk}


ROWS = [
    Row("accounts:login", permitted=None, noperm=None, anonymous=200),
    Row("accounts:logout", permitted="fuyi", noperm=None, method="post", ok=302),
    Row("accounts:password_change", permitted="fuyi", noperm=None),
    # Without a second factor required or enrolled, the code page sends the user on to enrolment.
    Row("accounts:mfa_verify", permitted="fuyi", noperm=None, ok=302),
    Row("accounts:mfa_setup", permitted="fuyi", noperm=None),
    Row("accounts:security", permitted="anquan", noperm="admin", setup=_security_admins),
    Row(
        "accounts:user_mfa_reset",
        permitted="anquan",
        noperm="admin",
        other="anquan_qinzhou",
        kwargs=_maiji_user,
        setup=_security_admins,
        method="post",
        ok=302,
    ),
    Row(
        "accounts:user_unlock",
        permitted="anquan",
        noperm="admin",
        other="anquan_qinzhou",
        kwargs=_maiji_user,
        setup=_security_admins,
        method="post",
        ok=302,
    ),
    Row("accounts:user_list", permitted="admin", noperm="fuyi"),
    Row("accounts:user_create", permitted="admin", noperm="fuyi"),
    Row(
        "accounts:user_edit",
        permitted="admin",
        noperm="fuyi",
        other="admin_qinzhou",
        kwargs=_maiji_user,
        setup=_county_admin,
    ),
    Row(
        "accounts:user_toggle_active",
        permitted="admin",
        noperm="fuyi",
        other="admin_qinzhou",
        kwargs=_maiji_user,
        setup=_county_admin,
        method="post",
        ok=302,
    ),
    Row(
        "accounts:user_reset_password",
        permitted="admin",
        noperm="fuyi",
        other="admin_qinzhou",
        kwargs=_maiji_user,
        setup=_county_admin,
    ),
    Row("accounts:unit_tree", permitted="admin", noperm="fuyi"),
    Row("accounts:unit_create", permitted="admin", noperm="fuyi"),
    Row(
        "accounts:unit_edit",
        permitted="admin",
        noperm="fuyi",
        other="admin_qinzhou",
        kwargs=_maiji_unit,
        setup=_county_admin,
    ),
]
