"""Jurisdiction (docs/architecture.md, "Scoped records"): which org units' records a user may see.

A user of a government or of a justice bureau sees that government's whole subtree (city → all of
Tianshui, a county → the county); a user of any other unit sees that unit's subtree. Superusers see
everything. A user without a unit sees nothing.
"""

from __future__ import annotations

import contextlib

from django.db import models

from .choices import UnitKind


def jurisdiction_root(user):
    """The OrgUnit whose subtree the user may see; None means everything (superuser)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return None
    unit = getattr(user, "unit", None)
    if unit is None:
        return False
    if unit.kind == UnitKind.JUSTICE and unit.parent_id and unit.parent.kind == UnitKind.GOVERNMENT:
        return unit.parent
    return unit


def jurisdiction_path(user) -> str | bool | None:
    """Path prefix of the jurisdiction; None = all; False = nothing."""
    cached = getattr(user, "_jurisdiction_path", "unset")
    if cached != "unset":
        return cached
    root = jurisdiction_root(user)
    path = root if root in (None, False) else root.path
    with contextlib.suppress(AttributeError):  # AnonymousUser takes no attributes
        user._jurisdiction_path = path
    return path


class JurisdictionQuerySet(models.QuerySet):
    """`visible_to(user)`: the one way every list, detail, search, export and dashboard is scoped."""

    #: lookup from this model to its OrgUnit
    org_unit_lookup = "org_unit"

    def visible_to(self, user):
        path = jurisdiction_path(user)
        if path is None:
            return self
        if path is False:
            return self.none()
        return self.filter(**{f"{self.org_unit_lookup}__path__startswith": path})


def scoped_queryset(lookup: str):
    """A JurisdictionQuerySet subclass whose org unit is reached through `lookup`."""
    return type(
        f"JurisdictionQuerySet_{lookup.replace('__', '_')}",
        (JurisdictionQuerySet,),
        {"org_unit_lookup": lookup},
    )


def unit_in_jurisdiction(user, unit) -> bool:
    path = jurisdiction_path(user)
    if path is None:
        return True
    if path is False or unit is None:
        return False
    return unit.path.startswith(path)
