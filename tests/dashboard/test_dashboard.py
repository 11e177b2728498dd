"""The leaders' dashboard: figures computed from the records for a period and a jurisdiction, each one
click from a list that shows the same count; limited to the user's jurisdiction; read-only."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.choices import Role
from core.indicators import Scope
from dashboard import selectors
from dashboard.cache import bump
from dashboard.forms import jurisdiction_units
from decisions.choices import DecisionStatus
from litigation.choices import CaseStatus as LitigationStatus
from mediation.choices import CaseStatus as MediationStatus
from reconsideration.choices import CaseStatus, DecisionOutcome
from tests.decisions import factories as decisions
from tests.enforcement import factories as enforcement
from tests.litigation import factories as litigation
from tests.mediation import factories as mediation
from tests.reconsideration.factories import case_at, register_case

pytestmark = pytest.mark.django_db

YEAR_2025 = {"period": "year", "year": "2025"}


@pytest.fixture
def records(tree, users, make_user):
    """City: one case revoked (a direct correction) and one upheld, both decided in 2025; one county
    case received in 2025; one city case received in 2024 (outside the period)."""
    staff = {
        "officer": users.fuyi,
        "head": users.fuyi_head,
        "body": tree.city,
        "respondent": tree.city_market,
    }
    revoked = case_at(CaseStatus.DECIDED, outcome=DecisionOutcome.REVOKE, **staff)
    upheld = case_at(CaseStatus.DECIDED, outcome=DecisionOutcome.UPHOLD, **staff)
    county = register_case(actor=users.fuyi_qinzhou, body=tree.qinzhou, respondent=tree.qinzhou_market)
    earlier = register_case(
        actor=users.fuyi, body=tree.city, respondent=tree.city_market, received_on=date(2024, 6, 3)
    )
    # 行政应诉: a county agency's lawsuit decided in 2025, its head in court
    lawsuit = litigation.case_at(
        LitigationStatus.DECIDED,
        actor=litigation.litigation_staff(tree.city_justice),
        respondent=tree.qinzhou_market,
        court=litigation.court_for(tree.qinzhou),
    )
    # 行政决策: a city decision through the legality review (a signed opinion) to collective discussion
    signer = make_user("fzsh2", unit=tree.city_justice, roles=[Role.LEGAL_REVIEWER])
    decision = decisions.decision_at(
        DecisionStatus.DISCUSSION, actor=users.fzsh, signer=signer, body=tree.city, unit=tree.city_market
    )
    # 多元化解: a county committee's mediation agreed in 2025; 行政执法: a city agency's case filed in 2025
    agreed = mediation.case_at(MediationStatus.AGREED, mediation.mediation_world(tree, make_user))
    filed = enforcement.file_case(enforcement.enforcement_world(tree, users))
    return revoked, upheld, county, earlier, lawsuit, decision, agreed, filed


@pytest.fixture
def county_leader(tree, make_user):
    return make_user("leader_qinzhou", unit=tree.qinzhou, roles=[Role.LEADER], is_unit_leader=True)


def _panels(client, user, params):
    client.force_login(user, backend="accounts.backends.AccountsBackend")
    response = client.get("/dashboard/", params)
    assert response.status_code == 200
    return response, {p.key: p for p in response.context["panels"]}


def _figure(panel, label):
    return next(f for f in panel.figures if str(f.label) == label)


def _listed(client, url) -> int:
    """How many records the list at `url` says it holds (its paginator's count)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page_obj"].paginator.count


def test_reconsideration_figures_for_2025_are_computed_from_the_cases(client, users, records):
    _response, panels = _panels(client, users.leader, YEAR_2025)
    recon = panels["reconsideration"]
    assert _figure(recon, "收到申请").value == 3  # the 2024 application is outside the period
    assert _figure(recon, "审结").value == 2
    assert str(_figure(recon, "直接纠错率").value) == "50.0"  # 1 revoked ÷ 2 concluded
    assert _figure(recon, "直接纠错率").records == 1
    assert str(_figure(panels["litigation"], "负责人出庭应诉率").value) == "100.00"
    assert _figure(panels["decisions"], "重大行政决策立项").value == 1
    assert _figure(panels["decisions"], "出具审查意见").value == 1
    assert _figure(panels["mediation"], "调解成功").value == 1
    assert _figure(panels["enforcement"], "执法立案").value == 1


def test_every_figure_opens_a_list_with_the_same_count(client, users, tree, records):
    for params in (YEAR_2025, {**YEAR_2025, "within": tree.qinzhou.pk}, {"period": "year", "year": "2024"}):
        _response, panels = _panels(client, users.leader, params)
        checked = 0
        for panel in panels.values():
            for figure in panel.figures:
                if figure.listed is None:
                    continue
                assert _listed(client, figure.url) == figure.listed, (params, panel.key, figure.label)
                checked += 1
        assert checked >= 33  # with the registers' figures (法律顾问意见, 执法主体, 诉调对接…)


def test_a_county_leader_sees_only_the_county(client, tree, records, county_leader):
    response, panels = _panels(client, county_leader, {**YEAR_2025, "within": tree.city.pk})
    assert list(response.context["form"].fields["within"].queryset) == [tree.qinzhou]
    assert response.context["scope"].unit is None  # the city is not a choice: the whole county instead
    assert _figure(panels["reconsideration"], "收到申请").value == 1
    assert _figure(panels["reconsideration"], "审结").value == 0


def test_quarter_and_custom_periods(client, users, records):
    response, panels = _panels(client, users.leader, {"period": "quarter", "year": "2025", "quarter": "1"})
    assert response.context["scope"].label == "2025年第1季度"
    assert _figure(panels["reconsideration"], "收到申请").value == 3  # all received on 2025-03-03
    reversed_range = {"period": "range", "year": "2025", "start": "2025-05-01", "end": "2025-04-01"}
    response, panels = _panels(client, users.leader, reversed_range)
    assert "截止日期不能早于起始日期。" in response.content.decode()
    assert response.context["scope"].label == "2025年"  # the error shown, the year stands


def test_the_dashboard_is_read_only(client, users):
    client.force_login(users.leader, backend="accounts.backends.AccountsBackend")
    assert client.post("/dashboard/", YEAR_2025).status_code == 403


def test_the_number_of_queries_does_not_grow_with_the_records(users, tree):
    scope = Scope(start=date(2025, 1, 1), end=date(2025, 12, 31))

    units = jurisdiction_units(users.leader)

    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            selectors.compute(user=users.leader, scope=scope, units=units)  # panels and trends
        return len(ctx.captured_queries)

    register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market)
    count_queries()  # the user's permissions and the content types are cached from here on
    before = count_queries()
    for respondent in (tree.city_market, tree.city, tree.qinzhou_market):
        register_case(actor=users.fuyi, body=tree.city, respondent=respondent)
    assert count_queries() == before


def test_the_tables_beside_the_figures_open_lists_with_the_same_counts(client, users, records):
    """Deadline risk by unit, disputes by origin and relative to enforcement: each count opens its records."""
    response, panels = _panels(client, users.leader, YEAR_2025)
    risk = panels["risk"]
    assert risk.charts["units"], "the fixture's 2025 clocks are overdue today"
    for row in risk.charts["units"]:
        assert _listed(client, row["overdue_url"]) == row["overdue"]
        assert _listed(client, row["soon_url"]) == row["soon"]
    for row in panels["sources"].charts["origins"]:
        assert _listed(client, row["url"]) == row["count"]
    for row in panels["sources"].charts["relative"]:
        assert _listed(client, row["url"]) == row["disputes"]
    trends = response.context["trends"]
    assert trends["years"][-1] == 2025
    assert {s["name"] for s in trends["monthly"]} >= {"行政复议", "多元化解", "行政执法"}
    assert [r["name"] for r in trends["counties"]["rows"]]  # the city leader sees the counties side by side
    assert any(s["name"] == "行政复议纠错率" and s["data"][-1] == 50.0 for s in trends["correction"])


def test_a_write_changes_the_figure_on_the_next_read(client, users, tree, records):
    _response, panels = _panels(client, users.leader, YEAR_2025)
    before = _figure(panels["reconsideration"], "收到申请").value
    _response, panels = _panels(client, users.leader, YEAR_2025)  # from the cache
    assert _figure(panels["reconsideration"], "收到申请").value == before
    register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market)
    _response, panels = _panels(client, users.leader, YEAR_2025)
    assert _figure(panels["reconsideration"], "收到申请").value == before + 1


def test_the_cached_page_runs_few_queries(client, users, records):
    client.force_login(users.leader, backend="accounts.backends.AccountsBackend")
    client.get("/dashboard/", YEAR_2025)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/dashboard/", YEAR_2025).status_code == 200
    assert len(ctx.captured_queries) <= 12


def test_the_leader_workbench_shows_the_headline_figures(client, users, records):
    client.force_login(users.leader, backend="accounts.backends.AccountsBackend")
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="workbench-dashboard"' in page
    assert "/dashboard/?period=year&amp;year=" in page
    assert "期限预警" in page


def test_the_cold_page_runs_a_fixed_number_of_queries(client, users, tree, records, county_leader):
    """The figures computed afresh (the cache made stale): one grouped pass per table a panel reads, the
    same number whatever the records — the city leader (every county side by side) and a county
    leader alike."""
    expected = 44
    for user, params in ((users.leader, YEAR_2025), (county_leader, YEAR_2025)):
        client.force_login(user, backend="accounts.backends.AccountsBackend")
        assert client.get("/dashboard/", params).status_code == 200  # permissions, content types cached
        bump()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/dashboard/", params).status_code == 200
        assert len(ctx.captured_queries) == expected, [q["sql"][:80] for q in ctx.captured_queries]
    register_case(actor=users.fuyi, body=tree.city, respondent=tree.qinzhou_market)
    client.force_login(users.leader, backend="accounts.backends.AccountsBackend")
    client.get("/dashboard/", YEAR_2025)
    bump()
    with CaptureQueriesContext(connection) as ctx:
        client.get("/dashboard/", YEAR_2025)
    assert len(ctx.captured_queries) == expected
