"""Request hygiene and response headers that every page shares.

- A path holding a control character (a NUL byte, `%00`, or any C0 character) names no page: 404,
  before any view or query sees it. A query string holding a NUL byte is a bad request (400):
  PostgreSQL cannot compare text with NUL in it.
- Pages that show personal data (cases, disputes and their parties, the audit trail, user
  accounts) are never stored by the browser or a proxy: `Cache-Control: no-store`, by URL prefix
  (settings.NO_STORE_PATH_PREFIXES), so the apps' views need no decorator.
- Every response carries a Permissions-Policy that switches off the browser features the system
  never uses (camera, microphone, location, payment …).
- Django's admin answers only superusers; everyone else gets 404 (the admin's own login page
  included — superusers sign in through the system's login first).
"""

from __future__ import annotations

from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.exception import response_for_exception
from django.http import Http404
from django.utils.cache import add_never_cache_headers

from .validators import CONTROL_CHARACTERS_RE

DEFAULT_NO_STORE_PATH_PREFIXES = (
    "/reconsideration/",
    "/disputes/",
    "/audit/",
    "/accounts/users/",
)

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class BadRequestCharacters(SuspiciousOperation):
    """A query string with a NUL byte (answered 400 by Django's SuspiciousOperation handling)."""


class SecurityHeadersMiddleware:
    """See the module docstring. Placed right after SecurityMiddleware, so its headers reach every
    response, the error pages included."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.no_store_prefixes = tuple(
            getattr(settings, "NO_STORE_PATH_PREFIXES", DEFAULT_NO_STORE_PATH_PREFIXES)
        )

    def __call__(self, request):
        response = self._response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path_info.startswith(self.no_store_prefixes):
            add_never_cache_headers(response)
        return response

    def _response(self, request):
        try:
            if CONTROL_CHARACTERS_RE.search(request.path_info):
                raise Http404
            if "\x00" in unquote(request.META.get("QUERY_STRING", "")):
                raise BadRequestCharacters("NUL byte in the query string")
        except (Http404, SuspiciousOperation) as exc:
            return response_for_exception(request, exc)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is not None and "admin" in match.namespaces:
            user = getattr(request, "user", None)
            if user is None or not (user.is_active and user.is_superuser):
                raise Http404
        return None
