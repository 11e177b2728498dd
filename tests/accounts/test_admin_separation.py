"""三员分立 and the password rules that go with it: no account holds two of 系统管理员 / 安全管理员 /
审计管理员 (form, service, migration); an administrator changes their own password only with the old
one; a new password is none of the last five, contains neither username nor phone, and on production
settings is not the published demo password."""

import importlib
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.apps import apps as global_apps
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from accounts.choices import Role
from accounts.forms import UserCreateForm, UserEditForm
from accounts.validators import ForbiddenPasswordValidator
from core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db

NEW = "Weihe#Bridge2031"


def _groups(*roles):
    return list(Group.objects.filter(name__in=[str(r) for r in roles]))


# --- no account holds two of the three administrator roles ----------------------------------------


def test_the_security_admin_role_exists_with_its_permissions_only():
    group = Group.objects.get(name=Role.SECURITY_ADMIN)
    perms = {
        f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
    }
    assert "accounts.manage_security" in perms
    assert not {"accounts.manage_users", "core.view_audit"} & perms
    assert not any(p.startswith(("reconsideration.", "disputes.", "decisions.")) for p in perms)


@pytest.mark.parametrize(
    "pair",
    [
        (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN),
        (Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN),
        (Role.SECURITY_ADMIN, Role.AUDIT_ADMIN),
    ],
)
def test_the_user_form_refuses_two_admin_roles(users, pair):
    data = {
        "username": "zhang_san",
        "real_name": "张三",
        "unit": users.admin.unit_id,
        "roles": [g.pk for g in _groups(*pair)],
        "password1": NEW,
        "password2": NEW,
        "email_notifications": "on",
    }
    form = UserCreateForm(data, user=users.admin)
    assert not form.is_valid()
    assert "三个角色互斥" in " ".join(form.errors["roles"])
    edit = UserEditForm(data, user=users.admin, instance=users.fuyi)
    assert not edit.is_valid() and "roles" in edit.errors


def test_the_user_page_refuses_two_admin_roles(users, login):
    client = login(users.admin)
    response = client.post(
        reverse("accounts:user_edit", kwargs={"pk": users.auditor.pk}),
        {
            "real_name": users.auditor.real_name,
            "unit": users.auditor.unit_id,
            "roles": [g.pk for g in _groups(Role.AUDIT_ADMIN, Role.SECURITY_ADMIN)],
            "email_notifications": "on",
        },
    )
    assert response.status_code == 200 and "三个角色互斥" in response.content.decode()
    assert users.auditor.role_names() == [Role.AUDIT_ADMIN]


def test_the_service_refuses_two_admin_roles(users, tree):
    with pytest.raises(ApplicationError, match="三个角色互斥"):
        services.user_create(
            actor=None,
            username="li_si",
            real_name="李四",
            unit=tree.city_justice,
            password=NEW,
            roles=[Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN],
        )
    with pytest.raises(ApplicationError, match="三个角色互斥"):
        services.user_update(
            actor=None,
            user=users.auditor,
            version=users.auditor.version,
            real_name=users.auditor.real_name,
            unit=users.auditor.unit,
            roles=[Role.AUDIT_ADMIN, Role.SECURITY_ADMIN],
        )
    assert users.auditor.role_names() == [Role.AUDIT_ADMIN]


def test_the_migration_refuses_an_account_holding_two_admin_roles(users):
    migration = importlib.import_module("accounts.migrations.0004_create_security_admin_role")
    editor = SimpleNamespace(connection=SimpleNamespace(alias="default"))
    migration.create_security_admin(global_apps, editor)  # clean data: it passes
    users.admin.groups.add(Group.objects.get(name=Role.AUDIT_ADMIN))  # bypassing the service
    with pytest.raises(RuntimeError, match="admin（系统管理员、审计管理员）"):
        migration.create_security_admin(global_apps, editor)


# --- passwords of administrators ------------------------------------------------------------------


def test_an_admin_cannot_set_their_own_password_on_the_reset_page(users, login, password):
    client = login(users.admin)
    response = client.post(
        reverse("accounts:user_reset_password", kwargs={"pk": users.admin.pk}),
        {"password1": NEW, "password2": NEW},
    )
    assert response.status_code == 200 and "当前密码" in response.content.decode()
    users.admin.refresh_from_db()
    assert users.admin.check_password(password)


def test_own_password_change_needs_the_old_one(users, login, password):
    with pytest.raises(ApplicationError, match="当前密码"):
        services.user_set_password(actor=users.admin, user=users.admin, password=NEW)
    with pytest.raises(ApplicationError, match="当前密码"):
        services.user_set_password(
            actor=users.admin, user=users.admin, password=NEW, old_password="Nope#12345678"
        )
    client = login(users.admin)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "Nope#12345678", "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 200
    users.admin.refresh_from_db()
    assert users.admin.check_password(password)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    users.admin.refresh_from_db()
    assert users.admin.check_password(NEW)


def test_only_a_superuser_resets_a_fellow_administrators_password(users, make_user, tree, password):
    anquan = make_user("anquan", unit=tree.city_justice, roles=[Role.SECURITY_ADMIN])
    for victim in (anquan, users.auditor):
        with pytest.raises(ApplicationError, match="只能由超级管理员重置"):
            services.user_set_password(actor=users.admin, user=victim, password=NEW)
        victim.refresh_from_db()
        assert victim.check_password(password)
    root = make_user("root", unit=tree.city, is_superuser=True)
    services.user_set_password(actor=root, user=anquan, password=NEW)
    anquan.refresh_from_db()
    assert anquan.check_password(NEW) and anquan.must_change_password


# --- new passwords ---------------------------------------------------------------------------------


def test_none_of_the_last_five_passwords(users, password):
    user = users.fuyi
    history = [password]
    for i in range(5):
        new = f"Weihe#Bridge20{30 + i}"
        services.user_set_password(actor=user, user=user, password=new, old_password=history[-1])
        history.append(new)
    current = history[-1]
    # The current password and the four before it are refused…
    for old in history[-5:]:
        with pytest.raises(ApplicationError, match="最近 5 次"):
            services.user_set_password(actor=user, user=user, password=old, old_password=current)
    # …the sixth back is allowed again.
    services.user_set_password(actor=user, user=user, password=history[-6], old_password=current)
    user.refresh_from_db()
    assert user.check_password(history[-6])
    assert user.password_history.count() == 5


def test_an_admin_reset_also_respects_the_history(users, password):
    with pytest.raises(ApplicationError, match="最近 5 次"):
        services.user_set_password(actor=users.admin, user=users.fuyi, password=password)


def test_not_the_username_or_the_phone(users):
    user = users.fuyi  # username "fuyi", phone 13912345678
    with pytest.raises(ValidationError, match="不能包含用户名"):
        validate_password("Weihe#FUYI#2031", user=user)
    with pytest.raises(ValidationError, match="不能包含手机号码"):
        validate_password("Ab#13912345678", user=user)
    validate_password(NEW, user=user)


def test_the_published_demo_password_is_refused_on_production():
    validator = ForbiddenPasswordValidator()
    for candidate in ("Tianshui@2026", "tianshui@2026", "Tianshui@2026!x"):
        with pytest.raises(ValidationError, match="公开的演示密码"):
            validator.validate(candidate)
    validator.validate(NEW)
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}}
    env.update(
        DJANGO_SETTINGS_MODULE="tianshui_cases.settings.production",
        SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://x@localhost/x",
        ALLOWED_HOSTS="a.example",
    )
    env.pop("MFA_REQUIRED", None)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "names = [v['NAME'] for v in settings.AUTH_PASSWORD_VALIDATORS]; "
        "print(settings.MFA_REQUIRED, any('ForbiddenPassword' in n for n in names))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # Production: every account needs the second factor; the demo password is refused.
    assert result.stdout.split() == ["True", "True"]


def test_development_settings_do_not_require_the_second_factor():
    from tianshui_cases.settings import base

    assert base.MFA_REQUIRED is False or os.environ.get("MFA_REQUIRED")
    assert not any("ForbiddenPassword" in v["NAME"] for v in base.AUTH_PASSWORD_VALIDATORS)
