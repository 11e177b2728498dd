"""Login records are append-only on PostgreSQL, like the audit and access logs (core 0002).

django-axes writes one `axes_accesslog` row per login and, at logout, sets that row's `logout_time`
once; one `axes_accessfailurelog` row per failed login. A BEFORE UPDATE OR DELETE trigger refuses every
DELETE, every UPDATE of the failure log, and any UPDATE of the access log other than filling an empty
`logout_time` — so neither the application nor its database login can rewrite or erase who logged in,
from where and when (网络安全法第二十一条第三项: logs kept at least six months; GB/T 22239-2019 第三级
安全审计: audit records protected from deletion and modification). The runtime role is moreover granted
only SELECT and INSERT on these tables, plus UPDATE of `logout_time`
(core/management/commands/grant_runtime_role.py).

axes deletes failure-log rows beyond AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT; the settings raise that
limit out of reach. Old rows are removed only by `prune_logs`, run as the owner role.

SQLite (the embedded default) gets no trigger: it is a single-user development database.
"""

from django.db import migrations

FUNCTION = "core_login_log_append_only"
TABLES = ("axes_accesslog", "axes_accessfailurelog")


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            -- nested: the failure log has no logout_time column to look at
            IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'axes_accesslog' THEN
                IF OLD.logout_time IS NULL
                   AND (NEW.id, NEW.user_agent, NEW.ip_address, NEW.username, NEW.http_accept,
                        NEW.path_info, NEW.attempt_time, NEW.session_hash)
                       IS NOT DISTINCT FROM
                       (OLD.id, OLD.user_agent, OLD.ip_address, OLD.username, OLD.http_accept,
                        OLD.path_info, OLD.attempt_time, OLD.session_hash)
                THEN
                    RETURN NEW;  -- the logout time, set once
                END IF;
            END IF;
            RAISE EXCEPTION '登录日志只能追加，不能修改或删除 (% on %)', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END;
        $$;
        """,
        params=None,  # the body contains "%" placeholders of RAISE, not of the DB driver
    )
    for table in TABLES:
        schema_editor.execute(f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}";')
        schema_editor.execute(
            f'CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();"
        )


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}";')
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}();")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_number_sequence"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
