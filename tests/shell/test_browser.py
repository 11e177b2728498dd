"""Playwright journey in Debian's Chromium (the system browser; no browser download)."""

import pytest

from accounts.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_logs_in_sees_chinese_navigation_and_logs_out(live_server, page, tree, make_user, password):
    leader = make_user("leader", unit=tree.city, roles=[Role.LEADER], real_name="李国华")
    page.goto(f"{live_server.url}/accounts/login/")
    assert "登录" in page.title() or page.get_by_role("button", name="登录").is_visible()
    page.fill("input[name=username]", leader.username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    nav = page.locator(".app-nav")
    assert nav.get_by_text("我的工作台").is_visible()
    assert page.locator(".app-topbar").get_by_text("李国华").is_visible()
    assert "天水市人民政府" in page.locator(".app-topbar").inner_text()
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(f"{live_server.url}/accounts/login/**")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
