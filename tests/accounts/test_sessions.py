"""Session lifetime: 30 minutes idle, 12 hours absolute; then log in again."""

import time

import pytest
from django.urls import reverse

from accounts.middleware import LAST_ACTIVITY, LOGIN_AT

pytestmark = pytest.mark.django_db


def _shift(client, key, seconds):
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def test_login_starts_both_clocks(login, users):
    client = login(users.fuyi)
    now = time.time()
    assert abs(client.session[LOGIN_AT] - now) < 5
    assert abs(client.session[LAST_ACTIVITY] - now) < 5


def test_activity_within_the_idle_timeout_keeps_the_session(login, users):
    client = login(users.fuyi)
    _shift(client, LAST_ACTIVITY, 29 * 60)
    assert client.get("/").status_code == 200
    # the request counted as activity: the idle clock restarted
    assert time.time() - client.session[LAST_ACTIVITY] < 5


def test_idle_timeout_logs_out_with_a_message_and_next(login, users):
    client = login(users.fuyi)
    _shift(client, LAST_ACTIVITY, 31 * 60)
    response = client.get("/accounts/password/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=%2Faccounts%2Fpassword%2F"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"])
    assert "会话已超时，请重新登录" in page.content.decode()
    # and the session really is over
    assert client.get("/").status_code == 302


def test_absolute_timeout_ends_even_an_active_session(login, users):
    client = login(users.fuyi)
    _shift(client, LOGIN_AT, 12 * 3600 + 60)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "会话已超时，请重新登录" in client.get(response["Location"]).content.decode()
    assert client.get("/").status_code == 302


def test_session_just_under_twelve_hours_is_kept(login, users):
    client = login(users.fuyi)
    _shift(client, LOGIN_AT, 12 * 3600 - 120)
    assert client.get("/").status_code == 200


def test_htmx_request_after_timeout_gets_a_full_page_redirect(login, users):
    client = login(users.fuyi)
    _shift(client, LAST_ACTIVITY, 31 * 60)
    response = client.get("/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))
