"""`{% load case_page_tags %}{% case_log_items events %}`: the steps of the case page's 案件日志
(templates/reconsideration/case_detail.html), written here from the plain values of
`selectors.case_log`.

A case has ten to thirty steps; as template nodes each was ~200 Python calls (a lookup, an escape
and a translation a value), a tenth of the case page's template (bench recon.detail). The markup is
the one the template wrote; every value is escaped as `{{ }}` escapes it.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def case_log_items(events: list[dict]) -> str:
    """The <li> of each step of `events` (`selectors.case_log`), or the 暂无记录 line."""
    if not events:
        return mark_safe(f"<li>{escape(_('暂无记录'))}</li>")  # escaped
    system, basis = escape(_("系统（依法自动处理）")), escape(_("依据："))
    out = []
    for event in events:
        actor = escape(event["actor"]) if event["actor"] else system
        status = (
            f'<span class="badge text-bg-light border">→ {escape(event["to_status"])}</span>'
            if event["to_status"]
            else ""
        )
        note = f'<div class="small text-break">{escape(event["note"])}</div>' if event["note"] else ""
        law = (
            f'<div class="small text-body-secondary">{basis}{escape(str(event["basis"]))}</div>'
            if event["basis"]
            else ""
        )
        out.append(
            f'<li><div class="small text-body-secondary">{escape(event["day"])} · {actor} {status}</div>'
            f'<div class="fw-semibold">{escape(str(event["kind"]))}</div>{note}{law}</li>\n'
        )
    return mark_safe("".join(out))  # every value above is escaped
