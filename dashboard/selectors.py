"""The leaders' dashboard: every mechanism's panel for one period and jurisdiction
(core/indicators.py; each mechanism registers its provider with core.registry)."""

from __future__ import annotations

from core.indicators import DashboardPanel, Scope
from core.registry import dashboard_panel_providers


def dashboard(*, user, scope: Scope) -> list[DashboardPanel]:
    panels = []
    for provider in dashboard_panel_providers():
        panel = provider(user=user, scope=scope)
        if panel is not None:
            panels.append(panel)
    return panels
