"""Excel export of the supervision lists (core.exports): headers and one row per record."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from enforcement.exports import ExportSpec, yes

FILINGS = ExportSpec(
    _("重大执法决定备案"),
    (
        _("决定书文号"),
        _("报备机关"),
        _("决定日期"),
        _("报备期限"),
        _("报备日期"),
        _("逾期报备"),
        _("审查结果"),
    ),
    lambda f: [
        f.decision_number,
        f.agency.name,
        f.decided_on,
        f.due_on,
        f.filed_on,
        yes(f.is_late),
        str(f.get_status_display()),
    ],
)

FILES = ExportSpec(
    _("评查案卷"),
    (_("案卷号"), _("执法主体"), _("抽查案卷"), _("得分"), _("等次"), _("否决项")),
    lambda f: [
        f.file_number,
        f.agency.name,
        yes(f.sampled),
        f.score,
        str(f.get_grade_display()),
        "、".join(f.vetoes),
    ],
)

NOTICES = ExportSpec(
    _("行政执法监督通知书"),
    (_("文号"), _("被监督机关"), _("来源"), _("制发日期"), _("整改期限"), _("状态")),
    lambda n: [
        n.number,
        n.agency.name,
        str(n.get_source_display()),
        n.issued_on,
        n.due_on,
        str(n.get_status_display()),
    ],
)

#: The campaign report (one row per agency, then 合计).
REPORT_HEADERS = (
    _("执法主体"),
    _("范围内案卷"),
    _("已评查"),
    _("评查面（%）"),
    _("优秀"),
    _("优秀率（%）"),
    _("合格"),
    _("合格率（%）"),
    _("不合格"),
)


def report_row(r: dict, name=None) -> list:
    return [
        str(name) if name is not None else r["agency"],
        r["in_scope"],
        r["reviewed"],
        r["coverage"],
        r["excellent"],
        r["excellent_rate"],
        r["passed"],
        r["pass_rate"],
        r["failed"],
    ]
