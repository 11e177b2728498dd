"""The left navigation. Each app registers its entries in its AppConfig.ready()
(`core.registry.register_nav_entry`); an entry shows only if its page exists (its URL name resolves)
and the user holds one of its permissions — so a mechanism appears once its pages are built."""

from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from .registry import NavEntry, nav_entries

__all__ = ["NavEntry", "navigation_for"]


def _url(name):
    """The entry's URL, reversed once for the URLconf and script prefix in force: ~20 entries, each
    reversed again on every page, were a twentieth of a list page (bench recon.list)."""
    return _reversed(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@lru_cache(maxsize=256)
def _reversed(name, urlconf, prefix):
    try:
        return reverse(name, urlconf=urlconf)
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
