"""Every read of mediation (多元化解): the case list (the FilterSet applied here), the case page's data,
the registers, the indicators for the dashboard, the workbench panel and the dispute timeline.
Each starts from `visible_to(user)` and keeps its query count constant in the number of rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgUnit
from core.views import get_visible_or_404
from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline
from disputes.models import Dispute
from disputes.timeline import TimelineEvent

from .choices import (
    ACTIVE_STATUSES,
    AGREED_STATUSES,
    CONCLUDED_STATUSES,
    PERM_CHANGE,
    PERM_VIEW,
    CaseSource,
    CaseStatus,
    MediationType,
)
from .filters import CaseFilter, CentreFilter, DockingFilter, docking_centre_q
from .models import CaseEvent, MediationCase, Mediator, PartnerAgreement, Referral


def _open_clocks():
    ct = ContentType.objects.get_for_model(MediationCase)
    return Deadline.objects.filter(content_type=ct, object_id=OuterRef("pk"), status=DeadlineStatus.OPEN)


def visible_cases(user):
    return MediationCase.objects.visible_to(user)


def case_list(*, user, filters=None):
    """The visible cases, filtered by `CaseFilter`, newest first, with the next open clock's due date
    (2 queries for a page: the count and the rows; the mediators come in one prefetch)."""
    qs = visible_cases(user).select_related("org_unit", "dispute")
    qs = CaseFilter(filters or None, queryset=qs, user=user).qs
    nearest = _open_clocks().order_by("due_date")
    return qs.annotate(
        next_due_on=Subquery(nearest.values("due_date")[:1]),
        next_rule=Subquery(nearest.values("rule_code")[:1]),
        # a correlated count, not a join: the page's COUNT(*) then needs no GROUP BY
        referral_count=Coalesce(
            Subquery(
                Referral.objects.filter(case=OuterRef("pk"))
                .order_by()
                .values("case")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            0,
        ),
    ).order_by("-received_on", "-id")


def case_detail(*, user, pk: int) -> MediationCase:
    qs = (
        visible_cases(user)
        .select_related("org_unit", "registered_unit", "referring_unit", "dispute__respondent", "agreement")
        .prefetch_related(
            "mediators",
            "joint_units",
            Prefetch(
                "events",
                queryset=CaseEvent.objects.select_related("actor").order_by("date", "created_at", "id"),
            ),
            Prefetch("referrals", queryset=Referral.objects.select_related("from_unit", "to_unit")),
            "sessions",
            "confirmations__court",
            "visits",
        )
    )
    return get_visible_or_404(qs, user, pk=pk)


def case_clocks(case) -> list[Deadline]:
    ct = ContentType.objects.get_for_model(MediationCase)
    return list(Deadline.objects.filter(content_type=ct, object_id=case.pk).order_by("created_at", "id"))


def has_agreement(case) -> bool:
    try:
        return case.agreement is not None
    except MediationCase.agreement.RelatedObjectDoesNotExist:
        return False


def organisation_path(case) -> list:
    """The organisations the case passed through, in order (三调联动): registration, then each referral."""
    referrals = list(case.referrals.all())
    if not referrals:
        return [case.org_unit]
    return [referrals[0].from_unit, *(r.to_unit for r in referrals)]


# --- registers ---------------------------------------------------------------------------------------


def mediator_list(*, user):
    """Mediators with the cases they handled and their success rate, computed (2 queries)."""
    return (
        Mediator.objects.visible_to(user)
        .select_related("org_unit")
        .annotate(
            cases_handled=Count("cases", filter=Q(cases__status__in=CONCLUDED_STATUSES), distinct=True),
            cases_agreed=Count("cases", filter=Q(cases__status__in=AGREED_STATUSES), distinct=True),
        )
        .order_by("org_unit__path", "name", "id")
    )


def success_rate(agreed: int, handled: int) -> float | None:
    return round(agreed * 100 / handled, 1) if handled else None


def partner_agreement_list(*, user, filters=None):
    """诉调对接文件, newest first, with their parties (two queries a page); `filters` through
    `DockingFilter`."""
    qs = PartnerAgreement.objects.visible_to(user).select_related("org_unit").prefetch_related("parties")
    if filters:
        qs = DockingFilter(filters, queryset=qs).qs
    return qs.order_by("-signed_on", "-id")


def partner_unit_list(*, user, filters=None):
    """诉调对接单位: the units that signed the joint documents of `partner_agreement_list(filters)`,
    each with how many of them (`n`) — one grouped query a page."""
    agreements = PartnerAgreement.objects.visible_to(user)
    if filters:
        agreements = DockingFilter(filters, queryset=agreements).qs
    # the filter on the relation comes before the Count, so `n` counts only those documents
    return (
        OrgUnit.objects.filter(mediation_partner_agreements__in=agreements.values("pk"))
        .annotate(n=Count("mediation_partner_agreements"))
        .select_related("parent")
        .order_by("path", "id")
    )


def docking_centre_list(*, user, filters=None):
    """诉调对接中心（站） within the user's jurisdiction, with the mediators on their register (`n`)."""
    mediators = (
        Mediator.objects.filter(org_unit=OuterRef("pk"), is_active=True)
        .order_by()
        .values("org_unit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = (
        OrgUnit.objects.visible_to(user)
        .filter(docking_centre_q())
        .select_related("parent")
        .annotate(n=Coalesce(Subquery(mediators), 0))
    )
    if filters:
        qs = CentreFilter(filters, queryset=qs).qs
    return qs.order_by("path", "id")


def docking_summary(*, user, within=None, signed_to=None) -> dict:
    """诉调对接 at a glance (3 queries): the joint documents the user sees, kept within `within` (an
    OrgUnit: its subtree; None: all) and signed by `signed_to` (None: all); the units that signed
    them; the docking centres within `within`. Each count is the count of the list above with the
    filters `within` and `signed_to` (the dashboard's figures, docs/indicators.md)."""
    agreements = PartnerAgreement.objects.visible_to(user)
    centres = OrgUnit.objects.visible_to(user).filter(docking_centre_q())
    if within is not None:
        agreements = agreements.filter(org_unit__path__startswith=within.path)
        centres = centres.filter(path__startswith=within.path)
    if signed_to is not None:
        agreements = agreements.filter(signed_on__lte=signed_to)
    partners = (
        OrgUnit.objects.filter(mediation_partner_agreements__in=agreements.values("pk"))
        .values("pk")
        .distinct()
        .count()
    )
    return {"documents": agreements.count(), "partners": partners, "centres": centres.count()}


# --- indicators --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicators:
    total: int
    concluded: int
    agreed: int
    confirmed: int
    agreements: int
    average_days: float | None
    pre_litigation: int
    by_type: list[tuple[str, int]]
    by_source: list[tuple[str, int]]
    referred: int

    @property
    def success_rate(self) -> float | None:
        return success_rate(self.agreed, self.concluded)

    @property
    def confirmation_rate(self) -> float | None:
        return success_rate(self.confirmed, self.agreements)


def _later_proceedings() -> Q:
    """A later reconsideration case or lawsuit on the dispute: every other record registered on the
    dispute (disputes.Dispute reverse relations), read without importing another mechanism."""
    condition = Q(pk__in=[])
    for rel in Dispute._meta.related_objects:
        model = rel.related_model
        if model is MediationCase or not rel.one_to_many or rel.field.name != "dispute":
            continue
        if model._meta.app_label == "disputes":
            continue
        condition |= Q(Exists(model._default_manager.filter(dispute=OuterRef("dispute"))))
    return condition


def indicators(*, user, year: int | None = None, org_unit=None) -> Indicators:
    """调解成功率, 司法确认率, average duration, 诉前化解 and the counts by type and source (docs/law/
    mediation.md, "Indicators"), aggregated in the database (4 queries)."""
    qs = visible_cases(user)
    if year:
        qs = qs.filter(received_on__year=year)
    if org_unit is not None:
        qs = qs.filter(org_unit__path__startswith=org_unit.path)
    duration = ExpressionWrapper(F("concluded_on") - F("received_on"), output_field=DurationField())
    totals = qs.aggregate(
        total=Count("pk"),
        concluded=Count("pk", filter=Q(status__in=CONCLUDED_STATUSES)),
        agreed=Count("pk", filter=Q(status__in=AGREED_STATUSES)),
        confirmed=Count("pk", filter=Q(status=CaseStatus.CONFIRMED)),
        referred=Count("pk", filter=Q(Exists(Referral.objects.filter(case=OuterRef("pk"))))),
        average=Avg(duration, filter=Q(status__in=CONCLUDED_STATUSES, concluded_on__isnull=False)),
        pre_litigation=Count(
            "pk", filter=Q(status__in=AGREED_STATUSES) & (Q(dispute__isnull=True) | ~_later_proceedings())
        ),
    )
    agreements = totals["agreed"]
    type_labels = dict(MediationType.choices)
    source_labels = dict(CaseSource.choices)
    by_type = {
        r["mediation_type"]: r["n"] for r in qs.values("mediation_type").annotate(n=Count("pk")).order_by()
    }
    by_source = {r["source"]: r["n"] for r in qs.values("source").annotate(n=Count("pk")).order_by()}
    average = totals["average"]
    if average is not None and hasattr(average, "days"):
        average_days = round(average.total_seconds() / 86400, 1)
    elif average is not None:  # SQLite returns microseconds
        average_days = round(float(average) / 86_400_000_000, 1)
    else:
        average_days = None
    return Indicators(
        total=totals["total"],
        concluded=totals["concluded"],
        agreed=totals["agreed"],
        confirmed=totals["confirmed"],
        agreements=agreements,
        average_days=average_days,
        pre_litigation=totals["pre_litigation"],
        by_type=[(str(type_labels[k]), by_type.get(k, 0)) for k in MediationType.values],
        by_source=[(str(source_labels[k]), by_source.get(k, 0)) for k in CaseSource.values],
        referred=totals["referred"],
    )


# --- workbench, dispute timeline ---------------------------------------------------------------------


def workbench_panel(request) -> dict | None:
    """调解员's panel: the cases still being mediated and the clocks (judicial confirmation, entrusted
    mediation) due within a week or overdue (2 queries)."""
    user = request.user
    if not user.has_perm(PERM_CHANGE):
        return None
    today = timezone.localdate()
    qs = visible_cases(user)
    due = list(
        qs.filter(Exists(_open_clocks().filter(due_date__lte=today + timedelta(days=7))))
        .annotate(next_due_on=Subquery(_open_clocks().order_by("due_date").values("due_date")[:1]))
        .select_related("org_unit")
        .order_by("next_due_on", "id")[:8]
    )
    return {
        "title": _("调解工作"),
        "template": "mediation/_workbench.html",
        "context": {"active": qs.filter(status__in=ACTIVE_STATUSES).count(), "due": due, "today": today},
    }


def overview_panel(request) -> dict | None:
    """领导's panel (view only): this year's figures of the jurisdiction (4 queries)."""
    user = request.user
    if not user.has_perm(PERM_VIEW) or user.has_perm(PERM_CHANGE):
        return None
    year = timezone.localdate().year
    return {
        "title": _("多元化解概况（%(year)d年）") % {"year": year},
        "template": "mediation/_overview.html",
        "context": {"figures": indicators(user=user, year=year)},
    }


def dispute_timeline_events(dispute) -> list[TimelineEvent]:
    """The mediation steps of one dispute for its timeline page (2 queries)."""
    mechanism = str(_("多元化解"))
    events: list[TimelineEvent] = []
    cases = (
        dispute.mediation_cases.select_related("org_unit")
        .prefetch_related(Prefetch("referrals", queryset=Referral.objects.select_related("to_unit")))
        .order_by("received_on", "id")
    )
    for case in cases:
        url = case.get_absolute_url()
        events.append(
            TimelineEvent(
                date=case.received_on,
                title=str(_("%(type)s受理") % {"type": case.get_mediation_type_display()}),
                detail=case.number,
                url=url,
                mechanism=mechanism,
            )
        )
        for r in case.referrals.all():
            events.append(
                TimelineEvent(
                    date=r.referred_on,
                    title=str(_("移交%(unit)s调解") % {"unit": r.to_unit.name}),
                    detail=r.reason,
                    url=url,
                    mechanism=mechanism,
                )
            )
        if case.concluded_on and case.status in CONCLUDED_STATUSES:
            events.append(
                TimelineEvent(
                    date=case.concluded_on,
                    title=str(_("调解结果：%(s)s") % {"s": case.get_status_display()}),
                    detail=f"{case.number} {case.org_unit.name}",
                    url=url,
                    mechanism=mechanism,
                )
            )
    return events


def today() -> date:
    return timezone.localdate()
