from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.registry import NavEntry, register_nav_entry, register_seeder, register_timeline_provider


class ReconsiderationConfig(AppConfig):
    name = "reconsideration"
    verbose_name = _("行政复议")

    def ready(self):
        # these modules import the models, which exist only once the app registry is ready
        from .seed import seed
        from .services import dispute_timeline_events

        # The dispute page shows each reconsideration case on the dispute's path (诉源 lineage).
        register_timeline_provider(dispute_timeline_events)
        register_seeder("reconsideration", seed, order=50, label=_("行政复议"))
        register_nav_entry(
            NavEntry(
                _("行政复议"),
                "reconsideration:index",
                "bi-bank",
                ("reconsideration.view_reconsiderationcase",),
            ),
            order=50,
        )
