"""Every read of the litigation app: the lists (the FilterSets applied here), the case page, the
queues of the workbench, the dispute timeline and the indicators of docs/law/litigation.md,
aggregated in the database."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from core.indicators import rate
from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline
from disputes.timeline import TimelineEvent

from .choices import ACTIVE_STATUSES, CaseStatus
from .filters import (
    CaseFilter,
    CaseIndicator,
    HearingFilter,
    HearingIndicator,
    annotate_hearing,
    annotate_year,
    case_indicator_q,
    hearing_indicator_q,
    in_some_set,
)
from .models import Attendance, CaseEvent, Defendant, Hearing, LitigationCase, Recommendation

PAGE_SIZE = 25
AGENCY_PAGE_SIZE = 25


def _next_due() -> Subquery:
    ct = ContentType.objects.get_for_model(LitigationCase)
    clocks = Deadline.objects.filter(content_type=ct, object_id=OuterRef("pk"), status=DeadlineStatus.OPEN)
    return Subquery(clocks.order_by("due_date").values("due_date")[:1])


def case_list(*, user, filters=None) -> QuerySet:
    """行政应诉案件 visible to `user`, filtered by `CaseFilter`, with the next open due date."""
    qs = LitigationCase.objects.visible_to(user)
    qs = CaseFilter(filters or None, queryset=qs, user=user).qs
    return (
        qs.select_related("org_unit", "court", "handler")
        .annotate(next_due_on=_next_due())
        .order_by("-complaint_received_on", "-id")
    )


def defence_queue(*, user) -> QuerySet:
    """答辩举证期限: first instances still in the 15 days of 行诉法第六十七条, soonest first."""
    return case_list(user=user).filter(status=CaseStatus.RESPONDING).order_by("next_due_on", "id")


def hearing_list(*, user, filters=None, upcoming=False) -> QuerySet:
    """开庭 visible to `user` (through their case), filtered by `HearingFilter`; upcoming ones from today."""
    qs = annotate_hearing(Hearing.objects.visible_to(user))
    if upcoming:
        qs = qs.filter(date__gte=timezone.localdate())
    qs = HearingFilter(filters or None, queryset=qs, user=user).qs
    order = ("date", "id") if upcoming else ("-date", "-id")
    return qs.select_related("case", "case__org_unit", "case__court").order_by(*order)


def recommendations_awaiting(*, user) -> QuerySet:
    """检察建议 / 司法建议 awaiting the agency's reply, oldest first."""
    return (
        Recommendation.objects.visible_to(user)
        .filter(replied_on__isnull=True)
        .select_related("case", "case__org_unit")
        .order_by("received_on", "id")
    )


def case_detail(*, user, pk) -> LitigationCase:
    """The case page's data in a constant number of queries."""
    attendances = Attendance.objects.select_related("defendant__agency").order_by("defendant_id", "id")
    qs = (
        LitigationCase.objects.visible_to(user)
        .select_related("org_unit", "court", "handler", "dispute", "previous")
        .prefetch_related(
            Prefetch("defendants", queryset=Defendant.objects.select_related("agency")),
            Prefetch(
                "hearings",
                queryset=Hearing.objects.prefetch_related(Prefetch("attendances", queryset=attendances)),
            ),
            "recommendations",
            "performances",
            Prefetch("events", queryset=CaseEvent.objects.select_related("actor")),
            Prefetch(
                "next_instances",
                queryset=LitigationCase.objects.only("pk", "number", "court_case_number", "previous_id"),
            ),
        )
    )
    return qs.get(pk=pk)


def case_clocks(case) -> list[Deadline]:
    ct = ContentType.objects.get_for_model(LitigationCase)
    return list(Deadline.objects.filter(content_type=ct, object_id=case.pk).order_by("created_at", "id"))


def head_attended_instance(case) -> bool:
    """出庭规定第七条: an instance is attended when a counting head of the primary defendant appeared
    at any of its hearings (prefetched rows of `case_detail`)."""
    return any(
        a.head_counts and a.defendant.agency_id == case.org_unit_id
        for h in case.hearings.all()
        for a in h.attendances.all()
    )


# --- indicators ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    numerator: int
    denominator: int
    numerator_set: str
    denominator_set: str
    previous: Decimal | None = None
    hearing_level: bool = False

    @property
    def rate(self) -> Decimal | None:
        return _rate(self.numerator, self.denominator)

    @property
    def change(self) -> Decimal | None:
        """Year-on-year change in percentage points."""
        if self.rate is None or self.previous is None:
            return None
        return self.rate - self.previous


def _rate(num: int, den: int) -> Decimal | None:
    """The litigation pages' percentages: two decimals, half up."""
    return rate(num, den, quantum=Decimal("0.01"), rounding=ROUND_HALF_UP)


def _scoped_cases(user, agency=None, county=None) -> QuerySet:
    qs = LitigationCase.objects.visible_to(user)
    if agency is not None:
        qs = qs.filter(org_unit=agency)
    if county is not None:
        qs = qs.filter(org_unit__path__startswith=county.path)
    return qs


def _year_cases(qs: QuerySet, year: int) -> QuerySet:
    """`qs` cut to the instances of some case set of `year`, annotated for `case_indicator_q`."""
    return annotate_year(qs.filter(in_some_set(year)).order_by(), year)


def _case_counts(qs: QuerySet, year: int) -> dict:
    annotated = _year_cases(qs, year)
    return annotated.aggregate(
        **{key: Count("pk", filter=case_indicator_q(key, year)) for key in CaseIndicator.values}
    )


def _hearing_counts(user, year: int, agency=None, county=None) -> dict:
    qs = annotate_hearing(Hearing.objects.visible_to(user).filter(date__year=year), year)
    if agency is not None:
        qs = qs.filter(case__org_unit=agency)
    if county is not None:
        qs = qs.filter(case__org_unit__path__startswith=county.path)
    return qs.order_by().aggregate(
        **{key: Count("pk", filter=hearing_indicator_q(key, year)) for key in HearingIndicator.values}
    )


def _figures(cases: dict, hearings: dict, previous: dict | None = None) -> list[Figure]:
    prev = previous or {}
    spec = [
        ("attendance", _("负责人出庭应诉率"), "head_attended", "heard", False),
        ("must_appear", _("应出尽出率"), "must_attended", "must_appear", False),
        ("spoke", _("出庭出声率"), "spoke", "head_hearings", True),
        ("on_time", _("主动应诉率"), "on_time", "defended", False),
        ("lost", _("败诉率（被纠错率）"), "lost", "concluded", False),
    ]
    figures = []
    for key, label, num, den, hearing_level in spec:
        counts = hearings if hearing_level else cases
        prev_counts = prev.get("hearings" if hearing_level else "cases")
        figures.append(
            Figure(
                key=key,
                label=label,
                numerator=counts[num],
                denominator=counts[den],
                numerator_set=num,
                denominator_set=den,
                previous=_rate(prev_counts[num], prev_counts[den]) if prev_counts else None,
                hearing_level=hearing_level,
            )
        )
    return figures


def indicators(*, user, year: int, agency=None, county=None) -> list[Figure]:
    """The five indicators of `year` with last year's rate beside (4 queries)."""
    this_cases = _case_counts(_scoped_cases(user, agency, county), year)
    this_hearings = _hearing_counts(user, year, agency, county)
    last = {
        "cases": _case_counts(_scoped_cases(user, agency, county), year - 1),
        "hearings": _hearing_counts(user, year - 1, agency, county),
    }
    return _figures(this_cases, this_hearings, last)


def visible_cases(user) -> QuerySet:
    return LitigationCase.objects.visible_to(user)


def yearly_rates(*, user, years, county=None) -> dict[int, dict]:
    """败诉率 and 负责人出庭应诉率 of each year, as `indicators` computes them (lost ÷ served that year;
    instances with a hearing that year whose primary defendant's counting head attended one ÷ instances
    with a hearing that year) — three grouped queries for all the years:
    {year: {"lost": rate, "attendance": rate}}."""
    cases = _scoped_cases(user, None, county).order_by()
    served = {
        r["y"]: r
        for r in cases.filter(served_on__year__in=years)
        .annotate(y=ExtractYear("served_on"))
        .values("y")
        .annotate(concluded=Count("pk"), lost=Count("pk", filter=Q(agency_lost=True)))
    }
    heard = dict(
        Hearing.objects.filter(case__in=cases, date__year__in=years)
        .annotate(y=ExtractYear("date"))
        .values_list("y")
        .annotate(n=Count("case", distinct=True))
        .order_by()
    )
    attended = dict(
        Attendance.objects.filter(
            hearing__case__in=cases,
            hearing__date__year__in=years,
            head_counts=True,
            defendant__agency=F("hearing__case__org_unit"),
        )
        .annotate(y=ExtractYear("hearing__date"))
        .values_list("y")
        .annotate(n=Count("hearing__case", distinct=True))
        .order_by()
    )
    return {
        year: {
            "lost": _rate(served[year]["lost"], served[year]["concluded"]) if year in served else None,
            "attendance": _rate(attended.get(year, 0), heard.get(year, 0)),
        }
        for year in years
    }


def _agency_rows(user, year: int, county=None) -> QuerySet:
    """The case figures of `year` grouped by primary defendant, in the order of the unit tree. Only
    instances in some case set of the year are grouped, so every agency here has a figure."""
    return (
        _year_cases(_scoped_cases(user, None, county), year)
        .values("org_unit", "org_unit__name", "org_unit__path")
        .annotate(**{key: Count("pk", filter=case_indicator_q(key, year)) for key in CaseIndicator.values})
        .order_by("org_unit__path", "org_unit")
    )


def _agency_figures(user, year: int, rows: list[dict], county=None, agencies=None) -> list[dict]:
    """`rows` of `_agency_rows` with their hearing figures (one query; of `agencies` only, if given)."""
    hearing_qs = annotate_hearing(Hearing.objects.visible_to(user).filter(date__year=year), year)
    if county is not None:
        hearing_qs = hearing_qs.filter(case__org_unit__path__startswith=county.path)
    if agencies is not None:
        hearing_qs = hearing_qs.filter(case__org_unit__in=agencies)
    hearing_rows = {
        r["case__org_unit"]: r
        for r in hearing_qs.order_by()
        .values("case__org_unit")
        .annotate(
            **{key: Count("pk", filter=hearing_indicator_q(key, year)) for key in HearingIndicator.values}
        )
    }
    empty = dict.fromkeys(HearingIndicator.values, 0)
    return [
        {
            "agency_id": row["org_unit"],
            "agency": row["org_unit__name"],
            "figures": _figures(row, hearing_rows.get(row["org_unit"], empty)),
        }
        for row in rows
    ]


def agency_table(*, user, year: int, county=None) -> list[dict]:
    """法治政府建设考核: the indicators per defendant agency for `year`, every agency (2 queries)."""
    return _agency_figures(user, year, list(_agency_rows(user, year, county)), county)


def agency_table_page(*, user, year: int, county=None, page=None) -> Page:
    """`agency_table` a page of `AGENCY_PAGE_SIZE` agencies at a time, for the statistics page
    (3 queries: the count, the page, its hearing figures)."""
    page_obj = Paginator(_agency_rows(user, year, county), AGENCY_PAGE_SIZE).get_page(page)
    rows = list(page_obj.object_list)
    page_obj.object_list = _agency_figures(user, year, rows, county, agencies=[r["org_unit"] for r in rows])
    return page_obj


def years_with_cases(*, user) -> list[int]:
    first = LitigationCase.objects.visible_to(user).aggregate(first=Min("complaint_received_on"))["first"]
    this = timezone.localdate().year
    start = first.year if first else this
    return list(range(this, start - 1, -1))


# --- workbench and timeline -------------------------------------------------------------------------


def workbench_counts(*, user) -> dict:
    """Counts for the 应诉 panel: defence clocks running, upcoming must-appear hearings without a
    confirmed head, recommendations awaiting reply (3 queries)."""
    today = timezone.localdate()
    return {
        "responding": LitigationCase.objects.visible_to(user).filter(status=CaseStatus.RESPONDING).count(),
        "unconfirmed": Hearing.objects.visible_to(user)
        .filter(date__gte=today, must_appear=True, confirmed_head_name="")
        .count(),
        "recommendations": Recommendation.objects.visible_to(user).filter(replied_on__isnull=True).count(),
    }


def active_count(*, user) -> int:
    return LitigationCase.objects.visible_to(user).filter(status__in=ACTIVE_STATUSES).count()


def dispute_timeline_events(dispute) -> list:
    """The lawsuit instances of one dispute for its timeline page (one query)."""
    mechanism = str(_("行政应诉"))
    events = []
    for case in dispute.litigation_cases.select_related("court").order_by("complaint_received_on", "id"):
        url = case.get_absolute_url()
        events.append(
            TimelineEvent(
                date=case.complaint_received_on,
                title=str(
                    _("%(court)s受理行政诉讼（%(instance)s）")
                    % {"court": case.court.name, "instance": case.get_instance_display()}
                ),
                detail=str(case),
                url=url,
                mechanism=mechanism,
            )
        )
        if case.served_on:
            detail = case.get_outcome_display() + (str(_("（败诉）")) if case.agency_lost else "")
            events.append(
                TimelineEvent(
                    date=case.served_on, title=str(_("裁判送达")), detail=detail, url=url, mechanism=mechanism
                )
            )
    return events


__all__ = [
    "PAGE_SIZE",
    "Figure",
    "Q",
    "agency_table",
    "agency_table_page",
    "case_detail",
    "case_list",
    "defence_queue",
    "dispute_timeline_events",
    "hearing_list",
    "indicators",
    "recommendations_awaiting",
    "workbench_counts",
]
