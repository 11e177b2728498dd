from django.urls import NoReverseMatch, reverse

from deadlines.notifications import unread_count

from .navigation import navigation_for


def shell(request):
    """The left navigation and the notification bell of the base layout.

    Computed once per request: inclusion tags (deadline and attachment panels) render their own
    RequestContext and would otherwise run this again."""
    cached = getattr(request, "_shell_context", None)
    if cached is not None:
        return cached
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    ctx = {"nav_items": navigation_for(request)}
    try:
        ctx["notifications_url"] = reverse("deadlines:notifications")
        ctx["unread_notifications"] = unread_count(user)
    except NoReverseMatch:
        pass
    request._shell_context = ctx
    return ctx
