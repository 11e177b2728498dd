from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import (
    NavEntry,
    register_assessment_column,
    register_dashboard_panel,
    register_dashboard_trend,
    register_nav_entry,
    register_seeder,
    register_workbench_panel,
)


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("行政监督")

    def ready(self):
        # the panels import the models, which exist only once the app registry is ready
        from .dashboard import review_assessment, review_panel, review_trends, supervision_panel
        from .seed import seed
        from .workbench import agency_panel, supervisor_panel

        # after enforcement (order 40): the supervision demo files and filings belong to its agencies
        register_seeder("supervision", seed, order=45, label=_("行政执法监督"))

        register_dashboard_panel("supervision", supervision_panel, order=25)
        register_dashboard_panel("supervision_review", review_panel, order=26)
        register_dashboard_trend("supervision_review", review_trends, order=26)
        register_assessment_column("supervision_review", review_assessment, order=25)
        register_workbench_panel("supervision_supervisor", supervisor_panel, order=33)
        register_workbench_panel("supervision_agency", agency_panel, order=34)
        register_nav_entry(
            NavEntry(
                _("行政监督"), "supervision:index", "bi-binoculars", ("supervision.view_decisionfiling",)
            ),
            order=30,
        )
