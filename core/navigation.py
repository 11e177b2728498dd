"""The left navigation. Each app registers its entries in its AppConfig.ready()
(`core.registry.register_nav_entry`); an entry shows only if its page exists (its URL name resolves)
and the user holds one of its permissions — so a mechanism appears once its pages are built."""

from django.urls import NoReverseMatch, reverse

from .registry import NavEntry, nav_entries

__all__ = ["NavEntry", "navigation_for"]


def _url(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _allowed(user, entry):
    return not entry.perms or any(user.has_perm(p) for p in entry.perms)


def navigation_for(request):
    """[{label, url, icon, active, children: [...]}] for the user of this request."""
    user = request.user
    path = request.path
    items = []
    for entry in nav_entries():
        url = _url(entry.url_name)
        if url is None or not _allowed(user, entry):
            continue
        children = []
        for child in entry.children:
            curl = _url(child.url_name)
            if curl and _allowed(user, child):
                children.append(
                    {"label": child.label, "url": curl, "icon": child.icon, "active": path == curl}
                )
        if entry.children and not children:
            continue
        prefix = url if entry.url_name != "core:home" else None
        root = "/" + url.strip("/").split("/")[0] + "/" if prefix else None
        active = path == url or (root is not None and path.startswith(root))
        items.append(
            {
                "label": entry.label,
                "url": children[0]["url"] if children else url,
                "icon": entry.icon,
                "active": active,
                "children": children,
            }
        )
    return items
