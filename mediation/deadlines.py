"""Which statutory clocks each step of a mediation case starts, meets or cancels (docs/law/mediation.md).

Every clock is a `deadlines.Deadline` row on the case, started and closed only through the kernel's
services (`deadlines.services`), with the case's mediators' user accounts responsible.

Step (service) → clocks:
- registered (case_register) as 法院委托: starts `med.court_entrusted` from the day the file was
  received (特邀调解规定第二十一条).
- agreement (case_agree): meets `med.court_entrusted`; a confirmable agreement starts
  `med.judicial_confirmation` from its effective date (人民调解法第三十三条).
- refusal / failure (case_record_refusal, case_fail): meets `med.court_entrusted`.
- confirmation applied (confirmation_apply): meets `med.judicial_confirmation`.
- performed before any application (case_record_performed): cancels `med.judicial_confirmation`.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from deadlines.clocks import cancel, meet
from deadlines.rules import get_rule
from deadlines.services import deadline_start

COURT_ENTRUSTED = "med.court_entrusted"
JUDICIAL_CONFIRMATION = "med.judicial_confirmation"
CASE_RULES = (COURT_ENTRUSTED, JUDICIAL_CONFIRMATION)


def _responsible(case) -> list:
    return [m.user for m in case.mediators.all() if m.user_id]


def start(case, rule_code: str, trigger: date, *, actor):
    return deadline_start(
        record=case,
        rule_code=rule_code,
        trigger_date=trigger,
        org_unit=case.org_unit,
        subject=f"{case.number} {get_rule(rule_code).label}",
        responsible=_responsible(case),
        actor=actor,
    )


# The steps ------------------------------------------------------------------------------------------


def on_registered(case, *, actor) -> None:
    # 特邀调解规定第二十一条: entrusted mediation within 30 days of the mediator receiving the file.
    if case.materials_received_on and case.source == "court_entrusted":
        start(case, COURT_ENTRUSTED, case.materials_received_on, actor=actor)


def on_mediation_ended(case, *, on: date, actor) -> None:
    """An agreement, a refusal or a failure ends the entrusted mediation period."""
    meet(case, COURT_ENTRUSTED, on, actor=actor)


def on_agreed(case, agreement, *, confirmable: bool, actor) -> None:
    on_mediation_ended(case, on=agreement.effective_on, actor=actor)
    if confirmable:
        # 人民调解法第三十三条: joint application within 30 days of the agreement coming into force.
        start(case, JUDICIAL_CONFIRMATION, agreement.effective_on, actor=actor)


def on_confirmation_applied(case, *, applied_on: date, actor) -> None:
    meet(case, JUDICIAL_CONFIRMATION, applied_on, actor=actor)


def on_performed(case, *, actor) -> None:
    cancel(
        case,
        JUDICIAL_CONFIRMATION,
        _("调解协议已履行完毕，无需申请司法确认"),
        actor=actor,
    )
