"""Official documents of supervision, as `OfficialDocument` layouts: the 行政执法监督通知书 (its
problem, legal basis, required rectification and period — docs/law/supervision.md).
`python manage.py build_document_templates` writes them to templates/documents/sup_*.docx."""

from __future__ import annotations

from core.documents import OfficialDocument, Para, render_docx_bytes

NOTICE = OfficialDocument(
    title="行政执法监督通知书",
    addressee="{{ agency }}",
    body=(
        "本机关在行政执法监督中发现你单位存在以下问题：{{ problem }}",
        "上述问题违反了{{ legal_basis }}的规定。",
        "现要求你单位：{{ requirement }}",
        "请于{{ due_on }}前完成整改，并将整改情况书面报送本机关。"
        "逾期未整改或者整改不到位的，本机关将再次通知并报告你单位上级领导。",
        Para("文号：{{ doc_number }}", indent=False),
    ),
    organ="{{ organ }}",
    date="{{ issued_on }}",
)

OFFICIAL_DOCUMENTS: dict[str, OfficialDocument] = {"sup_notice.docx": NOTICE}


def notice_parts(notice) -> tuple[str, dict, str]:
    """The template, the context and the file name of the notice's DOCX."""
    ctx = {
        "agency": notice.agency.name,
        "problem": notice.problem,
        "legal_basis": notice.legal_basis,
        "requirement": notice.requirement,
        "due_on": f"{notice.due_on:%Y年%-m月%-d日}" if notice.due_on else "",
        "doc_number": notice.number,
        "organ": notice.created_by.unit.name if notice.created_by_id and notice.created_by.unit_id else "",
        "issued_on": f"{notice.issued_on:%Y年%-m月%-d日}",
    }
    return "sup_notice", ctx, f"{notice.number}.docx"


def render_notice(notice) -> tuple[bytes, str]:
    template, ctx, filename = notice_parts(notice)
    return render_docx_bytes(template, ctx, author=ctx["organ"] or notice.agency.name), filename
