from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import NavEntry, register_nav_entry


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("行政执法")

    def ready(self):
        register_nav_entry(
            NavEntry(
                _("行政执法"), "enforcement:index", "bi-shield-check", ("enforcement.view_enforcementcase",)
            ),
            order=20,
        )
