"""The 工作台 panels of administrative enforcement, one per role that works here:
法制审核人员 — 待我审核 (major decisions awaiting their legal review, signed in their own session);
执法单位工作人员 — their agency's cases and certificates; 执法监督人员 — certificates to issue,
类案不同罚 flags and certificates about to expire."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import ACTIVE_STATUSES, PERM_ADD, PERM_MANAGE_CERT, PERM_REVIEW, CertificateStatus
from .models import Certificate, EnforcementCase
from .selectors import review_queue

PANEL_TEMPLATE = "enforcement/_workbench_panel.html"


def _item(label, count, url):
    return {"label": label, "count": count, "url": url}


def review_panel(request):
    user = request.user
    if not user.is_authenticated or not user.has_perm(PERM_REVIEW):
        return None
    cases = list(review_queue(user=user)[:5])
    return {
        "title": _("待我审核（重大执法决定）"),
        "template": PANEL_TEMPLATE,
        "context": {
            "items": [
                _item(
                    _("待法制审核"),
                    review_queue(user=user).count(),
                    reverse("enforcement:index") + "?queue=review",
                )
            ],
            "cases": cases,
        },
    }


def _expiring(user):
    today = timezone.localdate()
    return Certificate.objects.visible_to(user).filter(
        status=CertificateStatus.VALID, expires_on__gte=today, expires_on__lte=today + timedelta(days=90)
    )


def agency_panel(request):
    user = request.user
    if not user.is_authenticated or not user.has_perm(PERM_ADD):
        return None
    cases = EnforcementCase.objects.visible_to(user)
    return {
        "title": _("行政执法"),
        "template": PANEL_TEMPLATE,
        "context": {
            "items": [
                _item(
                    _("办理中的案件"),
                    cases.filter(status__in=ACTIVE_STATUSES).count(),
                    reverse("enforcement:index") + "?queue=active",
                ),
                _item(
                    _("90日内到期的执法证件"),
                    _expiring(user).count(),
                    reverse("enforcement:certificate_list") + "?status=valid",
                ),
            ],
            "cases": [],
        },
    }


def supervision_panel(request):
    user = request.user
    if not user.is_authenticated or not user.has_perm(PERM_MANAGE_CERT):
        return None
    certs = Certificate.objects.visible_to(user)
    return {
        "title": _("执法证件与执法监督"),
        "template": PANEL_TEMPLATE,
        "context": {
            "items": [
                _item(
                    _("待审核发证"),
                    certs.filter(status=CertificateStatus.UNDER_REVIEW).count(),
                    reverse("enforcement:certificate_list") + "?status=under_review",
                ),
                _item(
                    _("90日内到期的执法证件"),
                    _expiring(user).count(),
                    reverse("enforcement:certificate_list") + "?status=valid",
                ),
                _item(
                    _("超出裁量基准（类案不同罚）"),
                    EnforcementCase.objects.visible_to(user).filter(outside_benchmark=True).count(),
                    reverse("enforcement:index") + "?outside_benchmark=true",
                ),
            ],
            "cases": [],
        },
    }
