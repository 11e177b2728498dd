"""Excel import: all rows or none, a row-by-row Chinese report, templates, the task for big files."""

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from core.exceptions import ApplicationError
from enforcement import imports, tasks
from enforcement.models import Certificate, ExamResult, Officer, TrainingAttendance

pytestmark = pytest.mark.django_db


def xlsx(kind, rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(list(imports.KINDS[kind].headers))
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


AGENCY = "天水市市场监督管理局"


def test_one_bad_row_leaves_the_database_unchanged_and_is_reported(w, users):
    before = Officer.objects.count()
    rows = [
        (AGENCY, "甲", "620501199001010011", "科员", "否"),
        (AGENCY, "乙", "62050119900101001", "科员", "否"),  # 17 digits
        (AGENCY, "丙", "620501199001010033", "科员", "也许"),
    ]
    report = imports.import_records(actor=users.zhifa_scj, kind="officers", file=xlsx("officers", rows))
    assert not report.ok and report.created == 0
    assert [(e.row, e.column) for e in report.errors] == [(3, "身份证号"), (4, "法律职业资格")]
    assert "18位" in report.errors[0].reason
    assert Officer.objects.count() == before


def test_good_file_imports_every_row(w, users):
    rows = [
        (AGENCY, f"人员{i}", f"6205011990010100{i:02d}", "科员", "是" if i % 2 else "否") for i in range(10)
    ]
    preview = imports.import_records(
        actor=users.zhifa_scj, kind="officers", file=xlsx("officers", rows), dry_run=True
    )
    assert preview.ok and preview.total == 10 and preview.created == 0
    assert not Officer.objects.filter(name="人员1").exists()
    report = imports.import_records(actor=users.zhifa_scj, kind="officers", file=xlsx("officers", rows))
    assert report.created == 10
    assert Officer.objects.filter(agency=w.agency, name__startswith="人员").count() == 10


def test_duplicates_and_foreign_agencies_are_refused(w, users, tree):
    rows = [
        (AGENCY, "甲", "620501199001010011", "", "否"),
        (AGENCY, "甲", "620501199001010011", "", "否"),
        ("秦州区市场监督管理局", "乙", "620501199001010022", "", "否"),
        (AGENCY, "丙", w.a.id_number, "", "否"),
    ]
    report = imports.import_records(actor=users.zhifa_scj, kind="officers", file=xlsx("officers", rows))
    assert [(e.row, e.column) for e in report.errors] == [(3, "身份证号"), (4, "执法主体"), (5, "身份证号")]


def test_wrong_headers_are_refused_in_chinese(users, w):
    buf = io.BytesIO()
    wb = Workbook()
    wb.active.append(["name", "id"])
    wb.save(buf)
    buf.seek(0)
    with pytest.raises(ApplicationError, match="表头与模板不一致"):
        imports.import_records(actor=users.zhifa_scj, kind="officers", file=buf)


def test_templates_have_chinese_headers():
    for kind, spec in imports.KINDS.items():
        ws = load_workbook(io.BytesIO(imports.template_bytes(kind))).active
        assert tuple(c.value for c in ws[1]) == spec.headers


def test_exams_training_and_certificates(w, users):
    officer = Officer.objects.create(agency=w.agency, name="新人", id_number="620501199001019999")
    exams = [
        (officer.id_number, "资格考试", "2025年资格考试", "2025-03-01", "88"),
        (w.a.id_number, "年度考试", "年度考试", "2025-03-02", "50"),
    ]
    assert imports.import_records(actor=users.zhifa_scj, kind="exams", file=xlsx("exams", exams)).created == 2
    assert ExamResult.objects.get(officer=officer).passed is True
    assert ExamResult.objects.filter(officer=w.a, session__title="年度考试").get().passed is False
    training = [
        (officer.id_number, "处罚法培训", "市司法局", "2025-03-05", "8"),
        (w.a.id_number, "处罚法培训", "市司法局", "2025-03-05", "8"),
    ]
    assert (
        imports.import_records(
            actor=users.zhifa_scj, kind="training", file=xlsx("training", training)
        ).created
        == 2
    )
    assert TrainingAttendance.objects.filter(course__topic="处罚法培训").count() == 2
    certs = [
        (officer.id_number, "行政执法证", "甘天执2025900001", "2025-03-10", "2030-03-09"),
        (w.b.id_number, "行政执法证", "甘天执2025900002", "2025-03-10", "2030-03-09"),  # no exam in 12 months
    ]
    report = imports.import_records(
        actor=users.zhifa_scj, kind="certificates", file=xlsx("certificates", certs)
    )
    assert [(e.row, e.column) for e in report.errors] == [(3, "发证日期")]
    assert not Certificate.objects.filter(number="甘天执2025900001").exists()
    report = imports.import_records(
        actor=users.zhifa_scj, kind="certificates", file=xlsx("certificates", certs[:1])
    )
    cert = Certificate.objects.get(number="甘天执2025900001")
    assert cert.is_valid_on(date(2025, 7, 1)) and cert.events.filter(kind="issue").exists()


def test_a_5000_row_import_completes_through_the_task(w, users, tmp_path):
    rows = [(AGENCY, f"批量{i}", f"62050119900102{i:04d}", "", "否") for i in range(5000)]
    path = tmp_path / "officers.xlsx"
    path.write_bytes(xlsx("officers", rows).getvalue())
    result = tasks.import_file.delay(str(path), "officers", users.zhifa_scj.pk).get()
    assert result["created"] == 5000 and not result["errors"]
    assert Officer.objects.filter(name__startswith="批量").count() == 5000


def test_import_page_shows_the_report_and_imports_after_the_fix(w, users, login):
    from django.urls import reverse

    client = login(users.zhifa_scj)
    bad = [(AGENCY, "甲", "620501199001010011", "", "否"), (AGENCY, "乙", "bad", "", "否")]
    file = xlsx("officers", bad)
    file.name = "officers.xlsx"
    response = client.post(reverse("enforcement:import"), {"kind": "officers", "file": file})
    assert response.status_code == 200
    assert "未导入任何数据" in response.content.decode() and "身份证号应为18位" in response.content.decode()
    good = xlsx("officers", [bad[0], (AGENCY, "乙", "620501199001010022", "", "否")])
    good.name = "officers.xlsx"
    response = client.post(reverse("enforcement:import"), {"kind": "officers", "file": good})
    assert "已导入 2 行" in response.content.decode()
    assert "乙" in client.get(reverse("enforcement:officer_list"), {"q": "乙"}).content.decode()
