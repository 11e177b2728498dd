"""The import journey in Debian's Chromium: `zhifa_scj` (天水市市场监督管理局) uploads an officer file
with a bad row, reads the row-by-row report (nothing imported), fixes the row, imports, and finds the
new officers in the register."""

import re

import pytest
from django.urls import reverse
from openpyxl import Workbook

from enforcement import imports
from enforcement.models import Officer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AGENCY = "天水市市场监督管理局"


def _file(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(list(imports.KINDS["officers"].headers))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return str(path)


def _upload(page, path):
    page.select_option("select[name=kind]", "officers")
    page.set_input_files("input[name=file]", path)
    page.uncheck("input[name=dry_run]")
    page.get_by_role("button", name="提交").click()
    page.wait_for_load_state("networkidle")


def test_import_with_a_bad_row_then_fixed(live_server, page, w, users, password, tmp_path):
    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.fill("input[name=username]", "zhifa_scj")
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{reverse('enforcement:import')}")
    bad = _file(
        tmp_path / "bad.xlsx",
        [(AGENCY, "孙悦", "620501199203040015", "科员", "否"), (AGENCY, "钱进", "6205011992", "科员", "否")],
    )
    _upload(page, bad)
    report = page.locator("table.import-report").inner_text()
    assert "3" in report and "身份证号" in report and "18位" in report
    assert "未导入任何数据" in page.locator(".alert-danger").inner_text()
    assert not Officer.objects.filter(name="孙悦").exists()

    good = _file(
        tmp_path / "good.xlsx",
        [
            (AGENCY, "孙悦", "620501199203040015", "科员", "否"),
            (AGENCY, "钱进", "620501199203040023", "科员", "是"),
        ],
    )
    _upload(page, good)
    assert re.search(r"已导入 2 行", page.locator(".alert-success").inner_text())

    page.goto(f"{live_server.url}{reverse('enforcement:officer_list')}?q=钱进")
    assert "钱进" in page.locator("table").inner_text()
