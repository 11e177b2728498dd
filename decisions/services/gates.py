"""Pure predicates of the decision procedure: the checklist of mandatory steps and the gates the pages
show and the services check again under the row lock (docs/law/decisions.md, "Gates").

They read the decision's prefetched step records (`selectors.decision_detail` prefetches them), so
the page computes them without further queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from deadlines.engine import compute, latest_start

from ..choices import PASSING_CONCLUSIONS, Conclusion, MatterKind


@dataclass(frozen=True)
class Step:
    """One line of the pre-discussion checklist."""

    key: str
    label: str
    state: str  # choices.StepState
    note: str
    article: str

    @property
    def ok(self) -> bool:
        return self.state in ("done", "waived")


def latest(records):
    """The newest of prefetched records (by id), or None."""
    rows = list(records)
    return max(rows, key=lambda r: r.pk) if rows else None


def current_opinion(decision):
    """The signed, not superseded written opinion on the decision's newest review, or None."""
    matter = latest(decision.reviews.all())
    if matter is None:
        return None, None
    signed = [o for o in matter.opinions.all() if o.signed_at is not None]
    superseded = {o.supersedes_id for o in signed if o.supersedes_id}
    current = [o for o in signed if o.pk not in superseded]
    return matter, (max(current, key=lambda o: o.signed_at) if current else None)


def _participation_step(decision) -> Step:
    article = _("第十四条至第十八条")
    label = _("公众参与")
    if decision.participation_waiver:
        return Step("participation", label, "waived", decision.participation_waiver, article)
    record = latest(decision.participations.all())
    if record is None:
        return Step("participation", label, "missing", _("尚未公开征求意见"), article)
    if record.completed_on is None:
        return Step("participation", label, "in_progress", _("征求意见中，尚未说明采纳情况"), article)
    return Step("participation", label, "done", _("已说明意见采纳情况"), article)


def _argumentation_step(decision) -> Step:
    article = _("第十九条至第二十一条")
    label = _("专家论证")
    if decision.argumentation_waiver:
        return Step("argumentation", label, "waived", decision.argumentation_waiver, article)
    opinions = list(decision.expert_opinions.all())
    if opinions and decision.argumentation_completed_on:
        return Step("argumentation", label, "done", _("专家论证意见%(n)d份") % {"n": len(opinions)}, article)
    if opinions:
        return Step(
            "argumentation", label, "in_progress", _("已收到%(n)d份意见") % {"n": len(opinions)}, article
        )
    return Step("argumentation", label, "missing", _("尚未组织专家论证"), article)


def _risk_step(decision) -> Step:
    article = _("第二十二条至第二十四条")
    label = _("风险评估")
    if decision.risk_waiver:
        return Step("risk", label, "waived", decision.risk_waiver, article)
    record = latest(decision.risk_assessments.all())
    if record is None:
        return Step("risk", label, "missing", _("尚未组织风险评估"), article)
    if record.is_uncontrollable:
        return Step("risk", label, "in_progress", _("评估认为风险不可控，须调整决策草案后重新评估"), article)
    return Step(
        "risk", label, "done", _("风险等级：%(level)s") % {"level": record.get_level_display()}, article
    )


def _review_step(decision) -> Step:
    article = _("第二十五条至第二十八条")
    label = _("合法性审查")
    matter, opinion = current_opinion(decision)
    if matter is None:
        return Step("review", label, "missing", _("尚未送请合法性审查"), article)
    if opinion is None:
        return Step("review", label, "in_progress", _("合法性审查意见尚未签发"), article)
    if opinion.conclusion not in PASSING_CONCLUSIONS:
        return Step("review", label, "missing", _("合法性审查意见结论为“不合法”"), article)
    return Step(
        "review",
        label,
        "done",
        _("%(number)s：%(conclusion)s")
        % {"number": opinion.document_number, "conclusion": opinion.get_conclusion_display()},
        article,
    )


def _advisor_step(decision) -> Step:
    article = _("第二十八条")
    label = _("法律顾问、公职律师意见")
    matter = latest(decision.reviews.all())
    consulted = bool(list(decision.consultations.all())) or (
        matter is not None and bool(list(matter.consultations.all()))
    )
    if consulted:
        return Step("advisor", label, "done", _("已听取法律顾问或公职律师意见"), article)
    return Step("advisor", label, "missing", _("尚未听取法律顾问或公职律师意见"), article)


def decision_checklist(decision) -> list[Step]:
    """The five mandatory steps before the collective discussion (决策条例第九条、第二十五条)."""
    return [
        _participation_step(decision),
        _argumentation_step(decision),
        _risk_step(decision),
        _review_step(decision),
        _advisor_step(decision),
    ]


def discussion_blockers(decision) -> list[str]:
    """Why the draft may not go to the collective discussion yet (empty: it may), in Chinese."""
    return [
        _("%(label)s：%(note)s（《重大行政决策程序暂行条例》%(article)s）")
        % {"label": step.label, "note": step.note, "article": step.article}
        for step in decision_checklist(decision)
        if not step.ok
    ]


def uncontrollable_risk(decision) -> bool:
    """决策条例第二十四条: the newest assessment found the risk uncontrollable."""
    record = latest(decision.risk_assessments.all())
    return bool(record and record.is_uncontrollable and not decision.risk_waiver)


def opinion_conclusion_passes(conclusion: str) -> bool:
    return conclusion in (Conclusion.LAWFUL, Conclusion.LAWFUL_IF_AMENDED)


def comment_window_refusal(*, opens_on, closes_on, urgency_reason: str) -> str | None:
    """决策条例第十五条: at least 30 days unless the urgency reason is stated."""
    earliest = compute("dec.public_comment", opens_on).due
    if closes_on < earliest and not (urgency_reason or "").strip():
        return _(
            "公开征求意见期限一般不少于30日（最早可于%(day)s截止）；缩短期限的，须说明理由"
            "（《重大行政决策程序暂行条例》第十五条）。"
        ) % {"day": f"{earliest:%Y-%m-%d}"}
    return None


def hearing_materials_refusal(*, hearing_on, sent_on) -> str | None:
    """决策条例第十六条: hearing materials served at least 7 days before the hearing."""
    if hearing_on is None or sent_on is None:
        return None
    latest_day = latest_start("dec.hearing_materials", hearing_on)
    if sent_on > latest_day:
        return _("听证材料应当于听证会7日前送达（最迟%(day)s）（《重大行政决策程序暂行条例》第十六条）。") % {
            "day": f"{latest_day:%Y-%m-%d}"
        }
    return None


def needs_advisor(matter) -> bool:
    """决策条例第二十八条: the review of a major decision hears a legal adviser or public lawyer."""
    return matter.kind == MatterKind.MAJOR_DECISION
