"""The statistics page: its figures equal the counts worked out by hand from the fixture cases, for
the jurisdiction and for one body; the Excel export carries the same figures; and the demo seeder's
history is consistent with what the services produce (so the page reads true on demo data)."""

import io
import re
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from reconsideration import seed as recon_seed
from reconsideration import services
from reconsideration.choices import CaseStatus, DecisionOutcome, MediationResult, TerminationGround

from .factories import case_at

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2025-01-01", "end": "2025-12-31"}


def _stat(page: str, name: str) -> int:
    match = re.search(rf'data-stat="{name}">(\d+)<', page)
    assert match, name
    return int(match.group(1))


@pytest.fixture
def fixture_cases(tree, users):
    """Eight applications received Mon 2025-03-03 … (factories.RECEIVED):

    city:  撤销 ×2 (direct), 维持 (one of them an information-disclosure case), 调解书 with the agency
           changing its act (indirect), settlement-and-withdrawal (终止, no change), 不予受理,
           one still under review;
    秦州区: 确认违法 (direct).
    """
    kw = {"officer": users.fuyi, "head": users.fuyi_head, "body": tree.city, "respondent": tree.city_market}
    revoke1 = case_at(CaseStatus.DECIDED, outcome=DecisionOutcome.REVOKE, **kw)
    revoke2 = case_at(CaseStatus.CLOSED, outcome=DecisionOutcome.REVOKE, **kw)
    uphold = case_at(CaseStatus.DECIDED, outcome=DecisionOutcome.UPHOLD, act_type="info_disclosure", **kw)
    mediated = case_at(CaseStatus.MEDIATED, **kw)
    settled = case_at(CaseStatus.IN_TRIAL, **kw)
    services.mediation_session_record(
        case=settled,
        actor=users.fuyi,
        held_on=settled.accepted_on + timedelta(days=10),
        participants_note="双方",
        result=MediationResult.SETTLED,
    )
    services.case_terminate(
        case=settled,
        actor=users.fuyi_head,
        ground=TerminationGround.WITHDRAWN,
        terminated_on=settled.accepted_on + timedelta(days=12),
        reasoning="和解后撤回。",
        is_settlement=True,
    )
    rejected = case_at(CaseStatus.REJECTED, **kw)
    pending = case_at(CaseStatus.UNDER_REVIEW, **kw)
    county = case_at(
        CaseStatus.DECIDED,
        outcome=DecisionOutcome.CONFIRM_ILLEGAL,
        officer=users.fuyi_qinzhou,
        head=users.fuyi_head,
        body=tree.qinzhou,
        respondent=tree.qinzhou_market,
    )
    return locals()


def test_jurisdiction_figures_equal_the_hand_counts(users, login, fixture_cases):
    page = login(users.fuyi).get(reverse("reconsideration:statistics"), PERIOD).content.decode()
    assert _stat(page, "received") == 8
    assert _stat(page, "accepted") == 6  # all but the refused and the pending one
    assert _stat(page, "concluded") == 6  # decisions, 调解书, 终止 — not the refusal
    assert _stat(page, "directly_corrected") == 3  # 撤销 ×2, 确认违法
    assert _stat(page, "indirectly_corrected") == 1  # the 调解书 in which the agency changed its act
    assert _stat(page, "mediated") == 1
    assert _stat(page, "settled") == 1
    assert "纠错率 50.0%" in page  # 3 ÷ 6
    assert "调解和解率 33.3%" in page  # (1 + 1) ÷ 6
    # by act type: 7 penalties and 1 information disclosure received
    row = re.search(r'data-act-type="penalty"><td>行政处罚</td><td class="text-end">(\d+)</td>', page)
    assert row and int(row.group(1)) == 7
    assert 'data-act-type="info_disclosure"><td>政府信息公开</td><td class="text-end">1</td>' in page
    # by outcome
    assert re.search(r'data-outcome="revoke"><td>[^<]+</td><td class="text-end">2</td>', page)
    assert re.search(r'data-outcome="not_accepted"><td>[^<]+</td><td class="text-end">1</td>', page)


def test_one_body_and_one_county_officer(tree, users, login, fixture_cases):
    page = (
        login(users.fuyi)
        .get(reverse("reconsideration:statistics"), {**PERIOD, "body": tree.qinzhou.pk})
        .content.decode()
    )
    assert (_stat(page, "received"), _stat(page, "concluded"), _stat(page, "directly_corrected")) == (1, 1, 1)
    page = (
        login(users.fuyi)
        .get(reverse("reconsideration:statistics"), {**PERIOD, "body": tree.city.pk})
        .content.decode()
    )
    assert (_stat(page, "received"), _stat(page, "concluded"), _stat(page, "directly_corrected")) == (7, 5, 2)
    # a county officer's statistics cover only the county, whatever body is asked for
    page = login(users.fuyi_maiji).get(reverse("reconsideration:statistics"), PERIOD).content.decode()
    assert _stat(page, "received") == 0


def test_period_outside_the_cases_is_empty(users, login, fixture_cases):
    page = (
        login(users.fuyi)
        .get(reverse("reconsideration:statistics"), {"start": "2024-01-01", "end": "2024-12-31"})
        .content.decode()
    )
    assert _stat(page, "received") == 0 and _stat(page, "concluded") == 0
    assert "本期无数据" in page


def test_statistics_export_carries_the_same_figures(users, login, fixture_cases):
    response = login(users.fuyi).get(reverse("reconsideration:statistics"), {**PERIOD, "export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = {(r[0], r[1]): r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[("汇总", "收到申请")][2] == 8
    concluded = rows[("汇总", "审结")]
    assert concluded[2] == 6 and concluded[4] == 3 and concluded[5] == 1 and concluded[6] == "50.0%"
    assert rows[("行为类型", "行政处罚")][2] == 7


def test_chart_data_is_passed_without_inline_script(users, login, fixture_cases):
    page = login(users.fuyi).get(reverse("reconsideration:statistics"), PERIOD).content.decode()
    assert '<script id="recon-chart-data" type="application/json">' in page
    assert "echarts.min.js" in page and "js/reconsideration.js" in page
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", page)
    assert inline == []


# =====================================================================================================
# The demo seeder
# =====================================================================================================


@pytest.fixture
def demo_world(db):
    """The accounts demo tree and users (as seed_demo creates them)."""
    import sys

    from accounts.management.demo import seed_accounts

    seed_accounts(1, sys.stdout)


def test_seeder_is_idempotent_and_consistent(demo_world, monkeypatch, client):
    import sys

    from deadlines.models import Deadline
    from reconsideration.models import CaseDecision, ReconsiderationCase

    monkeypatch.setattr(recon_seed, "BASE_CASES", 120)
    recon_seed.seed(1, sys.stdout)
    assert ReconsiderationCase.objects.count() == 120
    recon_seed.seed(1, sys.stdout)  # a second run adds nothing
    assert ReconsiderationCase.objects.count() == 120

    bodies = set(ReconsiderationCase.objects.values_list("org_unit__short_code", flat=True))
    assert "tsgov" in bodies and len(bodies) >= 4  # the city and county governments
    for case in ReconsiderationCase.objects.select_related("respondent", "org_unit"):
        # 复议法第二十四条: each case is before the government one level above its respondent
        assert services.competent_body(case.respondent) == case.org_unit, case.number
        assert case.org_unit.name[:2] in case.number or case.number[0] in case.org_unit.name
    concluded = {CaseStatus.DECIDED, CaseStatus.MEDIATED, CaseStatus.TERMINATED, CaseStatus.REJECTED}
    for case in ReconsiderationCase.objects.filter(status__in=concluded):
        assert CaseDecision.objects.filter(case=case).exists(), case.number
    for decision in CaseDecision.objects.select_related("case"):
        kind = decision.correction_kind
        assert decision.is_directly_corrected == (kind == "direct")
        assert decision.is_indirectly_corrected == (kind == "indirect")
        assert decision.decided_on >= decision.case.received_on
    # every accepted case has its decision clock, and no clock is due before it started
    accepted = ReconsiderationCase.objects.filter(accepted_on__isnull=False)
    with_clock = Deadline.objects.filter(
        rule_code__in=("recon.decision", "recon.decision_simple")
    ).values_list("object_id", flat=True)
    assert set(accepted.values_list("pk", flat=True)) <= set(with_clock)
    assert not Deadline.objects.filter(due_date__lt=models_F("trigger_date")).exists()
    # the statistics page over the whole history equals the database's own counts
    from django.contrib.auth import get_user_model

    fuyi = get_user_model().objects.get(username="fuyi")
    client.force_login(fuyi, backend="accounts.backends.AccountsBackend")
    page = client.get(
        reverse("reconsideration:statistics"),
        {"start": "2021-01-01", "end": f"{timezone.localdate():%Y-%m-%d}"},
    )
    page = page.content.decode()
    received = ReconsiderationCase.objects.filter(received_on__lte=timezone.localdate()).count()
    assert _stat(page, "received") == received
    direct = CaseDecision.objects.filter(
        is_directly_corrected=True, decided_on__lte=timezone.localdate()
    ).count()
    assert _stat(page, "directly_corrected") == direct


def models_F(name):
    from django.db.models import F

    return F(name)


def _statistics_one_query_per_figure(*, user, start, end, body=None, include_lower=False):
    """The statistics as they were computed before the figures were summed from two grouped queries
    (one query per figure, eleven in all): the reference the page's figures must still equal."""
    from django.db.models import Count, Q

    from core.indicators import rate
    from deadlines.choices import DeadlineStatus
    from deadlines.models import Deadline
    from disputes.choices import ActType
    from reconsideration import deadlines as clocks
    from reconsideration.models import CaseDecision, ReconsiderationCase
    from reconsideration.selectors import ReconsiderationStats, correction_counts
    from reconsideration.selectors.common import _case_ct

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
    stats.concluded, stats.directly_corrected = totals["concluded"], totals["direct"]
    stats.indirectly_corrected, stats.mediated, stats.settled = (
        totals["indirect"], totals["mediated"], totals["settled"]
    )  # fmt: skip
    labels = dict(DecisionOutcome.choices)
    stats.by_outcome = [
        {"outcome": row["outcome"], "label": labels.get(row["outcome"], row["outcome"]), "count": row["n"]}
        for row in decisions.values("outcome").annotate(n=Count("id")).order_by("-n", "outcome")
    ]
    act_labels = dict(ActType.choices)
    by_act = {}
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
                "act_type": k,
                "label": act_labels.get(k, k),
                **v,
                "correction_rate": rate(v["direct"], v["concluded"]),
            }
            for k, v in by_act.items()
        ),
        key=lambda r: (-r["received"], -r["concluded"], r["act_type"]),
    )
    by_resp = {}
    for row in received.values("respondent", "respondent__name").annotate(n=Count("id")):
        by_resp[row["respondent"]] = {
            "respondent_id": row["respondent"], "name": row["respondent__name"], "received": row["n"],
            "concluded": 0, "direct": 0, "indirect": 0,
        }  # fmt: skip
    for row in concluded.values("case__respondent", "case__respondent__name").annotate(**correction_counts()):
        entry = by_resp.setdefault(
            row["case__respondent"],
            {"respondent_id": row["case__respondent"], "name": row["case__respondent__name"], "received": 0},
        )
        entry.update(concluded=row["concluded"], direct=row["direct"], indirect=row["indirect"])
    stats.by_respondent = sorted(
        ({**r, "correction_rate": rate(r["direct"], r["concluded"])} for r in by_resp.values()),
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


def test_figures_equal_one_query_per_figure_on_demo_data(demo_world, monkeypatch):
    """Every figure and table row of the page, over the demo history, for the city, a county, one
    body with and without the bodies below it, and single years, equals the per-figure queries."""
    import sys
    from datetime import date

    from accounts.models import OrgUnit, User
    from reconsideration import selectors

    monkeypatch.setattr(recon_seed, "BASE_CASES", 120)
    recon_seed.seed(1, sys.stdout)
    today = timezone.localdate()
    city, county = User.objects.get(username="fuyi"), User.objects.get(username="fuyi_qinzhou")
    body = OrgUnit.objects.get(short_code="tsgov")
    periods = [(date(2021, 1, 1), today)] + [
        (date(y, 1, 1), date(y, 12, 31)) for y in range(2021, today.year + 1)
    ]
    seen = dict.fromkeys(
        ("concluded", "not_accepted", "abandoned", "deemed_accepted", "settled", "on_time"), 0
    )
    scopes = ({}, {"body": body}, {"body": body, "include_lower": True})
    for user, scope in [(city, s) for s in scopes] + [(county, {})]:
        for start, end in periods:
            stats = selectors.statistics(user=user, start=start, end=end, **scope)
            assert stats == _statistics_one_query_per_figure(user=user, start=start, end=end, **scope)
            for key in seen:
                seen[key] += getattr(stats, key)
    assert all(seen.values()), seen  # the comparison saw every kind of figure
