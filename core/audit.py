"""Audit (docs/architecture.md, kernel pieces): the access log and the reading of auditlog's change records.

Data changes are recorded by django-auditlog (every registered model, with actor and IP from its
middleware). Readings of protected data — masked personal data revealed, records exported, files
downloaded, documents printed — are recorded here with `log_access`, by the view that does them.
"""

from __future__ import annotations

import datetime
import ipaddress
from collections import defaultdict
from dataclasses import dataclass

from auditlog.middleware import AuditlogMiddleware
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AccessAction, AccessLog
from .validators import strip_control_characters

# auditlog's LogEntry.Action, in the Bureau's words.
CHANGE_ACTIONS = (
    (LogEntry.Action.CREATE, gettext_lazy("新增")),
    (LogEntry.Action.UPDATE, gettext_lazy("修改")),
    (LogEntry.Action.DELETE, gettext_lazy("删除")),
    (LogEntry.Action.ACCESS, gettext_lazy("访问")),
)
CHANGE_ACTION_LABELS = dict(CHANGE_ACTIONS)
CHANGE_ACTION_BADGES = {
    LogEntry.Action.CREATE: "text-bg-success",
    LogEntry.Action.UPDATE: "text-bg-primary",
    LogEntry.Action.DELETE: "text-bg-danger",
    LogEntry.Action.ACCESS: "text-bg-secondary",
}
VALUE_TRUNCATE = 140


def client_ip(request) -> str | None:
    """The client address, read the same way auditlog reads it, so both logs agree."""
    value = AuditlogMiddleware._get_remote_addr(request)
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def log_access(*, request, action: str, obj=None, model_label: str = "", description: str = "") -> AccessLog:
    """Record that the request's user revealed, exported, downloaded or printed protected data.

    `obj` (optional) is the record concerned; `model_label` ("app_label.model") names the kind of
    data when there is no single record (an export). Called by the view, inside its transaction.
    """
    if action not in AccessAction.values:
        raise ValueError(f"unknown access action {action!r}")
    user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
    unit = getattr(user, "unit", None) if user else None
    # The log records what was asked for (a filter value, a path) even when it held control
    # characters — without them, so the entry is valid and its export never breaks.
    clean = strip_control_characters
    entry = AccessLog(
        user=user,
        username=(user.get_username() if user else "")[:150],
        user_display=(getattr(user, "display_name", "") if user else "")[:150],
        unit=unit,
        unit_name=(unit.name if unit else "")[:100],
        ip_address=client_ip(request),
        action=action,
        model_label=(obj._meta.label_lower if obj is not None else model_label)[:100],
        object_id=str(obj.pk)[:64] if obj is not None and obj.pk is not None else "",
        object_repr=clean(str(obj))[:255] if obj is not None else "",
        description=clean(str(description))[:500],
        path=clean(request.get_full_path())[:500],
    )
    entry.full_clean()
    entry.save()
    return entry


def model_verbose_name(label: str) -> str:
    """'deadlines.deadline' → '法定期限' (falls back to the label for unknown models)."""
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return label


def content_type_verbose_name(content_type) -> str:
    model = content_type.model_class()
    return str(model._meta.verbose_name) if model else f"{content_type.app_label}.{content_type.model}"


# --- changes of a LogEntry, for people --------------------------------------------------------------


@dataclass
class ChangeRow:
    field: str
    old: str
    new: str
    label: str = ""  # set for m2m changes: 新增 / 移除 / 清空


def _empty(value) -> bool:
    return value is None or value in ("None", "")


def _truncate(text: str) -> str:
    return text if len(text) <= VALUE_TRUNCATE else text[:VALUE_TRUNCATE] + "…"


class _FieldInfo:
    """How one model field's stored values read: choices, booleans, dates, or a foreign key."""

    def __init__(self, model, name):
        self.name = name
        self.field = None
        if model is not None:
            try:
                self.field = model._meta.get_field(name)
            except FieldDoesNotExist:
                self.field = None
        # auditlog stores a FK under its attname in some versions ("unit_id").
        if self.field is None and model is not None and name.endswith("_id"):
            try:
                self.field = model._meta.get_field(name[:-3])
            except FieldDoesNotExist:
                self.field = None

    @property
    def hidden(self) -> bool:
        """Reverse relations ("notifications: deadlines.Notification.None") say nothing about the row."""
        return isinstance(self.field, models.ForeignObjectRel)

    @property
    def label(self) -> str:
        if isinstance(self.field, GenericForeignKey):
            return _("关联记录")
        return str(getattr(self.field, "verbose_name", self.name)) if self.field is not None else self.name

    @property
    def related_model(self):
        if self.field is not None and isinstance(self.field, models.ForeignKey):
            return self.field.related_model
        return None

    def display(self, value, fk_names: dict) -> str:
        if _empty(value):
            return _("（空）")
        text = str(value)
        field = self.field
        if field is None:
            return _truncate(text)
        if getattr(field, "choices", None):
            choices = {str(k): str(v) for k, v in field.flatchoices}
            return _truncate(choices.get(text, text))
        if isinstance(field, models.BooleanField):
            return {"True": _("是"), "False": _("否")}.get(text, text)
        if isinstance(field, models.DateTimeField):
            moment = parse_datetime(text)
            if moment is not None:
                if timezone.is_naive(moment):  # auditlog stores datetimes as naive UTC
                    moment = timezone.make_aware(moment, datetime.UTC)
                return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
        if self.related_model is not None:
            name = fk_names.get((self.related_model, text))
            return _truncate(f"{name}（#{text}）" if name else f"#{text}")
        return _truncate(text)


def _entry_model(entry):
    return entry.content_type.model_class()


def describe_changes(entries) -> None:
    """Attach `change_rows` (field verbose name, old → new, in Chinese) to each LogEntry.

    Foreign-key values are named with one query per related model for the whole batch, so a page
    of fifty rows costs the same few queries as a page of five.
    """
    wanted: dict[type, set[str]] = defaultdict(set)
    prepared = []
    for entry in entries:
        model = _entry_model(entry)
        changes = entry.changes if isinstance(entry.changes, dict) else {}
        items = []
        for name, values in changes.items():
            info = _FieldInfo(model, name)
            if info.hidden:
                continue
            items.append((info, values))
            related = info.related_model
            if related is not None and isinstance(values, list | tuple):
                for v in values:
                    if not _empty(v):
                        wanted[related].add(str(v))
        prepared.append((entry, items))

    fk_names: dict[tuple[type, str], str] = {}
    for related, raw_ids in wanted.items():
        pk_field = related._meta.pk
        ids = []
        for raw in raw_ids:
            try:
                ids.append(pk_field.to_python(raw))
            except Exception:  # noqa: S112 - a value that is no longer a valid key is shown as stored
                continue
        for obj in related._base_manager.filter(pk__in=ids):
            fk_names[(related, str(obj.pk))] = str(obj)

    m2m_labels = {"add": _("新增"), "delete": _("移除"), "remove": _("移除"), "clear": _("清空")}
    for entry, items in prepared:
        rows = []
        for info, values in items:
            if isinstance(values, dict) and values.get("type") == "m2m":
                objects = "、".join(str(o) for o in values.get("objects", []))
                rows.append(
                    ChangeRow(
                        field=info.label,
                        old="",
                        new=_truncate(objects),
                        label=str(m2m_labels.get(values.get("operation"), values.get("operation", ""))),
                    )
                )
                continue
            if not isinstance(values, list | tuple) or len(values) != 2:
                rows.append(ChangeRow(field=info.label, old="", new=_truncate(str(values))))
                continue
            rows.append(
                ChangeRow(
                    field=info.label,
                    old=info.display(values[0], fk_names),
                    new=info.display(values[1], fk_names),
                )
            )
        entry.change_rows = rows
        entry.action_label = CHANGE_ACTION_LABELS.get(entry.action, str(entry.action))
        entry.action_badge = CHANGE_ACTION_BADGES.get(entry.action, "text-bg-light")
        entry.model_name = content_type_verbose_name(entry.content_type)


def changes_text(entry) -> str:
    """One line for an Excel cell: '状态：进行中 → 已完成；到期日：2025-05-06 → 2025-05-08'."""
    parts = []
    for row in getattr(entry, "change_rows", []):
        if row.label:
            parts.append(f"{row.field}：{row.label} {row.new}")
        elif entry.action == LogEntry.Action.CREATE:
            parts.append(f"{row.field}：{row.new}")
        elif entry.action == LogEntry.Action.DELETE:
            parts.append(f"{row.field}：{row.old}")
        else:
            parts.append(f"{row.field}：{row.old} → {row.new}")
    return "；".join(parts)
