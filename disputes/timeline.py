"""The path of one dispute across the mechanisms (诉源 lineage), as a date-sorted timeline.

Mechanism apps contribute their proceedings by registering a provider in their AppConfig.ready()
(`core.registry.register_timeline_provider`):

    from core import registry
    from disputes.timeline import TimelineEvent

    def reconsideration_events(dispute) -> list[TimelineEvent]:
        return [TimelineEvent(date=c.received_date, title=_("收到行政复议申请"), detail=c.number,
                              url=c.get_absolute_url(), mechanism=_("行政复议")) for c in ...]

    registry.register_timeline_provider(reconsideration_events)

A provider takes the dispute and returns a list of events; it should read with one or two queries
(the dispute page calls every provider once).
"""

from dataclasses import dataclass, replace
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.registry import register_timeline_provider, timeline_providers, unregister_timeline_provider

from .choices import DisputeStatus
from .scoping import record_urls_openable_by

__all__ = [
    "TimelineEvent",
    "dispute_timeline",
    "own_events",
    "register_timeline_provider",
    "unregister_timeline_provider",
]


@dataclass(frozen=True)
class TimelineEvent:
    date: date
    title: str
    detail: str = ""
    url: str = ""
    mechanism: str = ""


MECHANISM_DISPUTE = _("行政争议")


def own_events(dispute) -> list[TimelineEvent]:
    """The dispute's own milestones: the act, the registration and the resolution."""
    act_detail = dispute.get_act_type_display()
    if dispute.act_document_number:
        act_detail = f"{act_detail} · {dispute.act_document_number}"
    events = [
        TimelineEvent(
            date=dispute.act_date,
            title=str(_("作出行政行为：%(agency)s") % {"agency": dispute.respondent.name}),
            detail=act_detail,
            mechanism=str(MECHANISM_DISPUTE),
        ),
        TimelineEvent(
            date=timezone.localdate(dispute.created_at),
            title=str(_("争议登记")),
            detail=dispute.number,
            mechanism=str(MECHANISM_DISPUTE),
        ),
    ]
    if dispute.status != DisputeStatus.OPEN and dispute.resolved_at:
        title = _("争议已化解") if dispute.status == DisputeStatus.RESOLVED else _("争议已终结")
        detail = {True: _("实质性化解"), False: _("未实质性化解"), None: ""}[dispute.resolved_substantively]
        events.append(
            TimelineEvent(
                date=dispute.resolved_at,
                title=str(title),
                detail=str(detail),
                mechanism=str(MECHANISM_DISPUTE),
            )
        )
    return events


def dispute_timeline(dispute, user=None) -> list[TimelineEvent]:
    """Own events plus every registered provider's, sorted by date (stable: own events first on a tie).

    With `user`, an event links only to a record the user may open; the others stay as text, so the
    page names a case of another body without offering a link that would answer 404.
    """
    events = own_events(dispute)
    for provider in timeline_providers():
        events.extend(provider(dispute))
    if user is not None:
        openable = record_urls_openable_by(user, dispute)
        events = [e if not e.url or e.url in openable else replace(e, url="") for e in events]
    return sorted(events, key=lambda e: e.date)
