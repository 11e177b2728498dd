"""The 行政执法 panel of the leaders' dashboard (docs/indicators.md): enforcement cases filed in the
period, the major decisions among them and those outside the discretion benchmark — each linked to the
case list filtered to exactly those cases (`filters.CaseFilter`, its hidden `within`)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from core.indicators import (
    AssessmentColumn,
    DashboardPanel,
    Figure,
    Series,
    intake_series,
    list_url,
)

from .choices import PERM_VIEW, PERM_VIEW_AGENCY, PERM_VIEW_CERT, PERM_VIEW_OFFICER
from .models import Certificate, EnforcementAgency, EnforcementCase, Officer, TrainingAttendance

LIST = "enforcement:index"


def enforcement_panel(*, user, scope) -> DashboardPanel | None:
    if not user.has_perm(PERM_VIEW):
        return None
    cases = scope.within(EnforcementCase.objects.visible_to(user)).filter(
        filed_on__range=(scope.start, scope.end)
    )
    counts = cases.aggregate(
        filed=Count("pk"),
        major=Count("pk", filter=Q(is_major=True)),
        outside=Count("pk", filter=Q(outside_benchmark=True)),
    )
    params = {**scope.unit_params(), "filed_from": scope.start, "filed_to": scope.end}
    return DashboardPanel(
        key="enforcement",
        title=_("行政执法"),
        figures=[
            Figure(_("执法立案"), counts["filed"], list_url(LIST, **params)),
            Figure(_("重大执法决定"), counts["major"], list_url(LIST, **params, is_major="true")),
            Figure(
                _("超出裁量基准"),
                counts["outside"],
                list_url(LIST, **params, outside_benchmark="true"),
                hint=_("类案不同罚的预警"),
            ),
            *_capacity(user=user, scope=scope),
        ],
        detail_url=list_url("enforcement:statistics"),
    )


def enforcement_trends(*, user, scope, years, counties) -> list[Series]:
    """Cases filed per month and per county, one grouped query (core.registry.register_dashboard_trend)."""
    if not user.has_perm(PERM_VIEW):
        return []
    cases = scope.within(EnforcementCase.objects.visible_to(user))
    return intake_series(cases, "filed_on", scope, counties, monthly=_("行政执法"), county=_("执法立案"))


def enforcement_assessment(*, user, scope) -> AssessmentColumn | None:
    """考核: the share of each agency's cases filed in the period decided outside the discretion
    benchmark (超出裁量基准率, one query)."""
    if not user.has_perm(PERM_VIEW):
        return None
    rows = (
        scope.within(EnforcementCase.objects.visible_to(user))
        .filter(filed_on__range=(scope.start, scope.end))
        .values("org_unit", "org_unit__name")
        .annotate(filed=Count("pk"), outside=Count("pk", filter=Q(outside_benchmark=True)))
        .order_by()
    )
    return AssessmentColumn(
        key="enf_outside",
        label=_("超出裁量基准率"),
        weight=Decimal(20),
        higher_is_better=False,
        rows={r["org_unit"]: (r["org_unit__name"], r["outside"], r["filed"]) for r in rows},
    )


def _capacity(*, user, scope) -> list[Figure]:
    """执法主体 confirmed and 执法证件 issued by the end of the period, officers trained in it — each
    linked to its register filtered to the same rows (`filters.AgencyFilter`, `CertificateFilter`,
    `OfficerFilter`'s hidden `certified_to`, `issued_to`, `trained_from`/`trained_to`, `within`)."""
    end = scope.end
    agencies = scope.within(EnforcementAgency.objects.visible_to(user)).filter(certified_on__lte=end).count()
    certificates = (
        scope.within(Certificate.objects.visible_to(user), "officer__agency__org_unit")
        .filter(issued_on__lte=end)
        .count()
    )
    attended = TrainingAttendance.objects.filter(
        officer=OuterRef("pk"), course__held_on__range=(scope.start, scope.end)
    )
    trained = (
        scope.within(Officer.objects.visible_to(user), "agency__org_unit").filter(Exists(attended)).count()
    )
    unit = scope.unit_params()

    def link(perm, url_name, **params):  # the register's list, for a user who may open it
        return list_url(url_name, **unit, **params) if user.has_perm(perm) else ""

    return [
        Figure(
            _("执法主体"),
            agencies,
            link(PERM_VIEW_AGENCY, "enforcement:agency_list", certified_to=end),
            hint=_("截至期末确认的执法主体"),
        ),
        Figure(
            _("执法证件"),
            certificates,
            link(PERM_VIEW_CERT, "enforcement:certificate_list", issued_to=end),
            hint=_("截至期末发放的执法证件（累计）"),
        ),
        Figure(
            _("参训执法人员"),
            trained,
            link(PERM_VIEW_OFFICER, "enforcement:officer_list", trained_from=scope.start, trained_to=end),
            hint=_("本期参加培训的执法人员"),
        ),
    ]
