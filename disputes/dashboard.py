"""诉源分析 on the leaders' dashboard (docs/indicators.md): where the period's disputes come from —
by respondent agency and act type — and how many were resolved in substance. Disputes are placed in
the period by the date of the administrative act and in the jurisdiction by their respondent, the
same conditions as the dispute list's filter bar, so each figure opens its own records."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _

from core.indicators import DashboardPanel, Figure, list_url, rate

from .choices import ActType
from .filters import DisputeFilter
from .models import Dispute
from .selectors import group_counts

LIST = "disputes:list"
TOP = 10  # agencies on the heat map


def source_panel(*, user, scope) -> DashboardPanel | None:
    if not user.has_perm("disputes.view_dispute"):
        return None
    params = {"act_date_from": scope.start, "act_date_to": scope.end}
    if scope.unit is not None:
        params["respondent"] = scope.unit.pk
    qs = DisputeFilter(params, queryset=Dispute.objects.visible_to(user), user=user).qs.order_by()
    by_respondent = group_counts(qs, "respondent_id", "respondent__name")
    total = sum(r["total"] for r in by_respondent)
    concluded = sum(r["concluded"] for r in by_respondent)
    substantive = sum(r["substantive"] for r in by_respondent)
    top = by_respondent[:TOP]
    cells = (
        qs.filter(respondent_id__in=[r["respondent_id"] for r in top])
        .values("respondent_id", "act_type")
        .annotate(n=Count("id"))
    )
    act_types = [key for key, _label in ActType.choices]
    heat = [
        [act_types.index(c["act_type"]), [r["respondent_id"] for r in top].index(c["respondent_id"]), c["n"]]
        for c in cells
    ]
    figures = [
        Figure(_("行政争议"), total, list_url(LIST, **params)),
        Figure(_("已化解或终结"), concluded, list_url(LIST, **params, concluded="true")),
        Figure(_("实质性化解"), substantive, list_url(LIST, **params, substantive="true")),
        Figure(
            _("实质性化解率"),
            rate(substantive, concluded),
            list_url(LIST, **params, substantive="true"),
            is_rate=True,
            hint=_("%(part)s 件 ÷ 已化解或终结 %(whole)s 件") % {"part": substantive, "whole": concluded},
            records=substantive,
        ),
    ]
    return DashboardPanel(
        key="sources",
        title=_("诉源分析"),
        figures=figures,
        detail_url=list_url("disputes:stats", **params),
        charts={
            "agencies": [
                {**r, "url": list_url(LIST, **{**params, "respondent": r["respondent_id"]})} for r in top
            ],
            "heat": {
                "agencies": [r["respondent__name"] for r in top],
                "act_types": [str(label) for _key, label in ActType.choices],
                "cells": heat,
            },
        },
    )
