"""The reconsideration steps on a dispute's timeline (registered in apps.py with disputes.timeline)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from disputes.timeline import TimelineEvent

from ..choices import (
    CaseStatus,
    CorrectionKind,
)

# =====================================================================================================
# The dispute's timeline (registered in apps.py with disputes.timeline)
# =====================================================================================================


def dispute_timeline_events(dispute) -> list:
    """The reconsideration steps of one dispute for its timeline page (one query)."""
    mechanism = str(_("行政复议"))
    events = []
    for case in dispute.reconsideration_cases.select_related("decision", "org_unit").order_by(
        "received_on", "id"
    ):
        url = case.get_absolute_url()
        events.append(
            TimelineEvent(
                date=case.received_on,
                title=str(_("%(body)s收到行政复议申请") % {"body": case.org_unit.name}),
                detail=case.number,
                url=url,
                mechanism=mechanism,
            )
        )
        if case.accepted_on:
            title = _("视为受理") if case.is_deemed_accepted else _("受理")
            events.append(
                TimelineEvent(
                    date=case.accepted_on, title=str(title), detail=case.number, url=url, mechanism=mechanism
                )
            )
        decision = getattr(case, "decision", None)
        if decision is not None:
            detail = decision.get_outcome_display()
            if decision.correction_kind != CorrectionKind.NONE:
                detail += f"（{decision.correction_kind.label}）"
            events.append(
                TimelineEvent(
                    date=decision.decided_on,
                    title=str(_("复议结案")),
                    detail=f"{case.number} {detail}",
                    url=url,
                    mechanism=mechanism,
                )
            )
        elif case.status == CaseStatus.ABANDONED and case.concluded_on:
            events.append(
                TimelineEvent(
                    date=case.concluded_on,
                    title=str(_("视为放弃复议申请")),
                    detail=case.number,
                    url=url,
                    mechanism=mechanism,
                )
            )
    return events
