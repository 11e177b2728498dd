"""The rule catalogue (期限规则): every statutory period the system runs, by stable code.

How a period is counted: docs/law/counting.md.

Each rule says how long the period is, in which unit, in which direction from its trigger, which
article sets it, and whether it may be extended (and by whom). The engine (`deadlines.engine`) does the
counting; this module only describes.

Three rules are the Bureau's to configure (`settings.DEADLINE_RULE_OVERRIDES = {code: length}`):
`sup.rectification`, `dec.post_evaluation` and `norm.legality_review` (within 5–15 working days).
Statutory lengths are not configurable.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from core.exceptions import ApplicationError


class Unit(models.TextChoices):
    WORKING_DAYS = "working_days", _("工作日")
    CALENDAR_DAYS = "calendar_days", _("日（自然日）")
    MONTHS = "months", _("个月")
    FIXED_DATE = "fixed_date", _("固定日期")


class Direction(models.TextChoices):
    AFTER = "after", _("起算日之后")  # the period runs from the trigger; due = its last day
    BEFORE = "before", _("事件日之前")  # "N days before the event": due = the latest permitted day
    AT_LEAST = "at_least", _("不少于")  # a minimum period: due = the earliest permitted day


GROUPS = {
    "recon": _("行政复议"),
    "lit": _("行政应诉"),
    "dec": _("行政决策"),
    "norm": _("规范性文件"),
    "enf": _("行政执法"),
    "med": _("多元化解"),
    "sup": _("执法监督"),
    "cert": _("执法证件"),
}

# Why a "N日" is counted in working days (docs/law/counting.md, rule 3).
RECON_WORKING_DAYS = _("《行政复议法》第八十八条第二款：“三日”“五日”“七日”“十日”指工作日，不含法定休假日")
PENALTY_WORKING_DAYS = _("《行政处罚法》第八十五条：“二日”“三日”“五日”“七日”指工作日，不含法定节假日")


@dataclass(frozen=True)
class Rule:
    code: str
    label: str | Promise  # 复议决定期限
    unit: Unit
    length: int
    direction: Direction
    statute: str | Promise  # 《行政复议法》第六十二条
    trigger_label: str | Promise  # 受理之日
    max_extension_days: int = 0
    extension_approver_role: str = ""  # a accounts.choices.Role value
    min_length: int | None = None  # configurable rules: the lowest length an override may set
    max_length: int | None = None  # configurable rules: the highest length an override may set
    configurable: bool = False
    note: str | Promise = ""
    reminder_days: tuple[int, ...] = ()  # calendar days ahead of due (certificates, reviews)
    unit_basis: str | Promise = ""  # the article that makes "N日" working days
    default_length: int | None = None  # set when an override changed `length`

    @property
    def group(self) -> str:
        return str(GROUPS.get(self.code.split(".", 1)[0], ""))

    @property
    def extendable(self) -> bool:
        return self.max_extension_days > 0

    @property
    def is_overridden(self) -> bool:
        return self.default_length is not None and self.default_length != self.length

    def length_text(self, length: int | None = None) -> str:
        """The length in words: 60日（自然日）, 5个工作日, 6个月."""
        n = self.length if length is None else length
        if self.unit == Unit.WORKING_DAYS:
            return gettext("%(n)s个工作日") % {"n": n}
        if self.unit == Unit.CALENDAR_DAYS:
            return gettext("%(n)s日（自然日）") % {"n": n}
        if self.unit == Unit.MONTHS:
            return gettext("%(n)s个月") % {"n": n}
        return gettext("届满日即为该日")

    @property
    def summary(self) -> str:
        """The period in one phrase, e.g. 受理之日起60日（自然日）."""
        if self.unit == Unit.FIXED_DATE:
            return str(self.trigger_label)
        if self.direction == Direction.BEFORE:
            return gettext("%(trigger)s前%(length)s") % {
                "trigger": self.trigger_label,
                "length": self.length_text(),
            }
        if self.direction == Direction.AT_LEAST:
            return gettext("%(trigger)s起不少于%(length)s") % {
                "trigger": self.trigger_label,
                "length": self.length_text(),
            }
        return gettext("%(trigger)s起%(length)s") % {
            "trigger": self.trigger_label,
            "length": self.length_text(),
        }

    def __str__(self) -> str:
        return str(self.label)


WD, CD, M, FIXED = Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.FIXED_DATE
AFTER, BEFORE, AT_LEAST = Direction.AFTER, Direction.BEFORE, Direction.AT_LEAST

_CATALOGUE: tuple[Rule, ...] = (
    # ── 行政复议 (行政复议法, 2023) ────────────────────────────────────────────────────────────
    # 复议法第二十条第一款: 60日 from knowing of the act; 第二十一条: the 5/20-year outer limits.
    Rule(
        "recon.application", _("复议申请期限"), CD, 60, AFTER,
        _("《行政复议法》第二十条、第二十一条"), _("知道或者应当知道该行政行为之日"),
        note=_("逾期申请的，除记录耽误期限的正当理由外不予受理；行政机关未告知申请复议权利的，"
               "适用“复议申请最长期限”（一年）。"),
    ),
    # 复议法第二十条第三款: the act did not state the right to apply → at most one year.
    Rule(
        "recon.application_max", _("复议申请最长期限"), M, 12, AFTER,
        _("《行政复议法》第二十条第三款"), _("知道或者应当知道行政行为内容之日"),
        note=_("行政机关作出行政行为时未告知申请行政复议的权利、复议机关和申请期限的，"
               "申请期限最长不得超过一年。"),
    ),
    # 复议法第三十二条第二款: the penalising agency forwards an application made through it (当场处罚、
    # 电子技术监控) within 5 (working) days of receiving it, if it means to uphold its penalty.
    Rule(
        "recon.forward_penalty", _("处罚机关转送复议申请期限"), WD, 5, AFTER,
        _("《行政复议法》第三十二条第二款、第八十八条"), _("作出处罚决定的行政机关收到行政复议申请之日"),
        note=_("行政机关认为需要维持行政处罚决定的，应当自收到行政复议申请之日起五日内转送行政复议机关。"),
        unit_basis=RECON_WORKING_DAYS,
    ),
    # 复议法第三十条、第八十八条: 5 working days to review; silence → deemed accepted (视为受理).
    Rule(
        "recon.acceptance_review", _("复议申请审查期限"), WD, 5, AFTER,
        _("《行政复议法》第三十条、第八十八条"), _("收到行政复议申请之日"),
        note=_("审查期限届满未作出不予受理决定的，审查期限届满之日起视为受理。"),
        unit_basis=RECON_WORKING_DAYS,
    ),
    # 复议法第三十一条第一款: one correction notice within 5 working days.
    Rule(
        "recon.correction_notice", _("补正通知期限"), WD, 5, AFTER,
        _("《行政复议法》第三十一条第一款、第八十八条"), _("收到行政复议申请之日"),
        note=_("补正通知应当一次性载明需要补正的事项。"),
        unit_basis=RECON_WORKING_DAYS,
    ),
    # 复议法第三十一条第二款: 10 working days to correct; no reply, no reason → deemed abandoned.
    # "有正当理由不能按期补正的，行政复议机关可以延长合理的补正期限": the law sets no maximum and no
    # approver — [our rule] at most 10 working days in all, approved by the 复议机构负责人.
    Rule(
        "recon.correction_reply", _("申请人补正期限"), WD, 10, AFTER,
        _("《行政复议法》第三十一条第二款、第八十八条"), _("申请人收到补正通知之日"),
        max_extension_days=10, extension_approver_role=Role.RECON_HEAD.value,
        note=_("无正当理由逾期不补正的，视为申请人放弃行政复议申请；收到补正材料后重新审查（5个工作日）。"
               "有正当理由不能按期补正的，可以延长合理的补正期限：〔本系统规则〕法律未规定上限，"
               "本系统定为累计不超过10个工作日，经行政复议机构负责人批准。"),
        unit_basis=RECON_WORKING_DAYS,
    ),
    # 复议法第四十八条: copy to the respondent within 7 working days of acceptance.
    Rule(
        "recon.copy_to_respondent", _("发送申请书副本期限"), WD, 7, AFTER,
        _("《行政复议法》第四十八条、第八十八条"), _("受理之日"),
        unit_basis=RECON_WORKING_DAYS,
    ),
    # 复议法第五十四条: simplified procedure, 3 working days.
    Rule(
        "recon.copy_to_respondent_simple", _("发送申请书副本期限（简易程序）"), WD, 3, AFTER,
        _("《行政复议法》第五十四条、第八十八条"), _("受理之日"),
        unit_basis=RECON_WORKING_DAYS,
    ),
    # 复议法第四十八条、第七十条: reply within 10 working days, or the act is taken as without evidence.
    Rule(
        "recon.respondent_reply", _("被申请人答复期限"), WD, 10, AFTER,
        _("《行政复议法》第四十八条、第七十条、第八十八条"), _("被申请人收到申请书副本之日"),
        note=_("逾期不提出书面答复、不提交证据和依据的，视为该行政行为没有证据、依据（第七十条）。"),
        unit_basis=RECON_WORKING_DAYS,
    ),
    # 复议法第五十四条、第七十条: simplified procedure, 5 working days.
    Rule(
        "recon.respondent_reply_simple", _("被申请人答复期限（简易程序）"), WD, 5, AFTER,
        _("《行政复议法》第五十四条、第七十条、第八十八条"), _("被申请人收到申请书副本之日"),
        note=_("逾期不提出书面答复、不提交证据和依据的，视为该行政行为没有证据、依据（第七十条）。"),
        unit_basis=RECON_WORKING_DAYS,
    ),
    # 复议法第六十二条第一款: 60 days; extension ≤ 30 days with the office head's approval and notice.
    Rule(
        "recon.decision", _("复议决定期限"), CD, 60, AFTER,
        _("《行政复议法》第六十二条"), _("受理之日"),
        max_extension_days=30, extension_approver_role=Role.RECON_HEAD.value,
        note=_("情况复杂的，经行政复议机构负责人批准可以适当延长，并书面告知当事人；延长期限最多不得超过30日。"),
    ),
    # 复议法第六十二条第二款: simplified procedure, 30 days; 第五十五条: may convert to ordinary.
    Rule(
        "recon.decision_simple", _("复议决定期限（简易程序）"), CD, 30, AFTER,
        _("《行政复议法》第六十二条第二款"), _("受理之日"),
        note=_("认为不宜适用简易程序的，经行政复议机构负责人批准可以转为普通程序审理（第五十五条）。"),
    ),
    # 复议法第五十一条: written hearing notice 5 (working) days before the hearing.
    Rule(
        "recon.hearing_notice", _("复议听证通知期限"), WD, 5, BEFORE,
        _("《行政复议法》第五十一条、第八十八条"), _("举行听证之日"),
        note=_("应当于举行听证的5个工作日前将听证的时间、地点和拟听证事项书面通知当事人。"),
        unit_basis=RECON_WORKING_DAYS,
    ),
    # 复议法第三十九条、第四十一条第一款第五项: suspended 60 days on grounds (1)(2)(4) → terminate.
    Rule(
        "recon.suspension_limit", _("复议中止满六十日"), CD, 60, AFTER,
        _("《行政复议法》第三十九条、第四十一条"), _("依第三十九条第一款第一、二、四项中止之日"),
        note=_("中止满60日行政复议中止的原因仍未消除的，应当决定终止行政复议。"),
    ),
    # 复议法第七十六条: the agency reports on an opinion letter within 60 days.
    Rule(
        "recon.opinion_letter_report", _("复议意见书落实报送期限"), CD, 60, AFTER,
        _("《行政复议法》第七十六条"), _("收到行政复议意见书之日"),
    ),
    # ── 行政应诉 (行政诉讼法, 2017) ──────────────────────────────────────────────────────────
    # 行诉法第六十七条: defence and evidence within 15 days; 第三十四条: late evidence → none.
    Rule(
        "lit.defense", _("行政诉讼答辩举证期限"), CD, 15, AFTER,
        _("《行政诉讼法》第六十七条"), _("收到起诉状副本之日"),
        note=_("应当提交作出行政行为的证据和所依据的规范性文件，并提出答辩状；"
               "不提供或者无正当理由逾期提供证据的，视为没有相应证据（第三十四条）。"),
    ),
    # 行诉法第八十五条: appeal against a judgment, 15 days.
    Rule(
        "lit.appeal_judgment", _("判决上诉期限"), CD, 15, AFTER,
        _("《行政诉讼法》第八十五条"), _("判决书送达之日"),
    ),
    # 行诉法第八十五条: appeal against a ruling, 10 days.
    Rule(
        "lit.appeal_ruling", _("裁定上诉期限"), CD, 10, AFTER,
        _("《行政诉讼法》第八十五条"), _("裁定书送达之日"),
    ),
    # 行诉法第四十五条: suit after reconsideration, 15 days.
    Rule(
        "lit.sue_after_recon", _("复议后起诉期限"), CD, 15, AFTER,
        _("《行政诉讼法》第四十五条"), _("收到复议决定书之日"),
    ),
    # 行诉法第四十六条: direct suit, 6 months.
    Rule(
        "lit.direct_suit", _("直接起诉期限"), M, 6, AFTER,
        _("《行政诉讼法》第四十六条"), _("知道或者应当知道作出行政行为之日"),
    ),
    # 行诉法第八十一条: first instance, 6 months (extension is the High Court's, not ours).
    Rule(
        "lit.first_instance", _("一审审理期限"), M, 6, AFTER,
        _("《行政诉讼法》第八十一条"), _("立案之日"),
        note=_("有特殊情况需要延长的，由高级人民法院批准。"),
    ),
    # 行诉法第八十三条: simplified first instance, 45 days.
    Rule(
        "lit.first_instance_simple", _("一审审理期限（简易程序）"), CD, 45, AFTER,
        _("《行政诉讼法》第八十三条"), _("立案之日"),
    ),
    # 行诉法第八十八条: second instance, 3 months.
    Rule(
        "lit.second_instance", _("二审审理期限"), M, 3, AFTER,
        _("《行政诉讼法》第八十八条"), _("收到上诉状之日"),
        note=_("有特殊情况需要延长的，由高级人民法院批准。"),
    ),
    # 检察公益诉讼解释第二十一条: reply to a procuratorial recommendation within two months.
    Rule(
        "lit.procuratorial_reply", _("检察建议回复期限"), M, 2, AFTER,
        _("《最高人民法院、最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》第二十一条"),
        _("收到检察建议书之日"),
    ),
    # 同上: urgent cases (damage to the public interest keeps growing), 15 days.
    Rule(
        "lit.procuratorial_reply_urgent", _("检察建议回复期限（紧急情形）"), CD, 15, AFTER,
        _("《最高人民法院、最高人民检察院关于检察公益诉讼案件适用法律若干问题的解释》第二十一条"),
        _("收到检察建议书之日"),
        note=_("国家利益或者社会公共利益损害继续扩大等紧急情形。"),
    ),
    # ── 行政决策 (重大行政决策程序暂行条例, 国务院令第713号) ─────────────────────────────────────
    # 决策条例第十五条: public comment period generally at least 30 days.
    Rule(
        "dec.public_comment", _("公开征求意见期限"), CD, 30, AT_LEAST,
        _("《重大行政决策程序暂行条例》第十五条"), _("公开征求意见之日"),
        note=_("一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明。"),
    ),
    # 决策条例第十六条第三款 (not 第十七条): materials served 7 days before the hearing.
    Rule(
        "dec.hearing_materials", _("听证会材料送达期限"), CD, 7, BEFORE,
        _("《重大行政决策程序暂行条例》第十六条"), _("召开听证会之日"),
        note=_("听证会材料应当于召开听证会7日前送达听证参加人。"),
    ),
    # 决策条例第二十六条第二款 (not 第二十七条): review time generally at least 7 working days.
    Rule(
        "dec.legality_review", _("决策合法性审查时间"), WD, 7, AT_LEAST,
        _("《重大行政决策程序暂行条例》第二十六条"), _("送请合法性审查之日"),
        note=_("应当保证必要的审查时间，一般不少于7个工作日；早于本日期提交集体讨论的，"
               "提示“审查时间不足7个工作日”。"),
    ),
    # 决策条例第三十六条: post-implementation evaluation; the interval is the Bureau's choice.
    Rule(
        "dec.post_evaluation", _("决策后评估期限"), M, 12, AFTER,
        _("《重大行政决策程序暂行条例》第三十六条"), _("决策实施之日"),
        configurable=True, min_length=1,
        note=_("评估时点由本单位配置，默认实施后12个月。"),
    ),
    # ── 规范性文件 (国办发〔2018〕115号) ─────────────────────────────────────────────────────
    # 115号: review time generally not less than 5 and not more than 15 working days.
    Rule(
        "norm.legality_review", _("规范性文件合法性审核期限"), WD, 15, AFTER,
        _("《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》（国办发〔2018〕115号）"),
        _("送交合法性审核之日"),
        configurable=True, min_length=5, max_length=15,
        note=_("审核时间一般不少于5个工作日，最长不超过15个工作日。"),
    ),
    # ── 行政执法 (行政处罚法, 2021; 国办发〔2018〕118号) ─────────────────────────────────────────
    # 处罚法第六十条: decision within 90 days of filing.
    Rule(
        "enf.penalty_decision", _("行政处罚决定期限"), CD, 90, AFTER,
        _("《行政处罚法》第六十条"), _("立案之日"),
        note=_("法律、法规、规章另有规定的，从其规定。"),
    ),
    # 处罚法第六十四条第一项、第八十五条: the party asks for a hearing within 5 working days.
    Rule(
        "enf.hearing_request", _("处罚听证申请期限"), WD, 5, AFTER,
        _("《行政处罚法》第六十四条、第八十五条"), _("告知当事人听证权利之日"),
        unit_basis=PENALTY_WORKING_DAYS,
    ),
    # 处罚法第六十四条第二项、第八十五条: hearing notice 7 working days before the hearing.
    Rule(
        "enf.hearing_notice", _("处罚听证通知期限"), WD, 7, BEFORE,
        _("《行政处罚法》第六十四条、第八十五条"), _("举行听证之日"),
        note=_("应当在举行听证的7个工作日前通知当事人及有关人员听证的时间、地点。"),
        unit_basis=PENALTY_WORKING_DAYS,
    ),
    # 处罚法第六十一条、第八十五条: service within 7 working days when the party was absent.
    Rule(
        "enf.service", _("处罚决定书送达期限"), WD, 7, AFTER,
        _("《行政处罚法》第六十一条、第八十五条"), _("作出处罚决定之日（当事人不在场）"),
        unit_basis=PENALTY_WORKING_DAYS,
    ),
    # 国办发〔2018〕118号: penalty and licensing decisions published within 7 working days.
    Rule(
        "enf.publicity_penalty", _("处罚、许可决定公示期限"), WD, 7, AFTER,
        _("《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的"
          "指导意见》（国办发〔2018〕118号）"),
        _("作出执法决定之日"),
    ),
    # 国办发〔2018〕118号: other enforcement decisions within 20 working days.
    Rule(
        "enf.publicity_other", _("其他执法决定公示期限"), WD, 20, AFTER,
        _("《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的"
          "指导意见》（国办发〔2018〕118号）"),
        _("作出执法决定之日"),
    ),
    # 处罚法第四十八条第二款、第八十五条: withdraw a changed/revoked published decision in 3 working days.
    Rule(
        "enf.publicity_withdraw", _("处罚决定信息撤回期限"), WD, 3, AFTER,
        _("《行政处罚法》第四十八条、第八十五条"), _("公开的处罚决定被变更、撤销、确认违法或者确认无效之日"),
        unit_basis=PENALTY_WORKING_DAYS,
    ),
    # ── 多元化解 ──────────────────────────────────────────────────────────────────────────
    # 人民调解法第三十三条: joint application for judicial confirmation within 30 days.
    Rule(
        "med.judicial_confirmation", _("申请司法确认期限"), CD, 30, AFTER,
        _("《人民调解法》第三十三条"), _("调解协议生效之日"),
        note=_("双方当事人共同向人民法院申请。"),
    ),
    # 特邀调解规定第二十一条: court-entrusted mediation, 30 days.
    Rule(
        "med.court_entrusted", _("委托调解期限"), CD, 30, AFTER,
        _("《最高人民法院关于人民法院特邀调解的规定》第二十一条"), _("特邀调解员收到案件材料之日"),
    ),
    # ── 执法监督 ──────────────────────────────────────────────────────────────────────────
    # Local practice: the rectification period is the Bureau's choice (default 30 days).
    Rule(
        "sup.rectification", _("监督整改期限"), CD, 30, AFTER,
        _("本地执法监督工作规范（期限可配置）"), _("收到行政执法监督通知书之日"),
        configurable=True, min_length=1,
    ),
    # No statute fixes this period: the Bureau sets it (our rule, docs/law/supervision.md) — by default a
    # major decision is filed with the justice bureau within 15 working days of the decision (setting
    # SUPERVISION_FILING_WORKING_DAYS, or DEADLINE_RULE_OVERRIDES); reminders 5 and 2 days ahead.
    Rule(
        "sup.filing", _("重大执法决定备案期限"), WD, 15, AFTER,
        _("〔本系统规则〕备案期限由司法局设定（默认15个工作日，可配置）"), _("作出重大执法决定之日"),
        configurable=True, min_length=1, reminder_days=(5, 2),
    ),
    # ── 执法证件 ──────────────────────────────────────────────────────────────────────────
    # The certificate's own expiry date; reminders 90 and 30 days ahead.
    Rule(
        "cert.expiry", _("执法证件有效期届满"), FIXED, 0, AFTER,
        _("执法证件载明的有效期"), _("证件有效期届满之日"),
        reminder_days=(90, 30),
        note=_("到期前90日、30日提醒换证。"),
    ),
)  # fmt: skip


def _overrides() -> dict:
    overrides = dict(getattr(settings, "DEADLINE_RULE_OVERRIDES", None) or {})
    # the filing period has its own setting (docs/law/supervision.md); DEADLINE_RULE_OVERRIDES wins
    filing_days = getattr(settings, "SUPERVISION_FILING_WORKING_DAYS", None)
    if filing_days is not None:
        overrides.setdefault("sup.filing", filing_days)
    return overrides


def _apply_override(rule: Rule, overrides: dict) -> Rule:
    if rule.code not in overrides:
        return rule
    value = overrides[rule.code]
    if not rule.configurable:
        raise ImproperlyConfigured(
            f"DEADLINE_RULE_OVERRIDES: {rule.code} is a statutory period and not configurable"
        )
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ImproperlyConfigured(f"DEADLINE_RULE_OVERRIDES[{rule.code!r}] must be a positive integer")
    if (rule.min_length is not None and value < rule.min_length) or (
        rule.max_length is not None and value > rule.max_length
    ):
        raise ImproperlyConfigured(
            f"DEADLINE_RULE_OVERRIDES[{rule.code!r}]={value} is outside {rule.min_length}–{rule.max_length}"
        )
    return replace(rule, length=value, default_length=rule.length)


class RuleCatalogue(Mapping):
    """code → Rule, with the configurable lengths read from settings at each access."""

    def __init__(self, rules: tuple[Rule, ...]):
        self._rules = {rule.code: rule for rule in rules}

    def __getitem__(self, code: str) -> Rule:
        return _apply_override(self._rules[code], _overrides())

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)


RULES: Mapping[str, Rule] = RuleCatalogue(_CATALOGUE)


def get_rule(code: str) -> Rule:
    try:
        return RULES[code]
    except KeyError:
        raise ApplicationError(
            gettext("未知的期限规则：%(code)s") % {"code": code}, field="rule_code"
        ) from None


def rule_choices() -> list[tuple[str, str]]:
    """(code, "行政复议｜复议决定期限（60日（自然日））") in catalogue order, grouped by mechanism."""
    choices = []
    for rule in RULES.values():
        length = "" if rule.unit == Unit.FIXED_DATE else f"（{rule.length_text()}）"
        choices.append((rule.code, f"{rule.group}｜{rule.label}{length}"))
    return choices


def rule_choice_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The same choices as Django's grouped form (one <optgroup> per mechanism)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, label in rule_choices():
        group, _sep, text = label.partition("｜")
        groups.setdefault(group, []).append((code, text))
    return list(groups.items())
