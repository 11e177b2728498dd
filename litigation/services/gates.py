"""Pure predicates of the litigation law (docs/law/litigation.md, "Gates"): the services call them
under the row lock, the pages call them to show what is missing. No database writes here."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from ..choices import (
    COUNTING_POSITIONS,
    LOST_OUTCOMES,
    MUST_APPEAR_SECTORS,
    PERFORMANCE_OUTCOMES,
    Instance,
    MustAppearGround,
    Outcome,
    OutcomeForm,
    outcome_form,
)
from ..deadlines import appeal_rule


def must_appear_grounds(case, *, court_requested_head: bool) -> list[str]:
    """出庭规定第四条第一款 and 行诉解释第一百二十九条: the grounds on which the head must appear."""
    grounds = []
    if case.sector in MUST_APPEAR_SECTORS:
        grounds.append(MustAppearGround.SECTOR)
    if case.public_concern:
        grounds.append(MustAppearGround.PUBLIC_CONCERN)
    if case.mass_incident:
        grounds.append(MustAppearGround.MASS_INCIDENT)
    if court_requested_head:
        grounds.append(MustAppearGround.COURT_NOTICE)
    return [str(g.value) for g in grounds]


def head_counts(head_name: str, head_position: str) -> bool:
    """出庭规定第二条: only a named 正职, 副职 or 分管负责人 of the defendant counts as its head."""
    return bool(head_name.strip()) and head_position in COUNTING_POSITIONS


def lawyer_only(*, head_name: str, staff_names: str, lawyer_names: str) -> bool:
    """行诉解释第一百二十八条第一款: the agency may not send only lawyers (no head, no staff)."""
    return bool(lawyer_names.strip()) and not head_name.strip() and not staff_names.strip()


def attendance_blockers(
    hearing,
    *,
    head_name: str,
    head_position: str,
    head_spoke: bool,
    absence_reason: str,
    absence_proof: str,
    appeared_instead: str,
    today: date,
) -> list[tuple[str, str]]:
    """What stops an attendance record: (field, message) pairs, each citing its article."""
    blockers = []
    if hearing.date > today:
        blockers.append(("hearing", _("开庭日期尚未到来，不能登记出庭情况。")))
    if head_position and not head_name.strip():
        blockers.append(("head_name", _("请填写出庭负责人姓名。")))
    counts = head_counts(head_name, head_position)
    if head_spoke and not counts:
        blockers.append(("head_spoke", _("负责人未出庭，不能登记负责人发表意见（出庭规定第十一条第三款）。")))
    if absence_reason and counts:
        blockers.append(("absence_reason", _("负责人已出庭，无需填写不能出庭的理由。")))
    if absence_reason and not absence_proof.strip():
        blockers.append(("absence_proof", _("负责人不能出庭的，应当提交相关证明材料（出庭规定第九条）。")))
    if absence_proof.strip() and not absence_reason:
        blockers.append(("absence_reason", _("请从出庭规定第八条所列情形中选择不能出庭的理由。")))
    if absence_reason and not appeared_instead.strip():
        blockers.append(
            ("appeared_instead", _("负责人不能出庭的，应当委托相应的工作人员出庭（出庭规定第十条）。"))
        )
    return blockers


def defence_on_time(due: date | None, *, defence_filed_on: date, evidence_filed_on: date) -> bool:
    """行诉法第六十七条第一款: defence and evidence both within the 15 days (第三十四条第二款: late
    evidence is treated as no evidence)."""
    if due is None:
        return True
    return defence_filed_on <= due and evidence_filed_on <= due


def agency_lost(outcome: str) -> bool:
    """Docs/law/litigation.md: lost (败诉/被纠错) = 行诉法第七十条、第七十二条至第七十八条 judgments."""
    return outcome in LOST_OUTCOMES


def outcome_blockers(
    case, *, outcome: str, outcome_on: date, served_on: date, withdrawal_reason: str, today: date
) -> list[tuple[str, str]]:
    blockers = []
    if outcome_on > today:
        blockers.append(("outcome_on", _("裁判日期不能晚于今天。")))
    if served_on > today:
        blockers.append(("served_on", _("送达日期不能晚于今天。")))
    if served_on < outcome_on:
        blockers.append(("served_on", _("送达日期不能早于裁判日期。")))
    if outcome_on < case.complaint_received_on:
        blockers.append(("outcome_on", _("裁判日期不能早于收到起诉状副本日期。")))
    if outcome == Outcome.WITHDRAWAL and not withdrawal_reason:
        blockers.append(("withdrawal_reason", _("准予撤诉的，请选择撤诉原因。")))
    if outcome != Outcome.WITHDRAWAL and withdrawal_reason:
        blockers.append(("withdrawal_reason", _("只有准予撤诉的才填写撤诉原因。")))
    if outcome == Outcome.NOT_DOCKETED and case.instance != Instance.FIRST:
        blockers.append(("outcome", _("不予立案只适用于一审。")))
    return blockers


def is_appealable(case) -> bool:
    """行诉法第八十五条: a first-instance judgment, or a ruling of 不予立案 / 驳回起诉."""
    return appeal_rule(case) is not None


def appeal_blockers(case, *, appealed_on: date, due: date | None, today: date) -> list[tuple[str, str]]:
    blockers = []
    if not is_appealable(case):
        blockers.append(
            ("appealed_on", _("二审、再审裁判及调解书、准予撤诉裁定不能上诉（《行政诉讼法》第八十五条）。"))
        )
    if appealed_on > today:
        blockers.append(("appealed_on", _("上诉日期不能晚于今天。")))
    if case.served_on and appealed_on < case.served_on:
        blockers.append(("appealed_on", _("上诉日期不能早于送达日期。")))
    if due is not None and appealed_on > due:
        blockers.append(
            (
                "appealed_on",
                _("已超过上诉期限（%(due)s 届满），不能上诉（《行政诉讼法》第八十五条）。")
                % {"due": due.isoformat()},
            )
        )
    return blockers


def effective_blockers(case, *, effective_on: date, due: date | None, today: date) -> list[tuple[str, str]]:
    """A first-instance outcome takes effect only after the appeal period ran out unused (第八十五条)."""
    blockers = []
    if effective_on > today:
        blockers.append(("effective_on", _("生效日期不能晚于今天。")))
    if due is not None and effective_on <= due:
        blockers.append(
            (
                "effective_on",
                _("上诉期限至 %(due)s 届满，届满前裁判尚未生效（《行政诉讼法》第八十五条）。")
                % {"due": due.isoformat()},
            )
        )
    return blockers


def needs_performance(case) -> bool:
    """行诉法第九十四条: the agency must perform an effective judgment it lost that orders an act."""
    return case.outcome_form == OutcomeForm.JUDGMENT and case.outcome in PERFORMANCE_OUTCOMES


def close_blockers(case, performances) -> list[tuple[str, str]]:
    blockers = []
    if needs_performance(case) and not performances:
        blockers.append(("on", _("生效判决要求被告履行，请先登记应履行事项（《行政诉讼法》第九十四条）。")))
    if any(p.done_on is None for p in performances):
        blockers.append(("on", _("尚有应履行事项未履行完毕，不能结案（《行政诉讼法》第九十四条）。")))
    return blockers


__all__ = [
    "agency_lost",
    "appeal_blockers",
    "attendance_blockers",
    "close_blockers",
    "defence_on_time",
    "effective_blockers",
    "head_counts",
    "is_appealable",
    "lawyer_only",
    "must_appear_grounds",
    "needs_performance",
    "outcome_blockers",
    "outcome_form",
]
