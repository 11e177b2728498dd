"""Official documents (公文) of an enforcement case, as `OfficialDocument` layouts: the 行政处罚决定书
(处罚法第五十九条: its contents) and the 重大执法决定法制审核意见书 (第五十八条).
`python manage.py build_document_templates` writes them to templates/documents/enf_*.docx; a page
renders them with the case's context (`render_case_document`)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.documents import Each, If, OfficialDocument, Para, cn_date, render_docx_bytes

PENALTY_DECISION = OfficialDocument(
    title="行政处罚决定书",
    parties=(
        Para("当事人：{{ party_name }}", indent=False),
        If("party_id", (Para("证件号码：{{ party_id }}", indent=False),)),
    ),
    body=(
        "本机关于{{ filed_on|cn_date }}对当事人{{ item_name }}一案立案调查。经查明：{{ facts }}",
        "上述事实有现场检查笔录等证据证实。本机关已依法告知当事人拟作出行政处罚的内容及事实、理由、依据，"
        "并告知其依法享有的陈述、申辩{{ hearing_right }}权利。",
        If(
            "review_conclusion",
            ("本案属于重大执法决定，已经法制审核，审核意见为：{{ review_conclusion }}。",),
        ),
        "依据{{ legal_basis }}，本机关决定：{{ decision_summary }}",
        "当事人应当自收到本决定书之日起十五日内缴纳罚款。到期不缴纳的，每日按罚款数额的百分之三加处罚款"
        "（《中华人民共和国行政处罚法》第七十二条）。",
        "如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。",
        Para("承办执法人员：", indent=False),
        Each("investigators"),
    ),
    organ="{{ body_name }}",
)

LEGAL_REVIEW = OfficialDocument(
    title="重大执法决定法制审核意见书",
    addressee="{{ body_name }}",
    body=(
        "你单位于{{ requested_on|cn_date }}提请法制审核的{{ case_number }}（当事人{{ party_name }}）"
        "一案，经审核，意见如下：",
        "{{ opinion }}",
        "审核结论：{{ conclusion }}。",
        "审核依据：《中华人民共和国行政处罚法》第五十八条。",
        Para("审核人：{{ reviewer }}", indent=False),
    ),
    organ="{{ reviewer_unit }}",
    date="{{ reviewed_on|cn_date }}",
)

OFFICIAL_DOCUMENTS: dict[str, OfficialDocument] = {
    "enf_penalty_decision.docx": PENALTY_DECISION,
    "enf_legal_review.docx": LEGAL_REVIEW,
}

KINDS = {"decision": "enf_penalty_decision", "review": "enf_legal_review"}


def available(case) -> list[tuple[str, str]]:
    """(kind, title) of the documents the case has."""
    out = []
    if case.decided_on:
        out.append(("decision", PENALTY_DECISION.title))
    if any(r.conclusion for r in case.reviews.all()):
        out.append(("review", LEGAL_REVIEW.title))
    return out


def context(case, kind: str) -> dict:
    review = next((r for r in reversed(list(case.reviews.all())) if r.conclusion), None)
    base = {"body_name": case.agency.name, "case_number": case.number, "party_name": case.party_name}
    if kind == "decision":
        return {
            **base,
            "doc_number": case.decision_number,
            "issued_on": case.decided_on,
            "party_id": case.masked_party_id,
            "filed_on": case.filed_on,
            "item_name": case.item.name,
            "facts": case.facts,
            "hearing_right": _("、要求听证") if case.hearing_right_told else "",
            "review_conclusion": review.get_conclusion_display() if review else "",
            "legal_basis": case.legal_basis,
            "decision_summary": case.decision_summary,
            "investigators": [o.name for o in case.investigators.all()],
        }
    return {
        **base,
        "doc_number": "",
        "requested_on": review.requested_on,
        "reviewed_on": review.reviewed_on,
        "opinion": review.opinion,
        "conclusion": review.get_conclusion_display(),
        "reviewer": review.reviewer.display_name,
        "reviewer_unit": review.reviewer.unit.name if review.reviewer.unit_id else "",
    }


def document_parts(case, kind: str) -> tuple[str, dict, str]:
    """The template, the context and the file name of document `kind` of `case`."""
    title = dict(available(case))[kind]
    return KINDS[kind], context(case, kind), f"{case.number}{title}.docx"


def render_case_document(case, kind: str) -> tuple[bytes, str]:
    """The DOCX bytes and the file name of document `kind` of `case`."""
    template, ctx, filename = document_parts(case, kind)
    return render_docx_bytes(template, ctx, author=case.agency.name), filename


__all__ = ["OFFICIAL_DOCUMENTS", "cn_date", "render_case_document"]
