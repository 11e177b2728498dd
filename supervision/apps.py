from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import NavEntry, register_nav_entry


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("行政监督")

    def ready(self):
        register_nav_entry(
            NavEntry(_("行政监督"), "supervision:index", "bi-binoculars", ("supervision.view_decisionfiling",)),
            order=30,
        )
