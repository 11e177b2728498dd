"""Hearings, the 出庭应诉提醒 and the record of who appeared (出庭规定)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import check_actor, lock, notify_after_commit, service

from ..choices import ACTIVE_STATUSES, COUNTING_POSITIONS, PERM_CHANGE, WORKFLOW, CaseStatus, EventKind
from ..models import Attendance, Hearing
from . import gates
from ._common import _lock, _refuse, _text, _today


def _head_recipients(case):
    """The defendants' leaders (is_unit_leader) and the handler: who the 出庭应诉提醒 goes to."""
    users = list(
        get_user_model().objects.filter(
            unit__in=case.defendants.values("agency"), is_unit_leader=True, is_active=True
        )
    )
    if case.handler_id and case.handler not in users:
        users.append(case.handler)
    return users


@service
def hearing_schedule(
    *, case, actor, date: date, court_requested_head: bool = False, note: str = ""
) -> Hearing:
    """登记开庭: the must-appear flag is computed (出庭规定第四条第一款, 行诉解释第一百二十九条); for a
    must-appear hearing a 出庭应诉提醒 goes to the defendants' heads with the hearing date."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status not in (CaseStatus.RESPONDING, CaseStatus.IN_TRIAL):
        raise ApplicationError(
            _("案件当前状态为“%(status)s”，不能登记开庭。") % {"status": case.get_status_display()}
        )
    if date < case.complaint_received_on:
        raise ApplicationError(_("开庭日期不能早于收到起诉状副本日期。"), field="date")
    grounds = gates.must_appear_grounds(case, court_requested_head=court_requested_head)
    # the 出庭应诉提醒 goes out for a hearing still ahead; one recorded afterwards needs none
    remind = bool(grounds) and date >= _today()
    hearing = Hearing(
        case=case,
        date=date,
        court_requested_head=court_requested_head,
        must_appear=bool(grounds),
        must_appear_grounds=",".join(grounds),
        note=_text(note),
        created_by=actor,
    )
    if remind:
        hearing.reminder_sent_on = _today()
    hearing.full_clean()
    hearing.save()
    WORKFLOW.record(
        case,
        EventKind.HEARING,
        on=min(date, _today()),
        actor=actor,
        basis=_("《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第四条") if grounds else "",
        note=_("开庭日期 %(date)s%(must)s")
        % {"date": date.isoformat(), "must": _("，负责人应当出庭") if grounds else ""},
    )
    if remind:
        notify_after_commit(
            _head_recipients(case),
            title=_("出庭应诉提醒：%(case)s") % {"case": case},
            body=_("%(court)s定于 %(date)s 开庭审理，依法负责人应当出庭应诉，请确认出庭负责人。")
            % {"court": case.court, "date": date.isoformat()},
            url=case.get_absolute_url(),
            key=f"litigation-hearing-{hearing.pk}",
        )
    return hearing


@service
def hearing_confirm_head(*, hearing, actor, head_name: str, head_position: str) -> Hearing:
    """确认出庭负责人: who will attend; only a 负责人 (出庭规定第二条) may be confirmed."""
    hearing = lock(hearing, related=("case__org_unit",))
    check_actor(actor, PERM_CHANGE, hearing.case.org_unit)
    if hearing.case.status not in ACTIVE_STATUSES:
        raise ApplicationError(_("案件已结案，不能确认出庭负责人。"))
    if not _text(head_name):
        raise ApplicationError(_("请填写出庭负责人姓名。"), field="head_name")
    if head_position not in COUNTING_POSITIONS:
        raise ApplicationError(
            _("只有正职、副职负责人和分管负责人才是出庭应诉的负责人（出庭规定第二条）。"),
            field="head_position",
        )
    hearing.confirmed_head_name = _text(head_name)
    hearing.confirmed_head_position = head_position
    hearing.full_clean()
    hearing.save()
    return hearing


@service
def attendance_record(
    *,
    hearing,
    defendant,
    actor,
    head_name: str = "",
    head_position: str = "",
    head_spoke: bool = False,
    staff_names: str = "",
    lawyer_names: str = "",
    absence_reason: str = "",
    absence_proof: str = "",
    appeared_instead: str = "",
) -> Attendance:
    """登记出庭情况 for one defendant at one hearing. Only a named 正职/副职/分管负责人 counts (第二条);
    lawyer-only attendance is recorded and flagged (行诉解释第一百二十八条); an absent head's reason
    must be one of 第八条 with its proof (第九条) and the staff member sent instead (第十条)."""
    hearing = lock(hearing, related=("case__org_unit",))
    case = hearing.case
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if defendant.case_id != case.pk:
        raise ApplicationError(_("该被告不属于本案。"), field="defendant")
    head_name, staff_names, lawyer_names = _text(head_name), _text(staff_names), _text(lawyer_names)
    absence_proof, appeared_instead = _text(absence_proof), _text(appeared_instead)
    _refuse(
        gates.attendance_blockers(
            hearing,
            head_name=head_name,
            head_position=head_position,
            head_spoke=head_spoke,
            absence_reason=absence_reason,
            absence_proof=absence_proof,
            appeared_instead=appeared_instead,
            today=_today(),
        )
    )
    if Attendance.objects.filter(hearing=hearing, defendant=defendant).exists():
        raise ApplicationError(_("该被告本次开庭的出庭情况已经登记。"), field="defendant")
    counts = gates.head_counts(head_name, head_position)
    attendance = Attendance(
        hearing=hearing,
        defendant=defendant,
        head_name=head_name,
        head_position=head_position,
        head_counts=counts,
        head_spoke=head_spoke,
        staff_names=staff_names,
        lawyer_names=lawyer_names,
        lawyer_only=gates.lawyer_only(
            head_name=head_name, staff_names=staff_names, lawyer_names=lawyer_names
        ),
        absence_reason=absence_reason,
        absence_proof=absence_proof,
        appeared_instead=appeared_instead,
        unexcused_absence=hearing.must_appear and not counts and not absence_reason,
        created_by=actor,
    )
    attendance.full_clean()
    attendance.save()
    note = _("负责人%(name)s出庭") % {"name": head_name} if counts else _("负责人未出庭")
    if attendance.lawyer_only:
        note += _("；仅委托律师出庭（违反行诉解释第一百二十八条）")
    WORKFLOW.record(
        case,
        EventKind.ATTENDANCE,
        on=hearing.date,
        actor=actor,
        basis=_("《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第二条、第八条"),
        note=f"{defendant.agency}：{note}",
    )
    return attendance
