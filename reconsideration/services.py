"""Every write and every rule of administrative reconsideration (行政复议法, 2023).

Views, Celery tasks, the admin and the demo seeder call these functions and nothing else. Each one:
checks who may act (the transition table's permission and the user's jurisdiction), checks the law,
locks the case row (`select_for_update`), changes it through its django-fsm-2 transition, writes a
`CaseEvent` with the legal basis, starts or stops the statutory clocks (`reconsideration.deadlines`)
and queues notifications with `transaction.on_commit`. Refusals raise `ApplicationError` /
`GateError` with a Chinese message that cites the article.

Sections: gates (pure checks, also used by the UI) · intake · acceptance · respondent · trial
(suspension, extension, conversion, hearing, committee, mediation) · three-tier opinions and the
decision · closing · opinion letters · 府院联动 · automatic steps (beat tasks) · timeline provider.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role, UnitKind
from accounts.jurisdiction import unit_in_jurisdiction
from core.concurrency import bump, lock_for_edit
from core.exceptions import ApplicationError, ConcurrentEditError, GateError
from disputes.choices import ActType

from . import deadlines as clocks
from . import numbering
from .choices import (
    CONCLUDED_STATUSES,
    DECISION_OUTCOMES,
    INTAKE_STATUSES,
    LIMITED_SUSPENSION_GROUNDS,
    PERM_ADD,
    PERM_APPROVE,
    PERM_CHANGE,
    REDO_OUTCOMES,
    SIMPLE_AMOUNT_LIMIT,
    TRANSITIONS_BY_NAME,
    CaseStatus,
    CorrectionKind,
    DecisionOutcome,
    EventKind,
    IntakeChannel,
    LinkageKind,
    MediationResult,
    NoEvidenceDisposition,
    OpinionTier,
    Procedure,
    SimpleGround,
    SuspensionGround,
    TerminationGround,
    correction_kind,
)
from .models import (
    CaseDecision,
    CaseEvent,
    CaseOpinion,
    CaseSuspension,
    CommitteeConsultation,
    CommitteeMeeting,
    ExpertConsultant,
    ExpertConsultation,
    Hearing,
    LinkageRecord,
    MediationSession,
    OpinionLetter,
    ReconsiderationCase,
)

logger = logging.getLogger(__name__)

LAW = "《行政复议法》"

#: 复议法第二十一条: outer limits counted from the act (years).
OUTER_LIMIT_YEARS = 5
OUTER_LIMIT_YEARS_REAL_ESTATE = 20

#: Fields `case_update` may change. Dates that clocks run from (received_on …) are not among them.
CASE_EDITABLE_FIELDS = frozenset(
    {
        "requests",
        "facts_and_reasons",
        "act_document_number",
        "act_amount",
        "act_on_the_spot",
        "act_by_electronic_monitoring",
        "act_is_warning",
        "concerns_real_estate",
        "is_major_difficult_complex",
        "is_highly_technical",
        "hearing_requested",
        "third_party_evidence_provided",
        # timeliness inputs: editable before acceptance only (the application period is recomputed)
        "knew_of_act_on",
        "act_stated_right_to_apply",
        "knew_of_right_on",
        "submitted_on",
    }
)
TIMELINESS_FIELDS = frozenset(
    {"knew_of_act_on", "act_stated_right_to_apply", "knew_of_right_on", "submitted_on"}
)


# =====================================================================================================
# Helpers
# =====================================================================================================


def _today() -> date:
    return timezone.localdate()


def _fmt(d: date | None) -> str:
    return f"{d:%Y-%m-%d}" if d else ""


def _text(value: str | None) -> str:
    return (value or "").strip()


def _require_text(value: str | None, *, field: str, message: str) -> str:
    value = _text(value)
    if not value:
        raise ApplicationError(message, field=field)
    return value


def _check_date(
    d: date | None, *, field: str, label: str, not_before: date | None = None, not_before_label: str = ""
) -> date:
    """A legal date: given, not in the future, not before `not_before`."""
    if d is None:
        raise ApplicationError(_("请填写%(label)s。") % {"label": label}, field=field)
    if d > _today():
        raise ApplicationError(_("%(label)s不能晚于今天。") % {"label": label}, field=field)
    if not_before is not None and d < not_before:
        raise ApplicationError(
            _("%(label)s不能早于%(other)s（%(date)s）。")
            % {"label": label, "other": not_before_label, "date": _fmt(not_before)},
            field=field,
        )
    return d


def _on(on: date | None, case=None) -> date:
    """The date an act was done (default: today) — not in the future, not before the application.
    Lets the demo seeder and data migration record past acts on their real dates."""
    if on is None:
        return _today()
    return _check_date(
        on,
        field="on",
        label=_("日期"),
        not_before=case.received_on if case is not None else None,
        not_before_label=_("收到申请日期"),
    )


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _check_actor(actor, perm: str, unit) -> None:
    """The actor holds `perm` and `unit` (the reconsideration body) is within their jurisdiction."""
    if not _is_user(actor):
        raise ApplicationError(_("请先登录。"))
    if not actor.has_perm(perm):
        raise ApplicationError(_("您没有执行该操作的权限。"))
    if not unit_in_jurisdiction(actor, unit):
        raise ApplicationError(_("该案件不在您的管辖范围内。"))


def can_approve(user, case) -> bool:
    """复议机构负责人 of this body: holds the approve permission and has jurisdiction over the case."""
    return bool(
        _is_user(user)
        and user.is_active
        and user.has_perm(PERM_APPROVE)
        and unit_in_jurisdiction(user, case.org_unit)
    )


def can_sign_decision(user, case) -> bool:
    """复议法第六十一条第一款 "经行政复议机关的负责人同意": the head of the reconsideration body — an active
    leader (is_unit_leader) of the body government itself — or the 复议机构负责人 whom the body has
    authorised to sign [our rule: the authorisation the Bureau works under]."""
    if can_approve(user, case):
        return True
    return bool(
        _is_user(user) and user.is_active and user.is_unit_leader and user.unit_id == case.org_unit_id
    )


def _lock(case: ReconsiderationCase, *, version: int | None = None) -> ReconsiderationCase:
    locked = (
        # Lock the case row only; the joined rows are read, not locked (and `handler` is an outer join).
        ReconsiderationCase.objects.select_for_update(of=("self",))
        .select_related("org_unit", "respondent", "handler", "dispute")
        .get(pk=case.pk)
    )
    if version is not None and locked.version != version:
        raise ConcurrentEditError()
    return locked


def _save(case: ReconsiderationCase) -> ReconsiderationCase:
    case.version += 1
    case.full_clean()
    case.save()
    return case


def _event(
    case,
    kind: str,
    *,
    on: date,
    actor=None,
    note: str = "",
    basis: str = "",
    from_status: str = "",
    to_status: str = "",
) -> CaseEvent:
    event = CaseEvent(
        case=case,
        kind=kind,
        date=on,
        actor=actor if _is_user(actor) else None,
        basis=str(basis),
        note=str(note),
        from_status=from_status,
        to_status=to_status,
    )
    event.full_clean()
    event.save()
    return event


def _guard(case: ReconsiderationCase, name: str, actor) -> None:
    """The transition `name` is allowed from the case's status and (unless automatic) to the actor."""
    entry = TRANSITIONS_BY_NAME[name]
    if case.status not in entry.sources:
        raise ApplicationError(
            _("案件当前状态为“%(status)s”，不能%(action)s。")
            % {"status": case.get_status_display(), "action": entry.label}
        )
    if entry.permission is not None:
        _check_actor(actor, entry.permission, case.org_unit)


def _transition(
    case: ReconsiderationCase, name: str, *, on: date, actor, note: str = "", basis: str | None = None
) -> CaseEvent:
    """Apply transition `name` (already guarded), save the case and record the event."""
    entry = TRANSITIONS_BY_NAME[name]
    before = case.status
    getattr(case, f"fsm_{name}")()
    _save(case)
    return _event(
        case,
        name,
        on=on,
        actor=actor,
        note=note,
        basis=entry.basis if basis is None else basis,
        from_status=before,
        to_status=case.status,
    )


def _notify_users(users: Iterable, *, title: str, body: str, url: str, key: str) -> None:
    """In-app notification (and e-mail) after commit; a failure here never undoes the case change."""

    def send():
        try:
            from deadlines.notifications import notify

            for user in users:
                notify(recipient=user, title=title, body=body, url=url, stage="review", dedupe_key=key)
        except Exception:  # the notification is a courtesy; the record is what counts
            logger.exception("reconsideration notification failed: %s", key)

    transaction.on_commit(send)


def approvers_of(case) -> list:
    """Active users who may approve in this case (复议机构负责人 with jurisdiction over the body)."""
    User = get_user_model()
    candidates = (
        User.objects.filter(is_active=True, groups__name=Role.RECON_HEAD.value)
        .select_related("unit__parent")
        .distinct()
    )
    return [u for u in candidates if can_approve(u, case)]


def signers_of(case) -> list:
    """Who may sign the decision (第六十一条第一款): the body's leaders and the authorised 复议机构负责人."""
    User = get_user_model()
    leaders = list(User.objects.filter(is_active=True, is_unit_leader=True, unit_id=case.org_unit_id))
    return leaders + [u for u in approvers_of(case) if u not in leaders]


# =====================================================================================================
# Gates — pure checks (no writes). The services raise on them; the UI may show them as hints.
# =====================================================================================================


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
    from deadlines.engine import compute

    if not act_stated_right_to_apply and knew_of_right_on is None:
        raise ApplicationError(
            _("行政行为未告知复议权利的，请填写申请人知道复议权利之日（%(law)s第二十条第三款）。")
            % {"law": LAW},
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
            % {"why": exc.message, "law": LAW},
            field="obstacle_from",
        ) from exc
    late = submitted_on > due
    if late:
        trace.append(_("申请提出日 %(day)s 晚于届满日，已超过申请期限") % {"day": _fmt(submitted_on)})
    else:
        trace.append(_("申请提出日 %(day)s，在申请期限内") % {"day": _fmt(submitted_on)})
    return ApplicationPeriod(due=due, trace=[str(line) for line in trace], late=late)


def outer_limit(case) -> date:
    """复议法第二十一条: the last day of the 5-year (real estate: 20-year) limit from the act."""
    from deadlines.engine import add_months

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
    clock = clocks.open_clock(case, clocks.ACCEPTANCE_REVIEW)
    return clock.due_date if clock else None


def respondent_reply_due(case) -> date | None:
    clock = clocks.latest_clock(case, *clocks.REPLY_RULES)
    return clock.due_date if clock else None


def respondent_defaulted(case, *, on: date) -> bool:
    """复议法第七十条: the respondent did not reply in writing, or did not produce the evidence and
    basis, within `recon.respondent_reply(_simple)` — judged on day `on`.

    A reply received late, or without the evidence, counts as no reply. Before the copy reached the
    respondent the period has not begun, so there is no default.
    """
    if case.respondent_received_copy_on is None:
        return False
    due = respondent_reply_due(case)
    if due is None:
        return False
    if case.reply_received_on is None:
        return on > due
    return case.reply_received_on > due or case.reply_with_evidence is False


def allowed_outcomes(case, *, on: date | None = None) -> list[str]:
    """The outcomes `case_decide` accepts on day `on` (复议法第七十条 narrows them)."""
    on = on or _today()
    if respondent_defaulted(case, on=on) and not case.third_party_evidence_provided:
        return [DecisionOutcome.NO_EVIDENCE]
    return [o for o in DECISION_OUTCOMES if o != DecisionOutcome.NO_EVIDENCE]


def decision_blockers(case, *, on: date | None = None) -> list[str]:
    """Why a decision cannot be made yet (empty when it can): 复议法第五十条、第五十二条 and 能调尽调.
    The signer (第六十一条) and the outcome (第七十条) are checked by `case_decide` itself."""
    on = on or _today()
    problems: list[str] = []
    if case.needs_hearing and not case.hearings.filter(held=True, date__lte=on).exists():
        problems.append(
            _("本案为重大、疑难、复杂案件，应当组织听证后方可作出决定（%(law)s第五十条第一款）。")
            % {"law": LAW}
        )
    if case.needs_committee and not case.committee_consultations.filter(meeting__date__lte=on).exists():
        problems.append(
            _("本案%(why)s，应当提请行政复议委员会提出咨询意见后方可作出决定（%(law)s第五十二条第二款）。")
            % {
                "why": _("案情重大、疑难、复杂")
                if case.is_major_difficult_complex
                else _("专业性、技术性较强"),
                "law": LAW,
            }
        )
    if not case.mediation_attempted and not _text(case.mediation_not_attempted_reason):
        problems.append(
            _("作出决定前应当先行调解（能调尽调）；未调解的，须记录未调解的理由（%(law)s第五条）。")
            % {"law": LAW}
        )
    return [str(p) for p in problems]


# =====================================================================================================
# Intake (收件, 受理审查, 补正)
# =====================================================================================================


def _check_body(body) -> None:
    # 复议法第四条: the reconsideration bodies here are the governments at or above county level.
    if body is None or body.kind != UnitKind.GOVERNMENT:
        raise ApplicationError(
            _("行政复议机关须为县级以上人民政府（%(law)s第四条）。") % {"law": LAW}, field="body"
        )


def _apply_period(case: ReconsiderationCase) -> ApplicationPeriod:
    period = application_period(
        knew_of_act_on=case.knew_of_act_on,
        submitted_on=case.submitted_on,
        act_stated_right_to_apply=case.act_stated_right_to_apply,
        knew_of_right_on=case.knew_of_right_on,
        obstacle_from=case.obstacle_from,
        obstacle_to=case.obstacle_to,
    )
    case.application_due_on = period.due
    case.application_trace = period.trace
    case.is_late = period.late
    return period


@transaction.atomic
def case_register(
    *,
    actor,
    body,
    dispute,
    channel: str,
    received_on: date,
    knew_of_act_on: date,
    requests: str,
    facts_and_reasons: str,
    submitted_on: date | None = None,
    respondent=None,
    act_type: str | None = None,
    act_date: date | None = None,
    act_document_number: str | None = None,
    act_amount: Decimal | None = None,
    act_on_the_spot: bool = False,
    act_by_electronic_monitoring: bool = False,
    act_is_warning: bool = False,
    concerns_real_estate: bool = False,
    act_stated_right_to_apply: bool = True,
    knew_of_right_on: date | None = None,
    forwarded_by=None,
    delay_reason: str = "",
    obstacle_from: date | None = None,
    obstacle_to: date | None = None,
    is_major_difficult_complex: bool = False,
    is_highly_technical: bool = False,
    hearing_requested: bool = False,
    handler=None,
) -> ReconsiderationCase:
    """收件: register an application received by `body`; numbers it (天复〔YYYY〕N号), computes the
    application period (复议法第二十条) and starts the 5-working-day review and correction-notice
    clocks (第三十条、第三十一条). The act defaults to the dispute's. With a `handler` the case goes
    straight to 受理审查中."""
    _check_body(body)
    _check_actor(actor, PERM_ADD, body)
    if not unit_in_jurisdiction(actor, dispute.org_unit):
        raise ApplicationError(_("该行政争议不在您的管辖范围内。"), field="dispute")
    _check_date(received_on, field="received_on", label=_("收到申请日期"))
    submitted_on = submitted_on or received_on
    if channel not in IntakeChannel.values:
        raise ApplicationError(_("请选择申请方式。"), field="channel")
    respondent = respondent or dispute.respondent
    act_type = act_type or dispute.act_type
    act_date = act_date or dispute.act_date
    if channel == IntakeChannel.FORWARDED:
        # 复议法第三十二条: only for penalties made on the spot or on electronic-monitoring records.
        if act_type != ActType.PENALTY or not (act_on_the_spot or act_by_electronic_monitoring):
            raise GateError(
                _(
                    "只有对当场作出或者依据电子技术监控设备记录的违法事实作出的行政处罚决定不服的，"
                    "才可以通过作出行政处罚决定的机关提交申请（%(law)s第三十二条第一款）。"
                )
                % {"law": LAW},
                field="channel",
            )
        if forwarded_by is None:
            raise ApplicationError(_("请填写转交申请的行政机关。"), field="forwarded_by")
    elif forwarded_by is not None:
        raise ApplicationError(_("只有经作出处罚的机关转交的申请才填写转交机关。"), field="forwarded_by")
    if handler is not None and not unit_in_jurisdiction(handler, body):
        raise ApplicationError(_("承办人须为本复议机关的工作人员。"), field="handler")

    case = ReconsiderationCase(
        org_unit=body,
        created_by=actor,
        dispute=dispute,
        respondent=respondent,
        act_type=act_type,
        act_date=act_date,
        act_document_number=_text(
            dispute.act_document_number if act_document_number is None else act_document_number
        ),
        act_amount=act_amount,
        act_on_the_spot=act_on_the_spot,
        act_by_electronic_monitoring=act_by_electronic_monitoring,
        act_is_warning=act_is_warning,
        concerns_real_estate=concerns_real_estate,
        requests=_require_text(requests, field="requests", message=_("请填写行政复议请求。")),
        facts_and_reasons=_require_text(
            facts_and_reasons, field="facts_and_reasons", message=_("请填写申请复议的事实和理由。")
        ),
        channel=channel,
        forwarded_by=forwarded_by,
        submitted_on=submitted_on,
        received_on=received_on,
        knew_of_act_on=knew_of_act_on,
        act_stated_right_to_apply=act_stated_right_to_apply,
        knew_of_right_on=None if act_stated_right_to_apply else knew_of_right_on,
        delay_reason=_text(delay_reason),
        obstacle_from=obstacle_from,
        obstacle_to=obstacle_to,
        is_major_difficult_complex=is_major_difficult_complex,
        is_highly_technical=is_highly_technical,
        hearing_requested=hearing_requested,
        handler=handler,
    )
    period = _apply_period(case)
    case.year = received_on.year
    case.serial, case.number = numbering.next_number(body=body, year=case.year)
    case.full_clean()
    case.save()

    note = _("申请期限届满日 %(due)s；%(state)s。") % {
        "due": _fmt(period.due),
        "state": _("已超过申请期限") if period.late else _("在申请期限内"),
    }
    _event(
        case,
        EventKind.REGISTER,
        on=received_on,
        actor=actor,
        note=note,
        basis=_("%(law)s第二十条、第二十二条") % {"law": LAW},
        to_status=case.status,
    )
    clocks.on_registered(case, actor=actor)
    if handler is not None:
        _guard(case, "start_review", actor)
        _transition(
            case,
            "start_review",
            on=received_on,
            actor=actor,
            note=_("承办人：%(name)s") % {"name": handler.display_name},
        )
    return case


@transaction.atomic
def case_update(*, case: ReconsiderationCase, actor, version: int, **fields) -> ReconsiderationCase:
    """Correct the case's descriptive data. `version` is the one the form was opened with. The
    timeliness inputs may change only before acceptance; the application period is then recomputed."""
    unknown = set(fields) - CASE_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"fields not editable through case_update: {sorted(unknown)}")
    case = _lock(case, version=version)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status in (CaseStatus.CLOSED, CaseStatus.ARCHIVED):
        raise ApplicationError(_("案件已结案，不能再修改。"))
    if TIMELINESS_FIELDS & set(fields) and case.status not in INTAKE_STATUSES:
        raise ApplicationError(_("案件已受理或已审结，申请期限的计算依据不能再修改。"))
    changed = []
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(case, name) != value:
            setattr(case, name, value)
            changed.append(str(ReconsiderationCase._meta.get_field(name).verbose_name))
    if not changed:
        return case
    if case.act_stated_right_to_apply:
        case.knew_of_right_on = None
    if TIMELINESS_FIELDS & set(fields):
        _apply_period(case)
    _save(case)
    _event(case, EventKind.UPDATE, on=_today(), actor=actor, note="、".join(changed))
    return case


@transaction.atomic
def case_assign_handler(
    *, case: ReconsiderationCase, actor, handler, on: date | None = None
) -> ReconsiderationCase:
    """指定（变更）承办人; the open clocks follow the new handler (复议法第三十六条第一款)."""
    case = _lock(case)
    on = _on(on, case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status in (CaseStatus.CLOSED, CaseStatus.ARCHIVED):
        raise ApplicationError(_("案件已结案，不能变更承办人。"))
    if handler is None or not handler.is_active or not unit_in_jurisdiction(handler, case.org_unit):
        raise ApplicationError(_("承办人须为本复议机关在岗的工作人员。"), field="handler")
    if not handler.has_perm(PERM_CHANGE):
        raise ApplicationError(_("承办人须为复议工作人员。"), field="handler")
    case.handler = handler
    _save(case)
    clocks.set_responsible(case)
    _event(
        case,
        EventKind.ASSIGN,
        on=on,
        actor=actor,
        basis=_("%(law)s第三十六条第一款") % {"law": LAW},
        note=handler.display_name,
    )
    return case


@transaction.atomic
def case_start_review(
    *, case: ReconsiderationCase, actor, handler, on: date | None = None
) -> ReconsiderationCase:
    """收件 → 受理审查中: a handler takes the application (the review clock already runs from receipt)."""
    case = _lock(case)
    on = _on(on, case)
    _guard(case, "start_review", actor)
    if handler is None or not handler.is_active or not unit_in_jurisdiction(handler, case.org_unit):
        raise ApplicationError(_("承办人须为本复议机关在岗的工作人员。"), field="handler")
    case.handler = handler
    _transition(
        case,
        "start_review",
        on=on,
        actor=actor,
        note=_("承办人：%(name)s") % {"name": handler.display_name},
    )
    clocks.set_responsible(case)
    return case


@transaction.atomic
def case_record_delay_reason(
    *,
    case: ReconsiderationCase,
    actor,
    reason: str,
    obstacle_from: date | None = None,
    obstacle_to: date | None = None,
    on: date | None = None,
) -> ReconsiderationCase:
    """复议法第二十条第二款: record the force majeure or other proper reason for a late application.
    With the obstacle's dates the period is recomputed (it continues from the obstacle's removal)."""
    case = _lock(case)
    on = _on(on, case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status not in INTAKE_STATUSES:
        raise ApplicationError(_("只有受理前才能记录耽误申请期限的理由。"))
    reason = _require_text(reason, field="reason", message=_("请填写耽误申请期限的正当理由。"))
    if (obstacle_from is None) != (obstacle_to is None):
        raise ApplicationError(_("障碍期间须同时填写发生日和消除日。"), field="obstacle_from")
    if obstacle_from and obstacle_to and obstacle_to < obstacle_from:
        raise ApplicationError(_("障碍消除日不能早于发生日。"), field="obstacle_to")
    case.delay_reason = reason
    case.obstacle_from, case.obstacle_to = obstacle_from, obstacle_to
    period = _apply_period(case)
    _save(case)
    note = reason
    if obstacle_from:
        note += _("；障碍期间 %(a)s 至 %(b)s，申请期限届满日重新计算为 %(due)s，%(state)s") % {
            "a": _fmt(obstacle_from),
            "b": _fmt(obstacle_to),
            "due": _fmt(period.due),
            "state": _("仍已逾期") if period.late else _("未逾期"),
        }
    _event(
        case,
        EventKind.DELAY_REASON,
        on=on,
        actor=actor,
        note=note,
        basis=_("%(law)s第二十条第二款") % {"law": LAW},
    )
    return case


@transaction.atomic
def case_request_correction(
    *,
    case: ReconsiderationCase,
    actor,
    items: str,
    notice_sent_on: date,
    applicant_received_on: date | None = None,
) -> ReconsiderationCase:
    """补正通知 (复议法第三十一条第一款): one written notice listing everything to correct, within 5
    working days of receipt. The review pauses; the applicant's 10 working days run from receiving it."""
    case = _lock(case)
    _guard(case, "request_correction", actor)
    if case.correction_notice_sent_on is not None:
        raise GateError(
            _("补正通知应当一次性载明需要补正的事项，不能再次通知补正（%(law)s第三十一条第一款）。")
            % {"law": LAW}
        )
    items = _require_text(items, field="items", message=_("请逐项列明需要补正的事项。"))
    _check_date(
        notice_sent_on,
        field="notice_sent_on",
        label=_("补正通知发出日期"),
        not_before=case.received_on,
        not_before_label=_("收到申请日期"),
    )
    due = acceptance_review_due(case)
    if due is not None and notice_sent_on > due:
        raise GateError(
            _("审查期限已于 %(due)s 届满，依法视为受理，不能再通知补正（%(law)s第三十条第三款）。")
            % {"due": _fmt(due), "law": LAW},
            field="notice_sent_on",
        )
    if applicant_received_on is not None:
        _check_date(
            applicant_received_on,
            field="applicant_received_on",
            label=_("申请人收到补正通知日期"),
            not_before=notice_sent_on,
            not_before_label=_("补正通知发出日期"),
        )
    case.correction_items = items
    case.correction_notice_sent_on = notice_sent_on
    case.correction_notice_received_on = applicant_received_on
    _transition(case, "request_correction", on=notice_sent_on, actor=actor, note=items)
    clocks.on_correction_requested(case, sent_on=notice_sent_on, actor=actor)
    if applicant_received_on is not None:
        _start_correction_reply(case, received_on=applicant_received_on, actor=actor)
    return case


@transaction.atomic
def case_record_correction_notice_receipt(
    *, case: ReconsiderationCase, actor, received_on: date
) -> ReconsiderationCase:
    """申请人收到补正通知: starts the applicant's 10 working days (复议法第三十一条第二款)."""
    case = _lock(case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status != CaseStatus.AWAITING_CORRECTION:
        raise ApplicationError(_("案件不在补正中。"))
    if case.correction_notice_received_on is not None:
        raise ApplicationError(_("已记录申请人收到补正通知的日期。"))
    _check_date(
        received_on,
        field="received_on",
        label=_("申请人收到补正通知日期"),
        not_before=case.correction_notice_sent_on,
        not_before_label=_("补正通知发出日期"),
    )
    case.correction_notice_received_on = received_on
    _save(case)
    _start_correction_reply(case, received_on=received_on, actor=actor)
    return case


def _start_correction_reply(case: ReconsiderationCase, *, received_on: date, actor) -> None:
    """The applicant received the correction notice: their 10 working days run (复议法第三十一条第二款)."""
    clocks.on_correction_notice_received(case, received_on=received_on, actor=actor)
    _event(
        case,
        EventKind.NOTICE_RECEIVED,
        on=received_on,
        actor=actor,
        basis=_("%(law)s第三十一条第二款") % {"law": LAW},
    )


@transaction.atomic
def case_receive_correction(
    *, case: ReconsiderationCase, actor, received_on: date, note: str = ""
) -> ReconsiderationCase:
    """收到补正材料 (复议法第三十一条第三款): back to review, with a new 5-working-day review clock."""
    case = _lock(case)
    _guard(case, "receive_correction", actor)
    _check_date(
        received_on,
        field="received_on",
        label=_("收到补正材料日期"),
        not_before=case.correction_notice_sent_on,
        not_before_label=_("补正通知发出日期"),
    )
    case.correction_received_on = received_on
    _transition(case, "receive_correction", on=received_on, actor=actor, note=_text(note))
    clocks.on_correction_received(case, received_on=received_on, actor=actor)
    return case


@transaction.atomic
def case_extend_correction(
    *, case: ReconsiderationCase, actor, days: int, reference: str, reason: str, approved_by
):
    """延长补正期限 (复议法第三十一条第二款: "有正当理由不能按期补正的，行政复议机关可以延长合理的
    补正期限"). [our rule] ≤ 10 working days in all, approved by the 复议机构负责人, the applicant told in
    writing (`reference`). Returns the `recon.correction_reply` clock."""
    case = _lock(case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status != CaseStatus.AWAITING_CORRECTION:
        raise ApplicationError(_("案件不在补正中，不能延长补正期限。"))
    reason = _require_text(reason, field="reason", message=_("请说明申请人不能按期补正的正当理由。"))
    if approved_by is None or not can_approve(approved_by, case):
        raise GateError(
            _("延长补正期限须经行政复议机构的负责人批准（本系统规则，%(law)s第三十一条第二款）。")
            % {"law": LAW},
            field="approved_by",
        )
    clock = clocks.extend_correction(
        case, days=days, reference=_text(reference), reason=reason, actor=actor, approved_by=approved_by
    )
    if clock is None:
        raise ApplicationError(_("尚未记录申请人收到补正通知的日期，补正期限尚未起算。"))
    _save(case)
    _event(
        case,
        EventKind.EXTEND,
        on=_today(),
        actor=actor,
        basis=_("%(law)s第三十一条第二款") % {"law": LAW},
        note=_(
            "延长补正期限%(days)d个工作日，经%(head)s批准，书面通知文号%(ref)s，"
            "补正期限至 %(due)s：%(reason)s"
        )
        % {
            "days": days,
            "head": approved_by.display_name,
            "ref": _text(reference),
            "due": _fmt(clock.due_date),
            "reason": reason,
        },
    )
    return clock


# =====================================================================================================
# Acceptance (受理 / 不予受理 / 视为受理 / 视为放弃)
# =====================================================================================================


def _check_accept_date(case, on: date, *, field: str, what: str) -> None:
    start = case.correction_received_on or case.received_on
    _check_date(on, field=field, label=what, not_before=start, not_before_label=_("收到申请（补正材料）日期"))
    due = acceptance_review_due(case)
    if due is not None and on > due:
        # 复议法第三十条第三款: the review period expired without a refusal → deemed accepted.
        raise GateError(
            _(
                "审查期限已于 %(due)s 届满，依法自届满之日起视为受理，不能再作出受理或不予受理决定"
                "（%(law)s第三十条第三款）；受理后发现不符合受理条件的，应当决定驳回申请（第三十三条）。"
            )
            % {"due": _fmt(due), "law": LAW},
            field=field,
        )


def _check_procedure(case, procedure: str, simple_ground: str, parties_agreed_simple: bool) -> None:
    if procedure not in Procedure.values:
        raise ApplicationError(_("请选择审理程序。"), field="procedure")
    if procedure == Procedure.ORDINARY:
        return
    case.parties_agreed_simple = parties_agreed_simple
    eligible = simple_procedure_grounds(case)
    if not simple_ground:
        raise ApplicationError(_("适用简易程序须选择第五十三条规定的理由。"), field="simple_ground")
    if simple_ground not in eligible:
        raise GateError(
            _("本案不符合所选的简易程序适用情形“%(ground)s”（%(law)s第五十三条）。")
            % {"ground": SimpleGround(simple_ground).label, "law": LAW},
            field="simple_ground",
        )
    # 复议法第五十三条第一款 applies only to cases "事实清楚、权利义务关系明确、争议不大"; a case marked
    # 重大、疑难、复杂 is not one (and needs a hearing and the committee, 第五十条、第五十二条). The
    # parties' agreement (第五十三条第二款) remains available. [our rule: reading of 第五十三条第一款]
    if case.is_major_difficult_complex and simple_ground != SimpleGround.CONSENT:
        raise GateError(
            _("重大、疑难、复杂案件不属于“争议不大”的案件，不能依%(law)s第五十三条第一款适用简易程序。")
            % {"law": LAW},
            field="simple_ground",
        )


@transaction.atomic
def case_accept(
    *,
    case: ReconsiderationCase,
    actor,
    accepted_on: date,
    procedure: str = Procedure.ORDINARY,
    simple_ground: str = "",
    parties_agreed_simple: bool = False,
) -> ReconsiderationCase:
    """受理 (复议法第三十条第一款) under the ordinary or simplified procedure (第三十六条、第五十三条).

    Refused when the application is out of time without a recorded reason (第二十条、第三十条第一款
    第四项), beyond the 5/20-year limit (第二十一条), outside this body's jurisdiction (第三十条第一款
    第六项), a repeat of an accepted application (第三十条第一款第七项), after the review period expired
    (then it is already deemed accepted, 第三十条第三款), or when the simplified procedure does not apply.
    Starts the copy and decision clocks from the acceptance date.
    """
    case = _lock(case)
    _guard(case, "accept", actor)
    _check_accept_date(case, accepted_on, field="accepted_on", what=_("受理日期"))
    limit = outer_limit(case)
    if case.submitted_on > limit:
        raise GateError(
            _("自行政行为作出之日起已超过%(years)s年（至 %(limit)s），依法不予受理（%(law)s第二十一条）。")
            % {
                "years": OUTER_LIMIT_YEARS_REAL_ESTATE if case.concerns_real_estate else OUTER_LIMIT_YEARS,
                "limit": _fmt(limit),
                "law": LAW,
            }
        )
    if case.is_late and not case.delay_reason:
        raise GateError(
            _(
                "申请超过法定申请期限（届满日 %(due)s），且未记录耽误期限的正当理由，应当决定不予受理"
                "（%(law)s第二十条、第三十条第一款第四项）。"
            )
            % {"due": _fmt(case.application_due_on), "law": LAW}
        )
    if case.is_late and case.obstacle_from:
        # A reason with the obstacle's dates was recorded and the period recomputed — still late.
        raise GateError(
            _(
                "扣除障碍期间后申请仍超过法定申请期限（届满日 %(due)s），"
                "应当决定不予受理（%(law)s第二十条第二款）。"
            )
            % {"due": _fmt(case.application_due_on), "law": LAW}
        )
    body = competent_body(case.respondent)
    if body is not None and body.pk != case.org_unit_id:
        raise GateError(
            _(
                "被申请人%(respondent)s的行政复议案件由%(body)s管辖，不属于本机关管辖范围，应当决定不予受理"
                "并告知有管辖权的行政复议机关（%(law)s第二十四条、第三十条）。"
            )
            % {"respondent": case.respondent.name, "body": body.name, "law": LAW}
        )
    repeat = (
        ReconsiderationCase.objects.filter(dispute_id=case.dispute_id, accepted_on__isnull=False)
        .exclude(pk=case.pk)
        .first()
    )
    if repeat is not None:
        raise GateError(
            _(
                "已受理过申请人就同一行政行为提出的行政复议申请（%(number)s），不予重复受理"
                "（%(law)s第三十条第一款第七项）。"
            )
            % {"number": repeat.number, "law": LAW}
        )
    _check_procedure(case, procedure, simple_ground, parties_agreed_simple)
    case.procedure = procedure
    case.simple_ground = simple_ground if procedure == Procedure.SIMPLE else ""
    case.accepted_on = accepted_on
    note = case.get_procedure_display()
    if procedure == Procedure.SIMPLE:
        note += "：" + SimpleGround(simple_ground).label
    if case.is_late:
        note += _("；逾期申请，正当理由：%(reason)s") % {"reason": case.delay_reason}
    _transition(case, "accept", on=accepted_on, actor=actor, note=note)
    clocks.on_accepted(case, accepted_on=accepted_on, actor=actor)
    return case


@transaction.atomic
def case_reject(
    *,
    case: ReconsiderationCase,
    actor,
    rejected_on: date,
    reasoning: str,
    legal_basis: str = "",
    referred_body: str = "",
    document_number: str = "",
) -> CaseDecision:
    """不予受理 (复议法第三十条第二款): within the review period, with reasons; if the body lacks
    jurisdiction, name the competent body."""
    case = _lock(case)
    _guard(case, "reject", actor)
    _check_accept_date(case, rejected_on, field="rejected_on", what=_("不予受理决定日期"))
    reasoning = _require_text(
        reasoning, field="reasoning", message=_("不予受理应当说明理由（第三十条第二款）。")
    )
    decision = CaseDecision(
        case=case,
        outcome=DecisionOutcome.NOT_ACCEPTED,
        decided_on=rejected_on,
        reasoning=reasoning,
        legal_basis=_text(legal_basis) or _("%(law)s第三十条") % {"law": LAW},
        referred_body=_text(referred_body),
        document_number=_text(document_number),
        signed_by=actor if can_approve(actor, case) else None,
        created_by=actor,
    )
    decision.full_clean()
    decision.save()
    case.concluded_on = rejected_on
    _transition(case, "reject", on=rejected_on, actor=actor, note=reasoning)
    clocks.on_rejected(case, rejected_on=rejected_on, actor=actor)
    return decision


def _review_clock_expired(case, today: date):
    from deadlines.choices import DeadlineStatus

    clock = clocks.open_clock(case, clocks.ACCEPTANCE_REVIEW)
    if clock is None or clock.status != DeadlineStatus.OPEN or clock.is_suspended or clock.due_date >= today:
        return None
    return clock


@transaction.atomic
def case_deem_accepted(*, case: ReconsiderationCase, today: date | None = None) -> ReconsiderationCase | None:
    """视为受理 (复议法第三十条第三款): the review period expired with no refusal — the case is accepted
    as of the expiry day, and its clocks run from that day. Applied by the beat task; idempotent
    (returns None when there is nothing to do)."""
    today = today or _today()
    case = _lock(case)
    if case.status not in TRANSITIONS_BY_NAME["deem_accepted"].sources:
        return None
    clock = _review_clock_expired(case, today)
    if clock is None:
        return None
    expiry = clock.due_date
    case.accepted_on = expiry
    case.is_deemed_accepted = True
    case.procedure = Procedure.ORDINARY
    case.simple_ground = ""
    _transition(
        case,
        "deem_accepted",
        on=expiry,
        actor=None,
        note=_("受理审查期限于 %(due)s 届满，未作出不予受理决定，自届满之日起视为受理；按普通程序审理。")
        % {"due": _fmt(expiry)},
    )
    clocks.on_accepted(case, accepted_on=expiry, actor=None)
    if case.handler_id:
        _notify_users(
            [case.handler],
            title=_("%(number)s 已视为受理") % {"number": case.number},
            body=_("受理审查期限届满，依《行政复议法》第三十条第三款视为受理，请及时发送申请书副本。"),
            url=case.get_absolute_url(),
            key=f"recon:deemed-accepted:{case.pk}",
        )
    return case


@transaction.atomic
def case_deem_abandoned(
    *, case: ReconsiderationCase, today: date | None = None
) -> ReconsiderationCase | None:
    """视为放弃 (复议法第三十一条第二款): no correction materials within the applicant's 10 working days.
    Applied by the beat task on the day after the period ends; idempotent."""
    from deadlines.choices import DeadlineStatus

    today = today or _today()
    case = _lock(case)
    if case.status != CaseStatus.AWAITING_CORRECTION:
        return None
    clock = clocks.open_clock(case, clocks.CORRECTION_REPLY)
    if clock is None or clock.status != DeadlineStatus.OPEN or clock.due_date >= today:
        return None
    lapsed_on = clock.due_date + timedelta(days=1)
    case.concluded_on = lapsed_on
    _transition(
        case,
        "deem_abandoned",
        on=lapsed_on,
        actor=None,
        note=_("补正期限于 %(due)s 届满，申请人无正当理由逾期未补正，视为放弃行政复议申请，记录在案。")
        % {"due": _fmt(clock.due_date)},
    )
    clocks.on_abandoned(case, on=lapsed_on, actor=None)
    if case.handler_id:
        _notify_users(
            [case.handler],
            title=_("%(number)s 视为放弃") % {"number": case.number},
            body=_("申请人逾期未补正，依《行政复议法》第三十一条第二款视为放弃行政复议申请。"),
            url=case.get_absolute_url(),
            key=f"recon:deemed-abandoned:{case.pk}",
        )
    return case


# =====================================================================================================
# The respondent (第四十八条、第五十四条、第七十条)
# =====================================================================================================


@transaction.atomic
def case_send_copy(
    *, case: ReconsiderationCase, actor, sent_on: date, respondent_received_on: date | None = None
) -> ReconsiderationCase:
    """发送申请书副本 (复议法第四十八条: 7 working days; 第五十四条: 3 under the simplified procedure);
    the case enters 审理中. With the respondent's receipt date the reply clock starts."""
    case = _lock(case)
    _guard(case, "send_copy", actor)
    _check_date(
        sent_on,
        field="sent_on",
        label=_("副本发送日期"),
        not_before=case.accepted_on,
        not_before_label=_("受理日期"),
    )
    case.copy_sent_on = sent_on
    _transition(case, "send_copy", on=sent_on, actor=actor)
    clocks.on_copy_sent(case, sent_on=sent_on, actor=actor)
    if respondent_received_on is not None:
        _record_copy_receipt(case, received_on=respondent_received_on, actor=actor)
    return case


def _record_copy_receipt(case, *, received_on: date, actor) -> None:
    _check_date(
        received_on,
        field="respondent_received_on",
        label=_("被申请人收到副本日期"),
        not_before=case.copy_sent_on,
        not_before_label=_("副本发送日期"),
    )
    case.respondent_received_copy_on = received_on
    _save(case)
    clocks.on_copy_received(case, received_on=received_on, actor=actor)
    _event(
        case,
        EventKind.COPY_RECEIVED,
        on=received_on,
        actor=actor,
        basis=_("%(law)s第四十八条、第五十四条") % {"law": LAW},
    )


@transaction.atomic
def case_record_copy_receipt(*, case: ReconsiderationCase, actor, received_on: date) -> ReconsiderationCase:
    """被申请人收到副本: starts `recon.respondent_reply(_simple)` (10 / 5 working days)."""
    case = _lock(case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.copy_sent_on is None:
        raise ApplicationError(_("尚未发送申请书副本。"))
    if case.respondent_received_copy_on is not None:
        raise ApplicationError(_("已记录被申请人收到副本的日期。"))
    if case.status not in (CaseStatus.IN_TRIAL, CaseStatus.SUSPENDED, CaseStatus.DRAFTED):
        raise ApplicationError(
            _("案件当前状态为“%(status)s”，不能记录。") % {"status": case.get_status_display()}
        )
    _record_copy_receipt(case, received_on=received_on, actor=actor)
    return case


@transaction.atomic
def case_receive_reply(
    *, case: ReconsiderationCase, actor, received_on: date, with_evidence: bool
) -> ReconsiderationCase:
    """收到被申请人书面答复 and whether the evidence and basis came with it (第四十八条). A late reply or
    one without evidence leaves only the 第七十条 outcomes (see `respondent_defaulted`)."""
    case = _lock(case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.respondent_received_copy_on is None:
        raise ApplicationError(_("请先记录被申请人收到申请书副本的日期。"))
    if case.reply_received_on is not None:
        raise ApplicationError(_("已记录收到答复。"))
    if case.status not in (CaseStatus.IN_TRIAL, CaseStatus.SUSPENDED, CaseStatus.DRAFTED):
        raise ApplicationError(
            _("案件当前状态为“%(status)s”，不能记录。") % {"status": case.get_status_display()}
        )
    _check_date(
        received_on,
        field="received_on",
        label=_("收到答复日期"),
        not_before=case.respondent_received_copy_on,
        not_before_label=_("被申请人收到副本日期"),
    )
    case.reply_received_on = received_on
    case.reply_with_evidence = bool(with_evidence)
    _save(case)
    clocks.on_reply_received(case, received_on=received_on, actor=actor)
    due = respondent_reply_due(case)
    notes = []
    if due and received_on > due:
        notes.append(_("逾期答复（答复期限 %(due)s）") % {"due": _fmt(due)})
    if not with_evidence:
        notes.append(_("未提交作出行政行为的证据、依据"))
    if notes:
        notes.append(_("视为该行政行为没有证据、依据（第七十条）"))
    _event(
        case,
        EventKind.REPLY_RECEIVED,
        on=received_on,
        actor=actor,
        note="；".join(str(n) for n in notes),
        basis=_("%(law)s第四十八条、第七十条") % {"law": LAW},
    )
    return case


# =====================================================================================================
# Trial: suspension, extension, conversion
# =====================================================================================================


@transaction.atomic
def case_suspend(
    *,
    case: ReconsiderationCase,
    actor,
    ground: str,
    suspended_on: date,
    reason: str,
    notice_number: str = "",
) -> CaseSuspension:
    """中止 (复议法第三十九条): the decision clock stands still; grounds 39(1)(2)(4) start the 60-day
    clock after which the case is to be terminated (第四十一条第一款第五项)."""
    case = _lock(case)
    _guard(case, "suspend", actor)
    if ground not in SuspensionGround.values:
        raise ApplicationError(_("请选择第三十九条规定的中止事由。"), field="ground")
    reason = _require_text(reason, field="reason", message=_("请说明中止的具体情况。"))
    _check_date(
        suspended_on,
        field="suspended_on",
        label=_("中止日期"),
        not_before=case.accepted_on,
        not_before_label=_("受理日期"),
    )
    last = case.suspensions.filter(resumed_on__isnull=False).order_by("-resumed_on").first()
    if last is not None and last.resumed_on and suspended_on < last.resumed_on:
        raise ApplicationError(_("中止日期不能早于上次恢复审理的日期。"), field="suspended_on")
    suspension = CaseSuspension(
        case=case,
        ground=ground,
        reason=reason,
        suspended_on=suspended_on,
        notice_number=_text(notice_number),
        created_by=actor,
    )
    suspension.full_clean()
    suspension.save()
    _transition(
        case,
        "suspend",
        on=suspended_on,
        actor=actor,
        note=f"{SuspensionGround(ground).label}：{reason}",
        basis=_("%(law)s第三十九条第一款") % {"law": LAW},
    )
    clocks.on_suspended(
        case,
        suspended_on=suspended_on,
        ground=ground,
        reason=f"{SuspensionGround(ground).label}：{reason}",
        actor=actor,
    )
    return suspension


@transaction.atomic
def case_resume(
    *, case: ReconsiderationCase, actor, resumed_on: date, notice_number: str = ""
) -> ReconsiderationCase:
    """恢复审理 (复议法第三十九条第二款): the decision clock runs again, its due date moved by the time
    suspended; the 60-day limit clock is met."""
    case = _lock(case)
    _guard(case, "resume", actor)
    suspension = case.suspensions.filter(resumed_on__isnull=True).first()
    _check_date(
        resumed_on,
        field="resumed_on",
        label=_("恢复日期"),
        not_before=suspension.suspended_on if suspension else None,
        not_before_label=_("中止日期"),
    )
    if suspension is not None:
        suspension.resumed_on = resumed_on
        suspension.resume_notice_number = _text(notice_number)
        suspension.full_clean()
        suspension.save()
    _transition(case, "resume", on=resumed_on, actor=actor)
    clocks.on_resumed(case, resumed_on=resumed_on, actor=actor)
    return case


@transaction.atomic
def case_extend(*, case: ReconsiderationCase, actor, days: int, reference: str, reason: str, approved_by):
    """延长审理期限 (复议法第六十二条第一款): ordinary procedure only, ≤ 30 days in all, approved by the
    复议机构负责人, the parties told in writing (`reference`: the notice's number). Returns the clock."""
    case = _lock(case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status not in (
        CaseStatus.ACCEPTED,
        CaseStatus.IN_TRIAL,
        CaseStatus.DRAFTED,
        CaseStatus.PENDING_APPROVAL,
    ):
        raise ApplicationError(
            _("案件当前状态为“%(status)s”，不能延长审理期限。") % {"status": case.get_status_display()}
        )
    if case.is_simple:
        raise GateError(
            _(
                "简易程序的审理期限不得延长；确需延长的，应当经批准转为普通程序（%(law)s第五十五条、第六十二条）。"
            )
            % {"law": LAW}
        )
    if approved_by is None or not can_approve(approved_by, case):
        raise GateError(
            _("延长审理期限须经行政复议机构的负责人批准（%(law)s第六十二条第一款）。") % {"law": LAW},
            field="approved_by",
        )
    clock = clocks.extend_decision(
        case,
        days=days,
        reference=_text(reference),
        reason=_text(reason),
        actor=actor,
        approved_by=approved_by,
    )
    if clock is None:
        raise ApplicationError(_("本案没有进行中的复议决定期限。"))
    _save(case)
    _event(
        case,
        EventKind.EXTEND,
        on=_today(),
        actor=actor,
        basis=_("%(law)s第六十二条第一款") % {"law": LAW},
        note=_("延长%(days)d日，经%(head)s批准，书面通知文号%(ref)s，决定期限至 %(due)s：%(reason)s")
        % {
            "days": days,
            "head": approved_by.display_name,
            "ref": _text(reference),
            "due": _fmt(clock.due_date),
            "reason": _text(reason),
        },
    )
    return clock


@transaction.atomic
def case_convert_to_ordinary(
    *, case: ReconsiderationCase, actor, converted_on: date, reason: str, approved_by
) -> ReconsiderationCase:
    """简易程序转为普通程序 (复议法第五十五条), with the 复议机构负责人's approval. The simplified clocks are
    cancelled and the ordinary ones run from the original trigger dates (explained in the event)."""
    case = _lock(case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if not case.is_simple:
        raise ApplicationError(_("本案适用普通程序，无需转换。"))
    if case.status not in (CaseStatus.ACCEPTED, CaseStatus.IN_TRIAL, CaseStatus.DRAFTED):
        raise ApplicationError(
            _("案件当前状态为“%(status)s”，不能转换程序（中止期间请先恢复审理）。")
            % {"status": case.get_status_display()}
        )
    reason = _require_text(reason, field="reason", message=_("请说明不宜适用简易程序的理由。"))
    if approved_by is None or not can_approve(approved_by, case):
        raise GateError(
            _("简易程序转为普通程序须经行政复议机构的负责人批准（%(law)s第五十五条）。") % {"law": LAW},
            field="approved_by",
        )
    _check_date(
        converted_on,
        field="converted_on",
        label=_("转换日期"),
        not_before=case.accepted_on,
        not_before_label=_("受理日期"),
    )
    case.procedure = Procedure.ORDINARY
    case.converted_to_ordinary_on = converted_on
    _save(case)
    lines = clocks.on_converted_to_ordinary(case, actor=actor)
    note = _("经%(head)s批准：%(reason)s。") % {"head": approved_by.display_name, "reason": reason}
    _event(
        case,
        EventKind.CONVERT,
        on=converted_on,
        actor=actor,
        note=note + "；".join(str(x) for x in lines),
        basis=_("%(law)s第五十五条") % {"law": LAW},
    )
    return case


# =====================================================================================================
# Trial: hearing (第五十条、第五十一条)
# =====================================================================================================

_HEARING_STATUSES = (CaseStatus.IN_TRIAL, CaseStatus.DRAFTED)


@transaction.atomic
def hearing_schedule(
    *,
    case: ReconsiderationCase,
    actor,
    date: date,
    place: str,
    matters: str,
    presiding,
    officers: Sequence,
    clerk,
    notice_sent_on: date,
    start_time: time | None = None,
    requested_by_applicant: bool = False,
    notice_number: str = "",
) -> Hearing:
    """安排听证: one presiding officer, at least two hearing officers and a clerk (第五十条第三款), the
    parties notified in writing at least 5 working days before (第五十一条第一款, `recon.hearing_notice`)."""
    from deadlines.engine import latest_start

    case = _lock(case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status not in _HEARING_STATUSES:
        raise ApplicationError(
            _("案件当前状态为“%(status)s”，不能安排听证。") % {"status": case.get_status_display()}
        )
    place = _require_text(place, field="place", message=_("请填写听证地点。"))
    matters = _require_text(matters, field="matters", message=_("请填写拟听证事项。"))
    officers = [u for u in officers if u is not None]
    if presiding is None or clerk is None:
        raise ApplicationError(_("听证须有一名主持人和一名记录员（%(law)s第五十条第三款）。") % {"law": LAW})
    if len({u.pk for u in officers} - {presiding.pk, clerk.pk}) < 2:
        raise GateError(
            _("听证应当由两名以上行政复议人员任听证员，且不得由主持人或记录员兼任（%(law)s第五十条第三款）。")
            % {"law": LAW},
            field="officers",
        )
    if presiding.pk == clerk.pk:
        raise GateError(
            _("主持人和记录员不能为同一人（%(law)s第五十条第三款）。") % {"law": LAW}, field="clerk"
        )
    for person in [presiding, clerk, *officers]:
        if not unit_in_jurisdiction(person, case.org_unit):
            raise ApplicationError(
                _("%(name)s不是本复议机关的工作人员。") % {"name": person.display_name}, field="officers"
            )
    _check_date(
        notice_sent_on,
        field="notice_sent_on",
        label=_("听证通知发出日期"),
        not_before=case.accepted_on,
        not_before_label=_("受理日期"),
    )
    latest = latest_start(clocks.HEARING_NOTICE, date)
    if notice_sent_on > latest:
        raise GateError(
            _(
                "听证通知应当于举行听证的五个工作日前书面发出；"
                "听证日期为 %(date)s，通知最迟应于 %(latest)s 发出"
                "（%(law)s第五十一条第一款、第八十八条）。"
            )
            % {"date": _fmt(date), "latest": _fmt(latest), "law": LAW},
            field="notice_sent_on",
        )
    hearing = Hearing(
        case=case,
        org_unit=case.org_unit,
        date=date,
        start_time=start_time,
        place=place,
        matters=matters,
        presiding=presiding,
        clerk=clerk,
        notice_sent_on=notice_sent_on,
        notice_number=_text(notice_number),
        requested_by_applicant=requested_by_applicant or case.hearing_requested,
        created_by=actor,
    )
    hearing.full_clean()
    hearing.save()
    hearing.officers.set(officers)
    _event(
        case,
        EventKind.HEARING_SCHEDULED,
        on=notice_sent_on,
        actor=actor,
        basis=_("%(law)s第五十条、第五十一条") % {"law": LAW},
        note=_("听证日期 %(date)s，地点：%(place)s") % {"date": _fmt(date), "place": place},
    )
    return hearing


@transaction.atomic
def hearing_record(
    *,
    hearing: Hearing,
    actor,
    respondent_head_attended: bool,
    respondent_head_absence_reason: str = "",
    respondent_delegate: str = "",
    applicant_absent_without_reason: bool = False,
    record_summary: str = "",
) -> Hearing:
    """听证已举行: the respondent's head attends, or gives a reason and sends staff (第五十一条第三款);
    an applicant absent without reason has waived the hearing (第五十一条第二款). The 听证笔录 is
    uploaded as an attachment of the hearing."""
    hearing = (
        Hearing.objects.select_for_update(of=("self",)).select_related("case__org_unit").get(pk=hearing.pk)
    )
    case = _lock(hearing.case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if hearing.held:
        raise ApplicationError(_("该听证已记录为举行。"))
    if hearing.date > _today():
        raise ApplicationError(_("听证日期尚未到来。"))
    if not respondent_head_attended:
        _require_text(
            respondent_head_absence_reason,
            field="respondent_head_absence_reason",
            message=_("被申请人的负责人不能参加听证的，应当说明理由（%(law)s第五十一条第三款）。")
            % {"law": LAW},
        )
        _require_text(
            respondent_delegate,
            field="respondent_delegate",
            message=_(
                "被申请人的负责人不能参加的，应当委托相应的工作人员参加听证（%(law)s第五十一条第三款）。"
            )
            % {"law": LAW},
        )
    hearing.held = True
    hearing.respondent_head_attended = bool(respondent_head_attended)
    hearing.respondent_head_absence_reason = _text(respondent_head_absence_reason)
    hearing.respondent_delegate = _text(respondent_delegate)
    hearing.applicant_absent_without_reason = applicant_absent_without_reason
    hearing.record_summary = _text(record_summary)
    hearing.full_clean()
    hearing.save()
    note = (
        _("被申请人负责人参加")
        if respondent_head_attended
        else _("被申请人负责人未参加：%(r)s") % {"r": hearing.respondent_head_absence_reason}
    )
    if applicant_absent_without_reason:
        note += _("；申请人无正当理由拒不参加，视为放弃听证权利")
    _event(
        case,
        EventKind.HEARING_HELD,
        on=hearing.date,
        actor=actor,
        note=note,
        basis=_("%(law)s第五十一条") % {"law": LAW},
    )
    return hearing


# =====================================================================================================
# Trial: committee (第五十二条) and experts
# =====================================================================================================


@transaction.atomic
def expert_consultant_create(
    *, actor, body, name: str, field: str, organisation: str = "", title: str = ""
) -> ExpertConsultant:
    """Add an expert to the body's pool (专家咨询委员会)."""
    _check_body(body)
    _check_actor(actor, PERM_APPROVE, body)
    expert = ExpertConsultant(
        org_unit=body,
        created_by=actor,
        name=_require_text(name, field="name", message=_("请填写专家姓名。")),
        field=_require_text(field, field="field", message=_("请填写专业领域。")),
        organisation=_text(organisation),
        title=_text(title),
    )
    expert.full_clean()
    expert.save()
    return expert


@transaction.atomic
def expert_consultant_update(*, expert: ExpertConsultant, actor, version: int, **fields) -> ExpertConsultant:
    """Edit an expert or take them out of the pool (`is_active=False`); experts are never deleted.
    `version` is the one the user's form was opened with (core.concurrency)."""
    allowed = {"name", "field", "organisation", "title", "is_active"}
    if set(fields) - allowed:
        raise TypeError(f"fields not editable: {sorted(set(fields) - allowed)}")
    expert = lock_for_edit(ExpertConsultant.objects.all(), pk=expert.pk, version=version)
    _check_actor(actor, PERM_APPROVE, expert.org_unit)
    for name, value in fields.items():
        setattr(expert, name, value.strip() if isinstance(value, str) else value)
    bump(expert)
    expert.full_clean()
    expert.save()
    return expert


@transaction.atomic
def committee_meeting_create(
    *,
    actor,
    body,
    date: date,
    topic: str,
    members: Sequence = (),
    experts: Sequence = (),
    place: str = "",
    chaired_by=None,
    note: str = "",
) -> CommitteeMeeting:
    """复议委员会会议: the members (department staff) and external experts present."""
    _check_body(body)
    _check_actor(actor, PERM_CHANGE, body)
    _check_date(date, field="date", label=_("会议日期"))
    members = [m for m in members if m is not None]
    experts = [e for e in experts if e is not None]
    if not members and not experts:
        raise ApplicationError(_("请填写出席会议的委员或专家。"), field="members")
    for expert in experts:
        if expert.org_unit_id != body.pk or not expert.is_active:
            raise ApplicationError(
                _("%(name)s不在本机关的专家库中。") % {"name": expert.name}, field="experts"
            )
    meeting = CommitteeMeeting(
        org_unit=body,
        created_by=actor,
        date=date,
        topic=_require_text(topic, field="topic", message=_("请填写会议议题。")),
        place=_text(place),
        chaired_by=chaired_by,
        note=_text(note),
    )
    meeting.full_clean()
    meeting.save()
    meeting.members.set(members)
    meeting.experts.set(experts)
    return meeting


@transaction.atomic
def committee_consult(
    *,
    meeting: CommitteeMeeting,
    case: ReconsiderationCase,
    actor,
    opinion: str,
    majority_view: str,
    question: str = "",
    votes_for: int | None = None,
    votes_against: int | None = None,
) -> CommitteeConsultation:
    """委员会咨询意见 on a case (复议法第五十二条): recorded with its majority view, and kept as the
    committee tier of the case's opinions (三级办案)."""
    case = _lock(case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if meeting.org_unit_id != case.org_unit_id:
        raise ApplicationError(_("只能咨询本复议机关的案件。"))
    if case.status not in (
        CaseStatus.IN_TRIAL,
        CaseStatus.SUSPENDED,
        CaseStatus.DRAFTED,
        CaseStatus.PENDING_APPROVAL,
    ):
        raise ApplicationError(
            _("案件当前状态为“%(status)s”，不能提请咨询。") % {"status": case.get_status_display()}
        )
    if case.accepted_on and meeting.date < case.accepted_on:
        raise ApplicationError(_("会议日期早于案件受理日期。"))
    if (votes_for is None) != (votes_against is None):
        raise ApplicationError(_("表决票数须同时填写赞成和反对，或都不填。"), field="votes_for")
    consultation = CommitteeConsultation(
        meeting=meeting,
        case=case,
        question=_text(question),
        opinion=_require_text(opinion, field="opinion", message=_("请填写咨询意见。")),
        majority_view=_require_text(majority_view, field="majority_view", message=_("请填写多数意见。")),
        votes_for=votes_for,
        votes_against=votes_against,
        created_by=actor,
    )
    consultation.full_clean()
    consultation.save()
    CaseOpinion.objects.create(
        case=case,
        written_on=meeting.date,
        tier=OpinionTier.COMMITTEE,
        author=actor,
        text=consultation.majority_view,
        consultation=consultation,
    )
    _event(
        case,
        EventKind.COMMITTEE_CONSULTED,
        on=meeting.date,
        actor=actor,
        note=consultation.majority_view,
        basis=_("%(law)s第五十二条") % {"law": LAW},
    )
    return consultation


@transaction.atomic
def expert_consultation_record(
    *,
    case: ReconsiderationCase,
    actor,
    expert: ExpertConsultant,
    question: str,
    answer: str,
    consulted_on: date,
) -> ExpertConsultation:
    """专家咨询 on a case (an expert of the body's pool)."""
    case = _lock(case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if expert.org_unit_id != case.org_unit_id:
        raise ApplicationError(_("%(name)s不在本机关的专家库中。") % {"name": expert.name}, field="expert")
    _check_date(consulted_on, field="consulted_on", label=_("咨询日期"))
    consultation = ExpertConsultation(
        case=case,
        expert=expert,
        question=_require_text(question, field="question", message=_("请填写咨询事项。")),
        answer=_require_text(answer, field="answer", message=_("请填写专家意见。")),
        consulted_on=consulted_on,
        created_by=actor,
    )
    consultation.full_clean()
    consultation.save()
    _event(case, EventKind.EXPERT_CONSULTED, on=consulted_on, actor=actor, note=expert.name)
    return consultation


# =====================================================================================================
# Trial: mediation first (能调尽调, 第五条、第七十三条、第七十四条)
# =====================================================================================================


@transaction.atomic
def case_set_mediation(
    *,
    case: ReconsiderationCase,
    actor,
    attempted: bool,
    reason_not_attempted: str = "",
    on: date | None = None,
) -> ReconsiderationCase:
    """Record whether mediation was attempted and, if not, why (required before deciding)."""
    case = _lock(case)
    on = _on(on, case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status in CONCLUDED_STATUSES or case.status in (CaseStatus.CLOSED, CaseStatus.ARCHIVED):
        raise ApplicationError(_("案件已审结。"))
    if not attempted:
        reason_not_attempted = _require_text(
            reason_not_attempted, field="reason_not_attempted", message=_("请说明未开展调解的理由。")
        )
    case.mediation_attempted = bool(attempted)
    case.mediation_not_attempted_reason = "" if attempted else reason_not_attempted
    _save(case)
    _event(
        case,
        EventKind.MEDIATION_STATUS,
        on=on,
        actor=actor,
        note=_("已开展调解") if attempted else _("未调解：%(r)s") % {"r": reason_not_attempted},
        basis=_("%(law)s第五条") % {"law": LAW},
    )
    return case


@transaction.atomic
def mediation_session_record(
    *,
    case: ReconsiderationCase,
    actor,
    held_on: date,
    participants_note: str,
    result: str,
    note: str = "",
) -> MediationSession:
    """A mediation session (复议法第五条): the case then counts as mediation attempted."""
    case = _lock(case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status not in (
        CaseStatus.ACCEPTED,
        CaseStatus.IN_TRIAL,
        CaseStatus.SUSPENDED,
        CaseStatus.DRAFTED,
        CaseStatus.PENDING_APPROVAL,
    ):
        raise ApplicationError(
            _("案件当前状态为“%(status)s”，不能调解。") % {"status": case.get_status_display()}
        )
    if result not in MediationResult.values:
        raise ApplicationError(_("请选择调解结果。"), field="result")
    _check_date(
        held_on,
        field="held_on",
        label=_("调解日期"),
        not_before=case.accepted_on,
        not_before_label=_("受理日期"),
    )
    session = MediationSession(
        case=case,
        held_on=held_on,
        participants_note=_require_text(
            participants_note, field="participants_note", message=_("请填写参加人员。")
        ),
        result=result,
        note=_text(note),
        created_by=actor,
    )
    session.full_clean()
    session.save()
    if not case.mediation_attempted:
        case.mediation_attempted = True
        case.mediation_not_attempted_reason = ""
        _save(case)
    _event(
        case,
        EventKind.MEDIATION_SESSION,
        on=held_on,
        actor=actor,
        note=session.get_result_display(),
        basis=_("%(law)s第五条") % {"law": LAW},
    )
    return session


def _conclude(case, decision: CaseDecision, name: str, *, on: date, actor, note: str) -> CaseDecision:
    """Store the outcome with its computed correction classification, transition, close the clocks."""
    kind = correction_kind(decision.outcome, agency_changed_act=decision.agency_changed_act)
    decision.is_directly_corrected = kind == CorrectionKind.DIRECT
    decision.is_indirectly_corrected = kind == CorrectionKind.INDIRECT
    decision.full_clean()
    decision.save()
    case.concluded_on = on
    _transition(case, name, on=on, actor=actor, note=note)
    clocks.on_concluded(case, concluded_on=on, actor=actor)
    return decision


@transaction.atomic
def case_conclude_by_mediation(
    *,
    case: ReconsiderationCase,
    actor,
    concluded_on: date,
    agreement_summary: str,
    agency_changed_act: bool = False,
    document_number: str = "",
) -> CaseDecision:
    """调解结案 (复议法第七十三条): a 行政复议调解书 signed by every party and sealed. Needs a mediation
    session that reached agreement. If the agency changed its act, indirect correction (DOMAIN.md §4)."""
    case = _lock(case)
    _guard(case, "mediate", actor)
    _check_date(
        concluded_on,
        field="concluded_on",
        label=_("调解书生效日期"),
        not_before=case.accepted_on,
        not_before_label=_("受理日期"),
    )
    if not case.mediation_sessions.filter(result=MediationResult.AGREED, held_on__lte=concluded_on).exists():
        raise GateError(
            _("须有达成调解协议的调解记录，方可制作行政复议调解书（%(law)s第七十三条第一款）。")
            % {"law": LAW}
        )
    summary = _require_text(agreement_summary, field="agreement_summary", message=_("请填写调解协议内容。"))
    decision = CaseDecision(
        case=case,
        outcome=DecisionOutcome.MEDIATION,
        decided_on=concluded_on,
        reasoning=summary,
        legal_basis=_("%(law)s第五条、第七十三条") % {"law": LAW},
        agency_changed_act=bool(agency_changed_act),
        document_number=_text(document_number),
        created_by=actor,
    )
    return _conclude(case, decision, "mediate", on=concluded_on, actor=actor, note=summary)


@transaction.atomic
def case_terminate(
    *,
    case: ReconsiderationCase,
    actor,
    ground: str,
    terminated_on: date,
    reasoning: str,
    is_settlement: bool = False,
    agency_changed_act: bool = False,
    document_number: str = "",
) -> CaseDecision:
    """终止行政复议 (复议法第四十一条), decided by the 复议机构负责人. A settlement-and-withdrawal
    (第七十四条) is a withdrawal (第四十一条第一项) flagged as settlement; if the agency changed its act
    it counts as indirect correction. Ground 41(5) needs a 39(1)(2)(4) suspension that lasted 60 days."""
    case = _lock(case)
    _guard(case, "terminate", actor)
    if ground not in TerminationGround.values:
        raise ApplicationError(_("请选择第四十一条规定的终止事由。"), field="ground")
    _check_date(
        terminated_on,
        field="terminated_on",
        label=_("终止日期"),
        not_before=case.accepted_on,
        not_before_label=_("受理日期"),
    )
    reasoning = _require_text(reasoning, field="reasoning", message=_("请说明终止的理由。"))
    if is_settlement and ground != TerminationGround.WITHDRAWN:
        raise ApplicationError(
            _("和解后须由申请人撤回申请，终止事由应为第四十一条第一项（%(law)s第七十四条第二款）。")
            % {"law": LAW},
            field="ground",
        )
    if agency_changed_act and ground != TerminationGround.WITHDRAWN:
        # DOMAIN.md §4: only a withdrawal after settlement in which the agency changed its act counts as
        # indirect correction (第七十四条、第四十一条第一项); the other grounds of 第四十一条 (death,
        # dissolution, criminal measures, an expired suspension) end the case without any correction.
        raise ApplicationError(
            _(
                "只有申请人因被申请人改变原行政行为而撤回申请（第四十一条第一项）的，才记为被申请人已改变"
                "原行政行为（间接纠错）（%(law)s第四十一条、第七十四条）。"
            )
            % {"law": LAW},
            field="agency_changed_act",
        )
    if ground == TerminationGround.SUSPENSION_EXPIRED:
        suspension = case.suspensions.filter(resumed_on__isnull=True).first()
        clock = clocks.open_clock(case, clocks.SUSPENSION_LIMIT)
        if (
            case.status != CaseStatus.SUSPENDED
            or suspension is None
            or suspension.ground not in LIMITED_SUSPENSION_GROUNDS
            or clock is None
            or terminated_on < clock.due_date
        ):
            raise GateError(
                _(
                    "只有依第三十九条第一款第一、二、四项中止满六十日、中止原因仍未消除的，才能依第四十一条第五项终止"
                    "（%(law)s第四十一条）。"
                )
                % {"law": LAW},
                field="ground",
            )
    decision = CaseDecision(
        case=case,
        outcome=DecisionOutcome.TERMINATION,
        termination_ground=ground,
        decided_on=terminated_on,
        reasoning=reasoning,
        legal_basis=_("%(law)s第四十一条") % {"law": LAW} + (_("、第七十四条") if is_settlement else ""),
        is_settlement=bool(is_settlement),
        agency_changed_act=bool(agency_changed_act),
        signed_by=actor,
        document_number=_text(document_number),
        created_by=actor,
    )
    return _conclude(
        case,
        decision,
        "terminate",
        on=terminated_on,
        actor=actor,
        note=f"{TerminationGround(ground).label}：{reasoning}",
    )


@transaction.atomic
def case_flag_suspension_limit(*, case: ReconsiderationCase, today: date | None = None) -> CaseEvent | None:
    """第四十一条第一款第五项: the case has been suspended on a 39(1)(2)(4) ground for 60 days — record
    it once in the timeline and prompt the handler and the approvers to terminate. Idempotent."""
    today = today or _today()
    case = _lock(case)
    if case.status != CaseStatus.SUSPENDED:
        return None
    clock = clocks.open_clock(case, clocks.SUSPENSION_LIMIT)
    if clock is None or clock.due_date > today:
        return None
    if case.events.filter(kind=EventKind.SUSPENSION_LIMIT, date=clock.due_date).exists():
        return None
    event = _event(
        case,
        EventKind.SUSPENSION_LIMIT,
        on=clock.due_date,
        actor=None,
        basis=_("%(law)s第四十一条第一款第五项") % {"law": LAW},
        note=_("自 %(since)s 中止已满六十日，中止原因仍未消除的，应当决定终止行政复议。")
        % {"since": _fmt(clock.trigger_date)},
    )
    recipients = {u.pk: u for u in [case.handler, *approvers_of(case)] if u is not None}
    _notify_users(
        recipients.values(),
        title=_("%(number)s 中止已满六十日") % {"number": case.number},
        body=str(event.note),
        url=case.get_absolute_url(),
        key=f"recon:suspension-limit:{case.pk}:{clock.pk}",
    )
    return event


# =====================================================================================================
# Three-tier handling (三级办案) and the decision (第六十一条)
# =====================================================================================================


def _check_proposed(outcome: str) -> str:
    if outcome and outcome not in DecisionOutcome.values:
        raise ApplicationError(_("建议处理结果无效。"), field="proposed_outcome")
    return outcome or ""


@transaction.atomic
def opinion_draft(
    *, case: ReconsiderationCase, actor, text: str, proposed_outcome: str = "", on: date | None = None
) -> CaseOpinion:
    """承办人意见: the handler's draft opinion (审理中 → 拟决定; a revised draft while 拟决定)."""
    case = _lock(case)
    on = _on(on, case)
    if case.status != CaseStatus.DRAFTED:
        _guard(case, "draft", actor)
    else:
        _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.handler_id != getattr(actor, "pk", None):
        raise ApplicationError(_("拟处理意见由本案承办人提出。"))
    opinion = CaseOpinion(
        case=case,
        tier=OpinionTier.HANDLER,
        author=actor,
        text=_require_text(text, field="text", message=_("请填写拟处理意见。")),
        proposed_outcome=_check_proposed(proposed_outcome),
        written_on=on,
    )
    opinion.full_clean()
    opinion.save()
    note = opinion.get_proposed_outcome_display() if opinion.proposed_outcome else ""
    if case.status == CaseStatus.DRAFTED:
        _event(
            case,
            EventKind.DRAFT,
            on=on,
            actor=actor,
            note=note,
            basis=TRANSITIONS_BY_NAME["draft"].basis,
        )
    else:
        _transition(case, "draft", on=on, actor=actor, note=note)
    return opinion


def _is_office_reviewer(user, case) -> bool:
    return can_approve(user, case) or (
        _is_user(user)
        and user.groups.filter(name=Role.RECON_OFFICER.value).exists()
        and unit_in_jurisdiction(user, case.org_unit)
    )


@transaction.atomic
def opinion_review(
    *,
    case: ReconsiderationCase,
    actor,
    text: str,
    agrees: bool,
    proposed_outcome: str = "",
    on: date | None = None,
) -> CaseOpinion:
    """复议机构审核意见: the office reviews the handler's draft — by someone other than the handler."""
    case = _lock(case)
    on = _on(on, case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status not in (CaseStatus.DRAFTED, CaseStatus.PENDING_APPROVAL):
        raise ApplicationError(_("承办人提出拟处理意见后才能审核。"))
    if case.handler_id == actor.pk:
        raise ApplicationError(_("承办人不能审核自己的意见（三级办案）。"))
    if not _is_office_reviewer(actor, case):
        raise ApplicationError(_("审核意见由行政复议机构的工作人员或负责人提出。"))
    opinion = CaseOpinion(
        case=case,
        tier=OpinionTier.OFFICE,
        author=actor,
        text=_require_text(text, field="text", message=_("请填写审核意见。")),
        proposed_outcome=_check_proposed(proposed_outcome),
        agrees=bool(agrees),
        written_on=on,
    )
    opinion.full_clean()
    opinion.save()
    _event(
        case,
        EventKind.OPINION_REVIEW,
        on=on,
        actor=actor,
        note=_("同意承办人意见") if agrees else _("不同意承办人意见"),
        basis=_("%(law)s第六十一条第一款") % {"law": LAW},
    )
    return opinion


@transaction.atomic
def case_reopen_trial(
    *, case: ReconsiderationCase, actor, reason: str, on: date | None = None
) -> ReconsiderationCase:
    """拟决定 → 审理中: the draft needs more fact-finding."""
    case = _lock(case)
    on = _on(on, case)
    _guard(case, "reopen_trial", actor)
    reason = _require_text(reason, field="reason", message=_("请说明退回继续审理的理由。"))
    _transition(case, "reopen_trial", on=on, actor=actor, note=reason)
    return case


@transaction.atomic
def case_submit_for_approval(
    *, case: ReconsiderationCase, actor, on: date | None = None
) -> ReconsiderationCase:
    """报请审批: needs the handler's opinion and the office's review of it (三级办案); the approvers are
    told."""
    case = _lock(case)
    on = _on(on, case)
    _guard(case, "submit", actor)
    latest_draft = case.opinions.filter(tier=OpinionTier.HANDLER).order_by("-created_at", "-id").first()
    if latest_draft is None:
        raise GateError(_("报请审批前须有承办人的拟处理意见（三级办案）。"))
    if not case.opinions.filter(tier=OpinionTier.OFFICE, id__gt=latest_draft.id).exists():
        raise GateError(_("报请审批前须经行政复议机构审核承办人的最新意见（三级办案）。"))
    _transition(case, "submit", on=on, actor=actor)
    _notify_users(
        approvers_of(case),
        title=_("%(number)s 待审批") % {"number": case.number},
        body=_("承办人已提出拟处理意见并经复议机构审核，请审批。"),
        url=case.get_absolute_url(),
        key=f"recon:submitted:{case.pk}:{case.version}",
    )
    return case


@transaction.atomic
def case_return_for_revision(
    *, case: ReconsiderationCase, actor, reason: str, on: date | None = None
) -> ReconsiderationCase:
    """待审批 → 拟决定: the approver sends the draft back."""
    case = _lock(case)
    on = _on(on, case)
    _guard(case, "return_for_revision", actor)
    reason = _require_text(reason, field="reason", message=_("请说明退回修改的理由。"))
    _transition(case, "return_for_revision", on=on, actor=actor, note=reason)
    if case.handler_id:
        _notify_users(
            [case.handler],
            title=_("%(number)s 被退回修改") % {"number": case.number},
            body=reason,
            url=case.get_absolute_url(),
            key=f"recon:returned:{case.pk}:{case.version}",
        )
    return case


@transaction.atomic
def case_decide(
    *,
    case: ReconsiderationCase,
    actor,
    outcome: str,
    decided_on: date,
    reasoning: str,
    legal_basis: str,
    signed_by=None,
    collective_discussion_on: date | None = None,
    collective_participants: str = "",
    no_evidence_disposition: str = "",
    order_redo: bool = False,
    compensation_ordered: bool = False,
    document_number: str = "",
) -> CaseDecision:
    """作出行政复议决定 (复议法第六十一条至第七十二条).

    Refused unless: the decision is signed by the head of the reconsideration body (`signed_by` holds
    the approve permission) or adopted by collective discussion (date and participants recorded)
    (第六十一条第一款); a major/difficult/complex case had its hearing (第五十条) and committee
    consultation (第五十二条), a highly technical case its consultation; mediation was attempted or the
    reason not recorded (能调尽调); when the respondent did not reply or produce evidence in time the
    outcome is a 第七十条 one (unless a third party produced evidence). The correction classification is
    computed from the outcome.
    """
    case = _lock(case)
    _guard(case, "decide", actor)
    if outcome not in DECISION_OUTCOMES:
        raise ApplicationError(
            _("请选择复议决定的结果；调解书、终止和不予受理请使用相应的功能。"), field="outcome"
        )
    _check_date(
        decided_on,
        field="decided_on",
        label=_("决定日期"),
        not_before=case.accepted_on,
        not_before_label=_("受理日期"),
    )
    reasoning = _require_text(reasoning, field="reasoning", message=_("请填写决定的理由。"))
    legal_basis = _require_text(legal_basis, field="legal_basis", message=_("请填写决定的法律依据。"))

    # 第六十一条第一款: 经行政复议机关的负责人同意或者集体讨论通过.
    collective_participants = _text(collective_participants)
    if signed_by is not None:
        if not can_sign_decision(signed_by, case):
            raise GateError(
                _("%(name)s不是本行政复议机关的负责人，不能签发复议决定（%(law)s第六十一条第一款）。")
                % {"name": signed_by.display_name, "law": LAW},
                field="signed_by",
            )
    elif collective_discussion_on is None or not collective_participants:
        raise GateError(
            _(
                "复议决定须经行政复议机关的负责人同意，或者经集体讨论通过并记录讨论日期和参加人员"
                "（%(law)s第六十一条第一款）。"
            )
            % {"law": LAW},
            field="signed_by",
        )
    if collective_discussion_on is not None and collective_discussion_on > decided_on:
        raise ApplicationError(_("集体讨论日期不能晚于决定日期。"), field="collective_discussion_on")

    blockers = decision_blockers(case, on=decided_on)
    if blockers:
        raise GateError(blockers[0], extra={"blockers": blockers})

    # 第七十条: no reply / no evidence in time → the act is treated as without evidence and basis.
    permitted = allowed_outcomes(case, on=decided_on)
    if outcome not in permitted:
        if outcome == DecisionOutcome.NO_EVIDENCE:
            raise GateError(
                _(
                    "被申请人已按期提出书面答复并提交证据、依据，不适用第七十条（%(law)s第四十八条、第七十条）。"
                )
                % {"law": LAW},
                field="outcome",
            )
        raise GateError(
            _(
                "被申请人未按期提出书面答复、提交证据和依据（答复期限 %(due)s），"
                "视为该行政行为没有证据、依据，"
                "只能决定撤销、部分撤销、确认违法、确认无效或责令履行（%(law)s第七十条）。"
            )
            % {"due": _fmt(respondent_reply_due(case)), "law": LAW},
            field="outcome",
        )
    if outcome == DecisionOutcome.NO_EVIDENCE:
        if no_evidence_disposition not in NoEvidenceDisposition.values:
            raise ApplicationError(
                _("依第七十条决定的，请选择撤销、部分撤销、确认违法、确认无效或责令履行。"),
                field="no_evidence_disposition",
            )
    else:
        no_evidence_disposition = ""
    if order_redo:
        redo_ok = outcome in REDO_OUTCOMES and (
            outcome != DecisionOutcome.NO_EVIDENCE
            or no_evidence_disposition in (NoEvidenceDisposition.REVOKE, NoEvidenceDisposition.PARTIAL_REVOKE)
        )
        if not redo_ok:
            raise ApplicationError(
                _("只有撤销或者部分撤销的决定才能同时责令重新作出行政行为（%(law)s第六十四条第一款）。")
                % {"law": LAW},
                field="order_redo",
            )

    decision = CaseDecision(
        case=case,
        outcome=outcome,
        no_evidence_disposition=no_evidence_disposition,
        order_redo=bool(order_redo),
        compensation_ordered=bool(compensation_ordered),
        decided_on=decided_on,
        reasoning=reasoning,
        legal_basis=legal_basis,
        signed_by=signed_by,
        collective_discussion_on=collective_discussion_on,
        collective_participants=collective_participants,
        document_number=_text(document_number),
        created_by=actor,
    )
    approval = (
        _("经%(name)s签发") % {"name": signed_by.display_name}
        if signed_by is not None
        else _("经 %(date)s 集体讨论通过") % {"date": _fmt(collective_discussion_on)}
    )
    return _conclude(
        case,
        decision,
        "decide",
        on=decided_on,
        actor=actor,
        note=f"{DecisionOutcome(outcome).label}，{approval}",
    )


# =====================================================================================================
# Closing
# =====================================================================================================


@transaction.atomic
def case_record_service(*, case: ReconsiderationCase, actor, served_on: date) -> CaseDecision:
    """送达 the decision document (第七十五条第二款: it takes effect on service)."""
    case = _lock(case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    decision = CaseDecision.objects.select_for_update().filter(case=case).first()
    if decision is None:
        raise ApplicationError(_("本案尚无决定，无需送达。"))
    _check_date(
        served_on,
        field="served_on",
        label=_("送达日期"),
        not_before=decision.decided_on,
        not_before_label=_("决定日期"),
    )
    decision.served_on = served_on
    decision.full_clean()
    decision.save()
    _event(case, EventKind.SERVED, on=served_on, actor=actor, basis=_("%(law)s第七十五条") % {"law": LAW})
    return decision


@transaction.atomic
def case_close(
    *, case: ReconsiderationCase, actor, closed_on: date, served_on: date | None = None
) -> ReconsiderationCase:
    """结案: after the decision (调解书, termination, refusal) was served; 视为放弃 closes directly."""
    case = _lock(case)
    _guard(case, "close", actor)
    _check_date(
        closed_on,
        field="closed_on",
        label=_("结案日期"),
        not_before=case.concluded_on,
        not_before_label=_("审结日期"),
    )
    decision = CaseDecision.objects.select_for_update().filter(case=case).first()
    if decision is not None:
        if served_on is not None:
            _check_date(
                served_on,
                field="served_on",
                label=_("送达日期"),
                not_before=decision.decided_on,
                not_before_label=_("决定日期"),
            )
            decision.served_on = served_on
            decision.full_clean()
            decision.save()
        if decision.served_on is None:
            raise GateError(
                _("文书送达后方可结案，请填写送达日期（%(law)s第七十五条第二款）。") % {"law": LAW},
                field="served_on",
            )
        if closed_on < decision.served_on:
            raise ApplicationError(_("结案日期不能早于送达日期。"), field="closed_on")
    case.closed_on = closed_on
    _transition(case, "close", on=closed_on, actor=actor)
    return case


@transaction.atomic
def case_archive(
    *, case: ReconsiderationCase, actor, archived_on: date, archive_number: str = ""
) -> ReconsiderationCase:
    """归档: the closed file goes to the archive."""
    case = _lock(case)
    _guard(case, "archive", actor)
    _check_date(
        archived_on,
        field="archived_on",
        label=_("归档日期"),
        not_before=case.closed_on,
        not_before_label=_("结案日期"),
    )
    case.archived_on = archived_on
    case.archive_number = _text(archive_number)
    _transition(case, "archive", on=archived_on, actor=actor, note=case.archive_number)
    return case


# =====================================================================================================
# Opinion letters (行政复议意见书, 第七十六条)
# =====================================================================================================


@transaction.atomic
def opinion_letter_issue(
    *,
    case: ReconsiderationCase,
    actor,
    agency,
    content: str,
    sent_on: date,
    received_on: date | None = None,
    document_number: str = "",
) -> OpinionLetter:
    """制发行政复议意见书 to the respondent or another lower agency whose act was illegal or improper;
    with the receipt date the 60-day report clock starts (`recon.opinion_letter_report`)."""
    case = _lock(case)
    _check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status in INTAKE_STATUSES or case.status in (CaseStatus.REJECTED, CaseStatus.ABANDONED):
        raise ApplicationError(
            _("意见书在办理已受理的行政复议案件过程中制发（%(law)s第七十六条）。") % {"law": LAW}
        )
    if agency is None or agency.pk == case.org_unit_id or not agency.path.startswith(case.org_unit.path):
        raise ApplicationError(
            _("意见书只能向被申请人或者其他下级行政机关制发（%(law)s第七十六条）。") % {"law": LAW},
            field="agency",
        )
    _check_date(
        sent_on,
        field="sent_on",
        label=_("制发日期"),
        not_before=case.accepted_on,
        not_before_label=_("受理日期"),
    )
    letter = OpinionLetter(
        case=case,
        org_unit=case.org_unit,
        agency=agency,
        content=_require_text(content, field="content", message=_("请填写意见内容。")),
        sent_on=sent_on,
        document_number=_text(document_number),
        created_by=actor,
    )
    letter.full_clean()
    letter.save()
    _event(
        case,
        EventKind.OPINION_LETTER,
        on=sent_on,
        actor=actor,
        note=f"{agency.name} {letter.document_number}",
        basis=_("%(law)s第七十六条") % {"law": LAW},
    )
    if received_on is not None:
        _letter_received(letter, received_on=received_on, actor=actor)
    return letter


def _letter_received(letter: OpinionLetter, *, received_on: date, actor) -> None:
    _check_date(
        received_on,
        field="received_on",
        label=_("受文机关收到日期"),
        not_before=letter.sent_on,
        not_before_label=_("制发日期"),
    )
    letter.received_on = received_on
    letter.full_clean()
    letter.save()
    clocks.on_opinion_letter_received(letter, received_on=received_on, actor=actor)


@transaction.atomic
def opinion_letter_record_receipt(*, letter: OpinionLetter, actor, received_on: date) -> OpinionLetter:
    letter = (
        OpinionLetter.objects.select_for_update(of=("self",))
        .select_related("case__org_unit")
        .get(pk=letter.pk)
    )
    _check_actor(actor, PERM_CHANGE, letter.case.org_unit)
    if letter.received_on is not None:
        raise ApplicationError(_("已记录受文机关收到意见书的日期。"))
    _letter_received(letter, received_on=received_on, actor=actor)
    return letter


@transaction.atomic
def opinion_letter_record_report(
    *, letter: OpinionLetter, actor, report_received_on: date, report_summary: str
) -> OpinionLetter:
    """收到落实情况报告 (第七十六条): meets the 60-day clock (late if after it)."""
    letter = (
        OpinionLetter.objects.select_for_update(of=("self",))
        .select_related("case__org_unit")
        .get(pk=letter.pk)
    )
    _check_actor(actor, PERM_CHANGE, letter.case.org_unit)
    if letter.received_on is None:
        raise ApplicationError(_("请先记录受文机关收到意见书的日期。"))
    if letter.report_received_on is not None:
        raise ApplicationError(_("已记录落实情况报告。"))
    _check_date(
        report_received_on,
        field="report_received_on",
        label=_("收到报告日期"),
        not_before=letter.received_on,
        not_before_label=_("受文机关收到日期"),
    )
    letter.report_received_on = report_received_on
    letter.report_summary = _require_text(
        report_summary, field="report_summary", message=_("请填写落实情况。")
    )
    letter.full_clean()
    letter.save()
    clocks.on_opinion_letter_reported(letter, reported_on=report_received_on, actor=actor)
    _event(
        letter.case,
        EventKind.OPINION_LETTER_REPORT,
        on=report_received_on,
        actor=actor,
        note=letter.agency.name,
        basis=_("%(law)s第七十六条、第七十七条") % {"law": LAW},
    )
    return letter


# =====================================================================================================
# 府院联动
# =====================================================================================================

LINKAGE_PARTNER_KINDS = frozenset({UnitKind.COURT, UnitKind.PROCURATORATE, UnitKind.OTHER})


def _linkage_values(*, actor, body, kind, partners, related_cases) -> tuple[list, list]:
    if kind not in LinkageKind.values:
        raise ApplicationError(_("请选择联动方式。"), field="kind")
    partners = [p for p in partners if p is not None]
    if not partners:
        raise ApplicationError(_("请选择联动单位。"), field="partners")
    for partner in partners:
        if partner.kind not in LINKAGE_PARTNER_KINDS:
            raise ApplicationError(
                _("联动单位须为人民法院、人民检察院或律师协会等其他单位：%(name)s不符合。")
                % {"name": partner.name},
                field="partners",
            )
    related_cases = [c for c in related_cases if c is not None]
    for related in related_cases:
        if not unit_in_jurisdiction(actor, related.org_unit):
            raise ApplicationError(_("涉及案件不在您的管辖范围内。"), field="related_cases")
    return partners, related_cases


@transaction.atomic
def linkage_create(
    *,
    actor,
    body,
    kind: str,
    date: date,
    title: str,
    summary: str,
    partners: Sequence,
    related_cases: Sequence = (),
    document_number: str = "",
) -> LinkageRecord:
    """府院联动记录: a joint meeting, case consultation, referral or joint document with courts,
    procuratorates or the bar association."""
    _check_body(body)
    _check_actor(actor, PERM_CHANGE, body)
    _check_date(date, field="date", label=_("日期"))
    partners, related_cases = _linkage_values(
        actor=actor, body=body, kind=kind, partners=partners, related_cases=related_cases
    )
    record = LinkageRecord(
        org_unit=body,
        created_by=actor,
        kind=kind,
        date=date,
        title=_require_text(title, field="title", message=_("请填写标题。")),
        summary=_require_text(summary, field="summary", message=_("请填写主要内容。")),
        document_number=_text(document_number),
    )
    record.full_clean()
    record.save()
    record.partners.set(partners)
    record.related_cases.set(related_cases)
    return record


@transaction.atomic
def linkage_update(*, record: LinkageRecord, actor, version: int, **fields) -> LinkageRecord:
    """Edit a 府院联动 record (kind, date, title, summary, document_number, partners, related_cases)."""
    allowed = {"kind", "date", "title", "summary", "document_number", "partners", "related_cases"}
    if set(fields) - allowed:
        raise TypeError(f"fields not editable: {sorted(set(fields) - allowed)}")
    record = (
        LinkageRecord.objects.select_for_update(of=("self",)).select_related("org_unit").get(pk=record.pk)
    )
    if record.version != version:
        raise ConcurrentEditError()
    _check_actor(actor, PERM_CHANGE, record.org_unit)
    partners = fields.pop("partners", None)
    related_cases = fields.pop("related_cases", None)
    partners, related_cases = _linkage_values(
        actor=actor,
        body=record.org_unit,
        kind=fields.get("kind", record.kind),
        partners=list(record.partners.all()) if partners is None else partners,
        related_cases=list(record.related_cases.all()) if related_cases is None else related_cases,
    )
    if "date" in fields:
        _check_date(fields["date"], field="date", label=_("日期"))
    for name, value in fields.items():
        setattr(record, name, value.strip() if isinstance(value, str) else value)
    record.version += 1
    record.full_clean()
    record.save()
    record.partners.set(partners)
    record.related_cases.set(related_cases)
    return record


# =====================================================================================================
# Dispute timeline provider (disputes/timeline.py)
# =====================================================================================================


def dispute_timeline_events(dispute) -> list:
    """The reconsideration steps of one dispute for its timeline page (one query)."""
    from disputes.timeline import TimelineEvent

    mechanism = str(_("行政复议"))
    events = []
    for case in dispute.reconsideration_cases.select_related("decision", "org_unit").order_by(
        "received_on", "id"
    ):
        url = case.get_absolute_url()
        events.append(
            TimelineEvent(
                date=case.received_on,
                title=str(_("%(body)s收到行政复议申请") % {"body": case.org_unit.name}),
                detail=case.number,
                url=url,
                mechanism=mechanism,
            )
        )
        if case.accepted_on:
            title = _("视为受理") if case.is_deemed_accepted else _("受理")
            events.append(
                TimelineEvent(
                    date=case.accepted_on, title=str(title), detail=case.number, url=url, mechanism=mechanism
                )
            )
        decision = getattr(case, "decision", None)
        if decision is not None:
            detail = decision.get_outcome_display()
            if decision.correction_kind != CorrectionKind.NONE:
                detail += f"（{decision.correction_kind.label}）"
            events.append(
                TimelineEvent(
                    date=decision.decided_on,
                    title=str(_("复议结案")),
                    detail=f"{case.number} {detail}",
                    url=url,
                    mechanism=mechanism,
                )
            )
        elif case.status == CaseStatus.ABANDONED and case.concluded_on:
            events.append(
                TimelineEvent(
                    date=case.concluded_on,
                    title=str(_("视为放弃复议申请")),
                    detail=case.number,
                    url=url,
                    mechanism=mechanism,
                )
            )
    return events
