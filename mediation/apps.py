from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import (
    NavEntry,
    register_dashboard_panel,
    register_dashboard_trend,
    register_nav_entry,
    register_seeder,
    register_timeline_provider,
    register_workbench_panel,
)


def dispute_records(user, *, change=False):
    """The mediation cases a user may open (or, with `change`, may handle): a dispute is seen and
    changed through them (disputes/scoping.py)."""
    from .models import MediationCase

    perms = ["mediation.view_mediationcase"]
    if change:
        perms.append("mediation.change_mediationcase")
    if not user.has_perms(perms):
        return MediationCase.objects.none()
    return MediationCase.objects.visible_to(user)


class MediationConfig(AppConfig):
    name = "mediation"
    verbose_name = _("多元化解")

    def ready(self):
        # The dispute page shows each mediation on the dispute's path, and the dispute is seen and
        # changed through its mediation cases; these modules import the models.
        from disputes.scoping import register_dispute_records

        from .dashboard import mediation_panel, mediation_trends
        from .seed import seed
        from .selectors import dispute_timeline_events, overview_panel, workbench_panel

        register_timeline_provider(dispute_timeline_events)
        register_dispute_records(dispute_records)
        # after reconsideration (50): some mediations belong to its disputes
        register_seeder("mediation", seed, order=60, label=_("多元化解"))
        register_dashboard_panel("mediation", mediation_panel, order=40)
        register_dashboard_trend("mediation", mediation_trends, order=40)
        register_workbench_panel("mediation", workbench_panel, order=40)
        register_workbench_panel("mediation_overview", overview_panel, order=41)
        register_nav_entry(
            NavEntry(_("多元化解"), "mediation:index", "bi-people", ("mediation.view_mediationcase",)),
            order=40,
        )
