"""Input the registration page and the models refuse: texts past their maximum (a 120,000-character
request is refused with a Chinese message, not stored), a respondent the body cannot review
(复议法第二十四条), and every error shown at once; the dispute picker finds disputes by number,
respondent or party, within the jurisdiction only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from disputes.models import Dispute
from reconsideration.models import ReconsiderationCase

from .factories import register_case
from .test_views import _register_data

pytestmark = pytest.mark.django_db


def test_a_120000_character_request_is_refused_with_a_chinese_message(tree, users, login):
    client = login(users.fuyi)
    response = client.post(reverse("reconsideration:register"), _register_data(tree, requests="请" * 120000))
    assert response.status_code == 200
    page = response.content.decode()
    assert "2000" in page and "120000" in page
    assert not ReconsiderationCase.objects.exists() and not Dispute.objects.exists()


def test_the_model_caps_request_and_facts(tree, users):
    case = register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market)
    case.requests = "请" * 2001
    case.facts_and_reasons = "事" * 20001
    with pytest.raises(ValidationError) as refused:
        case.full_clean()
    assert set(refused.value.message_dict) >= {"requests", "facts_and_reasons"}
    assert "不能超过2000个字" in refused.value.message_dict["requests"][0]


def test_all_errors_show_at_once_and_required_fields_are_marked(tree, users, login):
    client = login(users.fuyi)
    page = client.get(reverse("reconsideration:register")).content.decode()
    assert "asteriskField" in page  # crispy's mark of a required field
    data = _register_data(tree, requests="", **{"claimant-name": "", "parties-TOTAL_FORMS": "1"})
    data.update(
        {
            "parties-0-role": "third_party",
            "parties-0-kind": "person",
            "parties-0-name": "",
            "parties-0-phone": "abc",
        }
    )
    page = client.post(reverse("reconsideration:register"), data).content.decode()
    # The application's error, the applicant's and the further party's, on one page.
    assert page.count("invalid-feedback") >= 3


def test_the_respondent_cannot_be_the_body_itself(tree, users, login):
    client = login(users.fuyi)
    response = client.post(reverse("reconsideration:register"), _register_data(tree, respondent=tree.city.pk))
    assert response.status_code == 200
    assert "被申请人不能是本行政复议机关或其上级人民政府" in response.content.decode()
    assert not ReconsiderationCase.objects.exists()


def test_the_county_body_cannot_review_the_city_government(tree, users, login):
    client = login(users.fuyi)
    data = _register_data(tree, body=tree.qinzhou.pk, respondent=tree.city.pk)
    page = client.post(reverse("reconsideration:register"), data).content.decode()
    assert "被申请人不能是本行政复议机关或其上级人民政府" in page
    assert not ReconsiderationCase.objects.exists()


def test_the_dispute_picker_searches_within_the_jurisdiction(tree, users, login):
    city = register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market).dispute
    county = register_case(
        actor=users.fuyi_qinzhou, body=tree.qinzhou, respondent=tree.qinzhou_market
    ).dispute
    url = reverse("disputes:picker")
    page = login(users.fuyi_maiji).get(url, {"q": county.number}).content.decode()
    assert county.number not in page and "没有找到匹配的行政争议" in page
    page = login(users.fuyi_qinzhou).get(url, {"q": "张三"}).content.decode()
    assert county.number in page and city.number not in page
    assert f'data-dispute-pick="{county.pk}"' in page
    assert login(users.fuyi_qinzhou).get(url, {"q": ""}).content.decode().strip() == ""


def test_the_registration_page_offers_a_search_not_a_dropdown(tree, users, login):
    for _ in range(3):
        register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market)
    page = login(users.fuyi).get(reverse("reconsideration:register")).content.decode()
    assert reverse("disputes:picker") in page and 'type="hidden" name="dispute"' in page
    assert "ZY-" not in page  # no option per dispute


def test_the_review_record_reaches_the_decision_document(tree, users, login):
    """记录答复要点和查明事实: posted on the case page, shown there, written into the 决定书."""
    from reconsideration.choices import CaseStatus, EventKind

    from .factories import case_at

    case = case_at(
        CaseStatus.IN_TRIAL,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
    )
    client = login(users.fuyi)
    response = client.post(
        reverse("reconsideration:action", args=(case.pk, "review_record")),
        {
            "respondent_statement": "处罚适当。",
            "third_party_statement": "",
            "findings": "申请人于1月2日经营。",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.respondent_statement, case.findings) == ("处罚适当。", "申请人于1月2日经营。")
    assert case.events.filter(kind=EventKind.REVIEW_RECORD).exists()
    page = client.get(reverse("reconsideration:detail", args=(case.pk,))).content.decode()
    assert "申请人于1月2日经营。" in page
    too_long = client.post(
        reverse("reconsideration:action", args=(case.pk, "review_record")), {"findings": "查" * 20001}
    )
    assert too_long.status_code == 200 and "20000" in too_long.content.decode()


# The order-to-perform period (第六十四条、第六十六条) is asked for on the submission form: see
# tests/reconsideration/test_views.py::test_an_order_states_its_period_from_submission_to_the_signed_decision
