"""The leader's journey in Debian's Chromium (pytest-playwright): `leader` opens the dashboard for
2025, switches to 秦州区, clicks a figure and lands on the list with the same count; the charts draw
and a screenshot of the dashboard is saved (var/screenshots/dashboard.png)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.dashboard.test_dashboard import records  # noqa: F401 — the shared fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_switches_to_a_county_and_opens_a_figure(live_server, page, tree, users, password, records):  # noqa: F811
    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.fill("input[name=username]", users.leader.username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("#workbench-dashboard").count() == 1

    page.goto(f"{live_server.url}{reverse('dashboard:index')}?period=year&year=2025")
    assert page.locator("#panel-reconsideration svg").count() >= 1  # ECharts drew (CSP allows it)
    assert page.locator("#counties-side-by-side").count() == 1
    page.select_option("select[name=within]", str(tree.qinzhou.pk))
    page.get_by_role("button", name="统计").click()
    page.wait_for_load_state("networkidle")
    assert "秦州区" in page.locator("#dashboard-scope").inner_text()
    shots = Path(settings.BASE_DIR) / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)

    figure = page.locator("#panel-reconsideration a.stat-card").first
    shown = figure.locator(".stat-value").inner_text().strip()
    figure.click()
    page.wait_for_load_state("networkidle")
    assert f"共 {shown} 条" in page.content()
