"""The leaders' dashboard: every mechanism's panel for one period and jurisdiction
(core/indicators.py; each mechanism registers its provider with core.registry)."""

from __future__ import annotations

from core.indicators import DashboardPanel, Scope
from core.registry import dashboard_panel_providers

from .cache import cached
from .trends import trends


def dashboard(*, user, scope: Scope) -> list[DashboardPanel]:
    panels = []
    for provider in dashboard_panel_providers():
        panel = provider(user=user, scope=scope)
        if panel is not None:
            panels.append(panel)
    return panels


def dashboard_data(*, user, scope: Scope, units) -> dict:
    """The panels and the trends of one (user, period, jurisdiction) — what the page and the exports
    show, from the short-lived cache (dashboard/cache.py) when it holds them."""
    return cached(user=user, scope=scope, compute=lambda: compute(user=user, scope=scope, units=units))


def compute(*, user, scope: Scope, units) -> dict:
    """`dashboard_data` computed afresh: the trends first, so that a panel's chart can reuse a trend's
    grouped query (`Scope.memo`)."""
    series = trends(user=user, scope=scope, units=units)
    return {"panels": dashboard(user=user, scope=scope), "trends": series}
