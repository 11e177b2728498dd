"""grant_runtime_role <role>: the privileges of the database role the web, worker and beat run as.

Two PostgreSQL roles (GB/T 22239-2019 第三级 安全审计: audit records protected from deletion):
the OWNER owns the schema and runs migrations; the RUNTIME role owns nothing and receives

- SELECT, INSERT, UPDATE, DELETE on ordinary tables;
- SELECT, INSERT only on the logs — the audit log (auditlog_logentry), the access log (core_accesslog)
  and the login logs (axes_accesslog, axes_accessfailurelog) — plus UPDATE of axes_accesslog's
  `logout_time`, which django-axes sets at logout (the trigger of core 0003 allows that one change);
- USAGE on the schema and USAGE, SELECT on sequences;
- no TRUNCATE, no TRIGGER, no REFERENCES, no ownership: it cannot empty a log, disable or drop the
  append-only triggers, or replace their functions.

Default privileges give tables the owner creates later the ordinary grants; run the command again
after every `migrate` (docker-compose's web service does) so new log tables get the narrow ones.
Run it as the owner: `python manage.py grant_runtime_role tianshui_app --database owner`.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

# Append-only logs: the runtime role may read and add rows, never change or remove them.
LOG_TABLES = ("auditlog_logentry", "core_accesslog", "axes_accesslog", "axes_accessfailurelog")
# Columns of a log the runtime role may still set (once; the trigger refuses anything else).
LOG_UPDATABLE_COLUMNS = {"axes_accesslog": ("logout_time",)}
ORDINARY = "SELECT, INSERT, UPDATE, DELETE"


def owner_alias() -> str:
    """The `owner` database alias when DATABASE_OWNER_URL is set, else the default one."""
    return "owner" if "owner" in connections.settings else DEFAULT_DB_ALIAS


def grant_statements(connection, role: str) -> list[str]:
    """The GRANT/REVOKE statements for `role` over every table and sequence of the current schema."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema(), current_user")
        schema, owner = cursor.fetchone()
        cursor.execute(
            "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S') ORDER BY 1"
        )
        relations = cursor.fetchall()
    r, s, o = qn(role), qn(schema), qn(owner)
    statements = [
        f"REVOKE ALL ON SCHEMA {s} FROM {r}",
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
    ]
    for name, kind in relations:
        table = f"{s}.{qn(name)}"
        if kind == "S":
            statements += [
                f"REVOKE ALL ON SEQUENCE {table} FROM {r}",
                f"GRANT USAGE, SELECT ON SEQUENCE {table} TO {r}",
            ]
            continue
        statements.append(f"REVOKE ALL ON {table} FROM {r}")
        if name in LOG_TABLES:
            statements.append(f"GRANT SELECT, INSERT ON {table} TO {r}")
            columns = LOG_UPDATABLE_COLUMNS.get(name)
            if columns:
                statements.append(f"GRANT UPDATE ({', '.join(qn(c) for c in columns)}) ON {table} TO {r}")
        elif kind in ("v", "m"):
            statements.append(f"GRANT SELECT ON {table} TO {r}")
        else:
            statements.append(f"GRANT {ORDINARY} ON {table} TO {r}")
    statements += [
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT {ORDINARY} ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {o} IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {r}",
    ]
    return statements


def grant_runtime_role(*, role: str, using: str | None = None) -> int:
    """Apply the runtime grants to `role` as the connection's (owner) user; returns the statement count."""
    connection = connections[using or owner_alias()]
    if connection.vendor != "postgresql":
        raise CommandError("运行时数据库角色只适用于 PostgreSQL。")
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper, rolname FROM pg_roles WHERE rolname = %s", [role])
        found = cursor.fetchone()
        if found is None:
            raise CommandError(f"数据库角色 {role} 不存在；请先由数据库管理员创建（LOGIN NOCREATEDB）。")
        if found[0]:
            raise CommandError(f"数据库角色 {role} 是超级用户，不能作为运行时角色。")
        cursor.execute("SELECT current_user")
        if cursor.fetchone()[0] == role:
            raise CommandError("请以所有者角色运行本命令（运行时角色不能给自己授权）。")
    statements = grant_statements(connection, role)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    return len(statements)


class Command(BaseCommand):
    help = "授予运行时数据库角色所需的最小权限：普通表增删改查，审计、访问、登录日志只读和追加。"

    def add_arguments(self, parser):
        parser.add_argument(
            "role",
            nargs="?",
            default=None,
            help="运行时角色名，如 tianshui_app（默认：DATABASE_RUNTIME_ROLE）",
        )
        parser.add_argument("--database", default=None, help="所有者连接（默认：owner 别名，否则 default）")

    def handle(self, *args, role, database, **options):
        role = role or settings.DATABASE_RUNTIME_ROLE
        if not role:
            raise CommandError("请指定运行时角色，或设置 DATABASE_RUNTIME_ROLE。")
        count = grant_runtime_role(role=role, using=database)
        self.stdout.write(self.style.SUCCESS(f"已向 {role} 授权（{count} 条语句）。"))
