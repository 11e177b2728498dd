"""Celery beat tasks of administrative reconsideration: thin shells over the services.

Beat entries (settings.CELERY_BEAT_SCHEDULE), daily at 00:30 Asia/Shanghai:
    "recon-deemed-acceptance":  reconsideration.tasks.apply_deemed_acceptance
    "recon-deemed-abandonment": reconsideration.tasks.apply_deemed_abandonment
    "recon-suspension-limit":   reconsideration.tasks.prompt_suspension_termination

Each task finds the candidate ids (selectors) and applies the service to each case in its own
transaction; the services re-check under a row lock, so reruns, overlapping runs and redelivered
messages change nothing twice. `today` (ISO date or date) lets an operator rerun a missed night and
lets tests run the task for a given day.
"""

from __future__ import annotations

import logging
from datetime import date

from celery import shared_task
from django.utils import timezone

from .models import ReconsiderationCase
from .selectors import (
    deemed_abandonment_candidates,
    deemed_acceptance_candidates,
    suspension_limit_candidates,
)
from .services import case_deem_abandoned, case_deem_accepted, case_flag_suspension_limit

logger = logging.getLogger(__name__)


def _day(value: str | date | None) -> date:
    if value is None:
        return timezone.localdate()
    return value if isinstance(value, date) else date.fromisoformat(value)


def _apply(ids, service, today: date, label: str) -> int:
    applied = 0
    for pk in ids:
        try:
            case = ReconsiderationCase.objects.get(pk=pk)
            if service(case=case, today=today) is not None:
                applied += 1
        except ReconsiderationCase.DoesNotExist:
            continue
        except Exception:
            # One case's problem must not stop the others (each case is its own transaction); it is
            # logged and, the service being idempotent, retried on the next run.
            logger.exception("%s: case %s not processed", label, pk)
    return applied


@shared_task(acks_late=True)
def apply_deemed_acceptance(today: str | date | None = None) -> int:
    """视为受理 (复议法第三十条第三款) for every case whose review period ended before `today`."""
    day = _day(today)
    return _apply(deemed_acceptance_candidates(today=day), case_deem_accepted, day, "deemed acceptance")


@shared_task(acks_late=True)
def apply_deemed_abandonment(today: str | date | None = None) -> int:
    """视为放弃 (复议法第三十一条第二款) for every case whose correction period ended before `today`."""
    day = _day(today)
    return _apply(deemed_abandonment_candidates(today=day), case_deem_abandoned, day, "deemed abandonment")


@shared_task(acks_late=True)
def prompt_suspension_termination(today: str | date | None = None) -> int:
    """中止满六十日 (复议法第四十一条第一款第五项): record it and prompt the handler and the heads."""
    day = _day(today)
    return _apply(suspension_limit_candidates(today=day), case_flag_suspension_limit, day, "suspension limit")
