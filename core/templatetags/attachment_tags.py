"""{% load attachment_tags %}{% attachments_panel record %}: a record's files with an htmx upload form."""

from django import template

from core.attachment_views import PANEL_TEMPLATE, panel_context

register = template.Library()


@register.simple_tag(takes_context=True)
def attachments_panel(context, record):
    """The attachments panel of `record` (any model with `org_unit` and `objects.visible_to`)."""
    request = context["request"]
    return template.loader.render_to_string(PANEL_TEMPLATE, panel_context(request, record), request=request)
