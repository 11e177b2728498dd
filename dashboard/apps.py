from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import NavEntry, register_nav_entry


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("数据看板")

    def ready(self):
        register_nav_entry(
            NavEntry(_("数据看板"), "dashboard:index", "bi-bar-chart", ("dashboard.view_dashboard",)),
            order=90,
        )
