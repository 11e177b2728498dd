from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .registry import NavEntry, register_nav_entry


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("公共内核")

    def ready(self):
        register_nav_entry(NavEntry(_("我的工作台"), "core:home", "bi-house-door"), order=0)
        register_nav_entry(
            NavEntry(_("审计"), "audit:index", "bi-clipboard-data", ("core.view_audit",)), order=110
        )

        # Every text field of the project's models and every form text field refuses control
        # characters, and every TextField has a maximum length (core.validators).
        from .validators import install_text_validators

        install_text_validators()
        # get_FOO_display() with each field's labels built once (core.display).
        from .display import install_choice_labels

        install_choice_labels()
