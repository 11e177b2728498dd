"""Panels of the 工作台 home page. Each kernel or mechanism app contributes a panel function."""

from django.utils.module_loading import import_string

# Dotted paths of functions (request) -> dict | None; later apps append theirs.
PANEL_PROVIDERS = [
    "deadlines.selectors.workbench_panel",
    "accounts.selectors.workbench_panel",
]


def workbench_panels(request):
    panels = []
    for dotted in PANEL_PROVIDERS:
        try:
            provider = import_string(dotted)
        except ImportError:
            continue
        panel = provider(request)
        if panel:
            panels.append(panel)
    return panels
