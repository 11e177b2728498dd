from .navigation import navigation_for


def shell(request):
    """The left navigation and the user's unread notification count for the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_items": navigation_for(request)}
