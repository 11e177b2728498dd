"""三员分立: create the 安全管理员 role, and refuse to go on while an account holds two of the three
administrator roles (系统管理员, 安全管理员, 审计管理员) — GB/T 22239-2019 8.1.5."""

from django.db import migrations

ADMIN_ROLES = ("系统管理员", "安全管理员", "审计管理员")


def accounts_with_two_admin_roles(apps, using):
    User = apps.get_model("accounts", "User")
    held = {}
    for username, role in (
        User.objects.using(using).filter(groups__name__in=ADMIN_ROLES).values_list("username", "groups__name")
    ):
        held.setdefault(username, set()).add(role)
    return {u: sorted(r, key=ADMIN_ROLES.index) for u, r in held.items() if len(r) > 1}


def create_security_admin(apps, schema_editor):
    from accounts.roles import sync_roles

    alias = schema_editor.connection.alias
    conflicts = accounts_with_two_admin_roles(apps, alias)
    if conflicts:
        listed = "；".join(f"{u}（{'、'.join(r)}）" for u, r in sorted(conflicts.items()))
        raise RuntimeError(
            "以下账户同时担任两个管理员角色，违反三员分立，请先在用户管理中只保留其中一个角色再迁移："
            f"{listed}"
        )
    sync_roles(using=alias, apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_password_history_recovery_codes_security_perm"),
    ]

    operations = [migrations.RunPython(create_security_admin, migrations.RunPython.noop)]
