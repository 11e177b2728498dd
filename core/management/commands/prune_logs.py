"""prune_logs --before DATE: remove audit, access and login records older than DATE.

网络安全法第二十一条第三项: network logs are kept for no less than six months. The command refuses a
DATE later than 180 days before today, so no record younger than that can be removed.

On PostgreSQL the logs are append-only (core migrations 0002 and 0003) and the runtime role may not
delete from them (grant_runtime_role): run the command as the OWNER role
(`python manage.py prune_logs --before 2025-06-01 --database owner`, with DATABASE_OWNER_URL set).
It disables the append-only triggers only inside its own transaction, so no other connection ever sees
them off; the tables are locked for the few moments the deletion takes.
"""

import datetime

from auditlog.models import LogEntry
from axes.models import AccessFailureLog
from axes.models import AccessLog as LoginLog
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections, transaction
from django.utils import timezone

from core.models import AccessLog

from .grant_runtime_role import owner_alias

RETENTION_DAYS = 180  # 网络安全法第二十一条第三项：不少于六个月

# (model, its time field, the append-only trigger on its table)
LOGS = (
    (LogEntry, "timestamp", "auditlog_logentry_append_only"),
    (AccessLog, "created_at", "core_accesslog_append_only"),
    (LoginLog, "attempt_time", "axes_accesslog_append_only"),
    (AccessFailureLog, "attempt_time", "axes_accessfailurelog_append_only"),
)


def earliest_allowed_cutoff(today: datetime.date | None = None) -> datetime.date:
    """The latest `--before` date allowed: 180 days before today."""
    return (today or timezone.localdate()) - datetime.timedelta(days=RETENTION_DAYS)


def prune_logs(*, before: datetime.date, using: str | None = None) -> dict[str, int]:
    """Delete log rows older than `before` (local midnight); refuses a date inside the retention period."""
    limit = earliest_allowed_cutoff()
    if before > limit:
        raise CommandError(
            f"日志至少保存 {RETENTION_DAYS} 日（网络安全法第二十一条）：--before 不得晚于 {limit:%Y-%m-%d}。"
        )
    using = using or owner_alias()
    connection = connections[using]
    cutoff = timezone.make_aware(datetime.datetime.combine(before, datetime.time.min))
    counts = {}
    postgres = connection.vendor == "postgresql"
    with transaction.atomic(using=using):
        if postgres:
            with connection.cursor() as cursor:
                # ALTER TABLE refuses while deferred foreign-key checks of this transaction are pending
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for model, field, trigger in LOGS:
            table = connection.ops.quote_name(model._meta.db_table)
            if postgres:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"ALTER TABLE {table} DISABLE TRIGGER {connection.ops.quote_name(trigger)}"
                    )
            counts[model._meta.db_table], _ = (
                model.objects.using(using).filter(**{f"{field}__lt": cutoff}).delete()
            )
            if postgres:
                with connection.cursor() as cursor:
                    cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {connection.ops.quote_name(trigger)}")
    return counts


class Command(BaseCommand):
    help = (
        "删除指定日期之前的审计、访问和登录日志（不得删除 180 日内的记录；PostgreSQL 上须以所有者角色运行）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--before",
            required=True,
            type=datetime.date.fromisoformat,
            help="删除此日期（YYYY-MM-DD）之前的记录",
        )
        parser.add_argument("--database", default=None, help="所有者连接（默认：owner 别名，否则 default）")

    def handle(self, *args, before, database, **options):
        try:
            counts = prune_logs(before=before, using=database)
        except DatabaseError as exc:
            raise CommandError(
                f"须以所有者角色运行（设置 DATABASE_OWNER_URL，或 --database owner）：{exc}"
            ) from exc
        for table, count in counts.items():
            self.stdout.write(f"{table}: {count}")
        self.stdout.write(
            self.style.SUCCESS(f"已删除 {before:%Y-%m-%d} 之前的日志 {sum(counts.values())} 条。")
        )
