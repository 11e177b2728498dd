"""The pages as a new user meets them: refusals of the law shown in Chinese, the legal reviewer's own
queue and signature, the 亮证 check, lists with filters and exports."""

from datetime import date

import pytest
from django.urls import reverse

from enforcement import services
from enforcement.choices import CaseStatus, MajorGround
from enforcement.models import EnforcementCase

from .factories import FILED, file_case, reviewer_officer

pytestmark = pytest.mark.django_db


def test_a_case_with_one_certified_officer_cannot_be_filed(w, users, login):
    client = login(users.zhifa_scj)
    data = {
        "agency": w.agency.pk,
        "item": w.item.pk,
        "procedure": "ordinary",
        "party_kind": "person",
        "party_name": "张三",
        "filed_on": "2025-07-15",
        "investigators": [w.a.pk],
        "facts": "销售过期食品",
        "legal_basis": "食品安全法第一百二十四条",
        "penalty_amount": "60000",
        "benchmark": w.bench.pk,
    }
    response = client.post(reverse("enforcement:case_create"), data)
    assert response.status_code == 200
    assert "执法人员不得少于两人" in response.content.decode()
    assert not EnforcementCase.objects.exists()
    data["investigators"] = [w.a.pk, w.b.pk]
    response = client.post(reverse("enforcement:case_create"), data)
    case = EnforcementCase.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()


def test_major_decision_without_review_is_refused_on_the_page_then_reviewed_in_the_reviewers_session(
    w, users, login, client
):
    case = file_case(w, is_major=True, major_ground=MajorGround.COMPLEX)
    services.case_inform(actor=users.zhifa_scj, case=case, on=FILED, hearing_right_told=False)
    case.refresh_from_db()
    login(users.zhifa_scj)
    url = reverse("enforcement:case_action", kwargs={"pk": case.pk, "action": "decide"})
    response = client.post(
        url, {"version": case.version, "decided_on": "2025-07-20", "summary": "罚款六万元"}
    )
    assert response.status_code == 200
    assert "未经法制审核" in response.content.decode()
    client.post(
        reverse("enforcement:case_action", kwargs={"pk": case.pk, "action": "request_review"}),
        {"version": case.version, "on": "2025-07-16"},
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.LEGAL_REVIEW
    # the reviewer finds it in their own workbench queue and signs it themself
    reviewer_officer(w, users.fzsh)
    client.logout()
    login(users.fzsh)
    home = client.get(reverse("core:home")).content.decode()
    assert "待我审核" in home and case.number in home
    response = client.post(
        reverse("enforcement:case_action", kwargs={"pk": case.pk, "action": "review"}),
        {"version": case.version, "on": "2025-07-17", "conclusion": "approved", "opinion": "同意"},
    )
    assert response.status_code == 302
    client.logout()
    login(users.zhifa_scj)
    case.refresh_from_db()
    response = client.post(
        url, {"version": case.version, "decided_on": "2025-07-20", "summary": "罚款六万元"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED and case.reviews.get().reviewer == users.fzsh
    page = client.get(case.get_absolute_url()).content.decode()
    assert "同意" in page and "enf.publicity_penalty" not in page


def test_stale_form_answers_with_the_conflict_page(w, users, login):
    case = file_case(w)
    client = login(users.zhifa_scj)
    url = reverse("enforcement:case_action", kwargs={"pk": case.pk, "action": "inform"})
    response = client.post(
        url, {"version": case.version - 1 or 99, "on": "2025-07-15", "hearing_right_told": "on"}
    )
    assert response.status_code == 409


def test_certificate_check_page(w, users, login):
    client = login(users.jiandu)
    number = w.a.certificate.number
    page = client.get(reverse("enforcement:certificate_check"), {"number": number}).content.decode()
    assert "证件有效" in page and "王强" in page
    services.certificate_revoke(
        actor=users.jiandu, certificate=w.a.certificate, reason="违法", on=date(2025, 1, 2)
    )
    page = client.get(reverse("enforcement:certificate_check"), {"number": number}).content.decode()
    assert "证件无效" in page
    page = client.get(reverse("enforcement:certificate_check"), {"number": "不存在"}).content.decode()
    assert "未找到" in page


def test_lists_filter_and_export(w, users, login):
    file_case(w)
    file_case(w, penalty_amount=150000, benchmark_deviation_reason="情节特别严重")
    client = login(users.jiandu)
    page = client.get(reverse("enforcement:index"), {"outside_benchmark": "true"}).content.decode()
    assert "类案不同罚" in page and "tsscj执〔2025〕2号" in page and "tsscj执〔2025〕1号" not in page
    response = client.get(reverse("enforcement:index"), {"export": "xlsx"})
    assert response.status_code == 200 and response.export_row_count == 2
    for name in ("officer_list", "certificate_list", "agency_list"):
        response = client.get(reverse(f"enforcement:{name}"), {"export": "xlsx"})
        assert response.status_code == 200, name
    assert "持证率" in client.get(reverse("enforcement:statistics")).content.decode()


def test_agency_staff_see_only_their_agency(w, users, login, make_user, tree):
    from accounts.choices import Role

    from .factories import certified_officer, make_agency

    other_agency, _item, _bench = make_agency(tree.qinzhou_market)
    certified_officer(other_agency, issuer=users.jiandu, name="秦州执法员")
    client = login(users.zhifa_scj)
    page = client.get(reverse("enforcement:officer_list")).content.decode()
    assert "王强" in page and "秦州执法员" not in page
    other = make_user("zhifa_qz", unit=tree.qinzhou_market, roles=[Role.ENFORCEMENT_STAFF])
    client.logout()
    login(other)
    assert client.get(reverse("enforcement:officer_detail", kwargs={"pk": w.a.pk})).status_code == 404
