"""What the pages need beyond the law core: the action catalogue of the case page (which form, which
service, when it is offered), the queues of the list page, automatic document numbers and the
statistics period. No rule of the law is decided here — each action calls exactly one service, and
the service decides; the `available` predicates only keep the page from offering what the current
status makes pointless (STYLE.md: "the UI shows only the transitions the user may take").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import forms, numbering, selectors, services
from .choices import (
    CONCLUDED_STATUSES,
    INTAKE_STATUSES,
    PERM_APPROVE,
    PERM_CHANGE,
    TRANSITIONS_BY_NAME,
    TRIAL_STATUSES,
    CaseStatus,
    DocumentKind,
    OpinionTier,
)

S = CaseStatus

# =====================================================================================================
# Automatic document numbers
# =====================================================================================================


def auto_number(case, kind: str, on: date | None, given: str = "") -> str:
    """The number typed by the officer, or the next one of the body's `kind` series for the year of
    `on` (numbering.py: per reconsideration body and year, race-free). Call inside the transaction
    of the service that stores it, so a refused action gives its serial back."""
    given = (given or "").strip()
    if given:
        return given
    year = (on or timezone.localdate()).year
    return numbering.next_document_number(body=case.org_unit, year=year, kind=kind)


# =====================================================================================================
# Case actions
# =====================================================================================================


@dataclass(frozen=True)
class CaseAction:
    """One thing an officer can do on the case page: a small form posting to one service."""

    slug: str
    label: str | Promise
    form_class: type
    perform: Callable  # (form, case, user) -> success message
    icon: str = "bi-pencil-square"
    style: str = "outline-primary"
    perm: str = PERM_CHANGE
    transition: str | None = None  # the TRANSITIONS entry that offers it, if it changes the status
    available: Callable | None = None  # (case, user) -> bool, for actions that are not transitions
    intro: str | Promise = ""  # shown above the form: what the law asks
    confirm: str | Promise = ""
    document: str = ""  # the document kind to offer after success
    template: str = "reconsideration/action.html"

    @property
    def is_transition(self) -> bool:
        return self.transition is not None


def _kw(form, *names, **renames) -> dict:
    data = form.service_kwargs()
    out = {n: data.get(n) for n in names}
    for target, source in renames.items():
        out[target] = data.get(source)
    return out


def _trial_or(case, *statuses) -> bool:
    return case.status in statuses


# --- perform functions (each calls exactly one service) -------------------------------------------------


def _do_assign(form, case, user):
    services.case_assign_handler(case=case, actor=user, **_kw(form, "handler", "on"))
    return _("已指定承办人。")


def _do_update(form, case, user):
    data = form.service_kwargs()
    version = data.pop("version")
    services.case_update(case=case, actor=user, version=version, **data)
    return _("案件信息已保存。")


def _do_start_review(form, case, user):
    services.case_start_review(case=case, actor=user, **_kw(form, "handler", "on"))
    return _("已指定承办人并开始受理审查。")


def _do_delay_reason(form, case, user):
    services.case_record_delay_reason(
        case=case, actor=user, **_kw(form, "reason", "obstacle_from", "obstacle_to", "on")
    )
    return _("已记录耽误申请期限的理由。")


def _do_request_correction(form, case, user):
    services.case_request_correction(
        case=case, actor=user, **_kw(form, "items", "notice_sent_on", "applicant_received_on")
    )
    return _("已通知补正，受理审查期限自收到补正材料之日起重新计算。")


def _do_correction_receipt(form, case, user):
    services.case_record_correction_notice_receipt(case=case, actor=user, **_kw(form, "received_on"))
    return _("已记录申请人收到补正通知，补正期限开始计算。")


def _do_receive_correction(form, case, user):
    services.case_receive_correction(case=case, actor=user, **_kw(form, "received_on", "note"))
    return _("已收到补正材料，重新开始受理审查。")


def _do_accept(form, case, user):
    services.case_accept(
        case=case,
        actor=user,
        **_kw(form, "accepted_on", "procedure", "simple_ground", "parties_agreed_simple"),
    )
    return _("已受理。")


def _do_reject(form, case, user):
    data = form.service_kwargs()
    data["document_number"] = auto_number(
        case, DocumentKind.NOT_ACCEPTED, data["rejected_on"], data.get("document_number")
    )
    data["legal_basis"] = data.get("legal_basis") or ""
    services.case_reject(case=case, actor=user, **data)
    return _("已决定不予受理。")


def _do_send_copy(form, case, user):
    services.case_send_copy(case=case, actor=user, **_kw(form, "sent_on", "respondent_received_on"))
    return _("已发送申请书副本，案件进入审理。")


def _do_copy_receipt(form, case, user):
    services.case_record_copy_receipt(case=case, actor=user, **_kw(form, "received_on"))
    return _("已记录被申请人收到副本，答复期限开始计算。")


def _do_reply(form, case, user):
    services.case_receive_reply(case=case, actor=user, **_kw(form, "received_on", "with_evidence"))
    return _("已记录被申请人的答复。")


def _do_suspend(form, case, user):
    data = form.service_kwargs()
    data["notice_number"] = auto_number(
        case, DocumentKind.SUSPENSION_NOTICE, data["suspended_on"], data.get("notice_number")
    )
    services.case_suspend(case=case, actor=user, **data)
    return _("已中止审理，复议决定期限停止计算。")


def _do_resume(form, case, user):
    data = form.service_kwargs()
    data["notice_number"] = auto_number(
        case, DocumentKind.RESUMPTION_NOTICE, data["resumed_on"], data.get("notice_number")
    )
    services.case_resume(case=case, actor=user, **data)
    return _("已恢复审理，复议决定期限按中止的时间顺延。")


def _do_extend(form, case, user):
    data = form.service_kwargs()
    data["reference"] = auto_number(case, DocumentKind.EXTENSION_NOTICE, None, data.get("reference"))
    clock = services.case_extend(case=case, actor=user, **data)
    return _("已延长审理期限，复议决定期限至 %(due)s。") % {"due": f"{clock.due_date:%Y-%m-%d}"}


def _do_convert(form, case, user):
    services.case_convert_to_ordinary(
        case=case, actor=user, **_kw(form, "converted_on", "reason", "approved_by")
    )
    return _("已转为普通程序。")


def _do_mediation_status(form, case, user):
    services.case_set_mediation(case=case, actor=user, **_kw(form, "attempted", "reason_not_attempted", "on"))
    return _("已记录调解情况。")


def _do_mediation_session(form, case, user):
    services.mediation_session_record(
        case=case, actor=user, **_kw(form, "held_on", "participants_note", "result", "note")
    )
    return _("已记录调解。")


def _do_mediate(form, case, user):
    data = form.service_kwargs()
    data["document_number"] = auto_number(
        case, DocumentKind.MEDIATION, data["concluded_on"], data.get("document_number")
    )
    services.case_conclude_by_mediation(case=case, actor=user, **data)
    return _("已制作行政复议调解书，案件调解结案。")


def _do_terminate(form, case, user):
    data = form.service_kwargs()
    data["document_number"] = auto_number(
        case, DocumentKind.TERMINATION, data["terminated_on"], data.get("document_number")
    )
    services.case_terminate(case=case, actor=user, **data)
    return _("已决定终止行政复议。")


def _do_draft(form, case, user):
    services.opinion_draft(case=case, actor=user, **_kw(form, "text", "proposed_outcome", "on"))
    return _("已提出拟处理意见。")


def _do_review(form, case, user):
    services.opinion_review(case=case, actor=user, **_kw(form, "text", "agrees", "proposed_outcome", "on"))
    return _("已提出审核意见。")


def _do_reopen(form, case, user):
    services.case_reopen_trial(case=case, actor=user, **_kw(form, "reason", "on"))
    return _("已退回继续审理。")


def _do_submit(form, case, user):
    services.case_submit_for_approval(case=case, actor=user, **_kw(form, "on"))
    return _("已报请审批。")


def _do_return(form, case, user):
    services.case_return_for_revision(case=case, actor=user, **_kw(form, "reason", "on"))
    return _("已退回修改。")


def _do_decide(form, case, user):
    data = form.service_kwargs()
    data["document_number"] = auto_number(
        case, DocumentKind.DECISION, data["decided_on"], data.get("document_number")
    )
    services.case_decide(case=case, actor=user, **data)
    return _("已作出行政复议决定。")


def _do_hearing_schedule(form, case, user):
    data = form.service_kwargs()
    data["notice_number"] = auto_number(
        case, DocumentKind.HEARING_NOTICE, data["notice_sent_on"], data.get("notice_number")
    )
    services.hearing_schedule(case=case, actor=user, **data)
    return _("已安排听证。")


def _do_hearing_record(form, case, user):
    data = form.service_kwargs()
    services.hearing_record(actor=user, **data)
    return _("已记录听证情况。")


def _do_committee(form, case, user):
    data = form.service_kwargs()
    services.committee_consult(case=case, actor=user, **data)
    return _("已记录复议委员会咨询意见。")


def _do_expert(form, case, user):
    services.expert_consultation_record(
        case=case, actor=user, **_kw(form, "expert", "question", "answer", "consulted_on")
    )
    return _("已记录专家咨询意见。")


def _do_opinion_letter(form, case, user):
    data = form.service_kwargs()
    data["document_number"] = auto_number(
        case, DocumentKind.OPINION_LETTER, data["sent_on"], data.get("document_number")
    )
    services.opinion_letter_issue(case=case, actor=user, **data)
    return _("已制发行政复议意见书。")


def _do_letter_receipt(form, case, user):
    services.opinion_letter_record_receipt(actor=user, **_kw(form, "letter", "received_on"))
    return _("已记录受文机关收到意见书，60日落实报送期限开始计算。")


def _do_letter_report(form, case, user):
    services.opinion_letter_record_report(
        actor=user, **_kw(form, "letter", "report_received_on", "report_summary")
    )
    return _("已记录落实情况报告。")


def _do_serve(form, case, user):
    services.case_record_service(case=case, actor=user, **_kw(form, "served_on"))
    return _("已记录送达。")


def _do_close(form, case, user):
    services.case_close(case=case, actor=user, **_kw(form, "closed_on", "served_on"))
    return _("已结案。")


def _do_archive(form, case, user):
    services.case_archive(case=case, actor=user, **_kw(form, "archived_on", "archive_number"))
    return _("已归档。")


# --- availability of the actions that are not status transitions ----------------------------------------

_OPEN = tuple(s for s in CaseStatus.values if s not in (S.CLOSED, S.ARCHIVED))
_RESPONDENT_STATUSES = (S.IN_TRIAL, S.SUSPENDED, S.DRAFTED)
_MEDIATION_STATUSES = (S.ACCEPTED, S.IN_TRIAL, S.SUSPENDED, S.DRAFTED, S.PENDING_APPROVAL)
_COMMITTEE_STATUSES = (S.IN_TRIAL, S.SUSPENDED, S.DRAFTED, S.PENDING_APPROVAL)


def _has_decision(case) -> bool:
    try:
        return case.decision is not None
    except case._meta.get_field("decision").related_model.DoesNotExist:
        return False


def _decision(case):
    return case.decision if _has_decision(case) else None


def _letters(case) -> list:
    return list(case.opinion_letters.all())


def _hearings(case) -> list:
    return list(case.hearings.all())


def _is_trial_action(case, user):
    return case.status in _MEDIATION_STATUSES


ACTIONS: tuple[CaseAction, ...] = (
    # --- intake ---
    CaseAction(
        "start_review",
        gettext_lazy("指定承办人并开始审查"),
        forms.StartReviewForm,
        _do_start_review,
        icon="bi-person-check",
        style="primary",
        transition="start_review",
        intro=gettext_lazy(
            "受理审查期限自收到申请之日起计算，为5个工作日（《行政复议法》第三十条、第八十八条）。"
        ),
    ),
    CaseAction(
        "request_correction",
        gettext_lazy("要求补正"),
        forms.RequestCorrectionForm,
        _do_request_correction,
        icon="bi-envelope-exclamation",
        transition="request_correction",
        intro=gettext_lazy(
            "申请材料不齐全或者表述不清楚的，应当自收到申请之日起五日内书面通知申请人补正，"
            "一次性载明需要补正的事项；申请人应当自收到补正通知之日起十日内提交补正材料"
            "（《行政复议法》第三十一条）。"
        ),
        document=DocumentKind.CORRECTION_NOTICE,
    ),
    CaseAction(
        "correction_receipt",
        gettext_lazy("申请人收到补正通知"),
        forms.CorrectionNoticeReceiptForm,
        _do_correction_receipt,
        icon="bi-mailbox",
        available=lambda c, u: c.status == S.AWAITING_CORRECTION and c.correction_notice_received_on is None,
        intro=gettext_lazy(
            "申请人的10个工作日补正期限自收到补正通知之日起计算（《行政复议法》第三十一条第二款）。"
        ),
    ),
    CaseAction(
        "receive_correction",
        gettext_lazy("补正材料收到"),
        forms.ReceiveCorrectionForm,
        _do_receive_correction,
        icon="bi-inbox",
        style="primary",
        transition="receive_correction",
        intro=gettext_lazy(
            "收到补正材料后，受理审查期限自收到之日起重新计算（《行政复议法》第三十一条第三款）。"
        ),
    ),
    CaseAction(
        "delay_reason",
        gettext_lazy("记录逾期申请理由"),
        forms.DelayReasonForm,
        _do_delay_reason,
        icon="bi-hourglass",
        available=lambda c, u: c.status in INTAKE_STATUSES and c.is_late,
        intro=gettext_lazy(
            "因不可抗力或者其他正当理由耽误法定申请期限的，申请期限自障碍消除之日起继续计算（《行政复议法》第二十条第二款）。"
        ),
    ),
    CaseAction(
        "accept",
        gettext_lazy("受理"),
        forms.AcceptForm,
        _do_accept,
        icon="bi-check2-circle",
        style="success",
        transition="accept",
        intro=gettext_lazy(
            "符合受理条件的，应当予以受理（《行政复议法》第三十条）；适用简易程序须符合第五十三条规定的情形。"
        ),
        document=DocumentKind.ACCEPTANCE_NOTICE,
    ),
    CaseAction(
        "reject",
        gettext_lazy("不予受理"),
        forms.RejectForm,
        _do_reject,
        icon="bi-x-circle",
        style="outline-danger",
        transition="reject",
        intro=gettext_lazy(
            "不符合受理条件的，应当在审查期限内决定不予受理并说明理由；不属于本机关管辖的，还应当告知有管辖权的行政复议机关"
            "（《行政复议法》第三十条第二款）。"
        ),
        document=DocumentKind.NOT_ACCEPTED,
    ),
    # --- respondent ---
    CaseAction(
        "send_copy",
        gettext_lazy("送达被申请人"),
        forms.SendCopyForm,
        _do_send_copy,
        icon="bi-send",
        style="primary",
        transition="send_copy",
        intro=gettext_lazy(
            "行政复议机构应当自受理之日起七日内（简易程序三日内）将申请书副本发送被申请人"
            "（《行政复议法》第四十八条、第五十四条）。"
        ),
        document=DocumentKind.REPLY_NOTICE,
    ),
    CaseAction(
        "copy_receipt",
        gettext_lazy("被申请人收到副本"),
        forms.CopyReceiptForm,
        _do_copy_receipt,
        icon="bi-mailbox",
        available=lambda c, u: (
            c.status in _RESPONDENT_STATUSES
            and c.copy_sent_on is not None
            and c.respondent_received_copy_on is None
        ),
    ),
    CaseAction(
        "reply",
        gettext_lazy("收到答复"),
        forms.ReplyForm,
        _do_reply,
        icon="bi-reply",
        available=lambda c, u: (
            c.status in _RESPONDENT_STATUSES
            and c.respondent_received_copy_on is not None
            and c.reply_received_on is None
        ),
        intro=gettext_lazy(
            "被申请人应当自收到申请书副本之日起十日内（简易程序五日内）提出书面答复，并提交作出行政行为的证据、依据；"
            "逾期未答复或者未提交证据的，视为该行政行为没有证据、依据（《行政复议法》第四十八条、第五十四条、第七十条）。"
        ),
    ),
    # --- trial ---
    CaseAction(
        "convert",
        gettext_lazy("转为普通程序"),
        forms.ConvertForm,
        _do_convert,
        icon="bi-arrow-left-right",
        available=lambda c, u: c.is_simple and c.status in (S.ACCEPTED, S.IN_TRIAL, S.DRAFTED),
        intro=gettext_lazy(
            "适用简易程序审理的案件，经行政复议机构的负责人批准，可以转为普通程序审理（《行政复议法》第五十五条）。"
        ),
    ),
    CaseAction(
        "suspend",
        gettext_lazy("中止"),
        forms.SuspendForm,
        _do_suspend,
        icon="bi-pause-circle",
        style="outline-secondary",
        transition="suspend",
        intro=gettext_lazy(
            "中止期间复议决定期限停止计算；中止原因消除后应当及时恢复审理（《行政复议法》第三十九条）。"
        ),
        document=DocumentKind.SUSPENSION_NOTICE,
    ),
    CaseAction(
        "resume",
        gettext_lazy("恢复"),
        forms.ResumeForm,
        _do_resume,
        icon="bi-play-circle",
        style="primary",
        transition="resume",
        intro=gettext_lazy("恢复审理后，复议决定期限按中止的时间顺延（《行政复议法》第三十九条第二款）。"),
        document=DocumentKind.RESUMPTION_NOTICE,
    ),
    CaseAction(
        "extend",
        gettext_lazy("延长审理期限"),
        forms.ExtendForm,
        _do_extend,
        icon="bi-calendar-plus",
        available=lambda c, u: (
            not c.is_simple and c.status in (S.ACCEPTED, S.IN_TRIAL, S.DRAFTED, S.PENDING_APPROVAL)
        ),
        intro=gettext_lazy(
            "情况复杂，不能在规定期限内作出行政复议决定的，经行政复议机构的负责人批准，可以适当延长，"
            "并书面告知当事人；但是延长期限最多不得超过三十日（《行政复议法》第六十二条第一款）。"
        ),
        document=DocumentKind.EXTENSION_NOTICE,
    ),
    CaseAction(
        "mediation_status",
        gettext_lazy("记录调解情况"),
        forms.MediationStatusForm,
        _do_mediation_status,
        icon="bi-people",
        available=_is_trial_action,
        intro=gettext_lazy(
            "能调尽调：作出决定前应当先行调解；未调解的，记录未调解的理由（《行政复议法》第五条）。"
        ),
    ),
    CaseAction(
        "mediation_session",
        gettext_lazy("调解"),
        forms.MediationSessionForm,
        _do_mediation_session,
        icon="bi-people-fill",
        available=_is_trial_action,
        intro=gettext_lazy("行政复议机关办理行政复议案件，可以进行调解（《行政复议法》第五条）。"),
    ),
    CaseAction(
        "mediate",
        gettext_lazy("调解结案"),
        forms.MediateForm,
        _do_mediate,
        icon="bi-file-earmark-check",
        style="outline-success",
        transition="mediate",
        intro=gettext_lazy(
            "当事人经调解达成协议的，行政复议机关应当制作行政复议调解书，经各方当事人签字或者签章，"
            "并加盖行政复议机关印章，即具有法律效力（《行政复议法》第七十三条）。"
        ),
        document=DocumentKind.MEDIATION,
    ),
    CaseAction(
        "terminate",
        gettext_lazy("和解撤回/终止"),
        forms.TerminateForm,
        _do_terminate,
        icon="bi-stop-circle",
        style="outline-danger",
        perm=PERM_APPROVE,
        transition="terminate",
        intro=gettext_lazy(
            "当事人在行政复议决定作出前自愿达成和解的，申请人撤回申请后行政复议终止（《行政复议法》第七十四条、第四十一条）。"
        ),
        document=DocumentKind.TERMINATION,
    ),
    CaseAction(
        "hearing_schedule",
        gettext_lazy("听证安排"),
        forms.HearingScheduleForm,
        _do_hearing_schedule,
        icon="bi-mic",
        available=lambda c, u: c.status in (S.IN_TRIAL, S.DRAFTED),
        intro=gettext_lazy(
            "听证由一名行政复议人员任主持人，两名以上行政复议人员任听证员，一名记录员制作听证笔录；"
            "应当于举行听证的五日前将听证的时间、地点和拟听证事项书面通知当事人（《行政复议法》第五十条、第五十一条）。"
        ),
        document=DocumentKind.HEARING_NOTICE,
    ),
    CaseAction(
        "hearing_record",
        gettext_lazy("记录听证情况"),
        forms.HearingRecordForm,
        _do_hearing_record,
        icon="bi-journal-text",
        available=lambda c, u: any(not h.held and h.date <= timezone.localdate() for h in _hearings(c)),
        intro=gettext_lazy(
            "被申请人的负责人应当参加听证；不能参加的，应当说明理由并委托相应的工作人员参加（《行政复议法》第五十一条第三款）。"
            "听证笔录请在案件附件中上传。"
        ),
    ),
    CaseAction(
        "committee",
        gettext_lazy("提交委员会"),
        forms.CommitteeConsultForm,
        _do_committee,
        icon="bi-diagram-3",
        available=lambda c, u: c.status in _COMMITTEE_STATUSES,
        intro=gettext_lazy(
            "案情重大、疑难、复杂或者专业性、技术性较强的，行政复议机构应当提请行政复议委员会提出咨询意见"
            "（《行政复议法》第五十二条）。"
        ),
    ),
    CaseAction(
        "expert",
        gettext_lazy("专家咨询"),
        forms.ExpertConsultationForm,
        _do_expert,
        icon="bi-mortarboard",
        available=lambda c, u: c.status in _COMMITTEE_STATUSES,
    ),
    # --- three tiers and the decision ---
    CaseAction(
        "draft",
        gettext_lazy("拟办意见"),
        forms.DraftForm,
        _do_draft,
        icon="bi-pen",
        style="primary",
        transition="draft",
        intro=gettext_lazy("三级办案：承办人提出拟处理意见，复议机构审核，重大疑难复杂案件提请委员会咨询。"),
    ),
    CaseAction(
        "review",
        gettext_lazy("复议机构审核意见"),
        forms.ReviewForm,
        _do_review,
        icon="bi-clipboard-check",
        style="primary",
        available=lambda c, u: c.status in (S.DRAFTED, S.PENDING_APPROVAL) and c.handler_id != u.pk,
        intro=gettext_lazy("复议机构对承办人的拟处理意见进行审核；承办人不能审核自己的意见。"),
    ),
    CaseAction(
        "reopen_trial",
        gettext_lazy("退回继续审理"),
        forms.ReasonForm,
        _do_reopen,
        icon="bi-arrow-counterclockwise",
        style="outline-secondary",
        transition="reopen_trial",
    ),
    CaseAction(
        "submit",
        gettext_lazy("报请审批"),
        forms.ConfirmForm,
        _do_submit,
        icon="bi-box-arrow-up",
        style="primary",
        transition="submit",
        intro=gettext_lazy("报请审批前须有承办人的拟处理意见，并经复议机构审核（三级办案）。"),
    ),
    CaseAction(
        "return_for_revision",
        gettext_lazy("退回修改"),
        forms.ReasonForm,
        _do_return,
        icon="bi-arrow-return-left",
        style="outline-secondary",
        perm=PERM_APPROVE,
        transition="return_for_revision",
    ),
    CaseAction(
        "decide",
        gettext_lazy("决定"),
        forms.DecideForm,
        _do_decide,
        icon="bi-award",
        style="success",
        transition="decide",
        intro=gettext_lazy(
            "行政复议决定经行政复议机关的负责人同意或者集体讨论通过后，以行政复议机关的名义作出（《行政复议法》第六十一条）。"
        ),
        document=DocumentKind.DECISION,
    ),
    CaseAction(
        "opinion_letter",
        gettext_lazy("行政复议意见书"),
        forms.OpinionLetterForm,
        _do_opinion_letter,
        icon="bi-envelope-paper",
        available=lambda c, u: c.status in (*TRIAL_STATUSES, *CONCLUDED_STATUSES),
        intro=gettext_lazy(
            "行政复议机关在办理行政复议案件过程中，发现被申请人或者其他下级行政机关的有关行政行为违法或者不当的，"
            "可以向其制发行政复议意见书；有关机关应当自收到之日起六十日内将纠正情况报送（《行政复议法》第七十六条）。"
        ),
        document=DocumentKind.OPINION_LETTER,
    ),
    CaseAction(
        "letter_receipt",
        gettext_lazy("意见书送达"),
        forms.LetterReceiptForm,
        _do_letter_receipt,
        icon="bi-mailbox",
        available=lambda c, u: any(x.received_on is None for x in _letters(c)),
    ),
    CaseAction(
        "letter_report",
        gettext_lazy("收到落实报告"),
        forms.LetterReportForm,
        _do_letter_report,
        icon="bi-file-earmark-text",
        available=lambda c, u: any(x.received_on and not x.report_received_on for x in _letters(c)),
    ),
    # --- closing ---
    CaseAction(
        "serve",
        gettext_lazy("记录送达"),
        forms.ServeForm,
        _do_serve,
        icon="bi-truck",
        available=lambda c, u: _decision(c) is not None and _decision(c).served_on is None,
        intro=gettext_lazy("行政复议决定书一经送达，即发生法律效力（《行政复议法》第七十五条第二款）。"),
    ),
    CaseAction(
        "close",
        gettext_lazy("结案"),
        forms.CloseForm,
        _do_close,
        icon="bi-folder-check",
        style="primary",
        transition="close",
    ),
    CaseAction(
        "archive",
        gettext_lazy("归档"),
        forms.ArchiveForm,
        _do_archive,
        icon="bi-archive",
        style="outline-secondary",
        transition="archive",
    ),
    # --- data ---
    CaseAction(
        "assign",
        gettext_lazy("变更承办人"),
        forms.AssignForm,
        _do_assign,
        icon="bi-person-gear",
        available=lambda c, u: c.status in _OPEN and c.status != S.RECEIVED,
    ),
    CaseAction(
        "update",
        gettext_lazy("修改案件信息"),
        forms.CaseUpdateForm,
        _do_update,
        icon="bi-pencil",
        available=lambda c, u: c.status in _OPEN,
    ),
)

ACTIONS_BY_SLUG: dict[str, CaseAction] = {a.slug: a for a in ACTIONS}


def action_available(action: CaseAction, case, user, *, transitions=None) -> bool:
    """Is `action` offered to `user` on `case` now? Transitions come from the transition table
    (`selectors.available_transitions`); the others need the permission and their own predicate."""
    if not user.has_perm(action.perm):
        return False
    if action.is_transition:
        names = {
            t.name
            for t in (transitions if transitions is not None else selectors.available_transitions(case, user))
        }
        if action.transition not in names:
            return False
        # services.opinion_draft: the draft is the handler's.
        return action.transition != "draft" or case.handler_id == user.pk
    return bool(action.available(case, user)) if action.available else True


def case_actions(case, user) -> tuple[list[CaseAction], list[CaseAction]]:
    """(status transitions, other actions) the user may take on the case now, in catalogue order."""
    transitions = selectors.available_transitions(case, user)
    if not transitions and not user.has_perm(PERM_CHANGE):
        return [], []
    offered = [a for a in ACTIONS if action_available(a, case, user, transitions=transitions)]
    return [a for a in offered if a.is_transition], [a for a in offered if not a.is_transition]


def action_context(action: CaseAction, case) -> dict:
    """What an action's form needs to narrow its choices (people of the body, approvers, outcomes)."""
    ctx: dict = {}
    if action.slug in ("start_review", "assign"):
        ctx["handlers"] = selectors.handlers(body=case.org_unit)
    if action.slug == "hearing_schedule":
        ctx["staff"] = body_staff(case.org_unit)
    if action.slug in ("extend", "convert", "decide"):
        ctx["approvers"] = selectors.approvers(case)
    if action.slug == "decide":
        ctx["signers"] = selectors.signers(case)
        ctx["allowed_outcomes"] = selectors.allowed_outcomes(case)
        ctx["blockers"] = selectors.decision_blockers(case)
        ctx["latest_draft"] = (
            case.opinions.filter(tier=OpinionTier.HANDLER).order_by("-created_at", "-id").first()
        )
    if action.slug == "accept":
        ctx["simple_grounds"] = selectors.simple_procedure_grounds(case)
    return ctx


def body_staff(body) -> list:
    """Staff who may sit on a hearing panel or the committee of `body`: active users of a justice
    bureau (where the 复议机构 sits) whose jurisdiction covers the body — the body's own bureau first."""
    from accounts.choices import Role, UnitKind
    from accounts.jurisdiction import unit_in_jurisdiction
    from accounts.models import User

    people = (
        User.objects.filter(is_active=True, unit__kind=UnitKind.JUSTICE)
        .exclude(groups__name__in=[Role.SYSTEM_ADMIN.value, Role.AUDIT_ADMIN.value])
        .select_related("unit__parent")
        .order_by("unit__depth", "username")
        .distinct()
    )
    mine = [u for u in people if unit_in_jurisdiction(u, body)]
    own = [u for u in mine if u.unit.path.startswith(body.path)]
    return own + [u for u in mine if u not in own]


def transition_basis(action: CaseAction) -> str:
    if action.transition:
        return str(TRANSITIONS_BY_NAME[action.transition].basis)
    return ""


# =====================================================================================================
# Queues of the list page
# =====================================================================================================


@dataclass(frozen=True)
class Queue:
    key: str
    label: str | Promise
    icon: str
    empty: str | Promise


QUEUES: tuple[Queue, ...] = (
    Queue("all", gettext_lazy("全部案件"), "bi-list-ul", gettext_lazy("没有符合条件的案件。")),
    Queue("mine", gettext_lazy("我的案件"), "bi-person-workspace", gettext_lazy("您没有在办的案件。")),
    Queue("review", gettext_lazy("待受理审查"), "bi-inbox", gettext_lazy("没有待受理审查的申请。")),
    Queue(
        "soon", gettext_lazy("即将到期"), "bi-hourglass-split", gettext_lazy("没有3个工作日内到期的案件。")
    ),
    Queue("overdue", gettext_lazy("已超期"), "bi-exclamation-octagon", gettext_lazy("没有超期的案件。")),
    Queue("approval", gettext_lazy("待我审批"), "bi-pen", gettext_lazy("没有待您审批的案件。")),
)
QUEUES_BY_KEY = {q.key: q for q in QUEUES}
COUNT_KEYS = {
    "mine": "mine",
    "review": "pending_review",
    "soon": "due_soon",
    "overdue": "overdue",
    "approval": "pending_approval",
}


def _claimants_prefetch():
    from disputes.choices import PartyRole
    from disputes.models import Party

    return Prefetch(
        "dispute__parties",
        queryset=Party.objects.filter(role=PartyRole.CLAIMANT).order_by("id"),
        to_attr="claimants",
    )


def queue_rows(*, user, queue: str, filters: dict, today: date | None = None):
    """The rows of one queue tab, filtered like the full list: a queryset, or (待受理审查) a list
    with `countdown_due` and `workdays_left` on each case."""
    number = filters.pop("number", "")
    base = selectors.case_list(user=user, filters=filters)
    if number:
        base = base.filter(number__icontains=number)
    filtered = bool(filters) or bool(number)
    if queue == "review":
        rows = selectors.pending_review(user=user, today=today)
        if filtered:
            keep = set(base.values_list("pk", flat=True))
            rows = [c for c in rows if c.pk in keep]
        _attach_claimants(rows)
        return rows
    if queue == "mine":
        qs = selectors.my_cases(user=user)
    elif queue == "soon":
        qs = selectors.due_soon(user=user, today=today)
    elif queue == "overdue":
        qs = selectors.overdue(user=user, today=today)
    elif queue == "approval":
        qs = selectors.pending_my_approval(user=user)
    else:
        qs = base
    if queue != "all" and filtered:
        qs = qs.filter(pk__in=base.values("pk"))
    return qs.select_related("decision").prefetch_related(_claimants_prefetch())


def _attach_claimants(rows: list) -> None:
    from disputes.choices import PartyRole
    from disputes.models import Party

    by_dispute: dict[int, list] = {}
    for party in Party.objects.filter(
        dispute_id__in={c.dispute_id for c in rows}, role=PartyRole.CLAIMANT
    ).order_by("id"):
        by_dispute.setdefault(party.dispute_id, []).append(party)
    for case in rows:
        case.dispute.claimants = by_dispute.get(case.dispute_id, [])


def decorate_rows(rows, today: date | None = None) -> list:
    """Row class and countdown for the list: overdue / soon by the next running clock."""
    from deadlines.calendar import add_workdays
    from deadlines.rules import get_rule

    today = today or timezone.localdate()
    limit = add_workdays(today, selectors.SOON_WORKDAYS)
    out = []
    for case in rows:
        due = getattr(case, "countdown_due", None) or getattr(case, "next_due_on", None)
        rule = getattr(case, "next_due_rule", None)
        case.next_rule_label = get_rule(rule).label if rule else ""
        case.row_class = ""
        left = getattr(case, "workdays_left", None)
        case.workdays_overdue = -left if left is not None and left < 0 else 0
        if due is not None and case.status not in CONCLUDED_STATUSES:
            if due < today:
                case.row_class = "row-overdue"
            elif due <= limit:
                case.row_class = "row-soon"
        out.append(case)
    return out


def case_content_type():
    from .models import ReconsiderationCase

    return ContentType.objects.get_for_model(ReconsiderationCase)


# =====================================================================================================
# Statistics period
# =====================================================================================================


@dataclass
class Period:
    start: date
    end: date
    body: object = None
    include_lower: bool = False
    errors: list = field(default_factory=list)


def statistics_period(form) -> Period:
    """The period of the statistics page: the form's, defaulting to this calendar year to date."""
    today = timezone.localdate()
    start, end, body, lower = date(today.year, 1, 1), today, None, False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        start = data.get("start") or start
        end = data.get("end") or end
        body = data.get("body")
        lower = bool(data.get("include_lower"))
    return Period(start=start, end=end, body=body, include_lower=lower)
