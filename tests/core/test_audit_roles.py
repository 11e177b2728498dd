"""As the runtime database role the web, worker and beat use, no log can be changed, erased or emptied,
and no append-only trigger disabled (GB/T 22239-2019 第三级 安全审计; 网络安全法第二十一条).

A runtime role is created for the test database, given exactly what `grant_runtime_role` grants, and
used through its own psycopg connection. Creating a role needs CREATEROLE: the test uses the
PostgreSQL superuser at TEST_POSTGRES_ADMIN_URL (default: `postgres` on the test database's host), and
drops the role afterwards.
"""

import os
import secrets

import psycopg
import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as LoginLog
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from psycopg import errors, sql

from core.audit import log_access
from core.management.commands.grant_runtime_role import LOG_TABLES, grant_runtime_role
from core.models import AccessAction, AccessLog

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="database roles are PostgreSQL's"),
    pytest.mark.django_db(transaction=True),  # the runtime connection must see committed grants and rows
]

LOG_MODELS = {"auditlog_logentry": LogEntry, "core_accesslog": AccessLog}
LOG_MODELS |= {"axes_accesslog": LoginLog, "axes_accessfailurelog": AccessFailureLog}


def _conninfo(**overrides) -> dict:
    s = connection.settings_dict
    info = {"host": s["HOST"] or "127.0.0.1", "port": s["PORT"] or 5432, "dbname": s["NAME"]}
    return info | overrides


def _admin():
    url = os.environ.get("TEST_POSTGRES_ADMIN_URL")
    try:
        if url:
            return psycopg.connect(url, dbname=connection.settings_dict["NAME"], autocommit=True)
        return psycopg.connect(**_conninfo(user="postgres"), autocommit=True)
    except psycopg.OperationalError as exc:
        pytest.fail(f"creating a test role needs a PostgreSQL superuser (TEST_POSTGRES_ADMIN_URL): {exc}")


def _role_name() -> str:
    # the test database is test_<name>: the role is <name>_rt (e.g. tianshui_rt, tianshui_scope_rt)
    return connection.settings_dict["NAME"].removeprefix("test_") + "_rt"


@pytest.fixture
def runtime(users, tree):
    role, password = _role_name(), secrets.token_hex(16)
    admin = _admin()
    drop = [
        sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)),
        sql.SQL("DROP ROLE {}").format(sql.Identifier(role)),
    ]
    if admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone():
        for statement in drop:  # left over by an interrupted run
            admin.execute(statement)
    admin.execute(
        sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {}").format(
            sql.Identifier(role), sql.Literal(password)
        )
    )
    try:
        grant_runtime_role(role=role, using="default")  # as the owner, like `manage.py grant_runtime_role`
        conn = psycopg.connect(**_conninfo(user=role, password=password), autocommit=True)
        try:
            yield conn
        finally:
            conn.close()
    finally:
        for statement in drop:
            admin.execute(statement)
        admin.close()


@pytest.fixture
def log_rows(users, tree):
    """One row in each log, written by the application (the owner, here)."""
    request = RequestFactory().get("/")
    request.user = users.fuyi
    request.META["REMOTE_ADDR"] = "10.0.0.9"
    access = log_access(request=request, action=AccessAction.EXPORT, model_label="deadlines.deadline")
    tree.city_market.name = "天水市市场监管局"
    tree.city_market.save()  # an audit entry
    base = {"user_agent": "pytest", "ip_address": "10.0.0.9", "username": "fuyi", "http_accept": "*/*"}
    login = LoginLog.objects.create(**base, path_info="/accounts/login/", logout_time=timezone.now())
    failure = AccessFailureLog.objects.create(**base, path_info="/accounts/login/")
    return {
        "auditlog_logentry": LogEntry.objects.latest("id").pk,
        "core_accesslog": access.pk,
        "axes_accesslog": login.pk,
        "axes_accessfailurelog": failure.pk,
    }


def _columns(table):
    return [f.column for f in LOG_MODELS[table]._meta.concrete_fields if not f.primary_key]


def _refused(conn, statement, params=None, match=None):
    with pytest.raises(errors.InsufficientPrivilege) as exc:
        conn.execute(statement, params)
    if match:
        assert match in str(exc.value)
    return str(exc.value)


def test_every_log_table_is_covered():
    assert set(LOG_TABLES) == set(LOG_MODELS)
    assert {m._meta.db_table for m in LOG_MODELS.values()} == set(LOG_TABLES)


@pytest.mark.parametrize("table", LOG_TABLES)
def test_runtime_role_reads_and_appends_but_cannot_change_erase_or_empty_a_log(runtime, log_rows, table):
    t, pk = sql.Identifier(table), log_rows[table]
    columns = sql.SQL(", ").join(map(sql.Identifier, _columns(table)))
    count = runtime.execute(sql.SQL("SELECT count(*) FROM {}").format(t)).fetchone()[0]
    assert count >= 1
    runtime.execute(
        sql.SQL("INSERT INTO {t} ({c}) SELECT {c} FROM {t} WHERE id = %s").format(t=t, c=columns), [pk]
    )
    assert runtime.execute(sql.SQL("SELECT count(*) FROM {}").format(t)).fetchone()[0] == count + 1

    column = sql.Identifier(_columns(table)[0])
    # refused by the grants themselves, before the append-only trigger is reached
    denied = "permission denied"
    _refused(
        runtime, sql.SQL("UPDATE {t} SET {c} = {c} WHERE id = %s").format(t=t, c=column), [pk], match=denied
    )
    _refused(runtime, sql.SQL("DELETE FROM {} WHERE id = %s").format(t), [pk], match=denied)
    _refused(runtime, sql.SQL("TRUNCATE {}").format(t))
    _refused(runtime, sql.SQL("TRUNCATE {} CASCADE").format(t))
    _refused(runtime, sql.SQL("ALTER TABLE {} DISABLE TRIGGER ALL").format(t), match="must be owner")
    _refused(
        runtime,
        sql.SQL("ALTER TABLE {} DISABLE TRIGGER {}").format(t, sql.Identifier(f"{table}_append_only")),
    )
    _refused(runtime, sql.SQL("DROP TRIGGER {} ON {}").format(sql.Identifier(f"{table}_append_only"), t))
    _refused(
        runtime,
        sql.SQL(
            "CREATE TRIGGER t BEFORE INSERT ON {} FOR EACH ROW EXECUTE FUNCTION core_audit_append_only()"
        ).format(t),
    )
    assert (
        runtime.execute(sql.SQL("SELECT count(*) FROM {} WHERE id = %s").format(t), [pk]).fetchone()[0] == 1
    )


def test_runtime_role_cannot_replace_the_trigger_functions(runtime):
    for function in ("core_audit_append_only", "core_login_log_append_only"):
        _refused(
            runtime,
            sql.SQL(
                "CREATE OR REPLACE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql "
                "AS $$ BEGIN RETURN NEW; END $$"
            ).format(sql.Identifier(function)),
        )
        _refused(runtime, sql.SQL("DROP FUNCTION {}()").format(sql.Identifier(function)))


def test_logout_time_is_set_once_and_the_login_row_is_otherwise_fixed(runtime, log_rows, users):
    login = LoginLog.objects.create(
        user_agent="pytest", ip_address="10.0.0.9", username="fuyi", http_accept="*/*", path_info="/"
    )
    # what django-axes does at logout
    runtime.execute(
        "UPDATE axes_accesslog SET logout_time = now() WHERE id = %s AND logout_time IS NULL", [login.pk]
    )
    login.refresh_from_db()
    assert login.logout_time is not None
    _refused(
        runtime,
        "UPDATE axes_accesslog SET logout_time = now() WHERE id = %s",
        [login.pk],
        match="登录日志只能追加",
    )
    _refused(runtime, "UPDATE axes_accesslog SET username = 'x' WHERE id = %s", [login.pk])


def test_runtime_role_keeps_full_rights_on_ordinary_tables_and_owns_nothing(runtime, users):
    attempt = AccessAttempt.objects.create(
        user_agent="pytest",
        ip_address="10.0.0.9",
        username="fuyi",
        http_accept="*/*",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    # the lockout counter is raised and reset (deleted) by the application
    runtime.execute("UPDATE axes_accessattempt SET failures_since_start = 2 WHERE id = %s", [attempt.pk])
    runtime.execute("DELETE FROM axes_accessattempt WHERE id = %s", [attempt.pk])
    assert not AccessAttempt.objects.filter(pk=attempt.pk).exists()
    runtime.execute("UPDATE accounts_user SET last_login = now() WHERE id = %s", [users.fuyi.pk])
    _refused(runtime, "TRUNCATE accounts_user CASCADE")
    owned = runtime.execute(
        "SELECT count(*) FROM pg_class "
        "WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"
    ).fetchone()[0]
    assert owned == 0
