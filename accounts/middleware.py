"""Session lifetime, the second-factor gate and the must-change-password gate.

All sit after AuthenticationMiddleware and before MessageMiddleware in settings.MIDDLEWARE, so a
message they leave is written to the response by hand (messages.storage.update).
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.messages.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import has_authenticator, mfa_required

#: Session keys, epoch seconds. Set at login by accounts.signals, refreshed on every request.
LOGIN_AT = "accounts_login_at"
LAST_ACTIVITY = "accounts_last_activity"
#: Seconds between two writes of LAST_ACTIVITY (the idle timeout is accurate to this).
ACTIVITY_RESOLUTION = 30
#: Session key: the second factor was given in this session, or this user needs none. Cleared at
#: every password login (accounts.signals), so each login asks for a new code.
SECOND_FACTOR_OK = "accounts_second_factor_ok"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _redirect(request, url: str) -> HttpResponse:
    """A redirect that htmx follows as a full page load rather than swapping it into a fragment."""
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _login_url(request) -> str:
    url = reverse(settings.LOGIN_URL)
    if request.method == "GET":
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
    return url


class SessionTimeoutMiddleware:
    """Log out after SESSION_IDLE_TIMEOUT without a request, or SESSION_ABSOLUTE_TIMEOUT after login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            login_at = session.get(LOGIN_AT)
            last = session.get(LAST_ACTIVITY)
            if login_at is None or last is None:
                # A session from before this middleware existed: start its clocks now.
                session[LOGIN_AT] = login_at = login_at or now
                session[LAST_ACTIVITY] = last = last or now
            idle = now - last > settings.SESSION_IDLE_TIMEOUT.total_seconds()
            expired = now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if idle or expired:
                return self._timed_out(request)
            if now - last >= ACTIVITY_RESOLUTION:
                # Not on every request: a page's htmx fragments should not each rewrite the session.
                session[LAST_ACTIVITY] = now
        return self.get_response(request)

    def _timed_out(self, request):
        login_url = _login_url(request)
        logout(request)
        storage = default_storage(request)
        storage.add(messages.WARNING, _("会话已超时，请重新登录"))
        response = _redirect(request, login_url)
        storage.update(response)
        return response


#: Pages a password-only (not yet verified) session may reach.
SECOND_FACTOR_URL_NAMES = ("accounts:mfa_verify", "accounts:mfa_setup", "accounts:logout", "accounts:login")


class SecondFactorRequiredMiddleware:
    """A logged-in session without its second factor reaches only the code and enrolment pages and
    logout. Users who need no second factor (settings.MFA_REQUIRED off, no role in
    MFA_REQUIRED_ROLES, nothing enrolled) pass; the answer is kept in the session, so a verified or
    exempt session costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._exempt_paths = None

    def exempt_paths(self) -> set[str]:
        if self._exempt_paths is None:
            self._exempt_paths = {reverse(name) for name in SECOND_FACTOR_URL_NAMES}
        return self._exempt_paths

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.session.get(SECOND_FACTOR_OK)
            and request.path not in self.exempt_paths()
            and not request.path.startswith(settings.STATIC_URL)
        ):
            if getattr(user, "is_verified", None) and user.is_verified():
                request.session[SECOND_FACTOR_OK] = True
            elif has_authenticator(user=user):
                return _redirect(request, self._url(request, "accounts:mfa_verify"))
            elif mfa_required(user=user):
                return _redirect(request, self._url(request, "accounts:mfa_setup"))
            else:
                request.session[SECOND_FACTOR_OK] = True
        return self.get_response(request)

    @staticmethod
    def _url(request, name: str) -> str:
        url = reverse(name)
        if request.method == "GET" and request.get_full_path() != "/":
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        return url


class PasswordChangeRequiredMiddleware:
    """A user whose password was set or reset by an admin must change it before anything else."""

    exempt_url_names = ("accounts:password_change", *SECOND_FACTOR_URL_NAMES)

    def __init__(self, get_response):
        self.get_response = get_response
        self._exempt_paths = None

    def exempt_paths(self) -> set[str]:
        if self._exempt_paths is None:
            self._exempt_paths = {reverse(name) for name in self.exempt_url_names}
        return self._exempt_paths

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and request.path not in self.exempt_paths()
            and not request.path.startswith(settings.STATIC_URL)
        ):
            return _redirect(request, reverse("accounts:password_change"))
        return self.get_response(request)
