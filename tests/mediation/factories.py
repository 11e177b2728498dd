"""Mediation organisations, mediators and cases for tests: cases are built through the services, so a
case at a given status has exactly the clocks, events and records the real workflow gives it.

    med = mediation_world(tree, make_user)
    case = case_at(CaseStatus.AGREED, med)

Dates default to the past (received Mon 2025-03-03), because the services refuse future dates.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from accounts.choices import Role, UnitKind
from mediation import services
from mediation.choices import AgreementForm, CaseSource, CaseStatus, MediationType, OtherRoute

from ..accounts.factories import OrgUnitFactory
from ..disputes.factories import DisputeFactory, PartyFactory

RECEIVED = date(2025, 3, 3)


def mediation_world(tree, make_user):
    """秦州区: a township 人民调解委员会, the 诉调对接中心 and the district court; 麦积区: a committee.
    tiaojie (committee), tiaojie_center (centre), tiaojie_maiji (麦积); each has a Mediator row."""
    u = OrgUnitFactory
    committee = u(name="秦州区大城街道人民调解委员会", kind=UnitKind.MEDIATION, parent=tree.qinzhou_town)
    center = u(name="秦州区诉调对接中心", kind=UnitKind.MEDIATION, parent=tree.qinzhou_justice)
    court = u(name="秦州区人民法院", kind=UnitKind.COURT, parent=tree.qinzhou)
    maiji_committee = u(name="麦积区道北街道人民调解委员会", kind=UnitKind.MEDIATION, parent=tree.maiji)
    tiaojie = make_user("tiaojie", unit=committee, roles=[Role.MEDIATOR])
    tiaojie_center = make_user("tiaojie_center", unit=center, roles=[Role.MEDIATOR])
    tiaojie_maiji = make_user("tiaojie_maiji", unit=maiji_committee, roles=[Role.MEDIATOR])
    tiaojie_sfj = make_user("tiaojie_sfj", unit=tree.qinzhou_justice, roles=[Role.MEDIATOR])
    world = SimpleNamespace(
        committee=committee,
        center=center,
        court=court,
        maiji_committee=maiji_committee,
        tiaojie=tiaojie,
        tiaojie_center=tiaojie_center,
        tiaojie_maiji=tiaojie_maiji,
        tiaojie_sfj=tiaojie_sfj,
        tree=tree,
    )
    world.mediator = services.mediator_create(actor=tiaojie, unit=committee, name="王调解", user=tiaojie)
    world.center_mediator = services.mediator_create(
        actor=tiaojie_center, unit=center, name="李对接", user=tiaojie_center
    )
    return world


def administrative_dispute(tree):
    dispute = DisputeFactory(respondent=tree.qinzhou_market, act_date=date(2025, 2, 10))
    PartyFactory(dispute=dispute, name="张三")
    return dispute


def register(world, *, actor=None, unit=None, received_on=RECEIVED, **kwargs):
    kwargs.setdefault("mediation_type", MediationType.PEOPLE)
    kwargs.setdefault("source", CaseSource.APPLICATION)
    kwargs.setdefault("parties", "张三、李四")
    kwargs.setdefault("subject", "相邻关系纠纷")
    if "dispute" not in kwargs:
        kwargs.setdefault("civil_description", "邻里因排水问题发生纠纷。")
    kwargs.setdefault("consent_recorded", True)
    unit = unit or world.committee
    if "mediators" not in kwargs and unit == world.committee:
        kwargs["mediators"] = [world.mediator]
    return services.case_register(actor=actor or world.tiaojie, unit=unit, received_on=received_on, **kwargs)


def agree(world, case, *, actor=None, effective_on=None, form=AgreementForm.WRITTEN):
    effective_on = effective_on or case.started_on + timedelta(days=7)
    return services.case_agree(
        case=case,
        actor=actor or world.tiaojie,
        form=form,
        parties_info="张三，男；李四，男。",
        facts="双方因排水发生争执，李四负主要责任。",
        content="李四于十日内修复排水沟。",
        performance_method="李四自行修复",
        performance_due_on=effective_on + timedelta(days=10),
        effective_on=effective_on,
    )


def case_at(status: str, world, *, actor=None, **kwargs):
    """A committee case driven through the services to `status`."""
    actor = actor or world.tiaojie
    case = register(world, actor=actor, **kwargs)
    if status == CaseStatus.RECEIVED:
        return case
    case = services.case_start(case=case, actor=actor, on=case.received_on + timedelta(days=1))
    if status == CaseStatus.MEDIATING:
        return case
    if status in (CaseStatus.FAILED, CaseStatus.TERMINATED):
        case = services.case_fail(
            case=case, actor=actor, reason="双方分歧较大。", on=case.started_on + timedelta(days=5)
        )
        if status == CaseStatus.TERMINATED:
            case = services.case_terminate(
                case=case, actor=actor, routes=[OtherRoute.LITIGATION], on=case.concluded_on
            )
        return case
    agreement = agree(world, case, actor=actor)
    case.refresh_from_db()
    if status == CaseStatus.AGREED:
        return case
    if status == CaseStatus.PERFORMING:
        return services.case_start_performance(case=case, actor=actor, on=agreement.effective_on)
    if status == CaseStatus.PERFORMED:
        return services.case_record_performed(
            case=case, actor=actor, on=agreement.effective_on + timedelta(days=9)
        )
    services.confirmation_apply(
        case=case, actor=actor, court=world.court, applied_on=agreement.effective_on + timedelta(days=3)
    )
    case.refresh_from_db()
    if status == CaseStatus.CONFIRMATION_APPLIED:
        return case
    services.confirmation_record_ruling(
        case=case,
        actor=actor,
        confirmed=status == CaseStatus.CONFIRMED,
        ruled_on=agreement.effective_on + timedelta(days=10),
        ruling_number="（2025）甘0502民特1号",
    )
    case.refresh_from_db()
    return case
