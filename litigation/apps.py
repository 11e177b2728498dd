from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import NavEntry, register_nav_entry


class LitigationConfig(AppConfig):
    name = "litigation"
    verbose_name = _("行政应诉")

    def ready(self):
        register_nav_entry(
            NavEntry(_("行政应诉"), "litigation:index", "bi-briefcase", ("litigation.view_litigationcase",)),
            order=60,
        )
