"""Registration hooks: how an app plugs into the kernel without the kernel naming it.

Each app registers its pieces in its `AppConfig.ready()`; the kernel reads only these registries:

- seeders (`register_seeder`): the `seed_demo` command runs them in `order`, each in its own
  transaction — a function `(scale: int, stdout) -> None`;
- navigation entries (`register_nav_entry`): the left navigation (`core.navigation`), in `order`;
- workbench panels (`register_workbench_panel`): functions `(request) -> dict | None` that fill the
  工作台 home page (`core.workbench`), in `order`;
- timeline providers (`register_timeline_provider`): functions `(dispute) -> list[TimelineEvent]`
  that put a mechanism's proceedings on a dispute's path (`disputes.timeline`);
- dashboard panels (`register_dashboard_panel`): functions `(*, user, scope) -> DashboardPanel | None`
  that fill the leaders' dashboard (`dashboard.selectors`), in `order`; `scope` is a
  `dashboard.scope.Scope` (period and jurisdiction);
- dashboard trends (`register_dashboard_trend`): functions `(*, user, scope, years, counties) ->
  list[core.indicators.Series]` that add a mechanism's series to the dashboard's trend charts (monthly
  intake, yearly rates, 法定期限内办结率, counties side by side) — `dashboard.trends`;
- assessment columns (`register_assessment_column`): functions `(*, user, scope) ->
  core.indicators.AssessmentColumn | None` — one indicator per agency for the 法治政府建设考核 table
  (`dashboard.reports`).

Every `register_*` is idempotent (a re-run `ready()` registers nothing twice): seeders, entries and
panels are keyed by name, providers by identity.

    class ReconsiderationConfig(AppConfig):
        def ready(self):
            registry.register_seeder("reconsideration", seed, order=30, label=_("行政复议"))
            registry.register_nav_entry(NavEntry(_("行政复议"), "reconsideration:index", "bi-bank",
                                                 ("reconsideration.view_reconsiderationcase",)), order=50)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# --- seeders --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seeder:
    name: str
    func: Callable[[int, object], None]
    order: int
    label: str  # what seed_demo prints before running it (Chinese)


_seeders: dict[str, Seeder] = {}


def register_seeder(name: str, func: Callable[[int, object], None], *, order: int = 100, label=None) -> None:
    """Add (or replace) the demo-data seeder `name`; `label` defaults to the name."""
    _seeders[name] = Seeder(name=name, func=func, order=order, label=str(label or name))


def seeders() -> list[Seeder]:
    """The registered seeders in running order (order, then name)."""
    return sorted(_seeders.values(), key=lambda s: (s.order, s.name))


# --- navigation ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    icon: str
    perms: tuple[str, ...] = ()  # any of these; empty = every logged-in user
    children: tuple[NavEntry, ...] = field(default=())


_nav: dict[str, tuple[int, NavEntry]] = {}


def register_nav_entry(entry: NavEntry, *, order: int = 100) -> None:
    """Add (or replace) a top-level navigation entry, keyed by its URL name."""
    _nav[entry.url_name] = (order, entry)


def nav_entries() -> list[NavEntry]:
    return [entry for _order, entry in sorted(_nav.values(), key=lambda pair: (pair[0], pair[1].url_name))]


# --- workbench panels ------------------------------------------------------------------------------

_panels: dict[str, tuple[int, Callable]] = {}


def register_workbench_panel(name: str, provider: Callable, *, order: int = 100) -> None:
    """Add (or replace) the panel `name`: `provider(request)` returns the panel's dict or None."""
    _panels[name] = (order, provider)


def workbench_panel_providers() -> list[Callable]:
    return [
        provider for _key, (_order, provider) in sorted(_panels.items(), key=lambda kv: (kv[1][0], kv[0]))
    ]


# --- dashboard panels ----------------------------------------------------------------------------

_dashboard_panels: dict[str, tuple[int, Callable]] = {}


def register_dashboard_panel(name: str, provider: Callable, *, order: int = 100) -> None:
    """Add (or replace) the dashboard panel `name`: `provider(user=, scope=)` returns a panel or None."""
    _dashboard_panels[name] = (order, provider)


def dashboard_panel_providers() -> list[Callable]:
    ordered = sorted(_dashboard_panels.items(), key=lambda kv: (kv[1][0], kv[0]))
    return [provider for _key, (_order, provider) in ordered]


_dashboard_trends: dict[str, tuple[int, Callable]] = {}


def register_dashboard_trend(name: str, provider: Callable, *, order: int = 100) -> None:
    """Add (or replace) the trend provider `name`: `provider(user=, scope=, years=, counties=)` returns a
    list of `core.indicators.Series` (empty when the user may not see the mechanism)."""
    _dashboard_trends[name] = (order, provider)


def dashboard_trend_providers() -> list[Callable]:
    ordered = sorted(_dashboard_trends.items(), key=lambda kv: (kv[1][0], kv[0]))
    return [provider for _key, (_order, provider) in ordered]


_assessment: dict[str, tuple[int, Callable]] = {}


def register_assessment_column(name: str, provider: Callable, *, order: int = 100) -> None:
    """Add (or replace) the 考核 column `name`: `provider(user=, scope=)` returns an AssessmentColumn
    (or a list of them), or None."""
    _assessment[name] = (order, provider)


def assessment_column_providers() -> list[Callable]:
    ordered = sorted(_assessment.items(), key=lambda kv: (kv[1][0], kv[0]))
    return [provider for _key, (_order, provider) in ordered]


# --- dispute timeline providers --------------------------------------------------------------------

_timeline: list[Callable] = []


def register_timeline_provider(fn: Callable) -> Callable:
    """Add a provider (idempotent). Usable as a decorator."""
    if fn not in _timeline:
        _timeline.append(fn)
    return fn


def unregister_timeline_provider(fn: Callable) -> None:
    if fn in _timeline:
        _timeline.remove(fn)


def timeline_providers() -> tuple[Callable, ...]:
    return tuple(_timeline)
