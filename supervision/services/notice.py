"""行政执法监督通知书: issue with the rectification clock (sup.rectification), the agency's reply, the
Bureau's verification; 整改未到位 raises a follow-up notice and is reported to the agency's leaders."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from core import numbering
from core.workflow import lock, notify_after_commit, service

from .. import deadlines
from ..choices import NOTICE_WORKFLOW, PERM_REPLY, PERM_SUPERVISE, NoticeEventKind, NoticeSource
from ..models import SupervisionNotice
from ._common import check, check_date, require_text, text, today

NUMBER_SCOPE = "supervision:notice"


def _agency_staff(agency):
    return get_user_model().objects.filter(unit=agency.org_unit, is_active=True)


@service
def notice_issue(
    *,
    actor,
    agency,
    source: str,
    problem: str,
    legal_basis: str,
    requirement: str,
    issued_on: date | None = None,
    received_on: date | None = None,
    reviewed_file=None,
    filing=None,
    follow_up_of=None,
    special_campaign=None,
) -> SupervisionNotice:
    """制发: numbered 天监通〔year〕N号; the rectification clock runs from the day the agency received it."""
    check(actor, PERM_SUPERVISE, agency.org_unit)
    issued_on = check_date(issued_on or today(), field="issued_on", label=_("制发日期"))
    received_on = check_date(
        received_on or issued_on, field="received_on", label=_("送达日期"), not_before=issued_on
    )
    serial = numbering.next_serial(scope=NUMBER_SCOPE, year=issued_on.year)
    notice = SupervisionNotice(
        org_unit=agency.org_unit,
        created_by=actor,
        number=_("天监通〔%(y)s〕%(n)s号") % {"y": issued_on.year, "n": serial},
        year=issued_on.year,
        serial=serial,
        source=source,
        agency=agency,
        reviewed_file=reviewed_file,
        filing=filing,
        follow_up_of=follow_up_of,
        special_campaign=special_campaign,
        problem=require_text(problem, field="problem", message=_("请填写存在问题。")),
        legal_basis=require_text(legal_basis, field="legal_basis", message=_("请填写法律依据。")),
        requirement=require_text(requirement, field="requirement", message=_("请填写整改要求。")),
        issued_on=issued_on,
        received_on=received_on,
    )
    notice.full_clean()
    notice.save()
    NOTICE_WORKFLOW.record(notice, NoticeEventKind.ISSUE, on=issued_on, actor=actor, to_status=notice.status)
    clock = deadlines.on_notice_issued(notice, actor=actor)
    notice.due_on = clock.due_date
    notice.save(update_fields=["due_on"])
    notify_after_commit(
        _agency_staff(agency),
        title=_("行政执法监督通知书：%(n)s") % {"n": notice.number},
        body=_("请于%(d)s前整改并回复。") % {"d": f"{notice.due_on:%Y-%m-%d}"},
        url=reverse("supervision:notice_detail", kwargs={"pk": notice.pk}),
        key=f"sup-notice-{notice.pk}",
    )
    return notice


@service
def notice_reply(
    *, actor, notice, reply: str, on: date | None = None, version: int | None = None
) -> SupervisionNotice:
    """回复: the agency reports its rectification (evidence as attachments); meets the clock."""
    notice = lock(notice, version=version, related=("org_unit", "agency"))
    NOTICE_WORKFLOW.guard(notice, "reply", actor)
    notice.reply = require_text(reply, field="reply", message=_("请填写整改情况。"))
    notice.replied_on = check_date(
        on or today(), field="on", label=_("回复日期"), not_before=notice.received_on
    )
    NOTICE_WORKFLOW.apply(notice, "reply", on=notice.replied_on, actor=actor, note=notice.reply[:200])
    deadlines.on_notice_replied(notice, actor=actor)
    return notice


@service
def notice_verify(
    *, actor, notice, rectified: bool, note: str = "", on: date | None = None, version: int | None = None
) -> SupervisionNotice:
    """核查: 整改到位 closes the notice; 未到位 (reasons required) raises a follow-up notice with its own
    clock and reports the matter to the agency's leaders (escalation)."""
    notice = lock(notice, version=version, related=("org_unit", "agency__org_unit"))
    name = "verify" if rectified else "reject"
    NOTICE_WORKFLOW.guard(notice, name, actor)
    note = text(note)
    if not rectified:
        note = require_text(note, field="note", message=_("整改未到位须说明理由。"))
    notice.verified_on = check_date(
        on or today(), field="on", label=_("核查日期"), not_before=notice.replied_on or notice.received_on
    )
    notice.verification = note
    if not rectified:
        notice.escalated = True
    NOTICE_WORKFLOW.apply(notice, name, on=notice.verified_on, actor=actor, note=note)
    deadlines.on_notice_closed(notice, actor=actor)
    if rectified:
        return notice
    NOTICE_WORKFLOW.record(
        notice,
        NoticeEventKind.ESCALATE,
        on=notice.verified_on,
        actor=actor,
        basis=notice.legal_basis,
        note=note,
    )
    leaders = get_user_model().objects.filter(
        unit=notice.agency.org_unit, is_unit_leader=True, is_active=True
    )
    notify_after_commit(
        leaders,
        title=_("整改未到位：%(n)s") % {"n": notice.number},
        body=note,
        url=reverse("supervision:notice_detail", kwargs={"pk": notice.pk}),
        key=f"sup-escalate-{notice.pk}",
    )
    return notice_issue.__wrapped__(
        actor=actor,
        agency=notice.agency,
        source=NoticeSource.FOLLOW_UP,
        problem=_("前次通知书%(n)s整改未到位：%(why)s") % {"n": notice.number, "why": note},
        legal_basis=notice.legal_basis,
        requirement=notice.requirement,
        issued_on=notice.verified_on,
        reviewed_file=notice.reviewed_file,
        filing=notice.filing,
        follow_up_of=notice,
        special_campaign=notice.special_campaign,
    )


__all__ = ["PERM_REPLY", "notice_issue", "notice_reply", "notice_verify"]
