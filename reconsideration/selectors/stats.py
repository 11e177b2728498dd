"""行政复议统计: the statistics table of a period and jurisdiction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Count,
    Q,
)
from django.utils import timezone

from core.indicators import rate
from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline
from disputes.choices import ActType

from .. import deadlines as clocks
from ..choices import (
    DecisionOutcome,
)
from ..models import (
    CaseDecision,
    ReconsiderationCase,
)
from .common import _case_ct

# =====================================================================================================
# Statistics
# =====================================================================================================


@dataclass
class Period:
    """The period and scope of the statistics page."""

    start: date
    end: date
    body: object = None
    include_lower: bool = False


def statistics_period(form) -> Period:
    """The period of the statistics page: the form's, defaulting to this calendar year to date."""
    today = timezone.localdate()
    start, end, body, lower = date(today.year, 1, 1), today, None, False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        start = data.get("start") or start
        end = data.get("end") or end
        body = data.get("body")
        lower = bool(data.get("include_lower"))
    return Period(start=start, end=end, body=body, include_lower=lower)


_rate = rate  # percentage with one decimal, None when there is nothing to divide by


@dataclass
class ReconsiderationStats:
    """行政复议统计 for one period and jurisdiction; every figure computed from the records."""

    start: date
    end: date
    received: int = 0
    accepted: int = 0
    deemed_accepted: int = 0
    not_accepted: int = 0
    abandoned: int = 0
    concluded: int = 0  # 审结: decisions, 调解书 and terminations
    directly_corrected: int = 0
    indirectly_corrected: int = 0
    mediated: int = 0
    settled: int = 0  # 和解后撤回 → 终止 (第七十四条)
    on_time: int = 0  # decision clock met
    late: int = 0  # decision clock missed
    by_outcome: list[dict] = field(default_factory=list)
    by_act_type: list[dict] = field(default_factory=list)
    by_respondent: list[dict] = field(default_factory=list)

    @property
    def correction_rate(self):
        """行政复议纠错率 (direct) = direct corrections ÷ concluded (docs/law/reconsideration.md)."""
        return _rate(self.directly_corrected, self.concluded)

    @property
    def indirect_correction_rate(self):
        return _rate(self.indirectly_corrected, self.concluded)

    @property
    def total_correction_rate(self):
        return _rate(self.directly_corrected + self.indirectly_corrected, self.concluded)

    @property
    def mediation_settlement_rate(self):
        """调解和解率 = (调解书 + settled-and-withdrawn) ÷ concluded."""
        return _rate(self.mediated + self.settled, self.concluded)

    @property
    def on_time_rate(self):
        """法定期限内办结率 = concluded by the decision clock (复议法第六十二条) ÷ concluded.

        The denominator is every case concluded in the period: a case with no decision clock met in
        time (none recorded, or cancelled) is not shown to have been concluded within the period."""
        return _rate(self.on_time, self.concluded)


def correction_counts():
    """Concluded, directly and indirectly corrected decisions (conditional aggregates)."""
    return {
        "concluded": Count("id"),
        "direct": Count("id", filter=Q(is_directly_corrected=True)),
        "indirect": Count("id", filter=Q(is_indirectly_corrected=True)),
    }


class _Tables:
    """The by-act-type and by-respondent rows of the table, summed from grouped query rows."""

    def __init__(self):
        self.by_act: dict[str, dict] = {}
        self.by_resp: dict[int, dict] = {}

    def act(self, key) -> dict:
        return self.by_act.setdefault(key, {"received": 0, "concluded": 0, "direct": 0, "indirect": 0})

    def resp(self, key, name) -> dict:
        return self.by_resp.setdefault(
            key,
            {"respondent_id": key, "name": name, "received": 0, "concluded": 0, "direct": 0, "indirect": 0},
        )

    def act_rows(self) -> list[dict]:
        labels = dict(ActType.choices)
        return sorted(
            (
                {
                    "act_type": key,
                    "label": labels.get(key, key),
                    **values,
                    "correction_rate": _rate(values["direct"], values["concluded"]),
                }
                for key, values in self.by_act.items()
            ),
            key=lambda r: (-r["received"], -r["concluded"], r["act_type"]),
        )

    def respondent_rows(self) -> list[dict]:
        return sorted(
            ({**r, "correction_rate": _rate(r["direct"], r["concluded"])} for r in self.by_resp.values()),
            key=lambda r: (-r["received"], -r["concluded"], r["name"]),
        )


def _tally_cases(stats: ReconsiderationStats, tables: _Tables, cases) -> None:
    """Received, accepted (deemed), abandoned in the period: one query grouped by act type and
    respondent, each count a FILTER of the rows dated in the period."""
    period = (stats.start, stats.end)
    received = Q(received_on__range=period)
    accepted = Q(accepted_on__range=period)
    abandoned = Q(concluded_on__range=period, accepted_on__isnull=True, decision__isnull=True)
    rows = (
        cases.filter(received | accepted | abandoned)
        .values("act_type", "respondent", "respondent__name")
        .annotate(
            received=Count("id", filter=received),
            accepted=Count("id", filter=accepted),
            deemed=Count("id", filter=accepted & Q(is_deemed_accepted=True)),
            abandoned=Count("id", filter=abandoned),
        )
    )
    for row in rows:
        stats.accepted += row["accepted"]
        stats.deemed_accepted += row["deemed"]
        stats.abandoned += row["abandoned"]
        if row["received"]:  # the tables list what was received or concluded in the period
            stats.received += row["received"]
            tables.act(row["act_type"])["received"] += row["received"]
            tables.resp(row["respondent"], row["respondent__name"])["received"] += row["received"]


def _tally_decisions(stats: ReconsiderationStats, tables: _Tables, decisions) -> None:
    """The period's decisions: one query grouped by outcome, act type and respondent."""
    rows = decisions.values(
        "outcome", "is_settlement", "case__act_type", "case__respondent", "case__respondent__name"
    ).annotate(**correction_counts())
    by_outcome: dict[str, int] = {}
    for row in rows:
        outcome, n = row["outcome"], row["concluded"]
        by_outcome[outcome] = by_outcome.get(outcome, 0) + n
        if outcome == DecisionOutcome.NOT_ACCEPTED:
            stats.not_accepted += n
            continue
        stats.concluded += n
        stats.directly_corrected += row["direct"]
        stats.indirectly_corrected += row["indirect"]
        if outcome == DecisionOutcome.MEDIATION:
            stats.mediated += n
        elif outcome == DecisionOutcome.TERMINATION and row["is_settlement"]:
            stats.settled += n
        for entry in (
            tables.act(row["case__act_type"]),
            tables.resp(row["case__respondent"], row["case__respondent__name"]),
        ):
            entry["concluded"] += n
            entry["direct"] += row["direct"]
            entry["indirect"] += row["indirect"]
    labels = dict(DecisionOutcome.choices)
    stats.by_outcome = [
        {"outcome": outcome, "label": labels.get(outcome, outcome), "count": n}
        for outcome, n in sorted(by_outcome.items(), key=lambda item: (-item[1], item[0]))
    ]


def statistics(
    *, user, start: date, end: date, body=None, include_lower: bool = False
) -> ReconsiderationStats:
    """行政复议统计表 for [start, end] within the user's jurisdiction — optionally one body (with
    `include_lower`, the bodies below it too). Received / accepted count by their dates; concluded
    figures by the decision date. Aggregated in the database, three queries whatever the volume
    (docs/budgets.md: statistics ≤ 500 ms at scale 10): the cases of the period and its decisions,
    each grouped by act type and respondent, and the decision clocks; every figure and table row is
    summed from their rows.
    """

    def scoped(qs, prefix=""):  # the user's jurisdiction, then the body (and those below it)
        qs = qs.visible_to(user)
        if body is None:
            return qs
        if include_lower:
            return qs.filter(**{f"{prefix}org_unit__path__startswith": body.path})
        return qs.filter(**{f"{prefix}org_unit": body})

    stats = ReconsiderationStats(start=start, end=end)
    tables = _Tables()
    _tally_cases(stats, tables, scoped(ReconsiderationCase.objects))
    # the decisions of the same cases, scoped through their case (one join, not a semi-join on cases)
    decisions = scoped(CaseDecision.objects, "case__").filter(decided_on__range=(start, end))
    _tally_decisions(stats, tables, decisions)
    stats.by_act_type = tables.act_rows()
    stats.by_respondent = tables.respondent_rows()

    concluded = decisions.exclude(outcome=DecisionOutcome.NOT_ACCEPTED)
    clock_rows = (
        Deadline.objects.filter(
            content_type=_case_ct(),
            object_id__in=concluded.values("case_id"),
            rule_code__in=clocks.DECISION_RULES,
            status__in=(DeadlineStatus.MET, DeadlineStatus.MISSED),
        )
        .values("status")
        .annotate(n=Count("object_id", distinct=True))
    )
    for row in clock_rows:
        if row["status"] == DeadlineStatus.MET:
            stats.on_time = row["n"]
        else:
            stats.late = row["n"]
    return stats
