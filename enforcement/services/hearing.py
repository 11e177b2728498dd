"""告知 and 听证 (处罚法第四十四条、第六十三条、第六十四条)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import check_actor, save, service

from .. import deadlines as clocks
from ..choices import PERM_CHANGE, WORKFLOW, CaseStatus, EventKind, MajorGround
from . import gates
from ._common import check_date, lock_case, text, today


@service
def case_inform(
    *, actor, case, version: int | None = None, on: date | None = None, hearing_right_told: bool = True
):
    """告知: the facts, reasons and basis, and the rights to state, defend and (for the 第六十三条
    penalties) ask for a hearing. The two investigators act (第四十二条), so their certificates must
    be valid on the day."""
    case = lock_case(case, version=version)
    WORKFLOW.guard(case, "inform", actor)
    on = check_date(
        on or today(), field="on", label=_("告知日期"), not_before=case.filed_on, before_label=_("立案日期")
    )
    gates.check_two_certified(case.investigators.all(), on)
    case.informed_on = on
    case.hearing_right_told = hearing_right_told
    WORKFLOW.apply(case, "inform", on=on, actor=actor)
    clocks.on_informed(case, actor=actor)
    return case


@service
def case_request_hearing(*, actor, case, version: int | None = None, on: date | None = None):
    """The party asks for a hearing (第六十四条第一项: within 5 working days of being told)."""
    case = lock_case(case, version=version)
    WORKFLOW.guard(case, "request_hearing", actor)
    if not case.hearing_right_told:
        raise ApplicationError(_("本案未告知听证权利。"))
    on = check_date(
        on or today(),
        field="on",
        label=_("申请日期"),
        not_before=case.informed_on,
        before_label=_("告知日期"),
    )
    case.hearing_requested_on = on
    WORKFLOW.apply(case, "request_hearing", on=on, actor=actor)
    clocks.on_hearing_requested(case, actor=actor)
    return case


def _in_hearing(case, actor) -> None:
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status != CaseStatus.HEARING:
        raise ApplicationError(
            _("案件当前状态为“%(status)s”，不在听证程序中。") % {"status": case.get_status_display()}
        )


@service
def case_schedule_hearing(
    *, actor, case, hearing_date: date, notice_on: date | None = None, version: int | None = None
):
    """通知听证: the notice at least 7 working days before the hearing (第六十四条第二项)."""
    case = lock_case(case, version=version)
    _in_hearing(case, actor)
    if case.hearing_requested_on is None:
        raise ApplicationError(_("当事人未要求听证。"))
    notice_on = check_date(
        notice_on or today(),
        field="notice_on",
        label=_("听证通知日期"),
        not_before=case.hearing_requested_on,
        before_label=_("当事人要求听证日期"),
    )
    if hearing_date is None or hearing_date <= notice_on:
        raise ApplicationError(_("听证日期须晚于通知日期。"), field="hearing_date")
    gates.check_hearing_notice(notice_on, hearing_date)
    case.hearing_notice_on = notice_on
    case.hearing_date = hearing_date
    save(case)
    WORKFLOW.record(
        case,
        EventKind.NOTIFY_HEARING,
        on=notice_on,
        actor=actor,
        basis=_("《行政处罚法》第六十四条第二项"),
        note=_("听证日期 %(d)s") % {"d": f"{hearing_date:%Y-%m-%d}"},
    )
    return case


@service
def case_hold_hearing(*, actor, case, held_on: date, record: str, version: int | None = None):
    """举行听证 with its record. A decision after a hearing on a major right is a major decision
    (第五十八条第一款第二项): the case is marked so and needs the legal review."""
    case = lock_case(case, version=version)
    _in_hearing(case, actor)
    if case.hearing_date is None:
        raise ApplicationError(_("请先通知听证。"))
    held_on = check_date(
        held_on,
        field="held_on",
        label=_("听证举行日期"),
        not_before=case.hearing_notice_on,
        before_label=_("听证通知日期"),
    )
    case.hearing_held_on = held_on
    case.hearing_record = text(record)
    if not case.hearing_record:
        raise ApplicationError(_("请填写听证笔录摘要。"), field="record")
    if not case.is_major:
        case.is_major = True
        case.major_ground = MajorGround.HEARING
    save(case)
    WORKFLOW.record(
        case, EventKind.HOLD_HEARING, on=held_on, actor=actor, basis=_("《行政处罚法》第六十五条")
    )
    return case
