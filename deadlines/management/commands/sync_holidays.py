"""`python manage.py sync_holidays [--years 2024 2025 …]`: copy the State Council schedules that
`chinesecalendar` knows into the work calendar (`CalendarDay` rows with source "package").

Idempotent. Rows entered in the system (source "manual" or "state_council") are never touched; a
year's `CalendarYear` row is created when missing and otherwise left as it is.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from deadlines import calendar as workcal
from deadlines.models import CalendarDay, CalendarSource, CalendarYear
from deadlines.notices import state_council_notice


@dataclass
class SyncSummary:
    years: list[int]
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    kept: int = 0  # rows entered in the system, left alone
    years_created: int = 0


def package_days(year: int) -> dict[date, tuple[bool, str]]:
    """The holidays and make-up working days of `year` — the days the package names."""
    days = {}
    d = date(year, 1, 1)
    while d.year == year:
        workday, name = workcal.package_day(d)
        if (not workday and name in workcal.OFFICIAL_HOLIDAYS) or (workday and name == workcal.MAKEUP_NAME):
            days[d] = (workday, name)
        d += timedelta(days=1)
    return days


@transaction.atomic
def sync_years(years: list[int]) -> SyncSummary:
    summary = SyncSummary(years=years)
    for year in years:
        wanted = package_days(year)
        existing = {
            row.date: row
            for row in CalendarDay.objects.select_for_update().filter(
                date__gte=date(year, 1, 1), date__lte=date(year, 12, 31)
            )
        }
        to_create, to_update = [], []
        for day, (workday, name) in wanted.items():
            row = existing.get(day)
            if row is None:
                to_create.append(
                    CalendarDay(date=day, is_workday=workday, name=name, source=CalendarSource.PACKAGE)
                )
            elif row.source != CalendarSource.PACKAGE:
                summary.kept += 1
            elif (row.is_workday, row.name) == (workday, name):
                summary.unchanged += 1
            else:
                row.is_workday, row.name = workday, name
                to_update.append(row)
        # Package rows for days the package no longer names (a corrected package release).
        stale = [
            row.pk
            for day, row in existing.items()
            if row.source == CalendarSource.PACKAGE and day not in wanted
        ]
        for row in to_create:
            row.full_clean(validate_unique=False)  # the year's rows are all loaded above
        CalendarDay.objects.bulk_create(to_create)
        CalendarDay.objects.bulk_update(to_update, ["is_workday", "name"])
        if stale:
            CalendarDay.objects.filter(pk__in=stale).delete()
        summary.created += len(to_create)
        summary.updated += len(to_update)
        summary.deleted += len(stale)
        notice = state_council_notice(year)
        _row, created = CalendarYear.objects.get_or_create(year=year, defaults={"notice": notice})
        summary.years_created += int(created)
    return summary


class Command(BaseCommand):
    help = "从 chinesecalendar 同步法定节假日和调休上班日到工作日历（不覆盖手工录入的数据）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            nargs="+",
            type=int,
            metavar="YEAR",
            help="要同步的年份；默认为 chinesecalendar 收录的全部年份",
        )

    def handle(self, *args, years=None, **options):
        known = workcal.package_years()
        if years:
            unknown = sorted({y for y in years if not workcal.package_knows(y)})
            if unknown:
                missing = "、".join(str(y) for y in unknown)
                raise CommandError(
                    f"chinesecalendar 未收录 {missing}年的放假安排（收录 {known[0]}–{known[-1]} 年），"
                    "请在系统中按国务院办公厅通知手工录入。"
                )
            years = sorted(set(years))
        else:
            years = known
        summary = sync_years(years)
        workcal.clear_cache()
        span = f"{years[0]}年" if len(years) == 1 else f"{years[0]}–{years[-1]}年（共{len(years)}年）"
        self.stdout.write(
            self.style.SUCCESS(
                f"已同步{span}的放假安排：新增{summary.created}日，更新{summary.updated}日，"
                f"删除{summary.deleted}日，未变{summary.unchanged}日，保留系统中录入的{summary.kept}日；"
                f"新增年度放假安排{summary.years_created}条。"
            )
        )
