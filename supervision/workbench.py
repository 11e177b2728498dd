"""The 工作台 panels of supervision: 执法监督人员 — filings awaiting review (备案审查, in their own
session), replies to verify and files needing a consensus review; 执法单位工作人员 — the notices
addressed to their agency awaiting a reply. Each figure links to the list that shows the same count."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from .choices import PERM_REPLY, PERM_SUPERVISE, CampaignKind, FilingStatus, NoticeStatus
from .models import DecisionFiling, ReviewCampaign, SupervisionNotice

PANEL_TEMPLATE = "enforcement/_workbench_panel.html"


def _item(label, count, url):
    return {"label": label, "count": count, "url": url}


def supervisor_panel(request):
    user = request.user
    if not user.is_authenticated or not user.has_perm(PERM_SUPERVISE):
        return None
    filings = DecisionFiling.objects.visible_to(user)
    notices = SupervisionNotice.objects.visible_to(user)
    return {
        "title": _("执法监督"),
        "template": PANEL_TEMPLATE,
        "context": {
            "items": [
                _item(
                    _("待备案审查"),
                    filings.filter(status=FilingStatus.SUBMITTED).count(),
                    reverse("supervision:index") + "?status=submitted",
                ),
                _item(
                    _("逾期报备"),
                    filings.filter(is_late=True).count(),
                    reverse("supervision:index") + "?is_late=true",
                ),
                _item(
                    _("待核查整改"),
                    notices.filter(status=NoticeStatus.REPLIED).count(),
                    reverse("supervision:notice_list") + "?status=replied",
                ),
            ],
            "cases": [],
        },
    }


def agency_panel(request):
    user = request.user
    if not user.is_authenticated or not user.has_perm(PERM_REPLY):
        return None
    notices = SupervisionNotice.objects.visible_to(user)
    # the self-check campaigns the agency takes part in: record its results (自查结果导入)
    campaigns = (
        ReviewCampaign.objects.filter(kind=CampaignKind.SELF, agencies__org_unit=user.unit_id)
        .annotate(own=Count("files", filter=Q(files__agency__org_unit=user.unit_id)))
        .order_by("-year", "-id")[:3]
    )
    return {
        "title": _("行政执法监督"),
        "template": PANEL_TEMPLATE,
        "context": {
            "items": [
                _item(
                    _("待整改回复"),
                    notices.filter(status=NoticeStatus.ISSUED).count(),
                    reverse("supervision:notice_list") + "?status=issued",
                ),
                *(
                    _item(
                        _("导入自查结果：%(t)s（已录入）") % {"t": c.title},
                        c.own,
                        reverse("supervision:campaign_import", kwargs={"pk": c.pk}),
                    )
                    for c in campaigns
                ),
            ],
            "cases": [],
        },
    }
