"""`{% load filter_tags %}{{ field|filter_field }}`: one field of a list page's filter bar.

The markup is what `{{ field|as_crispy_field }}` gives with the Bootstrap 5 pack (label, the widget
with its `form-control` / `form-select` class, the error and the help text, the same ids and ARIA
attributes), written in Python: crispy's field template cost about a millisecond a field, and a filter
bar has nine (bench recon.list). A field this does not know (a checkbox, a required field, a file)
still goes through crispy.
"""

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

#: widget class → the Bootstrap class crispy-bootstrap5 gives it
BOOTSTRAP_CLASS = {
    forms.Select: "form-select",
    forms.TextInput: "form-control",
    forms.NumberInput: "form-control",
    forms.EmailInput: "form-control",
    forms.DateInput: "form-control",
}


def _bootstrap_class(widget) -> str | None:
    if isinstance(widget, forms.SelectMultiple | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return None
    for cls, css in BOOTSTRAP_CLASS.items():
        if isinstance(widget, cls):
            return css
    return None


@register.filter
def filter_field(field):
    """The crispy Bootstrap 5 markup of a bound field of a filter bar (see the module docstring)."""
    widget = field.field.widget
    css = _bootstrap_class(widget)
    if css is None or field.field.required or field.is_hidden:
        return as_crispy_field(field)
    auto_id = field.auto_id
    errors = field.errors if field.form.is_bound else []
    classes = f"{widget.__class__.__name__.lower()} {css}"
    described = []
    if errors:
        classes += " is-invalid"
        described.append(f"{auto_id}_error")
    if field.help_text:
        described.append(f"{auto_id}_helptext")
    attrs = {"class": f"{widget.attrs['class']} {classes}" if widget.attrs.get("class") else classes}
    if errors:
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    parts = [
        format_html('<div id="div_{}" class="mb-3">', auto_id),
        format_html('<label for="{}" class="form-label">{}</label>', field.id_for_label, field.label)
        if field.label
        else "",
        field.as_widget(attrs=attrs),
    ]
    if errors:
        parts.append(format_html('<div id="{}_error" class="invalid-feedback">', auto_id))
        parts += [
            format_html('<p id="error_{}_{}"><strong>{}</strong></p>', i, auto_id, error)
            for i, error in enumerate(errors, start=1)
        ]
        parts.append(mark_safe("</div>"))
    if field.help_text:
        parts.append(
            format_html('<div id="{}_helptext" class="form-text">{}</div>', auto_id, field.help_text)
        )
    parts.append(mark_safe("</div>"))
    return mark_safe("".join(conditional_escape(p) for p in parts))  # each part is escaped
