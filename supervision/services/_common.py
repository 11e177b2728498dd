"""Small helpers shared by the supervision services: the actor check (and core.inputs' checks of text
and dates, which the services import from here)."""

from __future__ import annotations

from core.inputs import check_date, require_text, text, today  # noqa: F401 (the services import them here)
from core.workflow import check_actor


def check(actor, perm: str, unit) -> None:
    """The actor holds `perm` over `unit` (None: the system acts — the demo seeder)."""
    if actor is not None:
        check_actor(actor, perm, unit)
