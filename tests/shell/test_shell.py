"""The UI shell: navigation by role, Chinese pages, nothing loaded from the internet."""

import re
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def _nav_labels(html):
    nav = html.split('class="app-nav"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<span>([^<]+)</span>", nav)


def test_home_shows_name_unit_and_chinese_navigation(login, users):
    response = login(users.fuyi).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert users.fuyi.real_name in html
    assert "天水市司法局" in html
    assert "我的工作台" in _nav_labels(html)
    assert "退出登录" in html


def test_navigation_shows_only_what_the_role_may_open(login, users):
    admin_nav = _nav_labels(login(users.admin).get("/").content.decode())
    assert "审计" not in admin_nav  # 系统管理员 reads no audit log
    auditor_nav = _nav_labels(login(users.auditor).get("/").content.decode())
    assert "系统管理" not in auditor_nav


def test_the_leader_reads_every_mechanism_that_has_pages(login, users):
    nav = _nav_labels(login(users.leader).get("/").content.decode())
    for label in ("行政决策", "行政执法", "行政监督", "多元化解", "行政复议", "行政应诉", "数据看板"):
        assert label in nav
    # but not the administrators' pages
    for label in ("系统管理", "安全管理"):
        assert label not in nav


def test_error_pages_are_chinese(client, login, users):
    response = login(users.nobody).get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_pages_use_only_local_assets():
    """No template or static file loads anything from the internet (the intranet has none)."""
    pattern = re.compile(r"""(src|href)\s*=\s*["']?(https?:)?//""", re.I)
    css_import = re.compile(r"""@import\s+url\(\s*["']?https?://|url\(\s*["']?https?://""", re.I)
    offenders = []
    for base in [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]:
        for path in base.rglob("*.html"):
            if pattern.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path))
    for path in (Path(settings.BASE_DIR) / "static").rglob("*.css"):
        if css_import.search(path.read_text(encoding="utf-8", errors="ignore")):
            offenders.append(str(path))
    assert offenders == []


def test_content_security_policy_allows_only_this_site(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "http" not in csp
