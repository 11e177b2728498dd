"""Official documents of 行政应诉 on the kernel's layout (`core.documents.OfficialDocument`):
the 行政诉讼答辩状 the defendant files with the court (行诉法第六十七条) and the 负责人出庭应诉通知 the
agency's legal office sends its head for a hearing (出庭规定第四条、第十一条).

`manage.py build_document_templates` writes the layouts to templates/documents/lit_*.docx; the
context is built here from the case page's data (`litigation.selectors.case_detail`).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.documents import Each, If, OfficialDocument, render_docx_bytes
from core.documents import PrintableDocument as CaseDocument
from disputes.choices import PartyRole

from .choices import LAW, MustAppearGround

DEFENCE = OfficialDocument(
    title=gettext_lazy("行政诉讼答辩状"),
    addressee="{{ court_name }}",
    number="{{ court_case_number }}",
    parties=(
        "答辩人（被告）：{{ agency_name }}",
        "被答辩人（原告）：{{ plaintiffs }}",
        If("co_defendants", ("共同被告：{{ co_defendants }}",)),
    ),
    body=(
        "被答辩人诉答辩人{{ cause }}一案，答辩人于{{ received_on|cn_date }}收到起诉状副本。"
        f"根据{LAW}第六十七条第一款的规定，答辩人在法定期限内提交作出行政行为的证据和所依据的规范性文件，"
        "并提出答辩如下：",
        "{{ claims }}",
        "被诉行政行为认定事实清楚，证据确实充分，适用法律正确，程序合法。请求人民法院依法驳回被答辩人的诉讼请求。",
        "此致",
    ),
)

APPEARANCE = OfficialDocument(
    title=gettext_lazy("负责人出庭应诉通知"),
    addressee="{{ agency_name }}负责人",
    number="{{ case_number }}",
    body=(
        "{{ court_name }}定于{{ hearing_on|cn_date }}开庭审理{{ plaintiffs }}诉本机关{{ cause }}一案"
        "（{{ court_case_number }}）。",
        If(
            "grounds",
            (
                "本案属于下列情形，依照《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》第四条第一款，"
                "行政机关负责人应当出庭应诉：",
            ),
        ),
        Each("grounds", numbered=True),
        "出庭的负责人应为本机关正职、副职负责人或者分管被诉行政行为实施工作的负责人（第二条），"
        "并应当就实质性解决行政争议发表意见（第十一条第三款）。确因不可抗力、意外事件或者需要履行他人不能代替的公务等"
        "正当事由不能出庭的，应当提交加盖印章的证明材料，并委托相应的工作人员出庭（第八条至第十条），不得仅委托律师出庭。",
        "请于开庭前确认出庭负责人。",
        "特此通知。",
    ),
)

OFFICIAL_DOCUMENTS = {"lit_defence.docx": DEFENCE, "lit_appearance.docx": APPEARANCE}


DOCUMENTS = {
    "defence": CaseDocument("defence", str(gettext_lazy("行政诉讼答辩状")), "lit_defence"),
    "appearance": CaseDocument("appearance", str(gettext_lazy("负责人出庭应诉通知")), "lit_appearance"),
}


def _names(case, role) -> str:
    return "、".join(p.name for p in case.dispute.parties.all() if p.role == role)


def document_context(case, kind: str, *, hearing=None) -> dict:
    primary = case.org_unit.name
    co = [d.agency.name for d in case.defendants.all() if d.agency_id != case.org_unit_id]
    context = {
        "body_name": primary,
        "agency_name": primary,
        "court_name": case.court.name,
        "court_case_number": case.court_case_number or case.number,
        "case_number": case.number,
        "doc_number": case.number,
        "plaintiffs": _names(case, PartyRole.CLAIMANT) or _("原告"),
        "co_defendants": "、".join(co),
        "cause": case.cause,
        "claims": (case.claims or _("答辩意见详见证据清单。")).strip(),
        "received_on": case.complaint_received_on,
        "issued_on": timezone.localdate(),
    }
    if kind == "appearance" and hearing is not None:
        labels = dict(MustAppearGround.choices)
        context.update(
            hearing_on=hearing.date,
            grounds=[str(labels[g]) for g in hearing.must_appear_grounds.split(",") if g in labels],
        )
    return context


def render_case_document(case, kind: str, *, hearing=None) -> tuple[bytes, str]:
    doc = DOCUMENTS[kind]
    context = document_context(case, kind, hearing=hearing)
    content = render_docx_bytes(doc.template, context, author=case.org_unit.name)
    return content, f"{case.number}-{doc.title}.docx"
