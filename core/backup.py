"""Backup and restore of the PostgreSQL database and the uploaded files (README, "Backup and restore").

A backup is one directory `var/backups/<YYYYmmdd-HHMMSS>/` holding

- `database.dump`: `pg_dump --format=custom` of the whole schema, without owners and grants (the
  restoring owner owns everything; `grant_runtime_role` is run again afterwards);
- `media.tar.gz`: the uploaded attachments under MEDIA_ROOT;
- `manifest.json`: when, from which database, and each table's fingerprint (row count and an
  order-independent checksum of its rows) — what `restore_db` compares after restoring.

The fingerprint of a table is `count(*)` and the md5 over the sorted md5 of each row's text form, so
two databases holding the same rows give the same fingerprint whatever their physical order.
"""

from __future__ import annotations

import json
import os
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.utils import timezone

DUMP_NAME = "database.dump"
MEDIA_NAME = "media.tar.gz"
MANIFEST_NAME = "manifest.json"


def libpq_environment(db: dict, *, name: str | None = None) -> dict[str, str]:
    """The environment pg_dump / pg_restore need to reach the database `db` (a DATABASES entry):
    the password travels in PGPASSWORD, never on the command line."""
    if db.get("ENGINE") != "django.db.backends.postgresql":
        raise CommandError("备份与恢复只适用于 PostgreSQL 数据库。")
    env = dict(os.environ)
    values = {
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": name or db.get("NAME") or "",
    }
    env.update({k: v for k, v in values.items() if v})
    return env


def table_fingerprints(connection) -> dict[str, list]:
    """{table: [row count, checksum]} for every ordinary table of the connection's current schema."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1"
        )
        tables = [row[0] for row in cursor.fetchall()]
        result = {}
        for table in tables:
            # A catalogue table name, quoted: no user input reaches this statement.
            sql = f"SELECT count(*), coalesce(md5(string_agg(h, '' ORDER BY h)), '') FROM (SELECT md5(t::text) AS h FROM {qn(table)} t) rows"  # noqa: S608, E501
            cursor.execute(sql)
            count, checksum = cursor.fetchone()
            result[table] = [count, checksum]
    return result


def _run(command: list[str], env: dict[str, str]) -> None:
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0:
        raise CommandError(f"{command[0]} 执行失败：{completed.stderr.strip()[-2000:]}")


def backup(*, using: str, directory: Path | None = None, media: bool = True) -> Path:
    """Write a backup of database `using` (and of MEDIA_ROOT) into a new directory; returns it."""
    connection = connections[using]
    env = libpq_environment(connection.settings_dict)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    target = Path(directory) if directory else Path(settings.VAR_DIR) / "backups" / stamp
    target.mkdir(parents=True, exist_ok=False)
    # The fingerprints are read first, in one snapshot; pg_dump takes its own consistent snapshot.
    # Writes between the two would make `restore_db --verify` report a difference, never hide one.
    connection.ensure_connection()
    fingerprints = table_fingerprints(connection)
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target / DUMP_NAME}"], env)
    media_root = Path(settings.MEDIA_ROOT)
    if media and media_root.is_dir():
        with tarfile.open(target / MEDIA_NAME, "w:gz") as archive:
            archive.add(media_root, arcname="media")
    manifest = {
        "created_at": timezone.localtime().isoformat(),
        "database": connection.settings_dict.get("NAME"),
        "media": (target / MEDIA_NAME).exists(),
        "tables": fingerprints,
    }
    (target / MANIFEST_NAME).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def read_manifest(directory: Path) -> dict:
    path = Path(directory) / MANIFEST_NAME
    if not path.is_file() or not (Path(directory) / DUMP_NAME).is_file():
        raise CommandError(f"{directory} 不是完整的备份目录（缺少 {DUMP_NAME} 或 {MANIFEST_NAME}）。")
    return json.loads(path.read_text(encoding="utf-8"))


def restore(*, directory: Path, using: str, database_name: str | None = None, media: bool = True) -> None:
    """Restore a backup into database `database_name` (default: the database of `using`), replacing
    every table it holds, in one transaction; then the uploaded files, if the backup has them."""
    directory = Path(directory)
    read_manifest(directory)
    env = libpq_environment(connections[using].settings_dict, name=database_name)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={env['PGDATABASE']}",
            str(directory / DUMP_NAME),
        ],
        env,
    )
    archive_path = directory / MEDIA_NAME
    if media and archive_path.is_file():
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive_path, "r:gz") as archive:
            members = [m for m in archive.getmembers() if m.name == "media" or m.name.startswith("media/")]
            for member in members:
                member.name = member.name.removeprefix("media").lstrip("/") or "."
            archive.extractall(media_root, members=members, filter="data")


def differences(expected: dict[str, list], actual: dict[str, list]) -> list[str]:
    """Human-readable differences between two fingerprint maps (empty when identical)."""
    lines = []
    for table in sorted(set(expected) | set(actual)):
        if table not in actual:
            lines.append(f"{table}：恢复后缺少此表")
        elif table not in expected:
            lines.append(f"{table}：备份中没有此表")
        elif list(expected[table]) != list(actual[table]):
            lines.append(f"{table}：备份 {expected[table][0]} 行，恢复后 {actual[table][0]} 行（校验值不同）")
    return lines
