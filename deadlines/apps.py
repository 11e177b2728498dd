from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import NavEntry, register_dashboard_panel, register_nav_entry, register_workbench_panel


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = _("期限管理")

    def ready(self):
        # selectors import the models, which exist only once the registry is ready
        from .dashboard import on_time_panel, risk_panel
        from .selectors import workbench_panel

        register_workbench_panel("deadlines", workbench_panel, order=10)
        register_dashboard_panel("on_time", on_time_panel, order=940)
        register_dashboard_panel("risk", risk_panel, order=5)
        register_nav_entry(
            NavEntry(
                _("期限"),
                "deadlines:mine",
                "bi-alarm",
                ("deadlines.view_deadline", "deadlines.view_calendarday"),
                children=(
                    NavEntry(_("我的期限"), "deadlines:mine", "bi-alarm", ("deadlines.view_deadline",)),
                    NavEntry(
                        _("单位期限"), "deadlines:unit", "bi-building", ("deadlines.view_unit_deadlines",)
                    ),
                    NavEntry(
                        _("期限计算器"), "deadlines:calculator", "bi-calculator", ("deadlines.view_deadline",)
                    ),
                    NavEntry(
                        _("工作日历"), "deadlines:calendar", "bi-calendar3", ("deadlines.view_calendarday",)
                    ),
                ),
            ),
            order=80,
        )
