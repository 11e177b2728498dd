"""Official documents of the legality review: the 合法性审查意见书 (书面审查意见), in the kernel's
official-document form (`core.documents.OfficialDocument`: 版头, 发文字号, 标题, 主送, 正文, 落款,
成文日期). `manage.py build_document_templates` writes the layout to
templates/documents/dec_review_opinion.docx; `opinion_docx` fills it from a signed opinion."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.documents import Each, If, OfficialDocument, render_docx_bytes

from .choices import Finding

REVIEW_OPINION = OfficialDocument(
    title=gettext_lazy("合法性审查意见书"),
    addressee="{{ requesting_unit }}",
    body=(
        "你单位于{{ received_on|cn_date }}送审的《{{ matter_title }}》（收文编号{{ matter_number }}）收悉。"
        "本机关依照《重大行政决策程序暂行条例》第二十五条至第二十八条等规定，"
        "从制定主体、权限、核心内容、法定程序、法律依据和政策条款等方面进行了合法性审查，意见如下：",
        Each("findings", numbered=True),
        "审查结论：{{ conclusion }}。",
        If("citations", ("审查依据：{{ citations }}",)),
        If("supersedes", ("本意见书更正{{ supersedes }}，原意见书同时作废。",)),
        "起草人：{{ drafter }}    签发人：{{ signer }}",
    ),
    organ="{{ body_name }}",
    number="{{ doc_number }}",
    date="{{ issued_on|cn_date }}",
)

OFFICIAL_DOCUMENTS = {"dec_review_opinion.docx": REVIEW_OPINION}


def opinion_context(opinion) -> dict:
    matter = opinion.matter
    findings = []
    for label, _finding, text in opinion.findings():
        ok = text == "" and _finding == Finding.LAWFUL.label
        findings.append(f"{label}：{_finding}" + ("。" if ok or not text else f"。{text.rstrip('。')}。"))
    return {
        "body_name": matter.org_unit.name,
        "doc_number": opinion.document_number,
        "requesting_unit": matter.requesting_unit.name,
        "received_on": matter.received_on,
        "matter_title": matter.title,
        "matter_number": matter.number,
        "findings": findings,
        "conclusion": opinion.get_conclusion_display(),
        "citations": opinion.citations,
        "supersedes": opinion.supersedes.document_number if opinion.supersedes_id else "",
        "drafter": opinion.drafter.display_name,
        "signer": opinion.signer.display_name if opinion.signer_id else "",
        "issued_on": opinion.signed_on,
    }


def opinion_docx(opinion) -> tuple[bytes, str]:
    """The signed opinion's 审查意见书 as DOCX bytes and its file name (author: the issuing organ)."""
    content = render_docx_bytes(
        "dec_review_opinion.docx", opinion_context(opinion), author=opinion.matter.org_unit.name
    )
    return content, _("合法性审查意见书-%(number)s.docx") % {"number": opinion.document_number}
