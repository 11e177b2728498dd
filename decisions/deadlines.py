"""Which statutory clocks each step of a major decision or a legality review starts, meets, suspends
or cancels (docs/law/decisions.md). Every clock is a `deadlines.Deadline` row moved only through the
kernel's services; due dates come from the rule catalogue (deadlines/rules.py), never typed.

Step (service) → clocks:
- comment window opened (participation_open, 决策条例第十五条): starts `dec.public_comment` on the
  participation record from the opening day; a hearing without its materials sent starts
  `dec.hearing_materials` (第十六条) from the hearing day.
- participation completed (participation_complete): meets both.
- sent for legality review (decision_send_for_review, 第二十六条): starts `dec.legality_review` on the
  decision; the matter's own clock (below) starts with the matter.
- discussion scheduled (discussion_schedule, 第三十条): closes `dec.legality_review` — met when the
  review had its 7 working days, else cancelled with the warning "审查时间不足7个工作日".
- matter registered (matter_register): starts the review clock on the matter — `norm.legality_review`
  (国办发〔2018〕115号, configurable 5–15 working days); [our rule] the same configurable length is the
  default for every other kind of matter.
- returned for materials / materials received (第二十六条): suspends / resumes the matter's clock.
- opinion signed (opinion_sign): meets the matter's clock.
- decision implemented (decision_implement, 第三十六条): starts `dec.post_evaluation`; an evaluation
  completed meets it; halting or archiving cancels what is open.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from deadlines.choices import DeadlineStatus
from deadlines.clocks import cancel, clocks, open_clock
from deadlines.rules import get_rule
from deadlines.services import (
    deadline_meet,
    deadline_resume,
    deadline_start,
    deadline_suspend,
)

PUBLIC_COMMENT = "dec.public_comment"
HEARING_MATERIALS = "dec.hearing_materials"
LEGALITY_REVIEW = "dec.legality_review"
POST_EVALUATION = "dec.post_evaluation"
MATTER_REVIEW = "norm.legality_review"

#: The warning recorded when the meeting comes before the review's 7 working days are over (第二十六条).
SHORT_REVIEW_WARNING = "审查时间不足7个工作日"


def _start(record, rule_code: str, trigger: date, *, unit, number: str, responsible, actor):
    return deadline_start(
        record=record,
        rule_code=rule_code,
        trigger_date=trigger,
        org_unit=unit,
        subject=f"{number} {get_rule(rule_code).label}",
        responsible=[u for u in responsible if u is not None],
        actor=actor,
    )


def _meet(record, rule_code: str, on: date, *, actor) -> None:
    """Close an open clock as done. A minimum period (AT_LEAST) is satisfied once its earliest day has
    passed, so it is met on the earlier of `on` and its due day."""
    clock = open_clock(record, rule_code)
    if clock is None:
        return
    on = min(on, timezone.localdate())
    if get_rule(rule_code).direction == "at_least":
        on = max(min(on, clock.due_date), clock.trigger_date)
    deadline_meet(deadline=clock, on=on, actor=actor)


# --- major decision -----------------------------------------------------------------------------------


def on_participation_opened(decision, participation, *, actor) -> None:
    # 决策条例第十五条: the comment period runs from the day it opens.
    people = [decision.created_by]
    _start(
        participation,
        PUBLIC_COMMENT,
        participation.opens_on,
        unit=decision.org_unit,
        number=decision.number,
        responsible=people,
        actor=actor,
    )
    # 第十六条第三款: hearing materials reach the participants 7 days before the hearing.
    if participation.hearing_on and not participation.hearing_materials_sent_on:
        _start(
            participation,
            HEARING_MATERIALS,
            participation.hearing_on,
            unit=decision.org_unit,
            number=decision.number,
            responsible=people,
            actor=actor,
        )


def on_participation_completed(participation, *, on: date, actor) -> None:
    _meet(participation, PUBLIC_COMMENT, on, actor=actor)
    if participation.hearing_materials_sent_on:
        _meet(participation, HEARING_MATERIALS, participation.hearing_materials_sent_on, actor=actor)


def on_sent_for_review(decision, *, on: date, actor) -> None:
    # 决策条例第二十六条: the review needs at least 7 working days from the day the draft is sent.
    cancel(decision, [LEGALITY_REVIEW], _("重新送请合法性审查"), actor=actor)
    _start(
        decision,
        LEGALITY_REVIEW,
        on,
        unit=decision.org_unit,
        number=decision.number,
        responsible=[decision.created_by],
        actor=actor,
    )


def review_window_end(decision) -> date | None:
    """The first day the draft may be discussed with its full review time (None: not sent)."""
    clock = clocks(decision).filter(rule_code=LEGALITY_REVIEW).exclude(status=DeadlineStatus.CANCELLED).last()
    return clock.due_date if clock else None


def on_discussion_scheduled(decision, *, meeting_on: date, short: bool, actor) -> None:
    if short:
        cancel(decision, [LEGALITY_REVIEW], SHORT_REVIEW_WARNING, actor=actor)
    else:
        _meet(decision, LEGALITY_REVIEW, meeting_on, actor=actor)


def on_implemented(decision, *, actor) -> None:
    # 决策条例第三十六条: the post-decision evaluation falls due the configured time after implementation.
    _start(
        decision,
        POST_EVALUATION,
        decision.implemented_on,
        unit=decision.org_unit,
        number=decision.number,
        responsible=[decision.created_by],
        actor=actor,
    )


def on_evaluated(decision, *, on: date, actor) -> None:
    _meet(decision, POST_EVALUATION, on, actor=actor)


def on_decision_ended(decision, reason: str, *, actor) -> None:
    cancel(decision, [LEGALITY_REVIEW, POST_EVALUATION], reason, actor=actor)


# --- legality review ----------------------------------------------------------------------------------


def on_matter_registered(matter, *, actor) -> None:
    clock = _start(
        matter,
        MATTER_REVIEW,
        matter.received_on,
        unit=matter.org_unit,
        number=matter.number,
        responsible=list(matter.reviewers.all()),
        actor=actor,
    )
    matter.due_on = clock.due_date


def on_matter_returned(matter, *, on: date, reason: str, actor) -> None:
    clock = open_clock(matter, MATTER_REVIEW)
    if clock is not None and not clock.is_suspended:
        deadline_suspend(deadline=clock, on=on, reason=reason, actor=actor)


def on_materials_received(matter, *, on: date, actor) -> None:
    clock = open_clock(matter, MATTER_REVIEW)
    if clock is not None and clock.is_suspended:
        clock = deadline_resume(deadline=clock, on=on, actor=actor)
        matter.due_on = clock.due_date


def on_opinion_signed(matter, *, on: date, actor) -> None:
    _meet(matter, MATTER_REVIEW, on, actor=actor)
