"""Registration (受理), the start of mediation, referrals between channels (三调联动), a party's refusal
and edits of the case's particulars."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from accounts.choices import UnitKind
from accounts.roles import users_with_perm
from core.exceptions import ApplicationError
from core.workflow import check_actor, notify_after_commit, save, service

from .. import deadlines as clocks
from .. import numbering
from ..choices import (
    ACTIVE_STATUSES,
    PERM_ADD,
    PERM_CHANGE,
    REFERRED_SOURCES,
    WORKFLOW,
    CaseSource,
    EventKind,
    MediationType,
)
from ..models import MediationCase, Mediator, Referral
from ._common import lock_case, on_or_today, require_text, text, today
from .gates import check_date, court_entrusted_refusal, refer_refusal, refuse, start_refusal

#: Units that mediate: mediation organisations, and agencies / justice bureaus for 行政调解 and
#: 行政复议调解.
MEDIATING_UNIT_KINDS = (UnitKind.MEDIATION, UnitKind.AGENCY, UnitKind.JUSTICE)


def _check_mediators(mediators, unit) -> list[Mediator]:
    mediators = list(mediators or ())
    for m in mediators:
        if m.org_unit_id != unit.pk or not m.is_active:
            raise ApplicationError(
                _("调解员“%(name)s”不是本调解组织的在册调解员。") % {"name": m.name}, field="mediators"
            )
    return mediators


@service
def case_register(
    *,
    actor,
    unit,
    mediation_type: str,
    source: str,
    parties: str,
    subject: str,
    received_on: date,
    dispute=None,
    civil_description: str = "",
    referring_unit=None,
    materials_received_on: date | None = None,
    amount: Decimal | None = None,
    mediators=(),
    joint_units=(),
    consent_recorded: bool = False,
) -> MediationCase:
    """受理: register a dispute brought to mediation by `unit` (a 调解组织, or an agency for 行政调解)."""
    check_actor(actor, PERM_ADD, unit)
    if unit.kind not in MEDIATING_UNIT_KINDS:
        raise ApplicationError(_("请选择调解组织或开展行政调解的机关。"), field="unit")
    if mediation_type not in MediationType.values:
        raise ApplicationError(_("请选择调解类型。"), field="mediation_type")
    if source not in CaseSource.values:
        raise ApplicationError(_("请选择案件来源。"), field="source")
    if source in REFERRED_SOURCES and referring_unit is None:
        raise ApplicationError(
            _("部门移交、法院委派或委托、复议机构或信访转交的，请填写移交单位。"), field="referring_unit"
        )
    check_date(received_on, field="received_on", label=_("受理日期"), today=today())
    refuse(
        court_entrusted_refusal(source=source, materials_received_on=materials_received_on),
        field="materials_received_on",
    )
    if materials_received_on is not None:
        check_date(
            materials_received_on, field="materials_received_on", label=_("收到案件材料日期"), today=today()
        )
    if dispute is None and not text(civil_description):
        raise ApplicationError(_("请关联行政争议，或填写民事纠纷概要。"), field="civil_description")
    mediators = _check_mediators(mediators, unit)
    serial, number = numbering.take(unit, received_on.year)
    case = MediationCase(
        org_unit=unit,
        registered_unit=unit,
        created_by=actor,
        number=number,
        year=received_on.year,
        serial=serial,
        mediation_type=mediation_type,
        source=source,
        referring_unit=referring_unit,
        dispute=dispute,
        civil_description=text(civil_description),
        parties=require_text(parties, field="parties", message=_("请填写当事人。")),
        subject=require_text(subject, field="subject", message=_("请填写纠纷事项。")),
        amount=amount,
        received_on=received_on,
        materials_received_on=materials_received_on,
        consent_recorded=bool(consent_recorded),
    )
    case.full_clean()
    case.save()
    case.mediators.set(mediators)
    case.joint_units.set(list(joint_units or ()))
    WORKFLOW.record(
        case,
        EventKind.REGISTER,
        on=received_on,
        actor=actor,
        note=case.get_source_display(),
        basis=_("《人民调解法》第十七条"),
        to_status=case.status,
    )
    clocks.on_registered(case, actor=actor)
    return case


@service
def case_update(
    *,
    case: MediationCase,
    actor,
    version: int,
    parties: str,
    subject: str,
    civil_description: str | None = None,
    amount: Decimal | None = None,
    mediators=(),
    joint_units=(),
) -> MediationCase:
    """Edit the particulars of a case still being mediated (optimistic locking on `version`)."""
    case = lock_case(case, version=version)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    if case.status not in ACTIVE_STATUSES:
        raise ApplicationError(_("调解已结束，案件信息不能再修改。"))
    case.parties = require_text(parties, field="parties", message=_("请填写当事人。"))
    case.subject = require_text(subject, field="subject", message=_("请填写纠纷事项。"))
    if civil_description is not None:
        case.civil_description = text(civil_description)
    case.amount = amount
    save(case)
    case.mediators.set(_check_mediators(mediators, case.org_unit))
    case.joint_units.set(list(joint_units or ()))
    return case


@service
def case_start(*, case: MediationCase, actor, consent: bool = False, on: date | None = None) -> MediationCase:
    """开始调解: with the parties' consent recorded (人民调解法第十七条、第二十三条)."""
    case = lock_case(case)
    WORKFLOW.guard(case, "start", actor)
    on = on_or_today(on, case, label=_("开始调解日期"))
    if consent:
        case.consent_recorded = True
    refuse(start_refusal(case), field="consent")
    case.started_on = on
    WORKFLOW.apply(case, "start", on=on, actor=actor)
    return case


@service
def case_refer(
    *,
    case: MediationCase,
    actor,
    to_unit,
    reason: str,
    to_type: str = "",
    on: date | None = None,
) -> Referral:
    """三调联动: pass the case to another mediation organisation (and channel), with the reason. The
    referral row keeps the path; the receiving organisation's staff are told."""
    case = lock_case(case)
    WORKFLOW.guard(case, "refer", actor)
    on = on_or_today(on, case, label=_("移交日期"))
    refuse(refer_refusal(case, to_unit), field="to_unit")
    reason = require_text(reason, field="reason", message=_("请填写移交理由。"))
    to_type = to_type or case.mediation_type
    if to_type not in MediationType.values:
        raise ApplicationError(_("请选择调解类型。"), field="to_type")
    referral = Referral(
        case=case,
        from_unit=case.org_unit,
        to_unit=to_unit,
        from_type=case.mediation_type,
        to_type=to_type,
        referred_on=on,
        reason=reason,
        created_by=actor,
    )
    referral.full_clean()
    referral.save()
    from_name = case.org_unit.name
    case.org_unit = to_unit
    case.mediation_type = to_type
    case.started_on = None
    WORKFLOW.apply(
        case,
        "refer",
        on=on,
        actor=actor,
        note=_("%(a)s → %(b)s：%(r)s") % {"a": from_name, "b": to_unit.name, "r": reason},
    )
    # The mediators were the sending organisation's; the receiving one assigns its own.
    case.mediators.clear()
    staff = users_with_perm(PERM_CHANGE, get_user_model().objects.filter(unit=to_unit, is_active=True))
    notify_after_commit(
        staff,
        title=_("收到移交的调解案件 %(n)s") % {"n": case.number},
        body=_("%(from)s移交：%(r)s") % {"from": from_name, "r": reason},
        url=case.get_absolute_url(),
        key=f"mediation-referral-{referral.pk}",
    )
    return referral


@service
def case_record_refusal(
    *, case: MediationCase, actor, refused_by: str, on: date | None = None, note: str = ""
) -> MediationCase:
    """当事人拒绝调解: a party's clear refusal ends mediation (人民调解法第十七条、第二十三条第二项)."""
    case = lock_case(case)
    WORKFLOW.guard(case, "refuse", actor)
    on = on_or_today(on, case, label=_("拒绝日期"))
    case.refused_by = require_text(refused_by, field="refused_by", message=_("请填写拒绝调解的当事人。"))
    case.concluded_on = on
    WORKFLOW.apply(
        case,
        "refuse",
        on=on,
        actor=actor,
        note=_("%(p)s拒绝调解。%(n)s") % {"p": case.refused_by, "n": text(note)},
    )
    clocks.on_mediation_ended(case, on=on, actor=actor)
    return case
