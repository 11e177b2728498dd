"""执法统计 (docs/law/enforcement.md): 持证率, 培训达标率, 公示及时率, 法制审核率 and the cases by sector,
each worked out by hand from the records below; the page's query count does not grow with the rows."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from enforcement import selectors, services
from enforcement.choices import MajorGround, ReviewConclusion, Sector

from .factories import FILED, certified_officer, file_case, id_number, make_agency, reviewer_officer

pytestmark = pytest.mark.django_db

TODAY = date(2025, 12, 31)


def _decided(w, *, published_on=None, **kwargs):
    case = file_case(w, **kwargs)
    services.case_inform(actor=w.users.zhifa_scj, case=case, on=FILED, hearing_right_told=False)
    case = services.case_decide(
        actor=w.users.zhifa_scj, case=case, decided_on=date(2025, 7, 23), summary="罚款"
    )
    if published_on:  # the publicity clock runs to 2025-08-01 (seven working days)
        services.case_publish(actor=w.users.zhifa_scj, case=case, published_on=published_on)
    return case


def _major_reviewed(w, users, conclusion=ReviewConclusion.APPROVED):
    case = file_case(w, is_major=True, major_ground=MajorGround.PUBLIC_INTEREST)
    services.case_inform(actor=w.users.zhifa_scj, case=case, on=FILED, hearing_right_told=False)
    services.case_request_review(actor=users.zhifa_scj, case=case, on=date(2025, 7, 16))
    services.case_review(
        actor=users.fzsh, case=case, conclusion=conclusion, opinion="同意", on=date(2025, 7, 17)
    )
    if conclusion == ReviewConclusion.REJECTED:
        return case
    return services.case_decide(
        actor=users.zhifa_scj, case=case, decided_on=date(2025, 7, 18), summary="罚款"
    )


def _course(w, *, held_on, hours, officers):
    course = services.course_create(
        actor=None,
        unit=w.agency.org_unit,
        topic="行政处罚法",
        organiser="市司法局",
        held_on=held_on,
        hours=hours,
    )
    for officer in officers:
        services.attendance_record(actor=None, course=course, officer=officer)


@pytest.fixture
def figures(w, users, tree, settings):
    """天水市市场监督管理局: officers 王强, 李明, 赵刚 certified, 孙丽 not, 周伟 off duty (certified);
    王强 has 8 training hours in 2025 (the target here), 李明 4, 赵刚 8 but in 2024. Cases filed in 2025:
    two decided (published on time / late), one major reviewed and decided, one major returned by
    the review, one outside the benchmark; one filed in 2024. 秦州区市场监督管理局 has one officer."""
    settings.ENFORCEMENT_TRAINING_HOURS_TARGET = 8
    services.officer_create(actor=None, agency=w.agency, name="孙丽", id_number=id_number())
    away = certified_officer(w.agency, issuer=w.issuer, name="周伟")
    services.officer_update(
        actor=users.zhifa_scj, officer=away, version=away.version, post="", has_legal_qualification=False,
        status="off_duty",
    )  # fmt: skip
    _course(w, held_on=date(2025, 3, 1), hours=Decimal("8"), officers=[w.a])
    _course(w, held_on=date(2025, 4, 1), hours=Decimal("4"), officers=[w.b])
    _course(w, held_on=date(2024, 4, 1), hours=Decimal("8"), officers=[w.c])
    reviewer_officer(w, users.fzsh)
    _decided(w, published_on=date(2025, 7, 28))
    _decided(w, published_on=date(2025, 8, 4))
    _major_reviewed(w, users)
    _major_reviewed(w, users, conclusion=ReviewConclusion.REJECTED)
    file_case(w, penalty_amount=Decimal("120000"), benchmark_deviation_reason="货值金额巨大，从重处罚")
    file_case(w, filed_on=date(2024, 7, 16))
    other, _item, _bench = make_agency(tree.qinzhou_market, sector=Sector.ECOLOGY)
    services.officer_create(actor=None, agency=other, name="钱程", id_number=id_number())
    return w


def test_statistics_worked_example(figures, users):
    stats = selectors.statistics(user=users.zhifa_scj, year=2025, today=TODAY)
    # on duty: 王强, 李明, 赵刚, 孙丽 (the reviewer's officer record sits in 市司法局's agency)
    assert (stats["certified"], stats["on_duty"], stats["certified_rate"]) == (3, 4, Decimal("75.0"))
    assert (stats["trained"], stats["trained_rate"]) == (1, Decimal("25.0"))
    assert (stats["publicity_closed"], stats["publicity_rate"]) == (2, Decimal("50.0"))
    assert (stats["major_decided"], stats["review_rate"]) == (1, Decimal("100.0"))
    assert (stats["cases"], stats["outside_benchmark"]) == (5, 1)
    assert stats["by_sector"] == [{"sector": "市场监管", "n": 5}]


def test_statistics_cover_the_users_jurisdiction(figures, users):
    """执法监督 of the city also counts 秦州区's officer and the reviewer's officer record."""
    stats = selectors.statistics(user=users.jiandu, year=2025, today=TODAY)
    assert (stats["certified"], stats["on_duty"], stats["certified_rate"]) == (3, 6, Decimal("50.0"))
    assert (stats["trained"], stats["trained_rate"]) == (1, Decimal("16.7"))
    assert (stats["cases"], stats["major_decided"], stats["publicity_closed"]) == (5, 1, 2)


def test_statistics_page_query_count_does_not_grow(figures, users, login, django_assert_num_queries):
    client = login(users.jiandu)
    url = reverse("enforcement:statistics")
    client.get(url)  # warm the session and permission caches
    with django_assert_num_queries(STATISTICS_QUERIES):
        assert client.get(url).status_code == 200
    _decided(figures, published_on=date(2025, 7, 25))
    _decided(figures, published_on=date(2025, 8, 20))
    _course(figures, held_on=date(2025, 5, 1), hours=Decimal("8"), officers=[figures.b, figures.c])
    certified_officer(figures.agency, issuer=figures.issuer, name="吴刚")
    with django_assert_num_queries(STATISTICS_QUERIES):
        assert client.get(url).status_code == 200


STATISTICS_QUERIES = 10
