"""The 行政执法监督 panel of the dashboard: each figure opens a list that shows the same count, for the
city and for a county (supervision/dashboard.py); the filing clock is a Deadline (sup.filing)."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.choices import Role
from core.indicators import Scope
from deadlines.choices import DeadlineStatus
from supervision import deadlines as clocks
from supervision import services
from supervision.choices import CampaignKind, VetoItem
from supervision.dashboard import review_assessment, review_panel, review_trends, supervision_panel

from ..enforcement.factories import make_agency
from .factories import external_filing, issued_notice

pytestmark = pytest.mark.django_db

YEAR_2025 = {"period": "year", "year": "2025"}


@pytest.fixture
def records(s, users):
    on_time = external_filing(s, decided_on=date(2025, 7, 1), filed_on=date(2025, 7, 10))
    late = services.filing_submit(
        actor=None, agency=s.agency, decision_number="天市监罚〔2025〕9号", decision_summary="责令停业",
        decided_on=date(2025, 3, 3), filed_on=date(2025, 5, 6),
    )  # fmt: skip
    campaign = services.campaign_create(
        actor=None, unit=s.tree.city_justice, title="2025年度抽查", year=2025, kind=CampaignKind.SAMPLE,
        scope_start=date(2024, 7, 1), scope_end=date(2025, 6, 30), rubric=s.rubric, agencies=[s.agency],
    )  # fmt: skip
    other = s.users.jiandu.__class__.objects.create(username="pc2", unit=s.tree.city_justice)
    other.groups.set(s.users.jiandu.groups.all())
    for k, (a, b, vetoes) in enumerate(((0, 2, ()), (10, 12, ()), (0, 0, (VetoItem.WRONG_LAW,)))):
        f = services.file_add(
            actor=None, campaign=campaign, agency=s.agency, file_number=f"F{k}", sampled=True
        )
        services.file_score(actor=users.jiandu, file=f, deductions={"A1": Decimal(a % 10), "B1": Decimal(a)})
        services.file_score(actor=other, file=f, deductions={"B1": Decimal(b)}, vetoes=vetoes)
    services.file_add(actor=None, campaign=campaign, agency=s.agency, file_number="F9", sampled=True)
    guiding = services.guiding_create(
        actor=None, unit=s.tree.city_justice, number="G-1", title="要点", sector="market", summary="案情",
        key_points="要点",
    )  # fmt: skip
    services.guiding_publish(actor=None, case=guiding, on=date(2025, 4, 1))
    services.supervisor_appoint(
        actor=None, unit=s.tree.city_justice, name="张敏", affiliation="天水师范学院",
        term_start=date(2024, 1, 1), term_end=date(2026, 12, 31), certificate_number="TSJD-9",
    )  # fmt: skip
    issued_notice(s, issued_on=date(2025, 8, 1))
    return on_time, late


def _panel(client, user, params):
    """Both supervision panels' figures as one panel."""
    client.force_login(user, backend="accounts.backends.AccountsBackend")
    response = client.get("/dashboard/", params)
    assert response.status_code == 200
    panels = [p for p in response.context["panels"] if p.key.startswith("supervision")]
    assert len(panels) == 2
    return SimpleNamespace(figures=[f for p in panels for f in p.figures])


def _figure(panel, label):
    return next(f for f in panel.figures if str(f.label) == label)


def test_figures_are_computed_and_each_opens_a_list_with_the_same_count(client, users, tree, records):
    panel = _panel(client, users.leader, YEAR_2025)
    assert _figure(panel, "重大执法决定备案").value == 2
    assert _figure(panel, "逾期报备").value == 1
    assert _figure(panel, "抽查案卷").value == 4
    # F0: 优秀 (mean of 100 and 98), F1: 合格, F2: veto → 不合格, F9: not scored yet
    assert str(_figure(panel, "抽查合格率").value) == "66.7"
    assert str(_figure(panel, "抽查优秀率").value) == "33.3"
    assert _figure(panel, "发布指导案例").value == 1
    assert _figure(panel, "特邀监督员").value == 1
    assert _figure(panel, "逾期未整改").value == 1
    for params in (YEAR_2025, {**YEAR_2025, "within": tree.qinzhou.pk}, {"period": "year", "year": "2024"}):
        panel = _panel(client, users.leader, params)
        for figure in panel.figures:
            if figure.listed is None:
                continue
            response = client.get(figure.url)
            assert response.status_code == 200, figure.url
            assert response.context["page_obj"].paginator.count == figure.listed, (params, figure.label)


def test_the_panel_takes_a_fixed_number_of_queries(users, records, django_assert_num_queries):
    scope = Scope(start=date(2025, 1, 1), end=date(2025, 12, 31))
    supervision_panel(user=users.leader, scope=scope)  # permissions cached
    with django_assert_num_queries(4):
        supervision_panel(user=users.leader, scope=scope)
    with django_assert_num_queries(1):
        review_panel(user=users.leader, scope=scope)


def test_the_filing_clock_is_a_deadline_met_or_missed(records):
    on_time, late = records
    assert clocks.filing_clock(on_time).status == DeadlineStatus.MET
    clock = clocks.filing_clock(late)
    assert clock.status == DeadlineStatus.MISSED and clock.due_date == late.due_on
    assert clock.trace  # the derivation
    assert late.is_late


def test_no_query_growth_in_the_global_file_list(client, users, records):
    client.force_login(users.jiandu, backend="accounts.backends.AccountsBackend")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/supervision/files/").status_code == 200
    assert len(ctx.captured_queries) < 20


@pytest.fixture
def graded(s, users, tree, records):
    """Besides `records` (2025, 市市场监管局: F0 优秀, F1 合格, F2 不合格, F9 not graded): a 2024
    sample of the city agency with one file vetoed (不合格), and a 2025 sample of 秦州区市场监管局 with
    one file graded 合格 or better. By hand, the 案卷评查合格率: 2025 — city 3 ÷ 4 = 75.0, 市市场监管局
    2 ÷ 3 = 66.7, 秦州区 1 ÷ 1 = 100.0; 2024 — 0 ÷ 1 = 0.0."""
    second = users.jiandu.__class__.objects.get(username="pc2")
    county_agency, _item, _bench = make_agency(tree.qinzhou_market)

    def sample(year, agency, vetoes):
        campaign = services.campaign_create(
            actor=None, unit=tree.city_justice, title=f"{year}年度抽查（{agency.name}）", year=year,
            kind=CampaignKind.SAMPLE, scope_start=date(year - 1, 7, 1), scope_end=date(year, 6, 30),
            rubric=s.rubric, agencies=[agency],
        )  # fmt: skip
        f = services.file_add(actor=None, campaign=campaign, agency=agency, file_number="G1", sampled=True)
        services.file_score(actor=users.jiandu, file=f, deductions={"B1": Decimal(5)})
        return services.file_score(actor=second, file=f, deductions={"B1": Decimal(6)}, vetoes=vetoes)

    assert sample(2024, s.agency, (VetoItem.WRONG_LAW,)).grade == "fail"
    assert sample(2025, county_agency, ()).grade in ("pass", "excellent")
    return county_agency


def _review_trend(client, user, params):
    client.force_login(user, backend="accounts.backends.AccountsBackend")
    response = client.get("/dashboard/", params)
    assert response.status_code == 200
    trends = response.context["trends"]
    series = next(s for s in trends["review"] if s["name"] == "案卷评查合格率")
    return dict(zip(trends["years"], series["data"], strict=True))


def test_the_review_pass_rate_by_year_is_a_dashboard_trend(client, users, tree, graded, make_user):
    by_year = _review_trend(client, users.leader, YEAR_2025)
    assert by_year == {2021: None, 2022: None, 2023: None, 2024: 0.0, 2025: 75.0}
    county = _review_trend(client, users.leader, {**YEAR_2025, "within": tree.qinzhou.pk})
    assert county[2025] == 100.0 and county[2024] is None
    county_leader = make_user("leader_qz", unit=tree.qinzhou, roles=[Role.LEADER], is_unit_leader=True)
    assert _review_trend(client, county_leader, YEAR_2025)[2025] == 100.0  # the city's files unseen


def test_the_review_pass_rate_is_a_column_of_the_assessment(client, users, tree, graded, make_user):
    def column(user, params):
        client.force_login(user, backend="accounts.backends.AccountsBackend")
        response = client.get("/dashboard/assessment/", params)
        assert response.status_code == 200
        keys = [c.key for c in response.context["columns"]]
        at = keys.index("sup_review_pass")
        assert response.context["columns"][at].weight == 20
        return {r.unit_id: r.cells[at] for r in response.context["page_obj"]}

    cells = column(users.leader, YEAR_2025)
    assert cells[tree.city_market.pk] == (2, 3, Decimal("66.7"))
    assert cells[tree.qinzhou_market.pk] == (1, 1, Decimal("100.0"))
    assert column(users.leader, {"period": "year", "year": "2024"})[tree.city_market.pk] == (
        0,
        1,
        Decimal("0.0"),
    )
    county_leader = make_user("leader_qz", unit=tree.qinzhou, roles=[Role.LEADER], is_unit_leader=True)
    county = column(county_leader, YEAR_2025)
    assert tree.city_market.pk not in county and county[tree.qinzhou_market.pk] == (1, 1, Decimal("100.0"))


def test_the_trend_and_the_column_take_one_query_each(users, graded, django_assert_num_queries):
    scope = Scope(start=date(2025, 1, 1), end=date(2025, 12, 31))
    review_trends(user=users.leader, scope=scope, years=[2024, 2025], counties=[])  # permissions cached
    with django_assert_num_queries(1):
        review_trends(user=users.leader, scope=scope, years=[2021, 2022, 2023, 2024, 2025], counties=[])
    with django_assert_num_queries(1):
        review_assessment(user=users.leader, scope=scope)
