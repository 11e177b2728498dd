"""Decoupled side effects of accounts (none carry business rules)."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django_otp import DEVICE_ID_SESSION_KEY

from .middleware import LAST_ACTIVITY, LOGIN_AT, SECOND_FACTOR_OK
from .selectors import second_factor_needed


@receiver(user_logged_in, dispatch_uid="accounts.start_session_clocks")
def start_session_clocks(sender, request, user, **kwargs):
    """Start the idle and absolute session clocks that SessionTimeoutMiddleware checks."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[LAST_ACTIVITY] = now


@receiver(user_logged_in, dispatch_uid="accounts.start_second_factor")
def start_second_factor(sender, request, user, **kwargs):
    """A password login starts unverified when the user needs a second factor: the code of an earlier
    login in this session does not carry over (there is no "trust this browser"). Whether one is
    needed is decided here, once, so SecondFactorRequiredMiddleware costs no query per request."""
    if request is None or not hasattr(request, "session"):
        return

    if getattr(user, "otp_device", None) is None:
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[SECOND_FACTOR_OK] = not second_factor_needed(user=user)
