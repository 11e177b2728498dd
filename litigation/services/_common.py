"""Helpers shared by the litigation services: today, text, refusals and the case row lock."""

from __future__ import annotations

from core.exceptions import GateError
from core.inputs import check_date as _check_date  # noqa: F401 (the services import them here)
from core.inputs import text as _text  # noqa: F401
from core.inputs import today as _today  # noqa: F401
from core.workflow import lock

from ..models import LitigationCase


def _refuse(blockers: list[tuple[str, str]]) -> None:
    """Raise the gate's blockers as one GateError (the first on its field, the rest listed)."""
    if blockers:
        field, message = blockers[0]
        raise GateError(message, field=field, extra={"blockers": [m for _f, m in blockers[1:]]})


def _lock(case: LitigationCase, *, version: int | None = None) -> LitigationCase:
    return lock(case, version=version, related=("org_unit", "court", "handler", "dispute"))
