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


def dispute_records(user, *, change=False):
    """The reconsideration cases a user may open (or, with `change`, may handle): a dispute is seen and
    changed through them (disputes/scoping.py)."""
    from .models import ReconsiderationCase

    perms = ["reconsideration.view_reconsiderationcase"]
    if change:
        perms.append("reconsideration.change_reconsiderationcase")
    if not user.has_perms(perms):
        return ReconsiderationCase.objects.none()
    return ReconsiderationCase.objects.visible_to(user)


class ReconsiderationConfig(AppConfig):
    name = "reconsideration"
    verbose_name = _("行政复议")

    def ready(self):
        # The dispute page shows each reconsideration case on the dispute's path (诉源 lineage), and
        # the dispute is seen and changed through its cases; these modules import the models, which
        # exist only once the app registry is ready.
        from disputes.scoping import register_dispute_records

        from .dashboard import reconsideration_assessment, reconsideration_panel, reconsideration_trends
        from .seed import seed
        from .selectors import dispute_timeline_events
        from .workbench import head_panel, leader_panel, officer_panel

        register_timeline_provider(dispute_timeline_events)
        register_dashboard_panel("reconsideration", reconsideration_panel, order=50)
        register_dashboard_trend("reconsideration", reconsideration_trends, order=50)
        register_assessment_column("reconsideration", reconsideration_assessment, order=50)
        register_workbench_panel("reconsideration_head", head_panel, order=5)
        register_workbench_panel("reconsideration_officer", officer_panel, order=6)
        register_workbench_panel("reconsideration_leader", leader_panel, order=7)
        register_dispute_records(dispute_records)
        register_seeder("reconsideration", seed, order=50, label=_("行政复议"))
        register_nav_entry(
            NavEntry(
                _("行政复议"),
                "reconsideration:index",
                "bi-bank",
                ("reconsideration.view_reconsiderationcase",),
            ),
            order=50,
        )
