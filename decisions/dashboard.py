"""The 行政决策与合法性审查 panel of the leaders' dashboard (docs/indicators.md): decisions proposed,
legality-review matters received and opinions signed in the period, and the reviews now overdue — each
linked to the list filtered to exactly the records it counts (`filters.DecisionFilter`,
`filters.MatterFilter`)."""

from __future__ import annotations

from django.db.models import Count, Exists, Q
from django.utils.translation import gettext as _

from core.indicators import DashboardPanel, Figure, Series, intake_series, list_url

from .choices import PERM_VIEW, PERM_VIEW_MATTER
from .filters import overdue_q, signed_opinions
from .models import AdvisorConsultation, LegalAffairsMatter, MajorDecision, PostEvaluation


def decisions_panel(*, user, scope) -> DashboardPanel | None:
    if not (user.has_perm(PERM_VIEW) or user.has_perm(PERM_VIEW_MATTER)):
        return None
    within = scope.unit_params()
    period = {"since": scope.start, "until": scope.end}
    figures = []
    if user.has_perm(PERM_VIEW):
        decisions = scope.within(MajorDecision.objects.visible_to(user))
        proposed = decisions.filter(proposed_on__range=(scope.start, scope.end)).count()
        evaluations = scope.within(PostEvaluation.objects.visible_to(user), "decision__org_unit").filter(
            planned_on__range=(scope.start, scope.end)
        )
        figures += [
            Figure(_("重大行政决策立项"), proposed, list_url("decisions:index", **within, **period)),
            Figure(
                _("决策后评估"),
                evaluations.count(),
                list_url(
                    "decisions:evaluation_list", **within, planned_from=scope.start, planned_to=scope.end
                ),
                hint=_("计划完成日期在本期的评估"),
            ),
        ]
    if user.has_perm(PERM_VIEW_MATTER):
        # the three counts of the matters in one pass over them
        counts = (
            scope.within(LegalAffairsMatter.objects.visible_to(user))
            .order_by()
            .aggregate(
                received=Count("pk", filter=Q(received_on__range=(scope.start, scope.end))),
                signed=Count(
                    "pk",
                    filter=Q(Exists(signed_opinions(signed_on__gte=scope.start, signed_on__lte=scope.end))),
                ),
                overdue=Count("pk", filter=Q(overdue_q(LegalAffairsMatter))),
            )
        )
        received, signed, overdue = counts["received"], counts["signed"], counts["overdue"]
        reviews = "decisions:matter_list"
        figures += [
            Figure(_("合法性审查收文"), received, list_url(reviews, queue="all", **within, **period)),
            Figure(
                _("出具审查意见"),
                signed,
                list_url(reviews, queue="all", **within, signed_from=scope.start, signed_to=scope.end),
                hint=_("已签发书面审查意见的事项"),
            ),
            Figure(_("审查超期"), overdue, list_url(reviews, queue="all", **within, overdue="true")),
            Figure(
                _("法律顾问意见"),
                scope.within(AdvisorConsultation.objects.visible_to(user))
                .filter(consulted_on__range=(scope.start, scope.end))
                .count(),
                list_url("decisions:consultation_list", **within, **period),
                hint=_("本期法律顾问提供咨询意见的次数"),
            ),
        ]
    return DashboardPanel(
        key="decisions",
        title=_("重大行政决策与合法性审查"),
        figures=figures,
        detail_url=list_url("decisions:statistics"),
    )


def decisions_trends(*, user, scope, years, counties) -> list[Series]:
    """Legality-review matters received per month and per county (core.registry.register_dashboard_trend)."""
    if not user.has_perm(PERM_VIEW_MATTER):
        return []
    matters = scope.within(LegalAffairsMatter.objects.visible_to(user))
    return intake_series(
        matters, "received_on", scope, counties, monthly=_("合法性审查"), county=_("合法性审查收文")
    )
