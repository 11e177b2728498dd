"""The stored training hours of an officer's year (OfficerTrainingHours, read by 培训达标): what the
services and the Excel import keep equals what `recompute_training_hours` rebuilds and what summing
the attendances of the courses held that year gives (docs/law/enforcement.md, "Gates")."""

import io
import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from openpyxl import Workbook

from enforcement import imports, selectors, services
from enforcement.models import Officer, OfficerTrainingHours, TrainingAttendance
from enforcement.seed import registers
from enforcement.services import gates

pytestmark = pytest.mark.django_db


def _stored() -> dict:
    return {(r.officer_id, r.year): r.hours for r in OfficerTrainingHours.objects.all()}


def _summed() -> dict:
    """The summation 培训达标 did before the hours were stored: every attendance of the year."""
    rows = (
        TrainingAttendance.objects.order_by()
        .annotate(y=ExtractYear("course__held_on"))
        .values_list("officer", "y")
        .annotate(h=Sum("hours"))
    )
    return {(officer, year): hours for officer, year, hours in rows}


def _course(w, held_on, hours):
    return services.course_create(
        actor=None,
        unit=w.agency.org_unit,
        topic="行政处罚法",
        organiser="市司法局",
        held_on=held_on,
        hours=hours,
    )


def _training_file(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(list(imports.KINDS["training"].headers))
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


@pytest.fixture
def recorded(w, users):
    """王强 (a), 李明 (b), 赵刚 (c): attendances through the service and the import, over 2024 and 2025."""
    late_2024 = _course(w, date(2024, 12, 30), Decimal("8"))
    early_2025 = _course(w, date(2025, 1, 2), Decimal("4.5"))
    spring_2025 = _course(w, date(2025, 4, 1), Decimal("8"))
    services.attendance_record(actor=users.zhifa_scj, course=late_2024, officer=w.a)
    services.attendance_record(actor=users.zhifa_scj, course=early_2025, officer=w.a)
    services.attendance_record(actor=users.zhifa_scj, course=spring_2025, officer=w.a, hours=Decimal("3.5"))
    services.attendance_record(actor=users.zhifa_scj, course=spring_2025, officer=w.b)
    report = imports.import_records(
        actor=users.zhifa_scj,
        kind="training",
        file=_training_file(
            [
                (w.a.id_number, "执法文书", "市司法局", "2025-05-06", "6"),
                (w.b.id_number, "执法文书", "市司法局", "2025-05-06", "6"),
                (w.b.id_number, "证据规则", "市司法局", "2025-09-01", "2.5"),
                (w.c.id_number, "证据规则", "市司法局", "2024-09-01", "2.5"),
            ]
        ),
    )
    assert report.created == 4, report.errors
    return w


def test_services_and_import_keep_the_hours_the_attendances_sum_to(recorded):
    w = recorded
    by_hand = {
        (w.a.pk, 2024): Decimal("8"),
        (w.a.pk, 2025): Decimal("4.5") + Decimal("3.5") + Decimal("6"),  # 14.0
        (w.b.pk, 2025): Decimal("8") + Decimal("6") + Decimal("2.5"),  # 16.5
        (w.c.pk, 2024): Decimal("2.5"),
    }
    assert _stored() == by_hand == _summed()
    assert gates.training_hours(w.a, 2025) == Decimal("14.0")
    assert gates.training_hours(w.c, 2025) == Decimal(0)


def test_recompute_rebuilds_the_same_hours(recorded):
    kept = _stored()
    OfficerTrainingHours.objects.filter(year=2025).update(hours=Decimal("1"))
    assert services.recompute_training_hours(year=2025) == 2
    assert _stored() == kept  # 2025 rebuilt, 2024 untouched
    OfficerTrainingHours.objects.all().delete()
    assert services.recompute_training_hours() == 4
    assert _stored() == kept == _summed()


def test_statistics_count_the_officers_whose_stored_hours_reach_the_target(recorded, users, settings):
    """Target 14 hours: 王强 (14.0) and 李明 (16.5) reach it in 2025, nobody in 2024 (赵刚 2.5, 王强 8)."""
    settings.ENFORCEMENT_TRAINING_HOURS_TARGET = 14
    assert selectors.statistics(user=users.zhifa_scj, year=2025)["trained"] == 2
    assert selectors.statistics(user=users.zhifa_scj, year=2024)["trained"] == 0
    settings.ENFORCEMENT_TRAINING_HOURS_TARGET = 8
    assert selectors.statistics(user=users.zhifa_scj, year=2024)["trained"] == 1
    officers = Officer.objects.visible_to(users.zhifa_scj).filter(status="on_duty")
    for target, year in itertools.product((2, 8, 14, 16.5, 17), (2024, 2025)):
        settings.ENFORCEMENT_TRAINING_HOURS_TARGET = target
        summed = (  # the page's former query: the year's attendances summed per officer
            TrainingAttendance.objects.filter(officer__in=officers, course__held_on__year=year)
            .values("officer")
            .annotate(h=Sum("hours"))
            .filter(h__gte=target)
            .count()
        )
        assert selectors.statistics(user=users.zhifa_scj, year=year)["trained"] == summed, (target, year)


def test_the_demo_seeders_bulk_attendances_are_stored_too(w):
    officers = [w.a, w.b, w.c]
    registers._training(officers, [w.agency], timezone.localdate())
    assert TrainingAttendance.objects.count() >= 9  # 3–8 courses each
    assert _stored() == _summed()
