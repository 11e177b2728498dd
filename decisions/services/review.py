"""合法性审查: sending a draft for review, the review request's workflow, the written opinion (drafted
by one reviewer, signed in their own session by another holding the sign permission, immutable once
signed), legal advisers and their consultations (决策条例第二十五条至第二十八条; 国办发〔2018〕115号)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.jurisdiction import unit_in_jurisdiction
from core.exceptions import ApplicationError, GateError
from core.workflow import check_actor, lock, notify_after_commit, save, service

from .. import deadlines as clocks
from ..choices import (
    ASPECTS,
    DECISION_WORKFLOW,
    MATTER_WORKFLOW,
    OPEN_MATTER_STATUSES,
    PERM_ADD_MATTER,
    PERM_CHANGE,
    PERM_CHANGE_MATTER,
    PERM_SIGN,
    DecisionStatus,
    Finding,
    MatterKind,
    MatterStatus,
)
from ..models import AdvisorConsultation, LegalAdvisor, LegalAffairsMatter, ReviewOpinion
from ._common import (
    check_date,
    lock_decision,
    lock_matter,
    on_or_today,
    opinion_number,
    require_text,
    take_number,
    text,
    unit_code,
)
from .gates import needs_advisor

MW = MATTER_WORKFLOW


def _check_reviewers(actor, reviewers, body):
    people = [u for u in reviewers if u is not None]
    for user in people:
        if not user.has_perm(PERM_CHANGE_MATTER) or not unit_in_jurisdiction(user, body):
            raise ApplicationError(
                _("%(name)s不是本机关的法制审核人员。") % {"name": user.get_full_name() or user.username},
                field="reviewers",
            )
    return people


def _register(*, actor, body, kind, title, requesting_unit, received_on, reviewers, decision=None):
    check_date(received_on, field="received_on", label=_("收文日期"))
    serial = take_number(body, received_on.year, "matter")
    matter = LegalAffairsMatter(
        org_unit=body,
        created_by=actor,
        number=f"{unit_code(body)}-SC{received_on.year}-{serial:04d}",
        year=received_on.year,
        serial=serial,
        kind=kind,
        title=require_text(title, field="title", message=_("请填写送审事项。")),
        requesting_unit=requesting_unit,
        decision=decision,
        received_on=received_on,
    )
    matter.full_clean()
    matter.save()
    people = _check_reviewers(actor, reviewers or [actor], body)
    matter.reviewers.set(people)
    clocks.on_matter_registered(matter, actor=actor)
    matter.save(update_fields=["due_on"])
    MW.record(
        matter,
        "register",
        on=received_on,
        actor=actor,
        note=_("收文登记"),
        basis=_("《重大行政决策程序暂行条例》第二十六条"),
    )
    notify_after_commit(
        [u for u in people if u != actor],
        title=_("新的合法性审查事项：%(n)s") % {"n": matter.number},
        body=matter.title,
        url=matter.get_absolute_url(),
        key=f"decisions:matter:{matter.pk}:assigned",
    )
    return matter


@service
def matter_register(
    *, actor, body, kind: str, title: str, requesting_unit, received_on: date, reviewers=()
) -> LegalAffairsMatter:
    """收文: a document sent for legality review (a major decision's draft comes through
    `decision_send_for_review`)."""
    check_actor(actor, PERM_ADD_MATTER, body)
    if kind == MatterKind.MAJOR_DECISION:
        raise ApplicationError(_("重大行政决策草案由决策页面“送请合法性审查”登记。"), field="kind")
    return _register(
        actor=actor,
        body=body,
        kind=kind,
        title=title,
        requesting_unit=requesting_unit,
        received_on=received_on,
        reviewers=reviewers,
    )


@service
def decision_send_for_review(*, decision, actor, sent_on: date, reviewers=()) -> LegalAffairsMatter:
    """送请合法性审查 (第二十五条、第二十六条): registers the review request with the legal office
    and starts the 7-working-day review time. A draft whose last opinion was 不合法 is sent again."""
    decision = lock_decision(decision)
    check_actor(actor, PERM_CHANGE, decision.org_unit)
    check_actor(actor, PERM_ADD_MATTER, decision.org_unit)
    if decision.status != DecisionStatus.REVIEW:
        raise ApplicationError(_("决策不在合法性审查阶段（须先完成或依法免除前置程序）。"))
    if decision.reviews.filter(status__in=OPEN_MATTER_STATUSES).exists():
        raise ApplicationError(_("该决策已有正在审查的合法性审查事项。"))
    check_date(sent_on, field="sent_on", label=_("送审日期"), not_before=decision.proposed_on)
    matter = _register(
        actor=actor,
        body=decision.org_unit,
        kind=MatterKind.MAJOR_DECISION,
        title=decision.title,
        requesting_unit=decision.undertaking_unit,
        received_on=sent_on,
        reviewers=reviewers,
        decision=decision,
    )
    decision.sent_for_review_on = sent_on
    save(decision)
    DECISION_WORKFLOW.record(
        decision,
        "sent_for_review",
        on=sent_on,
        actor=actor,
        note=matter.number,
        basis=_("《重大行政决策程序暂行条例》第二十五条、第二十六条"),
    )
    clocks.on_sent_for_review(decision, on=sent_on, actor=actor)
    return matter


@service
def matter_return_for_materials(*, matter, actor, materials: str, on: date | None = None):
    """第二十六条: incomplete materials are returned or supplemented; the review clock waits."""
    matter = lock_matter(matter)
    MW.guard(matter, "return_for_materials", actor)
    matter.materials_note = require_text(materials, field="materials", message=_("请写明需补充的材料。"))
    day = on_or_today(on, not_before=matter.received_on)
    MW.apply(matter, "return_for_materials", on=day, actor=actor, note=matter.materials_note)
    clocks.on_matter_returned(matter, on=day, reason=matter.materials_note, actor=actor)
    return matter


@service
def matter_receive_materials(*, matter, actor, on: date | None = None):
    matter = lock_matter(matter)
    MW.guard(matter, "materials_received", actor)
    day = on_or_today(on, not_before=matter.received_on)
    clocks.on_materials_received(matter, on=day, actor=actor)
    MW.apply(matter, "materials_received", on=day, actor=actor)
    return matter


@service
def matter_start_review(*, matter, actor, on: date | None = None):
    matter = lock_matter(matter)
    MW.guard(matter, "start_review", actor)
    MW.apply(matter, "start_review", on=on_or_today(on, not_before=matter.received_on), actor=actor)
    return matter


def _fill_opinion(opinion: ReviewOpinion, *, findings: dict, conclusion: str, citations: str) -> None:
    for name, label in ASPECTS:
        finding = findings.get(name, Finding.LAWFUL)
        note = text(findings.get(f"{name}_text"))
        if finding == Finding.PROBLEM and not note:
            raise ApplicationError(
                _("“%(aspect)s”存在问题的，须写明具体意见。") % {"aspect": label}, field=f"{name}_text"
            )
        setattr(opinion, name, finding)
        setattr(opinion, f"{name}_text", note)
    opinion.conclusion = conclusion
    opinion.citations = text(citations)
    if conclusion == "lawful" and any(getattr(opinion, n) == Finding.PROBLEM for n, _l in ASPECTS):
        raise ApplicationError(_("有审查事项存在问题的，结论不能为“合法”。"), field="conclusion")


@service
def opinion_draft(*, matter, actor, findings: dict, conclusion: str, citations: str = "", on=None):
    """起草书面审查意见: the six aspects (主体、权限、核心内容、法定程序、法律依据、政策条款) and the
    conclusion; the drafter is the actor."""
    matter = lock_matter(matter)
    MW.guard(matter, "draft_opinion", actor)
    opinion = ReviewOpinion(matter=matter, drafter=actor)
    _fill_opinion(opinion, findings=findings, conclusion=conclusion, citations=citations)
    opinion.full_clean()
    opinion.save()
    MW.apply(matter, "draft_opinion", on=on_or_today(on, not_before=matter.received_on), actor=actor)
    return opinion


def _open_opinion(matter) -> ReviewOpinion:
    opinion = matter.opinions.filter(signed_at__isnull=True).order_by("-id").first()
    if opinion is None:
        raise ApplicationError(_("尚无待签发的审查意见。"))
    return opinion


@service
def opinion_update(*, opinion, actor, version: int, findings: dict, conclusion: str, citations: str = ""):
    """Edit a draft opinion. A signed opinion is immutable: corrections are a new opinion that
    supersedes it (`opinion_revise`)."""
    opinion = lock(opinion, version=version, related=("matter", "matter__org_unit"))
    check_actor(actor, PERM_CHANGE_MATTER, opinion.matter.org_unit)
    if opinion.signed_at is not None:
        raise ApplicationError(_("审查意见已签发，不能修改；如需更正，请另行起草更正意见。"))
    if opinion.matter.status != MatterStatus.DRAFTING:
        raise ApplicationError(_("审查意见已提交签发，须退回后才能修改。"))
    _fill_opinion(opinion, findings=findings, conclusion=conclusion, citations=citations)
    return save(opinion)


@service
def opinion_submit(*, matter, actor, on: date | None = None):
    """Submit the draft for signing. 第二十八条: for a major decision a legal adviser's or public
    lawyer's opinion must be on file first."""
    matter = lock_matter(matter)
    MW.guard(matter, "submit", actor)
    _open_opinion(matter)
    if needs_advisor(matter) and not (
        matter.consultations.exists() or (matter.decision_id and matter.decision.consultations.exists())
    ):
        raise GateError(_("合法性审查过程中应当组织法律顾问、公职律师提出法律意见（第二十八条）。"))
    MW.apply(matter, "submit", on=on_or_today(on, not_before=matter.received_on), actor=actor)
    notify_after_commit(
        [u for u in matter.reviewers.all() if u != actor and u.has_perm(PERM_SIGN)],
        title=_("待签发审查意见：%(n)s") % {"n": matter.number},
        body=matter.title,
        url=matter.get_absolute_url(),
        key=f"decisions:matter:{matter.pk}:submitted:{matter.version}",
    )
    return matter


@service
def opinion_return(*, matter, actor, reason: str, on: date | None = None):
    matter = lock_matter(matter)
    MW.guard(matter, "return_opinion", actor)
    reason = require_text(reason, field="reason", message=_("请写明退回修改的意见。"))
    MW.apply(matter, "return_opinion", on=on_or_today(on), actor=actor, note=reason)
    return matter


@service
def opinion_sign(*, matter, actor, on: date | None = None) -> ReviewOpinion:
    """签发: the signer — another user than the drafter, holding the sign permission — signs in their
    own session; the opinion gets its number (天司法审〔YYYY〕N号, core.numbering: race-free) and is
    immutable from then on. A correcting opinion supersedes the one it corrects."""
    matter = lock_matter(matter)
    MW.guard(matter, "sign", actor)  # the sign permission and the jurisdiction
    opinion = lock(_open_opinion(matter))
    if opinion.drafter_id == actor.pk:
        # four-eyes: whoever drafted the opinion does not sign it
        raise GateError(_("签发人不能是起草人，请由其他有签发权限的人员签发。"))
    day = on_or_today(on, not_before=matter.received_on)
    serial = take_number(matter.org_unit, day.year, "opinion")
    opinion.signer = actor
    opinion.signed_at = timezone.now()
    opinion.signed_on = day
    opinion.document_year = day.year
    opinion.document_serial = serial
    opinion.document_number = opinion_number(matter.org_unit, day.year, serial)
    save(opinion)
    MW.apply(matter, "sign", on=day, actor=actor, note=opinion.document_number)
    clocks.on_opinion_signed(matter, on=day, actor=actor)
    return opinion


@service
def opinion_revise(*, matter, actor, findings: dict, conclusion: str, citations: str = "", on=None):
    """更正: a new draft that, once signed, supersedes the signed opinion (which stays as it was)."""
    matter = lock_matter(matter)
    MW.guard(matter, "revise", actor)
    signed = (
        matter.opinions.filter(signed_at__isnull=False, superseded_by__isnull=True).order_by("-id").first()
    )
    opinion = ReviewOpinion(matter=matter, drafter=actor, supersedes=signed)
    _fill_opinion(opinion, findings=findings, conclusion=conclusion, citations=citations)
    opinion.full_clean()
    opinion.save()
    MW.apply(matter, "revise", on=on_or_today(on), actor=actor, note=signed.document_number if signed else "")
    return opinion


@service
def matter_close(*, matter, actor, on: date | None = None):
    matter = lock_matter(matter)
    MW.guard(matter, "close", actor)
    matter.closed_on = on_or_today(on, not_before=matter.received_on)
    MW.apply(matter, "close", on=matter.closed_on, actor=actor)
    return matter


# --- legal advisers ------------------------------------------------------------------------------------


@service
def advisor_create(
    *, actor, body, name, kind, firm_or_unit, term_start, term_end, specialties=""
) -> LegalAdvisor:
    check_actor(actor, PERM_CHANGE_MATTER, body)
    advisor = LegalAdvisor(
        org_unit=body,
        created_by=actor,
        name=require_text(name, field="name", message=_("请填写姓名。")),
        kind=kind,
        firm_or_unit=text(firm_or_unit),
        specialties=text(specialties),
        term_start=term_start,
        term_end=term_end,
        is_active=True,
    )
    advisor.full_clean()
    advisor.save()
    return advisor


@service
def advisor_update(*, advisor, actor, version: int, **values) -> LegalAdvisor:
    advisor = lock(advisor, version=version, related=("org_unit",))
    check_actor(actor, PERM_CHANGE_MATTER, advisor.org_unit)
    for key in ("name", "kind", "firm_or_unit", "specialties", "term_start", "term_end", "is_active"):
        if key in values:
            setattr(advisor, key, text(values[key]) if isinstance(values[key], str) else values[key])
    return save(advisor)


@service
def consultation_record(
    *,
    actor,
    advisor,
    question: str,
    opinion: str,
    consulted_on: date,
    hours=Decimal(1),
    matter=None,
    decision=None,
) -> AdvisorConsultation:
    """A legal adviser's or public lawyer's opinion (第二十八条) on a review or a decision."""
    target = matter or decision
    if target is None:
        raise ApplicationError(_("请选择咨询所涉审查事项或决策。"))
    check_actor(actor, PERM_CHANGE_MATTER if matter else PERM_CHANGE, target.org_unit)
    if not advisor.is_active:
        raise ApplicationError(_("该法律顾问已不在册。"), field="advisor")
    check_date(consulted_on, field="consulted_on", label=_("咨询日期"))
    if not advisor.term_start <= consulted_on <= advisor.term_end:
        raise ApplicationError(_("咨询日期不在该法律顾问的聘任期内。"), field="consulted_on")
    record = AdvisorConsultation(
        advisor=advisor,
        org_unit=target.org_unit,
        matter=matter,
        decision=decision,
        created_by=actor,
        question=require_text(question, field="question", message=_("请填写咨询事项。")),
        opinion=require_text(opinion, field="opinion", message=_("请填写法律意见。")),
        consulted_on=consulted_on,
        hours=hours,
    )
    record.full_clean()
    record.save()
    return record
