"""Documents: the 期限计算说明 as DOCX (docxtpl) and PDF (WeasyPrint, Noto CJK, offline); the one
official-document (公文) layout every app's documents are written in."""

import datetime
import io
import re
import shutil
import subprocess
import zlib
from urllib.parse import quote
from zoneinfo import ZoneInfo

import docx
import pytest
from django.test import RequestFactory

from core import documents
from core.documents import (
    Each,
    If,
    OfficialDocument,
    Para,
    _url_fetcher,
    content_disposition,
    render_docx,
    render_docx_bytes,
    render_pdf,
    write_official_template,
)
from core.models import AccessAction, AccessLog

SHANGHAI = ZoneInfo("Asia/Shanghai")

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
    "generated_at": datetime.datetime(2025, 3, 4, 9, 30, tzinfo=SHANGHAI),
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


LAYOUT = OfficialDocument(
    title="测试决定书",
    addressee="{{ addressee }}",
    parties=("申请人：{{ applicant }}", If("third", ("第三人：{{ third }}",))),
    body=("经审查，{{ reasoning }}", Each("lines", numbered=True), Para("申请人（签字）：", indent=False)),
)
LAYOUT_CONTEXT = {
    "body_name": "秦州区人民政府",
    "doc_number": "秦复决〔2026〕1号",
    "issued_on": datetime.date(2026, 5, 6),
    "addressee": "张三",
    "applicant": "张三",
    "third": "",
    "reasoning": "事实清楚 <证据> & 充分。",
    "lines": ["维持原决定", "驳回其他请求"],
}


def test_official_document_is_written_in_the_gbt_9704_order(tmp_path, monkeypatch):
    """版头 (organ, then 发文字号 over a red rule), 标题, 主送, the parties, 正文, 落款, 成文日期; a
    conditional line vanishes when its value is empty; the file's author is the issuing organ."""
    monkeypatch.setattr(documents, "DOCUMENTS_DIR", tmp_path)
    write_official_template(LAYOUT, tmp_path / "test_decision.docx")
    template = docx.Document(str(tmp_path / "test_decision.docx"))
    assert template.core_properties.author == ""
    assert "python" not in template.core_properties.comments.lower()

    content = render_docx_bytes("test_decision", LAYOUT_CONTEXT, author="秦州区人民政府")
    parsed = docx.Document(io.BytesIO(content))
    filled = [p for p in parsed.paragraphs if p.text.strip()]
    assert [p.text for p in filled] == [
        "秦州区人民政府",
        "秦复决〔2026〕1号",
        "测试决定书",
        "张三：",
        "申请人：张三",
        "经审查，事实清楚 <证据> & 充分。",
        "1. 维持原决定",
        "2. 驳回其他请求",
        "申请人（签字）：",
        "秦州区人民政府",
        "（印章）",
        "2026年5月6日",
    ]
    organ, number, title = filled[:3]
    assert organ.runs[0].font.color.rgb == docx.shared.RGBColor(0xC0, 0, 0)
    assert 'w:color="C00000"' in number._p.xml  # the red rule under the number
    assert title.runs[0].font.size == docx.shared.Pt(22)  # 二号
    assert filled[5].paragraph_format.first_line_indent == docx.shared.Pt(32)  # two characters in
    assert filled[4].paragraph_format.first_line_indent is None  # party lines flush left
    props = parsed.core_properties
    assert props.author == props.last_modified_by == "秦州区人民政府"
    assert props.title == "测试决定书" and props.comments == ""

    with_third = render_docx_bytes("test_decision", {**LAYOUT_CONTEXT, "third": "李四"}, author="x")
    assert "第三人：李四" in [p.text for p in docx.Document(io.BytesIO(with_third)).paragraphs]


def test_a_document_never_carries_the_program_as_author():
    response = render_docx("deadline_explanation", CONTEXT, "说明", author="天水市司法局")
    props = docx.Document(io.BytesIO(response.content)).core_properties
    assert props.author == props.last_modified_by == "天水市司法局"
    unsigned = docx.Document(io.BytesIO(render_docx_bytes("deadline_explanation", CONTEXT))).core_properties
    assert "python" not in f"{unsigned.author}{unsigned.last_modified_by}{unsigned.comments}".lower()
