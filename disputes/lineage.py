"""Where a dispute went (诉源 lineage, docs/indicators.md): the mediation, reconsideration and litigation
proceedings recorded on it, read through the reverse relations the mechanisms declare on `Dispute`
(`mediation_cases`, `reconsideration_cases`, `litigation_cases`) so that this app imports none of them.

- 案结事了率 = disputes whose reconsideration or mediation concluded and on which no later proceeding
  followed (no lawsuit, no further reconsideration after a mediation, no second reconsideration) ÷
  disputes whose reconsideration or mediation concluded. A petition (信访) is not recorded in this system.
- 程序空转率 (counted per dispute, so that its records are a dispute list): disputes with a concluded
  proceeding that left the dispute unresolved — a lawsuit ended by 驳回起诉, 撤销并责令重新作出 or 确认违法,
  a reconsideration ended by 确认违法, or any concluded proceeding followed by another on the same
  dispute — ÷ disputes with a concluded proceeding.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q

from .models import Dispute

MEDIATION, RECONSIDERATION, LITIGATION = "mediation_cases", "reconsideration_cases", "litigation_cases"
#: Outcomes that end a proceeding without resolving the dispute (docs/indicators.md, 程序空转率)
IDLE_LITIGATION = ("dismiss_suit", "revoke_redo", "confirm_illegal")
IDLE_RECONSIDERATION = ("confirm_illegal",)


def _on(relation: str, **filters) -> Exists:
    """A proceeding of `relation` on the outer dispute, matching `filters`."""
    model = Dispute._meta.get_field(relation).related_model
    return Exists(model.objects.filter(dispute=OuterRef("pk"), **filters))


def _two(relation: str) -> Exists:
    """Two proceedings of `relation` on the outer dispute (a second reconsideration, an appeal)."""
    model = Dispute._meta.get_field(relation).related_model
    earlier = model.objects.filter(dispute=OuterRef("dispute"), pk__lt=OuterRef("pk"))
    return Exists(model.objects.filter(Exists(earlier), dispute=OuterRef("pk")))


def via(relation: str) -> Exists:
    return _on(relation)


def concluded_first() -> Q:
    """A concluded mediation or reconsideration: the denominator of 案结事了率."""
    return Q(_on(MEDIATION, concluded_on__isnull=False)) | Q(_on(RECONSIDERATION, concluded_on__isnull=False))


def ended_there() -> Q:
    """The numerator of 案结事了率: concluded first, and nothing followed."""
    followed = (
        Q(_on(LITIGATION))
        | Q(_two(RECONSIDERATION))
        | (Q(_on(MEDIATION, concluded_on__isnull=False)) & Q(_on(RECONSIDERATION)))
    )
    return concluded_first() & ~followed


def any_concluded() -> Q:
    """A concluded proceeding of any mechanism: the denominator of 程序空转率."""
    return (
        Q(_on(MEDIATION, concluded_on__isnull=False))
        | Q(_on(RECONSIDERATION, concluded_on__isnull=False))
        | Q(_on(LITIGATION, outcome_on__isnull=False))
    )


def idle() -> Q:
    """The numerator of 程序空转率."""
    return any_concluded() & (
        Q(_on(LITIGATION, outcome__in=IDLE_LITIGATION))
        | Q(_on(RECONSIDERATION, decision__outcome__in=IDLE_RECONSIDERATION))
        | (Q(_on(RECONSIDERATION, concluded_on__isnull=False)) & Q(_on(LITIGATION)))
        | (Q(_on(MEDIATION, concluded_on__isnull=False)) & (Q(_on(RECONSIDERATION)) | Q(_on(LITIGATION))))
        | Q(_two(LITIGATION))
        | Q(_two(RECONSIDERATION))
    )


#: The drill-down values of the dispute list's hidden `lineage` filter
LINEAGE = {
    "mediation": lambda: Q(via(MEDIATION)),
    "reconsideration": lambda: Q(via(RECONSIDERATION)),
    "litigation": lambda: Q(via(LITIGATION)),
    "med_recon": lambda: Q(via(MEDIATION)) & Q(via(RECONSIDERATION)),
    "med_lit": lambda: Q(via(MEDIATION)) & Q(via(LITIGATION)),
    "recon_lit": lambda: Q(via(RECONSIDERATION)) & Q(via(LITIGATION)),
    "none": lambda: ~Q(via(MEDIATION)) & ~Q(via(RECONSIDERATION)) & ~Q(via(LITIGATION)),
    "concluded_first": concluded_first,
    "ended_there": ended_there,
    "any_concluded": any_concluded,
    "idle": idle,
}


def flags() -> dict:
    """The lineage facts of a dispute as annotations (`lineage_counts` groups by them)."""
    return {
        "f_m": _on(MEDIATION),
        "f_r": _on(RECONSIDERATION),
        "f_l": _on(LITIGATION),
        "f_mc": _on(MEDIATION, concluded_on__isnull=False),
        "f_rc": _on(RECONSIDERATION, concluded_on__isnull=False),
        "f_lc": _on(LITIGATION, outcome_on__isnull=False),
        "f_lidle": _on(LITIGATION, outcome__in=IDLE_LITIGATION),
        "f_ridle": _on(RECONSIDERATION, decision__outcome__in=IDLE_RECONSIDERATION),
        "f_r2": _two(RECONSIDERATION),
        "f_l2": _two(LITIGATION),
    }


def _classify(f: dict) -> dict[str, bool]:
    """The same conditions as the Q objects above, on one dispute's flags."""
    concluded = f["f_mc"] or f["f_rc"]
    followed = f["f_l"] or f["f_r2"] or (f["f_mc"] and f["f_r"])
    any_done = concluded or f["f_lc"]
    idle_ = any_done and (
        f["f_lidle"]
        or f["f_ridle"]
        or (f["f_rc"] and f["f_l"])
        or (f["f_mc"] and (f["f_r"] or f["f_l"]))
        or f["f_l2"]
        or f["f_r2"]
    )
    return {
        "concluded_first": concluded,
        "ended_there": concluded and not followed,
        "any_concluded": any_done,
        "idle": idle_,
        "m": f["f_m"],
        "r": f["f_r"],
        "lit": f["f_l"],
        "r_only": f["f_r"] and not f["f_m"],
        "l_only": f["f_l"] and not f["f_m"] and not f["f_r"],
        "m_r": f["f_m"] and f["f_r"],
        "m_l": f["f_m"] and f["f_l"] and not f["f_r"],
        "r_l": f["f_r"] and f["f_l"],
    }


def tally(groups) -> dict[str, int]:
    """The lineage counts from `(flags, n)` pairs: `flags` a dict of the `flags()` values of a group of
    `n` disputes."""
    totals = dict.fromkeys(_classify(dict.fromkeys(flags(), False)), 0)
    for values, n in groups:
        for key, hit in _classify(values).items():
            if hit:
                totals[key] += n
    return totals


def lineage_counts(qs) -> dict[str, int]:
    """Every lineage count of the disputes in `qs` in one query, grouped by the disputes' flags in the
    database (`GROUP BY` the select list's positions: each subquery evaluated once a dispute)."""
    names = list(flags())
    rows = qs.order_by().annotate(**flags()).values(*names).annotate(n=Count("pk")).order_by()
    return tally(({name: row[name] for name in names}, row["n"]) for row in rows)
