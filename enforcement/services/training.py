"""Training (培训) and exams (考试): courses with attendance, exam sessions with results."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import check_actor, is_user, service

from ..choices import PERM_CHANGE_OFFICER, ExamKind
from ..models import ExamResult, ExamSession, OfficerTrainingHours, TrainingAttendance, TrainingCourse
from . import gates
from ._common import check_date, require_text


@service
def course_create(
    *, actor, unit, topic: str, organiser: str, held_on: date, hours: Decimal
) -> TrainingCourse:
    if is_user(actor):
        check_actor(actor, PERM_CHANGE_OFFICER, unit)
    course = TrainingCourse(
        org_unit=unit,
        topic=require_text(topic, field="topic", message=_("请填写培训主题。")),
        organiser=require_text(organiser, field="organiser", message=_("请填写主办方。")),
        held_on=check_date(held_on, field="held_on", label=_("培训日期")),
        hours=hours,
        created_by=actor if is_user(actor) else None,
    )
    course.full_clean()
    course.save()
    return course


def attendance(course, officer, hours: Decimal | None, *, actor) -> TrainingAttendance:
    """An unsaved, validated attendance (also used by the Excel import)."""
    return TrainingAttendance(
        course=course,
        officer=officer,
        hours=course.hours if hours is None else hours,
        created_by=actor if is_user(actor) else None,
    )


@service
def attendance_record(*, actor, course, officer, hours: Decimal | None = None) -> TrainingAttendance:
    if is_user(actor):
        check_actor(actor, PERM_CHANGE_OFFICER, officer.agency.org_unit)
    row = attendance(course, officer, hours, actor=actor)
    row.full_clean()
    row.save()
    training_hours_credit([row])
    return row


def training_hours_credit(attendances: Iterable[TrainingAttendance]) -> None:
    """Add saved attendances' hours to their officers' stored hours of the course's year
    (`OfficerTrainingHours`): an upsert that adds, so that attendances recorded at the same time by
    two requests both count. Called with the attendance rows by the services and the Excel import."""
    totals: dict[tuple[int, int], Decimal] = {}
    for row in attendances:
        key = (row.officer_id, row.course.held_on.year)
        totals[key] = totals.get(key, Decimal(0)) + row.hours
    table = connection.ops.quote_name(OfficerTrainingHours._meta.db_table)
    keys = sorted(totals)
    with connection.cursor() as cursor:
        for start in range(0, len(keys), 1000):
            chunk = keys[start : start + 1000]
            cursor.execute(
                f"INSERT INTO {table} (officer_id, year, hours) "  # noqa: S608 (a model's table)
                f"VALUES {', '.join(['(%s, %s, %s)'] * len(chunk))} "
                f"ON CONFLICT (officer_id, year) DO UPDATE SET hours = {table}.hours + EXCLUDED.hours",
                [p for key in chunk for p in (*key, totals[key])],
            )


def recompute_training_hours(*, year: int | None = None) -> int:
    """Rebuild the stored training hours (`OfficerTrainingHours`) of `year`, or of every year, from
    the attendances: one INSERT … SELECT … GROUP BY. For writers that bypass the services (the demo
    seeder's bulk rows, a data repair); returns the rows written."""
    attendances = TrainingAttendance.objects.order_by()
    stored = OfficerTrainingHours.objects.all()
    if year is not None:
        attendances = attendances.filter(course__held_on__year=year)
        stored = stored.filter(year=year)
    totals = attendances.values(o=F("officer"), y=ExtractYear("course__held_on")).annotate(h=Sum("hours"))
    sql, params = totals.query.sql_with_params()
    table = connection.ops.quote_name(OfficerTrainingHours._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        stored.delete()
        cursor.execute(
            f"INSERT INTO {table} (officer_id, year, hours) "  # noqa: S608 (a model's table, the ORM's SQL)
            f"SELECT o, y, h FROM ({sql}) totals",
            params,
        )
        return cursor.rowcount


@service
def exam_session_create(
    *, actor, unit, kind: str, title: str, held_on: date, pass_mark: Decimal | None = None
) -> ExamSession:
    if is_user(actor):
        check_actor(actor, PERM_CHANGE_OFFICER, unit)
    if kind not in ExamKind.values:
        raise ApplicationError(_("请选择考试类型。"), field="kind")
    session = ExamSession(
        org_unit=unit,
        kind=kind,
        title=require_text(title, field="title", message=_("请填写考试名称。")),
        held_on=check_date(held_on, field="held_on", label=_("考试日期")),
        pass_mark=gates.pass_mark() if pass_mark is None else pass_mark,
        created_by=actor if is_user(actor) else None,
    )
    session.full_clean()
    session.save()
    return session


def result(session, officer, score: Decimal, *, actor) -> ExamResult:
    """An unsaved result with `passed` computed from the session's pass mark (never typed)."""
    return ExamResult(
        session=session,
        officer=officer,
        score=score,
        passed=score >= session.pass_mark,
        created_by=actor if is_user(actor) else None,
    )


@service
def exam_result_record(*, actor, session, officer, score: Decimal) -> ExamResult:
    if is_user(actor):
        check_actor(actor, PERM_CHANGE_OFFICER, officer.agency.org_unit)
    row = result(session, officer, Decimal(score), actor=actor)
    row.full_clean()
    row.save()
    return row
