"""自查结果 Excel import: an agency uploads its self-checked files' results for a 自查 campaign.

The template has one column per rubric item (the deduction) and one for the veto hits
(`template_bytes`). Every row is checked first (row number, column and reason in Chinese, the
report of enforcement/imports.py); the rows are then recorded through `services.self_check_import`,
**all or none**: one bad row leaves the database unchanged (docs/law/supervision.md).
"""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from enforcement.imports import ImportRefused, ImportReport

from . import services
from .choices import CampaignKind, VetoItem

MAX_ROWS = 5000
NUMBER = "案卷号"
VETOES = "否决项"
VETO_BY_LABEL = {str(v.label): v.value for v in VetoItem}


def _items(campaign):
    return list(campaign.rubric.items.order_by("-section", "code", "id"))  # 卷面 first


def headers(campaign) -> list[str]:
    return [NUMBER, *(f"{i.code} {i.label}（{i.points}分）" for i in _items(campaign)), VETOES]


def template_bytes(campaign) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("自查结果")
    ws.append(headers(campaign))
    ws.append(["执罚〔2022〕1号", *(0 for _i in _items(campaign)), ""])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _read(campaign, file) -> list[tuple[int, tuple]]:
    want = headers(campaign)
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportRefused(_("无法读取该文件，请上传 .xlsx 格式的 Excel 文件。")) from exc
    rows = wb.worksheets[0].iter_rows(values_only=True)
    header = next(rows, None) or ()
    got = [str(h).strip() if h is not None else "" for h in header][: len(want)]
    if got != want:
        raise ImportRefused(_("表头与模板不一致，请下载本活动的模板后填写。"))
    out = []
    for number, values in enumerate(rows, start=2):
        values = tuple(values[: len(want)]) + (None,) * (len(want) - len(values or ()))
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        out.append((number, values))
        if len(out) > MAX_ROWS:
            raise ImportRefused(_("单个文件最多 %(n)s 行。") % {"n": MAX_ROWS})
    wb.close()
    return out


def import_self_check(*, actor, campaign, agency, file, dry_run: bool = False) -> ImportReport:
    """Check every row and, when all are good and not `dry_run`, record them all (or none)."""
    if campaign.kind != CampaignKind.SELF:
        raise ImportRefused(_("只有自查活动可以导入自查结果。"))
    items = _items(campaign)
    rows = _read(campaign, file)
    if not rows:
        raise ImportRefused(_("文件中没有数据行。"))
    report = ImportReport(kind="self_check", total=len(rows), dry_run=dry_run)
    existing = set(campaign.files.filter(agency=agency).values_list("file_number", flat=True))
    seen: dict[str, int] = {}
    parsed = []
    for n, values in rows:
        number = _number(report, n, values[0], existing, seen)
        deductions = _deductions(report, n, items, values[1:-1])
        vetoes = _vetoes(report, n, values[-1])
        parsed.append((number, deductions, vetoes))
    if report.errors or dry_run:
        return report
    report.created = len(
        services.self_check_import(actor=actor, campaign=campaign, agency=agency, rows=parsed)
    )
    return report


def _number(report, n, value, existing, seen) -> str:
    number = "" if value is None else str(value).strip()
    if not number:
        report.error(n, NUMBER, _("请填写案卷号。"))
    elif len(number) > 60 or any(ord(c) < 32 for c in number):
        report.error(n, NUMBER, _("案卷号过长或含有控制字符。"))
    elif number in existing:
        report.error(n, NUMBER, _("该案卷已在本活动中。"))
    elif number in seen:
        report.error(n, NUMBER, _("与第%(r)s行的案卷号重复。") % {"r": seen[number]})
    seen.setdefault(number, n)
    return number


def _deductions(report, n, items, values) -> dict:
    deductions = {}
    for item, value in zip(items, values, strict=True):
        column = f"{item.code} {item.label}"
        if value is None or str(value).strip() == "":
            continue
        try:
            d = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            report.error(n, column, _("扣分须为数字。"))
            continue
        if not d.is_finite() or d < 0:
            report.error(n, column, _("扣分不能为负数。"))
        elif d > item.points:
            report.error(n, column, _("最多扣%(p)s分。") % {"p": item.points})
        elif d:
            deductions[item.code] = d
    return deductions


def _vetoes(report, n, value) -> list[str]:
    vetoes = []
    raw = "" if value is None else str(value)
    for label in (p.strip() for p in raw.replace("；", "、").replace(";", "、").split("、")):
        if not label:
            continue
        if label not in VETO_BY_LABEL:
            report.error(n, VETOES, _("未知的否决项“%(v)s”。") % {"v": label[:30]})
        else:
            vetoes.append(VETO_BY_LABEL[label])
    return vetoes
