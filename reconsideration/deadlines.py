"""Which statutory clocks each step of a reconsideration case starts, meets, suspends or cancels.

Every clock is a `deadlines.Deadline` row on the case (the opinion-letter clock on the letter),
started and closed only through the kernel's services, with the handler (承办人) responsible.
The services in `reconsideration.services` call the `on_*` functions below inside their transaction.

Step (service) → clocks:
- registration (case_register): starts acceptance_review and correction_notice from the receipt
  (Arts 30, 31); an application forwarded by the penalising agency records forward_penalty from the
  agency's receipt, met or missed on the body's receipt (Art 32(2)).
- correction requested (case_request_correction): meets correction_notice; cancels the running
  acceptance_review (Art 31 pauses the review); starts correction_reply from the applicant's receipt
  of the notice (Art 31(2)).
- correction received (case_receive_correction): meets correction_reply; starts a new
  acceptance_review from the receipt of the materials (Art 31(3)).
- accepted / deemed accepted (case_accept, case_deem_accepted): meets acceptance_review, cancels
  correction_notice; starts copy_to_respondent(_simple) and decision(_simple) from the acceptance
  date — for 视为受理 from the review's expiry day (Art 30(3)).
- not accepted (case_reject): meets acceptance_review, cancels the rest.
- deemed abandoned (case_deem_abandoned): correction_reply closes as missed.
- copy sent (case_send_copy): meets copy_to_respondent(_simple); the respondent's receipt starts
  respondent_reply(_simple) (Arts 48, 54).
- reply received (case_receive_reply): meets respondent_reply(_simple).
- suspended (case_suspend, Art 39): suspends decision(_simple); grounds 39(1)(2)(4) start
  suspension_limit.
- resumed (case_resume): resumes decision (its due date moves by the time suspended); meets
  suspension_limit.
- extended (case_extend, Art 62): extends decision (≤ 30 days, approved by the office head on a day
  within the period — the kernel refuses an approval dated after the due date).
- correction period extended (case_extend_correction, Art 31(2)): extends correction_reply
  ([our rule] ≤ 10 working days in all, approved by the office head).
- converted to ordinary (case_convert_to_ordinary, Art 55): cancels the _simple clocks and starts the
  ordinary ones from the same trigger dates, carrying past suspensions over.
- decided / mediated / terminated: meets decision(_simple); cancels every other open clock.
- opinion letter received / reported (Art 76): starts / meets opinion_letter_report on the letter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline
from deadlines.rules import get_rule
from deadlines.services import (
    deadline_cancel,
    deadline_extend,
    deadline_meet,
    deadline_resume,
    deadline_start,
    deadline_suspend,
    deadline_suspensions,
)

from .choices import LIMITED_SUSPENSION_GROUNDS, IntakeChannel

# Rule codes (deadlines/rules.py) ----------------------------------------------------------------------
APPLICATION = "recon.application"
APPLICATION_MAX = "recon.application_max"
ACCEPTANCE_REVIEW = "recon.acceptance_review"
FORWARD_PENALTY = "recon.forward_penalty"
CORRECTION_NOTICE = "recon.correction_notice"
CORRECTION_REPLY = "recon.correction_reply"
COPY = "recon.copy_to_respondent"
COPY_SIMPLE = "recon.copy_to_respondent_simple"
REPLY = "recon.respondent_reply"
REPLY_SIMPLE = "recon.respondent_reply_simple"
DECISION = "recon.decision"
DECISION_SIMPLE = "recon.decision_simple"
HEARING_NOTICE = "recon.hearing_notice"
SUSPENSION_LIMIT = "recon.suspension_limit"
OPINION_LETTER_REPORT = "recon.opinion_letter_report"

COPY_RULES = (COPY, COPY_SIMPLE)
REPLY_RULES = (REPLY, REPLY_SIMPLE)
DECISION_RULES = (DECISION, DECISION_SIMPLE)
#: Every clock that runs on the case row itself.
CASE_RULES = (
    ACCEPTANCE_REVIEW,
    CORRECTION_NOTICE,
    CORRECTION_REPLY,
    *COPY_RULES,
    *REPLY_RULES,
    *DECISION_RULES,
    SUSPENSION_LIMIT,
)


def copy_rule(case) -> str:
    return COPY_SIMPLE if case.is_simple else COPY


def reply_rule(case) -> str:
    return REPLY_SIMPLE if case.is_simple else REPLY


def decision_rule(case) -> str:
    return DECISION_SIMPLE if case.is_simple else DECISION


# Reading clocks ---------------------------------------------------------------------------------------


def _deadline_model():
    return Deadline


def clocks(record):
    """Every Deadline of `record` (a case or an opinion letter), oldest first."""
    Deadline = _deadline_model()
    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).order_by("created_at", "id")


def open_clock(record, *rule_codes: str):
    """The newest open clock of `record` with one of `rule_codes`, or None."""
    return (
        clocks(record)
        .filter(rule_code__in=rule_codes, status=DeadlineStatus.OPEN)
        .order_by("-created_at", "-id")
        .first()
    )


def latest_clock(record, *rule_codes: str, rows=None):
    """The newest clock with one of `rule_codes` that was not cancelled (open, met or missed), or None.

    `rows`: every clock of `record`, already fetched (the case page's deadlines panel) — the same
    answer read from them instead of a query."""
    if rows is not None:
        found = [d for d in rows if d.rule_code in rule_codes and d.status != DeadlineStatus.CANCELLED]
        return max(found, key=lambda d: (d.created_at, d.pk), default=None)
    return (
        clocks(record)
        .filter(rule_code__in=rule_codes)
        .exclude(status=DeadlineStatus.CANCELLED)
        .order_by("-created_at", "-id")
        .first()
    )


# Writing clocks (through the kernel's services only) ----------------------------------------------------


def _subject(case, rule_code: str) -> str:
    return f"{case.number} {get_rule(rule_code).label}"


def start(case, rule_code: str, trigger: date, *, actor, record=None):
    """Start `rule_code` from `trigger` on `record` (default: the case); the handler is responsible."""
    record = record if record is not None else case
    return deadline_start(
        record=record,
        rule_code=rule_code,
        trigger_date=trigger,
        org_unit=case.org_unit,
        subject=_subject(case, rule_code),
        responsible=[case.handler] if case.handler_id else [],
        actor=actor,
    )


def meet(record, rule_codes: Iterable[str], on: date, *, actor):
    """Close the open clock of `rule_codes` as done on `on` (met if on or before its due date)."""
    clock = open_clock(record, *rule_codes)
    if clock is not None:
        clock = deadline_meet(deadline=clock, on=on, actor=actor)
    return clock


def cancel(record, rule_codes: Iterable[str], reason: str, *, actor) -> int:
    """Cancel every open clock of `rule_codes` (kept, never deleted) with `reason`."""
    n = 0
    for clock in clocks(record).filter(rule_code__in=list(rule_codes), status=DeadlineStatus.OPEN):
        deadline_cancel(deadline=clock, reason=reason, actor=actor)
        n += 1
    return n


def set_responsible(case) -> None:
    """After the handler changes, the case's open clocks name the new handler as responsible."""
    people = [case.handler] if case.handler_id else []
    for clock in clocks(case).filter(status=DeadlineStatus.OPEN):
        clock.responsible.set(people)


# The steps ------------------------------------------------------------------------------------------


def on_registered(case, *, actor) -> None:
    # 复议法第三十条第一款: review within 5 (working) days of receipt; 第三十一条第一款: the one
    # correction notice within 5 (working) days of receipt.
    if case.channel == IntakeChannel.FORWARDED:
        # 复议法第三十二条第二款: the penalising agency had 5 (working) days from its receipt of the
        # application to forward it — recorded as met or missed on the body's receipt.
        start(case, FORWARD_PENALTY, case.submitted_on, actor=actor)
        meet(case, [FORWARD_PENALTY], case.received_on, actor=actor)
    start(case, ACCEPTANCE_REVIEW, case.received_on, actor=actor)
    start(case, CORRECTION_NOTICE, case.received_on, actor=actor)


def on_correction_requested(case, *, sent_on: date, actor) -> None:
    # 复议法第三十一条: the notice meets its own clock; the review waits for the materials and starts
    # again from their receipt (第三十一条第三款), so the running review clock is cancelled.
    meet(case, [CORRECTION_NOTICE], sent_on, actor=actor)
    cancel(
        case,
        [ACCEPTANCE_REVIEW],
        _("已通知补正：审查期限自收到补正材料之日起重新计算（《行政复议法》第三十一条第三款）"),
        actor=actor,
    )


def on_correction_notice_received(case, *, received_on: date, actor) -> None:
    # 复议法第三十一条第二款: 10 (working) days from the applicant's receipt of the notice.
    start(case, CORRECTION_REPLY, received_on, actor=actor)


def on_correction_received(case, *, received_on: date, actor) -> None:
    # 复议法第三十一条第三款: the materials are reviewed under Art 30 — a new 5-working-day review.
    meet(case, [CORRECTION_REPLY], received_on, actor=actor)
    start(case, ACCEPTANCE_REVIEW, received_on, actor=actor)


def on_abandoned(case, *, on: date, actor) -> None:
    # 复议法第三十一条第二款: no materials within the period → the applicant's clock closes as missed.
    meet(case, [CORRECTION_REPLY], on, actor=actor)
    cancel(case, CASE_RULES, _("视为放弃行政复议申请"), actor=actor)


def on_accepted(case, *, accepted_on: date, actor) -> None:
    # 复议法第三十条; 第四十八条 / 第五十四条 (copy in 7 / 3 working days); 第六十二条 (60 / 30 days).
    meet(case, [ACCEPTANCE_REVIEW], accepted_on, actor=actor)
    cancel(case, [CORRECTION_NOTICE], _("申请已受理，无需补正"), actor=actor)
    start(case, copy_rule(case), accepted_on, actor=actor)
    start(case, decision_rule(case), accepted_on, actor=actor)


def on_rejected(case, *, rejected_on: date, actor) -> None:
    meet(case, [ACCEPTANCE_REVIEW], rejected_on, actor=actor)
    cancel(case, CASE_RULES, _("已决定不予受理"), actor=actor)


def on_copy_sent(case, *, sent_on: date, actor) -> None:
    meet(case, COPY_RULES, sent_on, actor=actor)


def on_copy_received(case, *, received_on: date, actor) -> None:
    # 复议法第四十八条 / 第五十四条: 10 / 5 working days from the respondent's receipt of the copy.
    start(case, reply_rule(case), received_on, actor=actor)


def on_reply_received(case, *, received_on: date, actor) -> None:
    meet(case, REPLY_RULES, received_on, actor=actor)


def on_suspended(case, *, suspended_on: date, ground: str, reason: str, actor) -> None:
    # 复议法第三十九条: the decision clock stands still; 第四十一条第一款第五项: grounds (1)(2)(4)
    # start the 60-day clock after which the case is to be terminated.
    clock = open_clock(case, *DECISION_RULES)
    if clock is not None:
        deadline_suspend(deadline=clock, on=suspended_on, reason=reason, actor=actor)
    if ground in LIMITED_SUSPENSION_GROUNDS:
        start(case, SUSPENSION_LIMIT, suspended_on, actor=actor)


def on_resumed(case, *, resumed_on: date, actor) -> None:
    clock = open_clock(case, *DECISION_RULES)
    if clock is not None and clock.is_suspended:
        deadline_resume(deadline=clock, on=resumed_on, actor=actor)
    meet(case, [SUSPENSION_LIMIT], resumed_on, actor=actor)


def extend_decision(case, *, days: int, reference: str, reason: str, actor, approved_by, approved_on=None):
    """复议法第六十二条第一款: ≤ 30 days, approved by the office head within the period, parties told in
    writing. The kernel refuses beyond the maximum, without the approver role and after expiry."""
    clock = open_clock(case, DECISION)
    if clock is None:
        return None
    return deadline_extend(
        deadline=clock,
        days=days,
        reference=reference,
        reason=reason,
        actor=actor,
        approved_by=approved_by,
        approved_on=approved_on,
    )


def extend_correction(case, *, days: int, reference: str, reason: str, actor, approved_by, approved_on=None):
    """复议法第三十一条第二款: "有正当理由不能按期补正的，行政复议机关可以延长合理的补正期限" —
    [our rule] ≤ 10 working days in all, approved by the office head (the rule's note). The kernel
    refuses beyond the maximum and without the approver role."""
    clock = open_clock(case, CORRECTION_REPLY)
    if clock is None:
        return None
    return deadline_extend(
        deadline=clock,
        days=days,
        reference=reference,
        reason=reason,
        actor=actor,
        approved_by=approved_by,
        approved_on=approved_on,
    )


def on_converted_to_ordinary(case, *, actor) -> list[str]:
    """复议法第五十五条: the simplified clocks give way to the ordinary ones, counted from the same
    trigger dates (the acceptance, the respondent's receipt of the copy); suspensions of the simplified
    decision clock are carried over. Returns the lines that explain the switch (for the case event)."""
    lines: list[str] = []
    reason = _("简易程序转为普通程序（《行政复议法》第五十五条）")
    old_decision = open_clock(case, DECISION_SIMPLE)
    old_copy = open_clock(case, COPY_SIMPLE)
    old_reply = open_clock(case, REPLY_SIMPLE)

    if old_decision is not None:
        # The service refuses a conversion while the case is suspended, so every pair is closed.
        pairs = deadline_suspensions(old_decision)
        cancel(case, [DECISION_SIMPLE], reason, actor=actor)
        new = start(case, DECISION, old_decision.trigger_date, actor=actor)
        for suspended_on, resumed_on in pairs:
            deadline_suspend(deadline=new, on=suspended_on, reason=str(reason), actor=actor)
            new = deadline_resume(deadline=new, on=resumed_on, actor=actor)
        lines.append(
            _("复议决定期限改按普通程序自受理之日%(trigger)s起算，由 %(old)s 变为 %(new)s")
            % {
                "trigger": f"{old_decision.trigger_date:%Y-%m-%d}",
                "old": f"{old_decision.due_date:%Y-%m-%d}",
                "new": f"{new.due_date:%Y-%m-%d}",
            }
        )
    if old_copy is not None:
        cancel(case, [COPY_SIMPLE], reason, actor=actor)
        new = start(case, COPY, old_copy.trigger_date, actor=actor)
        lines.append(_("发送副本期限改为7个工作日，到期日 %(new)s") % {"new": f"{new.due_date:%Y-%m-%d}"})
    if old_reply is not None:
        cancel(case, [REPLY_SIMPLE], reason, actor=actor)
        new = start(case, REPLY, old_reply.trigger_date, actor=actor)
        lines.append(
            _("被申请人答复期限改为10个工作日，到期日 %(new)s") % {"new": f"{new.due_date:%Y-%m-%d}"}
        )
    return lines


def on_concluded(case, *, concluded_on: date, actor) -> None:
    # The decision clock is met (a suspended one is first resumed by the kernel); nothing else runs on.
    meet(case, DECISION_RULES, concluded_on, actor=actor)
    cancel(case, CASE_RULES, _("案件已审结"), actor=actor)


def on_opinion_letter_received(letter, *, received_on: date, actor) -> None:
    # 复议法第七十六条: the agency reports within 60 days of receiving the letter.
    start(letter.case, OPINION_LETTER_REPORT, received_on, actor=actor, record=letter)


def on_opinion_letter_reported(letter, *, reported_on: date, actor) -> None:
    meet(letter, [OPINION_LETTER_REPORT], reported_on, actor=actor)
