"""Statuses, enumerations and the transition table of diversified dispute resolution (多元化解):
people's, administrative and judicial mediation linked (三调联动).

Article numbers are those of the 《中华人民共和国人民调解法》 (2010) unless another statute is named.
The transition table (`TRANSITIONS`, wrapped as `WORKFLOW`, a `core.workflow.Workflow`) is the one
declaration of a mediation case's workflow (docs/workflow.md): the model's django-fsm-2 methods, the
services' guard and event log, the case page's actions and the demo seeder all read it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.workflow import Transition, Workflow

LAW = "《中华人民共和国人民调解法》"
LAW_SHORT = "《人民调解法》"
CIVIL_PROCEDURE = "《民事诉讼法》"
INVITED_RULES = "《最高人民法院关于人民法院特邀调解的规定》"

# ---------------------------------------------------------------------------------------------------
# Permissions
# ---------------------------------------------------------------------------------------------------

PERM_VIEW = "mediation.view_mediationcase"
PERM_ADD = "mediation.add_mediationcase"
PERM_CHANGE = "mediation.change_mediationcase"
#: the registers (organisations' partner agreements, mediators) are kept by the same staff
PERM_VIEW_PARTNER = "mediation.view_partneragreement"
PERM_CHANGE_PARTNER = "mediation.change_partneragreement"
PERM_VIEW_MEDIATOR = "mediation.view_mediator"
PERM_CHANGE_MEDIATOR = "mediation.change_mediator"


# ---------------------------------------------------------------------------------------------------
# Enumerations
# ---------------------------------------------------------------------------------------------------


class MediationType(models.TextChoices):
    PEOPLE = "people", _("人民调解")
    ADMINISTRATIVE = "administrative", _("行政调解")
    JUDICIAL = "judicial", _("司法调解")
    RECONSIDERATION = "reconsideration", _("行政复议调解")
    INVITED_DELEGATED = "invited_delegated", _("特邀调解（委派）")
    INVITED_ENTRUSTED = "invited_entrusted", _("特邀调解（委托）")
    LAWYER = "lawyer", _("律师调解")
    INDUSTRY = "industry", _("行业性专业性调解")


class CaseSource(models.TextChoices):
    APPLICATION = "application", _("当事人申请")
    DEPARTMENT = "department", _("部门移交")
    COURT_DELEGATED = "court_delegated", _("法院委派")
    COURT_ENTRUSTED = "court_entrusted", _("法院委托")
    RECONSIDERATION = "reconsideration", _("复议机构转交")
    PETITION = "petition", _("信访转交")


#: Sources that name the referring unit (a court, a department, a reconsideration body …).
REFERRED_SOURCES = (
    CaseSource.DEPARTMENT,
    CaseSource.COURT_DELEGATED,
    CaseSource.COURT_ENTRUSTED,
    CaseSource.RECONSIDERATION,
    CaseSource.PETITION,
)
#: 特邀调解规定第二十一条: court-entrusted mediation runs the 30-day clock `med.court_entrusted`.
COURT_ENTRUSTED_TYPES = (MediationType.INVITED_ENTRUSTED,)

#: Agreements a court may confirm on a joint application (人民调解法第三十三条; 民事诉讼法第二百零五条:
#: "经依法设立的调解组织调解达成调解协议"). A court's own mediation and a reconsideration 调解书 are
#: enforceable by themselves and start no confirmation clock.
CONFIRMABLE_TYPES = (
    MediationType.PEOPLE,
    MediationType.ADMINISTRATIVE,
    MediationType.INVITED_DELEGATED,
    MediationType.INVITED_ENTRUSTED,
    MediationType.LAWYER,
    MediationType.INDUSTRY,
)


class AgreementForm(models.TextChoices):
    """人民调解法第二十八条: a written 调解协议书, or an oral agreement the mediator records."""

    WRITTEN = "written", _("书面协议")
    ORAL = "oral", _("口头协议")


class ConfirmationResult(models.TextChoices):
    PENDING = "pending", _("审查中")
    CONFIRMED = "confirmed", _("确认有效")
    REJECTED = "rejected", _("驳回申请")


class OtherRoute(models.TextChoices):
    """人民调解法第二十六条: the routes told to the parties when mediation fails."""

    ARBITRATION = "arbitration", _("仲裁")
    ADMINISTRATIVE = "administrative", _("行政途径（行政处理）")
    RECONSIDERATION = "reconsideration", _("申请行政复议")
    LITIGATION = "litigation", _("向人民法院提起诉讼")


class VisitMethod(models.TextChoices):
    PHONE = "phone", _("电话回访")
    VISIT = "visit", _("上门回访")
    MEETING = "meeting", _("约谈回访")


class EventKind(models.TextChoices):
    REGISTER = "register", _("登记受理")
    START = "start", _("开始调解")
    REFER = "refer", _("移交调解")
    SESSION = "session", _("调解记录")
    AGREE = "agree", _("达成调解协议")
    REFUSE = "refuse", _("当事人拒绝调解")
    FAIL = "fail", _("调解不成")
    TERMINATE = "terminate", _("终止调解")
    PERFORM_START = "perform_start", _("开始履行")
    PERFORMED = "performed", _("履行完毕")
    APPLY_CONFIRMATION = "apply_confirmation", _("申请司法确认")
    CONFIRM = "confirm", _("司法确认有效")
    REJECT_CONFIRMATION = "reject_confirmation", _("司法确认驳回")
    RETURN_VISIT = "return_visit", _("回访")


# ---------------------------------------------------------------------------------------------------
# Case status and the transition table
# ---------------------------------------------------------------------------------------------------


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("受理")
    MEDIATING = "mediating", _("调解中")
    AGREED = "agreed", _("达成协议")
    PERFORMING = "performing", _("履行中")
    PERFORMED = "performed", _("已履行")
    CONFIRMATION_APPLIED = "confirmation_applied", _("申请司法确认")
    CONFIRMED = "confirmed", _("确认有效")
    CONFIRMATION_REJECTED = "confirmation_rejected", _("司法确认驳回")
    FAILED = "failed", _("调解不成")
    TERMINATED = "terminated", _("终止")


S = CaseStatus

#: Still being mediated (queues: 在办).
ACTIVE_STATUSES = (S.RECEIVED, S.MEDIATING)
#: Mediation ended with an agreement (调解成功).
AGREED_STATUSES = (
    S.AGREED,
    S.PERFORMING,
    S.PERFORMED,
    S.CONFIRMATION_APPLIED,
    S.CONFIRMED,
    S.CONFIRMATION_REJECTED,
)
#: Mediation ended without one.
UNSUCCESSFUL_STATUSES = (S.FAILED, S.TERMINATED)
#: Mediation concluded (调结): the denominator of the success rate.
CONCLUDED_STATUSES = AGREED_STATUSES + UNSUCCESSFUL_STATUSES
#: The agreement is in force and may still be performed or confirmed.
IN_FORCE_STATUSES = (S.AGREED, S.PERFORMING)
#: A return visit (回访) follows up an agreement (人民调解法第三十一条第二款) or a failed mediation.
VISIT_STATUSES = AGREED_STATUSES + UNSUCCESSFUL_STATUSES

T = Transition

TRANSITIONS = (
    T(
        "start",
        (S.RECEIVED,),
        S.MEDIATING,
        _("开始调解"),
        PERM_CHANGE,
        "case_start",
        _("《人民调解法》第十七条、第二十三条"),
        "success",
    ),
    T(
        "refer",
        (S.RECEIVED, S.MEDIATING),
        S.RECEIVED,
        _("移交其他调解组织"),
        PERM_CHANGE,
        "case_refer",
        _("《人民调解法》第十八条（三调联动）"),
        "secondary",
    ),
    T(
        "agree",
        (S.MEDIATING,),
        S.AGREED,
        _("达成调解协议"),
        PERM_CHANGE,
        "case_agree",
        _("《人民调解法》第二十八条至第三十条"),
        "success",
    ),
    T(
        "refuse",
        (S.RECEIVED, S.MEDIATING),
        S.TERMINATED,
        _("当事人拒绝调解"),
        PERM_CHANGE,
        "case_record_refusal",
        _("《人民调解法》第十七条、第二十三条第二项"),
        "danger",
    ),
    T(
        "fail",
        (S.MEDIATING,),
        S.FAILED,
        _("调解不成"),
        PERM_CHANGE,
        "case_fail",
        _("《人民调解法》第二十六条"),
        "danger",
    ),
    T(
        "terminate",
        (S.FAILED,),
        S.TERMINATED,
        _("终止调解并告知其他途径"),
        PERM_CHANGE,
        "case_terminate",
        _("《人民调解法》第二十六条"),
        "danger",
    ),
    T(
        "perform_start",
        (S.AGREED, S.CONFIRMED),
        S.PERFORMING,
        _("开始履行"),
        PERM_CHANGE,
        "case_start_performance",
        _("《人民调解法》第三十一条"),
    ),
    T(
        "performed",
        (S.AGREED, S.PERFORMING, S.CONFIRMED),
        S.PERFORMED,
        _("履行完毕"),
        PERM_CHANGE,
        "case_record_performed",
        _("《人民调解法》第三十一条"),
        "success",
    ),
    T(
        "apply_confirmation",
        (S.AGREED, S.PERFORMING),
        S.CONFIRMATION_APPLIED,
        _("申请司法确认"),
        PERM_CHANGE,
        "confirmation_apply",
        _("《人民调解法》第三十三条；《民事诉讼法》第二百零五条"),
    ),
    T(
        "confirm",
        (S.CONFIRMATION_APPLIED,),
        S.CONFIRMED,
        _("记录确认有效裁定"),
        PERM_CHANGE,
        "confirmation_record_ruling",
        _("《民事诉讼法》第二百零六条"),
        "success",
    ),
    T(
        "reject_confirmation",
        (S.CONFIRMATION_APPLIED,),
        S.CONFIRMATION_REJECTED,
        _("记录驳回申请裁定"),
        PERM_CHANGE,
        "confirmation_record_ruling",
        _("《民事诉讼法》第二百零六条"),
        "danger",
    ),
)

WORKFLOW = Workflow(transitions=TRANSITIONS, event_model="mediation.CaseEvent", event_subject="case")
TRANSITIONS_BY_NAME: dict[str, Transition] = WORKFLOW.by_name
