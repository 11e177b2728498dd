"""Statuses, enumerations and the transition table of administrative litigation response (行政应诉).

Article numbers: 行政诉讼法 (2017, "行诉法"), its 2018 interpretation ("行诉解释") and the 2020 出庭规定
(docs/law/litigation.md). The transition table (`TRANSITIONS`, wrapped as `WORKFLOW`) is the one
declaration of an instance's workflow: the model's django-fsm-2 methods come from it, the services
guard with it and log its legal basis, the case page offers `WORKFLOW.available(case, user)`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.workflow import Transition, Workflow
from disputes.choices import Sector

LAW = "《中华人民共和国行政诉讼法》"
APPEARANCE_RULES = "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》"
INTERPRETATION = "《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》"

# --- permissions ------------------------------------------------------------------------------------

PERM_VIEW = "litigation.view_litigationcase"
PERM_ADD = "litigation.add_litigationcase"
PERM_CHANGE = "litigation.change_litigationcase"


# --- case status --------------------------------------------------------------------------------------


class CaseStatus(models.TextChoices):
    RESPONDING = "responding", _("答辩举证中")
    IN_TRIAL = "in_trial", _("审理中")
    DECIDED = "decided", _("已裁判（上诉期内）")
    APPEALED = "appealed", _("已上诉")
    EFFECTIVE = "effective", _("已生效")
    CLOSED = "closed", _("已结案")


S = CaseStatus

ACTIVE_STATUSES = (S.RESPONDING, S.IN_TRIAL, S.DECIDED, S.EFFECTIVE)
#: An outcome was served (the instance is concluded in the 败诉率 sense).
CONCLUDED_STATUSES = (S.DECIDED, S.APPEALED, S.EFFECTIVE, S.CLOSED)


class Instance(models.TextChoices):
    FIRST = "first", _("一审")
    SECOND = "second", _("二审")
    RETRIAL = "retrial", _("再审")


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("普通程序")
    SIMPLE = "simple", _("简易程序")


class DefendantRole(models.TextChoices):
    ORIGINAL = "original", _("作出原行政行为的机关")
    RECON_UPHELD = "recon_upheld", _("复议维持的复议机关（共同被告）")
    CO_DEFENDANT = "co_defendant", _("其他共同被告")


#: 出庭规定第四条第一款: sectors in which the head must appear
#: (食品药品安全、生态环境和资源保护、公共卫生安全).
MUST_APPEAR_SECTORS = frozenset(
    {Sector.FOOD_DRUG, Sector.ECOLOGY, Sector.NATURAL_RESOURCES, Sector.PUBLIC_HEALTH}
)


class MustAppearGround(models.TextChoices):
    """出庭规定第四条第一款, 行诉解释第一百二十九条: why the head must appear."""

    SECTOR = "sector", _("涉及食品药品安全、生态环境和资源保护、公共卫生安全等重大公共利益")
    PUBLIC_CONCERN = "public_concern", _("社会高度关注")
    MASS_INCIDENT = "mass_incident", _("可能引发群体性事件")
    COURT_NOTICE = "court_notice", _("人民法院书面通知负责人出庭")


class HeadPosition(models.TextChoices):
    """出庭规定第二条: only 正职, 副职 and the leader in charge count as 负责人."""

    PRINCIPAL = "principal", _("正职负责人")
    DEPUTY = "deputy", _("副职负责人")
    IN_CHARGE = "in_charge", _("分管负责人")
    OTHER = "other", _("其他人员（不计为负责人）")


COUNTING_POSITIONS = frozenset({HeadPosition.PRINCIPAL, HeadPosition.DEPUTY, HeadPosition.IN_CHARGE})


class AbsenceReason(models.TextChoices):
    """出庭规定第八条: the only reasons a head may not appear."""

    FORCE_MAJEURE = "8-1", _("不可抗力（第八条第一项）")
    ACCIDENT = "8-2", _("意外事件（第八条第二项）")
    IRREPLACEABLE_DUTY = "8-3", _("需要履行他人不能代替的公务（第八条第三项）")
    OTHER_PROPER = "8-4", _("无法出庭的其他正当事由（第八条第四项）")


# --- outcomes -------------------------------------------------------------------------------------------


class OutcomeForm(models.TextChoices):
    JUDGMENT = "judgment", _("判决")
    RULING = "ruling", _("裁定")
    MEDIATION = "mediation", _("调解书")


class Outcome(models.TextChoices):
    """行诉法 outcomes (docs/law/litigation.md)."""

    DISMISS_CLAIMS = "dismiss_claims", _("驳回诉讼请求（第六十九条）")
    REVOKE = "revoke", _("撤销（第七十条）")
    REVOKE_REDO = "revoke_redo", _("撤销并责令重新作出（第七十条）")
    PERFORM_DUTY = "perform_duty", _("判决履行法定职责（第七十二条）")
    PAYMENT = "payment", _("判决给付（第七十三条）")
    CONFIRM_ILLEGAL = "confirm_illegal", _("确认违法（第七十四条）")
    CONFIRM_VOID = "confirm_void", _("确认无效（第七十五条）")
    REMEDY = "remedy", _("责令采取补救措施或赔偿（第七十六条）")
    MODIFY = "modify", _("判决变更（第七十七条）")
    AGREEMENT = "agreement", _("行政协议判决（第七十八条）")
    NOT_DOCKETED = "not_docketed", _("不予立案")
    DISMISS_SUIT = "dismiss_suit", _("驳回起诉")
    WITHDRAWAL = "withdrawal", _("准予撤诉")
    MEDIATED = "mediated", _("调解结案（第六十条）")


Oc = Outcome

#: Judgments against the agency: 败诉 / 被纠错 (行诉法第七十条、第七十二条至第七十八条).
LOST_OUTCOMES = frozenset(
    {
        Oc.REVOKE,
        Oc.REVOKE_REDO,
        Oc.PERFORM_DUTY,
        Oc.PAYMENT,
        Oc.CONFIRM_ILLEGAL,
        Oc.CONFIRM_VOID,
        Oc.REMEDY,
        Oc.MODIFY,
        Oc.AGREEMENT,
    }
)
RULING_OUTCOMES = frozenset({Oc.NOT_DOCKETED, Oc.DISMISS_SUIT, Oc.WITHDRAWAL})
#: 行诉法第八十五条 with 行诉解释: rulings a party may appeal (不予立案, 驳回起诉).
APPEALABLE_RULINGS = frozenset({Oc.NOT_DOCKETED, Oc.DISMISS_SUIT})
#: Outcomes that require the agency to act (行诉法第九十四条: performance of an effective judgment).
PERFORMANCE_OUTCOMES = frozenset(LOST_OUTCOMES - {Oc.CONFIRM_ILLEGAL, Oc.CONFIRM_VOID})


def outcome_form(outcome: str) -> str:
    if outcome == Oc.MEDIATED:
        return OutcomeForm.MEDIATION
    return OutcomeForm.RULING if outcome in RULING_OUTCOMES else OutcomeForm.JUDGMENT


class WithdrawalReason(models.TextChoices):
    VOLUNTARY = "voluntary", _("原告自愿撤诉")
    AGENCY_CHANGED = "agency_changed", _("被告改变被诉行政行为后原告撤诉")


class RecommendationKind(models.TextChoices):
    PROCURATORIAL = "procuratorial", _("检察建议")
    JUDICIAL = "judicial", _("司法建议")


class EventKind(models.TextChoices):
    REGISTER = "register", _("登记应诉案件")
    DEFEND = "defend", _("提交答辩状和证据")
    HEARING = "hearing", _("登记开庭")
    ATTENDANCE = "attendance", _("登记出庭情况")
    DECIDE = "decide", _("登记裁判结果")
    APPEAL = "appeal", _("上诉")
    TAKE_EFFECT = "take_effect", _("裁判生效")
    PERFORMANCE = "performance", _("履行生效裁判")
    RECOMMENDATION = "recommendation", _("检察建议/司法建议")
    CLOSE = "close", _("结案")


# --- the transition table -------------------------------------------------------------------------------

TRANSITIONS = (
    Transition(
        "defend",
        (S.RESPONDING,),
        S.IN_TRIAL,
        _("提交答辩状和证据"),
        PERM_CHANGE,
        service="case_file_defence",
        basis=_("《中华人民共和国行政诉讼法》第六十七条第一款"),
    ),
    Transition(
        "decide",
        (S.IN_TRIAL,),
        S.DECIDED,
        _("登记裁判结果"),
        PERM_CHANGE,
        service="case_record_outcome",
        basis=_("《中华人民共和国行政诉讼法》第六十九条至第七十八条"),
    ),
    Transition(
        "appeal",
        (S.DECIDED,),
        S.APPEALED,
        _("上诉"),
        PERM_CHANGE,
        service="case_appeal",
        basis=_("《中华人民共和国行政诉讼法》第八十五条"),
    ),
    Transition(
        "take_effect",
        (S.DECIDED,),
        S.EFFECTIVE,
        _("确认裁判生效"),
        PERM_CHANGE,
        service="case_take_effect",
        basis=_("《中华人民共和国行政诉讼法》第八十五条"),
        style="success",
    ),
    Transition(
        "close",
        (S.EFFECTIVE,),
        S.CLOSED,
        _("结案"),
        PERM_CHANGE,
        service="case_close",
        basis=_("《中华人民共和国行政诉讼法》第九十四条"),
        style="secondary",
    ),
)
WORKFLOW = Workflow(transitions=TRANSITIONS, event_model="litigation.CaseEvent", event_subject="case")
