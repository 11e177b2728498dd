"""The official documents of a reconsideration case (DOCX, docxtpl templates in templates/documents/).

Which documents a case has follows from its records: a 受理通知书 once it is accepted, a 听证通知书
per hearing, a 延期审理通知书 per extension, a 行政复议决定书 once decided, and so on. Each document
carries the number it was issued under — stored on the record that issued it (the decision's
`document_number`, a suspension's `notice_number`, a hearing's `notice_number`, an extension's
written-notice `reference`, an opinion letter's `document_number`; the pages fill them from the
body's yearly series in `numbering.py` when the officer leaves them blank). Notices that no record
stores a number for (受理、补正、提出答复通知书) carry the case's serial in their own series, e.g.
天复受〔2026〕3号 for case 天复〔2026〕3号, the common practice of reconsideration offices.

The layouts are `core.documents.OfficialDocument`s in `document_layouts.py`; `manage.py
build_document_templates` writes them to templates/documents/recon_*.docx (`OFFICIAL_DOCUMENTS`
below). Staff may edit the templates in Word as long as the {{ placeholders }} stay. The issuing
organ — the reconsideration body — is each file's author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.documents import OfficialDocument, cn_date, render_docx_bytes
from deadlines.choices import DeadlineEventKind
from deadlines.models import DeadlineEvent
from disputes.choices import ActType, PartyKind, PartyRole

from . import document_layouts as layouts
from . import numbering
from .choices import (
    DECISION_OUTCOMES,
    LAW,
    DecisionOutcome,
    DocumentKind,
    EventKind,
    NoEvidenceDisposition,
    Procedure,
)
from .deadlines import DECISION_RULES
from .wording import compensation_sentence

K = DocumentKind


@dataclass(frozen=True)
class DocumentSpec:
    kind: str
    layout: OfficialDocument
    template: str
    basis: str  # the article the document rests on (shown in the list)

    @property
    def title(self) -> str | Promise:
        return self.layout.title


SPECS: dict[str, DocumentSpec] = {
    spec.kind: spec
    for spec in (
        DocumentSpec(K.ACCEPTANCE_NOTICE, layouts.ACCEPTANCE, "recon_acceptance", "第三十条"),
        DocumentSpec(K.CORRECTION_NOTICE, layouts.CORRECTION, "recon_correction", "第三十一条"),
        DocumentSpec(K.NOT_ACCEPTED, layouts.NOT_ACCEPTED, "recon_not_accepted", "第三十条"),
        DocumentSpec(K.REPLY_NOTICE, layouts.REPLY_NOTICE, "recon_reply_notice", "第四十八条"),
        DocumentSpec(K.HEARING_NOTICE, layouts.HEARING, "recon_hearing", "第五十一条"),
        DocumentSpec(K.EXTENSION_NOTICE, layouts.EXTENSION, "recon_extension", "第六十二条"),
        DocumentSpec(K.SUSPENSION_NOTICE, layouts.SUSPENSION, "recon_suspension", "第三十九条"),
        DocumentSpec(K.RESUMPTION_NOTICE, layouts.RESUMPTION, "recon_resumption", "第三十九条"),
        DocumentSpec(K.DECISION, layouts.DECISION, "recon_decision", "第六十一条、第七十五条"),
        DocumentSpec(K.MEDIATION, layouts.MEDIATION, "recon_mediation", "第七十三条"),
        DocumentSpec(K.TERMINATION, layouts.TERMINATION, "recon_termination", "第四十一条"),
        DocumentSpec(K.OPINION_LETTER, layouts.OPINION_LETTER, "recon_opinion_letter", "第七十六条"),
    )
}

#: A decision that dismisses the application (第三十三条) is issued under its own title.
DISMISSAL_SPEC = DocumentSpec(K.DECISION, layouts.DISMISSAL, "recon_dismissal", "第三十三条")

#: The templates `manage.py build_document_templates` writes, by file name.
OFFICIAL_DOCUMENTS: dict[str, OfficialDocument] = {
    f"{s.template}.docx": s.layout for s in (*SPECS.values(), DISMISSAL_SPEC)
}


def spec_of(kind: str, decision=None) -> DocumentSpec:
    """The layout a document of `kind` is issued under (a dismissal's decision: its own)."""
    dismissal = decision is not None and decision.outcome == DecisionOutcome.DISMISS_APPLICATION
    if kind == K.DECISION and dismissal:
        return DISMISSAL_SPEC
    return SPECS[kind]


@dataclass
class CaseDocument:
    """One document of the case as the page lists it: kind, number, date, issuer."""

    kind: str
    title: str
    number: str
    issued_on: date | None
    issuer: str
    item: object = None  # the hearing / suspension / letter / deadline event it belongs to
    item_id: int | None = None
    basis: str = ""
    url: str = ""


def _serial_number(case, kind: str) -> str:
    return numbering.format_number(case.org_unit, case.year, case.serial, kind)


def _decision(case):
    try:
        return case.decision
    except Exception:  # RelatedObjectDoesNotExist
        return None


def _events_by_kind(case) -> dict[str, list]:
    out: dict[str, list] = {}
    for event in case.events.all():
        out.setdefault(event.kind, []).append(event)
    return out


def _actor_name(event) -> str:
    if event is None:
        return ""
    return event.actor.display_name if event.actor_id else _("系统（依法自动处理）")


def _nth(events: dict, kind: str, n: int):
    rows = events.get(kind, [])
    return rows[n] if n < len(rows) else None


def extension_events(case) -> list:
    """The extensions of the decision clock (kernel DeadlineEvents of kind `extend`), oldest first."""
    return list(
        DeadlineEvent.objects.filter(
            deadline__content_type=ContentType.objects.get_for_model(case),
            deadline__object_id=case.pk,
            deadline__rule_code__in=DECISION_RULES,
            kind=DeadlineEventKind.EXTEND,
        )
        .select_related("actor", "approved_by", "deadline")
        .order_by("created_at", "id")
    )


def case_documents(case, *, extensions: list | None = None) -> list[CaseDocument]:
    """Every document the case has issued so far, in the order they were issued."""
    events = _events_by_kind(case)
    decision = _decision(case)
    docs: list[CaseDocument] = []

    def add(kind, number, issued_on, issuer, item=None):
        spec = spec_of(kind, decision)
        url = reverse("reconsideration:document", kwargs={"pk": case.pk, "kind": kind})
        if item is not None:
            url += f"?item={item.pk}"
        docs.append(
            CaseDocument(
                kind=kind,
                title=str(spec.title),
                number=number or _serial_number(case, kind),
                issued_on=issued_on,
                issuer=issuer,
                item=item,
                item_id=getattr(item, "pk", None),
                basis=spec.basis,
                url=url,
            )
        )

    if case.correction_notice_sent_on:
        add(
            K.CORRECTION_NOTICE,
            "",
            case.correction_notice_sent_on,
            _actor_name(_nth(events, EventKind.REQUEST_CORRECTION, 0)),
        )
    if decision is not None and decision.outcome == DecisionOutcome.NOT_ACCEPTED:
        add(
            K.NOT_ACCEPTED,
            decision.document_number,
            decision.decided_on,
            _actor_name(_nth(events, EventKind.REJECT, 0)),
        )
    if case.accepted_on:
        event = _nth(events, EventKind.DEEM_ACCEPTED, 0) or _nth(events, EventKind.ACCEPT, 0)
        add(K.ACCEPTANCE_NOTICE, "", case.accepted_on, _actor_name(event))
    if case.copy_sent_on:
        add(K.REPLY_NOTICE, "", case.copy_sent_on, _actor_name(_nth(events, EventKind.SEND_COPY, 0)))
    for i, hearing in enumerate(case.hearings.all()):
        add(
            K.HEARING_NOTICE,
            hearing.notice_number,
            hearing.notice_sent_on,
            _actor_name(_nth(events, EventKind.HEARING_SCHEDULED, i)),
            hearing,
        )
    for i, suspension in enumerate(case.suspensions.all()):
        add(
            K.SUSPENSION_NOTICE,
            suspension.notice_number,
            suspension.suspended_on,
            _actor_name(_nth(events, EventKind.SUSPEND, i)),
            suspension,
        )
        if suspension.resumed_on:
            add(
                K.RESUMPTION_NOTICE,
                suspension.resume_notice_number,
                suspension.resumed_on,
                _actor_name(_nth(events, EventKind.RESUME, i)),
                suspension,
            )
    for event in extensions if extensions is not None else extension_events(case):
        add(K.EXTENSION_NOTICE, event.reference, event.date, _actor_name(event), event)
    if decision is not None and decision.outcome in DECISION_OUTCOMES:
        signer = decision.signed_by.display_name if decision.signed_by_id else _("集体讨论通过")
        add(K.DECISION, decision.document_number, decision.decided_on, signer)
    if decision is not None and decision.outcome == DecisionOutcome.MEDIATION:
        add(
            K.MEDIATION,
            decision.document_number,
            decision.decided_on,
            _actor_name(_nth(events, EventKind.MEDIATE, 0)),
        )
    if decision is not None and decision.outcome == DecisionOutcome.TERMINATION:
        add(
            K.TERMINATION,
            decision.document_number,
            decision.decided_on,
            _actor_name(_nth(events, EventKind.TERMINATE, 0)),
        )
    for i, letter in enumerate(case.opinion_letters.all()):
        add(
            K.OPINION_LETTER,
            letter.document_number,
            letter.sent_on,
            _actor_name(_nth(events, EventKind.OPINION_LETTER, i)),
            letter,
        )
    docs.sort(key=lambda d: d.issued_on or date.min)
    return docs


def find_document(case, kind: str, item_id: int | None) -> CaseDocument:
    """The case's document of `kind` (the given item's, else the latest); 404 if it has none."""
    if kind not in SPECS:
        raise Http404
    extensions = extension_events(case) if kind == K.EXTENSION_NOTICE else []
    matches = [d for d in case_documents(case, extensions=extensions) if d.kind == kind]
    if item_id is not None:
        matches = [d for d in matches if d.item_id == item_id]
    if not matches:
        raise Http404
    return matches[-1]


# =====================================================================================================
# Context of the templates
# =====================================================================================================


#: What the act is called in a document, by act type: the written decision for the acts issued as one.
ACT_NOUNS = {
    ActType.PENALTY: gettext_lazy("行政处罚决定"),
    ActType.LICENSING: gettext_lazy("行政许可决定"),
    ActType.COERCION: gettext_lazy("行政强制决定"),
    ActType.EXPROPRIATION: gettext_lazy("征收征用决定"),
    ActType.CONFIRMATION: gettext_lazy("行政确认决定"),
    ActType.BENEFIT: gettext_lazy("行政给付决定"),
    ActType.INFO_DISCLOSURE: gettext_lazy("政府信息公开答复"),
}


def _act_noun(case) -> str:
    return str(ACT_NOUNS.get(case.act_type, _("行政行为")))


def _act_description(case) -> str:
    """于2026年1月5日作出的天市监罚〔2026〕12号行政处罚决定; 不履行法定职责的行为."""
    if case.act_type == ActType.NONPERFORMANCE:
        return _("不履行法定职责的行为")
    text = _("于%(date)s作出的") % {"date": cn_date(case.act_date)}
    return text + (case.act_document_number or "") + _act_noun(case)


def _act_made(case) -> str:
    """The act as a found fact: 被申请人于2026年1月5日作出天市监罚〔2026〕12号行政处罚决定。"""
    if case.act_type == ActType.NONPERFORMANCE:
        return _("申请人请求被申请人履行法定职责，被申请人未在法定期限内履行。")
    return _("被申请人于%(date)s作出%(number)s%(noun)s。") % {
        "date": cn_date(case.act_date),
        "number": case.act_document_number or "",
        "noun": _act_noun(case),
    }


def _within(decision) -> str:
    """The period of 第六十四条、第六十六条 ("在一定期限内"), stated when the decision set it."""
    if decision.performance_days:
        return _("自收到本决定书之日起%(days)s日内") % {"days": decision.performance_days}
    return _("在一定期限内")


def _outcome_text(case, decision) -> tuple[str, str]:
    """(what the body decides, the article) for a decision outcome."""
    respondent = case.respondent.name
    act = _act_description(case)
    OUT = DecisionOutcome
    texts = {
        OUT.VARY: (_("变更被申请人%(r)s%(a)s") % {"r": respondent, "a": act}, _("第六十三条")),
        OUT.REVOKE: (_("撤销被申请人%(r)s%(a)s") % {"r": respondent, "a": act}, _("第六十四条")),
        OUT.PARTIAL_REVOKE: (_("部分撤销被申请人%(r)s%(a)s") % {"r": respondent, "a": act}, _("第六十四条")),
        OUT.CONFIRM_ILLEGAL: (_("确认被申请人%(r)s%(a)s违法") % {"r": respondent, "a": act}, _("第六十五条")),
        OUT.ORDER_PERFORM: (
            _("责令被申请人%(r)s%(within)s履行法定职责") % {"r": respondent, "within": _within(decision)},
            _("第六十六条"),
        ),
        OUT.CONFIRM_VOID: (_("确认被申请人%(r)s%(a)s无效") % {"r": respondent, "a": act}, _("第六十七条")),
        OUT.UPHOLD: (_("维持被申请人%(r)s%(a)s") % {"r": respondent, "a": act}, _("第六十八条")),
        OUT.DISMISS_REQUEST: (_("驳回申请人的行政复议请求"), _("第六十九条")),
        OUT.DISMISS_APPLICATION: (_("驳回申请人的行政复议申请"), _("第三十三条")),
        OUT.AGREEMENT: (
            _("责令被申请人%(r)s依法承担继续履行、采取补救措施或者赔偿损失等责任") % {"r": respondent},
            _("第七十一条"),
        ),
        OUT.COMPENSATION: (_("责令被申请人%(r)s依法给予赔偿") % {"r": respondent}, _("第七十二条")),
    }
    if decision.outcome == OUT.NO_EVIDENCE:
        verbs = {
            NoEvidenceDisposition.REVOKE: _("撤销被申请人%(r)s%(a)s"),
            NoEvidenceDisposition.PARTIAL_REVOKE: _("部分撤销被申请人%(r)s%(a)s"),
            NoEvidenceDisposition.CONFIRM_ILLEGAL: _("确认被申请人%(r)s%(a)s违法"),
            NoEvidenceDisposition.CONFIRM_VOID: _("确认被申请人%(r)s%(a)s无效"),
            NoEvidenceDisposition.ORDER_PERFORM: _("责令被申请人%(r)s%(within)s履行法定职责"),
        }
        verb = verbs.get(decision.no_evidence_disposition, _("撤销被申请人%(r)s%(a)s"))
        text = _("被申请人未依法提出书面答复、提交证据和依据，视为该行政行为没有证据、依据，") + verb % {
            "r": respondent,
            "a": act,
            "within": _within(decision),
        }
        if decision.order_redo:
            text += _("，并责令被申请人%(within)s重新作出行政行为") % {"within": _within(decision)}
        return text, _("第七十条")
    text, article = texts.get(decision.outcome, (decision.get_outcome_display(), ""))
    if decision.order_redo:
        text += _("，并责令被申请人%(within)s重新作出行政行为") % {"within": _within(decision)}
    compensation = compensation_sentence(decision)  # 复议法第七十二条 (reconsideration/wording.py)
    if compensation:
        text += "；" + compensation
        article += _("、第七十二条")
    return text, article


_ENUMERATOR = re.compile(
    r"^\s*(?:\d+\s*[.、．)）]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、)\s*"
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _items(text: str) -> list[str]:
    """Lines of a list the template numbers itself: an officer's own "1." / "（一）" is dropped."""
    return [_ENUMERATOR.sub("", line) for line in _lines(text)]


_OPEN_END = "。，,；;：:、.!！?？ \t"
_FULL_STOPS = ("。", "？", "！", "。”", "？”", "！”")


def _clause(text: str) -> str:
    """Typed text set inside a sentence the template goes on with ("因{{ reason }}，…"): its own
    closing punctuation dropped, so that no "。，" or "。。" reaches the document."""
    return "，".join(line.rstrip(_OPEN_END) for line in _lines(text))


def _sentence(text: str) -> str:
    """Typed text that ends a paragraph: each line one sentence ending in one full stop."""
    out = []
    for line in _lines(text):
        if not line.endswith(_FULL_STOPS):
            line = line.rstrip(_OPEN_END) + "。"
        out.append(line)
    return "".join(out)


def _ground(label) -> str:
    """A ground's label inside "因…，": "因不可抗力…" loses its own 因."""
    return str(label).removeprefix("因")


def _born(party) -> tuple[str, str]:
    """(sex, birth date) read from a person's 18-digit identity number (GB 11643-1999: digits 7–14
    the birth date, digit 17 odd for a man); ("", "") when it cannot be read. The number itself
    never appears in a document."""
    number = party.id_number or ""
    if len(number) != 18 or not number[:17].isdigit():
        return "", ""
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "", ""
    return (_("男") if int(number[16]) % 2 else _("女")), _("%(date)s出生") % {"date": cn_date(born)}


def _party_lines(party, role_label: str) -> list[str]:
    """申请人：张三，男，1980年1月1日出生，住… — or for an organisation its seat, and its
    法定代表人 on a line of its own (复议法第十四条; the usual form of a 决定书's parties)."""
    details = [party.name]
    address = _clause(party.address)
    if party.kind == PartyKind.PERSON:
        details += [part for part in _born(party) if part]
        if address:
            details.append(_("住%(address)s") % {"address": address})
        return [f"{role_label}：{'，'.join(details)}"]
    if address:
        details.append(_("住所地%(address)s") % {"address": address})
    lines = [f"{role_label}：{'，'.join(details)}"]
    if party.legal_representative:
        lines.append(_("法定代表人：%(name)s") % {"name": party.legal_representative})
    return lines


def _you(parties) -> str:
    """How a notice addresses its applicants: 你 (a person), 你单位 (an organisation), 你们."""
    if len(parties) > 1:
        return _("你们")
    if parties and parties[0].kind == PartyKind.ORGANISATION:
        return _("你单位")
    return _("你")


def _without_heading(text: str, *headings: str) -> str:
    """An officer's text without the heading the document already prints ("本机关认为：")."""
    text = (text or "").strip()
    for heading in headings:
        if text.rstrip(_OPEN_END) == heading:
            return ""  # the heading alone says nothing
        for colon in ("：", ":", "，", ","):
            if text.startswith(heading + colon):
                text = text[len(heading) + 1 :].strip()
    return text


def _respondent_said(case) -> str:
    """被申请人称: the recorded gist of the reply; else what the record says of the reply."""
    if case.respondent_statement.strip():
        return _sentence(_without_heading(case.respondent_statement, _("被申请人称")))
    if case.reply_received_on is None:
        return _("被申请人未在法定期限内提出书面答复。")
    text = _("被申请人于%(date)s提出书面答复") % {"date": cn_date(case.reply_received_on)}
    if case.reply_with_evidence:
        text += _("，并提交了作出行政行为的证据、依据和其他有关材料")
    return text + _("，请求本机关依法审查。")


def document_context(case, doc: CaseDocument) -> dict:
    """Everything the templates use. Names of parties in full (the document goes to them);
    identity numbers never appear."""
    parties = list(case.dispute.parties.all())
    claimants = [p for p in parties if p.role == PartyRole.CLAIMANT]
    third_parties = [p for p in parties if p.role == PartyRole.THIRD_PARTY]
    applicants = [p.name for p in claimants]
    third = [p.name for p in third_parties]
    agents = [
        f"{p.name}（{p.agent_for.name}的委托代理人）"
        for p in parties
        if p.role == PartyRole.AGENT and p.agent_for_id
    ]
    simple = case.procedure == Procedure.SIMPLE
    ctx = {
        "body_name": case.org_unit.name,
        "title": doc.title,
        "doc_number": doc.number,
        "case_number": case.number,
        "applicants": applicants,
        "applicant_names": "、".join(applicants) or _("申请人"),
        "applicant_lines": [line for p in claimants for line in _party_lines(p, _("申请人"))]
        or [_("申请人：%(names)s") % {"names": _("申请人")}],
        "third_party_lines": [line for p in third_parties for line in _party_lines(p, _("第三人"))],
        "you": _you(claimants),
        "appeal_parties": _("申请人、第三人") if third else _("申请人"),
        "third_parties": "、".join(third),
        "agents": "；".join(agents),
        "respondent_name": case.respondent.name,
        "act_desc": _act_description(case),
        "requests": _sentence(case.requests),
        "request_lines": _lines(case.requests),
        "facts_and_reasons": _sentence(case.facts_and_reasons),
        "received_on": case.received_on,
        "accepted_on": case.accepted_on,
        "issued_on": doc.issued_on,
        "procedure": case.get_procedure_display(),
        "is_simple": simple,
        "copy_days": "三" if simple else "七",
        "reply_days": "五" if simple else "十",
        "decision_days": "三十" if simple else "六十",
        "copy_article": "第五十四条" if simple else "第四十八条",
        "decision_article": "第六十二条第二款" if simple else "第六十二条第一款",
        "is_deemed_accepted": case.is_deemed_accepted,
        "law": LAW,
    }
    item = doc.item
    decision = _decision(case)
    if doc.kind == K.CORRECTION_NOTICE:
        ctx["correction_lines"] = _items(case.correction_items) or [case.correction_items]
    elif doc.kind == K.NOT_ACCEPTED and decision is not None:
        ctx["reasoning"] = _sentence(decision.reasoning)
        ctx["legal_basis"] = _sentence(decision.legal_basis)
        ctx["referred_text"] = (
            _("本案请向%(body)s申请行政复议。") % {"body": decision.referred_body}
            if decision.referred_body
            else ""
        )
    elif doc.kind == K.HEARING_NOTICE:
        ctx.update(
            hearing_date=item.date,
            hearing_time=f" {item.start_time:%H:%M}" if item.start_time else "",
            hearing_place=_clause(item.place),
            hearing_matters=_clause(item.matters),
            presiding=item.presiding.display_name,
            officers="、".join(u.display_name for u in item.officers.all()),
            clerk=item.clerk.display_name,
        )
    elif doc.kind == K.EXTENSION_NOTICE:
        ctx.update(
            extension_days=item.days,
            extension_reason=_clause(item.reason),
            due_before=item.due_before,
            due_after=item.due_after,
            approved_by=item.approved_by.display_name if item.approved_by_id else "",
        )
    elif doc.kind in (K.SUSPENSION_NOTICE, K.RESUMPTION_NOTICE):
        ctx.update(
            suspension_ground=_ground(item.get_ground_display()),
            suspension_reason=_clause(item.reason),
            suspended_on=item.suspended_on,
            resumed_on=item.resumed_on,
        )
    elif doc.kind == K.DECISION and decision is not None:
        outcome_text, article = _outcome_text(case, decision)
        reasoning = _lines(_without_heading(decision.reasoning, _("本机关认为")))
        findings = _without_heading(case.findings, _("经审理查明"))
        ctx.update(
            outcome_text=outcome_text,
            outcome_article=article,
            decision_articles="、".join(a for a in (_("第六十一条"), article) if a),
            reasoning_lines=reasoning,
            reasoning_first=_sentence(reasoning[0]) if reasoning else "",
            reasoning_rest=[_sentence(line) for line in reasoning[1:]],
            reasoning_all=_sentence(_without_heading(decision.reasoning, _("经审查")))
            or _("该行政复议申请不符合%(law)s第三十条第一款规定的受理条件。") % {"law": LAW},
            respondent_statement=_respondent_said(case),
            third_party_statement=(
                _sentence(_without_heading(case.third_party_statement, _("第三人称")))
                or _("第三人未提出书面意见。")
            ),
            findings=_sentence(findings) or _act_made(case),
            legal_basis=_sentence(decision.legal_basis),
            signer=decision.signed_by.display_name if decision.signed_by_id else "",
            collective=(
                _("本决定经%(date)s集体讨论通过。") % {"date": cn_date(decision.collective_discussion_on)}
                if decision.collective_discussion_on
                else ""
            ),
            reply_received_on=case.reply_received_on,
        )
    elif doc.kind == K.MEDIATION and decision is not None:
        ctx["agreement_lines"] = _items(decision.reasoning)
    elif doc.kind == K.TERMINATION and decision is not None:
        ctx.update(
            termination_ground=_ground(decision.get_termination_ground_display()),
            reasoning_lines=_lines(decision.reasoning),
            settlement_note=_("当事人自愿达成和解，申请人撤回行政复议申请（第七十四条）。")
            if decision.is_settlement
            else "",
        )
    elif doc.kind == K.OPINION_LETTER:
        ctx.update(
            agency_name=item.agency.name,
            letter_lines=_items(item.content),
            sent_on=item.sent_on,
        )
    return ctx


def render_case_document(case, doc: CaseDocument) -> tuple[bytes, str]:
    """(DOCX bytes, file name) of one document of the case; its author is the reconsideration body."""
    spec = spec_of(doc.kind, _decision(case))
    content = render_docx_bytes(spec.template, document_context(case, doc), author=case.org_unit.name)
    filename = f"{case.number}-{spec.title}.docx"
    return content, filename
