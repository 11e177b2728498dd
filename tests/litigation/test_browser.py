"""The litigation journey in Debian's Chromium (pytest-playwright; no browser download).

`yingsu` registers a food-safety lawsuit against 秦州区市场监督管理局 on a dispute already on file,
files the defence, records today's hearing — the must-appear flag (出庭规定第四条第一款) and the
出庭应诉提醒 to the agency's head appear — records that the head (正职) attended and spoke on the
substantive resolution, records the judgment 驳回诉讼请求, and sees the indicators move: this year's
负责人出庭应诉率 and 应出尽出率 are 1 of 1, the 败诉率 0 of 1.
"""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deadlines.models import Notification
from disputes.choices import Sector
from litigation.models import LitigationCase

from .factories import court_for, litigation_staff, make_dispute

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page):
    page.locator("form.lit-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("form.lit-form").count() == 0, page.locator(
        ".alert-danger, .invalid-feedback"
    ).all_inner_texts()


def test_food_safety_lawsuit_to_indicators(live_server, page, tree, users, password, make_user):
    staff = litigation_staff(tree.city_justice)
    head = make_user("qz_juzhang", unit=tree.qinzhou_market, is_unit_leader=True)
    court = court_for(tree.qinzhou)
    dispute = make_dispute(respondent=tree.qinzhou_market, sector=Sector.FOOD_DRUG)
    today = timezone.localdate()
    received = today - timedelta(days=10)

    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "答辩举证期内的案件" in page.content()

    page.goto(f"{live_server.url}{reverse('litigation:register')}")
    page.select_option("select[name=dispute]", str(dispute.pk))
    page.select_option("select[name=court]", str(court.pk))
    page.fill("input[name=court_case_number]", f"({today.year})甘0502行初1号")
    page.fill("input[name=cause]", "食品安全行政处罚")
    page.fill("input[name=complaint_received_on]", received.isoformat())
    _submit(page)
    case = LitigationCase.objects.get()
    assert page.url.endswith(case.get_absolute_url())

    page.locator("a[data-action=defend]").click()
    page.fill("input[name=defence_filed_on]", received.isoformat())
    page.fill("input[name=evidence_filed_on]", received.isoformat())
    _submit(page)

    page.locator("a[data-action=hearing]").click()
    page.fill("input[name=date]", today.isoformat())
    _submit(page)
    body = page.locator("main").inner_text() if page.locator("main").count() else page.content()
    assert "负责人应当出庭" in body and "已发出庭应诉提醒" in body
    assert Notification.objects.filter(recipient=head, title__contains="出庭应诉提醒").exists()

    page.locator("a[data-action=attendance]").click()
    page.select_option("select[name=head_position]", "principal")
    page.fill("input[name=head_name]", "王局长")
    page.check("input[name=head_spoke]")
    page.fill("input[name=lawyer_names]", "李律师")
    _submit(page)
    assert "本审级负责人出庭" in page.content() and "出声" in page.content()

    page.locator("a[data-action=decide]").click()
    page.select_option("select[name=outcome]", "dismiss_claims")
    page.fill("input[name=outcome_on]", today.isoformat())
    page.fill("input[name=served_on]", today.isoformat())
    _submit(page)
    assert "驳回诉讼请求" in page.content()

    page.goto(f"{live_server.url}{reverse('litigation:statistics')}?year={today.year}")
    attendance = page.locator("[data-indicator=attendance]").inner_text()
    assert "100.00%" in attendance and re.search(r"1\s*/\s*1", attendance)
    assert "100.00%" in page.locator("[data-indicator=must_appear]").inner_text()
    assert "0.00%" in page.locator("[data-indicator=lost]").inner_text()
    page.locator("[data-indicator=attendance] a").first.click()
    page.wait_for_load_state("networkidle")
    assert case.number in page.content()
