"""优劣质执法案件评选: nominate reviewed files, the panel scores them, the Bureau publishes the lists
(docs/law/supervision.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import lock, save, service

from ..choices import PANEL_MIN, PERM_SUPERVISE, Grade, NominationKind
from ..models import Nomination, PanelScore, QualitySelection
from ._common import check, check_date, require_text, today


@service
def selection_create(*, actor, unit, title: str, year: int) -> QualitySelection:
    check(actor, PERM_SUPERVISE, unit)
    selection = QualitySelection(
        org_unit=unit,
        created_by=actor,
        title=require_text(title, field="title", message=_("请填写评选名称。")),
        year=year,
    )
    selection.full_clean()
    selection.save()
    return selection


@service
def nominate(*, actor, selection, file, kind: str, reason: str) -> Nomination:
    """推荐: a 优秀 file for the good list, a 不合格 one for the bad list — from its review."""
    check(actor, PERM_SUPERVISE, file.agency.org_unit)
    if selection.published_on is not None:
        raise ApplicationError(_("本次评选已公布，不能再推荐。"))
    if kind == NominationKind.GOOD and file.grade != Grade.EXCELLENT:
        raise ApplicationError(_("只有评查等次为优秀的案卷可以推荐为优质案件。"), field="kind")
    if kind == NominationKind.BAD and file.grade != Grade.FAIL:
        raise ApplicationError(_("只有评查不合格的案卷可以推荐为劣质案件。"), field="kind")
    nomination = Nomination(
        selection=selection,
        file=file,
        kind=kind,
        reason=require_text(reason, field="reason", message=_("请填写推荐理由。")),
        created_by=actor,
    )
    nomination.full_clean()
    nomination.save()
    return nomination


@service
def panel_score(*, actor, nomination, score) -> Nomination:
    """评委评分: a panel member of the Bureau, never of the file's own agency, once per nomination."""
    nomination = lock(nomination, related=("file__agency__org_unit", "selection"))
    check(actor, PERM_SUPERVISE, nomination.file.agency.org_unit)
    if nomination.selection.published_on is not None:
        raise ApplicationError(_("本次评选已公布，不能再评分。"))
    if actor is not None and actor.unit_id == nomination.file.agency.org_unit_id:
        raise ApplicationError(_("评委不能评选本单位的案卷。"))
    try:
        value = Decimal(str(score))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("评分须为数字。"), field="score") from None
    if not value.is_finite() or not Decimal("0") <= value <= Decimal("100"):
        raise ApplicationError(_("评分须在0至100分之间。"), field="score")
    if PanelScore.objects.filter(nomination=nomination, panelist=actor).exists():
        raise ApplicationError(_("您已为该案卷评分。"))
    entry = PanelScore(nomination=nomination, panelist=actor, score=value, created_by=actor)
    entry.full_clean()
    entry.save()
    nomination.mean_score = nomination.scores.aggregate(m=Avg("score"))["m"].quantize(Decimal("0.01"))
    nomination.save(update_fields=["mean_score"])
    return nomination


@service
def selection_publish(
    *, actor, selection, on: date | None = None, version: int | None = None
) -> QualitySelection:
    """公布: every nomination scored by at least two panel members is listed (ranked by its mean)."""
    selection = lock(selection, version=version, related=("org_unit",))
    check(actor, PERM_SUPERVISE, selection.org_unit)
    if selection.published_on is not None:
        raise ApplicationError(_("本次评选已公布。"))
    ready = selection.nominations.annotate(n=Count("scores")).filter(n__gte=PANEL_MIN)
    if not ready.exists():
        raise ApplicationError(_("尚无经%(n)s名以上评委评分的推荐案卷。") % {"n": PANEL_MIN})
    Nomination.objects.filter(pk__in=ready.values("pk")).update(listed=True)
    selection.published_on = check_date(on or today(), field="on", label=_("公布日期"))
    return save(selection)
