"""Real processes on loopback for the fault tests (docs/architecture.md, "Faults").

Each test gets its own `redis-server` on a free port (no persistence: a restart empties it, like a
crash of a broker without AOF) and its own Celery worker / gunicorn subprocesses, pointed at pytest's
PostgreSQL test database. The shared Redis and PostgreSQL services of CI are never stopped: only the
processes started here are killed, by their own pid, always in a `finally`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

WAIT = 20  # seconds, for every bounded wait
VISIBILITY_TIMEOUT = 2  # a killed worker's unacked message is handed out again after this


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] or ""
    if s["PASSWORD"]:
        auth += f":{s['PASSWORD']}"
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def wait_for(condition, what: str, procs: Processes | None = None, timeout: float = WAIT, every: float = 0.1):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(every)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}\n{procs.logs() if procs else ''}")


@dataclass
class Processes:
    """Subprocesses started by one test, each in its own process group, with their logs."""

    env: dict
    logdir: Path
    procs: dict = field(default_factory=dict)

    def start(self, name: str, argv: list[str], env: dict | None = None) -> subprocess.Popen:
        log = (self.logdir / f"{name}.log").open("ab")
        proc = subprocess.Popen(
            argv,
            cwd=settings.BASE_DIR,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs[name] = proc
        return proc

    def kill(self, name: str, sig=signal.SIGKILL):
        proc = self.procs.pop(name, None)
        if proc is None:
            return
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

    def stop_all(self):
        for name in list(self.procs):
            self.kill(name, signal.SIGKILL)

    def logs(self) -> str:
        return "\n".join(
            f"--- {p.name}\n" + p.read_text(errors="replace")[-3000:]
            for p in sorted(self.logdir.glob("*.log"))
        )

    # --- the processes ---

    def start_redis(self, port: int):
        self.start(
            "redis",
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
        )

        def answers():
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                    s.sendall(b"PING\r\n")
                    return s.recv(16).startswith(b"+PONG")
            except OSError:
                return False

        wait_for(answers, f"redis-server on port {port}", self)

    def start_worker(self):
        return self.start(
            "worker",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tianshui_cases",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
                f"--hostname=faults-{uuid.uuid4().hex[:8]}@%h",
            ],
        )

    def start_web(self, port: int, env: dict | None = None):
        self.start(
            "web",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "tianshui_cases.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "30",
            ],
            env,
        )

        def answers():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2):
                    return True
            except (urllib.error.URLError, OSError):
                return False

        wait_for(answers, f"gunicorn on port {port}", self, timeout=30, every=0.3)


@pytest.fixture
def processes(transactional_db, tmp_path):
    """A private Redis (started) and the environment for workers and web servers over it."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: the worker and web processes must share the test database (DATABASE_URL)"
        )
    if not shutil.which("redis-server"):
        pytest.skip("needs the redis-server binary (a private broker is started on a free port)")
    port = free_port()
    maildir = tmp_path / "mail"
    maildir.mkdir()
    broker = f"redis://127.0.0.1:{port}/0"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tianshui_cases.settings.test",
        "DATABASE_URL": database_url(),
        "TEST_CELERY_EAGER": "0",
        "TEST_CELERY_BROKER_URL": broker,
        "CELERY_BROKER_URL": broker,  # Celery reads this variable itself, ahead of the settings
        "TEST_CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "NOTIFICATION_EMAIL_RETRY_SECONDS": "1",
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "TEST_EMAIL_FILE_PATH": str(maildir),
        "PYTHONUNBUFFERED": "1",
    }
    procs = Processes(env, tmp_path)
    procs.redis_port, procs.broker, procs.maildir = port, broker, maildir
    try:
        procs.start_redis(port)
        yield procs
    finally:
        procs.stop_all()


def send_task(broker: str, name: str, **kwargs) -> None:
    """Put one task message on the private broker, as beat would (the test process itself is eager)."""
    from celery import Celery

    app = Celery("faults-sender", broker=broker, set_as_current=False)
    app.conf.broker_connection_retry_on_startup = False
    try:
        app.send_task(name, kwargs=kwargs)
    finally:
        app.close()


def redis_client(port: int):
    import redis

    return redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1, socket_timeout=5)


def mail_ids(maildir: Path) -> list[int]:
    """X-Notification-Id of every message the file e-mail backend wrote."""
    ids = []
    for path in maildir.glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("X-Notification-Id:"):
                ids.append(int(line.split(":", 1)[1]))
    return ids


def worker_log_count(procs: Processes, text: str) -> int:
    path = procs.logdir / "worker.log"
    return path.read_text(errors="replace").count(text) if path.exists() else 0


@pytest.fixture
def reminder_case(transactional_db):
    """One officer with e-mail on, and `add(n)` open deadlines due on DAY (a Wednesday, a workday)."""
    from datetime import date

    from django.contrib.contenttypes.models import ContentType

    from accounts.choices import UnitKind
    from accounts.models import OrgUnit, User
    from deadlines.models import Deadline

    day = date(2026, 3, 4)
    unit = OrgUnit.objects.create(name="故障测试司法局", short_code="faults-sfj", kind=UnitKind.JUSTICE)
    user = User.objects.create_user(
        "faults_officer", email="faults@sfj.tianshui.gov.cn", password="x", real_name="故障", unit=unit
    )
    ct = ContentType.objects.get_for_model(OrgUnit)

    def add(n: int = 1, start: int = 0):
        rows = Deadline.objects.bulk_create(
            Deadline(
                content_type=ct,
                object_id=unit.pk,
                org_unit=unit,
                rule_code="recon.decision",
                subject=f"天复〔2026〕{i}号 复议决定期限",
                trigger_date=date(2026, 1, 2),
                raw_end=day,
                due_date=day,
                trace=["故障测试"],
            )
            for i in range(start, start + n)
        )
        through = Deadline.responsible.through
        through.objects.bulk_create(through(deadline_id=d.pk, user_id=user.pk) for d in rows)
        return rows

    class Case:
        pass

    case = Case()
    case.day, case.unit, case.user, case.add = day, unit, user, add
    return case


def side_connection():
    """A second PostgreSQL session on the test database (autocommit), to lock or terminate."""
    import psycopg

    s = connection.settings_dict
    return psycopg.connect(
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        user=s["USER"],
        password=s["PASSWORD"],
        dbname=s["NAME"],
        autocommit=True,
        connect_timeout=5,
    )


def task_succeeded(procs: Processes, task: str) -> int:
    """How many times the worker logged `task` as succeeded."""
    path = procs.logdir / "worker.log"
    if not path.exists():
        return 0
    return sum(
        1
        for line in path.read_text(errors="replace").splitlines()
        if f"{task}[" in line and "succeeded" in line
    )
