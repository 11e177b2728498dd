from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("公共内核")

    def ready(self):
        # Every text field of the project's models and every form text field refuses control
        # characters, and every TextField has a maximum length (core.validators).
        from .validators import install_text_validators

        install_text_validators()
        # get_FOO_display() with each field's labels built once (core.display).
        from .display import install_choice_labels

        install_choice_labels()
