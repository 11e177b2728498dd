"""Decoupled side effects of accounts (none carry business rules)."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import LAST_ACTIVITY, LOGIN_AT


@receiver(user_logged_in, dispatch_uid="accounts.start_session_clocks")
def start_session_clocks(sender, request, user, **kwargs):
    """Start the idle and absolute session clocks that SessionTimeoutMiddleware checks."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[LAST_ACTIVITY] = now
