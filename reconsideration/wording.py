"""Sentences of the decision document that follow from the law, kept apart from the layout
(reconsideration/document_layouts.py, reconsideration/documents.py) so the wording is tested on its own."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .choices import Compensation


def compensation_sentence(decision) -> str:
    """The 复议法第七十二条 sentence of a decision ("" when the decision says nothing on compensation).

    第一款: a request made with the application is answered — compensation ordered (with 撤销、部分撤销、
    变更、确认违法、确认无效) or the request dismissed. 第二款: without a request, revoking or varying an
    act on property orders it returned, the seizure / freeze lifted, or its value paid."""
    choice = getattr(decision, "compensation", "") or (
        Compensation.RETURNED if getattr(decision, "compensation_ordered", False) else ""
    )
    if choice == Compensation.ORDERED:
        return str(_("同时决定被申请人依法给予赔偿"))
    if choice == Compensation.DISMISSED:
        return str(_("同时驳回申请人的行政赔偿请求"))
    if choice == Compensation.RETURNED:
        return str(_("同时责令被申请人返还财产，解除对财产的查封、扣押、冻结措施，或者赔偿相应的价款"))
    return ""
