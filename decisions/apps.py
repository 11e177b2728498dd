from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import (
    NavEntry,
    register_dashboard_panel,
    register_dashboard_trend,
    register_nav_entry,
    register_seeder,
    register_workbench_panel,
)


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("行政决策")

    def ready(self):
        # the modules below import the models, which exist only once the app registry is ready
        from .dashboard import decisions_panel, decisions_trends
        from .seed import seed
        from .selectors import workbench_panel

        register_dashboard_panel("decisions", decisions_panel, order=10)
        register_dashboard_trend("decisions", decisions_trends, order=10)
        register_seeder("decisions", seed, order=40, label=_("重大行政决策与合法性审查"))
        register_workbench_panel("decisions", workbench_panel, order=30)
        register_nav_entry(
            NavEntry(
                _("行政决策"),
                "decisions:index",
                "bi-journal-check",
                ("decisions.view_majordecision", "decisions.view_legalaffairsmatter"),
            ),
            order=10,
        )
