from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import NavEntry, register_nav_entry


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("行政决策")

    def ready(self):
        register_nav_entry(
            NavEntry(_("行政决策"), "decisions:index", "bi-journal-check", ("decisions.view_decision",)),
            order=10,
        )
