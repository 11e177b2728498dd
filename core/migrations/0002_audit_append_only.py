"""Audit rows are append-only on PostgreSQL (core/audit.py).

A row-level BEFORE UPDATE OR DELETE trigger on auditlog's LogEntry table and on core_accesslog raises,
so neither the application, an admin page, nor someone with the application's database login can
rewrite or erase the record of who did what. TRUNCATE fires no row-level trigger, so Django's `flush`
and pytest-django's transactional teardown (which TRUNCATE) still work; a DBA can still drop the
trigger deliberately — that is a visible act, not a quiet edit.

Consequences: a user who appears in the audit log cannot be hard-deleted (auditlog's actor FK is
SET_NULL, which is an UPDATE) — deactivate users instead; and a future auditlog upgrade that rewrites
LogEntry rows in a data migration must drop and recreate the trigger around it.

SQLite (the embedded default) gets no trigger: it is a single-user development database.
"""

from django.db import migrations

FUNCTION = "core_audit_append_only"


def _tables(apps):
    LogEntry = apps.get_model("auditlog", "LogEntry")
    AccessLog = apps.get_model("core", "AccessLog")
    return [LogEntry._meta.db_table, AccessLog._meta.db_table]


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '审计记录只能追加，不能修改或删除 (% on %)', TG_OP, TG_TABLE_NAME
                USING ERRCODE = 'insufficient_privilege';
        END;
        $$;
        """,
        params=None,  # the body contains "%" placeholders of RAISE, not of the DB driver
    )
    for table in _tables(apps):
        schema_editor.execute(f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}";')
        schema_editor.execute(
            f'CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();"
        )


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in _tables(apps):
        schema_editor.execute(f'DROP TRIGGER IF EXISTS {table}_append_only ON "{table}";')
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}();")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
