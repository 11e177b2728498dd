"""Regenerate the .docx templates under templates/documents/ with python-docx.

The templates are binary, so they are built from this script rather than edited by hand: change the
script, run `python manage.py build_document_templates`, commit both. Each jinja tag is written as
one run of one paragraph (python-docx never splits it), which is what docxtpl needs to see it.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"


def _set_font(style_or_run, east_asian: str, size: float | None = None, bold: bool | None = None):
    font = style_or_run.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = style_or_run.element
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), east_asian)


def _paragraph(doc, text, *, font=BODY_FONT, size=14, bold=False, align=None, space_after=4):
    p = doc.add_paragraph()
    run = p.add_run(text)
    _set_font(run, font, size, bold)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def _tag(doc, tag):
    """A paragraph holding only a docxtpl paragraph tag ({%p …%}); docxtpl removes the paragraph."""
    p = doc.add_paragraph()
    p.add_run(tag)
    return p


def _cell(cell, text, *, bold=False, size=12, font=BODY_FONT):
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    _set_font(run, HEADING_FONT if bold else font, size, bold)


def _new_document():
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _set_font(doc.styles["Normal"], BODY_FONT, 14)
    return doc


def build_deadline_explanation(path: Path) -> None:
    """期限计算说明: how one statutory deadline's due date was derived (context: core.documents)."""
    doc = _new_document()
    title = _paragraph(
        doc, "期限计算说明", font=HEADING_FONT, size=22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    title.paragraph_format.space_after = Pt(6)
    _paragraph(doc, "{{ org_unit }}", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)

    fields = [
        ("事项", "{{ deadline_subject }}"),
        ("期限规则", "{{ rule_label }}"),
        ("法律依据", "{{ statute }}"),
        ("起算日", "{{ trigger_date|cn_date }}（不计入期间）"),
        ("原始届满日", "{{ raw_end|cn_date }}"),
        ("到期日", "{{ due_date|cn_date }}"),
        (
            "工作日历",
            "{% if calendar_verified %}已核实（国务院办公厅放假安排）"
            "{% else %}未核实：该年度放假安排尚未录入，暂按双休日计算{% endif %}",
        ),
    ]
    table = doc.add_table(rows=len(fields), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, (label, value) in zip(table.rows, fields, strict=True):
        row.cells[0].width, row.cells[1].width = Cm(3.6), Cm(12.0)
        _cell(row.cells[0], label, bold=True)
        _cell(row.cells[1], value)

    _paragraph(doc, "", space_after=2)
    _paragraph(doc, "一、计算过程", font=HEADING_FONT, size=15, bold=True)
    _tag(doc, "{%p for line in trace %}")
    _paragraph(doc, "{{ loop.index }}. {{ line }}", size=13)
    _tag(doc, "{%p endfor %}")

    _paragraph(doc, "二、中止、恢复与延长", font=HEADING_FONT, size=15, bold=True)
    _tag(doc, "{%p if events %}")
    events = doc.add_table(rows=4, cols=5)
    events.style = "Table Grid"
    for cell, text in zip(
        events.rows[0].cells, ["事件", "日期", "天数", "书面通知文号", "理由"], strict=True
    ):
        _cell(cell, text, bold=True, size=11)
    _cell(events.rows[1].cells[0], "{%tr for e in events %}", size=11)
    values = [
        "{{ e.kind }}",
        "{{ e.date|cn_date }}",
        "{{ e.days or '' }}",
        "{{ e.reference }}",
        "{{ e.reason }}",
    ]
    for cell, text in zip(events.rows[2].cells, values, strict=True):
        _cell(cell, text, size=11)
    _cell(events.rows[3].cells[0], "{%tr endfor %}", size=11)
    _tag(doc, "{%p else %}")
    _paragraph(doc, "本期限无中止、恢复或延长事件。", size=13)
    _tag(doc, "{%p endif %}")

    _paragraph(doc, "", space_after=2)
    _tag(doc, "{%p if not calendar_verified %}")
    note = _paragraph(
        doc,
        "注：期间所涉年度的放假安排尚未录入系统，本期限暂按双休日计算，放假安排公布并录入后将自动重新计算。",
        size=12,
    )
    note.runs[0].font.color.rgb = RGBColor(0xB7, 0x1C, 0x1C)
    _tag(doc, "{%p endif %}")
    _paragraph(
        doc,
        "说明：期间开始之日不计算在期间内；期间届满的最后一日是法定休假日的，以休假日后的第一日为期间届满的日期。",
        size=12,
    )
    _paragraph(doc, "生成时间：{{ generated_at|cn_datetime }}", size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, "天水市诉源治理案件管理系统自动生成", size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    doc.save(str(path))


BUILDERS = {"deadline_explanation.docx": build_deadline_explanation}


class Command(BaseCommand):
    help = "重新生成 templates/documents/ 下的 Word 模板（.docx）。"

    def handle(self, *args, **options):
        target = Path(settings.BASE_DIR) / "templates" / "documents"
        target.mkdir(parents=True, exist_ok=True)
        for name, build in BUILDERS.items():
            build(target / name)
            self.stdout.write(self.style.SUCCESS(f"已生成 {target / name}"))
