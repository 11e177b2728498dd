"""python -m load.run: the load run of `make load` (README, "Load").

Seeds the demo data once if the database has none (`seed_demo`), starts gunicorn (4 workers) on
loopback with the real settings, runs load/locustfile.py headless (default 50 users for 5 minutes),
prints each request's count, failures, median and p95, and exits non-zero when any request failed or
the p95 of a read exceeds 500 ms. Needs PostgreSQL (DATABASE_URL) and Redis (CELERY_BROKER_URL);
locust lives in its own virtualenv (LOCUST, default var/load-venv/bin/locust).
"""

from __future__ import annotations

import argparse
import csv
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READ_P95_BUDGET_MS = 500


def _django_env() -> dict[str, str]:
    """The base settings with production's connection handling (settings/production.py): persistent
    database connections (a request does not fork a new PostgreSQL backend and warm its catalogue) and
    one cache shared by the workers in Redis (the dashboard's figures computed once, not once per
    worker)."""
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "tianshui_cases.settings.base")
    env.setdefault("CONN_MAX_AGE", "60")
    env.setdefault("CACHE_URL", env.get("LOAD_CACHE_URL", "redis://127.0.0.1:6379/13"))
    return env


def ensure_demo_data(python: str) -> None:
    check = subprocess.run(  # noqa: S603
        [
            python,
            "manage.py",
            "shell",
            "-c",
            "from accounts.models import User; print(User.objects.filter(username='fuyi').exists())",
        ],
        cwd=ROOT,
        env=_django_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    if check.stdout.strip() != "True":
        print("» 载入演示数据（seed_demo）…", flush=True)
        subprocess.run([python, "manage.py", "seed_demo"], cwd=ROOT, env=_django_env(), check=True)  # noqa: S603


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = subprocess.Popen(  # noqa: S603
        [
            gunicorn,
            "tianshui_cases.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=_django_env(),
        start_new_session=True,
    )
    for _ in range(60):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process
        except OSError:
            time.sleep(0.5)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("gunicorn 未能在 30 秒内启动")


def report(stats_csv: Path) -> int:
    """Print the table; the number of problems (failures, reads over budget)."""
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    problems = 0
    print(f"\n{'请求':<24}{'次数':>8}{'失败':>6}{'中位数 ms':>11}{'p95 ms':>9}")
    for row in rows:
        name, failures = row["Name"], int(row["Failure Count"])
        p95 = float(row["95%"] or 0)
        is_read = row["Type"] == "GET"
        over = is_read and name != "Aggregated" and p95 > READ_P95_BUDGET_MS
        problems += (failures if name != "Aggregated" else 0) + int(over)
        flag = " 超出预算" if over else ""
        print(f"{name:<24}{row['Request Count']:>8}{failures:>6}{row['50%']:>11}{row['95%']:>9}{flag}")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    locust = os.environ.get("LOCUST", str(ROOT / "var/load-venv/bin/locust"))
    out = ROOT / "var/load"
    out.mkdir(parents=True, exist_ok=True)
    ensure_demo_data(sys.executable)
    server = start_gunicorn(args.port, args.workers)
    try:
        subprocess.run(  # noqa: S603
            [
                locust,
                "-f",
                str(ROOT / "load/locustfile.py"),
                "--headless",
                "--only-summary",
                "-u",
                str(args.users),
                "-r",
                str(max(1, args.users // 10)),
                "-t",
                f"{int(args.minutes * 60)}s",
                "--host",
                f"http://127.0.0.1:{args.port}",
                "--csv",
                str(out / "load"),
            ],
            cwd=ROOT,
            check=False,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    problems = report(out / "load_stats.csv")
    print(f"\n{args.users} 个并发用户，{args.minutes:g} 分钟；失败与超预算共 {problems} 项。")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
