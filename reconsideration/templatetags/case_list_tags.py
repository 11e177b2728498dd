"""`{% load case_list_tags %}{% case_rows cases review %}`: the rows of the case list
(templates/reconsideration/case_list.html), written here from the plain values of
`selectors.decorate_rows`.

A row is nine cells of names, labels and dates; as template nodes it was ~300 Python calls — a
lookup, an escape and a localisation a value, 25 rows a page — a quarter of the list page's time
(bench recon.list). The markup is the one the template wrote; every value is escaped as `{{ }}`
escapes it.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

ROW = (
    '<tr class="{row_class}">'
    '<td class="text-nowrap"><a class="fw-semibold" href="{url}">{number}</a>'
    '<div class="small text-body-secondary">{body}</div></td>'
    "<td>{claimants}</td>"
    "<td>{respondent}</td>"
    '<td class="text-nowrap">{act_type}</td>'
    '<td class="text-nowrap">{received_on}</td>'
    '<td class="text-nowrap">{procedure}</td>'
    '<td class="text-nowrap">'
    '<span class="badge badge-status recon-status recon-status-{status}">{status_label}</span>{deemed}</td>'
    '<td class="text-nowrap">{handler}</td>'
    '<td class="text-nowrap">{due}</td>'
    "</tr>\n"
)
MUTED = '<span class="text-body-secondary">{}</span>'


def _review_countdown(case: dict) -> str:
    """The 受理审查倒计时 cell of a 待受理审查 row: the due date, the working days left, whose period."""
    if not case["countdown_due"]:
        return MUTED.format(escape(_("待申请人收到补正通知")))
    out = [f"<div>{escape(case['countdown_due'])}</div>"]
    left = case["workdays_left"]
    if left is not None:
        if left < 0:
            text = _("已超 %(n)s 个工作日，应视为受理") % {"n": case["workdays_overdue"]}
            out.append(f'<small class="deadline-overdue">{escape(text)}</small>')
        elif left == 0:
            out.append(f'<small class="deadline-soon">{escape(_("今日到期"))}</small>')
        else:
            css = "deadline-soon" if left <= 3 else "text-body-secondary"
            out.append(f'<small class="{css}">{escape(_("剩 %(n)s 个工作日") % {"n": left})}</small>')
    whose = _("申请人补正期限") if case["status"] == "awaiting_correction" else _("受理审查期限")
    out.append(f'<div class="small text-body-secondary">{escape(whose)}</div>')
    return "".join(out)


def _next_due(case: dict) -> str:
    """The 下一期限 cell: the next running clock's due date and its rule, or —."""
    if not case["next_due_on"]:
        return MUTED.format("—")
    return (
        f'<div class="{case["due_class"]}">{escape(case["next_due_on"])}</div>'
        f'<div class="small text-body-secondary">{escape(case["next_rule_label"])}</div>'
    )


@register.simple_tag
def case_rows(cases: list[dict], review: bool) -> str:
    """The <tr> of each row of `cases` (`selectors.decorate_rows`); `review`: the 待受理审查 tab,
    whose last column is the acceptance-review countdown."""
    deemed = f' <span class="badge text-bg-light border">{escape(_("视为受理"))}</span>'
    unassigned = MUTED.format(escape(_("未指定")))
    out = []
    for case in cases:
        names = case["claimants"]
        out.append(
            ROW.format(
                row_class=case["row_class"],
                url=escape(case["url"]),
                number=escape(case["number"]),
                body=escape(case["body"]),
                claimants="".join(f"<div>{escape(n)}</div>" for n in names) if names else "—",
                respondent=escape(case["respondent"]),
                act_type=escape(case["act_type_label"]),
                received_on=case["received_on"],
                procedure=escape(case["procedure_label"]),
                status=escape(case["status"]),
                status_label=escape(case["status_label"]),
                deemed=deemed if case["is_deemed_accepted"] else "",
                handler=escape(case["handler"]) if case["handler"] else unassigned,
                due=_review_countdown(case) if review else _next_due(case),
            )
        )
    return mark_safe("".join(out))  # every value above is escaped or a fixed class name
