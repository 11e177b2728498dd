"""Which statutory clocks each step of an enforcement case or certificate starts, meets or cancels
(docs/law/enforcement.md). Every clock is a `deadlines.Deadline` row started and closed only through
the kernel's services; the services in `enforcement.services` call the `on_*` functions below inside
their transaction.

- filed (case_file): starts penalty_decision for an ordinary-procedure penalty (处罚法第六十条).
- informed with the hearing right (case_inform): starts hearing_request (第六十四条第一项).
- hearing requested (case_request_hearing): meets hearing_request.
- decided (case_decide): meets penalty_decision and closes hearing_request; starts service when the
  party was absent (第六十一条) and publicity (国办发〔2018〕118号).
- served / published / withdrawn: meet service / publicity / publicity_withdraw.
- decision changed (case_change_decision): starts publicity_withdraw if it was published (第四十八条).
- transferred: cancels every open clock.
- certificate issued: starts cert.expiry on the expiry date; ended or expired: closes it.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from deadlines.clocks import cancel, meet
from deadlines.rules import get_rule
from deadlines.services import deadline_start

from .choices import FAST_PUBLICITY_KINDS, CaseProcedure, ItemKind

PENALTY_DECISION = "enf.penalty_decision"
HEARING_REQUEST = "enf.hearing_request"
HEARING_NOTICE = "enf.hearing_notice"
SERVICE = "enf.service"
PUBLICITY_PENALTY = "enf.publicity_penalty"
PUBLICITY_OTHER = "enf.publicity_other"
PUBLICITY_WITHDRAW = "enf.publicity_withdraw"
PUBLICITY_RULES = (PUBLICITY_PENALTY, PUBLICITY_OTHER)
CERT_EXPIRY = "cert.expiry"


def _start(case, rule_code: str, trigger: date, *, actor):
    return deadline_start(
        record=case,
        rule_code=rule_code,
        trigger_date=trigger,
        org_unit=case.org_unit,
        subject=f"{case.number} {get_rule(rule_code).label}",
        responsible=[case.created_by] if case.created_by_id else [],
        actor=actor,
    )


def publicity_rule(case) -> str:
    return PUBLICITY_PENALTY if case.kind in FAST_PUBLICITY_KINDS else PUBLICITY_OTHER


# The case steps -------------------------------------------------------------------------------------


def on_filed(case, *, actor) -> None:
    if case.kind == ItemKind.PENALTY and case.procedure == CaseProcedure.ORDINARY:
        _start(case, PENALTY_DECISION, case.filed_on, actor=actor)


def on_informed(case, *, actor) -> None:
    if case.hearing_right_told:
        _start(case, HEARING_REQUEST, case.informed_on, actor=actor)


def on_hearing_requested(case, *, actor) -> None:
    meet(case, [HEARING_REQUEST], case.hearing_requested_on, actor=actor)


def on_decided(case, *, actor) -> None:
    meet(case, [PENALTY_DECISION], case.decided_on, actor=actor)
    cancel(case, [HEARING_REQUEST], _("已作出决定"), actor=actor)
    if case.party_present:
        case.served_on = case.decided_on
    else:
        _start(case, SERVICE, case.decided_on, actor=actor)
    _start(case, publicity_rule(case), case.decided_on, actor=actor)


def on_served(case, *, actor) -> None:
    meet(case, [SERVICE], case.served_on, actor=actor)


def on_published(case, *, actor) -> None:
    meet(case, PUBLICITY_RULES, case.published_on, actor=actor)


def on_decision_changed(case, *, actor) -> None:
    if case.published_on:
        _start(case, PUBLICITY_WITHDRAW, case.decision_changed_on, actor=actor)


def on_publicity_withdrawn(case, *, actor) -> None:
    meet(case, [PUBLICITY_WITHDRAW], case.publicity_withdrawn_on, actor=actor)


def on_transferred(case, *, actor) -> None:
    cancel(case, None, _("已移送司法机关"), actor=actor)


# Certificates ----------------------------------------------------------------------------------------


def on_certificate_issued(cert, *, actor) -> None:
    deadline_start(
        record=cert,
        rule_code=CERT_EXPIRY,
        trigger_date=cert.expires_on,
        org_unit=cert.unit,
        subject=f"{cert.number} {cert.officer.name} {get_rule(CERT_EXPIRY).label}",
        responsible=[],
        actor=actor,
    )


def on_certificate_ended(cert, *, actor) -> None:
    cancel(cert, [CERT_EXPIRY], _("证件已注销、吊销或换发"), actor=actor)
