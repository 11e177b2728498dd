"""The litigation pages: one service per form, refusals as Chinese form errors, stale edits, export."""

import pytest
from django.urls import reverse

from disputes.choices import Sector
from litigation.choices import CaseStatus, HeadPosition
from litigation.models import LitigationCase

from .factories import defend, make_dispute, register

pytestmark = pytest.mark.django_db


def test_register_page_creates_the_case(lit, login):
    dispute = make_dispute(respondent=lit.agency, sector=Sector.FOOD_DRUG)
    client = login(lit.staff)
    response = client.post(
        reverse("litigation:register"),
        {
            "dispute": dispute.pk,
            "court": lit.court.pk,
            "court_case_number": "(2025)甘0502行初12号",
            "cause": "食品安全行政处罚",
            "procedure": "ordinary",
            "complaint_received_on": "2025-09-16",
        },
    )
    case = LitigationCase.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    page = client.get(case.get_absolute_url())
    assert "提交答辩状和证据" in page.content.decode()


def test_register_form_limits_length_in_chinese(lit, login):
    client = login(lit.staff)
    response = client.post(reverse("litigation:register"), {"cause": "案" * 101})
    form = response.context["form"]
    assert "cause" in form.errors and "101" in str(form.errors["cause"])
    assert "这个字段是必填项" in str(form.errors["court"])


def test_defence_action_and_gate_error(lit, login):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    client = login(lit.staff)
    url = reverse("litigation:action", args=[case.pk, "defend"])
    response = client.post(url, {"defence_filed_on": "2025-09-01", "evidence_filed_on": "2025-09-20"})
    assert response.status_code == 200
    assert "不能早于" in str(response.context["form"].errors)
    response = client.post(url, {"defence_filed_on": "2025-09-20", "evidence_filed_on": "2025-09-20"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_TRIAL and case.defence_on_time


def test_attendance_page_shows_the_flags(lit, login):
    case = defend(
        register(actor=lit.staff, respondent=lit.agency, court=lit.court, sector=Sector.FOOD_DRUG), lit.staff
    )
    client = login(lit.staff)
    client.post(reverse("litigation:action", args=[case.pk, "hearing"]), {"date": "2025-10-20"})
    hearing = case.hearings.get()
    response = client.post(
        reverse("litigation:attendance", args=[case.pk, hearing.pk]),
        {
            "defendant": case.defendants.get().pk,
            "head_name": "赵科长",
            "head_position": HeadPosition.OTHER,
            "lawyer_names": "李律师",
        },
    )
    assert response.status_code == 302
    page = client.get(case.get_absolute_url()).content.decode()
    assert "负责人应当出庭" in page and "应出庭未出庭" in page


def test_stale_edit_answers_409(lit, login):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    client = login(lit.staff)
    url = reverse("litigation:edit", args=[case.pk])
    data = {"version": case.version, "court_case_number": "(2025)甘0502行初13号", "cause": "行政处罚"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 409


def test_unknown_action_is_404(lit, login):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    assert login(lit.staff).get(reverse("litigation:action", args=[case.pk, "nope"])).status_code == 404


def test_export_xlsx(lit, login):
    register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    response = login(lit.staff).get(reverse("litigation:index"), {"export": "xlsx"})
    assert response.status_code == 200 and response.export_row_count == 1


def test_statistics_page_shows_five_indicators(lit, login):
    response = login(lit.staff).get(reverse("litigation:statistics"), {"year": 2025})
    html = response.content.decode()
    for label in ("负责人出庭应诉率", "应出尽出率", "出庭出声率", "主动应诉率", "败诉率"):
        assert label in html


def test_workbench_panel(lit, login):
    register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    html = login(lit.staff).get("/").content.decode()
    assert "答辩举证期内的案件" in html


def test_dispute_page_shows_the_lawsuit(lit, login):
    case = register(actor=lit.staff, respondent=lit.agency, court=lit.court)
    html = login(lit.staff).get(case.dispute.get_absolute_url()).content.decode()
    assert "行政应诉" in html and lit.court.name in html
    # the dispute is seen through the lawsuit, not by 麦积区's litigation staff
    assert login(lit.maiji_staff).get(case.dispute.get_absolute_url()).status_code == 404
