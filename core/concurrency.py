"""Optimistic locking for every record a user edits in a form.

Two people may open the same record's edit page; whoever saves second must not silently overwrite
the first. The convention, for each such record:

1. **Model** — inherits `VersionedModel`: an integer `version`, 1 on insert, raised by one on every
   save through the record's edit service.
2. **Form** — inherits `VersionedFormMixin`: a hidden `version` field holding the version the page
   was opened with (the form fills it from the record it edits). `current_values(obj)` gives the
   stored values in the form's own terms; a form whose fields are not attributes of the model
   (roles, case numbers …) overrides it for those fields.
3. **Service** — `<entity>_update(*, <entity>, actor, version, **fields)` starts with
   `lock_for_edit(queryset, pk=…, version=version)`: the row is locked (`select_for_update`) and, if
   its version is no longer the form's, `ConcurrentEditError` is raised before anything changes. The
   service then calls `bump(obj)` before `save()`.
4. **View** — catches `ConcurrentEditError` and returns `render_conflict(request, obj=…, form=…)`:
   HTTP 409, a page with the submitted and the stored values side by side, who saved last and when,
   and a link that reopens the edit page with the stored record. Nothing of the stale form is saved.

Workflow actions (accept, decide, close …) carry no version: their services lock the row and check
the status under the lock, so a second submission of the same action finds the status already moved
on and is refused with a message — the action takes effect once.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from auditlog.models import LogEntry
from django import forms
from django.db import models
from django.db.models import Manager, QuerySet
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.exceptions import ConcurrentEditError
from core.models import VersionedModel

__all__ = [
    "ConcurrentEditError",
    "VersionField",
    "VersionedFormMixin",
    "VersionedModel",
    "bump",
    "conflict_rows",
    "current_values",
    "last_change",
    "lock_for_edit",
    "render_conflict",
    "submitted_values",
]

EMPTY = "—"


# ---------------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------------


def lock_for_edit(queryset, *, pk, version: int):
    """The row `pk` of `queryset`, locked until the transaction ends — provided it still has
    `version`, the version the user's form was opened with; otherwise `ConcurrentEditError`.

    Call inside the service's transaction; `queryset` may carry `select_related` for reading (only
    the record's own row is locked)."""
    locked = queryset.select_for_update(of=("self",)).get(pk=pk)
    if locked.version != version:
        raise ConcurrentEditError()
    return locked


def bump(obj) -> None:
    """The record is about to be saved through its edit service: a form opened before is now stale."""
    obj.version += 1


# ---------------------------------------------------------------------------------------------------
# Forms
# ---------------------------------------------------------------------------------------------------


class VersionField(forms.IntegerField):
    """The version a form was opened with, carried in a hidden input."""

    widget = forms.HiddenInput
    default_error_messages = {
        "required": _("页面缺少版本信息，请重新打开编辑页面后再保存。"),
        "invalid": _("页面缺少版本信息，请重新打开编辑页面后再保存。"),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


class VersionedFormMixin(forms.Form):
    """Mix into an edit form (before the form class): adds the hidden `version` field.

    The form fills `version` in its initial data from the record it edits (a ModelForm through
    `initial={"version": obj.version}`)."""

    version = VersionField()

    def clean(self):
        cleaned = super().clean()
        # A hidden field's error would be shown nowhere: show it above the form.
        errors = self._errors.pop("version", None)
        if errors:
            self.add_error(None, errors)
        return cleaned

    def current_values(self, obj) -> dict:
        """The stored values of `obj` for this form's visible fields, in cleaned-data terms."""
        return current_values(self, obj)

    def submitted_values(self) -> dict:
        """What the user typed: cleaned values when the form is valid, else the raw input."""
        return submitted_values(self)


def current_values(form, obj) -> dict:
    """The stored values of `obj` for the form's visible fields that are attributes of `obj`."""
    values = {}
    for name, field in form.fields.items():
        if field.widget.is_hidden or not hasattr(obj, name):
            continue
        value = getattr(obj, name)
        values[name] = list(value.all()) if isinstance(value, Manager) else value
    return values


def submitted_values(form) -> dict:
    """The form's visible fields as submitted: cleaned where cleaned, else the raw input."""
    cleaned = getattr(form, "cleaned_data", None) or {}
    values = {}
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            continue
        if name in cleaned:
            values[name] = cleaned[name]
        else:
            values[name] = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
    return values


# ---------------------------------------------------------------------------------------------------
# The conflict page
# ---------------------------------------------------------------------------------------------------


def _norm(value):
    """A value reduced for comparison: records by key, collections as sets, blanks as ""."""
    if isinstance(value, models.Model):
        return (value._meta.label, value.pk)
    if isinstance(value, Manager):
        value = value.all()
    if isinstance(value, list | tuple | set | frozenset | QuerySet):
        return frozenset(_norm(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    if isinstance(value, Decimal):
        return value.normalize()
    return value


def _display(field, value) -> str:
    """A value as the user reads it on the page."""
    if isinstance(value, Manager):
        value = list(value.all())
    if value is None or value == "" or (isinstance(value, list | tuple | set | QuerySet) and not value):
        return EMPTY
    if isinstance(field, forms.NullBooleanField) or isinstance(value, bool):
        if value in (True, "true", "True", "on", "1"):
            return str(_("是"))
        if value in (False, "false", "False", "0"):
            return str(_("否"))
        return EMPTY
    if isinstance(value, list | tuple | set | QuerySet):
        return "、".join(_display(field, v) for v in value)
    if isinstance(value, models.Model):
        if isinstance(field, forms.ModelChoiceField):
            return str(field.label_from_instance(value)).strip("\u3000 ")
        return str(value)
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = {str(k): v for k, v in field.choices}
        return str(labels.get(str(value), value))
    if isinstance(value, datetime):
        return f"{timezone.localtime(value) if timezone.is_aware(value) else value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def conflict_rows(form, obj) -> list[dict]:
    """One row per visible field: label, the user's value, the stored value, whether they differ."""
    # Any bound form works; a VersionedFormMixin form may map fields that are not model attributes.
    submitted = form.submitted_values() if hasattr(form, "submitted_values") else submitted_values(form)
    current = form.current_values(obj) if hasattr(form, "current_values") else current_values(form, obj)
    rows = []
    for name, field in form.fields.items():
        if field.widget.is_hidden or name not in submitted:
            continue
        mine, stored = submitted[name], current.get(name)
        rows.append(
            {
                "name": name,
                "label": field.label or name,
                "mine": _display(field, mine),
                "current": _display(field, stored) if name in current else EMPTY,
                "changed": name in current and _norm(mine) != _norm(stored),
            }
        )
    return rows


def last_change(obj) -> dict | None:
    """Who saved the record last and when, from the audit log (django-auditlog); else its
    `updated_at` without a name; None if neither is known."""
    entry = LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp").first()
    if entry is not None:
        actor = entry.actor
        name = getattr(actor, "display_name", None) or (str(actor) if actor else "") or _("系统")
        return {"actor": name, "when": entry.timestamp}
    updated_at = getattr(obj, "updated_at", None)
    return {"actor": "", "when": updated_at} if updated_at else None


def _record_url(obj) -> str:
    return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""


def render_conflict(request, *, obj, form):
    """The answer to a stale edit form (HTTP 409): both versions side by side, nothing saved.

    `obj` is the record being edited (any instance of it: the stored row is read again here);
    `form` is the bound edit form the user submitted (a `VersionedFormMixin`)."""
    current = type(obj)._default_manager.get(pk=obj.pk)
    rows = conflict_rows(form, current)
    cleaned = getattr(form, "cleaned_data", None) or {}
    context = {
        "message": ConcurrentEditError.default_message,
        "record": current,
        "record_label": current._meta.verbose_name,
        "record_url": _record_url(current),
        "reload_url": request.get_full_path(),
        "rows": rows,
        "changed_count": sum(1 for r in rows if r["changed"]),
        "last_change": last_change(current),
        "submitted_version": cleaned.get("version") or form.data.get(form.add_prefix("version"), ""),
        "current_version": current.version,
    }
    return render(request, "core/conflict.html", context, status=409)
