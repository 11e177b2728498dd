"""The 多元化解 panel of the leaders' dashboard (docs/indicators.md): mediation cases received in the
period, how many ended, how many were settled and judicially confirmed — each linked to the case list
filtered to exactly those cases (`filters.CaseFilter`'s hidden `within` and `outcome`)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from core.indicators import DashboardPanel, Figure, Series, intake_series, list_url, rate

from .choices import AGREED_STATUSES, CONCLUDED_STATUSES, PERM_VIEW, PERM_VIEW_PARTNER, CaseStatus
from .models import MediationCase
from .selectors import docking_summary

LIST = "mediation:index"


def mediation_panel(*, user, scope) -> DashboardPanel | None:
    if not user.has_perm(PERM_VIEW):
        return None
    cases = scope.within(MediationCase.objects.visible_to(user)).filter(
        received_on__range=(scope.start, scope.end)
    )
    counts = cases.aggregate(
        received=Count("pk"),
        concluded=Count("pk", filter=Q(status__in=CONCLUDED_STATUSES)),
        agreed=Count("pk", filter=Q(status__in=AGREED_STATUSES)),
        confirmed=Count("pk", filter=Q(status=CaseStatus.CONFIRMED)),
    )
    params = {**scope.unit_params(), "received_from": scope.start, "received_to": scope.end}
    return DashboardPanel(
        key="mediation",
        title=_("多元化解"),
        figures=[
            Figure(_("受理调解"), counts["received"], list_url(LIST, **params)),
            Figure(_("已结案"), counts["concluded"], list_url(LIST, **params, outcome="concluded")),
            Figure(_("调解成功"), counts["agreed"], list_url(LIST, **params, outcome="agreed")),
            Figure(
                _("调解成功率"),
                rate(counts["agreed"], counts["concluded"]),
                list_url(LIST, **params, outcome="agreed"),
                is_rate=True,
                hint=_("%(part)s 件 ÷ 已结案 %(whole)s 件")
                % {"part": counts["agreed"], "whole": counts["concluded"]},
                records=counts["agreed"],
            ),
            Figure(_("司法确认有效"), counts["confirmed"], list_url(LIST, **params, outcome="confirmed")),
            *_docking(user=user, scope=scope),
        ],
        detail_url=list_url("mediation:statistics"),
    )


def mediation_trends(*, user, scope, years, counties) -> list[Series]:
    """Cases received per month and per county, one grouped query (core.registry.register_dashboard_trend)."""
    if not user.has_perm(PERM_VIEW):
        return []
    cases = scope.within(MediationCase.objects.visible_to(user))
    return intake_series(cases, "received_on", scope, counties, monthly=_("多元化解"), county=_("受理调解"))


def _docking(*, user, scope) -> list[Figure]:
    """诉调对接 (`selectors.docking_summary`): the joint documents kept within the jurisdiction and
    signed by the end of the period, the units that signed them, the docking centres within the
    jurisdiction — each linked to its register (`filters.DockingFilter`'s hidden `signed_to`,
    `within`), for a user who may open it."""
    summary = docking_summary(user=user, within=scope.unit, signed_to=scope.end)
    params = {**scope.unit_params(), "signed_to": scope.end}

    def link(url_name, **p):
        return list_url(url_name, **p) if user.has_perm(PERM_VIEW_PARTNER) else ""

    return [
        Figure(
            _("诉调对接单位"),
            summary["partners"],
            link("mediation:partner_unit_list", **params),
            hint=_("截至期末签订对接文件的联动部门（累计）"),
        ),
        Figure(
            _("诉调对接文件"),
            summary["documents"],
            link("mediation:partner_list", **params),
            hint=_("截至期末签订（累计）"),
        ),
        Figure(
            _("诉调对接中心（站）"),
            summary["centres"],
            link("mediation:partner_centre_list", **scope.unit_params()),
            hint=_("对接中心（站）"),
        ),
    ]
