"""Login security: one answer for every refusal, lockout, safe `next`, disabled users."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.forms import LOGIN_FAILED_MESSAGE

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _post_login(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def _refusal(response):
    """What a caller can observe of a refused login: status and the page's error."""
    html = response.content.decode()
    return response.status_code, str(LOGIN_FAILED_MESSAGE) in html, "_auth_user_id" in response.client.session


def test_login_page_is_chinese_and_has_no_sidebar(client):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert "天水市诉源治理案件管理系统" in html
    assert "天水市司法局" in html
    assert "login-card" in html and "img/emblem.svg" in html
    assert "app-sidebar" not in html


def test_right_password_logs_in_and_lands_on_the_workbench(client, users, password):
    response = _post_login(client, "fuyi", password)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert client.get("/").status_code == 200


def test_unknown_user_and_wrong_password_get_the_same_answer(client, users):
    unknown = _post_login(client, "no_such_user", "Whatever@12345")
    wrong = _post_login(client, "fuyi", "Wrong@password1")
    assert _refusal(unknown) == _refusal(wrong) == (200, True, False)


def test_five_failures_lock_the_pair_for_thirty_minutes(client, users, password):
    unknown = _post_login(client, "no_such_user", "Whatever@12345")
    for _ in range(5):
        _post_login(client, "fuyi", "Wrong@password1")
    locked = _post_login(client, "fuyi", password)
    # Refused although the password is right, and indistinguishable from an unknown user.
    assert _refusal(locked) == _refusal(unknown) == (200, True, False)
    assert locked.content.decode().count(str(LOGIN_FAILED_MESSAGE)) == 1

    # 30 minutes later the pair is free again.
    AccessAttempt.objects.filter(username="fuyi").update(attempt_time=timezone.now() - timedelta(minutes=31))
    response = _post_login(client, "fuyi", password)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(users.fuyi.pk)


def test_lockout_is_per_username_and_ip(client, users, password):
    for _ in range(5):
        _post_login(client, "fuyi", "Wrong@password1")
    # Another user from the same address is not affected …
    assert _post_login(client, "fzsh", password).status_code == 302
    client.post(reverse("accounts:logout"))
    # … nor the same user from another address.
    response = client.post(LOGIN, {"username": "fuyi", "password": password}, REMOTE_ADDR="10.20.30.40")
    assert response.status_code == 302


def test_four_failures_do_not_lock(client, users, password):
    for _ in range(4):
        _post_login(client, "fuyi", "Wrong@password1")
    assert _post_login(client, "fuyi", password).status_code == 302


def test_locked_unknown_user_looks_like_a_locked_real_user(client, users):
    for _ in range(5):
        _post_login(client, "ghost", "Wrong@password1")
        _post_login(client, "fuyi", "Wrong@password1")
    ghost = _post_login(client, "ghost", "Wrong@password1")
    real = _post_login(client, "fuyi", "Wrong@password1")
    assert _refusal(ghost) == _refusal(real) == (200, True, False)


def test_external_next_is_ignored(client, users, password):
    response = _post_login(client, "fuyi", password, next="https://evil.example.com/phish")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")


def test_protocol_relative_next_is_ignored(client, users, password):
    response = _post_login(client, "fuyi", password, next="//evil.example.com/")
    assert response["Location"] == reverse("core:home")


def test_internal_next_is_followed(client, users, password):
    response = _post_login(client, "fuyi", password, next="/accounts/password/")
    assert response["Location"] == "/accounts/password/"


def test_anonymous_is_sent_to_login_with_next(client, db):
    response = client.get("/accounts/password/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN + "?next=")


def test_disabled_user_cannot_log_in(client, users, password):
    services.user_disable(actor=users.admin, user=users.fuyi)
    response = _post_login(client, "fuyi", password)
    unknown = _post_login(client, "no_such_user", password)
    assert _refusal(response) == _refusal(unknown) == (200, True, False)


def test_disabled_users_live_session_stops_at_next_request(client, users, password):
    _post_login(client, "fuyi", password)
    assert client.get("/").status_code == 200
    services.user_disable(actor=users.admin, user=users.fuyi)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_disabling_deletes_the_users_sessions_only(client, users, password, django_user_model):
    from django.contrib.sessions.models import Session
    from django.test import Client

    other = Client()
    other.post(LOGIN, {"username": "fzsh", "password": password})
    _post_login(client, "fuyi", password)
    assert Session.objects.count() == 2
    assert services.user_sessions_delete(user=users.fuyi) == 1
    assert Session.objects.count() == 1
    assert other.get("/").status_code == 200


def test_logout_is_post_only_and_ends_the_session(client, users, password):
    _post_login(client, "fuyi", password)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_successful_login_resets_the_failure_count(client, users, password):
    for _ in range(4):
        _post_login(client, "fuyi", "Wrong@password1")
    _post_login(client, "fuyi", password)
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        _post_login(client, "fuyi", "Wrong@password1")
    assert _post_login(client, "fuyi", password).status_code == 302


# Django's own corpus of unsafe redirect targets (tests/utils_tests/test_http.py,
# URLHasAllowedHostAndSchemeTests.test_bad_urls): after a successful login none of them is followed.
UNSAFE_NEXT = [
    "http://example.com",
    "http:///example.com",
    "https://example.com",
    "ftp://example.com",
    r"\\example.com",
    r"\\\example.com",
    r"/\\/example.com",
    r"\\//example.com",
    r"/\/example.com",
    r"\/example.com",
    r"/\example.com",
    r"http:/\//example.com",
    r"http:\/example.com",
    r"http:/\example.com",
    'javascript:alert("XSS")',
    "\njavascript:alert(x)",
    "java\nscript:alert(x)",
    "\x08//example.com",
    r"http://otherserver\@example.com",
    r"http:\\testserver\@example.com",
    r"http://testserver\me:pass@example.com",
    r"http://testserver\@example.com",
    r"http:\\testserver\confirm\me@example.com",
    "http:999999999",
    "ftp:9999999999",
    "\n",
    "http://[2001:cdba:0000:0000:0000:0000:3257:9652/",
    "http://2001:cdba:0000:0000:0000:0000:3257:9652]/",
    "///example.com",
    "//example.com/%2F..",
]


def test_no_unsafe_next_is_followed_after_login(client, users, password):
    for target in UNSAFE_NEXT:
        client.logout()
        response = _post_login(client, "fuyi", password, next=target)
        assert response.status_code == 302, repr(target)
        assert response["Location"] == reverse("core:home"), repr(target)
