"""restore_db DIR --yes [--database-name NAME]: restore a backup made by backup_db, then verify it.

Every table of the target database is replaced in one transaction (pg_restore --clean
--single-transaction): a failed restore leaves the database as it was. Afterwards each table's row
count and checksum are compared with the backup's manifest; any difference is an error. Run as the
owner role, then `grant_runtime_role` again (the dump carries no grants).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from core.backup import differences, read_manifest, restore, table_fingerprints

from .grant_runtime_role import owner_alias


def fingerprints_of(using: str, database_name: str | None) -> dict:
    """The table fingerprints of `database_name` (default: the database of `using`)."""
    source = connections[using]
    if not database_name or database_name == source.settings_dict["NAME"]:
        source.close()  # the restore replaced the tables under any open connection
        return table_fingerprints(source)
    wrapper = source.__class__({**source.settings_dict, "NAME": database_name}, alias=f"{using}-restore")
    try:
        return table_fingerprints(wrapper)
    finally:
        wrapper.close()


class Command(BaseCommand):
    help = "从 backup_db 生成的备份目录恢复数据库与附件，并逐表核对行数与校验值。"

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="备份目录（含 database.dump 与 manifest.json）")
        parser.add_argument("--database", default=None, help="连接所用的数据库别名（默认：owner 或 default）")
        parser.add_argument("--database-name", default=None, help="恢复到另一个（已创建的空）数据库")
        parser.add_argument("--no-media", action="store_true", help="不恢复上传的附件")
        parser.add_argument("--yes", action="store_true", help="确认覆盖目标数据库中的全部数据")

    def handle(self, *args, **options):
        if not options["yes"]:
            raise CommandError("恢复会覆盖目标数据库中的全部数据：确认后请加 --yes。")
        using = options["database"] or owner_alias()
        manifest = read_manifest(options["directory"])
        restore(
            directory=options["directory"],
            using=using,
            database_name=options["database_name"],
            media=not options["no_media"],
        )
        problems = differences(manifest["tables"], fingerprints_of(using, options["database_name"]))
        if problems:
            raise CommandError("恢复后的数据与备份不一致：\n" + "\n".join(problems))
        self.stdout.write(
            self.style.SUCCESS(f"恢复完成：{len(manifest['tables'])} 张表的行数与校验值均与备份一致。")
        )
