"""The legality-review journey in Debian's Chromium (pytest-playwright; no browser download).

`fzsh` (法制审核人员) registers a normative document sent for review, drafts the written opinion with
its six aspects and submits it for signing; another reviewer, `fzsh2`, finds it in the 待签发 queue of
the 工作台 and signs it in their own session; the 合法性审查意见书 downloads as DOCX and, parsed back,
carries its number 天司法审〔YYYY〕1号 and the conclusion.
"""

import io
import re
from pathlib import Path

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from decisions.models import LegalAffairsMatter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, user, password):
    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def _act(page, label):
    page.get_by_role("link", name=label, exact=True).click()
    page.get_by_role("button", name=f"确定{label}").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".alert-danger").count() == 0, page.locator(".alert-danger").all_inner_texts()


def test_normative_document_reviewed_signed_and_downloaded(
    live_server, page, tree, users, make_user, password
):
    drafter = users.fzsh
    signer = make_user("fzsh2", unit=tree.city_justice, roles=[Role.LEGAL_REVIEWER])
    today = timezone.localdate()
    _login(page, live_server, drafter, password)

    # --- 收文登记 ------------------------------------------------------------------------------------
    page.goto(f"{live_server.url}{reverse('decisions:matter_create')}")
    page.select_option("select[name=body]", str(tree.city.pk))
    page.select_option("select[name=kind]", "normative")
    page.fill("input[name=title]", "关于规范城区停车管理的通知")
    page.select_option("select[name=requesting_unit]", str(tree.city_market.pk))
    page.fill("input[name=received_on]", f"{today:%Y-%m-%d}")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state("networkidle")
    matter = LegalAffairsMatter.objects.get()
    assert page.url.endswith(reverse("decisions:matter_detail", args=(matter.pk,)))
    assert "审查期限" in page.content()

    # --- 起草审查意见: the six aspects and the conclusion ------------------------------------------------
    page.get_by_role("link", name="起草审查意见", exact=True).click()
    for aspect in ("subject", "authority", "content", "procedure", "policy"):
        page.select_option(f"select[name={aspect}]", "lawful")
    page.select_option("select[name=basis]", "problem")
    page.fill("textarea[name=basis_text]", "第五条引用的条例条文有误")
    page.select_option("select[name=conclusion]", "amended")
    page.get_by_role("button", name="确定起草审查意见").click()
    page.wait_for_load_state("networkidle")
    assert "书面审查意见" in page.content()
    _act(page, "提交签发")
    # the drafter is never offered the signature
    assert page.get_by_role("link", name="签发审查意见", exact=True).count() == 1  # holds the permission …
    page.get_by_role("link", name="签发审查意见", exact=True).click()
    page.get_by_role("button", name="确定签发审查意见").click()
    page.wait_for_load_state("networkidle")
    assert "签发人不能是起草人" in page.content()  # … but the four-eyes rule refuses
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(re.compile(r".*/accounts/login/.*"))

    # --- the other reviewer signs from the 待签发 queue ------------------------------------------------
    _login(page, live_server, signer, password)
    page.get_by_role("link", name=re.compile("待签发")).first.click()
    page.get_by_role("link", name=matter.number).click()
    _act(page, "签发审查意见")
    number = f"天司法审〔{today.year}〕1号"
    assert number in page.content()

    with page.expect_download() as info:
        page.get_by_role("link", name="下载审查意见书").click()
    content = Path(info.value.path()).read_bytes()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert number in text
    assert "审查结论：修改后合法。" in text
    assert "法律依据：存在问题。第五条引用的条例条文有误。" in text
