"""The official documents of mediation: 人民调解协议书 (人民调解法第二十八条、第二十九条) and 终止调解
告知书 (第二十六条), laid out as the kernel's `OfficialDocument`s. `manage.py build_document_templates`
writes them to templates/documents/med_*.docx; `document_context` fills them. The author of a rendered
file is the mediation organisation."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.documents import Each, If, OfficialDocument, render_docx_bytes
from core.documents import PrintableDocument as CaseDocument

from .choices import AGREED_STATUSES, LAW, AgreementForm, CaseStatus
from .selectors import has_agreement
from .services import confirmation_due, is_confirmable

AGREEMENT = OfficialDocument(
    title=_("人民调解协议书"),
    parties=(Each("party_lines"),),
    body=(
        "纠纷的主要事实、争议事项以及各方当事人的责任：",
        "{{ facts }}",
        "经本调解组织主持调解，当事人自愿达成如下协议：",
        "{{ content }}",
        "履行方式、期限：{{ performance }}",
        f"本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效（{LAW}第二十九条第二款），"
        f"具有法律约束力，当事人应当按照约定履行（第三十一条）。双方当事人认为有必要的，可以自本协议生效之日起三十日内"
        f"共同向人民法院申请司法确认（第三十三条）。",
        "本协议书一式{{ copies }}份，当事人各执一份，调解组织留存一份。",
        "当事人（签名、盖章或者按指印）：{{ party_names }}",
        "人民调解员（签名）：{{ mediator_names }}",
        If("confirmation_due", ("申请司法确认期限：{{ confirmation_due|cn_date }}前。",)),
    ),
)

TERMINATION = OfficialDocument(
    title=_("终止调解告知书"),
    addressee="{{ party_names }}",
    body=(
        "你们之间的{{ subject }}纠纷（{{ case_number }}），本调解组织于{{ received_on|cn_date }}受理。",
        "{{ reason_sentence }}",
        f"根据{LAW}第二十六条的规定，本调解组织决定终止调解。"
        "你们可以依法通过{{ routes }}等途径维护自己的权利。",
        "特此告知。",
    ),
)

OFFICIAL_DOCUMENTS = {"med_agreement.docx": AGREEMENT, "med_termination.docx": TERMINATION}


KINDS = {
    "agreement": CaseDocument("agreement", str(_("人民调解协议书")), "med_agreement"),
    "termination": CaseDocument("termination", str(_("终止调解告知书")), "med_termination"),
}


def case_documents(case) -> list[CaseDocument]:
    """The documents the case has now: the written agreement once agreed, the notice once terminated."""
    docs = []
    if (
        case.status in AGREED_STATUSES
        and has_agreement(case)
        and case.agreement.form == AgreementForm.WRITTEN
    ):
        docs.append(KINDS["agreement"])
    if case.status == CaseStatus.TERMINATED:
        docs.append(KINDS["termination"])
    return docs


def _sentence(value: str) -> str:
    value = (value or "").strip().rstrip("。.；;，,")
    return f"{value}。" if value else ""


def document_context(case, doc: CaseDocument) -> dict:
    parties = [p.strip() for p in case.parties.split("、") if p.strip()]
    ctx = {
        "body_name": case.org_unit.name,
        "case_number": case.number,
        "subject": case.subject,
        "received_on": case.received_on,
        "party_names": "、".join(parties),
        "mediator_names": "、".join(m.name for m in case.mediators.all()) or "——",
    }
    if doc.kind == "agreement":
        agreement = case.agreement
        ctx.update(
            doc_number=agreement.document_number or case.number,
            issued_on=agreement.effective_on,
            party_lines=[
                f"当事人：{line}" for line in (agreement.parties_info or "").splitlines() if line.strip()
            ]
            or [f"当事人：{p}" for p in parties],
            facts=_sentence(agreement.facts),
            content=_sentence(agreement.content),
            performance="，".join(
                x
                for x in (
                    agreement.performance_method,
                    f"{agreement.performance_due_on:%Y年%m月%d日}前履行完毕"
                    if agreement.performance_due_on
                    else "",
                )
                if x
            )
            or "——",
            copies=len(parties) + 1,
            confirmation_due=confirmation_due(agreement) if is_confirmable(case) else None,
        )
    else:
        event = case.events.filter(kind="terminate").order_by("-date", "-id").first()
        if case.refused_by:
            reason = f"因当事人{case.refused_by}明确拒绝调解"
        else:
            reason = f"经调解，{_sentence(case.failure_reason).rstrip('。') or '双方未能达成协议'}，调解不成"
        ctx.update(
            doc_number=case.number,
            issued_on=(event.date if event else case.concluded_on),
            reason_sentence=f"{reason}。",
            routes=case.routes_told_display or "仲裁、行政、司法",
        )
    return ctx


def render_case_document(case, kind: str) -> tuple[bytes, str]:
    if kind not in KINDS or KINDS[kind] not in case_documents(case):
        raise Http404
    doc = KINDS[kind]
    content = render_docx_bytes(doc.template, document_context(case, doc), author=case.org_unit.name)
    return content, f"{case.number}-{doc.title}.docx"
