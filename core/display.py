"""`get_FOO_display()` of every model, with each field's choice labels built once.

Django's own rebuilds a dict of the field's choices on every call (`dict(make_hashable(flatchoices))`):
a list page calls it three times a row, a case page once an event against 39 event kinds — a few
milliseconds a page (bench recon.list, recon.detail). `install_choice_labels()` (core.apps) points
each model's `get_FOO_display` at `choice_label`, which answers the same: the label of the value, or
the value itself when it is not a choice. The labels stay lazy, so each call is in the request's
language.
"""

from __future__ import annotations

from functools import partialmethod

from django.apps import apps
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_LABELS: dict = {}  # field → {value: label}


def choice_label(instance, field):
    labels = _LABELS.get(field)
    if labels is None:
        labels = _LABELS[field] = dict(make_hashable(field.flatchoices))
    value = getattr(instance, field.attname)
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


def install_choice_labels() -> None:
    """Replace Django's `get_FOO_display` (only where it is Django's, not a model's own) on every
    installed model."""
    for model in apps.get_models():
        for field in model._meta.fields:
            name = f"get_{field.name}_display"
            method = model.__dict__.get(name)
            if isinstance(method, partialmethod) and method.func is models.Model._get_FIELD_display:
                setattr(model, name, partialmethod(choice_label, field=field))
