from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import (
    NavEntry,
    register_assessment_column,
    register_dashboard_panel,
    register_dashboard_trend,
    register_nav_entry,
    register_seeder,
    register_timeline_provider,
    register_workbench_panel,
)


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("行政执法")

    def ready(self):
        # these modules import the models, which exist only once the app registry is ready
        from .dashboard import enforcement_assessment, enforcement_panel, enforcement_trends
        from .seed import seed
        from .selectors import dispute_timeline_events
        from .workbench import agency_panel, review_panel, supervision_panel

        register_timeline_provider(dispute_timeline_events)
        register_dashboard_panel("enforcement", enforcement_panel, order=20)
        register_dashboard_trend("enforcement", enforcement_trends, order=20)
        register_assessment_column("enforcement", enforcement_assessment, order=20)
        register_workbench_panel("enforcement_review", review_panel, order=30)
        register_workbench_panel("enforcement_agency", agency_panel, order=31)
        register_workbench_panel("enforcement_supervision", supervision_panel, order=32)
        register_seeder("enforcement", seed, order=40, label=_("行政执法"))
        register_nav_entry(
            NavEntry(
                _("行政执法"), "enforcement:index", "bi-shield-check", ("enforcement.view_enforcementcase",)
            ),
            order=20,
        )
