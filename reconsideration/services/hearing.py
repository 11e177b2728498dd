"""Hearings (复议法第五十条、第五十一条), the expert pool and the reconsideration committee (第五十二条)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from django.utils.translation import gettext as _

from accounts.jurisdiction import unit_in_jurisdiction
from core.concurrency import bump, lock_for_edit
from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, service
from deadlines.engine import latest_start

from .. import deadlines as clocks
from ..choices import (
    LAW_SHORT,
    PERM_APPROVE,
    PERM_CHANGE,
    WORKFLOW,
    DocumentKind,
    EventKind,
    OpinionTier,
)
from ..models import (
    CaseOpinion,
    CommitteeConsultation,
    CommitteeMeeting,
    ExpertConsultant,
    ExpertConsultation,
    Hearing,
    ReconsiderationCase,
)
from ._common import (
    _check_date,
    _document_number,
    _fmt,
    _lock,
    _require_text,
    _text,
)
from .gates import committee_refusal, hearing_record_refusal, hearing_refusal, refuse
from .intake import (
    _check_body,
)


@service
def hearing_schedule(
    *,
    case: ReconsiderationCase,
    actor,
    date: date,
    place: str,
    matters: str,
    presiding,
    officers: Sequence,
    clerk,
    notice_sent_on: date,
    start_time: time | None = None,
    requested_by_applicant: bool = False,
    notice_number: str = "",
) -> Hearing:
    """安排听证: one presiding officer, at least two hearing officers and a clerk (第五十条第三款), the
    parties notified in writing at least 5 working days before (第五十一条第一款, `recon.hearing_notice`)."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(hearing_refusal(case))
    place = _require_text(place, field="place", message=_("请填写听证地点。"))
    matters = _require_text(matters, field="matters", message=_("请填写拟听证事项。"))
    officers = [u for u in officers if u is not None]
    if presiding is None or clerk is None:
        raise ApplicationError(
            _("听证须有一名主持人和一名记录员（%(law)s第五十条第三款）。") % {"law": LAW_SHORT}
        )
    if len({u.pk for u in officers} - {presiding.pk, clerk.pk}) < 2:
        raise GateError(
            _("听证应当由两名以上行政复议人员任听证员，且不得由主持人或记录员兼任（%(law)s第五十条第三款）。")
            % {"law": LAW_SHORT},
            field="officers",
        )
    if presiding.pk == clerk.pk:
        raise GateError(
            _("主持人和记录员不能为同一人（%(law)s第五十条第三款）。") % {"law": LAW_SHORT}, field="clerk"
        )
    for person in [presiding, clerk, *officers]:
        if not unit_in_jurisdiction(person, case.org_unit):
            raise ApplicationError(
                _("%(name)s不是本复议机关的工作人员。") % {"name": person.display_name}, field="officers"
            )
    _check_date(
        notice_sent_on,
        field="notice_sent_on",
        label=_("听证通知发出日期"),
        not_before=case.accepted_on,
        before_label=_("受理日期"),
    )
    latest = latest_start(clocks.HEARING_NOTICE, date)
    if notice_sent_on > latest:
        raise GateError(
            _(
                "听证通知应当于举行听证的五个工作日前书面发出；"
                "听证日期为 %(date)s，通知最迟应于 %(latest)s 发出"
                "（%(law)s第五十一条第一款、第八十八条）。"
            )
            % {"date": _fmt(date), "latest": _fmt(latest), "law": LAW_SHORT},
            field="notice_sent_on",
        )
    hearing = Hearing(
        case=case,
        org_unit=case.org_unit,
        date=date,
        start_time=start_time,
        place=place,
        matters=matters,
        presiding=presiding,
        clerk=clerk,
        notice_sent_on=notice_sent_on,
        notice_number=_document_number(
            notice_number,
            case=case,
            on=notice_sent_on,
            kind=DocumentKind.HEARING_NOTICE,
            field="notice_number",
        ),
        requested_by_applicant=requested_by_applicant or case.hearing_requested,
        created_by=actor,
    )
    hearing.full_clean()
    hearing.save()
    hearing.officers.set(officers)
    WORKFLOW.record(
        case,
        EventKind.HEARING_SCHEDULED,
        on=notice_sent_on,
        actor=actor,
        basis=_("%(law)s第五十条、第五十一条") % {"law": LAW_SHORT},
        note=_("听证日期 %(date)s，地点：%(place)s") % {"date": _fmt(date), "place": place},
    )
    return hearing


@service
def hearing_record(
    *,
    hearing: Hearing,
    actor,
    respondent_head_attended: bool,
    respondent_head_absence_reason: str = "",
    respondent_delegate: str = "",
    applicant_absent_without_reason: bool = False,
    record_summary: str = "",
) -> Hearing:
    """听证已举行: the respondent's head attends, or gives a reason and sends staff (第五十一条第三款);
    an applicant absent without reason has waived the hearing (第五十一条第二款). The 听证笔录 is
    uploaded as an attachment of the hearing."""
    hearing = (
        Hearing.objects.select_for_update(of=("self",)).select_related("case__org_unit").get(pk=hearing.pk)
    )
    case = _lock(hearing.case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(hearing_record_refusal(hearing))
    if not respondent_head_attended:
        _require_text(
            respondent_head_absence_reason,
            field="respondent_head_absence_reason",
            message=_("被申请人的负责人不能参加听证的，应当说明理由（%(law)s第五十一条第三款）。")
            % {"law": LAW_SHORT},
        )
        _require_text(
            respondent_delegate,
            field="respondent_delegate",
            message=_(
                "被申请人的负责人不能参加的，应当委托相应的工作人员参加听证（%(law)s第五十一条第三款）。"
            )
            % {"law": LAW_SHORT},
        )
    hearing.held = True
    hearing.respondent_head_attended = bool(respondent_head_attended)
    hearing.respondent_head_absence_reason = _text(respondent_head_absence_reason)
    hearing.respondent_delegate = _text(respondent_delegate)
    hearing.applicant_absent_without_reason = applicant_absent_without_reason
    hearing.record_summary = _text(record_summary)
    hearing.full_clean()
    hearing.save()
    note = (
        _("被申请人负责人参加")
        if respondent_head_attended
        else _("被申请人负责人未参加：%(r)s") % {"r": hearing.respondent_head_absence_reason}
    )
    if applicant_absent_without_reason:
        note += _("；申请人无正当理由拒不参加，视为放弃听证权利")
    WORKFLOW.record(
        case,
        EventKind.HEARING_HELD,
        on=hearing.date,
        actor=actor,
        note=note,
        basis=_("%(law)s第五十一条") % {"law": LAW_SHORT},
    )
    return hearing


@service
def expert_consultant_create(
    *, actor, body, name: str, field: str, organisation: str = "", title: str = ""
) -> ExpertConsultant:
    """Add an expert to the body's pool (专家咨询委员会)."""
    _check_body(body)
    check_actor(actor, PERM_APPROVE, body)
    expert = ExpertConsultant(
        org_unit=body,
        created_by=actor,
        name=_require_text(name, field="name", message=_("请填写专家姓名。")),
        field=_require_text(field, field="field", message=_("请填写专业领域。")),
        organisation=_text(organisation),
        title=_text(title),
    )
    expert.full_clean()
    expert.save()
    return expert


@service
def expert_consultant_update(*, expert: ExpertConsultant, actor, version: int, **fields) -> ExpertConsultant:
    """Edit an expert or take them out of the pool (`is_active=False`); experts are never deleted.
    `version` is the one the user's form was opened with (a stale form raises ConcurrentEditError)."""
    allowed = {"name", "field", "organisation", "title", "is_active"}
    if set(fields) - allowed:
        raise TypeError(f"fields not editable: {sorted(set(fields) - allowed)}")
    expert = lock_for_edit(ExpertConsultant.objects.all(), pk=expert.pk, version=version)
    check_actor(actor, PERM_APPROVE, expert.org_unit)
    for name, value in fields.items():
        setattr(expert, name, value.strip() if isinstance(value, str) else value)
    bump(expert)
    expert.full_clean()
    expert.save()
    return expert


@service
def committee_meeting_create(
    *,
    actor,
    body,
    date: date,
    topic: str,
    members: Sequence = (),
    experts: Sequence = (),
    place: str = "",
    chaired_by=None,
    note: str = "",
) -> CommitteeMeeting:
    """复议委员会会议: the members (department staff) and external experts present."""
    _check_body(body)
    check_actor(actor, PERM_CHANGE, body)
    _check_date(date, field="date", label=_("会议日期"))
    members = [m for m in members if m is not None]
    experts = [e for e in experts if e is not None]
    if not members and not experts:
        raise ApplicationError(_("请填写出席会议的委员或专家。"), field="members")
    for expert in experts:
        if expert.org_unit_id != body.pk or not expert.is_active:
            raise ApplicationError(
                _("%(name)s不在本机关的专家库中。") % {"name": expert.name}, field="experts"
            )
    meeting = CommitteeMeeting(
        org_unit=body,
        created_by=actor,
        date=date,
        topic=_require_text(topic, field="topic", message=_("请填写会议议题。")),
        place=_text(place),
        chaired_by=chaired_by,
        note=_text(note),
    )
    meeting.full_clean()
    meeting.save()
    meeting.members.set(members)
    meeting.experts.set(experts)
    return meeting


@service
def committee_consult(
    *,
    meeting: CommitteeMeeting,
    case: ReconsiderationCase,
    actor,
    opinion: str,
    majority_view: str,
    question: str = "",
    votes_for: int | None = None,
    votes_against: int | None = None,
) -> CommitteeConsultation:
    """委员会咨询意见 on a case (复议法第五十二条): recorded with its majority view, and kept as the
    committee tier of the case's opinions (三级办案)."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if meeting.org_unit_id != case.org_unit_id:
        raise ApplicationError(_("只能咨询本复议机关的案件。"))
    refuse(committee_refusal(case))
    if case.accepted_on and meeting.date < case.accepted_on:
        raise ApplicationError(_("会议日期早于案件受理日期。"))
    if (votes_for is None) != (votes_against is None):
        raise ApplicationError(_("表决票数须同时填写赞成和反对，或都不填。"), field="votes_for")
    consultation = CommitteeConsultation(
        meeting=meeting,
        case=case,
        question=_text(question),
        opinion=_require_text(opinion, field="opinion", message=_("请填写咨询意见。")),
        majority_view=_require_text(majority_view, field="majority_view", message=_("请填写多数意见。")),
        votes_for=votes_for,
        votes_against=votes_against,
        created_by=actor,
    )
    consultation.full_clean()
    consultation.save()
    CaseOpinion.objects.create(
        case=case,
        written_on=meeting.date,
        tier=OpinionTier.COMMITTEE,
        author=actor,
        text=consultation.majority_view,
        consultation=consultation,
    )
    WORKFLOW.record(
        case,
        EventKind.COMMITTEE_CONSULTED,
        on=meeting.date,
        actor=actor,
        note=consultation.majority_view,
        basis=_("%(law)s第五十二条") % {"law": LAW_SHORT},
    )
    return consultation


@service
def expert_consultation_record(
    *,
    case: ReconsiderationCase,
    actor,
    expert: ExpertConsultant,
    question: str,
    answer: str,
    consulted_on: date,
) -> ExpertConsultation:
    """专家咨询 on a case (an expert of the body's pool)."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if expert.org_unit_id != case.org_unit_id:
        raise ApplicationError(_("%(name)s不在本机关的专家库中。") % {"name": expert.name}, field="expert")
    _check_date(consulted_on, field="consulted_on", label=_("咨询日期"))
    consultation = ExpertConsultation(
        case=case,
        expert=expert,
        question=_require_text(question, field="question", message=_("请填写咨询事项。")),
        answer=_require_text(answer, field="answer", message=_("请填写专家意见。")),
        consulted_on=consulted_on,
        created_by=actor,
    )
    consultation.full_clean()
    consultation.save()
    WORKFLOW.record(case, EventKind.EXPERT_CONSULTED, on=consulted_on, actor=actor, note=expert.name)
    return consultation
