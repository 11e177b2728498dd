"""The 法治政府建设考核 table and the exports: the Excel and the PDF show the numbers of the page."""

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from dashboard import reports
from tests.dashboard.test_dashboard import YEAR_2025, _panels, records  # noqa: F401 — the shared fixture

pytestmark = pytest.mark.django_db


def test_the_assessment_scores_and_ranks_each_agency(client, users, tree, records):  # noqa: F811
    client.force_login(users.leader, backend="accounts.backends.AccountsBackend")
    response = client.get("/dashboard/assessment/", YEAR_2025)
    assert response.status_code == 200
    columns = response.context["columns"]
    rows = list(response.context["page_obj"])
    assert {c.key for c in columns} >= {"recon_correction", "lit_lost", "lit_attendance", "enf_outside"}
    market = next(r for r in rows if r.unit_id == tree.city_market.pk)
    recon = [c.key for c in columns].index("recon_correction")
    assert market.cells[recon] == (1, 2, Decimal("50.0"))  # 1 revoked of 2 decided
    for row in rows:  # 100 less each indicator's weighted shortfall
        expected = Decimal(100)
        for column, (_num, _den, value) in zip(columns, row.cells, strict=True):
            if value is not None:
                expected -= column.weight * ((100 - value) if column.higher_is_better else value) / 100
        assert row.score == expected.quantize(Decimal("0.1"))
    assert [r.rank for r in rows] == list(range(1, len(rows) + 1))
    assert [r.score for r in rows] == sorted((r.score for r in rows), reverse=True)
    assert client.post("/dashboard/assessment/", YEAR_2025).status_code == 403


def test_the_excel_and_the_pdf_show_the_numbers_of_the_page(client, users, records):  # noqa: F811
    _response, panels = _panels(client, users.leader, YEAR_2025)
    shown = reports.figure_rows(panels.values())
    xlsx = client.get("/dashboard/export.xlsx", YEAR_2025)
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    sheet = book["看板指标"]
    exported = [tuple(str(c.value or "") for c in row[:3]) for row in sheet.iter_rows(min_row=3)]
    assert exported == [(str(p), str(label), value) for p, label, value, _hint in shown]
    _columns, rows = reports.assessment(user=users.leader, scope=_response.context["scope"])
    table = book["法治政府建设考核"]
    assert [str(r[-1].value) for r in table.iter_rows(min_row=2)] == [str(r.score) for r in rows]

    pdf = client.get("/dashboard/export.pdf", YEAR_2025)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "第1页/共" in text.replace(" ", "")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    for _panel, label, value, _hint in shown:
        assert any(label in line and value in line.split() for line in lines), (label, value)
    for row in rows:
        assert any(row.name in line and str(row.score) in line.split() for line in lines), row.name
