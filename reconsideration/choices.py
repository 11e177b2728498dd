"""Statuses, enumerations and the transition table of administrative reconsideration (行政复议).

Article numbers are those of the 行政复议法 (2023 revision, in force 2024-01-01).

The transition table (`TRANSITIONS`, wrapped as `WORKFLOW`, a `core.workflow.Workflow`) is the one
declaration of the case's workflow: the model's django-fsm-2 transitions are generated from it, the
services' guard and event log read it (sources, permission, legal basis, event kind), the pages offer
`WORKFLOW.available(case, user)`, and each entry names the one service function that performs it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.workflow import Transition, Workflow

#: The statute, as cited in the legal basis of every event and refusal.
LAW = "《中华人民共和国行政复议法》"
LAW_SHORT = "《行政复议法》"

# ---------------------------------------------------------------------------------------------------
# Permissions
# ---------------------------------------------------------------------------------------------------

PERM_VIEW = "reconsideration.view_reconsiderationcase"
PERM_ADD = "reconsideration.add_reconsiderationcase"
PERM_CHANGE = "reconsideration.change_reconsiderationcase"
#: 复议机构负责人: sign decisions (Art 61), approve extensions (Art 62) and conversions (Art 55).
PERM_APPROVE = "reconsideration.approve_reconsiderationcase"


# ---------------------------------------------------------------------------------------------------
# Case status
# ---------------------------------------------------------------------------------------------------


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("收件")
    UNDER_REVIEW = "under_review", _("受理审查中")
    AWAITING_CORRECTION = "awaiting_correction", _("补正中")
    ACCEPTED = "accepted", _("已受理")
    REJECTED = "rejected", _("不予受理")
    ABANDONED = "abandoned", _("视为放弃")
    IN_TRIAL = "in_trial", _("审理中")
    SUSPENDED = "suspended", _("中止")
    DRAFTED = "drafted", _("拟决定")
    PENDING_APPROVAL = "pending_approval", _("待审批")
    DECIDED = "decided", _("已决定")
    MEDIATED = "mediated", _("调解结案")
    TERMINATED = "terminated", _("终止")
    CLOSED = "closed", _("结案")
    ARCHIVED = "archived", _("归档")


S = CaseStatus

#: Before the acceptance decision (the 5-working-day review of Art 30 runs or is paused by Art 31).
INTAKE_STATUSES = (S.RECEIVED, S.UNDER_REVIEW, S.AWAITING_CORRECTION)
#: Accepted and not yet concluded: the decision clock (Art 62) runs or is suspended (Art 39).
TRIAL_STATUSES = (S.ACCEPTED, S.IN_TRIAL, S.SUSPENDED, S.DRAFTED, S.PENDING_APPROVAL)
#: Still to be worked on (queues: 我的案件, 即将到期, 已超期).
ACTIVE_STATUSES = INTAKE_STATUSES + TRIAL_STATUSES
#: Concluded by a decision, a 调解书 or a termination (审结).
CONCLUDED_STATUSES = (S.DECIDED, S.MEDIATED, S.TERMINATED)
#: Ended without acceptance.
NOT_ACCEPTED_STATUSES = (S.REJECTED, S.ABANDONED)


# ---------------------------------------------------------------------------------------------------
# Intake
# ---------------------------------------------------------------------------------------------------


class IntakeChannel(models.TextChoices):
    """How the application reached the reconsideration body (复议法第二十二条、第三十二条)."""

    IN_PERSON = "in_person", _("当面递交")
    MAIL = "mail", _("邮寄")
    ONLINE = "online", _("网上申请")
    ORAL = "oral", _("口头申请（笔录）")
    FORWARDED = "forwarded", _("经作出处罚的机关转交")


class Procedure(models.TextChoices):
    """复议法第三十六条: ordinary or simplified procedure (第五十三条至第五十五条)."""

    ORDINARY = "ordinary", _("普通程序")
    SIMPLE = "simple", _("简易程序")


class SimpleGround(models.TextChoices):
    """复议法第五十三条: why the simplified procedure may be applied."""

    ON_THE_SPOT = "53-1-1", _("被申请复议的行政行为是当场作出（第五十三条第一款第一项）")
    WARNING = "53-1-2", _("被申请复议的行政行为是警告或者通报批评（第五十三条第一款第二项）")
    SMALL_AMOUNT = "53-1-3", _("案件涉及款额三千元以下（第五十三条第一款第三项）")
    INFO_DISCLOSURE = "53-1-4", _("属于政府信息公开案件（第五十三条第一款第四项）")
    CONSENT = "53-2", _("当事人各方同意适用简易程序（第五十三条第二款）")


#: 复议法第五十三条第一款第三项: "案件涉及款额三千元以下" (yuan).
SIMPLE_AMOUNT_LIMIT = 3000


# ---------------------------------------------------------------------------------------------------
# Suspension and termination
# ---------------------------------------------------------------------------------------------------


class SuspensionGround(models.TextChoices):
    """复议法第三十九条第一款: grounds for 行政复议中止, by item."""

    APPLICANT_DIED = "39-1", _("申请人死亡，其近亲属尚未确定是否参加行政复议（第三十九条第一款第一项）")
    APPLICANT_INCAPACITATED = (
        "39-2",
        _("申请人丧失参加行政复议的行为能力，尚未确定法定代理人（第三十九条第一款第二项）"),
    )
    APPLICANT_MISSING = "39-3", _("申请人下落不明（第三十九条第一款第三项）")
    APPLICANT_ORG_ENDED = (
        "39-4",
        _("作为申请人的法人或者其他组织终止，尚未确定权利义务承受人（第三十九条第一款第四项）"),
    )
    FORCE_MAJEURE = "39-5", _("因不可抗力或者其他正当理由不能参加行政复议（第三十九条第一款第五项）")
    MEDIATION = "39-6", _("进行调解、和解，申请人和被申请人同意中止（第三十九条第一款第六项）")
    INTERPRETATION = "39-7", _("法律适用问题需要有权机关作出解释或者确认（第三十九条第一款第七项）")
    OTHER_CASE = "39-8", _("需要以其他案件的审理结果为依据（第三十九条第一款第八项）")
    NORMATIVE_REVIEW = "39-9", _("对规范性文件或者依据进行审查处理（第三十九条第一款第九项）")
    OTHER = "39-10", _("需要中止行政复议的其他情形（第三十九条第一款第十项）")


#: 复议法第四十一条第一款第五项: suspended on these grounds for 60 days → terminate
#: (the `recon.suspension_limit` clock runs only for them).
LIMITED_SUSPENSION_GROUNDS = frozenset(
    {
        SuspensionGround.APPLICANT_DIED,
        SuspensionGround.APPLICANT_INCAPACITATED,
        SuspensionGround.APPLICANT_ORG_ENDED,
    }
)


class TerminationGround(models.TextChoices):
    """复议法第四十一条: grounds for 终止行政复议, by item."""

    WITHDRAWN = "41-1", _("申请人撤回行政复议申请，行政复议机构准予撤回（第四十一条第一项）")
    APPLICANT_DIED = "41-2", _("申请人死亡，没有近亲属或者其近亲属放弃行政复议权利（第四十一条第二项）")
    APPLICANT_ORG_ENDED = (
        "41-3",
        _(
            "作为申请人的法人或者其他组织终止，没有权利义务承受人或者承受人放弃行政复议权利（第四十一条第三项）"
        ),
    )
    CRIMINAL_MEASURES = "41-4", _("因同一违法行为涉嫌犯罪，申请人被采取刑事强制措施（第四十一条第四项）")
    SUSPENSION_EXPIRED = (
        "41-5",
        _("依第三十九条第一款第一、二、四项中止满六十日，中止原因仍未消除（第四十一条第五项）"),
    )


# ---------------------------------------------------------------------------------------------------
# Outcomes (复议法第六十三条至第七十四条) and the correction classification (docs/indicators.md)
# ---------------------------------------------------------------------------------------------------


class DecisionOutcome(models.TextChoices):
    """How the case ended, with the article that provides for it."""

    NOT_ACCEPTED = "not_accepted", _("不予受理（第三十条）")
    DISMISS_APPLICATION = "dismiss_application", _("驳回申请（第三十三条）")
    VARY = "vary", _("变更（第六十三条）")
    REVOKE = "revoke", _("撤销（第六十四条）")
    PARTIAL_REVOKE = "partial_revoke", _("部分撤销（第六十四条）")
    CONFIRM_ILLEGAL = "confirm_illegal", _("确认违法（第六十五条）")
    ORDER_PERFORM = "order_perform", _("责令履行（第六十六条）")
    CONFIRM_VOID = "confirm_void", _("确认无效（第六十七条）")
    UPHOLD = "uphold", _("维持（第六十八条）")
    DISMISS_REQUEST = "dismiss_request", _("驳回复议请求（第六十九条）")
    NO_EVIDENCE = "no_evidence", _("视为没有证据、依据（第七十条）")
    AGREEMENT = "agreement", _("行政协议责任（第七十一条）")
    COMPENSATION = "compensation", _("责令赔偿（第七十二条）")
    MEDIATION = "mediation", _("调解书结案（第七十三条）")
    TERMINATION = "termination", _("终止（第四十一条）")


OUT = DecisionOutcome

#: Outcomes `services.case_decide` may record (the others have their own services:
#: `case_reject` → 不予受理, `case_conclude_by_mediation` → 调解书, `case_terminate` → 终止).
DECISION_OUTCOMES = (
    OUT.DISMISS_APPLICATION,
    OUT.VARY,
    OUT.REVOKE,
    OUT.PARTIAL_REVOKE,
    OUT.CONFIRM_ILLEGAL,
    OUT.ORDER_PERFORM,
    OUT.CONFIRM_VOID,
    OUT.UPHOLD,
    OUT.DISMISS_REQUEST,
    OUT.NO_EVIDENCE,
    OUT.AGREEMENT,
    OUT.COMPENSATION,
)

#: 纠错: the decision itself corrects the act (直接纠错; docs/indicators.md).
DIRECTLY_CORRECTING_OUTCOMES = frozenset(
    {
        OUT.VARY,
        OUT.REVOKE,
        OUT.PARTIAL_REVOKE,
        OUT.CONFIRM_ILLEGAL,
        OUT.ORDER_PERFORM,
        OUT.CONFIRM_VOID,
        OUT.NO_EVIDENCE,
        OUT.AGREEMENT,
        OUT.COMPENSATION,
    }
)
#: Mediation or settlement in which the agency changed its act counts as indirect correction (间接纠错).
INDIRECT_CORRECTION_OUTCOMES = frozenset({OUT.MEDIATION, OUT.TERMINATION})

#: Outcomes after which the respondent may be ordered to act again (责令重新作出, 第六十四条第一款).
REDO_OUTCOMES = frozenset({OUT.REVOKE, OUT.PARTIAL_REVOKE, OUT.NO_EVIDENCE})


class NoEvidenceDisposition(models.TextChoices):
    """复议法第七十条: what the body decides when the respondent did not reply or produce evidence."""

    REVOKE = "revoke", _("撤销")
    PARTIAL_REVOKE = "partial_revoke", _("部分撤销")
    CONFIRM_ILLEGAL = "confirm_illegal", _("确认违法")
    CONFIRM_VOID = "confirm_void", _("确认无效")
    ORDER_PERFORM = "order_perform", _("责令履行")


class Compensation(models.TextChoices):
    """复议法第七十二条: what the decision says about compensation.

    第一款: a request made with the application is answered in the decision — compensation ordered only
    with 撤销、部分撤销、变更、确认违法、确认无效; otherwise the request is dismissed (驳回).
    第二款: without a request, revoking or varying a fine, confiscation, levy, expropriation or a
    seizure / freeze of property orders the property returned (or its value paid)."""

    ORDERED = "ordered", _("同时决定被申请人依法给予赔偿（第七十二条第一款）")
    DISMISSED = "dismissed", _("同时决定驳回行政赔偿请求（第七十二条第一款）")
    RETURNED = "returned", _("同时责令返还财产、解除查封扣押冻结或者赔偿相应价款（第七十二条第二款）")


#: 复议法第七十二条第一款: the outcomes with which compensation may be ordered (for 第七十条 the
#: disposition counts: 撤销、部分撤销、确认违法、确认无效).
COMPENSABLE_OUTCOMES = frozenset(
    {OUT.REVOKE, OUT.PARTIAL_REVOKE, OUT.VARY, OUT.CONFIRM_ILLEGAL, OUT.CONFIRM_VOID}
)
#: 复议法第七十二条第二款: "撤销或者部分撤销、变更" — the outcomes that return property.
PROPERTY_RETURN_OUTCOMES = frozenset({OUT.REVOKE, OUT.PARTIAL_REVOKE, OUT.VARY})


class StayGround(models.TextChoices):
    """复议法第四十二条: the act is not suspended during the case, except on these grounds."""

    RESPONDENT = "42-1", _("被申请人认为需要停止执行（第四十二条第一项）")
    BODY = "42-2", _("行政复议机关认为需要停止执行（第四十二条第二项）")
    APPLICATION = "42-3", _("申请人、第三人申请停止执行，行政复议机关认为其要求合理（第四十二条第三项）")
    OTHER_LAW = "42-4", _("法律、法规、规章规定停止执行的其他情形（第四十二条第四项）")


class HearingMethod(models.TextChoices):
    """复议法第四十九条: "当面或者通过互联网、电话等方式听取当事人的意见"."""

    IN_PERSON = "in_person", _("当面")
    ONLINE = "online", _("互联网")
    PHONE = "phone", _("电话")
    WRITTEN = "written", _("书面")


class CorrectionKind(models.TextChoices):
    """纠错 classification — computed from the outcome, never chosen (docs/indicators.md)."""

    DIRECT = "direct", _("直接纠错")
    INDIRECT = "indirect", _("间接纠错")
    NONE = "none", _("未纠错")


def correction_kind(outcome: str, *, agency_changed_act: bool = False) -> CorrectionKind:
    """The correction classification of an outcome (docs/law/reconsideration.md).

    Direct: 变更, 撤销, 部分撤销, 确认违法, 责令履行, 确认无效, 第七十条, 第七十一条, 第七十二条.
    Indirect: a 调解书 or a settlement-and-withdrawal (终止) in which the agency changed its act.
    """
    if outcome in DIRECTLY_CORRECTING_OUTCOMES:
        return CorrectionKind.DIRECT
    if outcome in INDIRECT_CORRECTION_OUTCOMES and agency_changed_act:
        return CorrectionKind.INDIRECT
    return CorrectionKind.NONE


# ---------------------------------------------------------------------------------------------------
# Three-tier handling, mediation, linkage
# ---------------------------------------------------------------------------------------------------


class OpinionTier(models.TextChoices):
    """三级办案模式: the handler drafts, the office reviews, the committee advises (Art 52)."""

    HANDLER = "handler", _("承办人意见")
    OFFICE = "office", _("复议机构审核意见")
    COMMITTEE = "committee", _("复议委员会咨询意见")


class MediationResult(models.TextChoices):
    AGREED = "agreed", _("达成调解协议")
    SETTLED = "settled", _("当事人自行和解")
    CONTINUING = "continuing", _("继续调解")
    FAILED = "failed", _("调解不成")


class LinkageKind(models.TextChoices):
    """府院联动: work with courts, procuratorates and the bar association."""

    JOINT_MEETING = "joint_meeting", _("联席会议")
    CASE_CONSULTATION = "case_consultation", _("案件会商")
    REFERRAL = "referral", _("诉调对接/移送")
    JOINT_DOCUMENT = "joint_document", _("联合发文")


class DocumentKind(models.TextChoices):
    """Numbered documents of a reconsideration body (numbers per body and year, `numbering.py`)."""

    CASE = "case", _("案号")
    ACCEPTANCE_NOTICE = "acceptance", _("受理通知书")
    CORRECTION_NOTICE = "correction", _("补正通知书")
    NOT_ACCEPTED = "not_accepted", _("不予受理决定书")
    REPLY_NOTICE = "reply_notice", _("提出答复通知书")
    HEARING_NOTICE = "hearing", _("听证通知书")
    EXTENSION_NOTICE = "extension", _("延期审理通知书")
    SUSPENSION_NOTICE = "suspension", _("中止审理通知书")
    RESUMPTION_NOTICE = "resumption", _("恢复审理通知书")
    DECISION = "decision", _("行政复议决定书")
    MEDIATION = "mediation", _("行政复议调解书")
    TERMINATION = "termination", _("终止行政复议决定书")
    OPINION_LETTER = "opinion_letter", _("行政复议意见书")


class ApprovalKind(models.TextChoices):
    """What a handler submits to the 复议机构负责人 (docs/workflow.md "Four eyes")."""

    DECISION = "decision", _("报请审批（复议决定）")
    EXTENSION = "extension", _("报请延期（延长审理期限）")


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    RETURNED = "returned", _("已退回")


# ---------------------------------------------------------------------------------------------------
# Case events (the case's timeline)
# ---------------------------------------------------------------------------------------------------


class EventKind(models.TextChoices):
    # transitions (same names as TRANSITIONS)
    REGISTER = "register", _("收到复议申请")
    START_REVIEW = "start_review", _("开始受理审查")
    REQUEST_CORRECTION = "request_correction", _("通知补正")
    RECEIVE_CORRECTION = "receive_correction", _("收到补正材料")
    DEEM_ABANDONED = "deem_abandoned", _("视为放弃")
    ACCEPT = "accept", _("受理")
    DEEM_ACCEPTED = "deem_accepted", _("视为受理")
    REJECT = "reject", _("不予受理")
    SEND_COPY = "send_copy", _("发送申请书副本")
    SUSPEND = "suspend", _("中止审理")
    RESUME = "resume", _("恢复审理")
    DRAFT = "draft", _("提出拟处理意见")
    REOPEN_TRIAL = "reopen_trial", _("退回继续审理")
    SUBMIT = "submit", _("报请审批")
    RETURN_FOR_REVISION = "return_for_revision", _("退回修改")
    DECIDE = "decide", _("作出复议决定")
    MEDIATE = "mediate", _("调解结案")
    TERMINATE = "terminate", _("终止行政复议")
    CLOSE = "close", _("结案")
    ARCHIVE = "archive", _("归档")
    # other events
    UPDATE = "update", _("修改案件信息")
    ASSIGN = "assign", _("指定承办人")
    DELAY_REASON = "delay_reason", _("记录耽误申请期限的正当理由")
    NOTICE_RECEIVED = "notice_received", _("申请人收到补正通知")
    COPY_RECEIVED = "copy_received", _("被申请人收到申请书副本")
    PARTIES_HEARD = "parties_heard", _("听取当事人意见")
    STAY_EXECUTION = "stay_execution", _("决定停止执行")
    REPLY_RECEIVED = "reply_received", _("收到被申请人答复")
    EXTEND = "extend", _("延长审理期限")
    CONVERT = "convert", _("简易程序转为普通程序")
    MEDIATION_STATUS = "mediation_status", _("记录调解情况")
    REVIEW_RECORD = "review_record", _("记录答复要点和查明事实")
    MEDIATION_SESSION = "mediation_session", _("调解")
    OPINION_REVIEW = "opinion_review", _("复议机构审核")
    HEARING_SCHEDULED = "hearing_scheduled", _("安排听证")
    HEARING_HELD = "hearing_held", _("举行听证")
    COMMITTEE_CONSULTED = "committee_consulted", _("复议委员会咨询")
    EXPERT_CONSULTED = "expert_consulted", _("专家咨询")
    SUSPENSION_LIMIT = "suspension_limit", _("中止满六十日")
    OPINION_LETTER = "opinion_letter", _("制发行政复议意见书")
    OPINION_LETTER_REPORT = "opinion_letter_report", _("收到意见书落实情况报告")
    SERVED = "served", _("送达")


# ---------------------------------------------------------------------------------------------------
# The transition table
# ---------------------------------------------------------------------------------------------------


T = Transition

TRANSITIONS: tuple[Transition, ...] = (
    T(
        "start_review",
        (S.RECEIVED,),
        S.UNDER_REVIEW,
        _("指定承办人并开始审查"),
        PERM_CHANGE,
        "case_start_review",
        _("《行政复议法》第三十条第一款"),
    ),
    T(
        "request_correction",
        (S.RECEIVED, S.UNDER_REVIEW),
        S.AWAITING_CORRECTION,
        _("通知补正"),
        PERM_CHANGE,
        "case_request_correction",
        _("《行政复议法》第三十一条第一款"),
        "secondary",
    ),
    T(
        "receive_correction",
        (S.AWAITING_CORRECTION,),
        S.UNDER_REVIEW,
        _("收到补正材料"),
        PERM_CHANGE,
        "case_receive_correction",
        _("《行政复议法》第三十一条第三款"),
    ),
    T(
        "deem_abandoned",
        (S.AWAITING_CORRECTION,),
        S.ABANDONED,
        _("视为放弃"),
        None,
        "case_deem_abandoned",
        _("《行政复议法》第三十一条第二款"),
    ),
    T(
        "accept",
        (S.RECEIVED, S.UNDER_REVIEW),
        S.ACCEPTED,
        _("受理"),
        PERM_CHANGE,
        "case_accept",
        _("《行政复议法》第三十条第一款"),
        "success",
    ),
    T(
        "deem_accepted",
        (S.RECEIVED, S.UNDER_REVIEW),
        S.ACCEPTED,
        _("视为受理"),
        None,
        "case_deem_accepted",
        _("《行政复议法》第三十条第三款"),
    ),
    T(
        "reject",
        (S.RECEIVED, S.UNDER_REVIEW),
        S.REJECTED,
        _("不予受理"),
        PERM_CHANGE,
        "case_reject",
        _("《行政复议法》第三十条第二款"),
        "danger",
    ),
    T(
        "send_copy",
        (S.ACCEPTED,),
        S.IN_TRIAL,
        _("发送申请书副本"),
        PERM_CHANGE,
        "case_send_copy",
        _("《行政复议法》第四十八条、第五十四条"),
    ),
    T(
        "suspend",
        (S.ACCEPTED, S.IN_TRIAL, S.DRAFTED, S.PENDING_APPROVAL),
        S.SUSPENDED,
        _("中止审理"),
        PERM_CHANGE,
        "case_suspend",
        _("《行政复议法》第三十九条"),
        "secondary",
    ),
    T(
        "resume",
        (S.SUSPENDED,),
        S.IN_TRIAL,
        _("恢复审理"),
        PERM_CHANGE,
        "case_resume",
        _("《行政复议法》第三十九条第二款"),
    ),
    # 复议法第三十九条: a case suspended before the copy went out, or at the draft / approval stage, resumes
    # where it stood (case_resume picks the entry from the suspension's `from_status`; no button of its own).
    T(
        "resume_accepted",
        (S.SUSPENDED,),
        S.ACCEPTED,
        _("恢复审理"),
        PERM_CHANGE,
        "case_resume",
        _("《行政复议法》第三十九条第二款"),
        event="resume",
    ),
    T(
        "resume_drafted",
        (S.SUSPENDED,),
        S.DRAFTED,
        _("恢复审理"),
        PERM_CHANGE,
        "case_resume",
        _("《行政复议法》第三十九条第二款"),
        event="resume",
    ),
    T(
        "resume_pending",
        (S.SUSPENDED,),
        S.PENDING_APPROVAL,
        _("恢复审理"),
        PERM_CHANGE,
        "case_resume",
        _("《行政复议法》第三十九条第二款"),
        event="resume",
    ),
    T(
        "draft",
        (S.IN_TRIAL,),
        S.DRAFTED,
        _("提出拟处理意见"),
        PERM_CHANGE,
        "opinion_draft",
        _("《行政复议法》第六十一条第一款"),
    ),
    T(
        "reopen_trial",
        (S.DRAFTED,),
        S.IN_TRIAL,
        _("退回继续审理"),
        PERM_CHANGE,
        "case_reopen_trial",
        "",
        "secondary",
    ),
    T(
        "submit",
        (S.DRAFTED,),
        S.PENDING_APPROVAL,
        _("报请审批"),
        PERM_CHANGE,
        "case_submit_for_approval",
        _("《行政复议法》第六十一条第一款"),
    ),
    T(
        "return_for_revision",
        (S.PENDING_APPROVAL,),
        S.DRAFTED,
        _("退回修改"),
        PERM_APPROVE,
        "case_return_for_revision",
        "",
        "secondary",
    ),
    # Four eyes (docs/workflow.md): the handler submits the proposed decision; the 复议机构负责人
    # approves it in their own session and only then it takes effect (Art 61: signed by the body's
    # head or the authorised 复议机构负责人, or adopted by collective discussion).
    T(
        "decide",
        (S.PENDING_APPROVAL,),
        S.DECIDED,
        _("批准并作出复议决定"),
        PERM_APPROVE,
        "case_approve_decision",
        _("《行政复议法》第六十一条"),
        "success",
    ),
    T(
        "mediate",
        (S.ACCEPTED, S.IN_TRIAL, S.SUSPENDED, S.DRAFTED, S.PENDING_APPROVAL),
        S.MEDIATED,
        _("调解结案"),
        PERM_CHANGE,
        "case_conclude_by_mediation",
        _("《行政复议法》第七十三条"),
        "success",
    ),
    T(
        "terminate",
        (S.ACCEPTED, S.IN_TRIAL, S.SUSPENDED, S.DRAFTED, S.PENDING_APPROVAL),
        S.TERMINATED,
        _("终止行政复议"),
        PERM_APPROVE,
        "case_terminate",
        _("《行政复议法》第四十一条"),
        "danger",
    ),
    T(
        "close",
        (S.DECIDED, S.MEDIATED, S.TERMINATED, S.REJECTED, S.ABANDONED),
        S.CLOSED,
        _("结案"),
        PERM_CHANGE,
        "case_close",
        _("《行政复议法》第七十五条"),
    ),
    T("archive", (S.CLOSED,), S.ARCHIVED, _("归档"), PERM_CHANGE, "case_archive", "", "secondary"),
)

#: The one declaration of the case's workflow: guard, event log, action list and the model's
#: django-fsm-2 transitions all read it (core.workflow, docs/workflow.md).
WORKFLOW = Workflow(transitions=TRANSITIONS, event_model="reconsideration.CaseEvent", event_subject="case")

TRANSITIONS_BY_NAME: dict[str, Transition] = WORKFLOW.by_name
