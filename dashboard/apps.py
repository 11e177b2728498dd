from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import NavEntry, register_nav_entry, register_workbench_panel


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("数据看板")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .cache import on_write  # imports accounts' models: only once the registry is ready
        from .workbench import leader_panel

        register_workbench_panel("dashboard_leader", leader_panel, order=3)

        post_save.connect(on_write, dispatch_uid="dashboard_cache_save")
        post_delete.connect(on_write, dispatch_uid="dashboard_cache_delete")
        m2m_changed.connect(on_write, dispatch_uid="dashboard_cache_m2m")
        register_nav_entry(
            NavEntry(_("数据看板"), "dashboard:index", "bi-bar-chart", ("dashboard.view_dashboard",)),
            order=90,
        )
