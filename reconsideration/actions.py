"""The action catalogue of the case page: for each slug, its form, the one service it calls, when the
page offers it, the help text citing the law and the document to offer afterwards.

No rule is decided here. A status transition is offered when the transition table allows it to the
user now (`selectors.available_transitions`, from `choices.TRANSITIONS`); a step that does not change
the status is offered when the service's own gate (`services.<step>_refusal`, the pure checks the
service raises on) has nothing against it. Whatever the page offers, the service checks again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import forms, selectors, services
from .choices import (
    PERM_APPROVE,
    PERM_CHANGE,
    TRANSITIONS_BY_NAME,
    ApprovalKind,
    ApprovalStatus,
    DecisionOutcome,
    DocumentKind,
)


@dataclass(frozen=True)
class CaseAction:
    """One thing an officer can do on the case page: a small form posting to one service."""

    slug: str
    label: str | Promise
    form_class: type
    service: str = ""  # the function of `reconsideration.services` (a transition's: from the table)
    success: str | Promise | Callable = ""  # the message after success (or a function of the result)
    on_case: bool = True  # the service takes `case=` (not: it acts on a record the form names)
    icon: str = "bi-pencil-square"
    style: str = "outline-primary"
    perm: str = PERM_CHANGE
    transition: str | None = None  # the TRANSITIONS entry that offers it, if it changes the status
    gate: Callable | None = None  # (case, user) -> the refusal ("" when the step may be taken)
    unless: str = ""  # not offered while this transition is (it does the same, with the status change)
    intro: str | Promise = ""  # shown above the form: what the law asks
    document: str = ""  # the document kind to offer after success
    context: Callable | None = None  # (case) -> what the form needs to narrow its choices
    template: str = "reconsideration/action.html"

    @property
    def is_transition(self) -> bool:
        return self.transition is not None

    @property
    def basis(self) -> str:
        """The article the transition records (the table's)."""
        return str(TRANSITIONS_BY_NAME[self.transition].basis) if self.transition else ""

    def service_function(self) -> Callable:
        name = self.service or TRANSITIONS_BY_NAME[self.transition].service
        return getattr(services, name)

    def perform(self, form, case, user) -> str:
        """Call the one service with the form's values; return the success message."""
        kwargs = form.service_kwargs()
        if self.on_case:
            kwargs["case"] = case
        result = self.service_function()(actor=user, **kwargs)
        return self.success(result) if callable(self.success) else str(self.success)


# --- gates that read several records ----------------------------------------------------------------


def _delay_reason_gate(case, user) -> str:
    # Offered only for a late application (复议法第二十条第二款); the service accepts it before acceptance.
    return services.delay_reason_refusal(case) or ("" if case.is_late else _("申请未超过申请期限。"))


def _mediation_gate(case, user) -> str:
    return services.mediation_status_refusal(case) or services.mediation_refusal(case)


def _hearing_record_gate(case, user) -> str:
    refusals = [services.hearing_record_refusal(h) for h in case.hearings.all()]
    return "" if "" in refusals else _("没有待记录的听证。")


def _letter_gate(refusal: Callable) -> Callable:
    def gate(case, user) -> str:
        refusals = [refusal(letter) for letter in case.opinion_letters.all()]
        return "" if "" in refusals else _("没有待记录的意见书。")

    return gate


def _serve_gate(case, user) -> str:
    decision = getattr(case, "decision", None) if _has_decision(case) else None
    if decision is None:
        return _("本案尚无决定，无需送达。")
    return _("已记录送达。") if decision.served_on else ""


def _has_decision(case) -> bool:
    try:
        return case.decision is not None
    except case._meta.get_field("decision").related_model.DoesNotExist:
        return False


def _extended(clock) -> str:
    return _("已延长审理期限，复议决定期限至 %(due)s。") % {"due": f"{clock.due_date:%Y-%m-%d}"}


# --- what the forms need ----------------------------------------------------------------------------


def _handlers(case) -> dict:
    return {"handlers": selectors.handlers(body=case.org_unit)}


def _submit_context(case) -> dict:
    return {
        "allowed_outcomes": selectors.allowed_outcomes(case),
        "blockers": selectors.decision_blockers(case),
        "latest_draft": selectors.latest_draft(case),
        "recommendations": [
            f"{tier}：{DecisionOutcome(outcome).label}" for tier, outcome in services.recommendations(case)
        ],
    }


def _request_context(kind: str) -> Callable:
    def context(case) -> dict:
        ctx = {"request": selectors.pending_request(case, kind)}
        if kind == ApprovalKind.DECISION:
            ctx["blockers"] = selectors.decision_blockers(case)
        return ctx

    return context


# --- four eyes: who may approve (docs/workflow.md "Four eyes") -------------------------------------


def _pending(case, kind: str):
    """The case's pending request of `kind` (from the prefetched `approval_requests`)."""
    return next(
        (r for r in case.approval_requests.all() if r.kind == kind and r.status == ApprovalStatus.PENDING),
        None,
    )


def _head_gate(case, user) -> str:
    if not services.can_approve(user, case):
        return _("只有本行政复议机关的行政复议机构负责人才能办理。")
    return ""


def _approver_gate(kind: str) -> Callable:
    def gate(case, user) -> str:
        request = _pending(case, kind)
        if request is None:
            return _("本案没有待审批的%(kind)s。") % {"kind": ApprovalKind(kind).label}
        if request.submitted_by_id == user.pk:
            return _("报请人不能审批自己报请的事项（双人审核）。")
        return _head_gate(case, user)

    return gate


def _extend_gate(case, user) -> str:
    if _pending(case, ApprovalKind.EXTENSION) is not None:
        return _("已报请延期，等待行政复议机构负责人审批。")
    return services.extend_refusal(case)


ACTIONS: tuple[CaseAction, ...] = (
    # --- intake ---
    CaseAction(
        "start_review",
        gettext_lazy("指定承办人并开始审查"),
        forms.StartReviewForm,
        success=gettext_lazy("已指定承办人并开始受理审查。"),
        icon="bi-person-check",
        style="primary",
        transition="start_review",
        intro=gettext_lazy(
            "受理审查期限自收到申请之日起计算，为5个工作日（《行政复议法》第三十条、第八十八条）。"
        ),
        context=_handlers,
    ),
    CaseAction(
        "request_correction",
        gettext_lazy("要求补正"),
        forms.RequestCorrectionForm,
        success=gettext_lazy("已通知补正，受理审查期限自收到补正材料之日起重新计算。"),
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
        service="case_record_correction_notice_receipt",
        success=gettext_lazy("已记录申请人收到补正通知，补正期限开始计算。"),
        icon="bi-mailbox",
        gate=lambda c, u: services.correction_receipt_refusal(c),
        intro=gettext_lazy(
            "申请人的10个工作日补正期限自收到补正通知之日起计算（《行政复议法》第三十一条第二款）。"
        ),
    ),
    CaseAction(
        "receive_correction",
        gettext_lazy("补正材料收到"),
        forms.ReceiveCorrectionForm,
        success=gettext_lazy("已收到补正材料，重新开始受理审查。"),
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
        service="case_record_delay_reason",
        success=gettext_lazy("已记录耽误申请期限的理由。"),
        icon="bi-hourglass",
        gate=_delay_reason_gate,
        intro=gettext_lazy(
            "因不可抗力或者其他正当理由耽误法定申请期限的，申请期限自障碍消除之日起继续计算（《行政复议法》第二十条第二款）。"
        ),
    ),
    CaseAction(
        "extend_correction",
        gettext_lazy("延长补正期限"),
        forms.ExtendCorrectionForm,
        service="case_extend_correction",
        success=gettext_lazy("已延长补正期限。"),
        icon="bi-calendar-plus",
        gate=lambda c, u: services.extend_correction_refusal(c),
        intro=gettext_lazy(
            "有正当理由不能按期补正的，行政复议机关可以延长合理的补正期限（《行政复议法》第三十一条第二款）；"
            "本系统规则：累计不超过十个工作日，由行政复议机构负责人在本人账号中于期限届满前批准。"
        ),
        perm=PERM_APPROVE,
    ),
    CaseAction(
        "accept",
        gettext_lazy("受理"),
        forms.AcceptForm,
        success=gettext_lazy("已受理。"),
        icon="bi-check2-circle",
        style="success",
        transition="accept",
        intro=gettext_lazy(
            "符合受理条件的，应当予以受理（《行政复议法》第三十条）；适用简易程序须符合第五十三条规定的情形。"
        ),
        context=lambda case: {"simple_grounds": selectors.simple_procedure_grounds(case)},
        document=DocumentKind.ACCEPTANCE_NOTICE,
    ),
    CaseAction(
        "reject",
        gettext_lazy("不予受理"),
        forms.RejectForm,
        success=gettext_lazy("已决定不予受理。"),
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
        success=gettext_lazy("已发送申请书副本，案件进入审理。"),
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
        service="case_record_copy_receipt",
        success=gettext_lazy("已记录被申请人收到副本，答复期限开始计算。"),
        icon="bi-mailbox",
        gate=lambda c, u: services.copy_receipt_refusal(c),
    ),
    CaseAction(
        "reply",
        gettext_lazy("收到答复"),
        forms.ReplyForm,
        service="case_receive_reply",
        success=gettext_lazy("已记录被申请人的答复。"),
        icon="bi-reply",
        gate=lambda c, u: services.reply_refusal(c),
        intro=gettext_lazy(
            "被申请人应当自收到申请书副本之日起十日内（简易程序五日内）提出书面答复，并提交作出行政行为的证据、依据；"
            "逾期未答复或者未提交证据的，视为该行政行为没有证据、依据（《行政复议法》第四十八条、第五十四条、第七十条）。"
        ),
    ),
    CaseAction(
        "hear_parties",
        gettext_lazy("听取意见"),
        forms.HearPartiesForm,
        service="case_hear_parties",
        success=gettext_lazy("已记录听取当事人意见。"),
        icon="bi-telephone",
        gate=lambda c, u: services.hear_parties_refusal(c),
        intro=gettext_lazy(
            "适用普通程序审理的案件，应当当面或者通过互联网、电话等方式听取当事人的意见，并将听取的意见记录在案；"
            "因当事人原因不能听取意见的，可以书面审理（《行政复议法》第四十九条）。"
        ),
    ),
    CaseAction(
        "stay_execution",
        gettext_lazy("停止执行"),
        forms.StayExecutionForm,
        service="case_stay_execution",
        success=gettext_lazy("已记录停止执行决定。"),
        icon="bi-sign-stop",
        gate=lambda c, u: services.stay_execution_refusal(c),
        intro=gettext_lazy(
            "行政复议期间行政行为不停止执行；被申请人或者行政复议机关认为需要停止执行，申请人、第三人申请停止执行"
            "且要求合理，或者法律、法规、规章规定停止执行的，应当停止执行（《行政复议法》第四十二条）。"
        ),
    ),
    # --- trial ---
    CaseAction(
        "convert",
        gettext_lazy("转为普通程序"),
        forms.ConvertForm,
        service="case_convert_to_ordinary",
        success=gettext_lazy("已转为普通程序。"),
        icon="bi-arrow-left-right",
        perm=PERM_APPROVE,
        gate=lambda c, u: services.convert_refusal(c) or _head_gate(c, u),
        intro=gettext_lazy(
            "适用简易程序审理的案件，经行政复议机构的负责人批准，可以转为普通程序审理（《行政复议法》第五十五条）。"
            "由行政复议机构负责人本人办理。"
        ),
    ),
    CaseAction(
        "suspend",
        gettext_lazy("中止"),
        forms.SuspendForm,
        success=gettext_lazy("已中止审理，复议决定期限停止计算。"),
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
        success=gettext_lazy("已恢复审理，复议决定期限按中止的时间顺延。"),
        icon="bi-play-circle",
        style="primary",
        transition="resume",
        intro=gettext_lazy("恢复审理后，复议决定期限按中止的时间顺延（《行政复议法》第三十九条第二款）。"),
        document=DocumentKind.RESUMPTION_NOTICE,
    ),
    CaseAction(
        "extend",
        gettext_lazy("报请延期"),
        forms.ExtendForm,
        service="case_request_extension",
        success=gettext_lazy("已报请延期，待行政复议机构负责人审批。"),
        icon="bi-calendar-plus",
        gate=_extend_gate,
        intro=gettext_lazy(
            "情况复杂，不能在规定期限内作出行政复议决定的，经行政复议机构的负责人批准，可以适当延长，"
            "并书面告知当事人；但是延长期限最多不得超过三十日（《行政复议法》第六十二条第一款）。"
            "报请后由行政复议机构负责人在本人账号中审批，批准后方延长期限。"
        ),
    ),
    CaseAction(
        "approve_extension",
        gettext_lazy("批准延期"),
        forms.ConfirmForm,
        service="case_approve_extension",
        success=_extended,
        icon="bi-calendar-check",
        style="success",
        perm=PERM_APPROVE,
        gate=_approver_gate(ApprovalKind.EXTENSION),
        intro=gettext_lazy(
            "经行政复议机构的负责人批准，可以适当延长审理期限，延长期限最多不得超过三十日（《行政复议法》第六十二条第一款）。"
        ),
        context=_request_context(ApprovalKind.EXTENSION),
        document=DocumentKind.EXTENSION_NOTICE,
    ),
    CaseAction(
        "return_extension",
        gettext_lazy("退回延期申请"),
        forms.ReasonForm,
        service="case_return_extension",
        success=gettext_lazy("已退回延期申请。"),
        icon="bi-arrow-return-left",
        style="outline-secondary",
        perm=PERM_APPROVE,
        gate=_approver_gate(ApprovalKind.EXTENSION),
        context=_request_context(ApprovalKind.EXTENSION),
    ),
    CaseAction(
        "mediation_status",
        gettext_lazy("记录调解情况"),
        forms.MediationStatusForm,
        service="case_set_mediation",
        success=gettext_lazy("已记录调解情况。"),
        icon="bi-people",
        gate=_mediation_gate,
        intro=gettext_lazy(
            "能调尽调：作出决定前应当先行调解；未调解的，记录未调解的理由（《行政复议法》第五条）。"
        ),
    ),
    CaseAction(
        "review_record",
        gettext_lazy("记录答复要点和查明事实"),
        forms.ReviewRecordForm,
        service="case_record_review",
        success=gettext_lazy("已记录，将写入行政复议决定书。"),
        icon="bi-journal-text",
        gate=lambda c, u: services.review_record_refusal(c),
        intro=gettext_lazy(
            "行政复议决定书载明被申请人称、第三人称和经审理查明的事实（《行政复议法》第七十五条）；"
            "未填写的，决定书按案件记录写明答复情况和被申请行为。"
        ),
    ),
    CaseAction(
        "mediation_session",
        gettext_lazy("调解"),
        forms.MediationSessionForm,
        service="mediation_session_record",
        success=gettext_lazy("已记录调解。"),
        icon="bi-people-fill",
        gate=lambda c, u: services.mediation_refusal(c),
        intro=gettext_lazy("行政复议机关办理行政复议案件，可以进行调解（《行政复议法》第五条）。"),
    ),
    CaseAction(
        "mediate",
        gettext_lazy("调解结案"),
        forms.MediateForm,
        success=gettext_lazy("已制作行政复议调解书，案件调解结案。"),
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
        success=gettext_lazy("已决定终止行政复议。"),
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
        service="hearing_schedule",
        success=gettext_lazy("已安排听证。"),
        icon="bi-mic",
        gate=lambda c, u: services.hearing_refusal(c),
        intro=gettext_lazy(
            "听证由一名行政复议人员任主持人，两名以上行政复议人员任听证员，一名记录员制作听证笔录；"
            "应当于举行听证的五日前将听证的时间、地点和拟听证事项书面通知当事人（《行政复议法》第五十条、第五十一条）。"
        ),
        context=lambda case: {"staff": selectors.body_staff(case.org_unit)},
        document=DocumentKind.HEARING_NOTICE,
    ),
    CaseAction(
        "hearing_record",
        gettext_lazy("记录听证情况"),
        forms.HearingRecordForm,
        service="hearing_record",
        success=gettext_lazy("已记录听证情况。"),
        on_case=False,
        icon="bi-journal-text",
        gate=_hearing_record_gate,
        intro=gettext_lazy(
            "被申请人的负责人应当参加听证；不能参加的，应当说明理由并委托相应的工作人员参加（《行政复议法》第五十一条第三款）。"
            "听证笔录请在案件附件中上传。"
        ),
    ),
    CaseAction(
        "committee",
        gettext_lazy("提交委员会"),
        forms.CommitteeConsultForm,
        service="committee_consult",
        success=gettext_lazy("已记录复议委员会咨询意见。"),
        icon="bi-diagram-3",
        gate=lambda c, u: services.committee_refusal(c),
        intro=gettext_lazy(
            "案情重大、疑难、复杂或者专业性、技术性较强的，行政复议机构应当提请行政复议委员会提出咨询意见"
            "（《行政复议法》第五十二条）。"
        ),
    ),
    CaseAction(
        "expert",
        gettext_lazy("专家咨询"),
        forms.ExpertConsultationForm,
        service="expert_consultation_record",
        success=gettext_lazy("已记录专家咨询意见。"),
        icon="bi-mortarboard",
        gate=lambda c, u: services.committee_refusal(c),
    ),
    # --- three tiers and the decision ---
    CaseAction(
        "draft",
        gettext_lazy("拟办意见"),
        forms.DraftForm,
        success=gettext_lazy("已提出拟处理意见。"),
        icon="bi-pen",
        style="primary",
        transition="draft",
        gate=lambda c, u: services.draft_refusal(c, u),
        intro=gettext_lazy("三级办案：承办人提出拟处理意见，复议机构审核，重大疑难复杂案件提请委员会咨询。"),
    ),
    CaseAction(
        "review",
        gettext_lazy("复议机构审核意见"),
        forms.ReviewForm,
        service="opinion_review",
        success=gettext_lazy("已提出审核意见。"),
        icon="bi-clipboard-check",
        style="primary",
        perm=PERM_APPROVE,
        gate=lambda c, u: services.review_refusal(c, u) or _head_gate(c, u),
        intro=gettext_lazy(
            "复议机构负责人对承办人的拟处理意见进行审核；承办人不能审核自己的意见（双人审核）。"
        ),
    ),
    CaseAction(
        "reopen_trial",
        gettext_lazy("退回继续审理"),
        forms.ReasonForm,
        success=gettext_lazy("已退回继续审理。"),
        icon="bi-arrow-counterclockwise",
        style="outline-secondary",
        transition="reopen_trial",
    ),
    CaseAction(
        "submit",
        gettext_lazy("报请审批"),
        forms.SubmitForm,
        success=gettext_lazy("已报请审批，待行政复议机构负责人批准后决定生效。"),
        icon="bi-box-arrow-up",
        style="primary",
        transition="submit",
        intro=gettext_lazy(
            "报请审批前须有承办人的拟处理意见，并经复议机构审核（三级办案）。拟作出的决定与各层级建议不一致的，"
            "须说明理由。行政复议机构负责人批准后，决定方生效（《行政复议法》第六十一条）。"
        ),
        context=_submit_context,
    ),
    CaseAction(
        "return_for_revision",
        gettext_lazy("退回修改"),
        forms.ReasonForm,
        success=gettext_lazy("已退回修改。"),
        icon="bi-arrow-return-left",
        style="outline-secondary",
        perm=PERM_APPROVE,
        transition="return_for_revision",
        gate=_approver_gate(ApprovalKind.DECISION),
        context=_request_context(ApprovalKind.DECISION),
    ),
    CaseAction(
        "decide",
        gettext_lazy("批准决定"),
        forms.ApproveDecisionForm,
        success=gettext_lazy("已批准，行政复议决定生效。"),
        icon="bi-award",
        style="success",
        perm=PERM_APPROVE,
        transition="decide",
        gate=_approver_gate(ApprovalKind.DECISION),
        intro=gettext_lazy(
            "行政复议决定经行政复议机关的负责人同意或者集体讨论通过后，以行政复议机关的名义作出（《行政复议法》第六十一条）。"
            "批准人即本人；未获本机关签发授权的，须填写集体讨论的日期和参加人员。"
        ),
        context=_request_context(ApprovalKind.DECISION),
        document=DocumentKind.DECISION,
    ),
    CaseAction(
        "opinion_letter",
        gettext_lazy("行政复议意见书"),
        forms.OpinionLetterForm,
        service="opinion_letter_issue",
        success=gettext_lazy("已制发行政复议意见书。"),
        icon="bi-envelope-paper",
        gate=lambda c, u: services.opinion_letter_refusal(c),
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
        service="opinion_letter_record_receipt",
        success=gettext_lazy("已记录受文机关收到意见书，60日落实报送期限开始计算。"),
        on_case=False,
        icon="bi-mailbox",
        gate=_letter_gate(services.letter_receipt_refusal),
    ),
    CaseAction(
        "letter_report",
        gettext_lazy("收到落实报告"),
        forms.LetterReportForm,
        service="opinion_letter_record_report",
        success=gettext_lazy("已记录落实情况报告。"),
        on_case=False,
        icon="bi-file-earmark-text",
        gate=_letter_gate(services.letter_report_refusal),
    ),
    # --- closing ---
    CaseAction(
        "serve",
        gettext_lazy("记录送达"),
        forms.ServeForm,
        service="case_record_service",
        success=gettext_lazy("已记录送达。"),
        icon="bi-truck",
        gate=_serve_gate,
        intro=gettext_lazy("行政复议决定书一经送达，即发生法律效力（《行政复议法》第七十五条第二款）。"),
    ),
    CaseAction(
        "close",
        gettext_lazy("结案"),
        forms.CloseForm,
        success=gettext_lazy("已结案。"),
        icon="bi-folder-check",
        style="primary",
        transition="close",
    ),
    CaseAction(
        "archive",
        gettext_lazy("归档"),
        forms.ArchiveForm,
        success=gettext_lazy("已归档。"),
        icon="bi-archive",
        style="outline-secondary",
        transition="archive",
    ),
    # --- data ---
    CaseAction(
        "assign",
        gettext_lazy("变更承办人"),
        forms.AssignForm,
        service="case_assign_handler",
        success=gettext_lazy("已指定承办人。"),
        icon="bi-person-gear",
        gate=lambda c, u: services.edit_refusal(c),
        unless="start_review",
        context=_handlers,
    ),
    CaseAction(
        "update",
        gettext_lazy("修改案件信息"),
        forms.CaseUpdateForm,
        service="case_update",
        success=gettext_lazy("案件信息已保存。"),
        icon="bi-pencil",
        gate=lambda c, u: services.edit_refusal(c),
    ),
)


ACTIONS_BY_SLUG: dict[str, CaseAction] = {a.slug: a for a in ACTIONS}


def refusal(action: CaseAction, case, user, *, transitions=None) -> str | None:
    """Why `action` is not offered to `user` on `case` now: None when it is, "" when the status (or
    the user's permission) does not allow it, else the service's own refusal."""
    if not user.has_perm(action.perm):
        return ""
    if transitions is None:
        transitions = selectors.available_transitions(case, user)
    offered = {t.name for t in transitions}
    if action.is_transition and action.transition not in offered:
        return ""
    if action.unless and action.unless in offered:
        return ""
    why = action.gate(case, user) if action.gate else ""
    return str(why) if why else None


def case_actions(case, user) -> tuple[list[CaseAction], list[CaseAction]]:
    """(status transitions, other actions) the user may take on the case now, in catalogue order."""
    transitions = selectors.available_transitions(case, user)
    if not transitions and not user.has_perm(PERM_CHANGE):
        return [], []
    offered = [a for a in ACTIONS if refusal(a, case, user, transitions=transitions) is None]
    return [a for a in offered if a.is_transition], [a for a in offered if not a.is_transition]


def action_context(action: CaseAction, case) -> dict:
    """What the action's form needs to narrow its choices (people of the body, approvers, outcomes)."""
    return action.context(case) if action.context else {}
