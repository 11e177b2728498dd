"""(c) PostgreSQL sessions of the web process terminated → the next request succeeds;
(d) broker down → pages still serve and /healthz reports the broker down (HTTP 200, "degraded").
Against a real gunicorn on loopback with persistent connections (docs/architecture.md, "Faults")."""

import json
import signal
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from .conftest import free_port, side_connection

pytestmark = pytest.mark.postgres


def _get(port: int, path: str, cookie: str = "") -> tuple[int, bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 — loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_terminated_database_sessions_and_a_dead_broker(processes, users):
    procs = processes
    client = Client()
    client.force_login(users.fuyi, backend="accounts.backends.AccountsBackend")
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    port = free_port()
    # Persistent connections, as in production (CONN_MAX_AGE=60): a killed session would linger.
    procs.start_web(port, {"CONN_MAX_AGE": "600"})
    assert _get(port, "/deadlines/", cookie)[0] == 200

    # (c) Terminate every session of the web process (all but pytest's own and the watcher's).
    mine = connection.connection.info.backend_pid
    with side_connection() as side:
        terminated = side.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), %s)",
            [mine],
        ).fetchall()
    assert terminated, "the web process held no database session"
    # CONN_HEALTH_CHECKS: the dead session is noticed when the request's atomic block (ATOMIC_REQUESTS)
    # first touches the connection, and replaced before any query — no 500.
    assert _get(port, "/deadlines/", cookie)[0] == 200
    status, body = _get(port, "/healthz")
    assert (status, json.loads(body)) == (200, {"database": "ok", "broker": "ok", "status": "ok"})

    # (d) The broker dies: pages still serve; /healthz says which dependency is down.
    procs.kill("redis", signal.SIGKILL)
    assert _get(port, "/deadlines/", cookie)[0] == 200
    status, body = _get(port, "/healthz")
    assert (status, json.loads(body)) == (200, {"database": "ok", "broker": "error", "status": "degraded"})
