"""The action catalogue of the mediation case page: for each slug its form, the one service it calls,
the transition that offers it (or the gate of a step that does not change the status), the help text
and the document to offer afterwards. No rule is decided here (docs/workflow.md, section 3)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import forms, services
from .choices import (
    PERM_CHANGE,
    TRANSITIONS_BY_NAME,
    VISIT_STATUSES,
    WORKFLOW,
    CaseStatus,
)


@dataclass(frozen=True)
class CaseAction:
    slug: str
    label: str | Promise
    form_class: type
    service: str = ""
    transition: str | None = None
    gate: Callable | None = None  # (case, user) -> refusal ("" when it may be taken)
    intro: str | Promise = ""
    icon: str = "bi-pencil-square"
    style: str = "outline-primary"
    perm: str = PERM_CHANGE
    extra: dict | None = None  # fixed service keyword arguments
    document: str = ""

    @property
    def basis(self) -> str:
        return str(TRANSITIONS_BY_NAME[self.transition].basis) if self.transition else ""

    def perform(self, form, case, user):
        name = self.service or TRANSITIONS_BY_NAME[self.transition].service
        kwargs = {**form.service_kwargs(), **(self.extra or {})}
        return getattr(services, name)(case=case, actor=user, **kwargs)


def _while(*statuses) -> Callable:
    def gate(case, user) -> str:
        return "" if case.status in statuses else _("当前状态不能办理此事项。")

    return gate


def _confirmation_gate(case, user) -> str:
    return services.confirmation_refusal(case)


ACTIONS: tuple[CaseAction, ...] = (
    CaseAction(
        "start",
        gettext_lazy("开始调解"),
        forms.StartForm,
        transition="start",
        icon="bi-play-circle",
        style="success",
        intro=gettext_lazy("当事人一方明确拒绝调解的，不得调解（《人民调解法》第十七条）。"),
    ),
    CaseAction(
        "session",
        gettext_lazy("记录调解情况"),
        forms.SessionForm,
        service="session_record",
        gate=_while(CaseStatus.MEDIATING),
        icon="bi-journal-text",
        intro=gettext_lazy("人民调解员应当记录调解情况（《人民调解法》第二十七条）。"),
    ),
    CaseAction(
        "agree",
        gettext_lazy("达成调解协议"),
        forms.AgreeForm,
        transition="agree",
        icon="bi-file-earmark-check",
        style="success",
        document="agreement",
        intro=gettext_lazy(
            "书面协议应载明当事人基本情况、纠纷主要事实和争议事项及各方责任、协议内容和履行方式期限"
            "（《人民调解法》第二十九条）；口头协议记录协议内容（第二十八条）。"
        ),
    ),
    CaseAction(
        "refer",
        gettext_lazy("移交其他调解组织"),
        forms.ReferForm,
        transition="refer",
        icon="bi-signpost-split",
    ),
    CaseAction(
        "refuse",
        gettext_lazy("当事人拒绝调解"),
        forms.RefusalForm,
        transition="refuse",
        icon="bi-hand-thumbs-down",
        style="outline-danger",
        intro=gettext_lazy("当事人有权拒绝调解或者要求终止调解（《人民调解法》第二十三条第二项）。"),
    ),
    CaseAction(
        "fail",
        gettext_lazy("调解不成"),
        forms.FailForm,
        transition="fail",
        icon="bi-x-circle",
        style="outline-danger",
    ),
    CaseAction(
        "terminate",
        gettext_lazy("终止调解并告知其他途径"),
        forms.TerminateForm,
        transition="terminate",
        icon="bi-sign-stop",
        style="outline-danger",
        document="termination",
        intro=gettext_lazy(
            "调解不成的，应当终止调解，并告知当事人可以依法通过仲裁、行政、司法等途径维护权利（第二十六条）。"
        ),
    ),
    CaseAction(
        "perform-start",
        gettext_lazy("开始履行"),
        forms.DateForm,
        transition="perform_start",
        icon="bi-hourglass-split",
    ),
    CaseAction(
        "performed",
        gettext_lazy("履行完毕"),
        forms.DateForm,
        transition="performed",
        icon="bi-check2-all",
        style="success",
    ),
    CaseAction(
        "apply-confirmation",
        gettext_lazy("申请司法确认"),
        forms.ConfirmationApplyForm,
        transition="apply_confirmation",
        gate=_confirmation_gate,
        icon="bi-bank",
        intro=gettext_lazy(
            "双方当事人自调解协议生效之日起三十日内共同向人民法院申请（《人民调解法》第三十三条）。"
        ),
    ),
    CaseAction(
        "confirm",
        gettext_lazy("记录确认有效裁定"),
        forms.RulingForm,
        transition="confirm",
        extra={"confirmed": True},
        icon="bi-patch-check",
        style="success",
    ),
    CaseAction(
        "reject-confirmation",
        gettext_lazy("记录驳回申请裁定"),
        forms.RulingForm,
        transition="reject_confirmation",
        extra={"confirmed": False},
        icon="bi-patch-exclamation",
        style="outline-danger",
        intro=gettext_lazy(
            "驳回的，当事人可以变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼（《民事诉讼法》第二百零六条）。"
        ),
    ),
    CaseAction(
        "visit",
        gettext_lazy("记录回访"),
        forms.VisitForm,
        service="return_visit_record",
        gate=_while(*VISIT_STATUSES),
        icon="bi-telephone",
    ),
)

ACTIONS_BY_SLUG = {a.slug: a for a in ACTIONS}


def refusal(action: CaseAction, case, user) -> str | None:
    """None when the page offers the action now; otherwise why not ("" for a plain status refusal)."""
    if action.transition is not None:
        if TRANSITIONS_BY_NAME[action.transition] not in WORKFLOW.available(case, user):
            return ""
    elif not user.has_perm(action.perm) or not WORKFLOW.allows(user, TRANSITIONS_BY_NAME["start"], case):
        return ""
    if action.gate is not None:
        why = action.gate(case, user)
        if why:
            return why
    return None


def case_actions(case, user) -> list[CaseAction]:
    return [a for a in ACTIONS if refusal(a, case, user) is None]
