"""The form renderer of the whole system (settings.FORM_RENDERER): Django's, except that a `<select>`
and an `<input>` are written out here instead of through Django's widget templates.

Django renders a select by including `select_option.html` (which includes `attrs.html`) once per
option: two template includes for each of the ~100 units of a filter bar's 被申请人 list. That was
most of a list page's filter-bar time (bench recon.list). A text, date or number input is two
includes (`text.html` → `input.html` → `attrs.html`) and a dozen template nodes for one tag: half of
what was left of a filter bar (bench recon.list). The markup is the templates' own, character for
character; a widget with its own select, option or input template still goes through the templates.
"""

from __future__ import annotations

from html import escape

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
#: Django's input templates: `input.html`, and those that only include it.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "date",
        "datetime",
        "time",
        "number",
        "email",
        "url",
        "tel",
        "search",
        "password",
        "hidden",
    )
)


def conditional_escape(value) -> str:
    """Django's `conditional_escape` without its lazy-string wrapper (two calls an option): a safe
    string as it is, anything else through `html.escape`, as Django's `escape` does."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


def attrs_html(attrs: dict) -> str:
    """`django/forms/widgets/attrs.html`: ` name="value"`, a bare name for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {conditional_escape(name)}")
        else:
            out.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(out)


def render_select(widget: dict) -> str:
    """The HTML of `django/forms/widgets/select.html` for a widget's template context (each option
    ends with the newline `select_option.html` ends with)."""
    out = [f'<select name="{conditional_escape(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            value, attrs = conditional_escape(str(option["value"])), attrs_html(option["attrs"])
            out.append(f'\n  <option value="{value}"{attrs}>{conditional_escape(option["label"])}</option>\n')
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return mark_safe("".join(out))  # every value above is escaped


def render_input(widget: dict) -> str:
    """The HTML of `django/forms/widgets/input.html` for a widget's template context."""
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
    name, kind = conditional_escape(widget["name"]), conditional_escape(widget["type"])
    return mark_safe(f'<input type="{kind}" name="{name}"{shown}{attrs_html(widget["attrs"])}>')  # escaped


def _plain_options(widget: dict) -> bool:
    return all(
        option.get("template_name") == OPTION_TEMPLATE
        for _name, choices, _index in widget["optgroups"]
        for option in choices
    )


class FormRenderer(DjangoTemplates):
    """Django's template renderer with the `<select>` and the `<input>` written in Python (see the
    module docstring)."""

    def render(self, template_name, context, request=None):
        if template_name in INPUT_TEMPLATES and "widget" in context:
            return render_input(context["widget"])
        widget = context.get("widget") if template_name == SELECT_TEMPLATE else None
        if widget is not None and _plain_options(widget):
            return render_select(widget)
        return super().render(template_name, context, request=request)
