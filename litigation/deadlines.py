"""Which statutory clocks each step of a lawsuit instance starts, meets or cancels
(docs/law/litigation.md, "Clocks"). Every clock is a `deadlines.Deadline` row started and closed only
through the kernel's services; the handler (承办人) is responsible.

Step (service) → clocks:
- registered (case_register): starts lit.defense from the receipt of the complaint copy (行诉法第六十七条);
  a docketed first instance starts lit.first_instance(_simple) (第八十一条、第八十三条).
- defence filed (case_file_defence): meets lit.defense on the later of the defence and evidence dates.
- outcome served (case_record_outcome): meets the instance clock; a first-instance judgment starts
  lit.appeal_judgment, an appealable ruling lit.appeal_ruling (第八十五条).
- appealed (case_appeal): meets the appeal clock; the second instance starts lit.second_instance from
  the appeal's receipt (第八十八条).
- took effect (case_take_effect): the unused appeal clock is cancelled (the period ran out unused).
- recommendation registered / replied: starts / meets lit.procuratorial_reply(_urgent) on it.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from deadlines.clocks import cancel, meet
from deadlines.rules import get_rule
from deadlines.services import deadline_start

from .choices import APPEALABLE_RULINGS, Instance, OutcomeForm, RecommendationKind

DEFENCE = "lit.defense"
FIRST_INSTANCE = "lit.first_instance"
FIRST_INSTANCE_SIMPLE = "lit.first_instance_simple"
SECOND_INSTANCE = "lit.second_instance"
APPEAL_JUDGMENT = "lit.appeal_judgment"
APPEAL_RULING = "lit.appeal_ruling"
PROCURATORIAL_REPLY = "lit.procuratorial_reply"
PROCURATORIAL_REPLY_URGENT = "lit.procuratorial_reply_urgent"

INSTANCE_RULES = (FIRST_INSTANCE, FIRST_INSTANCE_SIMPLE, SECOND_INSTANCE)
APPEAL_RULES = (APPEAL_JUDGMENT, APPEAL_RULING)
REPLY_RULES = (PROCURATORIAL_REPLY, PROCURATORIAL_REPLY_URGENT)


def instance_rule(case) -> str | None:
    """行诉法第八十一条、第八十三条、第八十八条: the trial period of the instance (none for 再审)."""
    if case.instance == Instance.FIRST:
        return FIRST_INSTANCE_SIMPLE if case.is_simple else FIRST_INSTANCE
    if case.instance == Instance.SECOND:
        return SECOND_INSTANCE
    return None


def appeal_rule(case) -> str | None:
    """行诉法第八十五条: only a first-instance judgment (15 days) or an appealable ruling (10 days)."""
    if case.instance != Instance.FIRST or not case.outcome:
        return None
    if case.outcome_form == OutcomeForm.JUDGMENT:
        return APPEAL_JUDGMENT
    if case.outcome in APPEALABLE_RULINGS:
        return APPEAL_RULING
    return None


def reply_rule(recommendation) -> str | None:
    if recommendation.kind != RecommendationKind.PROCURATORIAL:
        return None
    return PROCURATORIAL_REPLY_URGENT if recommendation.urgent else PROCURATORIAL_REPLY


# --- reading ------------------------------------------------------------------------------------------


# --- writing ------------------------------------------------------------------------------------------


def start(case, rule_code: str, trigger: date, *, actor, record=None):
    record = record if record is not None else case
    return deadline_start(
        record=record,
        rule_code=rule_code,
        trigger_date=trigger,
        org_unit=case.org_unit,
        subject=f"{case} {get_rule(rule_code).label}",
        responsible=[case.handler] if case.handler_id else [],
        actor=actor,
    )


# --- the steps ----------------------------------------------------------------------------------------


def on_registered(case, *, actor) -> None:
    # 行诉法第六十七条第一款: defence and evidence within 15 days of receiving the complaint copy.
    if case.instance == Instance.FIRST:
        start(case, DEFENCE, case.complaint_received_on, actor=actor)
    rule = instance_rule(case)
    if rule and case.docketed_on:
        start(case, rule, case.docketed_on, actor=actor)


def on_defended(case, *, on: date, actor) -> None:
    meet(case, [DEFENCE], on, actor=actor)


def on_outcome(case, *, actor) -> None:
    meet(case, INSTANCE_RULES, case.served_on, actor=actor)
    rule = appeal_rule(case)
    if rule:
        # 行诉法第八十五条: the appeal period runs from the day after service.
        start(case, rule, case.served_on, actor=actor)


def on_appealed(case, new_case, *, on: date, actor) -> None:
    meet(case, APPEAL_RULES, on, actor=actor)
    on_registered(new_case, actor=actor)


def on_effective(case, *, actor) -> None:
    cancel(case, APPEAL_RULES, _("上诉期限届满未上诉，裁判生效（《行政诉讼法》第八十五条）"), actor=actor)
    cancel(case, (DEFENCE, *INSTANCE_RULES), _("裁判已生效"), actor=actor)


def on_recommendation(recommendation, *, actor) -> None:
    rule = reply_rule(recommendation)
    if rule:
        start(recommendation.case, rule, recommendation.received_on, actor=actor, record=recommendation)


def on_replied(recommendation, *, actor) -> None:
    meet(recommendation, REPLY_RULES, recommendation.replied_on, actor=actor)
