"""Excel export of the mediation case list (core.exports): the same filtered rows as the page."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import xlsx_response

HEADERS = (
    "案号",
    "调解组织",
    "调解类型",
    "案件来源",
    "当事人",
    "纠纷事项",
    "行政争议",
    "受理日期",
    "状态",
    "调结日期",
    "移交次数",
    "下一期限",
)


def case_rows(qs):
    for case in qs.iterator(chunk_size=500):
        yield [
            case.number,
            case.org_unit.name,
            case.get_mediation_type_display(),
            case.get_source_display(),
            case.masked_parties,
            case.subject,
            case.dispute.number if case.dispute_id else "",
            case.received_on,
            case.get_status_display(),
            case.concluded_on,
            case.referral_count,
            case.next_due_on,
        ]


def case_list_response(request, qs):
    return xlsx_response(
        request=request,
        filename=_("调解案件-%(day)s.xlsx") % {"day": f"{timezone.localdate():%Y%m%d}"},
        headers=[_(h) for h in HEADERS],
        rows_iterable=case_rows(qs),
        model_label="mediation.mediationcase",
        sheet_title=_("调解案件"),
        description=_("导出调解案件"),
    )
