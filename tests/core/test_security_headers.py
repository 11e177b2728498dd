"""Headers every page carries, pages the browser must not keep, Django's admin for superusers only,
and marking a notification read only by POST."""

import importlib

import pytest
from django.urls import NoReverseMatch, clear_url_caches, reverse

from ..disputes.factories import DisputeFactory, PartyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispute(tree):
    d = DisputeFactory(respondent=tree.qinzhou_market)
    PartyFactory(dispute=d, name="张三丰")
    return d


def test_dispute_page_and_party_reveal_are_not_stored_by_the_browser(login, users, dispute):
    client = login(users.fuyi_qinzhou)
    page = client.get(reverse("disputes:detail", args=[dispute.pk]))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    party = dispute.parties.first()
    reveal = client.post(reverse("disputes:party_reveal", args=[party.pk]), {"field": "id_number"})
    assert reveal.status_code in (200, 400, 403, 404)
    assert "no-store" in reveal["Cache-Control"]


def test_case_pages_are_not_stored_by_the_browser(login, users, tree):
    from reconsideration.choices import CaseStatus

    from ..reconsideration.factories import case_at

    case = case_at(
        CaseStatus.UNDER_REVIEW,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
    )
    client = login(users.fuyi)
    for url in (reverse("reconsideration:detail", args=[case.pk]), reverse("reconsideration:index")):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/healthz", "/no-such-page/"])
def test_every_response_has_a_permissions_policy(client, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_django_admin_is_for_superusers_only(client, users, make_user, tree):
    assert client.get("/admin/").status_code == 404  # not even the admin's own login page
    client.force_login(users.admin, backend="accounts.backends.AccountsBackend")
    users.admin.is_staff = True
    users.admin.save(update_fields=["is_staff"])
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/accounts/user/").status_code == 404
    root = make_user("root", unit=tree.city_justice, is_superuser=True, is_staff=True)
    client.force_login(root, backend="accounts.backends.AccountsBackend")
    assert client.get("/admin/").status_code == 200


@pytest.fixture
def admin_disabled(settings):
    import tianshui_cases.urls

    original = settings.ADMIN_ENABLED
    settings.ADMIN_ENABLED = False
    importlib.reload(tianshui_cases.urls)
    clear_url_caches()
    yield
    settings.ADMIN_ENABLED = original
    importlib.reload(tianshui_cases.urls)
    clear_url_caches()


def test_admin_is_off_unless_enabled(admin_disabled, client):
    with pytest.raises(NoReverseMatch):
        reverse("admin:index")
    assert client.get("/admin/").status_code == 404


def test_admin_comes_back_when_enabled():
    assert reverse("admin:index") == "/admin/"


def test_production_settings_switch_the_admin_off_by_default(monkeypatch):
    import runpy

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/x")
    monkeypatch.setenv("ALLOWED_HOSTS", "example.org")
    monkeypatch.delenv("ADMIN_ENABLED", raising=False)
    values = runpy.run_module("tianshui_cases.settings.production")
    assert values["ADMIN_ENABLED"] is False
    monkeypatch.setenv("ADMIN_ENABLED", "true")
    assert runpy.run_module("tianshui_cases.settings.production")["ADMIN_ENABLED"] is True
