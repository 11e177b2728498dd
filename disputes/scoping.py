"""Who sees and who changes a dispute: through the mechanism records on it.

A dispute holds the parties' identities and the path the disagreement took, so it is seen by whoever
may open at least one mechanism record on it (a reconsideration case, later a mediation or a lawsuit)
— not by whoever sees its respondent. A dispute with no record yet is seen inside the jurisdiction it
was registered in (`org_unit`). It is edited, given parties, marked resolved, or has a party's full
data revealed only through a record the user handles (may change); with no record yet, inside that
jurisdiction. Everything else is outside the user's reach and answers 404.

Each mechanism app registers its records in its AppConfig.ready():

    from disputes.scoping import register_dispute_records

    def dispute_records(user, *, change=False):
        # the records (with a `dispute` FK) the user may open, or may change when change=True
        ...

    register_dispute_records(dispute_records)

The callable returns a queryset of one model with a foreign key `dispute` (or the field named by
`dispute_field`); it must already apply the user's jurisdiction and the model permission.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.jurisdiction import jurisdiction_path

RecordsQuery = Callable[..., QuerySet]


@dataclass(frozen=True)
class DisputeRecords:
    records: RecordsQuery  # records(user, *, change: bool) -> QuerySet
    dispute_field: str = "dispute"


_registry: list[DisputeRecords] = []


def register_dispute_records(fn: RecordsQuery, *, dispute_field: str = "dispute") -> RecordsQuery:
    """Add a mechanism's records (idempotent, so a re-run ready() registers once)."""
    entry = DisputeRecords(fn, dispute_field)
    if entry not in _registry:
        _registry.append(entry)
    return fn


def unregister_dispute_records(fn: RecordsQuery) -> None:
    _registry[:] = [e for e in _registry if e.records is not fn]


def registered_dispute_records() -> tuple[DisputeRecords, ...]:
    return tuple(_registry)


def _model_of(entry: DisputeRecords, user):
    return entry.records(user, change=False).model


def _on_dispute(qs: QuerySet, entry: DisputeRecords) -> Exists:
    return Exists(qs.order_by().filter(**{f"{entry.dispute_field}_id": OuterRef("pk")}))


def _registered_here(user) -> Q:
    """No mechanism record yet, and registered inside the user's jurisdiction."""
    path = jurisdiction_path(user)
    if path is False:
        return Q(pk__in=[])
    condition = Q(org_unit__path__startswith=path) if path is not None else Q()
    for entry in _registry:
        condition &= ~Q(_on_dispute(_model_of(entry, user)._default_manager.all(), entry))
    return condition


def _through_records(user, *, change: bool) -> Q:
    condition = Q(pk__in=[])
    for entry in _registry:
        condition |= Q(_on_dispute(entry.records(user, change=change), entry))
    return condition


def disputes_visible_to(qs: QuerySet, user) -> QuerySet:
    """The disputes of `qs` the user may see (a filter on Dispute)."""
    path = jurisdiction_path(user)
    if path is None:  # superuser
        return qs
    if path is False:
        return qs.none()
    return qs.filter(_through_records(user, change=False) | _registered_here(user))


def disputes_changeable_by(qs: QuerySet, user) -> QuerySet:
    """The disputes of `qs` the user may change: holds `disputes.change_dispute` and handles a record on
    it (or it has none yet and was registered in the user's jurisdiction)."""
    if not user.has_perm("disputes.change_dispute"):
        return qs.none()
    path = jurisdiction_path(user)
    if path is None:
        return qs
    if path is False:
        return qs.none()
    return qs.filter(_through_records(user, change=True) | _registered_here(user))


def dispute_changeable(user, dispute) -> bool:
    return disputes_changeable_by(type(dispute).objects.filter(pk=dispute.pk), user).exists()


def record_urls_openable_by(user, dispute) -> set[str]:
    """The pages of the records on `dispute` the user may open (the timeline links only these)."""
    urls: set[str] = set()
    for entry in _registry:
        qs = entry.records(user, change=False).filter(**{f"{entry.dispute_field}_id": dispute.pk})
        urls.update(record.get_absolute_url() for record in qs)
    return urls
