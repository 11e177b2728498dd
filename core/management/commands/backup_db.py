"""backup_db [--output DIR]: back up the database and the uploaded files (core/backup.py).

Run as the owner role where two roles are configured: `python manage.py backup_db --database owner`.
`make backup` runs it; README, "Backup and restore", gives the schedule and the retention.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from core.backup import backup

from .grant_runtime_role import owner_alias


class Command(BaseCommand):
    help = "备份 PostgreSQL 数据库与上传的附件（pg_dump 自定义格式 + 附件归档 + 各表校验清单）。"

    def add_arguments(self, parser):
        parser.add_argument("--database", default=None, help="数据库别名（默认：owner，未配置时为 default）")
        parser.add_argument("--output", type=Path, default=None, help="备份目录（默认 var/backups/<时间>）")
        parser.add_argument("--no-media", action="store_true", help="不备份上传的附件")

    def handle(self, *args, **options):
        target = backup(
            using=options["database"] or owner_alias(),
            directory=options["output"],
            media=not options["no_media"],
        )
        self.stdout.write(self.style.SUCCESS(f"备份完成：{target}"))
