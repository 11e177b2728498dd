"""Gates of administrative reconsideration: pure checks (no writes) that the services raise on
and the pages show as hints, and who may approve or sign in a case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.choices import UnitKind
from accounts.jurisdiction import jurisdiction_root, unit_in_jurisdiction
from accounts.roles import users_with_perm
from core.exceptions import ApplicationError, GateError
from core.workflow import is_user
from deadlines.clocks import latest_clock, open_clock
from deadlines.engine import add_months, compute
from disputes.choices import ActType

from .. import deadlines as clocks
from ..choices import (
    COMPENSABLE_OUTCOMES,
    CONCLUDED_STATUSES,
    DECISION_OUTCOMES,
    INTAKE_STATUSES,
    LAW_SHORT,
    PERM_APPROVE,
    PERM_CHANGE,
    PROPERTY_RETURN_OUTCOMES,
    SIMPLE_AMOUNT_LIMIT,
    CaseStatus,
    Compensation,
    DecisionOutcome,
    NoEvidenceDisposition,
    SimpleGround,
)
from ..models import SignerAuthorisation
from ._common import (
    _fmt,
    _text,
    _today,
)

#: 复议法第二十一条: outer limits counted from the act (years).
OUTER_LIMIT_YEARS = 5


OUTER_LIMIT_YEARS_REAL_ESTATE = 20


def can_approve(user, case) -> bool:
    """复议机构负责人 of this body: holds the approve permission and the case's body is their own body
    (a county body's cases go to that county's head, not to the city's; docs/workflow.md "Four eyes")."""
    if not (is_user(user) and user.is_active and user.has_perm(PERM_APPROVE)):
        return False
    root = jurisdiction_root(user)
    return root is None or (root is not False and root.pk == case.org_unit_id)


def can_sign_decision(user, case, *, on: date | None = None) -> bool:
    """复议法第六十一条第一款 "经行政复议机关的负责人同意": an active leader (is_unit_leader) of the body
    government itself, or a 复议机构负责人 of the body whom the body authorised to sign on day `on`
    (a `SignerAuthorisation` record: who authorised whom, from when, until when)."""
    if not (is_user(user) and user.is_active):
        return False
    if user.is_unit_leader and user.unit_id == case.org_unit_id:
        return True
    on = on or _today()
    return (
        can_approve(user, case)
        and SignerAuthorisation.objects.filter(body_id=case.org_unit_id, authorised=user, valid_from__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .exists()
    )


@dataclass(frozen=True)
class ApplicationPeriod:
    """The application period of 复议法第二十条 as computed for one application."""

    due: date
    trace: list[str]
    late: bool


def application_period(
    *,
    knew_of_act_on: date,
    submitted_on: date,
    act_stated_right_to_apply: bool = True,
    knew_of_right_on: date | None = None,
    obstacle_from: date | None = None,
    obstacle_to: date | None = None,
) -> ApplicationPeriod:
    """复议法第二十条: 60 days from knowing of the act (`recon.application`).

    第三款: if the act did not state the right to apply, the 60 days run from knowing the right, but no
    later than one year from knowing the act's content (`recon.application_max`) — the earlier wins.
    第二款: time lost to force majeure or another proper obstacle does not count — the period stops on
    the obstacle's first day and continues when it is removed (a suspension of the clock; our reading
    applies it to the one-year cap as well).
    """
    if not act_stated_right_to_apply and knew_of_right_on is None:
        raise ApplicationError(
            _("行政行为未告知复议权利的，请填写申请人知道复议权利之日（%(law)s第二十条第三款）。")
            % {"law": LAW_SHORT},
            field="knew_of_right_on",
        )
    trigger = knew_of_act_on if act_stated_right_to_apply else knew_of_right_on

    def suspensions_from(start: date):
        if obstacle_from is None or obstacle_to is None or obstacle_to <= start:
            return ()
        return ((max(obstacle_from, start), obstacle_to),)

    try:
        ordinary = compute(clocks.APPLICATION, trigger, suspensions=suspensions_from(trigger))
        due, trace = ordinary.due, list(ordinary.trace)
        if not act_stated_right_to_apply:
            cap = compute(
                clocks.APPLICATION_MAX, knew_of_act_on, suspensions=suspensions_from(knew_of_act_on)
            )
            trace += [
                _("行政机关未告知申请复议的权利，申请期限最长不超过一年（第二十条第三款）："),
                *cap.trace,
            ]
            if cap.due < due:
                due = cap.due
                trace.append(_("两者取较早者：申请期限届满日 %(due)s") % {"due": _fmt(due)})
    except ApplicationError as exc:
        raise GateError(
            _("无法按所填障碍期间计算申请期限：%(why)s（%(law)s第二十条第二款）")
            % {"why": exc.message, "law": LAW_SHORT},
            field="obstacle_from",
        ) from exc
    late = submitted_on > due
    if late:
        trace.append(_("申请提出日 %(day)s 晚于届满日，已超过申请期限") % {"day": _fmt(submitted_on)})
    else:
        trace.append(_("申请提出日 %(day)s，在申请期限内") % {"day": _fmt(submitted_on)})
    return ApplicationPeriod(due=due, trace=[str(line) for line in trace], late=late)


def late_application_refusal(case) -> str:
    """复议法第二十条第二款: "申请期限自障碍消除之日起继续计算" — a late application is accepted only if,
    with the obstacle's days (its recorded dates and reason) not counted, it was made within the period.
    A reason alone does not waive the period. ("" when it may be accepted.)"""
    if not case.is_late:
        return ""
    if not _text(case.delay_reason) or case.obstacle_from is None or case.obstacle_to is None:
        return str(
            _(
                "申请超过法定申请期限（届满日 %(due)s）；因不可抗力或者其他正当理由耽误的，"
                "须记录障碍的发生日、消除日和理由，申请期限按障碍期间顺延，否则应当决定不予受理"
                "（%(law)s第二十条第二款、第三十条第一款第四项）。"
            )
            % {"due": _fmt(case.application_due_on), "law": LAW_SHORT}
        )
    return str(
        _(
            "扣除障碍期间后申请仍超过法定申请期限（届满日 %(due)s），应当决定不予受理"
            "（%(law)s第二十条第二款）。"
        )
        % {"due": _fmt(case.application_due_on), "law": LAW_SHORT}
    )


def outer_limit(case) -> date:
    """复议法第二十一条: the last day of the 5-year (real estate: 20-year) limit from the act."""
    years = OUTER_LIMIT_YEARS_REAL_ESTATE if case.concerns_real_estate else OUTER_LIMIT_YEARS
    return add_months(case.act_date, 12 * years)


def competent_body(respondent):
    """复议法第二十四条第一款: the government one level above the respondent — a department's own
    government, or for a lower government (or a township) the government above it."""
    governments = [
        unit
        for unit in respondent.ancestors()
        if unit.kind == UnitKind.GOVERNMENT and unit.pk != respondent.pk
    ]
    return governments[-1] if governments else None


def simple_procedure_grounds(case) -> list[str]:
    """复议法第五十三条: the grounds the case's facts support for the simplified procedure."""
    grounds = []
    if case.act_on_the_spot:
        grounds.append(SimpleGround.ON_THE_SPOT)
    if case.act_is_warning:
        grounds.append(SimpleGround.WARNING)
    if case.act_amount is not None and case.act_amount <= Decimal(SIMPLE_AMOUNT_LIMIT):
        grounds.append(SimpleGround.SMALL_AMOUNT)
    if case.is_info_disclosure:
        grounds.append(SimpleGround.INFO_DISCLOSURE)
    if case.parties_agreed_simple:
        grounds.append(SimpleGround.CONSENT)
    return grounds


def acceptance_review_due(case) -> date | None:
    clock = open_clock(case, clocks.ACCEPTANCE_REVIEW)
    return clock.due_date if clock else None


def respondent_reply_due(case, *, deadlines=None) -> date | None:
    """`deadlines`: every clock of the case, when the caller has them (`deadlines.clocks.latest_clock`)."""
    clock = latest_clock(case, *clocks.REPLY_RULES, rows=deadlines)
    return clock.due_date if clock else None


def respondent_defaulted(case, *, on: date, deadlines=None) -> bool:
    """复议法第七十条: the respondent did not reply in writing, or did not produce the evidence and
    basis, within `recon.respondent_reply(_simple)` — judged on day `on`.

    A reply received late, or without the evidence, counts as no reply. Before the copy reached the
    respondent the period has not begun, so there is no default.
    """
    if case.respondent_received_copy_on is None:
        return False
    due = respondent_reply_due(case, deadlines=deadlines)
    if due is None:
        return False
    if case.reply_received_on is None:
        return on > due
    return case.reply_received_on > due or case.reply_with_evidence is False


def allowed_outcomes(case, *, on: date | None = None) -> list[str]:
    """The outcomes `case_decide` accepts on day `on` (复议法第七十条 narrows them). 第七十条 judges the
    act; it does not stop the body from dismissing an application that, as found after acceptance, did
    not meet the conditions of acceptance (第三十三条: "应当决定驳回申请")."""
    on = on or _today()
    if respondent_defaulted(case, on=on) and not case.third_party_evidence_provided:
        return [DecisionOutcome.NO_EVIDENCE, DecisionOutcome.DISMISS_APPLICATION]
    return [o for o in DECISION_OUTCOMES if o != DecisionOutcome.NO_EVIDENCE]


def reply_period_refusal(case, *, on: date, deadlines=None) -> str:
    """复议法第四十八条、第五十四条: the respondent replies within 10 (simplified: 5) working days of
    receiving the copy. The decision waits for the reply or for the end of that period — and the period
    can only be judged once the receipt (or service) of the copy is recorded. ("" when it may be
    decided.)"""
    if case.respondent_received_copy_on is None:
        return str(
            _(
                "尚未记录被申请人收到申请书副本的日期（或送达记录），答复期限无从起算，不能作出决定"
                "（%(law)s第四十八条、第五十四条）。"
            )
            % {"law": LAW_SHORT}
        )
    if case.reply_received_on is not None and case.reply_received_on <= on:
        return ""
    due = respondent_reply_due(case, deadlines=deadlines)
    if due is not None and on <= due:
        return str(
            _(
                "被申请人的答复期限至 %(due)s 尚未届满，且尚未收到书面答复，不能作出决定"
                "（%(law)s第四十八条、第五十四条、第七十条）。"
            )
            % {"due": _fmt(due), "law": LAW_SHORT}
        )
    return ""


def mediation_first_policy() -> bool:
    """能调尽调 is this office's policy (setting RECONSIDERATION_MEDIATION_FIRST, default on), not the
    statute: 复议法第五条 only says the body "可以进行调解"."""
    return bool(getattr(settings, "RECONSIDERATION_MEDIATION_FIRST", True))


def _any_row(case, name: str, test: Callable, **lookups) -> bool:
    """Whether a row of the case's list `name` (a related name) matches: `test` on the rows when the
    case page has already fetched them (selectors.case_detail), else `lookups` in one EXISTS query."""
    rows = getattr(case, "_prefetched_objects_cache", {}).get(name)
    if rows is not None:
        return any(test(row) for row in rows)
    return getattr(case, name).filter(**lookups).exists()


def _hearing_held(case, on: date) -> bool:
    return _any_row(case, "hearings", lambda h: h.held and h.date <= on, held=True, date__lte=on)


def parties_heard_refusal(case, *, on: date) -> str:
    """复议法第四十九条: in the ordinary procedure the parties are heard (in person, online, by phone)
    and their views recorded; if they could not be heard for reasons of their own (recorded), the case
    is reviewed in writing. A hearing held (第五十条) hears them too."""
    if case.is_simple:
        return ""
    if _any_row(case, "party_hearings", lambda p: p.heard_on <= on, heard_on__lte=on):
        return ""
    if _hearing_held(case, on):
        return ""
    return str(
        _(
            "普通程序审理的案件，应当当面或者通过互联网、电话等方式听取当事人的意见并记录在案；"
            "因当事人原因不能听取意见的，须记录后方可书面审理（%(law)s第四十九条）。"
        )
        % {"law": LAW_SHORT}
    )


def outcome_refusal(case, outcome: str) -> str:
    """复议法第六十九条: 驳回复议请求 is for an application about the failure to perform a statutory duty
    (不履行法定职责) — the respondent had no such duty or had performed it before acceptance."""
    if outcome == DecisionOutcome.DISMISS_REQUEST and case.act_type != ActType.NONPERFORMANCE:
        return str(
            _(
                "驳回行政复议请求仅适用于申请人认为被申请人不履行法定职责的案件（%(law)s第六十九条）；"
                "对本案的行政行为请选择维持、撤销、变更、确认违法等决定。"
            )
            % {"law": LAW_SHORT}
        )
    return ""


def act_concerns_property(case) -> bool:
    """复议法第七十二条第二款: the act is a fine, a confiscation, a levy or expropriation, or a
    seizure / freeze of property. [our rule] Read from the recorded facts: an expropriation (征收征用),
    or a penalty or compulsory measure with an amount."""
    if case.act_type == ActType.EXPROPRIATION:
        return True
    return case.act_type in (ActType.PENALTY, ActType.COERCION) and bool(case.act_amount)


def _effective_outcome(outcome: str, no_evidence_disposition: str = "") -> str:
    """A 第七十条 decision counts as its disposition (撤销, 部分撤销, 确认违法, 确认无效, 责令履行)."""
    if outcome != DecisionOutcome.NO_EVIDENCE:
        return outcome
    return {
        NoEvidenceDisposition.REVOKE: DecisionOutcome.REVOKE,
        NoEvidenceDisposition.PARTIAL_REVOKE: DecisionOutcome.PARTIAL_REVOKE,
        NoEvidenceDisposition.CONFIRM_ILLEGAL: DecisionOutcome.CONFIRM_ILLEGAL,
        NoEvidenceDisposition.CONFIRM_VOID: DecisionOutcome.CONFIRM_VOID,
        NoEvidenceDisposition.ORDER_PERFORM: DecisionOutcome.ORDER_PERFORM,
    }.get(no_evidence_disposition, outcome)


def compensation_choice(case, *, compensation: str = "", compensation_ordered: bool = False) -> str:
    """The 第七十二条 answer of a decision form: `compensation` (a `Compensation` value), or the older
    yes/no box read as "ordered" (with a request) or "property returned" (without one)."""
    if compensation or not compensation_ordered:
        return compensation or ""
    return Compensation.ORDERED if case.compensation_requested else Compensation.RETURNED


def required_compensation(case, *, outcome: str, no_evidence_disposition: str = "") -> str:
    """The 第七十二条第二款 answer a decision must carry without a request: "returned" when it revokes or
    varies an act on property, else "" (a request is answered by the officer: ordered or dismissed)."""
    effective = _effective_outcome(outcome, no_evidence_disposition)
    if (
        not case.compensation_requested
        and effective in PROPERTY_RETURN_OUTCOMES
        and act_concerns_property(case)
    ):
        return Compensation.RETURNED
    return ""


def compensation_refusal(case, *, outcome: str, compensation: str, no_evidence_disposition: str = "") -> str:
    """复议法第七十二条 ("" when the decision's answer on compensation is lawful).

    第一款: a request made with the application is answered in the same decision: compensation is ordered
    only with 撤销、部分撤销、变更、确认违法、确认无效; with any other outcome the request is dismissed.
    第二款: without a request, revoking (wholly or partly) or varying a fine, confiscation, levy or a
    seizure / freeze of property orders the property returned or its value paid."""
    effective = _effective_outcome(outcome, no_evidence_disposition)
    law = {"law": LAW_SHORT}
    if compensation and compensation not in Compensation.values:
        return str(_("请选择第七十二条规定的赔偿处理方式。"))
    if case.compensation_requested:
        if compensation == Compensation.ORDERED and effective not in COMPENSABLE_OUTCOMES:
            return str(
                _(
                    "只有决定撤销、部分撤销、变更或者确认违法、无效时，才能同时决定被申请人依法给予赔偿；"
                    "其他决定应当同时驳回行政赔偿请求（%(law)s第七十二条第一款）。"
                )
                % law
            )
        if compensation not in (Compensation.ORDERED, Compensation.DISMISSED):
            return str(
                _(
                    "申请人一并提出了行政赔偿请求，复议决定应当同时决定给予赔偿或者驳回行政赔偿请求"
                    "（%(law)s第七十二条第一款）。"
                )
                % law
            )
        return ""
    if compensation in (Compensation.ORDERED, Compensation.DISMISSED):
        return str(
            _("申请人未一并提出行政赔偿请求，不能决定给予赔偿或者驳回赔偿请求（%(law)s第七十二条）。") % law
        )
    returns_property = effective in PROPERTY_RETURN_OUTCOMES and act_concerns_property(case)
    if compensation == Compensation.RETURNED and not returns_property:
        return str(
            _(
                "只有撤销或者部分撤销、变更罚款、没收财物、征收征用、摊派费用以及查封、扣押、冻结财产等"
                "行政行为时，才责令返还财产或者赔偿相应的价款（%(law)s第七十二条第二款）。"
            )
            % law
        )
    if returns_property and compensation != Compensation.RETURNED:
        return str(
            _(
                "撤销或者部分撤销、变更涉及财产的行政行为（罚款、没收、征收征用、摊派、查封扣押冻结）时，"
                "应当同时责令被申请人返还财产、解除查封扣押冻结措施或者赔偿相应的价款"
                "（%(law)s第七十二条第二款）。"
            )
            % law
        )
    return ""


def decision_refusals(
    case, *, outcome: str, on: date, compensation: str = "", no_evidence_disposition: str = ""
) -> list[str]:
    """Every law check of a decision with this outcome on day `on` (empty when it may be made): the
    blockers, 第六十九条 and 第七十二条. `case_decide` raises the first; an approval step calls it too."""
    problems = decision_blockers(case, on=on)
    problems += [
        p
        for p in (
            outcome_refusal(case, outcome),
            compensation_refusal(
                case,
                outcome=outcome,
                compensation=compensation,
                no_evidence_disposition=no_evidence_disposition,
            ),
        )
        if p
    ]
    return problems


def decision_blockers(case, *, on: date | None = None, deadlines=None) -> list[str]:
    """Why a decision cannot be made yet (empty when it can): 复议法第四十八条、第四十九条、第五十条、
    第五十二条 and the office's mediation-first policy. The signer (第六十一条) and the outcome
    (第六十九条、第七十条、第七十二条) are checked by `case_decide` itself."""
    on = on or _today()
    problems: list[str] = [
        p
        for p in (reply_period_refusal(case, on=on, deadlines=deadlines), parties_heard_refusal(case, on=on))
        if p
    ]
    if case.needs_hearing and not _hearing_held(case, on):
        problems.append(
            _("本案为重大、疑难、复杂案件，应当组织听证后方可作出决定（%(law)s第五十条第一款）。")
            % {"law": LAW_SHORT}
        )
    if case.needs_committee and not _any_row(
        case, "committee_consultations", lambda c: c.meeting.date <= on, meeting__date__lte=on
    ):
        problems.append(
            _("本案%(why)s，应当提请行政复议委员会提出咨询意见后方可作出决定（%(law)s第五十二条第二款）。")
            % {
                "why": _("案情重大、疑难、复杂")
                if case.is_major_difficult_complex
                else _("专业性、技术性较强"),
                "law": LAW_SHORT,
            }
        )
    if (
        mediation_first_policy()
        and not case.mediation_attempted
        and not _text(case.mediation_not_attempted_reason)
    ):
        # The office's policy (能调尽调), not the statute: 复议法第五条 says the body "可以进行调解".
        problems.append(
            _("本机关办案政策（能调尽调，非法律规定）：作出决定前先行调解；未调解的，须记录未调解的理由。")
        )
    return [str(p) for p in problems]


def approvers_of(case) -> list:
    """Active users who may approve in this case (复议机构负责人 with jurisdiction over the body)."""
    active = get_user_model().objects.filter(is_active=True).select_related("unit__parent")
    return [u for u in users_with_perm(PERM_APPROVE, active) if can_approve(u, case)]


def signers_of(case) -> list:
    """Who may sign the decision (第六十一条第一款): the body's leaders and the authorised 复议机构负责人."""
    User = get_user_model()
    leaders = list(User.objects.filter(is_active=True, is_unit_leader=True, unit_id=case.org_unit_id))
    return leaders + [u for u in approvers_of(case) if u not in leaders and can_sign_decision(u, case)]


def _is_office_reviewer(user, case) -> bool:
    """复议机构 staff of the case's body: the officers (who handle cases) and the head."""
    return can_approve(user, case) or (
        is_user(user) and user.has_perm(PERM_CHANGE) and unit_in_jurisdiction(user, case.org_unit)
    )


# --- step gates: why a step that does not change the status cannot be taken now ("" when it can).
# The service raises the message; the case page (reconsideration/actions.py) offers the step only when
# it is "". Checks of the form's values (dates, people, the chosen hearing) stay in the services.

#: 复议法第四十八条: the respondent's receipt of the copy and its reply are recorded during the trial.
RESPONDENT_STEP_STATUSES = (CaseStatus.IN_TRIAL, CaseStatus.SUSPENDED, CaseStatus.DRAFTED)
#: 复议法第五十二条: the committee is consulted after the copy went out and before the decision.
COMMITTEE_STATUSES = (
    CaseStatus.IN_TRIAL,
    CaseStatus.SUSPENDED,
    CaseStatus.DRAFTED,
    CaseStatus.PENDING_APPROVAL,
)
#: 复议法第五条: mediation while the case is accepted and not yet concluded.
MEDIATION_STATUSES = (
    CaseStatus.ACCEPTED,
    CaseStatus.IN_TRIAL,
    CaseStatus.SUSPENDED,
    CaseStatus.DRAFTED,
    CaseStatus.PENDING_APPROVAL,
)
#: 复议法第五十五条: conversion while the trial runs (during a suspension resume first).
CONVERT_STATUSES = (CaseStatus.ACCEPTED, CaseStatus.IN_TRIAL, CaseStatus.DRAFTED)
#: 复议法第六十二条第一款: extension while the decision clock runs.
EXTEND_STATUSES = (CaseStatus.ACCEPTED, CaseStatus.IN_TRIAL, CaseStatus.DRAFTED, CaseStatus.PENDING_APPROVAL)
#: 复议法第五十条: a hearing is arranged during the trial.
HEARING_STATUSES = (CaseStatus.IN_TRIAL, CaseStatus.DRAFTED)


def _status_refusal(case, allowed, message) -> str:
    if case.status in allowed:
        return ""
    return str(message % {"status": case.get_status_display()})


def edit_refusal(case) -> str:
    """修改案件信息 / 变更承办人: not after 结案."""
    if case.status in (CaseStatus.CLOSED, CaseStatus.ARCHIVED):
        return str(_("案件已结案，不能再修改。"))
    return ""


def delay_reason_refusal(case) -> str:
    if case.status not in INTAKE_STATUSES:
        return str(_("只有受理前才能记录耽误申请期限的理由。"))
    return ""


def correction_receipt_refusal(case) -> str:
    if case.status != CaseStatus.AWAITING_CORRECTION:
        return str(_("案件不在补正中。"))
    if case.correction_notice_received_on is not None:
        return str(_("已记录申请人收到补正通知的日期。"))
    return ""


def extend_correction_refusal(case) -> str:
    """复议法第三十一条第二款: the correction period runs from the applicant's receipt of the notice."""
    if case.status != CaseStatus.AWAITING_CORRECTION:
        return str(_("案件不在补正中，不能延长补正期限。"))
    if case.correction_notice_received_on is None:
        return str(_("尚未记录申请人收到补正通知的日期，补正期限尚未起算。"))
    return ""


def copy_receipt_refusal(case) -> str:
    if case.copy_sent_on is None:
        return str(_("尚未发送申请书副本。"))
    if case.respondent_received_copy_on is not None:
        return str(_("已记录被申请人收到副本的日期。"))
    return _status_refusal(case, RESPONDENT_STEP_STATUSES, _("案件当前状态为“%(status)s”，不能记录。"))


def reply_refusal(case) -> str:
    if case.respondent_received_copy_on is None:
        return str(_("请先记录被申请人收到申请书副本的日期。"))
    if case.reply_received_on is not None:
        return str(_("已记录收到答复。"))
    return _status_refusal(case, RESPONDENT_STEP_STATUSES, _("案件当前状态为“%(status)s”，不能记录。"))


#: 复议法第四十九条: the parties are heard during the trial.
HEAR_PARTIES_STATUSES = (
    CaseStatus.ACCEPTED,
    CaseStatus.IN_TRIAL,
    CaseStatus.SUSPENDED,
    CaseStatus.DRAFTED,
    CaseStatus.PENDING_APPROVAL,
)


def stay_execution_refusal(case) -> str:
    """复议法第四十二条: a stay is decided during the case (accepted, not yet concluded)."""
    return _status_refusal(case, HEAR_PARTIES_STATUSES, _("案件当前状态为“%(status)s”，不能决定停止执行。"))


def hear_parties_refusal(case) -> str:
    return _status_refusal(case, HEAR_PARTIES_STATUSES, _("案件当前状态为“%(status)s”，不能记录听取意见。"))


def convert_refusal(case) -> str:
    if not case.is_simple:
        return str(_("本案适用普通程序，无需转换。"))
    return _status_refusal(
        case, CONVERT_STATUSES, _("案件当前状态为“%(status)s”，不能转换程序（中止期间请先恢复审理）。")
    )


def extend_status_refusal(case) -> str:
    return _status_refusal(case, EXTEND_STATUSES, _("案件当前状态为“%(status)s”，不能延长审理期限。"))


def extend_simple_refusal(case) -> str:
    if case.is_simple:
        return str(
            _(
                "简易程序的审理期限不得延长；确需延长的，应当经批准转为普通程序（%(law)s第五十五条、第六十二条）。"
            )
            % {"law": LAW_SHORT}
        )
    return ""


def extend_refusal(case) -> str:
    return extend_status_refusal(case) or extend_simple_refusal(case)


def extension_date_refusal(case, *, approved_on: date) -> str:
    """复议法第六十二条第一款: "不能在规定期限内作出……的，……可以适当延长" — the extension is approved
    while the decision period still runs: dated on or after acceptance, on or before the due date (an
    earlier real approval date may be entered), never after it — else the case would count as decided
    on time when it was not."""
    if approved_on > _today():
        return str(_("批准日期不能晚于今天。"))
    if case.accepted_on and approved_on < case.accepted_on:
        return str(_("批准日期不能早于受理日期。"))
    clock = open_clock(case, clocks.DECISION)
    if clock is not None and approved_on > clock.due_date:
        return str(
            _(
                "复议决定期限已于 %(due)s 届满，届满后不能再批准延长（批准日期 %(day)s）；"
                "延长须在期限内经批准（%(law)s第六十二条第一款）。"
            )
            % {"due": _fmt(clock.due_date), "day": _fmt(approved_on), "law": LAW_SHORT}
        )
    return ""


def convert_date_refusal(case, *, converted_on: date) -> str:
    """复议法第五十五条、第六十二条第二款: the simplified case is decided within 30 days; once they have run
    out it can no longer be converted to the ordinary procedure to gain the 60 days."""
    clock = open_clock(case, clocks.DECISION_SIMPLE)
    if clock is not None and converted_on > clock.due_date:
        return str(
            _(
                "简易程序的审理期限已于 %(due)s 届满，不能再转为普通程序"
                "（%(law)s第五十五条、第六十二条第二款）。"
            )
            % {"due": _fmt(clock.due_date), "law": LAW_SHORT}
        )
    return ""


def hearing_refusal(case) -> str:
    return _status_refusal(case, HEARING_STATUSES, _("案件当前状态为“%(status)s”，不能安排听证。"))


def hearing_record_refusal(hearing, *, on: date | None = None) -> str:
    if hearing.held:
        return str(_("该听证已记录为举行。"))
    if hearing.date > (on or _today()):
        return str(_("听证日期尚未到来。"))
    return ""


def committee_refusal(case) -> str:
    return _status_refusal(case, COMMITTEE_STATUSES, _("案件当前状态为“%(status)s”，不能提请咨询。"))


def mediation_refusal(case) -> str:
    return _status_refusal(case, MEDIATION_STATUSES, _("案件当前状态为“%(status)s”，不能调解。"))


def mediation_status_refusal(case) -> str:
    if case.status in CONCLUDED_STATUSES or case.status in (CaseStatus.CLOSED, CaseStatus.ARCHIVED):
        return str(_("案件已审结。"))
    return ""


def draft_refusal(case, user) -> str:
    """三级办案: the draft opinion is the handler's."""
    if case.handler_id is None or case.handler_id != getattr(user, "pk", None):
        return str(_("拟处理意见由本案承办人提出。"))
    return ""


def review_refusal(case, user) -> str:
    """三级办案: the office reviews the handler's draft — someone other than the handler."""
    if case.status not in (CaseStatus.DRAFTED, CaseStatus.PENDING_APPROVAL):
        return str(_("承办人提出拟处理意见后才能审核。"))
    if case.handler_id == getattr(user, "pk", None):
        return str(_("承办人不能审核自己的意见（三级办案）。"))
    if not _is_office_reviewer(user, case):
        return str(_("审核意见由行政复议机构的工作人员或负责人提出。"))
    return ""


def opinion_letter_refusal(case) -> str:
    if case.status in INTAKE_STATUSES or case.status in (CaseStatus.REJECTED, CaseStatus.ABANDONED):
        return str(
            _("意见书在办理已受理的行政复议案件过程中制发（%(law)s第七十六条）。") % {"law": LAW_SHORT}
        )
    return ""


def letter_receipt_refusal(letter) -> str:
    if letter.received_on is not None:
        return str(_("已记录受文机关收到意见书的日期。"))
    return ""


def letter_report_refusal(letter) -> str:
    if letter.received_on is None:
        return str(_("请先记录受文机关收到意见书的日期。"))
    if letter.report_received_on is not None:
        return str(_("已记录落实情况报告。"))
    return ""


def refuse(message: str, error=ApplicationError) -> None:
    if message:
        raise error(message)
