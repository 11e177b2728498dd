from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", _("政府")
    JUSTICE = "justice", _("司法行政机关")
    AGENCY = "agency", _("行政机关")
    TOWNSHIP = "township", _("乡镇街道")
    COURT = "court", _("法院")
    PROCURATORATE = "procuratorate", _("检察院")
    MEDIATION = "mediation", _("调解组织")
    OTHER = "other", _("其他")


class Role(models.TextChoices):
    """Roles are Django groups; the group name is the Chinese role name."""

    LEGAL_REVIEWER = "法制审核人员", _("法制审核人员")
    RECON_OFFICER = "复议工作人员", _("复议工作人员")
    RECON_HEAD = "复议机构负责人", _("复议机构负责人")
    SUPERVISOR = "执法监督人员", _("执法监督人员")
    ENFORCEMENT_STAFF = "执法单位工作人员", _("执法单位工作人员")
    MEDIATOR = "调解员", _("调解员")
    LITIGATION_STAFF = "应诉工作人员", _("应诉工作人员")
    LEADER = "领导", _("领导")
    SYSTEM_ADMIN = "系统管理员", _("系统管理员")
    SECURITY_ADMIN = "安全管理员", _("安全管理员")
    AUDIT_ADMIN = "审计管理员", _("审计管理员")
