"""Panels of the 工作台 home page. Each app registers its panel function in its AppConfig.ready()
(`core.registry.register_workbench_panel`)."""

from .registry import workbench_panel_providers


def workbench_panels(request):
    panels = []
    for provider in workbench_panel_providers():
        panel = provider(request)
        if panel:
            panels.append(panel)
    return panels
