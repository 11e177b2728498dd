"""诉源分析 on the leaders' dashboard (docs/indicators.md): where the period's disputes come from —
by respondent agency and act type — and how many were resolved in substance. Disputes are placed in
the period by the date of the administrative act and in the jurisdiction by their respondent, the
same conditions as the dispute list's filter bar, so each figure opens its own records."""

from __future__ import annotations

from collections import Counter

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils.translation import gettext as _

from core.indicators import DashboardPanel, Figure, list_url, rate

from .choices import ActType, DisputeStatus
from .filters import DisputeFilter
from .lineage import flags, tally
from .models import Dispute

LIST = "disputes:list"
TOP = 10  # agencies on the heat map


def source_panel(*, user, scope) -> DashboardPanel | None:
    if not user.has_perm("disputes.view_dispute"):
        return None
    params = {"act_date_from": scope.start, "act_date_to": scope.end}
    if scope.unit is not None:
        params["respondent"] = scope.unit.pk
    qs = DisputeFilter(params, queryset=Dispute.objects.visible_to(user), user=user).qs.order_by()
    groups = _groups(qs)
    by_respondent = _by_respondent(groups)
    total = sum(r["total"] for r in by_respondent)
    concluded = sum(r["concluded"] for r in by_respondent)
    substantive = sum(r["substantive"] for r in by_respondent)
    top = by_respondent[:TOP]
    top_ids = [r["respondent_id"] for r in top]
    cells = Counter()
    for g in groups:
        if g["respondent_id"] in top_ids:
            cells[(g["act_type"], g["respondent_id"])] += g["n"]
    act_types = [key for key, _label in ActType.choices]
    heat = [[act_types.index(act), top_ids.index(resp), n] for (act, resp), n in cells.items()]
    names = list(flags())
    lineage = tally(({name: g[name] for name in names}, g["n"]) for g in groups)
    origins = _origins(groups, params)
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


def _groups(qs) -> list[dict]:
    """The period's disputes in ONE grouped query — by respondent, act type, origin, status,
    resolved in substance and the lineage flags (`lineage.flags`) — from which every figure and table
    of the panel is summed: four scans of the disputes (each with the jurisdiction's EXISTS
    conditions) were most of the panel's time."""
    fields = ("respondent_id", "respondent__name", "act_type", "origin_content_type")
    return list(
        qs.order_by()
        .annotate(**flags())
        .values(*fields, "status", "resolved_substantively", *flags())
        .annotate(n=Count("pk"))
        .order_by()
    )


def _by_respondent(groups) -> list[dict]:
    """Per respondent: total, concluded (not open) and resolved in substance, most disputes first
    (as `selectors.group_counts` orders them)."""
    rows: dict[int, dict] = {}
    for g in groups:
        row = rows.setdefault(
            g["respondent_id"],
            {
                "respondent_id": g["respondent_id"],
                "respondent__name": g["respondent__name"],
                "total": 0,
                "concluded": 0,
                "substantive": 0,
            },
        )
        row["total"] += g["n"]
        row["concluded"] += g["n"] if g["status"] != DisputeStatus.OPEN else 0
        row["substantive"] += g["n"] if g["resolved_substantively"] else 0
    return sorted(rows.values(), key=lambda r: (-r["total"], r["respondent_id"], r["respondent__name"]))


def _origins(groups, params) -> list[dict]:
    """Disputes by the kind of record they arose from (an enforcement case, a decision, none)."""
    counts = Counter()
    for g in groups:
        counts[g["origin_content_type"]] += g["n"]
    out = []
    for origin, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or 0)):
        if origin is None:
            label, key = _("无来源记录"), "none"
        else:
            ct = ContentType.objects.get_for_id(origin)
            model = ct.model_class()
            label = str(model._meta.verbose_name) if model else ct.model
            key = f"{ct.app_label}.{ct.model}"
        out.append({"label": label, "count": n, "url": list_url(LIST, **params, origin=key)})
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
