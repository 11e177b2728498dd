"""全过程记录, 移送司法机关 and 结案 (处罚法第四十七条、第二十七条)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, service

from .. import deadlines as clocks
from ..choices import LAW_SHORT, PERM_CHANGE, WORKFLOW, EventKind, RecordMedium, RecordStage
from ..models import ProcessRecord
from . import gates
from ._common import check_date, lock_case, require_text, today


@service
def case_add_record(
    *, actor, case, stage: str, medium: str, recorded_on: date, description: str
) -> ProcessRecord:
    """One written or audiovisual record of a stage (第四十七条); the file is attached to it."""
    case = lock_case(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if stage not in RecordStage.values:
        raise ApplicationError(_("请选择环节。"), field="stage")
    if medium not in RecordMedium.values:
        raise ApplicationError(_("请选择记录形式。"), field="medium")
    record = ProcessRecord(
        case=case,
        stage=stage,
        medium=medium,
        recorded_on=check_date(
            recorded_on,
            field="recorded_on",
            label=_("记录日期"),
            not_before=case.filed_on,
            before_label=_("立案日期"),
        ),
        description=require_text(description, field="description", message=_("请填写内容摘要。")),
        created_by=actor,
    )
    record.full_clean()
    record.save()
    WORKFLOW.record(
        case,
        EventKind.RECORD,
        on=record.recorded_on,
        actor=actor,
        basis=_("《行政处罚法》第四十七条"),
        note=f"{record.get_stage_display()} {record.get_medium_display()}",
    )
    return record


@service
def case_transfer(*, actor, case, on: date, body: str, version: int | None = None):
    """行刑衔接: transfer to the judicial authority (第二十七条) with the receiving body."""
    case = lock_case(case, version=version)
    WORKFLOW.guard(case, "transfer", actor)
    case.transferred_on = check_date(
        on, field="on", label=_("移送日期"), not_before=case.filed_on, before_label=_("立案日期")
    )
    case.transfer_body = require_text(body, field="body", message=_("请填写接收机关。"))
    clocks.on_transferred(case, actor=actor)
    WORKFLOW.apply(case, "transfer", on=case.transferred_on, actor=actor, note=case.transfer_body)
    return case


@service
def case_close(*, actor, case, on: date | None = None, version: int | None = None):
    """结案: the decision served, published (unless withdrawn) and the full-process record complete."""
    case = lock_case(case, version=version)
    WORKFLOW.guard(case, "close", actor)
    on = check_date(
        on or today(), field="on", label=_("结案日期"), not_before=case.decided_on, before_label=_("决定日期")
    )
    if case.served_on is None:
        raise GateError(_("决定书尚未送达，不能结案（%(law)s第六十一条）。") % {"law": LAW_SHORT})
    if case.published_on is None:
        raise GateError(_("执法决定尚未公示，不能结案（国办发〔2018〕118号）。"))
    missing = gates.missing_records(case)
    if missing:
        names = "、".join(f"{RecordStage(s).label}（{RecordMedium(m).label}）" for s, m in missing)
        raise GateError(
            _("全过程记录不完整，缺少：%(names)s（%(law)s第四十七条）。") % {"names": names, "law": LAW_SHORT}
        )
    case.closed_on = on
    WORKFLOW.apply(case, "close", on=on, actor=actor)
    return case
