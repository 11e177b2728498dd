"""The layouts of the twelve reconsideration documents, in the kernel's official-document form
(`core.documents.OfficialDocument`: 版头, 发文字号, 标题, 主送, 正文, 落款, 成文日期).

`manage.py build_document_templates` writes them to templates/documents/recon_*.docx; the context
they read is built by `reconsideration.documents.document_context`. Each jinja tag is one run of one
paragraph; values a user typed reach the text already stripped of their closing punctuation where
the sentence goes on (see `documents._clause`) and ending in one full stop where it ends.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.documents import Each, If, OfficialDocument, Para

from .choices import LAW

APPLICANTS = "{{ applicant_names }}"
BOTH_SIDES = "{{ applicant_names }}、{{ respondent_name }}"
NOTIFIED = "特此通知。"


def _parties(*, third: bool = True) -> tuple:
    """申请人 / 委托代理人 / 被申请人 / 第三人 lines of a decision (复议法第十四条至第十七条): a person
    with sex, birth date and address, an organisation with its seat and 法定代表人 on the next line."""
    lines = [
        Each("applicant_lines"),
        If("agents", ("委托代理人：{{ agents }}",)),
        "被申请人：{{ respondent_name }}",
    ]
    if third:
        lines.append(Each("third_party_lines"))
    return tuple(lines)


#: 告知诉权 (行政诉讼法第四十五条: 收到复议决定书之日起十五日内).
APPEAL_TEXT = (
    "如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼"
    "（《中华人民共和国行政诉讼法》第四十五条）。"
)
APPEAL = "{{ appeal_parties }}" + APPEAL_TEXT
#: A refusal to accept names no third party: the applicant alone is told.
APPEAL_APPLICANT = "申请人" + APPEAL_TEXT


ACCEPTANCE = OfficialDocument(
    title=_("受理通知书"),
    addressee=APPLICANTS,
    body=(
        If(
            "not is_deemed_accepted",
            (
                "{{ you }}不服{{ respondent_name }}{{ act_desc }}，"
                "于{{ received_on|cn_date }}向本机关提出的行政复议申请收悉。"
                f"经审查，该申请符合{LAW}第三十条第一款规定的受理条件，"
                "本机关决定自{{ accepted_on|cn_date }}起予以受理，适用{{ procedure }}审理。"
                "本案案号为{{ case_number }}。",
            ),
        ),
        If(
            "is_deemed_accepted",
            (
                "{{ you }}不服{{ respondent_name }}{{ act_desc }}，"
                "于{{ received_on|cn_date }}向本机关提出行政复议申请。本机关在审查期限内未作出不予受理决定，"
                f"根据{LAW}第三十条第三款的规定，该申请自审查期限届满之日"
                "（{{ accepted_on|cn_date }}）起视为受理，适用{{ procedure }}审理。"
                "本案案号为{{ case_number }}。",
            ),
        ),
        f"本机关将依照{LAW}{{{{ copy_article }}}}的规定，"
        "自受理之日起{{ copy_days }}日内将行政复议申请书副本发送被申请人，"
        "并依照{{ decision_article }}的规定，自受理申请之日起{{ decision_days }}日内作出行政复议决定。",
        "行政复议期间，{{ you }}可以按照规定查阅、复制被申请人提出的书面答复、作出行政行为的证据、"
        f"依据和其他有关材料（{LAW}第四十七条）。",
        NOTIFIED,
    ),
)

CORRECTION = OfficialDocument(
    title=_("补正通知书"),
    addressee=APPLICANTS,
    body=(
        "{{ you }}不服{{ respondent_name }}{{ act_desc }}，于{{ received_on|cn_date }}"
        "向本机关提出的行政复议申请（{{ case_number }}）收悉。经审查，申请材料不齐全或者表述不清楚，"
        f"无法判断该申请是否符合受理条件。根据{LAW}第三十一条第一款的规定，请{{{{ you }}}}补正以下事项：",
        Each("correction_lines", numbered=True),
        "请自收到本通知之日起十日内提交补正材料。有正当理由不能按期补正的，可以申请延长合理的补正期限；"
        f"无正当理由逾期不补正的，视为放弃行政复议申请，并记录在案（{LAW}第三十一条第二款）。",
        NOTIFIED,
    ),
)

NOT_ACCEPTED = OfficialDocument(
    title=_("不予受理决定书"),
    parties=_parties(third=False),
    body=(
        "申请人不服被申请人{{ act_desc }}，"
        "于{{ received_on|cn_date }}向本机关提出行政复议申请（{{ case_number }}）。",
        "经审查，{{ reasoning }}",
        f"根据{LAW}第三十条第二款的规定，本机关决定：对申请人的行政复议申请不予受理。{{{{ referred_text }}}}",
        APPEAL_APPLICANT,
    ),
)

REPLY_NOTICE = OfficialDocument(
    title=_("提出答复通知书"),
    addressee="{{ respondent_name }}",
    body=(
        "{{ applicant_names }}不服你单位{{ act_desc }}，向本机关申请行政复议，"
        "本机关已于{{ accepted_on|cn_date }}依法受理（{{ case_number }}），"
        "适用{{ procedure }}审理。现将行政复议申请书副本发送你单位。",
        f"根据{LAW}{{{{ copy_article }}}}的规定，请你单位自收到行政复议申请书副本之日起"
        "{{ reply_days }}日内，提出书面答复，并提交作出行政行为的证据、依据和其他有关材料。",
        "逾期未提出书面答复、提交作出行政行为的证据、依据和其他有关材料的，视为该行政行为没有证据、依据，"
        f"本机关将依照{LAW}第七十条的规定作出行政复议决定。",
        NOTIFIED,
    ),
)

HEARING = OfficialDocument(
    title=_("听证通知书"),
    addressee=BOTH_SIDES,
    body=(
        "本机关受理的{{ case_number }}行政复议案件，"
        f"根据{LAW}第五十条的规定，决定组织听证。现将有关事项通知如下：",
        "一、听证时间：{{ hearing_date|cn_date }}{{ hearing_time }}。",
        "二、听证地点：{{ hearing_place }}。",
        "三、拟听证事项：{{ hearing_matters }}。",
        "四、听证主持人：{{ presiding }}；听证员：{{ officers }}；记录员：{{ clerk }}。",
        "申请人无正当理由拒不参加听证的，视为放弃听证权利。被申请人的负责人应当参加听证；"
        f"不能参加的，应当说明理由并委托相应的工作人员参加听证（{LAW}第五十一条）。",
        NOTIFIED,
    ),
)

EXTENSION = OfficialDocument(
    title=_("延期审理通知书"),
    addressee=BOTH_SIDES,
    body=(
        "本机关于{{ accepted_on|cn_date }}受理的{{ case_number }}行政复议案件，因{{ extension_reason }}，"
        "不能在规定期限内作出行政复议决定。经行政复议机构负责人批准，"
        f"根据{LAW}第六十二条第一款的规定，本案审理期限延长{{{{ extension_days }}}}日，"
        "至{{ due_after|cn_date }}届满。",
        NOTIFIED,
    ),
)

SUSPENSION = OfficialDocument(
    title=_("中止审理通知书"),
    addressee=BOTH_SIDES,
    body=(
        "本机关受理的{{ case_number }}行政复议案件，因{{ suspension_ground }}，{{ suspension_reason }}。"
        f"根据{LAW}第三十九条第一款的规定，本案自{{{{ suspended_on|cn_date }}}}起中止审理。",
        "中止行政复议的原因消除后，本机关将及时恢复行政复议案件的审理（第三十九条第二款）；"
        "中止期间不计入行政复议期限。",
        NOTIFIED,
    ),
)

RESUMPTION = OfficialDocument(
    title=_("恢复审理通知书"),
    addressee=BOTH_SIDES,
    body=(
        "本机关受理的{{ case_number }}行政复议案件，因{{ suspension_ground }}，"
        "于{{ suspended_on|cn_date }}中止审理。"
        f"现中止的原因已经消除，根据{LAW}第三十九条第二款的规定，"
        "本案自{{ resumed_on|cn_date }}起恢复审理。",
        NOTIFIED,
    ),
)

DECISION = OfficialDocument(
    title=_("行政复议决定书"),
    parties=_parties(),
    body=(
        "申请人不服被申请人{{ act_desc }}，于{{ received_on|cn_date }}向本机关申请行政复议。本机关于"
        "{{ accepted_on|cn_date }}依法受理（{{ case_number }}），适用{{ procedure }}审理。本案现已审理终结。",
        "申请人请求：{{ requests }}",
        "申请人称：{{ facts_and_reasons }}",
        "被申请人称：{{ respondent_statement }}",
        If("third_parties", ("第三人称：{{ third_party_statement }}",)),
        "经审理查明：{{ findings }}",
        "本机关认为：{{ reasoning_first }}",
        Each("reasoning_rest"),
        f"根据{LAW}{{{{ decision_articles }}}}的规定，本机关决定：",
        "{{ outcome_text }}。",
        If("legal_basis", ("本决定适用的法律依据：{{ legal_basis }}",)),
        If("collective", ("{{ collective }}",)),
        APPEAL,
        f"本决定书一经送达，即发生法律效力（{LAW}第七十五条）。",
    ),
)

#: 驳回行政复议申请 (第三十三条: 受理后发现不符合第三十条规定的受理条件) is its own document.
DISMISSAL = OfficialDocument(
    title=_("驳回行政复议申请决定书"),
    parties=_parties(),
    body=(
        "申请人不服被申请人{{ act_desc }}，于{{ received_on|cn_date }}向本机关申请行政复议。本机关于"
        "{{ accepted_on|cn_date }}依法受理（{{ case_number }}）。",
        "申请人请求：{{ requests }}",
        "经审查，{{ reasoning_all }}",
        f"根据{LAW}第三十三条的规定，本机关决定：驳回申请人的行政复议申请。",
        If("legal_basis", ("本决定适用的法律依据：{{ legal_basis }}",)),
        APPEAL,
        f"本决定书一经送达，即发生法律效力（{LAW}第七十五条）。",
    ),
)

MEDIATION = OfficialDocument(
    title=_("行政复议调解书"),
    parties=_parties(),
    body=(
        "申请人不服被申请人{{ act_desc }}，于{{ received_on|cn_date }}向本机关申请行政复议，本机关于"
        "{{ accepted_on|cn_date }}依法受理（{{ case_number }}）。"
        "审理过程中，经本机关主持调解，当事人自愿达成如下协议：",
        Each("agreement_lines", numbered=True),
        f"根据{LAW}第五条、第七十三条的规定，本调解书经各方当事人签字或者签章，并加盖本机关印章，"
        "即具有法律效力。调解书生效前一方反悔的，本机关将依法审查或者及时作出行政复议决定。",
        Para("申请人（签字）：　　　　　　　　被申请人（签章）：", indent=False),
    ),
)

TERMINATION = OfficialDocument(
    title=_("终止行政复议决定书"),
    parties=_parties(),
    body=(
        "申请人不服被申请人{{ act_desc }}，于{{ received_on|cn_date }}向本机关申请行政复议，本机关于"
        "{{ accepted_on|cn_date }}依法受理（{{ case_number }}）。",
        If("settlement_note", ("{{ settlement_note }}",)),
        Each("reasoning_lines"),
        f"本案因{{{{ termination_ground }}}}，根据{LAW}第四十一条的规定，本机关决定：终止本案的行政复议。",
    ),
)

OPINION_LETTER = OfficialDocument(
    title=_("行政复议意见书"),
    addressee="{{ agency_name }}",
    body=(
        "本机关在办理{{ case_number }}行政复议案件过程中，发现你单位的有关行政行为存在违法或者不当的情形。"
        f"根据{LAW}第七十六条的规定，提出如下意见：",
        Each("letter_lines", numbered=True),
        "请你单位自收到本意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送本机关"
        f"（{LAW}第七十六条、第七十七条）。",
    ),
)
