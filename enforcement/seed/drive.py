"""A plan driven through the services, step by step (the recent demo cases and the parity test)."""

from __future__ import annotations

from .. import services
from ..choices import ReviewConclusion
from .plan import CasePlan


def drive(plan: CasePlan, *, actor, reviewer):
    case = services.case_file(
        actor=actor,
        agency=plan.agency,
        item=plan.item,
        party_kind=plan.party_kind,
        party_name=plan.party_name,
        filed_on=plan.filed_on,
        investigators=plan.officers,
        facts=facts(plan),
        legal_basis=plan.item.legal_basis,
        penalty_amount=plan.amount,
        benchmark=plan.bench,
        benchmark_deviation_reason=plan.deviation,
        is_major=plan.is_major,
        major_ground=plan.major_ground,
    )
    if plan.informed_on is None:
        return case
    case = services.case_inform(actor=actor, case=case, on=plan.informed_on, hearing_right_told=False)
    if plan.transferred_on:
        return services.case_transfer(actor=actor, case=case, on=plan.transferred_on, body=TRANSFER_BODY)
    if plan.review_requested_on:
        services.case_request_review(actor=actor, case=case, on=plan.review_requested_on, note=REVIEW_NOTE)
    if plan.reviewed_on:
        services.case_review(
            actor=reviewer,
            case=case,
            conclusion=ReviewConclusion.APPROVED,
            opinion=REVIEW_OPINION,
            on=plan.reviewed_on,
        )
    if plan.decided_on is None:
        return case
    case.refresh_from_db()
    case = services.case_decide(
        actor=actor,
        case=case,
        decided_on=plan.decided_on,
        summary=summary(plan),
        party_present=plan.party_present,
    )
    if plan.served_on and not plan.party_present:
        services.case_serve(actor=actor, case=case, served_on=plan.served_on)
    if plan.published_on:
        services.case_publish(actor=actor, case=case, published_on=plan.published_on)
    if plan.closed_on:
        for stage, medium, on in plan.records():
            services.case_add_record(
                actor=actor, case=case, stage=stage, medium=medium, recorded_on=on, description=RECORD_TEXT
            )
        services.case_close(actor=actor, case=case, on=plan.closed_on)
    case.refresh_from_db()
    return case


TRANSFER_BODY = "天水市公安局"
REVIEW_NOTE = "拟作出较大数额罚款，提请法制审核。"
REVIEW_OPINION = "主体合法，事实清楚，证据确凿，程序合法，适用法律正确，同意。"
RECORD_TEXT = "现场检查笔录及相关材料"


def facts(plan) -> str:
    return f"经查，当事人{plan.party_name}存在{plan.item.name}的违法行为。"


def summary(plan) -> str:
    return f"罚款人民币{plan.amount}元。"
