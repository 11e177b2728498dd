"""The mediation journey in Debian's Chromium (pytest-playwright; no browser download).

`tiaojie` (a people's mediator) registers a case the district court entrusted (特邀调解-委托) with the
file received Mon 2026-01-05 — the 30-day entrusted-mediation clock is due Wed 2026-02-04 (特邀调解规定
第二十一条) — starts mediation with the parties' consent, records a written agreement in force Tue
2026-01-20, downloads the 人民调解协议书 and sees the judicial-confirmation deadline: 30 days → raw
Thu 02-19, inside the Spring Festival holiday, so Tue 2026-02-24 (人民调解法第三十三条).
"""

import io
from pathlib import Path

import docx
import pytest
from django.urls import reverse

from mediation.models import MediationCase

from .factories import mediation_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, user, password):
    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def _action(page, label):
    page.locator("#actions a", has_text=label).click()
    page.wait_for_load_state("networkidle")


def _submit(page):
    page.locator("form.med-action-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".alert-success").count() == 1, page.locator(
        ".alert-danger, .invalid-feedback"
    ).all_inner_texts()


def test_court_entrusted_case_to_agreement_and_confirmation_deadline(
    live_server, page, tree, make_user, password
):
    med = mediation_world(tree, make_user)
    _login(page, live_server, med.tiaojie, password)

    page.goto(f"{live_server.url}{reverse('mediation:register')}")
    page.select_option("select[name=unit]", str(med.committee.pk))
    page.select_option("select[name=mediation_type]", "invited_entrusted")
    page.select_option("select[name=source]", "court_entrusted")
    page.select_option("select[name=referring_unit]", str(med.court.pk))
    page.fill("input[name=received_on]", "2026-01-05")
    page.fill("input[name=materials_received_on]", "2026-01-05")
    page.fill("input[name=parties]", "张三、李四")
    page.fill("input[name=subject]", "买卖合同纠纷")
    page.fill("textarea[name=civil_description]", "货款结算争议，法院委托调解。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state("networkidle")
    case = MediationCase.objects.get()
    assert page.url.endswith(reverse("mediation:detail", args=(case.pk,)))
    assert "2026-02-04" in page.content()  # the entrusted-mediation clock

    _action(page, "开始调解")
    page.fill("input[name=on]", "2026-01-06")
    page.check("input[name=consent]")
    _submit(page)

    _action(page, "达成调解协议")
    page.select_option("select[name=form]", "written")
    page.fill("textarea[name=parties_info]", "张三，男，住天水市秦州区。\n李四，男，住天水市麦积区。")
    page.fill("textarea[name=facts]", "双方因货款结算发生争议，李四负主要责任")
    page.fill("textarea[name=content]", "李四于2026年1月30日前向张三支付货款8000元")
    page.fill("input[name=performance_method]", "银行转账")
    page.fill("input[name=performance_due_on]", "2026-01-30")
    page.fill("input[name=effective_on]", "2026-01-20")
    _submit(page)

    content = page.content()
    assert "申请司法确认期限" in content and "2026-02-24" in content
    with page.expect_download() as info:
        page.locator("#documents a", has_text="人民调解协议书").click()
    document = docx.Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "人民调解协议书" in text and "李四于2026年1月30日前向张三支付货款8000元。" in text
    assert "2026年2月24日前" in text
