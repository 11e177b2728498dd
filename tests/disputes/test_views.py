import datetime

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AccessLog
from disputes import services
from disputes.choices import ActType, DisputeStatus, PartyKind, PartyRole, Sector
from disputes.models import Dispute, Party

from .factories import MOBILE, ORG_USCC, PERSON_ID, DisputeFactory, PartyFactory

MASKED_ID = "1101**********002X"
MASKED_MOBILE = "139****5678"


@pytest.fixture
def dispute(tree):
    d = DisputeFactory(respondent=tree.qinzhou_market, act_document_number="秦市监罚〔2026〕12号")
    PartyFactory(dispute=d, name="张三丰", address="甘肃省天水市秦州区民主西路12号")
    PartyFactory(
        dispute=d,
        role=PartyRole.THIRD_PARTY,
        kind=PartyKind.ORGANISATION,
        name="天水麦香食品有限公司",
        id_number="",
        unified_credit_code=ORG_USCC,
        phone="0938-8212345",
        address="天水市麦积区社棠工业园区",  # an organisation's address is not masked
    )
    return d


def html(response):
    return response.content.decode()


# --- masking ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["fuyi_qinzhou", "leader"])
def test_list_shows_parties_masked(login, users, dispute, username):
    page = html(login(getattr(users, username)).get(reverse("disputes:list")))
    assert dispute.number in page
    assert "张三丰" in page
    assert MASKED_ID in page
    assert PERSON_ID not in page
    assert ORG_USCC not in page


@pytest.mark.parametrize("username", ["fuyi_qinzhou", "leader"])
def test_detail_shows_identifiers_phones_and_addresses_masked(login, users, dispute, username):
    page = html(login(getattr(users, username)).get(reverse("disputes:detail", args=[dispute.pk])))
    assert MASKED_ID in page and MASKED_MOBILE in page
    for secret in (PERSON_ID, MOBILE, ORG_USCC, "0938-8212345", "民主西路12号"):
        assert secret not in page


def test_reveal_button_only_for_users_with_the_permission(login, users, dispute):
    reveal_url = reverse("disputes:party_reveal", args=[dispute.parties.first().pk])
    assert reveal_url in html(login(users.fuyi_qinzhou).get(reverse("disputes:detail", args=[dispute.pk])))
    assert reveal_url not in html(login(users.leader).get(reverse("disputes:detail", args=[dispute.pk])))


# --- reveal -----------------------------------------------------------------------------------------


def test_reveal_by_htmx_returns_the_row_with_full_data_and_logs_access(login, users, dispute):
    party = dispute.parties.get(name="张三丰")
    client = login(users.fuyi_qinzhou)
    response = client.post(reverse("disputes:party_reveal", args=[party.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    row = html(response)
    assert row.strip().startswith(f'<tr id="party-{party.pk}"')
    assert PERSON_ID in row and MOBILE in row and "民主西路12号" in row
    assert "天水麦香食品有限公司" not in row  # only the one party
    assert "no-store" in response["Cache-Control"]  # full ID numbers never stay in a cache
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.object_id) == (users.fuyi_qinzhou, "reveal", str(party.pk))


def test_reveal_without_htmx_renders_the_dispute_page_with_that_party_revealed(login, users, dispute):
    org = dispute.parties.get(kind=PartyKind.ORGANISATION)
    page = html(login(users.fuyi).post(reverse("disputes:party_reveal", args=[org.pk])))
    assert ORG_USCC in page
    assert PERSON_ID not in page  # the other party stays masked
    assert AccessLog.objects.count() == 1


def test_reveal_needs_the_permission(login, users, dispute):
    party = dispute.parties.first()
    response = login(users.leader).post(
        reverse("disputes:party_reveal", args=[party.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 403
    assert PERSON_ID not in html(response)
    assert not AccessLog.objects.exists()


def test_reveal_is_post_only(login, users, dispute):
    response = login(users.fuyi).get(reverse("disputes:party_reveal", args=[dispute.parties.first().pk]))
    assert response.status_code == 405
    assert not AccessLog.objects.exists()


def test_reveal_fails_closed_when_the_access_log_cannot_be_written(login, users, dispute, monkeypatch):
    def broken(**kwargs):
        raise DatabaseError("the access log table cannot be written")

    monkeypatch.setattr(services, "log_access", broken)
    party = dispute.parties.get(name="张三丰")
    response = login(users.fuyi).post(
        reverse("disputes:party_reveal", args=[party.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert PERSON_ID not in html(response)
    assert "访问留痕功能不可用" in html(response)


# --- jurisdiction -------------------------------------------------------------------------------------


def test_county_officer_lists_only_the_countys_disputes(login, users, tree, dispute):
    maiji = DisputeFactory(respondent=tree.maiji_market)
    page = html(login(users.fuyi_qinzhou).get(reverse("disputes:list")))
    assert dispute.number in page and maiji.number not in page
    page = html(login(users.fuyi_maiji).get(reverse("disputes:list")))
    assert maiji.number in page and dispute.number not in page


def test_list_filters_through_the_query_string(login, users, tree, dispute):
    other = DisputeFactory(respondent=tree.qinzhou_market, act_type=ActType.LICENSING)
    PartyFactory(dispute=other, name="李四")
    client = login(users.fuyi)
    page = html(client.get(reverse("disputes:list"), {"party": "张三"}))
    assert dispute.number in page and other.number not in page
    page = html(client.get(reverse("disputes:list"), {"act_type": ActType.LICENSING}))
    assert other.number in page and dispute.number not in page
    page = html(client.get(reverse("disputes:list"), {"party": "无此人"}))
    assert "没有符合条件的争议" in page


def test_list_is_paginated_by_25(login, users, tree):
    for _ in range(27):
        DisputeFactory(respondent=tree.qinzhou_market)
    client = login(users.fuyi)
    first = client.get(reverse("disputes:list"))
    assert len(first.context["disputes"]) == 25
    assert "共 27 条" in html(first)
    second = client.get(reverse("disputes:list"), {"page": 2})
    assert len(second.context["disputes"]) == 2


def _list_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("disputes:list"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _add_disputes(tree, n):
    for i in range(n):
        d = DisputeFactory(respondent=tree.qinzhou_market if i % 2 else tree.maiji_market)
        PartyFactory(dispute=d)
        PartyFactory(dispute=d, role=PartyRole.THIRD_PARTY, name=f"第三人{i}")


def test_list_page_queries_are_constant_in_the_number_of_rows(login, users, tree, django_assert_num_queries):
    client = login(users.fuyi)
    _add_disputes(tree, 3)
    few = _list_queries(client)
    _add_disputes(tree, 30)
    assert _list_queries(client) == few
    with django_assert_num_queries(10):
        client.get(reverse("disputes:list"))


def test_detail_page_queries_are_bounded(login, users, dispute, django_assert_num_queries):
    for i in range(10):
        PartyFactory(dispute=dispute, role=PartyRole.THIRD_PARTY, name=f"第三人{i}")
    client = login(users.fuyi)
    client.get(reverse("disputes:detail", args=[dispute.pk]))  # the content types are cached from here
    # one query per mechanism on the dispute's path (reconsideration, enforcement, mediation and
    # litigation register a timeline provider each), whatever the number of parties
    with django_assert_num_queries(14):
        response = client.get(reverse("disputes:detail", args=[dispute.pk]))
    assert response.status_code == 200


# --- create -------------------------------------------------------------------------------------------


def create_data(tree, **extra):
    data = {
        "respondent": tree.qinzhou_market.pk,
        "act_type": ActType.PENALTY,
        "sector": Sector.FOOD_DRUG,
        "act_date": "2026-03-02",
        "act_document_number": "秦市监罚〔2026〕7号",
        "summary": "不服罚款决定。",
        "claimant-role": PartyRole.CLAIMANT,
        "claimant-kind": PartyKind.PERSON,
        "claimant-name": "张三",
        "claimant-id_number": PERSON_ID,
        "claimant-unified_credit_code": "",
        "claimant-phone": MOBILE,
        "claimant-address": "天水市秦州区",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "0",
        "parties-MAX_NUM_FORMS": "20",
        "parties-0-role": PartyRole.THIRD_PARTY,
        "parties-0-kind": PartyKind.ORGANISATION,
        "parties-0-name": "天水麦香食品有限公司",
        "parties-0-unified_credit_code": ORG_USCC,
        "parties-0-id_number": "",
        "parties-1-role": PartyRole.THIRD_PARTY,  # a row added and left blank
        "parties-1-kind": PartyKind.PERSON,
        "parties-1-name": "",
    }
    data.update(extra)
    return data


def test_create_page_renders_for_an_officer(login, users):
    response = login(users.fuyi_qinzhou).get(reverse("disputes:create"))
    assert response.status_code == 200
    page = html(response)
    assert "登记行政争议" in page and "parties-empty-form" in page
    # only units of the officer's county are offered as respondents
    assert "秦州区市场监督管理局" in page and "麦积区市场监督管理局" not in page


def test_create_registers_dispute_claimant_and_third_party(login, users, tree):
    response = login(users.fuyi_qinzhou).post(reverse("disputes:create"), create_data(tree))
    dispute = Dispute.objects.get()
    assert response.status_code == 302 and response["Location"] == dispute.get_absolute_url()
    assert dispute.created_by == users.fuyi_qinzhou
    parties = {p.name: p for p in dispute.parties.all()}
    assert set(parties) == {"张三", "天水麦香食品有限公司"}
    assert parties["张三"].role == PartyRole.CLAIMANT and parties["张三"].id_number == PERSON_ID
    assert parties["天水麦香食品有限公司"].unified_credit_code == ORG_USCC


def test_create_with_a_bad_id_number_shows_the_chinese_error_and_keeps_input(login, users, tree):
    data = create_data(tree, **{"claimant-id_number": "110105194912310021"})
    response = login(users.fuyi).post(reverse("disputes:create"), data)
    assert response.status_code == 200
    page = html(response)
    assert "身份证号码校验位错误，请核对。" in page
    assert "秦市监罚〔2026〕7号" in page  # the user's input is still there
    assert not Dispute.objects.exists()


def test_create_refuses_a_respondent_outside_the_jurisdiction(login, users, tree):
    data = create_data(tree, respondent=tree.maiji_market.pk)
    response = login(users.fuyi_qinzhou).post(reverse("disputes:create"), data)
    assert response.status_code == 200
    assert not Dispute.objects.exists()


def test_create_drops_an_identifier_typed_for_the_other_kind(login, users, tree):
    data = create_data(tree, **{"parties-0-id_number": "12345"})
    login(users.fuyi).post(reverse("disputes:create"), data)
    org = Party.objects.get(kind=PartyKind.ORGANISATION)
    assert org.id_number == ""


# --- edit ---------------------------------------------------------------------------------------------


def edit_data(dispute, **extra):
    data = {
        "respondent": dispute.respondent_id,
        "act_type": dispute.act_type,
        "sector": dispute.sector,
        "act_date": dispute.act_date.isoformat(),
        "act_document_number": dispute.act_document_number,
        "summary": dispute.summary,
        "version": dispute.version,
    }
    data.update(extra)
    return data


def test_edit_saves_and_bumps_the_version(login, users, dispute):
    client = login(users.fuyi_qinzhou)
    response = client.post(
        reverse("disputes:edit", args=[dispute.pk]), edit_data(dispute, summary="补充了事实")
    )
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.summary, dispute.version) == ("补充了事实", 2)


def test_stale_edit_shows_the_message_keeps_input_and_overwrites_nothing(login, users, dispute):
    client = login(users.fuyi_qinzhou)
    form_page = client.get(reverse("disputes:edit", args=[dispute.pk]))
    assert 'name="version" value="1"' in html(form_page)
    # meanwhile a colleague saves the record
    services.dispute_update(dispute=dispute, version=1, actor=users.fuyi, summary="同事的修改")
    response = client.post(
        reverse("disputes:edit", args=[dispute.pk]), edit_data(dispute, summary="我的修改", version=1)
    )
    assert response.status_code == 409  # the conflict page (core.concurrency)
    page = html(response)
    assert "该记录已被他人修改" in page
    assert "我的修改" in page
    dispute.refresh_from_db()
    assert dispute.summary == "同事的修改"
    assert dispute.version == 2


# --- parties, resolution, stats ---------------------------------------------------------------------


def test_party_add_registers_an_agent_for_the_claimant(login, users, dispute):
    claimant = dispute.parties.get(role=PartyRole.CLAIMANT)
    data = {
        "role": PartyRole.AGENT,
        "kind": PartyKind.PERSON,
        "name": "李律师",
        "phone": "0938-8212346",
        "agent_for": claimant.pk,
    }
    response = login(users.fuyi_qinzhou).post(reverse("disputes:party_add", args=[dispute.pk]), data)
    assert response.status_code == 302
    assert dispute.parties.get(name="李律师").agent_for == claimant


def test_party_add_agent_without_principal_shows_an_error(login, users, dispute):
    data = {"role": PartyRole.AGENT, "kind": PartyKind.PERSON, "name": "李律师"}
    response = login(users.fuyi_qinzhou).post(reverse("disputes:party_add", args=[dispute.pk]), data)
    assert response.status_code == 200
    assert "请选择被代理人" in html(response)


def test_resolution_page_records_substantive_resolution(login, users, dispute):
    data = {
        "status": DisputeStatus.RESOLVED,
        "resolved_at": "2026-05-06",
        "resolved_substantively": "true",
        "resolution_note": "调解结案",
        "version": dispute.version,
    }
    response = login(users.fuyi_qinzhou).post(reverse("disputes:resolve", args=[dispute.pk]), data)
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.status, dispute.resolved_at, dispute.resolved_substantively) == (
        DisputeStatus.RESOLVED,
        datetime.date(2026, 5, 6),
        True,
    )
    page = html(login(users.fuyi_qinzhou).get(reverse("disputes:detail", args=[dispute.pk])))
    assert "争议已化解" in page


def test_stats_page_counts_by_agency(login, users, dispute, tree):
    DisputeFactory(respondent=tree.maiji_market)
    page = html(login(users.fuyi_qinzhou).get(reverse("disputes:stats")))
    assert "秦州区市场监督管理局" in page
    assert "麦积区市场监督管理局" not in page
