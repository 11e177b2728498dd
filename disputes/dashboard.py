"""诉源分析 on the leaders' dashboard (docs/indicators.md): where the period's disputes come from —
by respondent agency and act type — and how many were resolved in substance. Disputes are placed in
the period by the date of the administrative act and in the jurisdiction by their respondent, the
same conditions as the dispute list's filter bar, so each figure opens its own records."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils.translation import gettext as _

from core.indicators import DashboardPanel, Figure, list_url, rate

from .choices import ActType
from .filters import DisputeFilter
from .lineage import lineage_counts
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
    lineage = lineage_counts(qs)
    origins = _origins(qs, params)
    relative = _relative(user, scope, by_respondent, params)
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
        Figure(
            _("案结事了率"),
            rate(lineage["ended_there"], lineage["concluded_first"]),
            list_url(LIST, **params, lineage="ended_there"),
            is_rate=True,
            hint=_("%(part)s 件 ÷ 复议或调解已结 %(whole)s 件")
            % {"part": lineage["ended_there"], "whole": lineage["concluded_first"]},
            records=lineage["ended_there"],
        ),
        Figure(
            _("程序空转率"),
            rate(lineage["idle"], lineage["any_concluded"]),
            list_url(LIST, **params, lineage="idle"),
            is_rate=True,
            hint=_("%(part)s 件 ÷ 有程序已结 %(whole)s 件")
            % {"part": lineage["idle"], "whole": lineage["any_concluded"]},
            records=lineage["idle"],
        ),
        Figure(_("经调解"), lineage["m"], list_url(LIST, **params, lineage="mediation")),
        Figure(_("经复议"), lineage["r"], list_url(LIST, **params, lineage="reconsideration")),
        Figure(_("经诉讼"), lineage["lit"], list_url(LIST, **params, lineage="litigation")),
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
            "origins": origins,
            "relative": relative,
            "sankey": _sankey(total, lineage, params),
            "heat": {
                "agencies": [r["respondent__name"] for r in top],
                "act_types": [str(label) for _key, label in ActType.choices],
                "cells": heat,
            },
        },
    )


def _origins(qs, params) -> list[dict]:
    """Disputes by the kind of record they arose from (an enforcement case, a decision, none)."""
    rows = (
        qs.order_by()
        .values("origin_content_type")
        .annotate(n=Count("id"))
        .order_by("-n", "origin_content_type")
    )
    out = []
    for row in rows:
        if row["origin_content_type"] is None:
            label, key = _("无来源记录"), "none"
        else:
            ct = ContentType.objects.get_for_id(row["origin_content_type"])
            model = ct.model_class()
            label = str(model._meta.verbose_name) if model else ct.model
            key = f"{ct.app_label}.{ct.model}"
        out.append({"label": label, "count": row["n"], "url": list_url(LIST, **params, origin=key)})
    return out


def _relative(user, scope, by_respondent, params) -> list[dict]:
    """The ten agencies with most disputes per hundred enforcement cases filed in the period (agencies
    with no enforcement case filed are left out: nothing to relate to). One query over the enforcement
    cases, read through the app registry so that this app imports no mechanism."""
    try:
        cases = apps.get_model("enforcement", "EnforcementCase")
    except LookupError:
        return []
    if not user.has_perm("enforcement.view_enforcementcase"):
        return []
    disputes = {r["respondent_id"]: r for r in by_respondent}
    volume = dict(
        scope.within(cases.objects.visible_to(user))
        .filter(filed_on__range=(scope.start, scope.end), org_unit_id__in=list(disputes))
        .order_by()
        .values_list("org_unit_id")
        .annotate(n=Count("id"))
    )
    rows = [
        {
            "name": disputes[unit]["respondent__name"],
            "disputes": disputes[unit]["total"],
            "cases": n,
            "per_hundred": rate(disputes[unit]["total"], n),
            "url": list_url(LIST, **{**params, "respondent": unit}),
        }
        for unit, n in volume.items()
        if n
    ]
    rows.sort(key=lambda r: (-r["per_hundred"], -r["disputes"], r["name"]))
    return rows[:TOP]


def _sankey(total, lineage, params) -> dict:
    """The paths disputes took: mediation → reconsideration → litigation (ECharts sankey)."""
    dispute, med, recon, lit = _("行政争议"), _("调解"), _("行政复议"), _("行政诉讼")
    links = [
        (dispute, med, lineage["m"]),
        (dispute, recon, lineage["r_only"]),
        (dispute, lit, lineage["l_only"]),
        (med, recon, lineage["m_r"]),
        (med, lit, lineage["m_l"]),
        (recon, lit, lineage["r_l"]),
    ]
    links = [{"source": a, "target": b, "value": v} for a, b, v in links if v]
    names = {n for link in links for n in (link["source"], link["target"])}
    return {"nodes": [{"name": n} for n in (dispute, med, recon, lit) if n in names], "links": links}
