"""A dispute follows the cases on it: seen only through a mechanism record the user may open (or, with
no record yet, inside the jurisdiction it was registered in); changed only through a record the user
handles. The attacks below were found against the demo data; each answers 404.
"""

import datetime

import pytest
from django.urls import reverse

from core.exceptions import ApplicationError
from core.models import AccessLog
from disputes import scoping, services
from disputes.choices import DisputeStatus, PartyKind, PartyRole
from disputes.models import Dispute, Party
from disputes.timeline import dispute_timeline
from tests.reconsideration.factories import make_dispute, register_case

from .factories import PERSON_ID, DisputeFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_case_against_maiji(users, tree):
    """天复 case of the city government whose respondent is 麦积区人民政府 (its dispute's org_unit)."""
    return register_case(actor=users.fuyi, body=tree.city, respondent=tree.maiji)


def html(response):
    return response.content.decode()


# --- the attacks ------------------------------------------------------------------------------------


def test_county_officer_cannot_add_a_claimant_to_a_city_cases_dispute(login, users, city_case_against_maiji):
    dispute = city_case_against_maiji.dispute
    before = dispute.parties.count()
    response = login(users.fuyi_maiji).post(
        reverse("disputes:party_add", args=[dispute.pk]),
        {"role": PartyRole.CLAIMANT, "kind": PartyKind.PERSON, "name": "冒名申请人"},
    )
    assert response.status_code == 404
    assert dispute.parties.count() == before


def test_county_officer_cannot_resolve_a_city_cases_dispute(login, users, city_case_against_maiji):
    dispute = city_case_against_maiji.dispute
    response = login(users.fuyi_maiji).post(
        reverse("disputes:resolve", args=[dispute.pk]),
        {
            "status": DisputeStatus.RESOLVED,
            "resolved_at": "2025-03-20",
            "resolved_substantively": "true",
            "version": dispute.version,
        },
    )
    assert response.status_code == 404
    dispute.refresh_from_db()
    assert dispute.status == DisputeStatus.OPEN and dispute.resolved_substantively is None


def test_county_officer_cannot_edit_or_read_a_city_cases_dispute(login, users, city_case_against_maiji):
    dispute = city_case_against_maiji.dispute
    client = login(users.fuyi_maiji)
    assert client.get(reverse("disputes:edit", args=[dispute.pk])).status_code == 404
    response = client.post(
        reverse("disputes:edit", args=[dispute.pk]), {"summary": "改写", "version": dispute.version}
    )
    assert response.status_code == 404
    assert client.get(reverse("disputes:detail", args=[dispute.pk])).status_code == 404
    dispute.refresh_from_db()
    assert dispute.summary != "改写"


def test_county_officer_cannot_reveal_the_applicant_of_a_city_case(login, users, tree):
    case = register_case(actor=users.fuyi, body=tree.city, respondent=tree.qinzhou)
    applicant = case.dispute.parties.get(role=PartyRole.CLAIMANT)
    response = login(users.fuyi_qinzhou).post(reverse("disputes:party_reveal", args=[applicant.pk]))
    assert response.status_code == 404
    assert PERSON_ID not in html(response)
    assert not AccessLog.objects.exists()


def test_enforcement_staff_cannot_read_the_dispute_of_a_case_against_their_agency(login, users, tree):
    dispute = make_dispute(
        respondent=tree.city_market, act_date=datetime.date(2025, 2, 21), claimant="欧阳明远"
    )
    case = register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market, dispute=dispute)
    response = login(users.zhifa_scj).get(reverse("disputes:detail", args=[case.dispute.pk]))
    assert response.status_code == 404
    assert "欧阳明远" not in html(response)
    listing = html(login(users.zhifa_scj).get(reverse("disputes:list")))
    assert case.dispute.number not in listing


# --- who still sees and changes ---------------------------------------------------------------------


def test_the_body_handling_the_case_sees_edits_and_reveals(login, users, city_case_against_maiji):
    dispute = city_case_against_maiji.dispute
    client = login(users.fuyi)
    page = html(client.get(reverse("disputes:detail", args=[dispute.pk])))
    assert dispute.number in page
    # the timeline links the case, which fuyi may open
    assert city_case_against_maiji.get_absolute_url() in page
    applicant = dispute.parties.get(role=PartyRole.CLAIMANT)
    assert client.post(reverse("disputes:party_reveal", args=[applicant.pk])).status_code == 200
    response = client.post(
        reverse("disputes:party_add", args=[dispute.pk]),
        {"role": PartyRole.THIRD_PARTY, "kind": PartyKind.PERSON, "name": "第三人王某"},
    )
    assert response.status_code == 302
    assert dispute.parties.filter(name="第三人王某").exists()


def test_a_reader_of_the_case_sees_the_dispute_but_may_not_change_it(login, users, city_case_against_maiji):
    dispute = city_case_against_maiji.dispute
    client = login(users.leader)  # sees the city's cases, holds no change permission
    assert client.get(reverse("disputes:detail", args=[dispute.pk])).status_code == 200
    assert client.get(reverse("disputes:edit", args=[dispute.pk])).status_code == 403


def test_a_dispute_without_records_is_seen_where_it_was_registered(users, tree):
    dispute = DisputeFactory(respondent=tree.maiji_market)
    assert dispute in Dispute.objects.visible_to(users.fuyi_maiji)
    assert scoping.dispute_changeable(users.fuyi_maiji, dispute)
    assert dispute not in Dispute.objects.visible_to(users.fuyi_qinzhou)


def test_the_first_record_moves_the_dispute_to_the_records_reader(users, tree):
    dispute = DisputeFactory(respondent=tree.maiji)
    PartyFactory(dispute=dispute)
    assert dispute in Dispute.objects.visible_to(users.fuyi_maiji)
    register_case(actor=users.fuyi, body=tree.city, respondent=tree.maiji, dispute=dispute)
    assert dispute not in Dispute.objects.visible_to(users.fuyi_maiji)
    assert not Party.objects.visible_to(users.fuyi_maiji).filter(dispute=dispute).exists()
    assert dispute in Dispute.objects.visible_to(users.fuyi)


def test_a_user_without_the_mechanisms_view_permission_does_not_see_its_disputes(users, tree):
    case = register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market)
    assert case.dispute not in Dispute.objects.visible_to(users.fzsh)  # 法制审核: no reconsideration


def test_services_refuse_a_change_through_no_handled_record(users, city_case_against_maiji):
    dispute = city_case_against_maiji.dispute
    with pytest.raises(ApplicationError, match="未承办"):
        services.party_add(
            dispute=dispute, actor=users.fuyi_maiji, role=PartyRole.CLAIMANT, kind=PartyKind.PERSON, name="某"
        )
    with pytest.raises(ApplicationError, match="未承办"):
        services.dispute_set_resolution(
            dispute=dispute,
            version=dispute.version,
            actor=users.fuyi_maiji,
            status=DisputeStatus.RESOLVED,
            resolved_at=datetime.date(2025, 3, 20),
        )


def test_timeline_links_only_records_the_user_may_open(users, tree):
    city_case = register_case(actor=users.fuyi, body=tree.city, respondent=tree.qinzhou_market)
    dispute = city_case.dispute
    county_case = register_case(
        actor=users.fuyi_qinzhou, body=tree.qinzhou, respondent=tree.qinzhou_market, dispute=dispute
    )
    events = dispute_timeline(dispute, user=users.fuyi_qinzhou)
    urls = {e.url for e in events if e.url}
    assert urls == {county_case.get_absolute_url()}
    assert any(e.detail.startswith(city_case.number) or e.detail == city_case.number for e in events)
    assert {e.url for e in dispute_timeline(dispute, user=users.fuyi) if e.url} == {
        city_case.get_absolute_url(),
        county_case.get_absolute_url(),
    }
