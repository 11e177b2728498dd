"""Statuses, enumerations and the two transition tables of 重大行政决策 and 合法性审查.

Article numbers are those of the 重大行政决策程序暂行条例 (国务院令第713号, "决策条例") unless stated.
`DECISION_WORKFLOW` is the one declaration of a major decision's procedure (立项 → … → 归档);
`MATTER_WORKFLOW` that of a legality-review request (收文 → … → 办结). The models take their
django-fsm-2 methods from them, the services guard and log with them, the pages offer
`WORKFLOW.available(obj, user)` (core.workflow, docs/workflow.md). The law as implemented:
docs/law/decisions.md.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.workflow import Transition, Workflow

LAW = "《重大行政决策程序暂行条例》"

# ---------------------------------------------------------------------------------------------------
# Permissions
# ---------------------------------------------------------------------------------------------------

PERM_VIEW = "decisions.view_majordecision"
PERM_ADD = "decisions.add_majordecision"
PERM_CHANGE = "decisions.change_majordecision"
PERM_VIEW_MATTER = "decisions.view_legalaffairsmatter"
PERM_ADD_MATTER = "decisions.add_legalaffairsmatter"
PERM_CHANGE_MATTER = "decisions.change_legalaffairsmatter"
#: 签发书面审查意见 (决策条例第二十八条: the reviewing office answers for its opinion).
PERM_SIGN = "decisions.sign_reviewopinion"


# ---------------------------------------------------------------------------------------------------
# Major decision
# ---------------------------------------------------------------------------------------------------


class DecisionCategory(models.TextChoices):
    """决策条例第三条第一款 (the four kinds) and 其他 (a catalogue item the body adds)."""

    PUBLIC_SERVICE = "public_service", _("重大公共政策和措施")
    PLANNING = "planning", _("重要规划")
    RESOURCES = "resources", _("重大资源开发利用和环境保护")
    PROJECTS = "projects", _("重大公共建设项目")
    OTHER = "other", _("其他")


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", _("立项")
    DRAFTING = "drafting", _("草案拟订")
    PARTICIPATION = "participation", _("公众参与")
    ARGUMENTATION = "argumentation", _("专家论证")
    RISK = "risk", _("风险评估")
    REVIEW = "review", _("合法性审查")
    DISCUSSION = "discussion", _("集体讨论")
    PUBLISHED = "published", _("决定公布")
    IMPLEMENTING = "implementing", _("组织实施")
    EVALUATING = "evaluating", _("决策后评估")
    ARCHIVED = "archived", _("归档")
    DEFERRED = "deferred", _("暂缓")
    DECLINED = "declined", _("不予决策")
    HALTED = "halted", _("中止执行")


D = DecisionStatus
#: Before the collective discussion: the draft may still be deferred, declined or revised.
PREPARATION_STATUSES = (D.PROPOSED, D.DRAFTING, D.PARTICIPATION, D.ARGUMENTATION, D.RISK, D.REVIEW)
ACTIVE_DECISION_STATUSES = (*PREPARATION_STATUSES, D.DISCUSSION, D.PUBLISHED, D.IMPLEMENTING, D.EVALUATING)


class StepState(models.TextChoices):
    """A mandatory step's state on the checklist (决策条例第十四条至第二十八条)."""

    MISSING = "missing", _("未完成")
    IN_PROGRESS = "in_progress", _("进行中")
    DONE = "done", _("已完成")
    WAIVED = "waived", _("依法不适用")


class RiskLevel(models.TextChoices):
    LOW = "low", _("低")
    MEDIUM = "medium", _("中")
    HIGH = "high", _("高")


class MeetingKind(models.TextChoices):
    """决策条例第三十条: 常务会议 or 全体会议."""

    EXECUTIVE = "executive", _("常务会议")
    PLENARY = "plenary", _("全体会议")


class DiscussionResult(models.TextChoices):
    PASSED = "passed", _("通过")
    REJECTED = "rejected", _("不通过")
    RECONSIDER = "reconsider", _("修改后再议")


class EvaluationTrigger(models.TextChoices):
    """决策条例第三十六条第一款 and the Bureau's scheduled evaluations."""

    NOT_ACHIEVED = "not_achieved", _("明显未达到预期效果")
    OBJECTIONS = "objections", _("公众提出较多意见")
    NECESSARY = "necessary", _("决策机关认为有必要")
    SCHEDULED = "scheduled", _("定期评估")


class EvaluationConclusion(models.TextChoices):
    CONTINUE = "continue", _("继续执行")
    ADJUST = "adjust", _("调整")
    STOP = "stop", _("停止执行")


class DecisionEventKind(models.TextChoices):
    PROPOSE = "propose", _("立项")
    START_DRAFTING = "start_drafting", _("立项并拟订草案")
    OPEN_PARTICIPATION = "open_participation", _("公开征求意见")
    FINISH_PARTICIPATION = "finish_participation", _("完成公众参与")
    WAIVE_PARTICIPATION = "waive_participation", _("公众参与依法不适用")
    EXPERT_OPINION = "expert_opinion", _("记录专家论证意见")
    FINISH_ARGUMENTATION = "finish_argumentation", _("完成专家论证")
    WAIVE_ARGUMENTATION = "waive_argumentation", _("专家论证依法不适用")
    RISK_ASSESSED = "risk_assessed", _("风险评估（风险不可控）")
    FINISH_RISK = "finish_risk", _("完成风险评估")
    WAIVE_RISK = "waive_risk", _("风险评估依法不适用")
    DRAFT_REVISED = "draft_revised", _("调整决策草案")
    SENT_FOR_REVIEW = "sent_for_review", _("送请合法性审查")
    SCHEDULE_DISCUSSION = "schedule_discussion", _("提交集体讨论")
    DISCUSSION_RECORDED = "discussion_recorded", _("记录集体讨论")
    RECONSIDER = "reconsider", _("修改后再议")
    PUBLISH = "publish", _("决定公布")
    IMPLEMENT = "implement", _("组织实施")
    EVALUATE = "evaluate", _("启动决策后评估")
    FINISH_EVALUATION = "finish_evaluation", _("完成决策后评估")
    STOP_AFTER_EVALUATION = "stop_after_evaluation", _("评估后停止执行")
    HALT = "halt", _("中止执行")
    DEFER = "defer", _("暂缓")
    RESUME = "resume", _("恢复办理")
    DECLINE = "decline", _("不予决策")
    ARCHIVE = "archive", _("归档")


T = Transition

DECISION_TRANSITIONS: tuple[Transition, ...] = (
    T("start_drafting", (D.PROPOSED,), D.DRAFTING, _("立项并拟订草案"), PERM_CHANGE,
      "decision_start_drafting", _("《重大行政决策程序暂行条例》第十条、第十三条")),
    T("open_participation", (D.DRAFTING,), D.PARTICIPATION, _("公开征求意见"), PERM_CHANGE,
      "participation_open", _("《重大行政决策程序暂行条例》第十四条、第十五条")),
    T("finish_participation", (D.PARTICIPATION,), D.ARGUMENTATION, _("完成公众参与"), PERM_CHANGE,
      "participation_complete", _("《重大行政决策程序暂行条例》第十五条第二款、第十八条")),
    T("waive_participation", (D.DRAFTING,), D.ARGUMENTATION, _("公众参与依法不适用"), PERM_CHANGE,
      "participation_waive", _("《重大行政决策程序暂行条例》第十四条第一款"), "secondary"),
    T("finish_argumentation", (D.ARGUMENTATION,), D.RISK, _("完成专家论证"), PERM_CHANGE,
      "argumentation_complete", _("《重大行政决策程序暂行条例》第十九条、第二十一条")),
    T("waive_argumentation", (D.ARGUMENTATION,), D.RISK, _("专家论证依法不适用"), PERM_CHANGE,
      "argumentation_waive", _("《重大行政决策程序暂行条例》第十九条第一款"), "secondary"),
    T("finish_risk", (D.RISK,), D.REVIEW, _("完成风险评估"), PERM_CHANGE,
      "risk_assess", _("《重大行政决策程序暂行条例》第二十二条、第二十四条")),
    T("waive_risk", (D.RISK,), D.REVIEW, _("风险评估依法不适用"), PERM_CHANGE,
      "risk_waive", _("《重大行政决策程序暂行条例》第二十二条第一款"), "secondary"),
    T("schedule_discussion", (D.REVIEW,), D.DISCUSSION, _("提交集体讨论"), PERM_CHANGE,
      "discussion_schedule", _("《重大行政决策程序暂行条例》第二十五条、第三十条"), "success"),
    T("reconsider", (D.DISCUSSION,), D.DRAFTING, _("修改后再议"), PERM_CHANGE,
      "discussion_record", _("《重大行政决策程序暂行条例》第三十条"), "secondary"),
    T("publish", (D.DISCUSSION,), D.PUBLISHED, _("决定公布"), PERM_CHANGE,
      "decision_publish", _("《重大行政决策程序暂行条例》第三十二条"), "success"),
    T("implement", (D.PUBLISHED,), D.IMPLEMENTING, _("组织实施"), PERM_CHANGE,
      "decision_implement", _("《重大行政决策程序暂行条例》第三十四条")),
    T("evaluate", (D.IMPLEMENTING,), D.EVALUATING, _("启动决策后评估"), PERM_CHANGE,
      "evaluation_start", _("《重大行政决策程序暂行条例》第三十六条")),
    T("finish_evaluation", (D.EVALUATING,), D.IMPLEMENTING, _("完成决策后评估"), PERM_CHANGE,
      "evaluation_complete", _("《重大行政决策程序暂行条例》第三十六条第三款")),
    T("stop_after_evaluation", (D.EVALUATING,), D.HALTED, _("评估后停止执行"), PERM_CHANGE,
      "evaluation_complete", _("《重大行政决策程序暂行条例》第三十六条第三款、第三十七条"), "danger"),
    T("halt", (D.IMPLEMENTING,), D.HALTED, _("中止执行"), PERM_CHANGE,
      "decision_halt", _("《重大行政决策程序暂行条例》第三十七条"), "danger"),
    T("defer", PREPARATION_STATUSES, D.DEFERRED, _("暂缓"), PERM_CHANGE,
      "decision_defer", _("《重大行政决策程序暂行条例》第三十条"), "secondary"),
    T("resume", (D.DEFERRED,), D.DRAFTING, _("恢复办理"), PERM_CHANGE, "decision_resume", "", "secondary"),
    T("decline", (*PREPARATION_STATUSES, D.DISCUSSION, D.DEFERRED), D.DECLINED, _("不予决策"), PERM_CHANGE,
      "decision_decline", _("《重大行政决策程序暂行条例》第三十条"), "danger"),
    T("archive", (D.IMPLEMENTING, D.HALTED, D.DECLINED), D.ARCHIVED, _("归档"), PERM_CHANGE,
      "decision_archive", _("《重大行政决策程序暂行条例》第三十三条"), "secondary"),
)  # fmt: skip

DECISION_WORKFLOW = Workflow(
    transitions=DECISION_TRANSITIONS, event_model="decisions.DecisionEvent", event_subject="decision"
)


# ---------------------------------------------------------------------------------------------------
# Legality review (政府法律事务合法性审查)
# ---------------------------------------------------------------------------------------------------


class MatterKind(models.TextChoices):
    MAJOR_DECISION = "major_decision", _("重大行政决策")
    KEY_PROJECT = "key_project", _("重点建设项目")
    CONTRACT = "contract", _("行政合同与协议")
    PETITION = "petition", _("疑难复杂信访案件")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他")


class MatterStatus(models.TextChoices):
    RECEIVED = "received", _("收文")
    REVIEWING = "reviewing", _("审查中")
    RETURNED = "returned", _("退回补充材料")
    DRAFTING = "drafting", _("意见起草")
    PENDING_SIGN = "pending_sign", _("待签发")
    SIGNED = "signed", _("已签发")
    CLOSED = "closed", _("办结")


M = MatterStatus
OPEN_MATTER_STATUSES = (M.RECEIVED, M.REVIEWING, M.RETURNED, M.DRAFTING, M.PENDING_SIGN)


class Finding(models.TextChoices):
    LAWFUL = "lawful", _("合法")
    PROBLEM = "problem", _("存在问题")


class Conclusion(models.TextChoices):
    """The written opinion's conclusion (合法性审查意见)."""

    LAWFUL = "lawful", _("合法")
    LAWFUL_IF_AMENDED = "amended", _("修改后合法")
    UNLAWFUL = "unlawful", _("不合法")


#: Conclusions that let a draft go to the collective discussion (决策条例第二十五条).
PASSING_CONCLUSIONS = (Conclusion.LAWFUL, Conclusion.LAWFUL_IF_AMENDED)

#: The six aspects every review covers: (field prefix, label).
ASPECTS: tuple[tuple[str, str], ...] = (
    ("subject", _("主体")),
    ("authority", _("权限")),
    ("content", _("核心内容")),
    ("procedure", _("法定程序")),
    ("basis", _("法律依据")),
    ("policy", _("政策条款")),
)


class AdvisorKind(models.TextChoices):
    COUNSEL = "counsel", _("法律顾问")
    PUBLIC_LAWYER = "public_lawyer", _("公职律师")


class MatterEventKind(models.TextChoices):
    REGISTER = "register", _("收文登记")
    START_REVIEW = "start_review", _("开始审查")
    RETURN_FOR_MATERIALS = "return_for_materials", _("退回补充材料")
    MATERIALS_RECEIVED = "materials_received", _("收到补充材料")
    DRAFT_OPINION = "draft_opinion", _("起草审查意见")
    SUBMIT = "submit", _("提交签发")
    RETURN_OPINION = "return_opinion", _("退回修改意见")
    SIGN = "sign", _("签发审查意见")
    REVISE = "revise", _("更正已签发意见")
    CLOSE = "close", _("办结")


MATTER_TRANSITIONS: tuple[Transition, ...] = (
    T("start_review", (M.RECEIVED,), M.REVIEWING, _("开始审查"), PERM_CHANGE_MATTER,
      "matter_start_review", _("《重大行政决策程序暂行条例》第二十七条")),
    T("return_for_materials", (M.RECEIVED, M.REVIEWING), M.RETURNED, _("退回补充材料"), PERM_CHANGE_MATTER,
      "matter_return_for_materials", _("《重大行政决策程序暂行条例》第二十六条"), "secondary"),
    T("materials_received", (M.RETURNED,), M.REVIEWING, _("收到补充材料"), PERM_CHANGE_MATTER,
      "matter_receive_materials", _("《重大行政决策程序暂行条例》第二十六条")),
    T("draft_opinion", (M.RECEIVED, M.REVIEWING), M.DRAFTING, _("起草审查意见"), PERM_CHANGE_MATTER,
      "opinion_draft", _("《重大行政决策程序暂行条例》第二十八条")),
    T("submit", (M.DRAFTING,), M.PENDING_SIGN, _("提交签发"), PERM_CHANGE_MATTER,
      "opinion_submit", _("《重大行政决策程序暂行条例》第二十八条")),
    T("return_opinion", (M.PENDING_SIGN,), M.DRAFTING, _("退回修改"), PERM_SIGN,
      "opinion_return", "", "secondary"),
    T("sign", (M.PENDING_SIGN,), M.SIGNED, _("签发审查意见"), PERM_SIGN,
      "opinion_sign", _("《重大行政决策程序暂行条例》第二十八条"), "success"),
    T("revise", (M.SIGNED, M.CLOSED), M.DRAFTING, _("更正已签发意见"), PERM_CHANGE_MATTER,
      "opinion_revise", _("《重大行政决策程序暂行条例》第二十八条"), "secondary"),
    T("close", (M.SIGNED,), M.CLOSED, _("办结"), PERM_CHANGE_MATTER, "matter_close", "", "secondary"),
)  # fmt: skip

MATTER_WORKFLOW = Workflow(
    transitions=MATTER_TRANSITIONS, event_model="decisions.MatterEvent", event_subject="matter"
)
