"""Documents: the 期限计算说明 as DOCX (docxtpl) and PDF (WeasyPrint, Noto CJK, offline)."""

import datetime
import io
import re
import shutil
import subprocess
import zlib
from urllib.parse import quote

import docx
import pytest
from django.test import RequestFactory
from django.utils import timezone

from core.documents import _url_fetcher, content_disposition, render_docx, render_pdf
from core.models import AccessAction, AccessLog

CONTEXT = {
    "deadline_subject": "天复〔2025〕12号 复议决定期限 <张三 & 李四>",
    "rule_label": "行政复议决定期限（60日）",
    "statute": "《中华人民共和国行政复议法》第六十二条",
    "trigger_date": datetime.date(2025, 3, 3),
    "raw_end": datetime.date(2025, 5, 2),
    "due_date": datetime.date(2025, 5, 6),
    "trace": [
        "起算日 2025-03-03（不计入）",
        "届满日 2025-05-02（劳动节假期）",
        "顺延至 2025-05-06（星期二）",
    ],
    "calendar_verified": True,
    "org_unit": "天水市司法局",
    "generated_at": timezone.make_aware(datetime.datetime(2025, 3, 4, 9, 30)),
    "events": [
        {
            "kind": "延长",
            "date": datetime.date(2025, 4, 20),
            "days": 30,
            "reference": "天复延〔2025〕3号",
            "reason": "案情重大、复杂",
        },
    ],
}


def _docx_text(response) -> str:
    document = docx.Document(io.BytesIO(response.content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_docx_renders_the_derivation():
    response = render_docx("deadline_explanation", CONTEXT, "期限计算说明-天复〔2025〕12号")
    assert (
        response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert quote("期限计算说明-天复〔2025〕12号.docx", safe="") in response["Content-Disposition"]
    text = _docx_text(response)
    assert "2025年5月6日" in text  # the due date
    assert "天复〔2025〕12号 复议决定期限 <张三 & 李四>" in text  # user text escaped, not XML-breaking
    assert "2. 届满日 2025-05-02（劳动节假期）" in text
    assert "天复延〔2025〕3号" in text and "案情重大、复杂" in text
    assert "2025年3月4日 09:30" in text
    assert "{{" not in text and "{%" not in text
    assert "未核实" not in text.replace("工作日历\n", "")  # verified calendar: no warning


def test_docx_unverified_calendar_and_no_events():
    context = {**CONTEXT, "calendar_verified": False, "events": []}
    text = _docx_text(render_docx("deadline_explanation", context, "说明"))
    assert "暂按双休日计算" in text
    assert "本期限无中止、恢复或延长事件。" in text


def test_docx_render_is_logged_as_print_when_given_the_request(users):
    request = RequestFactory().get("/deadlines/1/explanation.docx")
    request.user = users.fuyi
    render_docx("deadline_explanation", CONTEXT, "说明.docx", request=request, obj=users.fuyi.unit)
    log = AccessLog.objects.get()
    assert log.action == AccessAction.PRINT and log.description == "说明.docx"


def test_docx_template_name_cannot_escape_the_documents_folder():
    with pytest.raises(ValueError):
        render_docx("../../tianshui_cases/settings/base", {}, "x")


def _pdf_streams(pdf: bytes) -> bytes:
    out = b""
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            out += zlib.decompress(match.group(1))
        except zlib.error:
            continue
    return out


def test_pdf_renders_with_chinese_fonts():
    response = render_pdf("deadline_explanation", CONTEXT, "期限计算说明")
    pdf = response.content
    assert response["Content-Type"] == "application/pdf"
    assert pdf.startswith(b"%PDF")
    assert quote("期限计算说明.pdf", safe="") in response["Content-Disposition"]
    streams = _pdf_streams(pdf)
    assert re.search(rb"Noto-?(Sans|Serif)-?CJK", streams), "a Noto CJK font is embedded"
    # The ToUnicode map carries the Chinese characters drawn (期 U+671F, 限 U+9650).
    assert b"<671f>" in streams.lower() and b"<9650>" in streams.lower()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "期限计算说明" in text and "2025年5月6日" in text


def test_pdf_fetches_nothing_from_the_network():
    fetcher = _url_fetcher()
    for url in (
        "http://example.com/x.css",
        "https://cdn.example.com/font.woff",
        "file:///etc/passwd",
        "ftp://x/y",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"


def test_content_disposition_has_ascii_fallback_and_rfc5987_name():
    header = content_disposition('审查意见书"; evil=1.docx')
    assert header.startswith('attachment; filename="')
    fallback = header.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback.endswith(".docx") and '"' not in fallback and ";" not in fallback
    assert "filename*=UTF-8''" + quote('审查意见书"; evil=1.docx', safe="") in header
    assert "\n" not in content_disposition("a\r\nSet-Cookie: x=1.pdf")
