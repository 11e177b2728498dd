"""The case-file review journey in Debian's Chromium (pytest-playwright; no browser download).

`jiandu` (执法监督人员) opens a sampled file of 天水市市场监督管理局, scores it with small deductions
but one veto item (执法人员不具备执法资格), sees 不合格 whatever the score, raises a rectification
notice from the file and downloads the 行政执法监督通知书 as DOCX, which parses back with its number.
"""

import io
from pathlib import Path

import docx
import pytest
from django.urls import reverse

from supervision.models import SupervisionNotice

from .factories import sampled_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_veto_fails_the_file_and_a_notice_is_raised_and_downloaded(live_server, page, s, users, password):
    f = sampled_file(s)
    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.fill("input[name=username]", users.jiandu.username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}{reverse('supervision:file_detail', args=[f.pk])}")
    page.get_by_role("link", name="评分", exact=True).click()
    page.fill("input[name=d_A1]", "2")
    page.fill("input[name=d_B3]", "3")  # 95 points
    page.get_by_label("执法人员不具备执法资格").check()
    page.fill("textarea[name=note]", "承办人未取得执法证件。")
    page.get_by_role("button", name="确定").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".alert-danger").count() == 0, page.locator(".alert-danger").all_inner_texts()
    body = page.locator("main").inner_text()
    assert "不合格" in body and "95" in body

    page.get_by_role("link", name="制发监督通知书").click()
    assert "评查不合格" in page.locator("textarea[name=problem]").input_value()
    page.fill("input[name=legal_basis]", "《中华人民共和国行政处罚法》第四十二条")
    page.fill("textarea[name=requirement]", "由持证执法人员重新办理并报送整改情况。")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state("networkidle")
    notice = SupervisionNotice.objects.get(reviewed_file=f)
    assert notice.number in page.content()

    with page.expect_download() as info:
        page.get_by_role("link", name="下载通知书").click()
    content = Path(info.value.path()).read_bytes()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert notice.number in text
    assert "由持证执法人员重新办理" in text
