"""A plan driven step by step through the services (the recent demo cases, and the parity test's
reference for `bulk.py`)."""

from __future__ import annotations

from datetime import timedelta

from .. import services
from ..choices import CaseSource
from ..models import MediationCase

AGREEMENT = {
    "parties_info": "当事人双方基本情况见调解登记表。",
    "facts": "双方因{subject}发生争议，经调解查明事实，双方均有一定责任。",
    "content": "双方自愿达成和解，一方于协议生效后十五日内一次性支付对方补偿款。",
    "performance_method": "当面交付或者银行转账",
}


def civil_description(plan) -> str:
    return "" if plan.dispute is not None else f"{plan.subject}，当事人申请调解。"


def drive(plan, world) -> MediationCase:
    actor = world.actor
    case = services.case_register(
        actor=actor,
        unit=plan.org.unit,
        mediation_type=plan.mediation_type,
        source=plan.source,
        referring_unit=plan.referring_unit,
        dispute=plan.dispute,
        civil_description=civil_description(plan),
        parties=plan.parties,
        subject=plan.subject,
        received_on=plan.received_on,
        materials_received_on=plan.received_on if plan.source == CaseSource.COURT_ENTRUSTED else None,
        mediators=plan.org.mediators[:1],
        consent_recorded=True,
    )
    d = plan.dates
    for step in plan.path:
        case = MediationCase.objects.get(pk=case.pk)
        if step == "refer":
            services.case_refer(
                case=case,
                actor=actor,
                to_unit=plan.refer_to.unit,
                to_type=plan.refer_type,
                reason="纠纷发生地调解组织就地化解。",
                on=d["refer"],
            )
            case = MediationCase.objects.get(pk=case.pk)
            services.case_update(
                case=case,
                actor=actor,
                version=case.version,
                parties=case.parties,
                subject=case.subject,
                mediators=plan.refer_to.mediators[:1],
            )
        elif step == "start":
            services.case_start(case=case, actor=actor, on=d["start"])
        elif step == "agree":
            services.case_agree(
                case=case,
                actor=actor,
                form=plan.form,
                effective_on=d["agree"],
                performance_due_on=d["agree"] + timedelta(days=15),
                **{k: v.format(subject=plan.subject) for k, v in AGREEMENT.items()},
            )
        elif step == "refuse":
            services.case_record_refusal(
                case=case, actor=actor, refused_by=plan.parties.split("、")[1], on=d["refuse"]
            )
        elif step == "fail":
            services.case_fail(case=case, actor=actor, reason="双方对赔偿数额分歧较大。", on=d["fail"])
        elif step == "terminate":
            services.case_terminate(case=case, actor=actor, routes=list(plan.routes), on=d["terminate"])
        elif step == "perform_start":
            services.case_start_performance(case=case, actor=actor, on=d["perform_start"])
        elif step == "performed":
            services.case_record_performed(case=case, actor=actor, on=d["performed"])
        elif step == "apply_confirmation":
            services.confirmation_apply(
                case=case, actor=actor, court=court_of(plan, world), applied_on=d["apply_confirmation"]
            )
        elif step in ("confirm", "reject_confirmation"):
            services.confirmation_record_ruling(
                case=case,
                actor=actor,
                confirmed=step == "confirm",
                ruled_on=d[step],
                ruling_number=ruling_number(plan, step),
            )
    return MediationCase.objects.get(pk=case.pk)


def court_of(plan, world):
    org = plan.refer_to or plan.org
    return world.courts.get(org.county) or next(iter(world.courts.values()))


def ruling_number(plan, step) -> str:
    return f"（{plan.dates[step].year}）甘05民特{plan.index + 1}号"
