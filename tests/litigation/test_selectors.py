"""The indicators (docs/law/litigation.md, "Indicators"), the lists behind them and query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from disputes.choices import Sector
from litigation import selectors, services
from litigation.choices import Outcome

from .factories import decide, defend, hear, register

pytestmark = pytest.mark.django_db


def _lawsuit(lit, *, sector=Sector.MARKET, head=True, spoke=True, outcome=None, year=2025):
    case = register(
        actor=lit.staff, respondent=lit.agency, court=lit.court, sector=sector, received=date(year, 9, 16)
    )
    case = defend(case, lit.staff, on=date(year, 9, 26))
    hear(case, lit.staff, on=date(year, 10, 20), head=head, spoke=spoke)
    if outcome:
        case = decide(case, lit.staff, outcome, on=date(year, 11, 3), served=date(year, 11, 5))
    return case


@pytest.fixture
def domain_example(lit):
    """DOMAIN §7: 20 heard, head at 15; must-appear 2 with the head at 1; 4 lost of 18 concluded."""
    cases = []
    for i in range(20):
        must = i in (0, 1)
        head = i != 1 and i < 16  # heads at 0 and 2..15 → 15, of the must-appear pair only case 0
        outcome = None if i >= 18 else (Outcome.REVOKE if i < 4 else Outcome.DISMISS_CLAIMS)
        cases.append(
            _lawsuit(
                lit,
                sector=Sector.FOOD_DRUG if must else Sector.MARKET,
                head=head,
                spoke=head and i % 3 != 0,
                outcome=outcome,
            )
        )
    return cases


def _by_key(figures):
    return {f.key: f for f in figures}


def test_domain_worked_example(lit, domain_example, login):
    figures = _by_key(selectors.indicators(user=lit.staff, year=2025))
    assert (figures["attendance"].numerator, figures["attendance"].denominator) == (15, 20)
    assert figures["attendance"].rate == Decimal("75.00")
    assert figures["must_appear"].rate == Decimal("50.00")
    assert (figures["lost"].numerator, figures["lost"].denominator) == (4, 18)
    assert figures["lost"].rate == Decimal("22.22")
    assert figures["on_time"].rate == Decimal("100.00")
    # heads at cases 0, 2..15 spoke unless i % 3 == 0 (0, 3, 6, 9, 12, 15): 9 of 15
    assert (figures["spoke"].numerator, figures["spoke"].denominator) == (9, 15)
    # each number opens the list of the cases (hearings) behind it, with the same count
    client = login(lit.staff)
    for f in figures.values():
        for key, n in ((f.numerator_set, f.numerator), (f.denominator_set, f.denominator)):
            name = "litigation:hearings" if f.hearing_level else "litigation:index"
            response = client.get(reverse(name), {"indicator": key, "year": 2025})
            assert response.status_code == 200
            assert response.context["page_obj"].paginator.count == n, (f.key, key)


def test_year_on_year_change_in_percentage_points(lit):
    _lawsuit(lit, outcome=Outcome.REVOKE, year=2024)
    _lawsuit(lit, outcome=Outcome.DISMISS_CLAIMS, year=2024)
    _lawsuit(lit, outcome=Outcome.DISMISS_CLAIMS, year=2025)
    _lawsuit(lit, outcome=Outcome.DISMISS_CLAIMS, year=2025)
    _lawsuit(lit, outcome=Outcome.REVOKE, year=2025)
    _lawsuit(lit, outcome=Outcome.DISMISS_CLAIMS, year=2025)
    lost = _by_key(selectors.indicators(user=lit.staff, year=2025))["lost"]
    assert lost.previous == Decimal("50.00") and lost.rate == Decimal("25.00")
    assert lost.change == Decimal("-25.00")


def test_attendance_counts_per_instance(lit):
    first = _lawsuit(lit, outcome=Outcome.DISMISS_CLAIMS)
    second = services.case_appeal(
        case=first, actor=lit.staff, appealed_on=date(2025, 11, 10), court=lit.court
    )
    second = defend(second, lit.staff, on=date(2025, 11, 12))
    hear(second, lit.staff, on=date(2025, 11, 20), head=False)
    assert selectors.head_attended_instance(selectors.case_detail(user=lit.staff, pk=first.pk))
    assert not selectors.head_attended_instance(selectors.case_detail(user=lit.staff, pk=second.pk))
    attendance = _by_key(selectors.indicators(user=lit.staff, year=2025))["attendance"]
    assert (attendance.numerator, attendance.denominator) == (1, 2)


def test_agency_table_and_scope(lit):
    _lawsuit(lit, outcome=Outcome.REVOKE)
    table = selectors.agency_table(user=lit.staff, year=2025)
    assert [row["agency"] for row in table] == [lit.agency.name]
    assert selectors.indicators(user=lit.maiji_staff, year=2025)[0].denominator == 0
    assert not selectors.case_list(user=lit.maiji_staff).exists()


def test_each_set_counts_the_instances_of_its_year(lit):
    """An instance received in 2024 but heard and served in 2025 counts among 2025's heard and
    concluded, not its defended; one received in 2025 whose defence period still runs counts nowhere
    yet, and its agency has no row of its own."""
    _lawsuit(lit, year=2024)  # received, defended and heard in 2024
    late = register(actor=lit.staff, respondent=lit.agency, court=lit.court, received=date(2024, 12, 2))
    late = defend(late, lit.staff, on=date(2024, 12, 10))
    hear(late, lit.staff, on=date(2025, 3, 4), head=False)
    decide(late, lit.staff, Outcome.REVOKE, on=date(2025, 4, 1), served=date(2025, 4, 3))
    register(actor=lit.staff, respondent=lit.tree.maiji_market, court=lit.court, received=date(2025, 12, 20))
    figures = _by_key(selectors.indicators(user=lit.staff, year=2025))
    assert (figures["attendance"].numerator, figures["attendance"].denominator) == (0, 1)
    assert (figures["lost"].numerator, figures["lost"].denominator) == (1, 1)
    assert figures["on_time"].denominator == 0
    table = selectors.agency_table(user=lit.staff, year=2025)
    assert [(row["agency"], row["figures"][4].denominator) for row in table] == [(lit.agency.name, 1)]
    assert _by_key(selectors.indicators(user=lit.staff, year=2024))["attendance"].denominator == 1


def _other_agency_case(lit):
    """A first instance of 麦积区市场监督管理局, received 2025-09-01."""
    return register(
        actor=lit.staff, respondent=lit.tree.maiji_market, court=lit.court, received=date(2025, 9, 1)
    )


def test_agency_table_pages_keep_the_totals(lit, login, monkeypatch):
    """The 考核 table is paged by agency; the five figures above it still count every agency."""
    monkeypatch.setattr(selectors, "AGENCY_PAGE_SIZE", 1)
    _lawsuit(lit, outcome=Outcome.REVOKE)
    other = _other_agency_case(lit)
    decide(defend(other, lit.staff, on=date(2025, 9, 10)), lit.staff, Outcome.DISMISS_CLAIMS)
    client = login(lit.staff)
    pages = [
        client.get(reverse("litigation:statistics"), {"year": 2025, "page": page}).context for page in (1, 2)
    ]
    rows = [row for ctx in pages for row in ctx["table"].object_list]
    everything = selectors.agency_table(user=lit.staff, year=2025)
    assert [row["agency"] for row in rows] == [row["agency"] for row in everything]
    assert len(rows) == 2 and pages[0]["table"].paginator.count == 2
    for ctx in pages:
        lost = _by_key(ctx["figures"])["lost"]
        assert (lost.numerator, lost.denominator) == (1, 2)


def test_statistics_page_query_count_does_not_grow(lit, login, django_assert_num_queries):
    _lawsuit(lit, outcome=Outcome.REVOKE)
    client = login(lit.staff)
    url = reverse("litigation:statistics")
    client.get(url, {"year": 2025})  # warm the session and permission caches
    with django_assert_num_queries(STATISTICS_QUERIES):
        assert client.get(url, {"year": 2025}).status_code == 200
    for i in range(3):
        _lawsuit(lit, head=i != 0, outcome=Outcome.DISMISS_CLAIMS if i else None)
    other = _other_agency_case(lit)
    hear(defend(other, lit.staff, on=date(2025, 9, 10)), lit.staff, on=date(2025, 10, 9))
    _lawsuit(lit, year=2024, outcome=Outcome.REVOKE)
    with django_assert_num_queries(STATISTICS_QUERIES):
        assert client.get(url, {"year": 2025}).status_code == 200


def test_agency_users_see_cases_where_they_are_a_defendant(lit, make_user):
    from accounts.choices import Role

    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court, recon_body_upheld=lit.tree.maiji)
    maiji_agency_user = make_user("maiji_gov", unit=lit.tree.maiji_market, roles=[Role.LITIGATION_STAFF])
    assert not selectors.case_list(user=maiji_agency_user).exists()
    assert list(selectors.case_list(user=lit.maiji_staff)) == [case]  # 麦积区 upheld the act: co-defendant


def test_list_and_detail_query_counts(lit, login, django_assert_num_queries):
    for i in range(3):
        _lawsuit(lit, outcome=Outcome.REVOKE if i else None)
    client = login(lit.staff)
    client.get(reverse("litigation:index"))  # warm the session and permission caches
    with django_assert_num_queries(LIST_QUERIES):
        client.get(reverse("litigation:index"))
    for _i in range(3):
        _lawsuit(lit)
    with django_assert_num_queries(LIST_QUERIES):
        client.get(reverse("litigation:index"))
    case = selectors.case_list(user=lit.staff).first()
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(reverse("litigation:detail", args=[case.pk]))


def test_selector_query_counts(lit, django_assert_num_queries):
    _lawsuit(lit, outcome=Outcome.REVOKE)
    with django_assert_num_queries(4):
        selectors.indicators(user=lit.staff, year=2025)
    with django_assert_num_queries(2):
        selectors.agency_table(user=lit.staff, year=2025)
    with django_assert_num_queries(3):
        selectors.agency_table_page(user=lit.staff, year=2025)
    with django_assert_num_queries(9):
        selectors.case_detail(user=lit.staff, pk=selectors.case_list(user=lit.staff).first().pk)


LIST_QUERIES = 11
STATISTICS_QUERIES = 16
DETAIL_QUERIES = 15


def test_indicator_list_filter_selects_the_statistics_case_sets(lit, domain_example):
    """The list's indicator filter (semi-joins on the instances) selects, for every case set and
    year, exactly the instances the statistics count (`annotate_year` + `case_indicator_q`) — also
    when only a co-defendant's head attended, and for hearings of another year."""
    from litigation.filters import CaseIndicator, annotate_year, case_indicator_filter, case_indicator_q
    from litigation.models import LitigationCase

    from .factories import HeadPosition

    # 秦州区市场监管局 with 秦州区人民政府 (upheld on reconsideration) as co-defendant: only the
    # co-defendant's head attended, which is not the instance's own head
    shared = register(
        actor=lit.staff, respondent=lit.agency, court=lit.court, recon_body_upheld=lit.tree.qinzhou,
        received=date(2025, 9, 16),
    )  # fmt: skip
    shared = defend(shared, lit.staff, on=date(2025, 9, 26))
    hearing = hear(shared, lit.staff, on=date(2025, 10, 21), head=False)
    services.attendance_record(
        hearing=hearing,
        defendant=shared.defendants.exclude(agency=shared.org_unit).get(),
        actor=lit.staff,
        head_name="刘区长",
        head_position=HeadPosition.PRINCIPAL,
        lawyer_names="张律师",
    )
    _lawsuit(lit, outcome=Outcome.REVOKE, year=2024)  # heard, head attended and lost in 2024
    _lawsuit(lit, sector=Sector.FOOD_DRUG, head=False, year=2024)  # must-appear, head absent, 2024
    cases = LitigationCase.objects.visible_to(lit.staff)
    seen = 0
    for year in (2024, 2025):
        for key in CaseIndicator.values:
            listed = set(cases.filter(case_indicator_filter(key, year)).values_list("pk", flat=True))
            counted = annotate_year(cases, year).filter(case_indicator_q(key, year))
            assert listed == set(counted.values_list("pk", flat=True)), (year, key)
            seen += len(listed)
    assert seen > 100  # the sets are not empty
