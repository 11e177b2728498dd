from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LitigationConfig(AppConfig):
    name = "litigation"
    verbose_name = _("行政应诉")
