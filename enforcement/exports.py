"""Excel export of every enforcement list (core.exports): headers and one row per record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


def yes(flag) -> str:
    return str(_("是") if flag else _("否"))


@dataclass(frozen=True)
class ExportSpec:
    filename: object
    headers: tuple
    row: Callable


CASES = ExportSpec(
    _("行政执法案件"),
    (
        _("案号"),
        _("执法主体"),
        _("执法事项"),
        _("执法类型"),
        _("程序"),
        _("当事人"),
        _("立案日期"),
        _("罚款金额（元）"),
        _("超出裁量基准"),
        _("重大执法决定"),
        _("决定日期"),
        _("送达日期"),
        _("公示日期"),
        _("状态"),
    ),
    lambda c: [
        c.number,
        c.agency.name,
        c.item.name,
        c.get_kind_display(),
        c.get_procedure_display(),
        c.party_name,
        c.filed_on,
        c.penalty_amount,
        yes(c.outside_benchmark),
        yes(c.is_major),
        c.decided_on,
        c.served_on,
        c.published_on,
        c.get_status_display(),
    ],
)

OFFICERS = ExportSpec(
    _("执法人员"),
    (
        _("执法主体"),
        _("姓名"),
        _("身份证号"),
        _("职务岗位"),
        _("法律职业资格"),
        _("在岗状态"),
        _("持有效证件"),
    ),
    lambda o: [
        o.agency.name,
        o.name,
        o.masked_id_number,
        o.post,
        yes(o.has_legal_qualification),
        o.get_status_display(),
        yes(getattr(o, "certified", False)),
    ],
)

CERTIFICATES = ExportSpec(
    _("执法证件"),
    (
        _("证件编号"),
        _("证件类型"),
        _("持证人"),
        _("执法主体"),
        _("发证日期"),
        _("有效期至"),
        _("状态"),
        _("变更原因"),
    ),
    lambda c: [
        c.number,
        c.get_kind_display(),
        c.officer.name,
        c.officer.agency.name,
        c.issued_on,
        c.expires_on,
        c.get_status_display(),
        c.status_reason,
    ],
)

AGENCIES = ExportSpec(
    _("执法主体"),
    (_("执法主体"), _("层级"), _("执法领域"), _("综合行政执法"), _("主体资格证号"), _("执法人员数")),
    lambda a: [
        a.name,
        a.get_level_display(),
        a.get_sector_display(),
        yes(a.is_comprehensive),
        a.subject_certificate_number,
        getattr(a, "officer_count", ""),
    ],
)
