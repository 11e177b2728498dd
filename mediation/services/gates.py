"""Pure checks of the mediation rules (docs/law/mediation.md, "Gates"): the services raise them under
the row lock, the case page uses them to offer only what may be done. Each returns "" when the step
may be taken, or the refusal in Chinese citing the article."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from accounts.choices import UnitKind
from core.exceptions import ApplicationError, GateError
from deadlines.engine import compute

from ..choices import CONFIRMABLE_TYPES, AgreementForm, CaseSource, OtherRoute
from ..deadlines import JUDICIAL_CONFIRMATION


def refuse(message: str, error=GateError, *, field: str | None = None) -> None:
    if message:
        raise error(message, field=field)


def start_refusal(case) -> str:
    # 人民调解法第十七条: "当事人一方明确拒绝调解的，不得调解" — mediation starts on consent only.
    if not case.consent_recorded:
        return _(
            "须当事人同意调解后方可开始调解；当事人一方明确拒绝调解的，不得调解（《人民调解法》第十七条）。"
        )
    return ""


def court_entrusted_refusal(*, source: str, materials_received_on: date | None) -> str:
    # 特邀调解规定第二十一条: the 30-day period runs from the mediator's receipt of the file.
    if source == CaseSource.COURT_ENTRUSTED and materials_received_on is None:
        return _("法院委托调解的，须填写收到案件材料日期（委托调解期限自该日起算）。")
    return ""


def refer_refusal(case, to_unit) -> str:
    # 人民调解法第十八条 and the 三调联动 practice: a case passes to another mediation organisation.
    if to_unit is None:
        return _("请选择接收的调解组织。")
    if to_unit.kind != UnitKind.MEDIATION:
        return _("只能移交给调解组织（人民调解委员会、诉调对接中心等）。")
    if to_unit.pk == case.org_unit_id:
        return _("不能移交给本单位。")
    return ""


def agreement_blockers(
    *, form: str, parties_info: str, facts: str, content: str, performance_method: str, performance_due_on
) -> list[tuple[str, str]]:
    """(field, message) for each missing item of the agreement (人民调解法第二十八条、第二十九条)."""
    blockers: list[tuple[str, str]] = []
    if not content.strip():
        blockers.append(("content", _("请填写调解协议内容（《人民调解法》第二十八条、第二十九条第三项）。")))
    if form == AgreementForm.WRITTEN:
        if not parties_info.strip():
            blockers.append(
                ("parties_info", _("调解协议书应载明当事人的基本情况（《人民调解法》第二十九条第一项）。"))
            )
        if not facts.strip():
            blockers.append(
                (
                    "facts",
                    _("调解协议书应载明纠纷的主要事实、争议事项以及各方当事人的责任（第二十九条第二项）。"),
                )
            )
        if not performance_method.strip() or performance_due_on is None:
            blockers.append(
                (
                    "performance_method",
                    _("调解协议书应载明履行的方式、期限（《人民调解法》第二十九条第三项）。"),
                )
            )
    return blockers


def terminate_refusal(routes) -> str:
    # 人民调解法第二十六条: on failure, tell the parties the other routes to protect their rights.
    valid = [r for r in routes if r in OtherRoute.values]
    if not valid:
        return _("终止调解须告知当事人可以通过仲裁、行政、司法等途径维护权利（《人民调解法》第二十六条）。")
    return ""


def is_confirmable(case) -> bool:
    return case.mediation_type in CONFIRMABLE_TYPES


def confirmation_due(agreement) -> date:
    """人民调解法第三十三条: the last day for the joint application (the kernel's engine)."""
    return compute(JUDICIAL_CONFIRMATION, agreement.effective_on).due


def confirmation_refusal(case, *, applied_on: date | None = None, joint: bool = True) -> str:
    """Whether a joint application for judicial confirmation may be recorded (第三十三条)."""
    if not is_confirmable(case):
        return _("司法调解、行政复议调解的调解书自身具有执行力，无需申请司法确认。")
    agreement = getattr(case, "agreement", None)
    if agreement is None:
        return _("尚无调解协议。")
    if not joint:
        return _("司法确认应由双方当事人共同申请（《人民调解法》第三十三条、《民事诉讼法》第二百零五条）。")
    if applied_on is not None:
        if applied_on < agreement.effective_on:
            return _("申请日期不能早于调解协议生效日期。")
        due = confirmation_due(agreement)
        if applied_on > due:
            return _(
                "申请司法确认应自调解协议生效之日起三十日内提出（至 %(due)s），"
                "已超过期限（《人民调解法》第三十三条）。"
            ) % {"due": f"{due:%Y-%m-%d}"}
    return ""


def check_date(
    d: date | None, *, field: str, label: str, today: date, not_before: date | None = None
) -> date:
    if d is None:
        raise ApplicationError(_("请填写%(label)s。") % {"label": label}, field=field)
    if d > today:
        raise ApplicationError(_("%(label)s不能晚于今天。") % {"label": label}, field=field)
    if not_before is not None and d < not_before:
        raise ApplicationError(
            _("%(label)s不能早于%(date)s。") % {"label": label, "date": f"{not_before:%Y-%m-%d}"}, field=field
        )
    return d
