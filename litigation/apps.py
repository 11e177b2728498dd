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

PERM_VIEW = "litigation.view_litigationcase"


def dispute_records(user, *, change=False):
    """The lawsuits a user may open (or, with `change`, handle): a dispute is seen through them
    (disputes/scoping.py)."""
    from .models import LitigationCase

    perms = [PERM_VIEW]
    if change:
        perms.append("litigation.change_litigationcase")
    if not user.has_perms(perms):
        return LitigationCase.objects.none()
    return LitigationCase.objects.visible_to(user)


def workbench_panel(request):
    """应诉工作人员 (and leaders reading the cases): defence clocks, unconfirmed heads, recommendations."""
    user = request.user
    if not user.is_authenticated or not user.has_perm(PERM_VIEW):
        return None
    from .selectors import workbench_counts

    return {
        "title": _("行政应诉"),
        "template": "litigation/_workbench_panel.html",
        "context": workbench_counts(user=user),
    }


class LitigationConfig(AppConfig):
    name = "litigation"
    verbose_name = _("行政应诉")

    def ready(self):
        from disputes.scoping import register_dispute_records

        from .dashboard import litigation_assessment, litigation_panel, litigation_trends
        from .seed import seed
        from .selectors import dispute_timeline_events

        register_dashboard_panel("litigation", litigation_panel, order=60)
        register_dashboard_trend("litigation", litigation_trends, order=60)
        register_assessment_column("litigation", litigation_assessment, order=60)
        register_timeline_provider(dispute_timeline_events)
        register_dispute_records(dispute_records)
        register_workbench_panel("litigation", workbench_panel, order=60)
        register_seeder("litigation", seed, order=60, label=_("行政应诉"))
        register_nav_entry(
            NavEntry(_("行政应诉"), "litigation:index", "bi-briefcase", (PERM_VIEW,)), order=60
        )
