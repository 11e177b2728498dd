"""The fixed tables and small draws of the reconsideration demo data: weights, names, requests and
reasons, parties, the contested act's document number."""

from __future__ import annotations

import random
from datetime import date, timedelta

from accounts.models import OrgUnit
from core.demo import person_name
from disputes.choices import ActType, PartyKind, PartyRole, Sector
from disputes.validators import id_number_check_char

from ..choices import DecisionOutcome as OUT

BASE_CASES = 2000
FIRST_YEAR = 2021

# Shares of the history (weights).
BODY_WEIGHTS = {
    "tsgov": 34,
    "qzgov": 14,
    "mjgov": 13,
    "qsgov": 7,
    "qagov": 9,
    "gggov": 9,
    "wsgov": 7,
    "zjcgov": 7,
}
ACT_WEIGHTS = {
    ActType.PENALTY: 34,
    ActType.INFO_DISCLOSURE: 12,
    ActType.LICENSING: 9,
    ActType.COERCION: 8,
    ActType.EXPROPRIATION: 9,
    ActType.CONFIRMATION: 7,
    ActType.NONPERFORMANCE: 8,
    ActType.BENEFIT: 5,
    ActType.AGREEMENT: 3,
    ActType.OTHER: 5,
}
SECTOR_BY_ACT = {
    ActType.PENALTY: [
        Sector.MARKET,
        Sector.TRANSPORT,
        Sector.ECOLOGY,
        Sector.FOOD_DRUG,
        Sector.PUBLIC_HEALTH,
    ],
    ActType.INFO_DISCLOSURE: [Sector.OTHER, Sector.NATURAL_RESOURCES, Sector.HOUSING],
    ActType.LICENSING: [Sector.MARKET, Sector.HOUSING, Sector.FOOD_DRUG],
    ActType.COERCION: [Sector.ECOLOGY, Sector.MARKET, Sector.HOUSING],
    ActType.EXPROPRIATION: [Sector.HOUSING, Sector.NATURAL_RESOURCES],
    ActType.CONFIRMATION: [Sector.LABOUR, Sector.NATURAL_RESOURCES],
    ActType.NONPERFORMANCE: [Sector.LABOUR, Sector.HOUSING, Sector.OTHER],
    ActType.BENEFIT: [Sector.LABOUR],
    ActType.AGREEMENT: [Sector.HOUSING, Sector.NATURAL_RESOURCES],
    ActType.OTHER: [Sector.OTHER],
}
DECISION_WEIGHTS = {
    OUT.UPHOLD: 50,
    OUT.DISMISS_REQUEST: 10,
    OUT.DISMISS_APPLICATION: 8,
    OUT.REVOKE: 9,
    OUT.PARTIAL_REVOKE: 2,
    OUT.CONFIRM_ILLEGAL: 5,
    OUT.ORDER_PERFORM: 4,
    OUT.VARY: 2,
    OUT.CONFIRM_VOID: 1,
    OUT.NO_EVIDENCE: 1,
    OUT.COMPENSATION: 1,
    OUT.AGREEMENT: 1,
}
ACT_LABELS = dict(ActType.choices)
COMPANIES = ["陇原", "麦积山", "伏羲", "秦州", "羲皇", "渭河", "天河", "关山", "陇东南", "大地湾"]
COMPANY_KINDS = [
    "商贸有限公司",
    "建筑工程有限公司",
    "农业开发合作社",
    "餐饮服务有限公司",
    "运输有限公司",
    "物业管理有限公司",
]
REQUESTS = {
    ActType.PENALTY: "请求撤销被申请人作出的行政处罚决定。",
    ActType.INFO_DISCLOSURE: "请求责令被申请人依法公开申请人申请的政府信息。",
    ActType.LICENSING: "请求撤销被申请人作出的不予许可决定，责令其重新作出许可决定。",
    ActType.COERCION: "请求确认被申请人实施的查封、扣押行为违法。",
    ActType.EXPROPRIATION: "请求撤销被申请人作出的房屋征收补偿决定。",
    ActType.CONFIRMATION: "请求撤销被申请人作出的工伤认定决定。",
    ActType.NONPERFORMANCE: "请求责令被申请人履行法定职责。",
    ActType.BENEFIT: "请求责令被申请人依法给付最低生活保障待遇。",
    ActType.AGREEMENT: "请求责令被申请人继续履行征收补偿协议。",
    ActType.OTHER: "请求撤销被申请人作出的行政行为。",
}
COMMON_REASONS = [
    "被申请人认定事实不清、证据不足，适用法律错误。",
    "被申请人未履行告知义务，剥夺了申请人陈述、申辩的权利，程序违法。",
]
REASONS_BY_ACT = {
    ActType.PENALTY: ["处罚明显不当，与违法行为的事实、性质、情节以及社会危害程度不相当。"],
    ActType.INFO_DISCLOSURE: ["被申请人以信息不存在为由不予公开，未尽检索义务。"],
    ActType.LICENSING: ["申请人提交的材料齐全、符合法定形式，被申请人不予许可没有法律依据。"],
    ActType.COERCION: ["查封、扣押的财物与违法行为无关，超出了必要限度。"],
    ActType.EXPROPRIATION: ["补偿标准明显低于同类房屋的市场价格。"],
    ActType.CONFIRMATION: ["申请人系在工作时间和工作场所内因工作原因受到伤害，应当认定为工伤。"],
    ActType.NONPERFORMANCE: ["申请人已依法提出申请，被申请人逾期未予答复。"],
    ActType.BENEFIT: ["申请人家庭人均收入低于当地最低生活保障标准，被申请人停发待遇没有依据。"],
    ActType.AGREEMENT: ["被申请人未按照征收补偿协议的约定支付补偿款。"],
    ActType.OTHER: [],
}


def reason(rng: random.Random, act_type: str) -> str:
    return rng.choice(REASONS_BY_ACT.get(act_type, []) + COMMON_REASONS)


def id_number(rng: random.Random) -> str:
    region = rng.choice(["620502", "620503", "620521", "620522", "620523", "620524", "620525"])
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 52))
    first17 = f"{region}{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + id_number_check_char(first17)


def party(rng: random.Random) -> dict:
    if rng.random() < 0.15:
        name = f"天水{rng.choice(COMPANIES)}{rng.choice(COMPANY_KINDS)}"
        return {
            "role": PartyRole.CLAIMANT,
            "kind": PartyKind.ORGANISATION,
            "name": name,
            "address": "甘肃省天水市",
        }
    return {
        "role": PartyRole.CLAIMANT,
        "kind": PartyKind.PERSON,
        "name": person_name(rng),
        "id_number": id_number(rng),
        "phone": f"139{rng.randrange(10**7, 10**8)}",
        "address": f"甘肃省天水市{rng.choice(DISTRICTS)}{rng.randrange(1, 200)}号",
    }


DISTRICTS = ["秦州区", "麦积区", "甘谷县", "秦安县"]
ACT_MARKS = {
    ActType.PENALTY: "罚",
    ActType.LICENSING: "许",
    ActType.COERCION: "强",
    ActType.EXPROPRIATION: "征",
    ActType.CONFIRMATION: "认",
    ActType.BENEFIT: "给",
    ActType.AGREEMENT: "协",
    ActType.INFO_DISCLOSURE: "公开",
    ActType.NONPERFORMANCE: "复",
    ActType.OTHER: "决",
}


def act_number(respondent: OrgUnit, act_type: str, year: int, serial: int) -> str:
    """A plausible document number of the contested act, e.g. 天市场罚〔2025〕12号."""
    name = respondent.name
    place = name[0]
    for prefix in ("天水市", "张家川回族自治县", "秦州区", "麦积区", "清水县", "秦安县", "甘谷县", "武山县"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return f"{place}{name[:2]}{ACT_MARKS.get(act_type, '决')}〔{year}〕{serial}号"


def weighted(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


EXPERTS = [
    ("孙立群", "行政法学", "兰州大学法学院", "教授"),
    ("马文涛", "土地管理", "天水师范学院", "副教授"),
    ("杨海燕", "环境保护", "甘肃省环境科学研究院", "高级工程师"),
    ("刘建国", "劳动和社会保障", "甘肃天水律师事务所", "律师"),
    ("陈思远", "城乡规划", "天水市规划设计院", "高级工程师"),
    ("赵明德", "财税金融", "天水市注册会计师协会", "注册会计师"),
]
