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


def statistics(
    *, user, start: date, end: date, body=None, include_lower: bool = False
) -> ReconsiderationStats:
    """行政复议统计表 for [start, end] within the user's jurisdiction — optionally one body (with
    `include_lower`, the bodies below it too). Received / accepted count by their dates; concluded
    figures by the decision date. Aggregated in the database (about ten queries whatever the volume).
    """
    cases = ReconsiderationCase.objects.visible_to(user)
    if body is not None:
        cases = (
            cases.filter(org_unit__path__startswith=body.path)
            if include_lower
            else cases.filter(org_unit=body)
        )
    stats = ReconsiderationStats(start=start, end=end)

    received = cases.filter(received_on__range=(start, end))
    stats.received = received.count()
    accepted = cases.filter(accepted_on__range=(start, end)).aggregate(
        n=Count("id"), deemed=Count("id", filter=Q(is_deemed_accepted=True))
    )
    stats.accepted, stats.deemed_accepted = accepted["n"], accepted["deemed"]
    stats.abandoned = cases.filter(
        concluded_on__range=(start, end), accepted_on__isnull=True, decision__isnull=True
    ).count()

    decisions = CaseDecision.objects.filter(case__in=cases, decided_on__range=(start, end))
    stats.not_accepted = decisions.filter(outcome=DecisionOutcome.NOT_ACCEPTED).count()
    concluded = decisions.exclude(outcome=DecisionOutcome.NOT_ACCEPTED)
    totals = concluded.aggregate(
        **correction_counts(),
        mediated=Count("id", filter=Q(outcome=DecisionOutcome.MEDIATION)),
        settled=Count("id", filter=Q(outcome=DecisionOutcome.TERMINATION, is_settlement=True)),
    )
    stats.concluded = totals["concluded"]
    stats.directly_corrected = totals["direct"]
    stats.indirectly_corrected = totals["indirect"]
    stats.mediated = totals["mediated"]
    stats.settled = totals["settled"]

    labels = dict(DecisionOutcome.choices)
    stats.by_outcome = [
        {"outcome": row["outcome"], "label": labels.get(row["outcome"], row["outcome"]), "count": row["n"]}
        for row in decisions.values("outcome").annotate(n=Count("id")).order_by("-n", "outcome")
    ]

    act_labels = dict(ActType.choices)
    by_act: dict[str, dict] = {}
    for row in received.values("act_type").annotate(n=Count("id")):
        by_act.setdefault(row["act_type"], {"received": 0, "concluded": 0, "direct": 0, "indirect": 0})
        by_act[row["act_type"]]["received"] = row["n"]
    for row in concluded.values("case__act_type").annotate(**correction_counts()):
        entry = by_act.setdefault(
            row["case__act_type"], {"received": 0, "concluded": 0, "direct": 0, "indirect": 0}
        )
        entry.update(concluded=row["concluded"], direct=row["direct"], indirect=row["indirect"])
    stats.by_act_type = sorted(
        (
            {
                "act_type": key,
                "label": act_labels.get(key, key),
                **values,
                "correction_rate": _rate(values["direct"], values["concluded"]),
            }
            for key, values in by_act.items()
        ),
        key=lambda r: (-r["received"], -r["concluded"], r["act_type"]),
    )

    by_resp: dict[int, dict] = {}
    for row in received.values("respondent", "respondent__name").annotate(n=Count("id")):
        by_resp[row["respondent"]] = {
            "respondent_id": row["respondent"],
            "name": row["respondent__name"],
            "received": row["n"],
            "concluded": 0,
            "direct": 0,
            "indirect": 0,
        }
    for row in concluded.values("case__respondent", "case__respondent__name").annotate(**correction_counts()):
        entry = by_resp.setdefault(
            row["case__respondent"],
            {"respondent_id": row["case__respondent"], "name": row["case__respondent__name"], "received": 0},
        )
        entry.update(concluded=row["concluded"], direct=row["direct"], indirect=row["indirect"])
    stats.by_respondent = sorted(
        ({**r, "correction_rate": _rate(r["direct"], r["concluded"])} for r in by_resp.values()),
        key=lambda r: (-r["received"], -r["concluded"], r["name"]),
    )

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
