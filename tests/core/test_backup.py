"""Backup and restore (core/backup.py): a seeded database restored into an empty one is identical
table by table — row counts and checksums — and the uploaded files come back with it."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from core.backup import MANIFEST_NAME, table_fingerprints
from reconsideration.choices import CaseStatus
from tests.reconsideration.factories import case_at


def on_postgresql(test):
    """pg_dump / pg_restore are PostgreSQL's, and pg_dump reads only what is committed."""
    test = pytest.mark.django_db(transaction=True)(test)
    return pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is PostgreSQL's")(test)


def restore_into(backup, database_name):
    args = ["--database", "default", "--database-name", database_name, "--yes"]
    call_command("restore_db", str(backup), *args)


@pytest.fixture
def empty_database():
    """A new, empty database beside the test database; dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")
        cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


@pytest.fixture
def seeded(tree, users, settings):
    """A decided case (events, clocks, numbers, audit rows) and one uploaded file."""
    case = case_at(
        CaseStatus.DECIDED,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
    )
    upload = settings.MEDIA_ROOT / "attachments" / "证据.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text("复议证据", encoding="utf-8")
    return case, upload


@on_postgresql
def test_a_backup_restored_into_an_empty_database_is_identical_table_by_table(
    seeded, empty_database, tmp_path
):
    _case, upload = seeded
    target = tmp_path / "backup"
    call_command("backup_db", "--database", "default", "--output", str(target))
    manifest = json.loads((target / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["tables"]["reconsideration_reconsiderationcase"][0] == 1
    assert manifest["tables"]["auditlog_logentry"][0] > 0
    upload.unlink()

    restore_into(target, empty_database)

    default = connections["default"]
    restored = default.__class__({**default.settings_dict, "NAME": empty_database}, alias="restored")
    try:
        assert table_fingerprints(restored) == table_fingerprints(connection) == manifest["tables"]
        with restored.cursor() as cursor:  # the append-only triggers came back with the tables
            cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'auditlog_logentry_append_only'")
            assert cursor.fetchone()[0] == 1
    finally:
        restored.close()
    assert upload.read_text(encoding="utf-8") == "复议证据"


@on_postgresql
def test_a_restore_that_does_not_match_its_manifest_is_reported(seeded, empty_database, tmp_path):
    target = tmp_path / "backup"
    call_command("backup_db", "--database", "default", "--output", str(target), "--no-media")
    manifest = json.loads((target / MANIFEST_NAME).read_text(encoding="utf-8"))
    manifest["tables"]["reconsideration_reconsiderationcase"] = [2, "0" * 32]
    (target / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")

    with pytest.raises(CommandError, match="reconsideration_reconsiderationcase：备份 2 行，恢复后 1 行"):
        restore_into(target, empty_database)


def test_restore_asks_for_confirmation_and_a_complete_backup(tmp_path):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore_db", str(tmp_path))
    with pytest.raises(CommandError, match="不是完整的备份目录"):
        call_command("restore_db", str(tmp_path), "--yes")
