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

from django.db.models import Exists, OuterRef, Q

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
