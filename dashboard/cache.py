"""A short-lived cache of the dashboard's figures (docs/indicators.md): per (the user's jurisdiction and
permissions, period, unit), for `TTL` seconds, under a version that every write to a table the figures
are computed from bumps (post_save / post_delete / m2m_changed receivers, connected in
`DashboardConfig.ready`). A write elsewhere — a 府院联动 record, a sign-in, the access log — leaves the
figures cached. Writes that send no signal (bulk updates, the demo seeders' bulk inserts) are covered by
the TTL."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from accounts.jurisdiction import jurisdiction_path

TTL = 60  # seconds
VERSION_KEY = "dashboard:version"
#: The tables the figures are computed from: a write to one of their models bumps the version.
#: tests/dashboard/test_cache.py captures the SQL of a cold computation and fails when it reads a table
#: missing here (the permission and content-type tables aside: they decide who sees what, and the user's
#: permissions are part of the key).
FEEDING_TABLES = frozenset(
    {
        "accounts_orgunit",
        "deadlines_deadline",
        "decisions_advisorconsultation",
        "decisions_legalaffairsmatter",
        "decisions_majordecision",
        "decisions_postevaluation",
        "decisions_reviewopinion",
        "disputes_dispute",
        "enforcement_certificate",
        "enforcement_enforcementagency",
        "enforcement_enforcementcase",
        "enforcement_officer",
        "enforcement_trainingattendance",
        "enforcement_trainingcourse",
        "litigation_attendance",
        "litigation_defendant",
        "litigation_hearing",
        "litigation_litigationcase",
        "mediation_mediationcase",
        "mediation_partneragreement",
        "mediation_partneragreement_parties",
        "reconsideration_casedecision",
        "reconsideration_reconsiderationcase",
        "supervision_decisionfiling",
        "supervision_guidingcase",
        "supervision_reviewcampaign",
        "supervision_reviewedfile",
        "supervision_specialsupervisor",
        "supervision_supervisionnotice",
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
    """post_save / post_delete of a model, m2m_changed of a many-to-many table (its `through` model)."""
    if sender._meta.db_table in FEEDING_TABLES:
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
