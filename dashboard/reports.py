"""Reports of the leaders' dashboard (docs/indicators.md): the 法治政府建设考核 table per agency, and the
dashboard's figures with that table exported to Excel (openpyxl) and PDF (WeasyPrint) for any period.

Scoring [product decision, docs/indicators.md]: each agency starts from 100 points; every indicator
a mechanism contributes (`core.registry.register_assessment_column`) costs at most its `weight`
points in proportion to the agency's shortfall — the rate itself for an indicator where lower is
better (纠错率, 败诉率), 100 − the rate where higher is better (出庭率). An indicator with nothing to
divide by for an agency costs nothing. Agencies are ranked by score, then by name.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from core.indicators import AssessmentColumn, Scope, rate
from core.registry import assessment_column_providers

HUNDRED = Decimal(100)


@dataclass
class AssessmentRow:
    unit_id: int
    name: str
    cells: list = field(default_factory=list)  # per column: (numerator, denominator, rate)
    score: Decimal = HUNDRED
    rank: int = 0


def assessment_columns(*, user, scope: Scope) -> list[AssessmentColumn]:
    columns = []
    for provider in assessment_column_providers():
        result = provider(user=user, scope=scope)
        if result is None:
            continue
        columns.extend(result if isinstance(result, list) else [result])
    return columns


def assessment(*, user, scope: Scope) -> tuple[list[AssessmentColumn], list[AssessmentRow]]:
    """The 考核 table: the columns and one row per agency with any indicator, ranked by score."""
    columns = assessment_columns(user=user, scope=scope)
    names: dict[int, str] = {}
    for column in columns:
        for unit_id, (name, _num, _den) in column.rows.items():
            names.setdefault(unit_id, name)
    rows = []
    for unit_id, name in names.items():
        row = AssessmentRow(unit_id=unit_id, name=name)
        score = HUNDRED
        for column in columns:
            _name, num, den = column.rows.get(unit_id, (name, 0, 0))
            value = rate(num, den)
            row.cells.append((num, den, value))
            if value is not None:
                shortfall = HUNDRED - value if column.higher_is_better else value
                score -= column.weight * shortfall / HUNDRED
        row.score = score.quantize(Decimal("0.1"))
        rows.append(row)
    rows.sort(key=lambda r: (-r.score, r.name))
    for index, row in enumerate(rows, start=1):
        row.rank = index
    return columns, rows


def _figure_value(figure) -> str:
    if figure.is_rate:
        return "—" if figure.value is None else f"{figure.value}%"
    return str(figure.value)


def figure_rows(panels) -> list[tuple[str, str, str, str]]:
    """(panel, figure, value as displayed, hint) for every figure of the page."""
    return [(p.title, f.label, _figure_value(f), f.hint) for p in panels for f in p.figures]


def assessment_table(columns, rows) -> tuple[list[str], list[list]]:
    headers = [_("排名"), _("单位"), *[f"{c.label}（{c.weight:g}分）" for c in columns], _("得分")]
    body = []
    for row in rows:
        cells = ["—" if value is None else f"{value}%（{num}/{den}）" for (num, den, value) in row.cells]
        body.append([row.rank, row.name, *cells, str(row.score)])
    return headers, body


def xlsx_bytes(*, scope: Scope, scope_label: str, panels, columns, rows) -> bytes:
    """Two sheets: 看板指标 (the page's figures as displayed) and 考核 (the table)."""
    wb = Workbook()
    bold, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="1D4E89")
    ws = wb.active
    ws.title = _("看板指标")
    ws.append([_("数据看板"), scope_label, _("生成时间"), f"{timezone.localtime():%Y-%m-%d %H:%M}"])
    ws.append([_("板块"), _("指标"), _("数值"), _("说明")])
    for cell in ws[2]:
        cell.font, cell.fill = bold, fill
    for row in figure_rows(panels):
        ws.append([str(v) for v in row])
    for col, width in zip("ABCD", (24, 24, 14, 48), strict=True):
        ws.column_dimensions[col].width = width
    ws2 = wb.create_sheet(_("法治政府建设考核"))
    headers, body = assessment_table(columns, rows)
    ws2.append(headers)
    for cell in ws2[1]:
        cell.font, cell.fill = bold, fill
    for line in body:
        ws2.append(line)
    ws2.column_dimensions["B"].width = 36
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
