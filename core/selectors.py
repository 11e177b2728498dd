"""Reads of the kernel: audit records and attachments, always scoped to the reader's jurisdiction.

An audit administrator reads the records of actors inside his jurisdiction: the city's auditor (whose
jurisdiction is the whole tree) sees everything, including entries written by the system itself (no
actor) and failed logins of unknown user names; a county's auditor sees what the county's people did.
"""

from __future__ import annotations

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as LoginLog
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from accounts.jurisdiction import jurisdiction_path, jurisdiction_root

from .models import AccessLog, Attachment


def audit_sees_everything(user) -> bool:
    """True for a reader whose jurisdiction is the whole organisation tree (or a superuser)."""
    root = jurisdiction_root(user)
    if root is None:
        return True
    return root is not False and root.parent_id is None


def _scope(qs: QuerySet, user, *, unit_path_lookup: str, unitless: Q) -> QuerySet:
    path = jurisdiction_path(user)
    if path is False:
        return qs.none()
    if audit_sees_everything(user):
        return qs
    return qs.filter(**{f"{unit_path_lookup}__startswith": path}).exclude(unitless)


def logentry_list(*, user) -> QuerySet[LogEntry]:
    """Data changes (auditlog), newest first, with actor, actor's unit and model in the same query."""
    qs = LogEntry.objects.select_related("actor", "actor__unit", "content_type").order_by("-timestamp", "-id")
    return _scope(qs, user, unit_path_lookup="actor__unit__path", unitless=Q(actor__isnull=True))


def accesslog_list(*, user) -> QuerySet[AccessLog]:
    qs = AccessLog.objects.select_related("user", "unit").order_by("-created_at", "-id")
    return _scope(qs, user, unit_path_lookup="unit__path", unitless=Q(unit__isnull=True))


LOGIN_KINDS = ("logins", "failures", "attempts")


def login_log_list(*, user, kind: str) -> QuerySet:
    """django-axes records: successful logins, failed logins (with lock-outs), current failure counters."""
    model = {"logins": LoginLog, "failures": AccessFailureLog, "attempts": AccessAttempt}[kind]
    qs = model.objects.order_by("-attempt_time", "-id")
    path = jurisdiction_path(user)
    if path is False:
        return qs.none()
    if audit_sees_everything(user):
        return qs
    visible_names = get_user_model().objects.visible_to(user).values("username")
    return qs.filter(username__in=visible_names)


def object_history(*, user, content_type: ContentType, object_pk: str) -> QuerySet[LogEntry]:
    """Every change of one record: who changed what, when, from where."""
    return logentry_list(user=user).filter(content_type=content_type, object_pk=str(object_pk))


def object_accesses(*, user, content_type: ContentType, object_pk: str) -> QuerySet[AccessLog]:
    label = f"{content_type.app_label}.{content_type.model}"
    return accesslog_list(user=user).filter(model_label=label, object_id=str(object_pk))


def audited_content_types() -> QuerySet[ContentType]:
    """The models auditlog records (for the 数据类型 filter)."""
    models = auditlog.get_models()
    ids = [ct.pk for ct in ContentType.objects.get_for_models(*models, for_concrete_models=False).values()]
    return ContentType.objects.filter(pk__in=ids)


def attachment_list(*, user, record) -> QuerySet[Attachment]:
    """The live attachments of one record that the user may see, newest first."""
    return (
        Attachment.objects.visible_to(user)
        .active()
        .for_record(record)
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-id")
    )
