"""The rule catalogue against the statutes (each row: unit, length, direction, article)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.choices import Role
from core.exceptions import ApplicationError
from deadlines.rules import RULES, Direction, Unit, get_rule, rule_choice_groups, rule_choices

WD, CD, M, FIXED = Unit.WORKING_DAYS, Unit.CALENDAR_DAYS, Unit.MONTHS, Unit.FIXED_DATE
AFTER, BEFORE, AT_LEAST = Direction.AFTER, Direction.BEFORE, Direction.AT_LEAST

# Written by hand from the statutes, row by row (plus recon.application_max, the 复议法第二十条第三款
# one-year cap).
CATALOGUE = {
    "recon.application": (CD, 60, AFTER, "第二十条"),
    "recon.application_max": (M, 12, AFTER, "第二十条第三款"),
    "recon.acceptance_review": (WD, 5, AFTER, "第三十条"),
    "recon.forward_penalty": (WD, 5, AFTER, "第三十二条第二款"),
    "recon.correction_notice": (WD, 5, AFTER, "第三十一条"),
    "recon.correction_reply": (WD, 10, AFTER, "第三十一条"),
    "recon.copy_to_respondent": (WD, 7, AFTER, "第四十八条"),
    "recon.copy_to_respondent_simple": (WD, 3, AFTER, "第五十四条"),
    "recon.respondent_reply": (WD, 10, AFTER, "第四十八条"),
    "recon.respondent_reply_simple": (WD, 5, AFTER, "第五十四条"),
    "recon.decision": (CD, 60, AFTER, "第六十二条"),
    "recon.decision_simple": (CD, 30, AFTER, "第六十二条"),
    "recon.hearing_notice": (WD, 5, BEFORE, "第五十一条"),
    "recon.suspension_limit": (CD, 60, AFTER, "第三十九条"),
    "recon.opinion_letter_report": (CD, 60, AFTER, "第七十六条"),
    "lit.defense": (CD, 15, AFTER, "第六十七条"),
    "lit.appeal_judgment": (CD, 15, AFTER, "第八十五条"),
    "lit.appeal_ruling": (CD, 10, AFTER, "第八十五条"),
    "lit.sue_after_recon": (CD, 15, AFTER, "第四十五条"),
    "lit.direct_suit": (M, 6, AFTER, "第四十六条"),
    "lit.first_instance": (M, 6, AFTER, "第八十一条"),
    "lit.first_instance_simple": (CD, 45, AFTER, "第八十三条"),
    "lit.second_instance": (M, 3, AFTER, "第八十八条"),
    "lit.procuratorial_reply": (M, 2, AFTER, "第二十一条"),
    "lit.procuratorial_reply_urgent": (CD, 15, AFTER, "第二十一条"),
    "dec.public_comment": (CD, 30, AT_LEAST, "第十五条"),
    "dec.hearing_materials": (CD, 7, BEFORE, "第十六条"),  # 决策条例第十六条 (not 第十七条)
    "dec.legality_review": (WD, 7, AT_LEAST, "第二十六条"),  # 决策条例第二十六条 (not 第二十七条)
    "dec.post_evaluation": (M, 12, AFTER, "第三十六条"),
    "norm.legality_review": (WD, 15, AFTER, "115号"),
    "enf.penalty_decision": (CD, 90, AFTER, "第六十条"),
    "enf.hearing_request": (WD, 5, AFTER, "第六十四条"),
    "enf.hearing_notice": (WD, 7, BEFORE, "第六十四条"),
    "enf.service": (WD, 7, AFTER, "第六十一条"),
    "enf.publicity_penalty": (WD, 7, AFTER, "118号"),
    "enf.publicity_other": (WD, 20, AFTER, "118号"),
    "enf.publicity_withdraw": (WD, 3, AFTER, "第四十八条"),
    "med.judicial_confirmation": (CD, 30, AFTER, "第三十三条"),
    "med.court_entrusted": (CD, 30, AFTER, "第二十一条"),
    "sup.rectification": (CD, 30, AFTER, "可配置"),
    "sup.filing": (WD, 15, AFTER, "本系统规则"),
    "cert.expiry": (FIXED, 0, AFTER, "有效期"),
}


def test_catalogue_is_exactly_domain_section_2():
    assert set(RULES) == set(CATALOGUE)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_rule_matches_domain(code):
    unit, length, direction, article = CATALOGUE[code]
    rule = get_rule(code)
    assert rule.code == code
    assert (rule.unit, rule.length, rule.direction) == (unit, length, direction)
    assert article in str(rule.statute)
    assert str(rule.label) and str(rule.trigger_label)
    assert "《" in str(rule.statute) or code in {"sup.rectification", "sup.filing", "cert.expiry"}


def test_reconsideration_and_penalty_short_periods_are_working_days():
    # 复议法第八十八条 (3/5/7/10 days) and 处罚法第八十五条 (2/3/5/7 days) — docs/law/counting.md, rule 3.
    for code, rule in RULES.items():
        if code.startswith("recon.") and rule.unit != Unit.MONTHS:
            expected = Unit.WORKING_DAYS if rule.length in (3, 5, 7, 10) else Unit.CALENDAR_DAYS
            assert rule.unit == expected, code
            assert bool(rule.unit_basis) is (expected == Unit.WORKING_DAYS), code
        if code.startswith("enf.") and "处罚法" in str(rule.statute) and rule.length in (2, 3, 5, 7):
            assert rule.unit == Unit.WORKING_DAYS, code


def test_only_the_extendable_recon_rules_may_be_extended_and_name_their_approver():
    extendable = {code: rule for code, rule in RULES.items() if rule.max_extension_days}
    assert list(extendable) == ["recon.correction_reply", "recon.decision"]
    # 复议法第六十二条第一款: at most 30 days, the office head approves.
    rule = extendable["recon.decision"]
    assert rule.max_extension_days == 30
    assert rule.extension_approver_role == "复议机构负责人"
    assert rule.extension_approver_role in Role.values
    # 复议法第三十一条第二款 sets no maximum: [our rule] 10 working days, the office head approves.
    rule = extendable["recon.correction_reply"]
    assert (rule.unit, rule.max_extension_days, rule.extension_approver_role) == (
        Unit.WORKING_DAYS,
        10,
        "复议机构负责人",
    )
    assert "本系统规则" in str(rule.note)


def test_certificate_expiry_reminders():
    rule = get_rule("cert.expiry")
    assert (rule.unit, rule.reminder_days) == (Unit.FIXED_DATE, (90, 30))


def test_unknown_code_is_an_application_error_in_chinese():
    with pytest.raises(ApplicationError) as excinfo:
        get_rule("recon.unknown")
    assert str(excinfo.value) == "未知的期限规则：recon.unknown"


def test_summary():
    assert get_rule("recon.decision").summary == "受理之日起60日（自然日）"
    assert get_rule("recon.hearing_notice").summary == "举行听证之日前5个工作日"
    assert get_rule("dec.public_comment").summary == "公开征求意见之日起不少于30日（自然日）"
    assert get_rule("lit.direct_suit").summary == "知道或者应当知道作出行政行为之日起6个月"


# ---------------------------------------------------------------------------------------------
# Configurable lengths


def test_defaults_without_overrides(settings):
    settings.DEADLINE_RULE_OVERRIDES = {}
    assert get_rule("sup.rectification").length == 30
    assert get_rule("dec.post_evaluation").length == 12
    assert get_rule("norm.legality_review").length == 15
    assert not get_rule("sup.rectification").is_overridden


def test_overrides_apply_to_get_rule_and_rules(settings):
    settings.DEADLINE_RULE_OVERRIDES = {
        "sup.rectification": 20,
        "dec.post_evaluation": 6,
        "norm.legality_review": 10,
    }
    assert get_rule("sup.rectification").length == 20
    assert RULES["sup.rectification"].length == 20
    assert get_rule("dec.post_evaluation").length == 6
    assert get_rule("norm.legality_review").length == 10
    assert get_rule("norm.legality_review").default_length == 15
    assert get_rule("sup.rectification").is_overridden


@pytest.mark.parametrize(
    "overrides",
    [
        {"recon.decision": 90},  # a statutory period is not configurable
        {"norm.legality_review": 4},  # 115号: not less than 5 working days
        {"norm.legality_review": 16},  # 115号: not more than 15 working days
        {"sup.rectification": 0},
        {"sup.rectification": "30"},
    ],
)
def test_invalid_overrides_are_configuration_errors(settings, overrides):
    settings.DEADLINE_RULE_OVERRIDES = overrides
    code = next(iter(overrides))
    with pytest.raises(ImproperlyConfigured):
        get_rule(code)


# ---------------------------------------------------------------------------------------------
# Choices for forms


def test_rule_choices_cover_every_rule_grouped_by_mechanism():
    choices = rule_choices()
    assert [code for code, _label in choices] == list(RULES)
    labels = dict(choices)
    assert labels["recon.decision"] == "行政复议｜复议决定期限（60日（自然日））"
    assert labels["cert.expiry"] == "执法证件｜执法证件有效期届满"
    groups = rule_choice_groups()
    assert [group for group, _items in groups] == [
        "行政复议", "行政应诉", "行政决策", "规范性文件", "行政执法", "多元化解", "执法监督", "执法证件",
    ]  # fmt: skip
    assert sum(len(items) for _group, items in groups) == len(RULES)
