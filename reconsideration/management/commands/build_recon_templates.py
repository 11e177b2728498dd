"""Regenerate the reconsideration documents' Word templates: templates/documents/recon_*.docx.

Official layout (党政机关公文格式 GB/T 9704, simplified): the reconsideration body's name in red
as the header with a red rule under it, the document's title, its number (文号, e.g.
天复决〔2026〕3号), the parties, the text citing the article it rests on, the body's name with the
seal line and the date. Each jinja tag is one run of one paragraph, which is what docxtpl needs;
paragraph tags ({%p …%}) stand alone in their paragraph. Context: `reconsideration.documents`.

    python manage.py build_recon_templates
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BODY_FONT = "仿宋"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
RED = RGBColor(0xC0, 0x00, 0x00)
LAW = "《中华人民共和国行政复议法》"


def _font(run_or_style, east_asian: str, size: float | None = None, bold: bool | None = None):
    font = run_or_style.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = run_or_style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), east_asian)


def _red_rule(paragraph):
    """A red line under the header paragraph (版头中的分隔线)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "18")
    bottom.set(qn("w:space"), "6")
    bottom.set(qn("w:color"), "C00000")
    borders.append(bottom)
    ppr.append(borders)


class Builder:
    """A small writer of official-document paragraphs."""

    def __init__(self):
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        _font(self.doc.styles["Normal"], BODY_FONT, 16)
        self.doc.styles["Normal"].paragraph_format.line_spacing = Pt(28)

    def para(
        self, text, *, indent=True, align=None, font=BODY_FONT, size=16, bold=False, color=None, after=0
    ):
        p = self.doc.add_paragraph()
        run = p.add_run(text)
        _font(run, font, size, bold)
        if color is not None:
            run.font.color.rgb = color
        if align is not None:
            p.alignment = align
        if indent and align is None:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        p.paragraph_format.space_after = Pt(after)
        return p

    def tag(self, tag):
        p = self.doc.add_paragraph()
        p.add_run(tag)
        return p

    def loop(self, items: str, *, numbered: bool = False):
        self.tag(f"{{%p for line in {items} %}}")
        self.para("{{ loop.index }}. {{ line }}" if numbered else "{{ line }}")
        self.tag("{%p endfor %}")

    def header(self, title: str):
        head = self.para(
            "{{ body_name }}",
            align=WD_ALIGN_PARAGRAPH.CENTER,
            font=TITLE_FONT,
            size=26,
            bold=True,
            color=RED,
            after=6,
        )
        _red_rule(head)
        self.para("", indent=False)
        self.para(title, align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=22, bold=True, after=6)
        self.para("{{ doc_number }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=16, after=12)

    def parties(self, *, third=True):
        self.para("申请人：{{ applicant_names }}", indent=False)
        self.tag("{%p if agents %}")
        self.para("委托代理人：{{ agents }}", indent=False)
        self.tag("{%p endif %}")
        self.para("被申请人：{{ respondent_name }}", indent=False)
        if third:
            self.tag("{%p if third_parties %}")
            self.para("第三人：{{ third_parties }}", indent=False)
            self.tag("{%p endif %}")

    def closing(self, *, seal_note="（印章）"):
        self.para("", indent=False)
        self.para("{{ body_name }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
        self.para(seal_note, align=WD_ALIGN_PARAGRAPH.RIGHT, size=14)
        self.para("{{ issued_on|cn_date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
        self.para("", indent=False)
        self.para(
            "本文书由天水市诉源治理案件管理系统生成，案号：{{ case_number }}",
            indent=False,
            size=10,
            color=RGBColor(0x80, 0x80, 0x80),
        )

    def save(self, path: Path):
        self.doc.save(str(path))


# --- the twelve documents ------------------------------------------------------------------------


def acceptance(b: Builder):
    b.header("受理通知书")
    b.para("{{ applicant_names }}：", indent=False)
    b.para(
        "你（单位）不服{{ respondent_name }}{{ act_desc }}，"
        "于{{ received_on|cn_date }}向本机关提出的行政复议申请收悉。"
        f"经审查，该申请符合{LAW}第三十条第一款规定的受理条件，"
        "本机关决定自{{ accepted_on|cn_date }}起予以受理"
        "{{ deemed_note }}，适用{{ procedure }}审理。本案案号为{{ case_number }}。"
    )
    b.para(
        f"本机关将依照{LAW}{{{{ copy_article }}}}的规定，"
        "自受理之日起{{ copy_days }}日内将行政复议申请书副本发送被申请人，"
        "并依照{{ decision_article }}的规定，自受理申请之日起{{ decision_days }}日内作出行政复议决定。"
    )
    b.para(
        "行政复议期间，你（单位）可以按照规定查阅、复制被申请人提出的书面答复、作出行政行为的证据、依据和其他有关材料"
        f"（{LAW}第四十七条）。"
    )
    b.para("特此通知。")
    b.closing()


def correction(b: Builder):
    b.header("补正通知书")
    b.para("{{ applicant_names }}：", indent=False)
    b.para(
        "你（单位）于{{ received_on|cn_date }}向本机关提出的行政复议申请（{{ case_number }}）收悉。经审查，"
        f"申请材料不齐全或者表述不清楚，无法判断该申请是否符合受理条件。根据{LAW}第三十一条第一款的规定，"
        "请你（单位）补正以下事项："
    )
    b.loop("correction_lines", numbered=True)
    b.para(
        "请自收到本通知之日起十日内提交补正材料。有正当理由不能按期补正的，可以申请延长合理的补正期限；"
        f"无正当理由逾期不补正的，视为放弃行政复议申请，并记录在案（{LAW}第三十一条第二款）。"
    )
    b.para("特此通知。")
    b.closing()


def not_accepted(b: Builder):
    b.header("不予受理决定书")
    b.parties(third=False)
    b.para(
        "申请人不服被申请人{{ act_desc }}，"
        "于{{ received_on|cn_date }}向本机关提出行政复议申请（{{ case_number }}）。"
    )
    b.para("经审查，{{ reasoning }}")
    b.para(f"根据{LAW}第三十条的规定，本机关决定：对申请人的行政复议申请不予受理。{{{{ referred_text }}}}")
    b.para("申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。")
    b.closing()


def reply_notice(b: Builder):
    b.header("提出答复通知书")
    b.para("{{ respondent_name }}：", indent=False)
    b.para(
        "{{ applicant_names }}不服你单位{{ act_desc }}，向本机关申请行政复议，"
        "本机关已于{{ accepted_on|cn_date }}依法受理"
        "（{{ case_number }}），适用{{ procedure }}审理。现将行政复议申请书副本发送你单位。"
    )
    b.para(
        f"根据{LAW}{{{{ copy_article }}}}的规定，"
        "请你单位自收到行政复议申请书副本之日起{{ reply_days }}日内，"
        "提出书面答复，并提交作出行政行为的证据、依据和其他有关材料。"
    )
    b.para(
        "逾期未提出书面答复、提交作出行政行为的证据、依据和其他有关材料的，视为该行政行为没有证据、依据，"
        f"本机关将依照{LAW}第七十条的规定作出行政复议决定。"
    )
    b.para("特此通知。")
    b.closing()


def hearing(b: Builder):
    b.header("听证通知书")
    b.para("{{ applicant_names }}、{{ respondent_name }}：", indent=False)
    b.para(
        "本机关受理的{{ case_number }}行政复议案件，根据"
        f"{LAW}第五十条的规定，决定组织听证。现将有关事项通知如下："
    )
    b.para("一、听证时间：{{ hearing_date|cn_date }} {{ hearing_time }}")
    b.para("二、听证地点：{{ hearing_place }}")
    b.para("三、拟听证事项：{{ hearing_matters }}")
    b.para("四、听证主持人：{{ presiding }}；听证员：{{ officers }}；记录员：{{ clerk }}。")
    b.para(
        "申请人无正当理由拒不参加听证的，视为放弃听证权利。被申请人的负责人应当参加听证；"
        f"不能参加的，应当说明理由并委托相应的工作人员参加听证（{LAW}第五十一条）。"
    )
    b.para("特此通知。")
    b.closing()


def extension(b: Builder):
    b.header("延期审理通知书")
    b.para("{{ applicant_names }}、{{ respondent_name }}：", indent=False)
    b.para(
        "本机关于{{ accepted_on|cn_date }}受理的{{ case_number }}行政复议案件，因{{ extension_reason }}，"
        "情况复杂，不能在规定期限内作出行政复议决定。经行政复议机构负责人{{ approved_by }}批准，"
        f"根据{LAW}第六十二条第一款的规定，决定延长审理期限{{{{ extension_days }}}}日，"
        "行政复议决定期限延长至{{ due_after|cn_date }}。"
    )
    b.para("特此通知。")
    b.closing()


def suspension(b: Builder):
    b.header("中止审理通知书")
    b.para("{{ applicant_names }}、{{ respondent_name }}：", indent=False)
    b.para(
        "本机关受理的{{ case_number }}行政复议案件，因{{ suspension_ground }}，{{ suspension_reason }}。"
        f"根据{LAW}第三十九条第一款的规定，本案自{{{{ suspended_on|cn_date }}}}起中止审理。"
    )
    b.para(
        "中止行政复议的原因消除后，本机关将及时恢复行政复议案件的审理（第三十九条第二款）；"
        "中止期间不计入行政复议期限。"
    )
    b.para("特此通知。")
    b.closing()


def resumption(b: Builder):
    b.header("恢复审理通知书")
    b.para("{{ applicant_names }}、{{ respondent_name }}：", indent=False)
    b.para(
        "本机关受理的{{ case_number }}行政复议案件，因{{ suspension_ground }}，"
        "于{{ suspended_on|cn_date }}中止审理。"
        f"现中止的原因已经消除，根据{LAW}第三十九条第二款的规定，"
        "本案自{{ resumed_on|cn_date }}起恢复审理。"
    )
    b.para("特此通知。")
    b.closing()


def decision(b: Builder):
    b.header("行政复议决定书")
    b.parties()
    b.para(
        "申请人不服被申请人{{ act_desc }}，于{{ received_on|cn_date }}向本机关申请行政复议，本机关于"
        "{{ accepted_on|cn_date }}依法受理（{{ case_number }}），适用{{ procedure }}审理。本案现已审理终结。"
    )
    b.para("申请人请求：{{ requests }}")
    b.para("申请人称：{{ facts_and_reasons }}")
    b.para("本机关认为：", indent=True)
    b.loop("reasoning_lines")
    b.para(f"根据{LAW}第六十一条、{{{{ outcome_article }}}}的规定，本机关决定：")
    b.para("{{ outcome_text }}。")
    b.tag("{%p if legal_basis %}")
    b.para("本决定适用的法律依据：{{ legal_basis }}")
    b.tag("{%p endif %}")
    b.tag("{%p if collective %}")
    b.para("{{ collective }}")
    b.tag("{%p endif %}")
    b.para(
        "申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。"
        f"本决定书一经送达，即发生法律效力（{LAW}第七十五条）。"
    )
    b.closing()


def mediation(b: Builder):
    b.header("行政复议调解书")
    b.parties()
    b.para(
        "申请人不服被申请人{{ act_desc }}，于{{ received_on|cn_date }}向本机关申请行政复议，本机关于"
        "{{ accepted_on|cn_date }}依法受理（{{ case_number }}）。"
        "审理过程中，经本机关主持调解，当事人自愿达成如下协议："
    )
    b.loop("agreement_lines", numbered=True)
    b.para(
        f"根据{LAW}第五条、第七十三条的规定，本调解书经各方当事人签字或者签章，并加盖本机关印章，即具有法律效力。"
        "调解书生效前一方反悔的，本机关将依法审查或者及时作出行政复议决定。"
    )
    b.para("申请人（签字）：　　　　　　　　被申请人（签章）：", indent=False)
    b.closing()


def termination(b: Builder):
    b.header("终止行政复议决定书")
    b.parties()
    b.para(
        "申请人不服被申请人{{ act_desc }}，于{{ received_on|cn_date }}向本机关申请行政复议，本机关于"
        "{{ accepted_on|cn_date }}依法受理（{{ case_number }}）。"
    )
    b.tag("{%p if settlement_note %}")
    b.para("{{ settlement_note }}")
    b.tag("{%p endif %}")
    b.loop("reasoning_lines")
    b.para(f"根据{LAW}第四十一条的规定（{{{{ termination_ground }}}}），本机关决定：终止本案的行政复议。")
    b.closing()


def opinion_letter(b: Builder):
    b.header("行政复议意见书")
    b.para("{{ agency_name }}：", indent=False)
    b.para(
        "本机关在办理{{ case_number }}行政复议案件过程中，发现你单位的有关行政行为存在违法或者不当的情形。"
        f"根据{LAW}第七十六条的规定，提出如下意见："
    )
    b.loop("letter_lines", numbered=True)
    b.para(
        "请你单位自收到本意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送本机关"
        f"（{LAW}第七十六条、第七十七条）。"
    )
    b.closing()


BUILDERS = {
    "recon_acceptance.docx": acceptance,
    "recon_correction.docx": correction,
    "recon_not_accepted.docx": not_accepted,
    "recon_reply_notice.docx": reply_notice,
    "recon_hearing.docx": hearing,
    "recon_extension.docx": extension,
    "recon_suspension.docx": suspension,
    "recon_resumption.docx": resumption,
    "recon_decision.docx": decision,
    "recon_mediation.docx": mediation,
    "recon_termination.docx": termination,
    "recon_opinion_letter.docx": opinion_letter,
}


class Command(BaseCommand):
    help = "重新生成行政复议文书的 Word 模板（templates/documents/recon_*.docx）。"

    def handle(self, *args, **options):
        target = Path(settings.BASE_DIR) / "templates" / "documents"
        target.mkdir(parents=True, exist_ok=True)
        for name, build in BUILDERS.items():
            builder = Builder()
            build(builder)
            builder.save(target / name)
            self.stdout.write(self.style.SUCCESS(f"已生成 {target / name}"))
