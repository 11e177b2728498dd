import datetime

import pytest

from disputes import selectors
from disputes.choices import ActType, DisputeStatus, PartyKind, PartyRole, Sector
from disputes.timeline import (
    TimelineEvent,
    dispute_timeline,
    register_timeline_provider,
    unregister_timeline_provider,
)

from .factories import ORG_USCC, DisputeFactory, PartyFactory


@pytest.fixture
def disputes(tree):
    """Three disputes: two against Qinzhou units, one against Maiji's market regulator."""
    a = DisputeFactory(
        respondent=tree.qinzhou_market,
        act_type=ActType.PENALTY,
        sector=Sector.FOOD_DRUG,
        act_date=datetime.date(2026, 1, 15),
        act_document_number="秦市监罚〔2026〕3号",
    )
    PartyFactory(dispute=a, name="张三丰")
    PartyFactory(
        dispute=a,
        role=PartyRole.THIRD_PARTY,
        kind=PartyKind.ORGANISATION,
        name="天水麦香食品有限公司",
        id_number="",
        unified_credit_code=ORG_USCC,
    )
    b = DisputeFactory(
        respondent=tree.qinzhou_town,
        act_type=ActType.EXPROPRIATION,
        sector=Sector.HOUSING,
        act_date=datetime.date(2026, 4, 1),
        act_document_number="大城征〔2026〕1号",
        status=DisputeStatus.RESOLVED,
        resolved_at=datetime.date(2026, 6, 1),
        resolved_substantively=True,
    )
    PartyFactory(dispute=b, name="李四")
    c = DisputeFactory(
        respondent=tree.maiji_market,
        act_type=ActType.PENALTY,
        sector=Sector.MARKET,
        act_date=datetime.date(2026, 2, 20),
        act_document_number="麦市监罚〔2026〕9号",
    )
    PartyFactory(dispute=c, name="王五")
    return a, b, c


def numbers(qs):
    return {d.number for d in qs}


def test_county_officer_sees_only_the_countys_disputes(users, disputes):
    a, b, c = disputes
    assert numbers(selectors.dispute_list(user=users.fuyi_qinzhou)) == {a.number, b.number}
    assert numbers(selectors.dispute_list(user=users.fuyi_maiji)) == {c.number}
    assert numbers(selectors.dispute_list(user=users.fuyi)) == {a.number, b.number, c.number}


def test_agency_staff_see_their_agencys_disputes_only(users, disputes, tree, make_user):
    staff = make_user(unit=tree.qinzhou_market, roles=["执法单位工作人员"])
    assert numbers(selectors.dispute_list(user=staff)) == {disputes[0].number}


def test_detail_outside_jurisdiction_is_404(users, disputes):
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.dispute_detail(user=users.fuyi_qinzhou, pk=disputes[2].pk)
    assert selectors.dispute_detail(user=users.fuyi_maiji, pk=disputes[2].pk) == disputes[2]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"party": "三丰"}, {0}),
        ({"party": "麦香食品"}, {0}),  # a third party's name finds the dispute too
        ({"party": "赵"}, set()),
        ({"act_type": ActType.PENALTY}, {0, 2}),
        ({"sector": Sector.HOUSING}, {1}),
        ({"act_date_from": "2026-02-01"}, {1, 2}),
        ({"act_date_from": "2026-01-15", "act_date_to": "2026-02-20"}, {0, 2}),
        ({"document": "市监罚"}, {0, 2}),
        ({"status": DisputeStatus.RESOLVED}, {1}),
    ],
)
def test_filters(users, disputes, filters, expected):
    got = numbers(selectors.dispute_list(user=users.fuyi, filters=filters))
    assert got == {disputes[i].number for i in expected}


def test_filter_by_number(users, disputes):
    got = selectors.dispute_list(user=users.fuyi, filters={"number": disputes[1].number[-4:]})
    assert numbers(got) == {disputes[1].number}


def test_respondent_filter_covers_the_units_subtree(users, disputes, tree):
    got = selectors.dispute_list(user=users.fuyi, filters={"respondent": tree.qinzhou.pk})
    assert numbers(got) == {disputes[0].number, disputes[1].number}
    got = selectors.dispute_list(user=users.fuyi, filters={"respondent": tree.qinzhou_market.pk})
    assert numbers(got) == {disputes[0].number}


def test_respondent_filter_cannot_reach_outside_the_jurisdiction(users, disputes, tree):
    # Maiji is not a choice for a Qinzhou officer: the filter is ignored, never widened.
    got = selectors.dispute_list(user=users.fuyi_qinzhou, filters={"respondent": tree.maiji.pk})
    assert disputes[2].number not in numbers(got)


def test_list_queries_do_not_grow_with_rows(users, tree, django_assert_num_queries):
    for i in range(35):
        d = DisputeFactory(respondent=tree.qinzhou_market if i % 2 else tree.maiji_market)
        PartyFactory(dispute=d)
        PartyFactory(dispute=d, role=PartyRole.THIRD_PARTY, name=f"第三人{i}")
    users.fuyi.get_all_permissions()  # loaded once per request (the scoping asks which records he may open)
    # disputes joined to their respondents + one query for all their parties
    with django_assert_num_queries(2):
        rows = list(selectors.dispute_list(user=users.fuyi))
        names = [(d.respondent.name, [p.name for p in d.parties.all()]) for d in rows]
    assert len(names) == 35


def test_stats_group_by_agency_and_act_type(users, disputes, tree):
    stats = selectors.dispute_stats(user=users.fuyi)
    assert (stats.total, stats.concluded, stats.substantive) == (3, 1, 1)
    by_respondent = {row["respondent__name"]: row["total"] for row in stats.by_respondent}
    assert by_respondent == {"秦州区市场监督管理局": 1, "秦州区大城街道": 1, "麦积区市场监督管理局": 1}
    by_type = {row["label"]: row["total"] for row in stats.by_act_type}
    assert by_type == {"行政处罚": 2, "行政征收征用": 1}
    assert stats.by_act_type[0]["act_type"] == ActType.PENALTY  # most frequent first


def test_stats_stay_inside_the_jurisdiction(users, disputes):
    stats = selectors.dispute_stats(user=users.fuyi_maiji)
    assert stats.total == 1
    assert [row["respondent__name"] for row in stats.by_respondent] == ["麦积区市场监督管理局"]


def test_stats_respect_the_filters(users, disputes):
    stats = selectors.dispute_stats(user=users.fuyi, filters={"act_date_from": "2026-02-01"})
    assert stats.total == 2


def test_timeline_merges_providers_by_date(users, disputes):
    dispute = disputes[1]  # act 2026-04-01, resolved 2026-06-01

    def recon(d):
        assert d == dispute
        return [
            TimelineEvent(date=datetime.date(2026, 5, 6), title="行政复议决定", mechanism="行政复议"),
            TimelineEvent(date=datetime.date(2026, 4, 20), title="收到行政复议申请", mechanism="行政复议"),
        ]

    register_timeline_provider(recon)
    register_timeline_provider(recon)  # idempotent
    try:
        events = dispute_timeline(dispute)
    finally:
        unregister_timeline_provider(recon)
    titles = [e.title for e in events]
    assert titles[0].startswith("作出行政行为")
    assert titles.index("收到行政复议申请") < titles.index("行政复议决定") < titles.index("争议已化解")
    assert titles.count("行政复议决定") == 1
    assert "争议登记" in titles
