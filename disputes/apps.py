from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import NavEntry, register_dashboard_panel, register_nav_entry

VIEW = ("disputes.view_dispute",)


class DisputesConfig(AppConfig):
    name = "disputes"
    verbose_name = _("行政争议")

    def ready(self):
        from .dashboard import source_panel  # imports the models: only once the registry is ready

        register_dashboard_panel("sources", source_panel, order=900)
        register_nav_entry(
            NavEntry(
                _("行政争议"),
                "disputes:list",
                "bi-diagram-3",
                VIEW,
                children=(
                    NavEntry(_("争议检索"), "disputes:list", "bi-search", VIEW),
                    NavEntry(_("争议来源统计"), "disputes:stats", "bi-bar-chart", VIEW),
                ),
            ),
            order=70,
        )
