"""Regenerate the .docx templates under templates/documents/ with python-docx.

The templates are binary, so they are built from code rather than edited by hand: change the code,
run `python manage.py build_document_templates`, commit both. The official documents (公文) are
every app's `documents.OFFICIAL_DOCUMENTS` layouts, written by `core.documents.write_official_template`;
the 期限计算说明 (a report with tables, not a 公文) is built here from the same paragraph helpers.
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from core.documents import (
    BODY_FONT,
    DOCUMENTS_DIR,
    HEADING_FONT,
    add_paragraph,
    add_tag,
    new_document,
    official_documents_of_apps,
    set_font,
    write_official_template,
)


def _paragraph(doc, text, **kwargs):
    kwargs.setdefault("after", 4)
    return add_paragraph(doc, text, **kwargs)


def _cell(cell, text, *, bold=False, size=12, font=BODY_FONT):
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    set_font(run, HEADING_FONT if bold else font, size, bold)


def build_deadline_explanation(path: Path) -> None:
    """期限计算说明: how one statutory deadline's due date was derived (context: core.documents)."""
    doc = new_document()
    title = _paragraph(
        doc, "期限计算说明", font=HEADING_FONT, size=22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    title.paragraph_format.space_after = Pt(6)
    _paragraph(doc, "{{ org_unit }}", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)

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

    _paragraph(doc, "", after=2)
    _paragraph(doc, "一、计算过程", font=HEADING_FONT, size=15, bold=True)
    add_tag(doc, "{%p for line in trace %}")
    _paragraph(doc, "{{ loop.index }}. {{ line }}", size=13)
    add_tag(doc, "{%p endfor %}")

    _paragraph(doc, "二、中止、恢复与延长", font=HEADING_FONT, size=15, bold=True)
    add_tag(doc, "{%p if events %}")
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
    add_tag(doc, "{%p else %}")
    _paragraph(doc, "本期限无中止、恢复或延长事件。", size=13)
    add_tag(doc, "{%p endif %}")

    _paragraph(doc, "", after=2)
    add_tag(doc, "{%p if not calendar_verified %}")
    note = _paragraph(
        doc,
        "注：期间所涉年度的放假安排尚未录入系统，本期限暂按双休日计算，放假安排公布并录入后将自动重新计算。",
        size=12,
    )
    note.runs[0].font.color.rgb = RGBColor(0xB7, 0x1C, 0x1C)
    add_tag(doc, "{%p endif %}")
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
        target = DOCUMENTS_DIR
        target.mkdir(parents=True, exist_ok=True)
        for name, build in BUILDERS.items():
            build(target / name)
            self.stdout.write(self.style.SUCCESS(f"已生成 {target / name}"))
        for name, layout in official_documents_of_apps().items():
            write_official_template(layout, target / name)
            self.stdout.write(self.style.SUCCESS(f"已生成 {target / name}"))
