"""The lifecycle of an enforcement certificate: 申领 → 审核 → 有效 → 暂扣 / 注销 / 吊销 / 过期, and
renewal (换证). Issuing needs a passed qualification exam in the 12 months before (gates.py)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core import numbering
from core.exceptions import ApplicationError
from core.workflow import check_actor, is_user, service

from .. import deadlines as clocks
from ..choices import CERT_WORKFLOW, PERM_CHANGE_CERT, CertificateKind, CertificateStatus, EventKind
from ..models import Certificate, Officer
from . import gates
from ._common import check_date, lock_certificate, require_text, text, today

NUMBER_SCOPE = "enforcement:certificate"


def certificate_number(kind: str, year: int) -> str:
    """甘天执2026000123 — [our rule] a Tianshui series per kind and year, taken race-free."""
    mark = "执" if kind == CertificateKind.ENFORCEMENT else "督"
    serial = numbering.next_serial(scope=NUMBER_SCOPE, year=year, series=kind)
    return f"甘天{mark}{year}{serial:06d}"


@service
def certificate_apply(
    *, actor, officer, applied_on: date | None = None, kind: str = CertificateKind.ENFORCEMENT, renews=None
) -> Certificate:
    """申领: an application for a certificate (or its renewal, 换证) of `officer`."""
    if is_user(actor):
        check_actor(actor, PERM_CHANGE_CERT, officer.agency.org_unit)
    applied_on = check_date(applied_on or today(), field="applied_on", label=_("申领日期"))
    if renews is not None and renews.officer_id != officer.pk:
        raise ApplicationError(_("换发的证件须属于同一执法人员。"), field="renews")
    # one application at a time per officer: the check below and the insert run under the officer's
    # row lock, so twenty simultaneous 申领 make one application (tests/test_concurrency_all.py)
    Officer.objects.select_for_update().filter(pk=officer.pk).first()
    if Certificate.objects.filter(
        officer=officer, kind=kind, status__in=(CertificateStatus.APPLIED, CertificateStatus.UNDER_REVIEW)
    ).exists():
        raise ApplicationError(_("该人员已有正在办理的证件申请。"))
    cert = Certificate(officer=officer, kind=kind, applied_on=applied_on, renews=renews)
    cert.full_clean()
    cert.save()
    CERT_WORKFLOW.record(
        cert,
        EventKind.RENEW if renews else EventKind.SUBMIT,
        on=applied_on,
        actor=actor,
        note=_("申领证件"),
        to_status=cert.status,
    )
    return cert


@service
def certificate_submit(
    *, actor, certificate, version: int | None = None, on: date | None = None
) -> Certificate:
    cert = lock_certificate(certificate, version=version)
    CERT_WORKFLOW.guard(cert, "submit", actor)
    on = check_date(
        on or today(), field="on", label=_("日期"), not_before=cert.applied_on, before_label=_("申领日期")
    )
    CERT_WORKFLOW.apply(cert, "submit", on=on, actor=actor)
    return cert


@service
def certificate_issue(
    *,
    actor,
    certificate,
    version: int | None = None,
    issued_on: date | None = None,
    expires_on: date | None = None,
    number: str = "",
) -> Certificate:
    """审核通过并发证: the number, the issue date and the expiry (default five years)."""
    cert = lock_certificate(certificate, version=version)
    CERT_WORKFLOW.guard(cert, "issue", actor)
    issued_on = check_date(
        issued_on or today(),
        field="issued_on",
        label=_("发证日期"),
        not_before=cert.applied_on,
        before_label=_("申领日期"),
    )
    gates.check_exam_before_issue(cert.officer, issued_on)
    cert.issued_on = issued_on
    cert.expires_on = expires_on or gates.default_expiry(issued_on)
    if cert.expires_on <= issued_on:
        raise ApplicationError(_("有效期至须晚于发证日期。"), field="expires_on")
    number = text(number)
    if number and Certificate.objects.filter(number=number).exists():
        raise ApplicationError(_("证件编号已存在。"), field="number")
    cert.number = number or certificate_number(cert.kind, issued_on.year)
    cert.status_changed_on = issued_on
    CERT_WORKFLOW.apply(cert, "issue", on=issued_on, actor=actor, note=cert.number)
    clocks.on_certificate_issued(cert, actor=actor)
    if cert.renews_id:
        old = lock_certificate(cert.renews)
        if old.status in CERT_WORKFLOW["cancel"].sources:
            _end(old, "cancel", on=issued_on, actor=None, reason=_("换发新证"))
    return cert


def _end(cert, name: str, *, on: date, actor, reason: str) -> Certificate:
    cert.status_changed_on = on
    cert.status_reason = reason
    CERT_WORKFLOW.apply(cert, name, on=on, actor=actor, note=reason)
    if name != "suspend":
        clocks.on_certificate_ended(cert, actor=actor)
    return cert


def _change(name: str, *, actor, certificate, version, on, reason) -> Certificate:
    cert = lock_certificate(certificate, version=version)
    CERT_WORKFLOW.guard(cert, name, actor)
    on = check_date(on or today(), field="on", label=_("日期"))
    if cert.issued_on and on < cert.issued_on:
        raise ApplicationError(_("日期不能早于发证日期。"), field="on")
    reason = require_text(reason, field="reason", message=_("请填写原因。"))
    return _end(cert, name, on=on, actor=actor, reason=reason)


@service
def certificate_suspend(
    *, actor, certificate, reason: str, version: int | None = None, on: date | None = None
):
    return _change("suspend", actor=actor, certificate=certificate, version=version, on=on, reason=reason)


@service
def certificate_restore(
    *, actor, certificate, reason: str, version: int | None = None, on: date | None = None
):
    return _change("restore", actor=actor, certificate=certificate, version=version, on=on, reason=reason)


@service
def certificate_cancel(
    *, actor, certificate, reason: str, version: int | None = None, on: date | None = None
):
    return _change("cancel", actor=actor, certificate=certificate, version=version, on=on, reason=reason)


@service
def certificate_revoke(
    *, actor, certificate, reason: str, version: int | None = None, on: date | None = None
):
    return _change("revoke", actor=actor, certificate=certificate, version=version, on=on, reason=reason)


@service
def certificates_expire(*, on: date | None = None) -> int:
    """The beat task: every valid or suspended certificate whose expiry date has passed becomes 过期."""
    on = on or today()
    n = 0
    for cert in Certificate.objects.filter(
        status__in=CERT_WORKFLOW["expire"].sources, expires_on__lt=on
    ).select_related("officer__agency__org_unit"):
        cert = lock_certificate(cert)
        cert.status_changed_on = on
        CERT_WORKFLOW.apply(cert, "expire", on=on, actor=None, note=_("有效期届满"))
        clocks.on_certificate_ended(cert, actor=None)
        n += 1
    return n


def certificate_check(number: str, *, user):
    """亮证核验: the certificate bearing `number` among those `user` may see (or None), with its
    holder and agency."""
    number = text(number)
    if not number:
        return None
    return (
        Certificate.objects.visible_to(user).filter(number=number).select_related("officer__agency").first()
    )
