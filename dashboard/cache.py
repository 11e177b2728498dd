"""A short-lived cache of the dashboard's figures (docs/indicators.md): per (the user's jurisdiction and
permissions, period, unit), for `TTL` seconds, under a version that every write to a model feeding the
figures bumps (a post_save / post_delete receiver, connected in `DashboardConfig.ready`). Writes that
send no signal (bulk updates, the demo seeders' bulk inserts) are covered by the TTL."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from accounts.jurisdiction import jurisdiction_path

TTL = 60  # seconds
VERSION_KEY = "dashboard:version"
#: The apps whose records feed the figures: a write to any of their models bumps the version.
FEEDING_APPS = frozenset(
    {
        "reconsideration",
        "mediation",
        "litigation",
        "enforcement",
        "decisions",
        "disputes",
        "deadlines",
        "supervision",
    }
)


def version() -> int:
    value = cache.get(VERSION_KEY)
    if value is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        value = cache.get(VERSION_KEY, 1)
    return value


def bump(**_kwargs) -> None:
    """Make every cached figure stale (a new version: the old keys are never read again)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet (or evicted): start a fresh version
        cache.set(VERSION_KEY, 2, timeout=None)


def on_write(sender, **kwargs) -> None:
    if sender._meta.app_label in FEEDING_APPS:
        bump()


def key(*, user, scope, part: str = "data") -> str:
    """The user's jurisdiction and permissions (two users alike see the same figures), the period and
    the unit."""
    perms = ",".join(sorted(user.get_all_permissions()))
    who = hashlib.sha256(f"{jurisdiction_path(user)}|{perms}".encode()).hexdigest()[:24]
    unit = scope.unit.pk if scope.unit is not None else "-"
    return f"dashboard:v{version()}:{part}:{who}:{scope.start:%Y%m%d}:{scope.end:%Y%m%d}:{unit}"


def cached(*, user, scope, compute, part: str = "data"):
    """`compute()` or its cached value for (user, scope): `part` names what is kept — the figures
    ("data") or the panels' rendered HTML ("html", which holds no per-request token)."""
    k = key(user=user, scope=scope, part=part)
    value = cache.get(k)
    if value is None:
        value = compute()
        cache.set(k, value, timeout=TTL)
    return value
