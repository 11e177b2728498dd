"""End to end: a real Celery beat and worker over Redis deliver one reminder, once, even across a kill -9.

Needs PostgreSQL (the worker process shares pytest's test database) and Redis at REDIS_URL
(default redis://127.0.0.1:6379/15). The worker and beat run with the test settings and these
environment overrides, read by tianshui_cases/settings/test.py:

  TEST_CELERY_EAGER=0                      tasks go through the broker
  TEST_CELERY_BROKER_URL=<REDIS_URL>
  TEST_CELERY_VISIBILITY_TIMEOUT=5         a killed worker's unacked message comes back within seconds
  TEST_EMAIL_BACKEND=…filebased.EmailBackend, TEST_EMAIL_FILE_PATH=<tmp dir>
  DATABASE_URL=postgres://…/<pytest's test database>
"""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count

from accounts.choices import UnitKind
from accounts.models import OrgUnit, User
from deadlines.choices import ReminderStage
from deadlines.models import Deadline, Notification

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
DAY = date(2026, 3, 4)  # a Wednesday and a working day: the scans run "as of" this morning
WAIT = 60  # seconds, for every bounded wait
SECOND_RUN = 400
VISIBILITY_TIMEOUT = 5  # seconds; the broker hands a dead worker's message out again after this


def _redis():
    import redis

    return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1, socket_timeout=5)


def _redis_answers() -> bool:
    try:
        return bool(_redis().ping())
    except Exception:
        return False


def _database_url() -> str:
    s = connection.settings_dict
    auth = s["USER"] or ""
    if s["PASSWORD"]:
        auth += f":{s['PASSWORD']}"
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Processes:
    """The worker and beat subprocesses, each in its own process group, with their logs."""

    def __init__(self, env, logdir: Path):
        self.env, self.logdir, self.procs = env, logdir, {}

    def start(self, name: str, *args: str):
        log = (self.logdir / f"{name}.log").open("ab")
        self.procs[name] = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tianshui_cases", *args],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_worker(self):
        self.start(
            "worker",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-mingle",
            "--without-gossip",
            f"--hostname=e2e-{uuid.uuid4().hex[:8]}@%h",
        )

    def start_beat(self):
        self.start(
            "beat",
            "beat",
            "--loglevel=INFO",
            "--pidfile=",
            "--max-interval=1",
            "--scheduler=django_celery_beat.schedulers:DatabaseScheduler",
        )

    def kill(self, name: str, sig=signal.SIGKILL):
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, sig)
        proc.wait(timeout=30)

    def stop_all(self):
        for name in list(self.procs):
            self.kill(name, signal.SIGTERM)

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-4000:] for p in sorted(self.logdir.glob("*.log")))


def _settings_honour_env(env) -> str:
    """Empty if the test settings read the overrides above, else why not."""
    probe = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.EMAIL_BACKEND, "
        "s.CELERY_BROKER_TRANSPORT_OPTIONS.get('visibility_timeout'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        return f"the test settings do not load in a subprocess: {out.stderr[-500:]}"
    eager, broker, backend, visibility = out.stdout.split()
    if (
        eager != "False"
        or broker != env["TEST_CELERY_BROKER_URL"]
        or "filebased" not in backend
        or visibility != str(VISIBILITY_TIMEOUT)
    ):
        return (
            "tianshui_cases/settings/test.py does not read TEST_CELERY_EAGER, TEST_CELERY_BROKER_URL, "
            "TEST_CELERY_VISIBILITY_TIMEOUT and TEST_EMAIL_BACKEND/TEST_EMAIL_FILE_PATH from the environment "
            f"(got eager={eager} broker={broker} backend={backend} visibility_timeout={visibility})"
        )
    return ""


@pytest.fixture
def celery_processes(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker process must share the test database (set DATABASE_URL)")
    if not _redis_answers():
        pytest.skip(f"needs Redis answering at {REDIS_URL} (set REDIS_URL)")
    maildir = tmp_path / "mail"
    maildir.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tianshui_cases.settings.test",
        "DATABASE_URL": _database_url(),
        "TEST_CELERY_EAGER": "0",
        "TEST_CELERY_BROKER_URL": REDIS_URL,
        "TEST_CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        # the scans (every second here) queue again e-mails lost with the killed worker after 10 s
        "NOTIFICATION_EMAIL_RETRY_SECONDS": "10",
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "TEST_EMAIL_FILE_PATH": str(maildir),
        "PYTHONUNBUFFERED": "1",
    }
    reason = _settings_honour_env(env)
    if reason:
        pytest.skip(reason)
    # Messages left by an earlier, aborted run would point at rows of another test database.
    _redis().delete("celery", "unacked", "unacked_index")
    procs = Processes(env, tmp_path)
    procs.maildir = maildir
    yield procs
    procs.stop_all()


def _mail_ids(maildir: Path) -> list[int]:
    """X-Notification-Id of every message the file backend wrote (one file per connection)."""
    ids = []
    for path in maildir.glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("X-Notification-Id:"):
                ids.append(int(line.split(":", 1)[1]))
    return ids


def _wait_for(condition, what: str, procs: Processes, timeout: float = WAIT, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(every)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}\n{procs.logs()}")


def _make_deadlines(unit, user, n: int, start: int = 0):
    ct = ContentType.objects.get_for_model(OrgUnit)
    rows = Deadline.objects.bulk_create(
        Deadline(
            content_type=ct,
            object_id=unit.pk,
            org_unit=unit,
            rule_code="recon.decision",
            subject=f"天复〔2026〕{i}号 复议决定期限",
            trigger_date=date(2026, 1, 2),
            raw_end=DAY,
            due_date=DAY,
            trace=["端到端测试"],
        )
        for i in range(start, start + n)
    )
    through = Deadline.responsible.through
    through.objects.bulk_create(through(deadline_id=d.pk, user_id=user.pk) for d in rows)


def _schedule_scan_every_second():
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="e2e reminder scan",
        task="deadlines.tasks.scan_reminders",
        interval=every_second,
        kwargs=json.dumps({"today": DAY.isoformat()}),
    )


def test_beat_and_worker_deliver_one_reminder_once_even_after_kill_9(celery_processes):
    procs = celery_processes
    unit = OrgUnit.objects.create(name="端到端测试司法局", short_code="e2e-sfj", kind=UnitKind.JUSTICE)
    user = User.objects.create_user(
        "e2e_officer", email="e2e@sfj.tianshui.gov.cn", password="x", real_name="端到端", unit=unit
    )
    _make_deadlines(unit, user, 1)
    _schedule_scan_every_second()

    # First run: beat fires the scan every second; exactly one reminder and one e-mail come out.
    procs.start_worker()
    procs.start_beat()
    _wait_for(
        lambda: Notification.objects.count() == 1 and len(_mail_ids(procs.maildir)) == 1,
        "one notification and one e-mail",
        procs,
    )
    time.sleep(4)  # several more scans run meanwhile
    assert Notification.objects.count() == 1
    assert len(_mail_ids(procs.maildir)) == 1
    assert Notification.objects.get().stage == ReminderStage.DUE_TODAY

    # Second run: many new deadlines; kill -9 the worker while it is sending their e-mails.
    _make_deadlines(unit, user, SECOND_RUN, start=1)
    total = SECOND_RUN + 1
    _wait_for(
        lambda: len(_mail_ids(procs.maildir)) > SECOND_RUN // 4,
        "the second run to be sending",
        procs,
        every=0.02,
    )
    procs.kill("worker")
    sent_before_kill = len(_mail_ids(procs.maildir))
    assert sent_before_kill < total, "the worker finished before it could be killed mid-run"

    # Restart once the killed worker's unacked message is older than the visibility timeout: a
    # starting worker restores such messages (later it only checks every few minutes).
    time.sleep(VISIBILITY_TIMEOUT + 1)
    procs.start_worker()
    _wait_for(
        lambda: (
            Notification.objects.filter(emailed_at__isnull=True).count() == 0
            and Notification.objects.count() == total
        ),
        "every notification to be e-mailed (or claimed)",
        procs,
    )
    procs.kill("beat", signal.SIGTERM)
    redis = _redis()
    _wait_for(
        lambda: redis.llen("celery") == 0 and redis.hlen("unacked") == 0,
        "the queue and the unacked messages to drain",
        procs,
    )

    duplicates = (
        Notification.objects.values("deadline", "stage", "recipient").annotate(n=Count("id")).filter(n__gt=1)
    )
    assert not duplicates.exists()
    assert Notification.objects.count() == total
    mailed = Counter(_mail_ids(procs.maildir))
    assert [pk for pk, n in mailed.items() if n > 1] == [], "an e-mail was sent twice"
    assert set(mailed) <= set(Notification.objects.values_list("pk", flat=True))
    # At most the one e-mail claimed by the killed task is lost; none is repeated.
    assert len(mailed) >= total - 1, procs.logs()
    print(f"e2e: {sent_before_kill} e-mails before kill -9, {len(mailed)} of {total} after the restart")
