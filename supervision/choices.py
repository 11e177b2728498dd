"""Statuses, enumerations and the transition tables of enforcement supervision (行政执法监督).

The law of each clock and gate is listed in docs/law/supervision.md. Two workflows are declared here
as data (core.workflow):

- `FILING_WORKFLOW`: a major enforcement decision filed with the justice bureau (重大执法决定备案),
  reviewed to 予以备案 / 责令纠正 / 建议撤销;
- `NOTICE_WORKFLOW`: a supervision notice (行政执法监督通知书) from issue through the agency's reply
  to the bureau's verification (整改到位 / 未到位 → a follow-up notice, escalated to the leaders).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.workflow import Transition as T
from core.workflow import Workflow

SUPERVISION_BASIS = _("《甘肃省行政执法监督条例》")
FILING_BASIS = _("《甘肃省重大行政执法决定法制审核办法》")

# ---------------------------------------------------------------------------------------------------
# Permissions
# ---------------------------------------------------------------------------------------------------

PERM_VIEW = "supervision.view_decisionfiling"
#: An agency files its own major decisions (执法人员).
PERM_FILE = "supervision.add_decisionfiling"
#: The justice bureau reviews filings, runs campaigns, issues and verifies notices (执法监督人员).
PERM_SUPERVISE = "supervision.supervise"
PERM_VIEW_CAMPAIGN = "supervision.view_reviewcampaign"
PERM_VIEW_NOTICE = "supervision.view_supervisionnotice"
#: The agency answers a notice addressed to it.
PERM_REPLY = "supervision.reply_supervisionnotice"
PERM_VIEW_GUIDING = "supervision.view_guidingcase"
PERM_VIEW_SUPERVISOR = "supervision.view_specialsupervisor"


# ---------------------------------------------------------------------------------------------------
# Filings
# ---------------------------------------------------------------------------------------------------


class FilingStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已报备")
    FILED = "filed", _("予以备案")
    CORRECTION = "correction", _("责令纠正")
    REVOCATION = "revocation", _("建议撤销")


F = FilingStatus
FILING_REVIEWED = (F.FILED, F.CORRECTION, F.REVOCATION)

FILING_TRANSITIONS: tuple[T, ...] = (
    T("accept", (F.SUBMITTED,), F.FILED, _("予以备案"), PERM_SUPERVISE, "filing_review", FILING_BASIS),
    T(
        "order_correction",
        (F.SUBMITTED,),
        F.CORRECTION,
        _("责令纠正"),
        PERM_SUPERVISE,
        "filing_review",
        FILING_BASIS,
        "secondary",
    ),
    T(
        "suggest_revocation",
        (F.SUBMITTED,),
        F.REVOCATION,
        _("建议撤销"),
        PERM_SUPERVISE,
        "filing_review",
        FILING_BASIS,
        "danger",
    ),
)

FILING_WORKFLOW = Workflow(
    transitions=FILING_TRANSITIONS, event_model="supervision.FilingEvent", event_subject="filing"
)

#: The filing result a review transition records.
FILING_RESULT_TRANSITION = {
    F.FILED: "accept",
    F.CORRECTION: "order_correction",
    F.REVOCATION: "suggest_revocation",
}


class FilingEventKind(models.TextChoices):
    SUBMIT = "submit", _("报备")
    ACCEPT = "accept", _("予以备案")
    ORDER_CORRECTION = "order_correction", _("责令纠正")
    SUGGEST_REVOCATION = "suggest_revocation", _("建议撤销")


# ---------------------------------------------------------------------------------------------------
# Case-file review (案卷评查)
# ---------------------------------------------------------------------------------------------------


class CampaignKind(models.TextChoices):
    SELF = "self", _("自查")
    SAMPLE = "sample", _("抽查")
    SPECIAL = "special", _("专项")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")
    PENDING = "pending", _("待定")


class RubricSection(models.TextChoices):
    FORM = "form", _("卷面")
    CONTENT = "content", _("内容")


#: Points of each section of the rubric (卷面 20 + 内容 80).
SECTION_POINTS = {RubricSection.FORM: Decimal("20"), RubricSection.CONTENT: Decimal("80")}


class VetoItem(models.TextChoices):
    """否决项: any one makes the file 不合格 whatever its score (docs/law/supervision.md)."""

    ILLEGAL_SUBJECT = "illegal_subject", _("执法主体不合法")
    UNQUALIFIED_OFFICER = "unqualified_officer", _("执法人员不具备执法资格")
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", _("证据不足")
    UNCLEAR_FACTS = "unclear_facts", _("事实不清")
    WRONG_LAW = "wrong_law", _("适用法律错误")
    ILLEGAL_PROCEDURE = "illegal_procedure", _("违反法定程序")
    FEWER_OFFICERS = "fewer_officers", _("执法人员少于两人")
    NOT_TRANSFERRED = "not_transferred", _("应当移送而未移送")


#: Two reviewers whose scores differ by more than this need a consensus review.
CONSENSUS_GAP = Decimal("10")
DEFAULT_EXCELLENT = Decimal("90")
DEFAULT_PASS = Decimal("70")


# ---------------------------------------------------------------------------------------------------
# Supervision notices
# ---------------------------------------------------------------------------------------------------


class NoticeKind(models.TextChoices):
    NOTICE = "notice", _("行政执法监督通知书")
    OPINION = "opinion", _("行政执法监督意见书")


class NoticeSource(models.TextChoices):
    FILE_REVIEW = "file_review", _("案卷评查不合格")
    FILING = "filing", _("备案审查责令纠正")
    DISPARITY = "disparity", _("类案不同罚")
    CAMPAIGN = "campaign", _("专项整治")
    FOLLOW_UP = "follow_up", _("整改未到位再次通知")
    OTHER = "other", _("其他")


class NoticeStatus(models.TextChoices):
    ISSUED = "issued", _("待整改")
    REPLIED = "replied", _("已回复")
    RECTIFIED = "rectified", _("整改到位")
    NOT_RECTIFIED = "not_rectified", _("整改未到位")


N = NoticeStatus
NOTICE_OPEN = (N.ISSUED, N.REPLIED)

NOTICE_TRANSITIONS: tuple[T, ...] = (
    T("reply", (N.ISSUED,), N.REPLIED, _("回复整改情况"), PERM_REPLY, "notice_reply", SUPERVISION_BASIS),
    T(
        "verify",
        (N.REPLIED,),
        N.RECTIFIED,
        _("核查：整改到位"),
        PERM_SUPERVISE,
        "notice_verify",
        SUPERVISION_BASIS,
        "success",
    ),
    T(
        "reject",
        (N.REPLIED, N.ISSUED),
        N.NOT_RECTIFIED,
        _("核查：整改未到位"),
        PERM_SUPERVISE,
        "notice_verify",
        SUPERVISION_BASIS,
        "danger",
    ),
)

NOTICE_WORKFLOW = Workflow(
    transitions=NOTICE_TRANSITIONS, event_model="supervision.NoticeEvent", event_subject="notice"
)


class NoticeEventKind(models.TextChoices):
    ISSUE = "issue", _("制发通知书")
    RECEIVE = "receive", _("签收")
    REPLY = "reply", _("回复整改情况")
    VERIFY = "verify", _("整改到位")
    REJECT = "reject", _("整改未到位")
    ESCALATE = "escalate", _("报告上级领导")


# ---------------------------------------------------------------------------------------------------
# Guiding cases and special supervisors
# ---------------------------------------------------------------------------------------------------


class GuidingStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class ActivityKind(models.TextChoices):
    REVIEW = "review", _("参加案卷评查")
    INSPECTION = "inspection", _("参加联合检查")
    HEARING = "hearing", _("旁听听证")
    OTHER = "other", _("其他")


# ---------------------------------------------------------------------------------------------------
# 优劣质执法案件评选
# ---------------------------------------------------------------------------------------------------


class NominationKind(models.TextChoices):
    GOOD = "good", _("优质案件")
    BAD = "bad", _("劣质案件")


#: A nomination is listed when at least this many panel members scored it.
PANEL_MIN = 2
