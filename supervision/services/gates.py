"""Pure rules of supervision (docs/law/supervision.md): the rubric's arithmetic, the grade, the
two-reviewer rule, who may score a file, and the reproducible sample."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError

from ..choices import CONSENSUS_GAP, FilingStatus, Grade, VetoItem

HUNDRED = Decimal("100")


def _points(value) -> Decimal:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("扣分须为数字。"), field="deductions") from None
    if not d.is_finite():
        raise ApplicationError(_("扣分须为数字。"), field="deductions")
    return d


def compute_score(items: Mapping[str, Decimal], deductions: Mapping[str, object]) -> Decimal:
    """100 minus the deductions. Each item's deduction is at least 0 and at most the item's points, so
    no item goes below zero (卷面 20 + 内容 80) and the score stays within 0–100."""
    total = Decimal("0")
    for code, value in deductions.items():
        if code not in items:
            raise ApplicationError(
                _("评查项目“%(code)s”不在评查标准中。") % {"code": code}, field="deductions"
            )
        d = _points(value)
        if d < 0:
            raise ApplicationError(_("扣分不能为负数。"), field="deductions")
        if d > items[code]:
            raise ApplicationError(
                _("“%(code)s”最多扣%(max)s分。") % {"code": code, "max": items[code]}, field="deductions"
            )
        total += d
    return max(HUNDRED - total, Decimal("0"))


def check_vetoes(vetoes: Iterable[str]) -> list[str]:
    vetoes = sorted(set(vetoes))
    unknown = [v for v in vetoes if v not in VetoItem.values]
    if unknown:
        raise ApplicationError(_("未知的否决项：%(v)s") % {"v": "、".join(unknown)}, field="vetoes")
    return vetoes


def grade_for(
    score: Decimal | None, vetoes: Sequence[str], *, excellent_from: Decimal, pass_from: Decimal
) -> str:
    """Any veto hit → 不合格 whatever the score; otherwise by the rubric's thresholds."""
    if vetoes:
        return Grade.FAIL
    if score is None:
        return Grade.PENDING
    if score >= excellent_from:
        return Grade.EXCELLENT
    if score >= pass_from:
        return Grade.PASS
    return Grade.FAIL


def combine(sheets: Sequence, *, sampled: bool) -> tuple[Decimal | None, list[str], bool]:
    """The file's score from its sheets: a consensus sheet settles it; a sampled file needs two
    reviewers' sheets and takes their mean unless they differ by more than 10 points (then
    `needs_consensus`); a self-checked file takes its one sheet. Veto hits are the union."""
    consensus = [s for s in sheets if s.is_consensus]
    if consensus:
        last = consensus[-1]
        return last.score, sorted(set(last.vetoes)), False
    ordinary = [s for s in sheets if not s.is_consensus]
    vetoes = sorted({v for s in ordinary for v in s.vetoes})
    if not ordinary:
        return None, vetoes, False
    if not sampled:
        return ordinary[-1].score, vetoes, False
    if len(ordinary) < 2:
        return None, vetoes, False
    a, b = ordinary[0].score, ordinary[1].score
    if abs(a - b) > CONSENSUS_GAP:
        return None, vetoes, True
    return ((a + b) / 2).quantize(Decimal("0.01")), vetoes, False


def check_reviewer(file, actor, *, consensus: bool) -> None:
    """评查回避: a sampled file is scored by the Bureau's reviewers, never by someone of the file's own
    agency; a self-check file only by its own agency. One sheet per reviewer; two per sampled file."""
    own = getattr(actor, "unit_id", None) == file.agency.org_unit_id
    if file.sampled and own:
        raise ApplicationError(_("评查人不能评查本单位的案卷。"))
    if not file.sampled and not own:
        raise ApplicationError(_("自查案卷由执法主体自行评查。"))
    sheets = list(file.sheets.all())
    if consensus:
        if not file.needs_consensus:
            raise ApplicationError(_("该案卷无须合议评定。"))
        return
    if any(s.reviewer_id == actor.pk and not s.is_consensus for s in sheets):
        raise ApplicationError(_("您已评查过该案卷。"))
    limit = 2 if file.sampled else 1
    if sum(1 for s in sheets if not s.is_consensus) >= limit:
        raise ApplicationError(_("该案卷的评分已满。"))


def draw_sample(candidate_ids: Iterable[int], n: int, seed: int) -> list[int]:
    """N ids drawn at random with `seed`: the same candidates and seed draw the same files."""
    ids = sorted(candidate_ids)
    if n >= len(ids):
        return ids
    # reproducibility is the point, not secrecy: the seed is recorded and published with the draw
    return sorted(random.Random(seed).sample(ids, n))  # noqa: S311


def check_reasons(result: str, reasons: str) -> None:
    if result != FilingStatus.FILED and not reasons:
        raise ApplicationError(_("责令纠正或建议撤销须说明理由。"), field="reasons")
