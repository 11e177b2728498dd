"""Procuratorial and judicial recommendations and the agency's reply."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import check_actor, lock, notify_after_commit, service

from .. import deadlines as clocks
from ..choices import PERM_CHANGE, WORKFLOW, EventKind, RecommendationKind
from ..models import Recommendation
from ._common import _check_date, _lock, _text


@service
def recommendation_register(
    *,
    case,
    actor,
    kind: str,
    received_on: date,
    content: str,
    urgent: bool = False,
    document_number: str = "",
) -> Recommendation:
    """收到检察建议 / 司法建议. A procuratorial one starts lit.procuratorial_reply (2 months; 15 days when
    urgent, 检察公益诉讼解释第二十一条); a judicial one (出庭规定第十二条) waits for its reply."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if kind not in RecommendationKind.values:
        raise ApplicationError(_("请选择建议类型。"), field="kind")
    _check_date(received_on, field="received_on", label=_("收到日期"))
    if urgent and kind != RecommendationKind.PROCURATORIAL:
        raise ApplicationError(_("只有检察建议区分紧急情形。"), field="urgent")
    content = _text(content)
    if not content:
        raise ApplicationError(_("请填写建议内容。"), field="content")
    rec = Recommendation(
        case=case,
        kind=kind,
        received_on=received_on,
        content=content,
        urgent=urgent,
        document_number=_text(document_number),
        created_by=actor,
    )
    rec.full_clean()
    rec.save()
    basis = (
        _("《最高人民法院、最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》第二十一条")
        if kind == RecommendationKind.PROCURATORIAL
        else _("《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第十二条")
    )
    WORKFLOW.record(case, EventKind.RECOMMENDATION, on=received_on, actor=actor, basis=basis, note=str(rec))
    clocks.on_recommendation(rec, actor=actor)
    if case.handler_id:
        notify_after_commit(
            [case.handler],
            title=_("收到%(kind)s：%(case)s") % {"kind": rec.get_kind_display(), "case": case},
            body=_("请按期回复并落实整改措施。"),
            url=case.get_absolute_url(),
            key=f"litigation-recommendation-{rec.pk}",
        )
    return rec


@service
def recommendation_reply(*, recommendation, actor, replied_on: date, reply: str) -> Recommendation:
    """回复建议: meets the reply clock (met if on or before its due date)."""
    rec = lock(recommendation, related=("case__org_unit",))
    check_actor(actor, PERM_CHANGE, rec.case.org_unit)
    if rec.replied_on is not None:
        raise ApplicationError(_("该建议已经回复。"))
    _check_date(replied_on, field="replied_on", label=_("回复日期"), not_before=rec.received_on)
    reply = _text(reply)
    if not reply:
        raise ApplicationError(_("请填写回复及整改措施。"), field="reply")
    rec.replied_on = replied_on
    rec.reply = reply
    rec.full_clean()
    rec.save()
    WORKFLOW.record(
        rec.case, EventKind.RECOMMENDATION, on=replied_on, actor=actor, note=_("已回复%(r)s") % {"r": rec}
    )
    clocks.on_replied(rec, actor=actor)
    return rec
