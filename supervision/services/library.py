"""指导性案例 and 特邀行政执法监督员."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import lock, save, service

from ..choices import PERM_SUPERVISE, GuidingStatus
from ..models import GuidingCase, SpecialCampaign, SpecialSupervisor, SupervisorActivity
from ._common import check, check_date, require_text, today


@service
def guiding_create(
    *, actor, unit, number: str, title: str, sector: str, summary: str, key_points: str, source_case=None
) -> GuidingCase:
    check(actor, PERM_SUPERVISE, unit)
    case = GuidingCase(
        org_unit=unit,
        created_by=actor,
        number=require_text(number, field="number", message=_("请填写编号。")),
        title=require_text(title, field="title", message=_("请填写标题。")),
        sector=sector,
        summary=require_text(summary, field="summary", message=_("请填写基本案情。")),
        key_points=require_text(key_points, field="key_points", message=_("请填写裁判要点。")),
        source_case=source_case,
    )
    case.full_clean()
    case.save()
    return case


@service
def guiding_publish(*, actor, case, on: date | None = None, version: int | None = None) -> GuidingCase:
    case = lock(case, version=version, related=("org_unit",))
    check(actor, PERM_SUPERVISE, case.org_unit)
    if case.status == GuidingStatus.PUBLISHED:
        raise ApplicationError(_("该指导案例已发布。"))
    case.status = GuidingStatus.PUBLISHED
    case.published_on = check_date(on or today(), field="on", label=_("发布日期"))
    return save(case)


@service
def supervisor_appoint(
    *, actor, unit, name: str, affiliation: str, term_start: date, term_end: date, certificate_number: str
) -> SpecialSupervisor:
    check(actor, PERM_SUPERVISE, unit)
    person = SpecialSupervisor(
        org_unit=unit,
        created_by=actor,
        name=require_text(name, field="name", message=_("请填写姓名。")),
        affiliation=require_text(affiliation, field="affiliation", message=_("请填写工作单位。")),
        term_start=term_start,
        term_end=term_end,
        certificate_number=require_text(
            certificate_number, field="certificate_number", message=_("请填写监督证号。")
        ),
    )
    person.full_clean()
    person.save()
    return person


@service
def supervisor_activity_record(
    *, actor, supervisor, kind: str, on: date, description: str
) -> SupervisorActivity:
    check(actor, PERM_SUPERVISE, supervisor.org_unit)
    on = check_date(on, field="on", label=_("日期"))
    if not supervisor.term_start <= on <= supervisor.term_end:
        raise ApplicationError(_("履职日期不在聘期内。"), field="on")
    activity = SupervisorActivity(
        supervisor=supervisor,
        kind=kind,
        date=on,
        description=require_text(description, field="description", message=_("请填写内容。")),
        created_by=actor,
    )
    activity.full_clean()
    activity.save()
    return activity


@service
def special_create(
    *, actor, unit, title: str, start_on: date, end_on: date, sector: str = "", description: str = ""
) -> SpecialCampaign:
    """专项整治: the justice bureau opens a special campaign; its notices are grouped under it."""
    check(actor, PERM_SUPERVISE, unit)
    campaign = SpecialCampaign(
        org_unit=unit,
        created_by=actor,
        title=require_text(title, field="title", message=_("请填写专项名称。")),
        sector=sector or "",
        start_on=start_on,
        end_on=end_on,
        description=(description or "").strip(),
    )
    campaign.full_clean()
    campaign.save()
    return campaign
