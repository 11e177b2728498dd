"""Statuses, enumerations and the transition tables of administrative enforcement (行政执法).

Article numbers are those of the 行政处罚法 (2021 revision). The law of each clock and gate is listed
in docs/law/enforcement.md. Two workflows are declared here as data (core.workflow):

- `CERT_WORKFLOW`: the lifecycle of an enforcement certificate (申领 → 审核 → 有效 → 暂扣 / 注销 /
  吊销 / 过期);
- `WORKFLOW`: an enforcement case from 立案 to 结案 under the three systems (公示, 全过程记录,
  重大执法决定法制审核).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.workflow import Transition as T
from core.workflow import Workflow

LAW = "《中华人民共和国行政处罚法》"
LAW_SHORT = "《行政处罚法》"
PUBLICITY_BASIS = _("国办发〔2018〕118号")

# ---------------------------------------------------------------------------------------------------
# Permissions
# ---------------------------------------------------------------------------------------------------

PERM_VIEW = "enforcement.view_enforcementcase"
PERM_ADD = "enforcement.add_enforcementcase"
PERM_CHANGE = "enforcement.change_enforcementcase"
#: 法制审核人员: review a major enforcement decision (处罚法第五十八条) in their own session.
PERM_REVIEW = "enforcement.review_enforcementcase"
PERM_VIEW_OFFICER = "enforcement.view_officer"
PERM_CHANGE_OFFICER = "enforcement.change_officer"
PERM_VIEW_AGENCY = "enforcement.view_enforcementagency"
PERM_CHANGE_AGENCY = "enforcement.change_enforcementagency"
PERM_VIEW_CERT = "enforcement.view_certificate"
PERM_CHANGE_CERT = "enforcement.change_certificate"
#: Issue, suspend, cancel and revoke certificates (the justice bureau's 证件管理).
PERM_MANAGE_CERT = "enforcement.manage_certificate"
PERM_VIEW_TRAINING = "enforcement.view_examresult"
PERM_IMPORT = "enforcement.import_records"


# ---------------------------------------------------------------------------------------------------
# Agencies, items and benchmarks
# ---------------------------------------------------------------------------------------------------


class AgencyLevel(models.TextChoices):
    CITY = "city", _("市级")
    COUNTY = "county", _("县区级")
    TOWNSHIP = "township", _("乡镇（街道）")


class Sector(models.TextChoices):
    MARKET = "market", _("市场监管")
    ECOLOGY = "ecology", _("生态环境")
    TRANSPORT = "transport", _("交通运输")
    AGRICULTURE = "agriculture", _("农业农村")
    CULTURE = "culture", _("文化旅游")
    EMERGENCY = "emergency", _("应急管理")
    HOUSING = "housing", _("住房城乡建设")
    NATURAL = "natural", _("自然资源")
    HEALTH = "health", _("卫生健康")
    COMPREHENSIVE = "comprehensive", _("综合执法")
    OTHER = "other", _("其他")


class ItemKind(models.TextChoices):
    PENALTY = "penalty", _("行政处罚")
    LICENSING = "licensing", _("行政许可")
    COERCION = "coercion", _("行政强制")
    INSPECTION = "inspection", _("行政检查")
    LEVY = "levy", _("行政征收")
    OTHER = "other", _("其他")


#: Decisions published within 7 working days (penalty and licensing); the rest within 20.
FAST_PUBLICITY_KINDS = (ItemKind.PENALTY, ItemKind.LICENSING)


class Circumstance(models.TextChoices):
    LIGHTER = "lighter", _("从轻")
    ORDINARY = "ordinary", _("一般")
    HEAVIER = "heavier", _("从重")


# ---------------------------------------------------------------------------------------------------
# Officers and certificates
# ---------------------------------------------------------------------------------------------------


class OfficerStatus(models.TextChoices):
    ON_DUTY = "on_duty", _("在岗")
    OFF_DUTY = "off_duty", _("离岗")


class CertificateKind(models.TextChoices):
    ENFORCEMENT = "enforcement", _("行政执法证")
    SUPERVISION = "supervision", _("执法监督证")


class CertificateStatus(models.TextChoices):
    APPLIED = "applied", _("申领")
    UNDER_REVIEW = "under_review", _("审核")
    VALID = "valid", _("有效")
    SUSPENDED = "suspended", _("暂扣")
    CANCELLED = "cancelled", _("注销")
    REVOKED = "revoked", _("吊销")
    EXPIRED = "expired", _("过期")


C = CertificateStatus
#: Statuses that ended the certificate on `status_changed_on` (it counts before that day only).
ENDED_CERT_STATUSES = (C.SUSPENDED, C.CANCELLED, C.REVOKED)

CERT_BASIS = _("《甘肃省行政执法证件管理办法》")

CERT_TRANSITIONS: tuple[T, ...] = (
    T(
        "submit",
        (C.APPLIED,),
        C.UNDER_REVIEW,
        _("提交审核"),
        PERM_CHANGE_CERT,
        "certificate_submit",
        CERT_BASIS,
    ),
    T(
        "issue",
        (C.UNDER_REVIEW,),
        C.VALID,
        _("审核通过并发证"),
        PERM_MANAGE_CERT,
        "certificate_issue",
        CERT_BASIS,
    ),
    T(
        "suspend",
        (C.VALID,),
        C.SUSPENDED,
        _("暂扣"),
        PERM_MANAGE_CERT,
        "certificate_suspend",
        CERT_BASIS,
        "secondary",
    ),
    T("restore", (C.SUSPENDED,), C.VALID, _("发还"), PERM_MANAGE_CERT, "certificate_restore", CERT_BASIS),
    T(
        "cancel",
        (C.APPLIED, C.UNDER_REVIEW, C.VALID, C.SUSPENDED, C.EXPIRED),
        C.CANCELLED,
        _("注销"),
        PERM_MANAGE_CERT,
        "certificate_cancel",
        CERT_BASIS,
        "danger",
    ),
    T(
        "revoke",
        (C.VALID, C.SUSPENDED),
        C.REVOKED,
        _("吊销"),
        PERM_MANAGE_CERT,
        "certificate_revoke",
        CERT_BASIS,
        "danger",
    ),
    T("expire", (C.VALID, C.SUSPENDED), C.EXPIRED, _("到期失效"), None, "certificate_expire", CERT_BASIS),
)

CERT_WORKFLOW = Workflow(
    transitions=CERT_TRANSITIONS,
    event_model="enforcement.CertificateEvent",
    event_subject="certificate",
    unit_field="unit",
)


# ---------------------------------------------------------------------------------------------------
# Training and exams
# ---------------------------------------------------------------------------------------------------


class ExamKind(models.TextChoices):
    QUALIFICATION = "qualification", _("资格考试")
    ANNUAL = "annual", _("年度考试")


# ---------------------------------------------------------------------------------------------------
# Enforcement cases
# ---------------------------------------------------------------------------------------------------


class CaseProcedure(models.TextChoices):
    SIMPLE = "simple", _("简易程序")
    ORDINARY = "ordinary", _("普通程序")


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")


class MajorGround(models.TextChoices):
    """处罚法第五十八条第一款: the four kinds of decision that need a legal review first."""

    PUBLIC_INTEREST = "public_interest", _("涉及重大公共利益")
    HEARING = "hearing", _("直接关系当事人或者第三人重大权益，经过听证程序")
    COMPLEX = "complex", _("案件情况疑难复杂、涉及多个法律关系")
    BY_LAW = "by_law", _("法律、法规规定应当进行法制审核的其他情形")


class ReviewConclusion(models.TextChoices):
    APPROVED = "approved", _("同意")
    APPROVED_WITH_CHANGES = "approved_with_changes", _("修改后同意")
    REJECTED = "rejected", _("不同意")


#: Conclusions of a legal review that let the decision be made.
PASSING_CONCLUSIONS = (ReviewConclusion.APPROVED, ReviewConclusion.APPROVED_WITH_CHANGES)


class RecordStage(models.TextChoices):
    """The stages whose acts the full-process record (全过程记录, 处罚法第四十七条) must hold."""

    FILING = "filing", _("立案")
    INVESTIGATION = "investigation", _("调查取证")
    NOTICE = "notice", _("告知")
    HEARING = "hearing", _("听证")
    REVIEW = "review", _("法制审核")
    DECISION = "decision", _("决定")
    SERVICE = "service", _("送达")
    EXECUTION = "execution", _("执行")


class RecordMedium(models.TextChoices):
    TEXT = "text", _("文字记录")
    AUDIOVISUAL = "audiovisual", _("音像记录")


class CaseStatus(models.TextChoices):
    FILED = "filed", _("已立案")
    INFORMED = "informed", _("已告知")
    HEARING = "hearing", _("听证程序中")
    LEGAL_REVIEW = "legal_review", _("法制审核中")
    REVIEWED = "reviewed", _("审核完成")
    DECIDED = "decided", _("已决定")
    TRANSFERRED = "transferred", _("已移送司法机关")
    CLOSED = "closed", _("已结案")


S = CaseStatus
ACTIVE_STATUSES = (S.FILED, S.INFORMED, S.HEARING, S.LEGAL_REVIEW, S.REVIEWED)
DECIDABLE_STATUSES = (S.INFORMED, S.HEARING, S.REVIEWED)


class EventKind(models.TextChoices):
    FILE = "file", _("立案")
    INFORM = "inform", _("告知陈述申辩和听证权利")
    REQUEST_HEARING = "request_hearing", _("当事人要求听证")
    NOTIFY_HEARING = "notify_hearing", _("通知听证")
    HOLD_HEARING = "hold_hearing", _("举行听证")
    REQUEST_REVIEW = "request_review", _("提请法制审核")
    REVIEW = "review", _("法制审核")
    RETURN = "return", _("审核不同意，退回")
    DECIDE = "decide", _("作出决定")
    SERVE = "serve", _("送达")
    PUBLISH = "publish", _("公示")
    CHANGE = "change", _("决定变更或撤销")
    WITHDRAW = "withdraw", _("撤回公示信息")
    RECORD = "record", _("全过程记录")
    TRANSFER = "transfer", _("移送司法机关")
    CLOSE = "close", _("结案")
    # certificate events
    SUBMIT = "submit", _("提交审核")
    ISSUE = "issue", _("发证")
    SUSPEND = "suspend", _("暂扣")
    RESTORE = "restore", _("发还")
    CANCEL = "cancel", _("注销")
    REVOKE = "revoke", _("吊销")
    EXPIRE = "expire", _("到期失效")
    RENEW = "renew", _("换证")


TRANSITIONS: tuple[T, ...] = (
    T(
        "inform",
        (S.FILED,),
        S.INFORMED,
        _("告知陈述申辩和听证权利"),
        PERM_CHANGE,
        "case_inform",
        _("《行政处罚法》第四十四条、第六十三条"),
    ),
    T(
        "request_hearing",
        (S.INFORMED,),
        S.HEARING,
        _("登记听证申请"),
        PERM_CHANGE,
        "case_request_hearing",
        _("《行政处罚法》第六十四条第一项"),
        "secondary",
    ),
    T(
        "request_review",
        (S.INFORMED, S.HEARING),
        S.LEGAL_REVIEW,
        _("提请法制审核"),
        PERM_CHANGE,
        "case_request_review",
        _("《行政处罚法》第五十八条"),
    ),
    T(
        "review",
        (S.LEGAL_REVIEW,),
        S.REVIEWED,
        _("出具法制审核意见"),
        PERM_REVIEW,
        "case_review",
        _("《行政处罚法》第五十八条"),
    ),
    T(
        "return",
        (S.LEGAL_REVIEW,),
        S.INFORMED,
        _("审核不同意，退回"),
        PERM_REVIEW,
        "case_review",
        _("《行政处罚法》第五十八条"),
        "secondary",
    ),
    T(
        "decide",
        DECIDABLE_STATUSES,
        S.DECIDED,
        _("作出处理决定"),
        PERM_CHANGE,
        "case_decide",
        _("《行政处罚法》第五十七条"),
        "success",
    ),
    T(
        "transfer",
        ACTIVE_STATUSES,
        S.TRANSFERRED,
        _("移送司法机关"),
        PERM_CHANGE,
        "case_transfer",
        _("《行政处罚法》第二十七条"),
        "danger",
    ),
    T("close", (S.DECIDED,), S.CLOSED, _("结案"), PERM_CHANGE, "case_close", _("《行政处罚法》第四十七条")),
)

WORKFLOW = Workflow(transitions=TRANSITIONS, event_model="enforcement.CaseEvent", event_subject="case")
