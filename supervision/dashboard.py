"""The 行政执法监督 panel of the leaders' dashboard (docs/indicators.md): filings in the period (and the
late ones), the files of the campaigns of the period's years (self-checked, sampled, the sampled
files' 合格率 and 优秀率), guiding cases published, special supervisors serving, notices issued and
still open or overdue — each linked to its list filtered to exactly those records (the hidden filters
of `filters.py`)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.indicators import REVIEW, AssessmentColumn, DashboardPanel, Figure, Series, list_url, rate

from .choices import NOTICE_OPEN, PERM_VIEW, CampaignKind, GuidingStatus, NoticeStatus
from .choices import Grade as G
from .models import DecisionFiling, GuidingCase, ReviewedFile, SpecialSupervisor, SupervisionNotice


def review_panel(*, user, scope) -> DashboardPanel | None:
    """案卷评查: the files of the campaigns of the period's years."""
    if not user.has_perm(PERM_VIEW):
        return None
    unit = scope.unit_params()
    years = {"year_from": scope.start.year, "year_to": scope.end.year}
    files = scope.within(ReviewedFile.objects.visible_to(user), "agency__org_unit").filter(
        campaign__year__range=(scope.start.year, scope.end.year)
    )
    sample = Q(campaign__kind=CampaignKind.SAMPLE)
    reviewed = sample & ~Q(grade=G.PENDING)
    r = files.aggregate(
        own=Count("pk", filter=Q(campaign__kind=CampaignKind.SELF)),
        sampled=Count("pk", filter=sample),
        reviewed=Count("pk", filter=reviewed),
        passed=Count("pk", filter=sample & Q(grade__in=(G.EXCELLENT, G.PASS))),
        excellent=Count("pk", filter=sample & Q(grade=G.EXCELLENT)),
    )
    files_url = "supervision:file_list"
    sampled_params = {**unit, **years, "kind": CampaignKind.SAMPLE}
    return DashboardPanel(
        key="supervision_review",
        title=_("行政执法案卷评查"),
        figures=[
            Figure(
                _("自查案卷"),
                r["own"],
                list_url(files_url, **unit, **years, kind=CampaignKind.SELF),
                hint=_("按评查活动年度"),
            ),
            Figure(_("抽查案卷"), r["sampled"], list_url(files_url, **sampled_params)),
            Figure(
                _("抽查合格率"),
                rate(r["passed"], r["reviewed"]),
                list_url(files_url, **sampled_params, result="passed"),
                is_rate=True,
                records=r["passed"],
                hint=_("已评定 %(n)s 件") % {"n": r["reviewed"]},
            ),
            Figure(
                _("抽查优秀率"),
                rate(r["excellent"], r["reviewed"]),
                list_url(files_url, **sampled_params, result=G.EXCELLENT),
                is_rate=True,
                records=r["excellent"],
            ),
        ],
        detail_url=list_url("supervision:campaign_list"),
    )


def supervision_panel(*, user, scope) -> DashboardPanel | None:
    """备案, 指导案例, 特邀监督员 and 监督通知书 of the period."""
    if not user.has_perm(PERM_VIEW):
        return None
    unit = scope.unit_params()
    period = {"filed_from": scope.start, "filed_to": scope.end}
    filings = scope.within(DecisionFiling.objects.visible_to(user)).filter(
        filed_on__range=(scope.start, scope.end)
    )
    f = filings.aggregate(n=Count("pk"), late=Count("pk", filter=Q(is_late=True)))

    guiding = scope.within(GuidingCase.objects.filter(status=GuidingStatus.PUBLISHED)).filter(
        published_on__range=(scope.start, scope.end)
    )
    serving = scope.within(SpecialSupervisor.objects.visible_to(user)).filter(
        term_start__lte=scope.end, term_end__gte=scope.start
    )
    notices = scope.within(SupervisionNotice.objects.visible_to(user)).filter(
        issued_on__range=(scope.start, scope.end)
    )
    n = notices.aggregate(
        open=Count("pk", filter=Q(status__in=NOTICE_OPEN)),
        overdue=Count("pk", filter=Q(status=NoticeStatus.ISSUED, due_on__lt=timezone.localdate())),
    )
    notice_params = {**unit, "issued_from": scope.start, "issued_to": scope.end}
    return DashboardPanel(
        key="supervision",
        title=_("行政执法监督"),
        figures=[
            Figure(_("重大执法决定备案"), f["n"], list_url("supervision:index", **unit, **period)),
            Figure(_("逾期报备"), f["late"], list_url("supervision:index", **unit, **period, is_late="true")),
            Figure(
                _("发布指导案例"),
                guiding.count(),
                list_url(
                    "supervision:guiding_list",
                    **unit,
                    status=GuidingStatus.PUBLISHED,
                    published_from=scope.start,
                    published_to=scope.end,
                ),
            ),
            Figure(
                _("特邀监督员"),
                serving.count(),
                list_url(
                    "supervision:supervisor_list", **unit, serving_from=scope.start, serving_to=scope.end
                ),
            ),
            Figure(
                _("未办结通知书"),
                n["open"],
                list_url("supervision:notice_list", **notice_params, open="true"),
            ),
            Figure(
                _("逾期未整改"),
                n["overdue"],
                list_url("supervision:notice_list", **notice_params, overdue="true"),
                hint=_("整改期限已过仍未回复"),
            ),
        ],
        detail_url=list_url("supervision:notice_list"),
    )


def _sampled_reviewed(*, user, scope):
    """The sampled files (抽查) of the scope's jurisdiction with a grade — the denominator of the
    抽查合格率 of `review_panel`; the numerator is those graded 合格 or 优秀."""
    return (
        scope.within(ReviewedFile.objects.visible_to(user), "agency__org_unit")
        .filter(campaign__kind=CampaignKind.SAMPLE)
        .exclude(grade=G.PENDING)
    )


PASSED = Q(grade__in=(G.EXCELLENT, G.PASS))


def review_trends(*, user, scope, years, counties) -> list[Series]:
    """案卷评查合格率 by campaign year — the panel's 抽查合格率 for each of `years` (one grouped query;
    core.registry.register_dashboard_trend, group `review`)."""
    if not user.has_perm(PERM_VIEW):
        return []
    rows = (
        _sampled_reviewed(user=user, scope=scope)
        .filter(campaign__year__in=years)
        .values("campaign__year")
        .annotate(reviewed=Count("pk"), passed=Count("pk", filter=PASSED))
        .order_by()
    )
    by_year = {r["campaign__year"]: rate(r["passed"], r["reviewed"]) for r in rows}
    return [Series(REVIEW, _("案卷评查合格率"), [(year, by_year.get(year)) for year in years])]


def review_assessment(*, user, scope) -> AssessmentColumn | None:
    """考核: each agency's 案卷评查合格率 — its sampled files of the campaigns of the period's years
    graded 合格 or 优秀 ÷ those graded (one query). Weight 20, higher is better
    (docs/indicators.md, 〔本系统规则〕)."""
    if not user.has_perm(PERM_VIEW):
        return None
    rows = (
        _sampled_reviewed(user=user, scope=scope)
        .filter(campaign__year__range=(scope.start.year, scope.end.year))
        .values("agency__org_unit", "agency__org_unit__name")
        .annotate(reviewed=Count("pk"), passed=Count("pk", filter=PASSED))
        .order_by()
    )
    return AssessmentColumn(
        key="sup_review_pass",
        label=_("案卷评查合格率"),
        weight=Decimal(20),
        higher_is_better=True,
        rows={r["agency__org_unit"]: (r["agency__org_unit__name"], r["passed"], r["reviewed"]) for r in rows},
    )
