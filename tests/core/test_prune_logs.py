"""prune_logs: audit, access and login records are kept at least 180 days (网络安全法第二十一条);
older ones can be removed, and on PostgreSQL the append-only triggers are back on afterwards."""

import datetime

import pytest
from auditlog.models import LogEntry
from axes.models import AccessFailureLog
from axes.models import AccessLog as LoginLog
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from core.audit import log_access
from core.management.commands.prune_logs import earliest_allowed_cutoff
from core.models import AccessAction, AccessLog

pytestmark = pytest.mark.django_db

MODELS = (LogEntry, AccessLog, LoginLog, AccessFailureLog)


def _rows(users, tree, when):
    """One row in each log, written at `when`."""
    real_now = timezone.now
    timezone.now = lambda: when  # what auto_now_add reads
    try:
        request = RequestFactory().get("/")
        request.user = users.fuyi
        log_access(request=request, action=AccessAction.EXPORT, model_label="deadlines.deadline")
        LogEntry.objects.log_create(
            tree.city_market, action=LogEntry.Action.UPDATE, changes={"name": ["甲", "乙"]}, timestamp=when
        )
        base = {"user_agent": "pytest", "ip_address": "10.0.0.9", "username": "fuyi", "http_accept": "*/*"}
        LoginLog.objects.create(**base, path_info="/accounts/login/")
        AccessFailureLog.objects.create(**base, path_info="/accounts/login/")
    finally:
        timezone.now = real_now


def _counts():
    return [m.objects.count() for m in MODELS]


def test_refuses_to_remove_records_younger_than_180_days(users, tree):
    _rows(users, tree, timezone.now() - datetime.timedelta(days=170))
    before = _counts()
    too_late = earliest_allowed_cutoff() + datetime.timedelta(days=1)
    with pytest.raises(CommandError, match="180"):
        call_command("prune_logs", "--before", too_late.isoformat())
    assert _counts() == before


def test_removes_only_records_older_than_the_date(users, tree):
    _rows(users, tree, timezone.now() - datetime.timedelta(days=400))
    _rows(users, tree, timezone.now() - datetime.timedelta(days=100))
    before = _counts()
    assert all(n >= 2 for n in before)
    call_command("prune_logs", "--before", earliest_allowed_cutoff().isoformat())
    after = _counts()
    assert all(a >= 1 for a in after)
    assert [b - a for b, a in zip(before, after, strict=True)] == [1, 1, 1, 1]
    assert not AccessLog.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(days=200)).exists()


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="append-only triggers are PostgreSQL's")
def test_the_append_only_triggers_are_on_again_after_pruning(users, tree):
    _rows(users, tree, timezone.now() - datetime.timedelta(days=400))
    _rows(users, tree, timezone.now() - datetime.timedelta(days=10))
    call_command("prune_logs", "--before", earliest_allowed_cutoff().isoformat())
    for model in MODELS:
        with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic():
            model.objects.all().delete()
