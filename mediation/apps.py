from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import NavEntry, register_nav_entry


class MediationConfig(AppConfig):
    name = "mediation"
    verbose_name = _("多元化解")

    def ready(self):
        register_nav_entry(
            NavEntry(_("多元化解"), "mediation:index", "bi-people", ("mediation.view_mediationcase",)),
            order=40,
        )
