"""Small helpers shared by the enforcement services: the row locks (and core.inputs' checks of text
and dates, which the services import from here)."""

from __future__ import annotations

from core.inputs import check_date, require_text, text, today  # noqa: F401 (the services import them here)
from core.workflow import lock


def lock_case(case, *, version: int | None = None):
    return lock(case, version=version, related=("org_unit", "agency", "item"))


def lock_certificate(cert, *, version: int | None = None):
    return lock(cert, version=version, related=("officer__agency__org_unit",))
