"""Enumerations of the disputes app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActType(models.TextChoices):
    """Kind of the contested administrative act (行政行为类型)."""

    PENALTY = "penalty", _("行政处罚")
    LICENSING = "licensing", _("行政许可")
    COERCION = "coercion", _("行政强制")
    EXPROPRIATION = "expropriation", _("行政征收征用")
    CONFIRMATION = "confirmation", _("行政确认")
    BENEFIT = "benefit", _("行政给付")
    AGREEMENT = "agreement", _("行政协议")
    INFO_DISCLOSURE = "info_disclosure", _("政府信息公开")
    NONPERFORMANCE = "nonperformance", _("不履行法定职责")
    OTHER = "other", _("其他")


class Sector(models.TextChoices):
    """Field of administration the act belongs to (行政管理领域)."""

    FOOD_DRUG = "food_drug", _("食品药品")
    PUBLIC_HEALTH = "public_health", _("公共卫生")
    ECOLOGY = "ecology", _("生态环境")
    LABOUR = "labour", _("劳动保障")
    INTERNET = "internet", _("网络传播")
    TRANSPORT = "transport", _("道路交通运输")
    NATURAL_RESOURCES = "natural_resources", _("自然资源")
    HOUSING = "housing", _("住房城建")
    MARKET = "market", _("市场监管")
    OTHER = "other", _("其他")


class DisputeStatus(models.TextChoices):
    """进行中 → 已化解 (settled: agreement, withdrawal, the agency corrected its act) or 已终结
    (the proceedings ended; whether the dispute was resolved in substance is recorded separately)."""

    OPEN = "open", _("进行中")
    RESOLVED = "resolved", _("已化解")
    CLOSED = "closed", _("已终结")


class PartyRole(models.TextChoices):
    CLAIMANT = "claimant", _("申请人/原告")
    THIRD_PARTY = "third_party", _("第三人")
    AGENT = "agent", _("代理人")


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")
