"""Closing and afterwards: closing, archiving, 行政复议意见书 (复议法第七十六条), 府院联动 records and the
dispute timeline provider."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from accounts.choices import UnitKind
from accounts.jurisdiction import unit_in_jurisdiction
from core.exceptions import ApplicationError, ConcurrentEditError, GateError
from core.workflow import check_actor, service

from .. import deadlines as clocks
from ..choices import (
    LAW_SHORT,
    PERM_CHANGE,
    WORKFLOW,
    DocumentKind,
    EventKind,
    LinkageKind,
)
from ..models import (
    CaseDecision,
    LinkageRecord,
    OpinionLetter,
    ReconsiderationCase,
)
from ._common import (
    _check_date,
    _document_number,
    _lock,
    _require_text,
    _text,
)
from .gates import letter_receipt_refusal, letter_report_refusal, opinion_letter_refusal, refuse
from .intake import (
    _check_body,
)


@service
def case_close(
    *, case: ReconsiderationCase, actor, closed_on: date, served_on: date | None = None
) -> ReconsiderationCase:
    """结案: after the decision (调解书, termination, refusal) was served; 视为放弃 closes directly."""
    case = _lock(case)
    WORKFLOW.guard(case, "close", actor)
    _check_date(
        closed_on,
        field="closed_on",
        label=_("结案日期"),
        not_before=case.concluded_on,
        before_label=_("审结日期"),
    )
    decision = CaseDecision.objects.select_for_update().filter(case=case).first()
    if decision is not None:
        if served_on is not None:
            _check_date(
                served_on,
                field="served_on",
                label=_("送达日期"),
                not_before=decision.decided_on,
                before_label=_("决定日期"),
            )
            decision.served_on = served_on
            decision.full_clean()
            decision.save()
        if decision.served_on is None:
            raise GateError(
                _("文书送达后方可结案，请填写送达日期（%(law)s第七十五条第二款）。") % {"law": LAW_SHORT},
                field="served_on",
            )
        if closed_on < decision.served_on:
            raise ApplicationError(_("结案日期不能早于送达日期。"), field="closed_on")
    case.closed_on = closed_on
    WORKFLOW.apply(case, "close", on=closed_on, actor=actor)
    return case


@service
def case_archive(
    *, case: ReconsiderationCase, actor, archived_on: date, archive_number: str = ""
) -> ReconsiderationCase:
    """归档: the closed file goes to the archive."""
    case = _lock(case)
    WORKFLOW.guard(case, "archive", actor)
    _check_date(
        archived_on,
        field="archived_on",
        label=_("归档日期"),
        not_before=case.closed_on,
        before_label=_("结案日期"),
    )
    case.archived_on = archived_on
    case.archive_number = _text(archive_number)
    WORKFLOW.apply(case, "archive", on=archived_on, actor=actor, note=case.archive_number)
    return case


@service
def opinion_letter_issue(
    *,
    case: ReconsiderationCase,
    actor,
    agency,
    content: str,
    sent_on: date,
    received_on: date | None = None,
    document_number: str = "",
) -> OpinionLetter:
    """制发行政复议意见书 to the respondent or another lower agency whose act was illegal or improper;
    with the receipt date the 60-day report clock starts (`recon.opinion_letter_report`)."""
    case = _lock(case)
    check_actor(actor, PERM_CHANGE, case.org_unit)
    refuse(opinion_letter_refusal(case))
    if agency is None or agency.pk == case.org_unit_id or not agency.path.startswith(case.org_unit.path):
        raise ApplicationError(
            _("意见书只能向被申请人或者其他下级行政机关制发（%(law)s第七十六条）。") % {"law": LAW_SHORT},
            field="agency",
        )
    _check_date(
        sent_on,
        field="sent_on",
        label=_("制发日期"),
        not_before=case.accepted_on,
        before_label=_("受理日期"),
    )
    letter = OpinionLetter(
        case=case,
        org_unit=case.org_unit,
        agency=agency,
        content=_require_text(content, field="content", message=_("请填写意见内容。")),
        sent_on=sent_on,
        document_number=_document_number(
            document_number,
            case=case,
            on=sent_on,
            kind=DocumentKind.OPINION_LETTER,
            field="document_number",
        ),
        created_by=actor,
    )
    letter.full_clean()
    letter.save()
    WORKFLOW.record(
        case,
        EventKind.OPINION_LETTER,
        on=sent_on,
        actor=actor,
        note=f"{agency.name} {letter.document_number}",
        basis=_("%(law)s第七十六条") % {"law": LAW_SHORT},
    )
    if received_on is not None:
        _letter_received(letter, received_on=received_on, actor=actor)
    return letter


def _letter_received(letter: OpinionLetter, *, received_on: date, actor) -> None:
    _check_date(
        received_on,
        field="received_on",
        label=_("受文机关收到日期"),
        not_before=letter.sent_on,
        before_label=_("制发日期"),
    )
    letter.received_on = received_on
    letter.full_clean()
    letter.save()
    clocks.on_opinion_letter_received(letter, received_on=received_on, actor=actor)


@service
def opinion_letter_record_receipt(*, letter: OpinionLetter, actor, received_on: date) -> OpinionLetter:
    letter = (
        OpinionLetter.objects.select_for_update(of=("self",))
        .select_related("case__org_unit")
        .get(pk=letter.pk)
    )
    check_actor(actor, PERM_CHANGE, letter.case.org_unit)
    refuse(letter_receipt_refusal(letter))
    _letter_received(letter, received_on=received_on, actor=actor)
    return letter


@service
def opinion_letter_record_report(
    *, letter: OpinionLetter, actor, report_received_on: date, report_summary: str
) -> OpinionLetter:
    """收到落实情况报告 (第七十六条): meets the 60-day clock (late if after it)."""
    letter = (
        OpinionLetter.objects.select_for_update(of=("self",))
        .select_related("case__org_unit")
        .get(pk=letter.pk)
    )
    check_actor(actor, PERM_CHANGE, letter.case.org_unit)
    refuse(letter_report_refusal(letter))
    _check_date(
        report_received_on,
        field="report_received_on",
        label=_("收到报告日期"),
        not_before=letter.received_on,
        before_label=_("受文机关收到日期"),
    )
    letter.report_received_on = report_received_on
    letter.report_summary = _require_text(
        report_summary, field="report_summary", message=_("请填写落实情况。")
    )
    letter.full_clean()
    letter.save()
    clocks.on_opinion_letter_reported(letter, reported_on=report_received_on, actor=actor)
    WORKFLOW.record(
        letter.case,
        EventKind.OPINION_LETTER_REPORT,
        on=report_received_on,
        actor=actor,
        note=letter.agency.name,
        basis=_("%(law)s第七十六条、第七十七条") % {"law": LAW_SHORT},
    )
    return letter


LINKAGE_PARTNER_KINDS = frozenset({UnitKind.COURT, UnitKind.PROCURATORATE, UnitKind.OTHER})


def _linkage_values(*, actor, body, kind, partners, related_cases) -> tuple[list, list]:
    if kind not in LinkageKind.values:
        raise ApplicationError(_("请选择联动方式。"), field="kind")
    partners = [p for p in partners if p is not None]
    if not partners:
        raise ApplicationError(_("请选择联动单位。"), field="partners")
    for partner in partners:
        if partner.kind not in LINKAGE_PARTNER_KINDS:
            raise ApplicationError(
                _("联动单位须为人民法院、人民检察院或律师协会等其他单位：%(name)s不符合。")
                % {"name": partner.name},
                field="partners",
            )
    related_cases = [c for c in related_cases if c is not None]
    for related in related_cases:
        if not unit_in_jurisdiction(actor, related.org_unit):
            raise ApplicationError(_("涉及案件不在您的管辖范围内。"), field="related_cases")
    return partners, related_cases


@service
def linkage_create(
    *,
    actor,
    body,
    kind: str,
    date: date,
    title: str,
    summary: str,
    partners: Sequence,
    related_cases: Sequence = (),
    document_number: str = "",
) -> LinkageRecord:
    """府院联动记录: a joint meeting, case consultation, referral or joint document with courts,
    procuratorates or the bar association."""
    _check_body(body)
    check_actor(actor, PERM_CHANGE, body)
    _check_date(date, field="date", label=_("日期"))
    partners, related_cases = _linkage_values(
        actor=actor, body=body, kind=kind, partners=partners, related_cases=related_cases
    )
    record = LinkageRecord(
        org_unit=body,
        created_by=actor,
        kind=kind,
        date=date,
        title=_require_text(title, field="title", message=_("请填写标题。")),
        summary=_require_text(summary, field="summary", message=_("请填写主要内容。")),
        document_number=_text(document_number),
    )
    record.full_clean()
    record.save()
    record.partners.set(partners)
    record.related_cases.set(related_cases)
    return record


@service
def linkage_update(*, record: LinkageRecord, actor, version: int, **fields) -> LinkageRecord:
    """Edit a 府院联动 record (kind, date, title, summary, document_number, partners, related_cases)."""
    allowed = {"kind", "date", "title", "summary", "document_number", "partners", "related_cases"}
    if set(fields) - allowed:
        raise TypeError(f"fields not editable: {sorted(set(fields) - allowed)}")
    record = (
        LinkageRecord.objects.select_for_update(of=("self",)).select_related("org_unit").get(pk=record.pk)
    )
    if record.version != version:
        raise ConcurrentEditError()
    check_actor(actor, PERM_CHANGE, record.org_unit)
    partners = fields.pop("partners", None)
    related_cases = fields.pop("related_cases", None)
    partners, related_cases = _linkage_values(
        actor=actor,
        body=record.org_unit,
        kind=fields.get("kind", record.kind),
        partners=list(record.partners.all()) if partners is None else partners,
        related_cases=list(record.related_cases.all()) if related_cases is None else related_cases,
    )
    if "date" in fields:
        _check_date(fields["date"], field="date", label=_("日期"))
    for name, value in fields.items():
        setattr(record, name, value.strip() if isinstance(value, str) else value)
    record.version += 1
    record.full_clean()
    record.save()
    record.partners.set(partners)
    record.related_cases.set(related_cases)
    return record
