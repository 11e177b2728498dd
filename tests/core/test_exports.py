"""Excel exports: Chinese headers, every row, values Excel can hold, text stays text, and a log entry."""

import datetime
import io
import tracemalloc
from zoneinfo import ZoneInfo

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from core.exports import xlsx_response
from core.models import AccessAction, AccessLog

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def request_(users):
    request = RequestFactory().get("/disputes/?export=xlsx", REMOTE_ADDR="10.5.5.5")
    request.user = users.fuyi
    return request


def _sheet(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return workbook.active


def test_export_has_headers_rows_and_is_logged(request_, users):
    moment = datetime.datetime(2025, 5, 6, 9, 30, tzinfo=SHANGHAI)
    rows = ([i, f"争议{i}", moment, datetime.date(2025, 5, 6), None, True] for i in range(250))
    response = xlsx_response(
        request=request_,
        filename="行政争议",
        headers=["序号", "名称", "登记时间", "到期日", "备注", "已化解"],
        rows_iterable=rows,
        model_label="disputes.dispute",
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%E8%A1%8C%E6%94%BF%E4%BA%89%E8%AE%AE.xlsx" in response["Content-Disposition"]
    sheet = _sheet(response)
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("序号", "名称", "登记时间", "到期日", "备注", "已化解")
    assert len(values) == 251
    assert values[1][:2] == (0, "争议0")
    assert values[1][2] == moment.replace(tzinfo=None)  # local wall time, no timezone
    assert values[1][5] == "是"
    log = AccessLog.objects.get()
    assert log.action == AccessAction.EXPORT and log.model_label == "disputes.dispute"
    assert log.user == users.fuyi and log.ip_address == "10.5.5.5"
    assert "250 行" in log.description


def test_formula_like_text_stays_text(request_):
    response = xlsx_response(
        request=request_,
        filename="x.xlsx",
        headers=["名称"],
        rows_iterable=iter([['=HYPERLINK("http://evil.example","点我")'], ["=1+1"]]),
        model_label="disputes.dispute",
    )
    sheet = _sheet(response)
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == ['=HYPERLINK("http://evil.example","点我")', "=1+1"]
    assert all(c.data_type == "s" for c in cells)


def test_export_memory_stays_bounded(request_):
    """20,000 rows are written without holding them: peak Python memory stays far below the data size."""
    rows = ((i, "天水市诉源治理案件管理系统导出测试行" * 3, i * 1.5) for i in range(20000))
    tracemalloc.start()
    response = xlsx_response(
        request=request_,
        filename="big",
        headers=["序号", "内容", "数值"],
        rows_iterable=rows,
        model_label="disputes.dispute",
    )
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response.export_row_count == 20000
    assert peak < 5 * 1024 * 1024, peak  # a non-streaming workbook peaks near 20 MB here
    response.close()


def test_control_characters_are_dropped_instead_of_failing_the_whole_export(request_):
    """One vertical tab in a party's name used to make openpyxl refuse the sheet: a 500 for every user."""
    response = xlsx_response(
        request=request_,
        filename="行政争议\x0b.xlsx",
        headers=["名称", "说明\x1b"],
        rows_iterable=iter([["李\x0b四", "理由\x01\x02\x1b[31m"], ["正常\t文本\n第二行", "a\x00b"]]),
        model_label="disputes.dispute",
        sheet_title="争议\x0c列表",
    )
    sheet = _sheet(response)
    assert sheet.title == "争议列表"
    assert list(sheet.iter_rows(values_only=True)) == [
        ("名称", "说明"),
        ("李四", "理由[31m"),
        ("正常\t文本\n第二行", "ab"),
    ]
