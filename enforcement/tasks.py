"""Celery tasks of administrative enforcement: thin shells that load and call the services."""

from __future__ import annotations

from pathlib import Path

from celery import shared_task
from django.contrib.auth import get_user_model

from . import imports, services


@shared_task(bind=True)
def import_file(self, path: str, kind: str, user_id: int, dry_run: bool = False) -> dict:
    """A large Excel import (thousands of rows) with its progress in the task's state."""
    user = get_user_model().objects.get(pk=user_id)

    def progress(done, total):
        if self.request.id:
            self.update_state(state="PROGRESS", meta={"done": done, "total": total})

    with Path(path).open("rb") as file:
        report = imports.import_records(actor=user, kind=kind, file=file, dry_run=dry_run, progress=progress)
    return report.as_dict()


@shared_task
def expire_certificates() -> int:
    """Daily: certificates past their expiry date become 过期."""
    return services.certificates_expire()
