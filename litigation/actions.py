"""The case page's action catalogue: slug → form, the service it calls, the transition that offers it
(if any), the statuses it belongs to and help — no rules (those are in services/gates.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.jurisdiction import unit_in_jurisdiction
from core.workflow import is_user

from . import forms, services
from .choices import PERM_CHANGE, WORKFLOW, CaseStatus
from .services import gates


@dataclass(frozen=True)
class Action:
    slug: str
    label: str
    form_class: type
    perform: Callable  # (case, actor, **cleaned) -> result
    transition: str = ""
    statuses: tuple = ()
    gate: Callable | None = None  # (case) -> bool: offered only when True
    help: str = ""
    icon: str = "bi-pencil-square"
    style: str = "primary"


S = CaseStatus

ACTIONS = (
    Action(
        "defend",
        _("提交答辩状和证据"),
        forms.DefenceForm,
        lambda case, actor, **kw: services.case_file_defence(case=case, actor=actor, **kw),
        transition="defend",
        help=_(
            "被告应当在收到起诉状副本之日起十五日内提交作出行政行为的证据和依据，并提出答辩状（《行政诉讼法》第六十七条）。"
        ),
        icon="bi-file-earmark-text",
    ),
    Action(
        "hearing",
        _("登记开庭"),
        forms.HearingForm,
        lambda case, actor, **kw: services.hearing_schedule(case=case, actor=actor, **kw),
        statuses=(S.RESPONDING, S.IN_TRIAL),
        help=_("系统依出庭规定第四条第一款判断负责人是否应当出庭，应当出庭的向被告负责人发送出庭应诉提醒。"),
        icon="bi-calendar-event",
    ),
    Action(
        "decide",
        _("登记裁判结果"),
        forms.OutcomeForm,
        lambda case, actor, **kw: services.case_record_outcome(case=case, actor=actor, **kw),
        transition="decide",
        help=_("是否败诉由裁判结果自动判断（《行政诉讼法》第七十条、第七十二条至第七十八条）。"),
        icon="bi-hammer",
    ),
    Action(
        "appeal",
        _("上诉"),
        forms.AppealForm,
        lambda case, actor, **kw: services.case_appeal(case=case, actor=actor, **kw),
        transition="appeal",
        gate=gates.is_appealable,
        help=_("不服判决的上诉期限为十五日，不服裁定的为十日（《行政诉讼法》第八十五条）。"),
        icon="bi-arrow-up-right-square",
    ),
    Action(
        "take_effect",
        _("确认裁判生效"),
        forms.EffectForm,
        lambda case, actor, **kw: services.case_take_effect(case=case, actor=actor, **kw),
        transition="take_effect",
        icon="bi-check2-circle",
        style="success",
    ),
    Action(
        "performance",
        _("登记应履行事项"),
        forms.PerformanceForm,
        lambda case, actor, **kw: services.performance_add(case=case, actor=actor, **kw),
        statuses=(S.EFFECTIVE,),
        gate=lambda case: bool(case.agency_lost),
        help=_(
            "行政机关拒绝履行判决、裁定、调解书的，人民法院可以采取执行措施（《行政诉讼法》第九十六条）。"
        ),
        icon="bi-list-check",
    ),
    Action(
        "close",
        _("结案"),
        forms.CloseForm,
        lambda case, actor, **kw: services.case_close(case=case, actor=actor, **kw),
        transition="close",
        icon="bi-archive",
        style="secondary",
    ),
    Action(
        "recommendation",
        _("登记检察建议/司法建议"),
        forms.RecommendationForm,
        lambda case, actor, **kw: services.recommendation_register(case=case, actor=actor, **kw),
        statuses=tuple(S.values),
        icon="bi-envelope-paper",
        style="outline-primary",
    ),
)
BY_SLUG = {a.slug: a for a in ACTIONS}


def available(case, user) -> list[Action]:
    """The actions `user` may take on `case` now (status, permission, jurisdiction, gate)."""
    transitions = {t.name for t in WORKFLOW.available(case, user)}
    may_change = is_user(user) and user.has_perm(PERM_CHANGE) and unit_in_jurisdiction(user, case.org_unit)
    result = []
    for action in ACTIONS:
        if action.transition:
            ok = action.transition in transitions
        else:
            ok = may_change and case.status in action.statuses
        if ok and (action.gate is None or action.gate(case)):
            result.append(action)
    return result
