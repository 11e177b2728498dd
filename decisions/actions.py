"""The action catalogue of the decision and review pages: slug → form, the service it calls, the
transition that offers it (or, for acts that change no status, the statuses and permission that do),
and help text. No rules here: the services check them (docs/workflow.md, "Offer it in the UI")."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import forms
from .choices import (
    DECISION_WORKFLOW,
    MATTER_WORKFLOW,
    PERM_CHANGE,
    PERM_CHANGE_MATTER,
    DecisionStatus,
    MatterStatus,
)


@dataclass(frozen=True)
class Action:
    slug: str
    label: str
    form: type
    service: str
    transition: str = ""  # offered when the workflow allows it
    statuses: tuple = ()  # else: offered in these statuses …
    permission: str = ""  # … to holders of this permission
    help: str = ""
    style: str = "primary"


D, M = DecisionStatus, MatterStatus

DECISION_ACTIONS: tuple[Action, ...] = (
    Action("start-drafting", _("立项并拟订草案"), forms.OnForm, "decision_start_drafting", "start_drafting"),
    Action(
        "open-participation",
        _("公开征求意见"),
        forms.ParticipationOpenForm,
        "participation_open",
        "open_participation",
        help=_("第十五条：公开征求意见期限一般不少于30日；缩短的须说明理由。"),
    ),
    Action(
        "waive-participation",
        _("公众参与依法不适用"),
        forms.ReasonForm,
        "participation_waive",
        "waive_participation",
        style="secondary",
    ),
    Action(
        "complete-participation",
        _("完成公众参与"),
        forms.ParticipationCompleteForm,
        "participation_complete",
        "finish_participation",
        help=_("第十八条：说明意见采纳情况。"),
    ),
    Action(
        "expert-opinion",
        _("记录专家论证意见"),
        forms.ExpertOpinionForm,
        "expert_opinion_add",
        statuses=(D.ARGUMENTATION,),
        permission=PERM_CHANGE,
    ),
    Action(
        "complete-argumentation",
        _("完成专家论证"),
        forms.OnForm,
        "argumentation_complete",
        "finish_argumentation",
    ),
    Action(
        "waive-argumentation",
        _("专家论证依法不适用"),
        forms.ReasonForm,
        "argumentation_waive",
        "waive_argumentation",
        style="secondary",
    ),
    Action(
        "risk-assess",
        _("记录风险评估"),
        forms.RiskAssessForm,
        "risk_assess",
        "finish_risk",
        help=_("第二十四条：风险不可控的，须调整决策草案后重新评估。"),
    ),
    Action(
        "revise-draft",
        _("调整决策草案"),
        forms.ReviseDraftForm,
        "decision_revise_draft",
        statuses=(D.RISK,),
        permission=PERM_CHANGE,
        style="secondary",
    ),
    Action(
        "waive-risk", _("风险评估依法不适用"), forms.ReasonForm, "risk_waive", "waive_risk", style="secondary"
    ),
    Action(
        "consult",
        _("记录法律顾问意见"),
        forms.ConsultationForm,
        "consultation_record",
        statuses=(D.REVIEW,),
        permission=PERM_CHANGE,
        help=_("第二十八条：组织法律顾问、公职律师提出法律意见。"),
    ),
    Action(
        "send-for-review",
        _("送请合法性审查"),
        forms.SendForReviewForm,
        "decision_send_for_review",
        statuses=(D.REVIEW,),
        permission=PERM_CHANGE,
    ),
    Action(
        "schedule-discussion",
        _("提交集体讨论"),
        forms.ScheduleForm,
        "discussion_schedule",
        "schedule_discussion",
        help=_("第二十五条：未经合法性审查或者经审查不合法的，不得提交集体讨论。"),
    ),
    Action(
        "record-discussion",
        _("记录集体讨论"),
        forms.DiscussionRecordForm,
        "discussion_record",
        statuses=(D.DISCUSSION,),
        permission=PERM_CHANGE,
    ),
    Action("publish", _("决定公布"), forms.PublishForm, "decision_publish", "publish"),
    Action("implement", _("组织实施"), forms.ImplementForm, "decision_implement", "implement"),
    Action("evaluate", _("启动决策后评估"), forms.EvaluationStartForm, "evaluation_start", "evaluate"),
    Action(
        "complete-evaluation",
        _("完成决策后评估"),
        forms.EvaluationCompleteForm,
        "evaluation_complete",
        "finish_evaluation",
    ),
    Action("halt", _("中止执行"), forms.ReasonForm, "decision_halt", "halt", style="danger"),
    Action("defer", _("暂缓"), forms.ReasonForm, "decision_defer", "defer", style="secondary"),
    Action("resume", _("恢复办理"), forms.OnForm, "decision_resume", "resume"),
    Action("decline", _("不予决策"), forms.ReasonForm, "decision_decline", "decline", style="danger"),
    Action("archive", _("归档"), forms.ArchiveForm, "decision_archive", "archive", style="secondary"),
)

MATTER_ACTIONS: tuple[Action, ...] = (
    Action("start-review", _("开始审查"), forms.OnForm, "matter_start_review", "start_review"),
    Action(
        "return-for-materials",
        _("退回补充材料"),
        forms.MaterialsForm,
        "matter_return_for_materials",
        "return_for_materials",
        style="secondary",
        help=_("第二十六条：审查期限暂停计算。"),
    ),
    Action(
        "materials-received",
        _("收到补充材料"),
        forms.OnForm,
        "matter_receive_materials",
        "materials_received",
    ),
    Action(
        "consult",
        _("记录法律顾问意见"),
        forms.ConsultationForm,
        "consultation_record",
        statuses=(M.REVIEWING, M.DRAFTING),
        permission=PERM_CHANGE_MATTER,
    ),
    Action("draft-opinion", _("起草审查意见"), forms.OpinionForm, "opinion_draft", "draft_opinion"),
    Action("submit", _("提交签发"), forms.OnForm, "opinion_submit", "submit"),
    Action(
        "return-opinion",
        _("退回修改"),
        forms.ReasonForm,
        "opinion_return",
        "return_opinion",
        style="secondary",
    ),
    Action(
        "sign",
        _("签发审查意见"),
        forms.OnForm,
        "opinion_sign",
        "sign",
        style="success",
        help=_("签发人不能是起草人；签发后意见不可修改。"),
    ),
    Action(
        "revise",
        _("更正已签发意见"),
        forms.OpinionForm,
        "opinion_revise",
        "revise",
        style="secondary",
        help=_("原意见保留不变，更正意见签发后取代原意见。"),
    ),
    Action("close", _("办结"), forms.OnForm, "matter_close", "close", style="secondary"),
)

DECISION_BY_SLUG = {a.slug: a for a in DECISION_ACTIONS}
MATTER_BY_SLUG = {a.slug: a for a in MATTER_ACTIONS}


def _available(actions, workflow, obj, user):
    names = {t.name for t in workflow.available(obj, user)}
    out = []
    for action in actions:
        if action.transition:
            if action.transition in names:
                out.append(action)
        elif obj.status in action.statuses and user.has_perm(action.permission):
            out.append(action)
    return out


def decision_actions(decision, user):
    return _available(DECISION_ACTIONS, DECISION_WORKFLOW, decision, user)


def matter_actions(matter, user):
    return _available(MATTER_ACTIONS, MATTER_WORKFLOW, matter, user)


def allowed(action, workflow, obj, user) -> bool:
    """Whether `user` may open `action` on `obj` now (the action page answers 403 otherwise)."""
    if action.transition:
        entry = workflow[action.transition]
        return user.has_perm(entry.permission)
    return user.has_perm(action.permission)
