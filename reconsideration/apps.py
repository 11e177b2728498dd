from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReconsiderationConfig(AppConfig):
    name = "reconsideration"
    verbose_name = _("行政复议")

    def ready(self):
        # The dispute page shows each reconsideration case on the dispute's path (诉源 lineage).
        from disputes.timeline import register_timeline_provider

        from .selectors import dispute_timeline_events

        register_timeline_provider(dispute_timeline_events)
