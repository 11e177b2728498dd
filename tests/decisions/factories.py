"""Decisions and legality reviews built through the services (the same path as the pages)."""

from __future__ import annotations

from datetime import date

from decisions import services
from decisions.choices import Conclusion, DecisionCategory, DecisionStatus, MeetingKind, RiskLevel

S = DecisionStatus
ORDER = [
    S.PROPOSED,
    S.DRAFTING,
    S.PARTICIPATION,
    S.ARGUMENTATION,
    S.RISK,
    S.REVIEW,
    S.DISCUSSION,
    S.PUBLISHED,
    S.IMPLEMENTING,
    S.EVALUATING,
]


def propose(actor, body, unit, *, proposed_on=date(2025, 3, 3), title="天水市城区停车收费调整方案"):
    return services.decision_propose(
        actor=actor,
        body=body,
        title=title,
        category=DecisionCategory.PUBLIC_SERVICE,
        undertaking_unit=unit,
        catalogue_year=proposed_on.year,
        summary="调整城区公共停车场收费标准。",
        proposed_on=proposed_on,
    )


def advisor(actor, body, name="王律师"):
    return services.advisor_create(
        actor=actor,
        body=body,
        name=name,
        kind="counsel",
        firm_or_unit="甘肃陇原律师事务所",
        term_start=date(2024, 1, 1),
        term_end=date(2026, 12, 31),
    )


def signed_opinion(matter, drafter, signer, *, conclusion=Conclusion.LAWFUL, on=date(2025, 4, 17)):
    services.opinion_draft(matter=matter, actor=drafter, findings={}, conclusion=conclusion, on=on)
    services.opinion_submit(matter=matter, actor=drafter, on=on)
    return services.opinion_sign(matter=matter, actor=signer, on=on)


def decision_at(
    status, *, actor, signer, body, unit, conclusion=Conclusion.LAWFUL, meeting_on=date(2025, 4, 30)
):
    """A decision of `body` advanced through the services to `status` (one of ORDER)."""
    d = propose(actor, body, unit)
    target = ORDER.index(status)

    def reached(s):
        return ORDER.index(s) >= target

    if reached(S.PROPOSED) and target == 0:
        return type(d).objects.get(pk=d.pk)
    services.decision_start_drafting(decision=d, actor=actor, on=date(2025, 3, 4))
    if target == ORDER.index(S.DRAFTING):
        return type(d).objects.get(pk=d.pk)
    services.participation_open(
        decision=d,
        actor=actor,
        methods="政府网站公开征求意见",
        opens_on=date(2025, 3, 5),
        closes_on=date(2025, 4, 10),
    )
    if target == ORDER.index(S.PARTICIPATION):
        return type(d).objects.get(pk=d.pk)
    services.participation_complete(
        decision=d,
        actor=actor,
        opinions_received=12,
        adoption_account="采纳8条。",
        completed_on=date(2025, 4, 11),
    )
    if target == ORDER.index(S.ARGUMENTATION):
        return type(d).objects.get(pk=d.pk)
    services.expert_opinion_add(
        decision=d,
        actor=actor,
        expert_name="李教授",
        field="交通规划",
        affiliation="兰州大学",
        independence_declared=True,
        opinion="方案可行。",
        signed_on=date(2025, 4, 12),
    )
    services.argumentation_complete(decision=d, actor=actor, on=date(2025, 4, 12))
    if target == ORDER.index(S.RISK):
        return type(d).objects.get(pk=d.pk)
    services.risk_assess(
        decision=d,
        actor=actor,
        assessor="市发展改革委",
        level=RiskLevel.LOW,
        risk_points="群众对收费上调的接受度。",
        measures="分步实施。",
        assessed_on=date(2025, 4, 14),
        assessor_unit=unit,
    )
    if target == ORDER.index(S.REVIEW):
        return type(d).objects.get(pk=d.pk)
    adv = advisor(actor, body)
    services.consultation_record(
        actor=actor,
        advisor=adv,
        decision=d,
        question="收费依据",
        opinion="依据充分。",
        consulted_on=date(2025, 4, 15),
    )
    matter = services.decision_send_for_review(decision=d, actor=actor, sent_on=date(2025, 4, 15))
    signed_opinion(matter, actor, signer, conclusion=conclusion)
    services.discussion_schedule(
        decision=d, actor=actor, meeting_kind=MeetingKind.EXECUTIVE, meeting_on=meeting_on
    )
    if target == ORDER.index(S.DISCUSSION):
        return type(d).objects.get(pk=d.pk)
    services.discussion_record(
        decision=d, actor=actor, result="passed", attendees="市长、副市长", chief_conclusion="同意。"
    )
    services.decision_publish(decision=d, actor=actor, published_on=date(2025, 5, 6), channel="市政府网站")
    if target == ORDER.index(S.PUBLISHED):
        return type(d).objects.get(pk=d.pk)
    services.decision_implement(decision=d, actor=actor, implemented_on=date(2025, 5, 10))
    if target == ORDER.index(S.IMPLEMENTING):
        return type(d).objects.get(pk=d.pk)
    services.evaluation_start(
        decision=d, actor=actor, trigger="scheduled", evaluator="天水师范学院", planned_on=date(2026, 5, 10)
    )
    return type(d).objects.get(pk=d.pk)
