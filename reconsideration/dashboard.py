"""The reconsideration panel of the leaders' dashboard (docs/indicators.md): the figures of
`selectors.statistics` for the dashboard's period and jurisdiction — the same sets, counted in one
pass (`headline`) — each linked to the case list filtered to exactly the cases it counts
(`filters.CaseFilter`'s drill-down filters)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from core.indicators import (
    CORRECTION,
    AssessmentColumn,
    DashboardPanel,
    Figure,
    Series,
    intake_series,
    list_url,
    rate,
)
from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline

from . import deadlines as clocks
from . import selectors
from .choices import ACTIVE_STATUSES, PERM_VIEW, DecisionOutcome
from .filters import running_clocks
from .models import CaseDecision, ReconsiderationCase

LIST = "reconsideration:index"


def monthly_intake(*, user, scope) -> list[dict]:
    """Applications received per month of the period: the trends' grouped query when they were
    computed first for this scope (`dashboard.selectors.compute`), else a query of its own."""
    monthly = scope.memo(("reconsideration.monthly", user.pk), lambda: _intake(user=user, scope=scope)[0])
    return [{"month": month, "count": n} for month, n in monthly.points]


def _intake(*, user, scope, counties=()) -> list[Series]:
    """Applications per month and per county of the period (`intake_series`, one query), kept for
    the panel's chart."""
    cases = scope.within(ReconsiderationCase.objects.visible_to(user))
    series = intake_series(
        cases, "received_on", scope, counties, monthly=_("行政复议"), county=_("行政复议申请")
    )
    scope.memos[("reconsideration.monthly", user.pk)] = series[0]
    return series


def headline(*, user, scope, today=None) -> dict:
    """The panel's counts in one pass over the visible cases of the jurisdiction and their decisions:
    the same sets as `selectors.statistics` (received / accepted by their dates; concluded — decided
    in the period, not 不予受理 — with the direct and indirect corrections and those whose decision
    clock was met) and the 已超期 queue (`selectors.overdue`: active, a running clock past due)."""
    today = today or timezone.localdate()
    period = (scope.start, scope.end)
    concluded = Q(decision__decided_on__range=period) & ~Q(decision__outcome=DecisionOutcome.NOT_ACCEPTED)
    clock_met = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(ReconsiderationCase),
        object_id=OuterRef("pk"),
        rule_code__in=clocks.DECISION_RULES,
        status=DeadlineStatus.MET,
    )
    late = running_clocks().filter(due_date__lt=today)
    return (
        scope.within(ReconsiderationCase.objects.visible_to(user))
        .order_by()
        .aggregate(
            received=Count("pk", filter=Q(received_on__range=period)),
            accepted=Count("pk", filter=Q(accepted_on__range=period)),
            deemed=Count("pk", filter=Q(accepted_on__range=period, is_deemed_accepted=True)),
            concluded=Count("pk", filter=concluded),
            direct=Count("pk", filter=concluded & Q(decision__is_directly_corrected=True)),
            indirect=Count("pk", filter=concluded & Q(decision__is_indirectly_corrected=True)),
            on_time=Count("pk", filter=concluded & Q(Exists(clock_met))),
            overdue=Count("pk", filter=Q(status__in=ACTIVE_STATUSES) & Q(Exists(late))),
        )
    )


def reconsideration_panel(*, user, scope) -> DashboardPanel | None:
    if not user.has_perm(PERM_VIEW):
        return None
    n = headline(user=user, scope=scope)
    base = {"queue": "all", **scope.unit_params()}
    received = {**base, "received_from": scope.start, "received_to": scope.end}
    concluded = {**base, "concluded_from": scope.start, "concluded_to": scope.end}

    def of_concluded(part: int) -> str:
        return _("%(part)s 件 ÷ 审结 %(whole)s 件") % {"part": part, "whole": n["concluded"]}

    figures = [
        Figure(_("收到申请"), n["received"], list_url(LIST, **received)),
        Figure(
            _("受理"),
            n["accepted"],
            list_url(LIST, **base, accepted_from=scope.start, accepted_to=scope.end),
            hint=_("其中视为受理 %(n)s 件") % {"n": n["deemed"]},
        ),
        Figure(_("审结"), n["concluded"], list_url(LIST, **concluded)),
        Figure(
            _("直接纠错率"),
            rate(n["direct"], n["concluded"]),
            list_url(LIST, **concluded, correction="direct"),
            is_rate=True,
            hint=of_concluded(n["direct"]),
            records=n["direct"],
        ),
        Figure(
            _("纠错率（含间接）"),
            rate(n["direct"] + n["indirect"], n["concluded"]),
            list_url(LIST, **concluded, correction="any"),
            is_rate=True,
            hint=of_concluded(n["direct"] + n["indirect"]),
            records=n["direct"] + n["indirect"],
        ),
        Figure(
            _("法定期限内办结率"),
            rate(n["on_time"], n["concluded"]),
            list_url(LIST, **concluded, decision_clock="met"),
            is_rate=True,
            hint=of_concluded(n["on_time"]),
            records=n["on_time"],
        ),
        Figure(_("当前超期"), n["overdue"], list_url(LIST, queue="overdue", **scope.unit_params())),
    ]
    return DashboardPanel(
        key="reconsideration",
        title=_("行政复议"),
        figures=figures,
        detail_url=list_url("reconsideration:statistics", start=scope.start, end=scope.end),
        charts={"monthly": monthly_intake(user=user, scope=scope)},
    )


def reconsideration_trends(*, user, scope, years, counties) -> list[Series]:
    """Monthly applications, the direct 纠错率 by year (the decision date) and applications per county
    (core.registry.register_dashboard_trend) — two grouped queries (months and counties in one)."""
    if not user.has_perm(PERM_VIEW):
        return []
    cases = scope.within(ReconsiderationCase.objects.visible_to(user))
    by_year = {
        row["y"]: row
        for row in CaseDecision.objects.filter(case__in=cases, decided_on__year__in=years)
        .exclude(outcome=DecisionOutcome.NOT_ACCEPTED)
        .annotate(y=ExtractYear("decided_on"))
        .values("y")
        .annotate(**selectors.correction_counts())
        .order_by()
    }
    correction = [
        (year, rate(by_year[year]["direct"], by_year[year]["concluded"]) if year in by_year else None)
        for year in years
    ]
    monthly, *county = _intake(user=user, scope=scope, counties=counties)
    return [monthly, Series(CORRECTION, _("行政复议纠错率"), correction), *county]


def reconsideration_assessment(*, user, scope) -> AssessmentColumn | None:
    """考核: 行政复议纠错率 of each respondent agency — its cases concluded in the period (one query)."""
    if not user.has_perm(PERM_VIEW):
        return None
    cases = scope.within(ReconsiderationCase.objects.visible_to(user))
    rows = (
        CaseDecision.objects.filter(case__in=cases, decided_on__range=(scope.start, scope.end))
        .exclude(outcome=DecisionOutcome.NOT_ACCEPTED)
        .values("case__respondent", "case__respondent__name")
        .annotate(**selectors.correction_counts())
        .order_by()
    )
    return AssessmentColumn(
        key="recon_correction",
        label=_("行政复议纠错率"),
        weight=Decimal(30),
        higher_is_better=False,
        rows={
            r["case__respondent"]: (r["case__respondent__name"], r["direct"], r["concluded"]) for r in rows
        },
    )
