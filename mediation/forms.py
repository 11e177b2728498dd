"""Forms of the mediation pages: shape only (the rules are the services'). Every text field has a
maximum length matching its model field; errors are in Chinese; edit forms carry the version."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import UnitKind
from accounts.models import OrgUnit
from core.concurrency import VersionedFormMixin
from disputes.forms import DateInput, UnitChoiceField
from disputes.models import Dispute

from .choices import (
    AgreementForm as AgreementFormChoice,
)
from .choices import (
    CaseSource,
    MediationType,
    OtherRoute,
    VisitMethod,
)
from .filters import mediation_units
from .models import Mediator

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _date(label, *, required=True, help_text="", initial_today=False):
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        initial=timezone.localdate if initial_today else None,
    )


def _text(label, *, max_length, required=True, area=False, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=TEXTAREA if area else None,
        help_text=help_text,
        error_messages={"max_length": _("最多 %(limit_value)d 个字符（当前 %(show_value)d 个）。")},
    )


class ServiceForm(forms.Form):
    def __init__(self, data=None, *, case=None, user=None, **kwargs):
        self.case, self.user = case, user
        super().__init__(data, **kwargs)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


def _units(user, *kinds):
    return OrgUnit.objects.visible_to(user).filter(kind__in=kinds, is_active=True).order_by("path")


class CaseRegisterForm(ServiceForm):
    unit = UnitChoiceField(label=_("调解组织"), queryset=OrgUnit.objects.none())
    mediation_type = forms.ChoiceField(label=_("调解类型"), choices=MediationType.choices)
    source = forms.ChoiceField(label=_("案件来源"), choices=CaseSource.choices)
    referring_unit = UnitChoiceField(
        label=_("移交（委派、委托）单位"), queryset=OrgUnit.objects.none(), required=False
    )
    received_on = _date(_("受理日期"), initial_today=True)
    materials_received_on = _date(
        _("收到案件材料日期"), required=False, help_text=_("法院委托调解的必填：委托调解期限自该日起算。")
    )
    parties = _text(_("当事人"), max_length=200, help_text=_("多个当事人以顿号分隔。"))
    subject = _text(_("纠纷事项"), max_length=500)
    dispute = forms.ModelChoiceField(label=_("行政争议"), queryset=Dispute.objects.none(), required=False)
    civil_description = _text(_("民事纠纷概要"), max_length=500, required=False, area=True)
    amount = forms.DecimalField(
        label=_("涉及金额（元）"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    consent_recorded = forms.BooleanField(label=_("当事人同意调解"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        user = self.user
        self.fields["unit"].queryset = _units(user, UnitKind.MEDIATION, UnitKind.AGENCY, UnitKind.JUSTICE)
        self.fields["referring_unit"].queryset = OrgUnit.objects.filter(is_active=True).order_by("path")
        self.fields["dispute"].queryset = Dispute.objects.visible_to(user).order_by("-id")


class CaseEditForm(VersionedFormMixin, ServiceForm):
    parties = _text(_("当事人"), max_length=200)
    subject = _text(_("纠纷事项"), max_length=500)
    amount = forms.DecimalField(
        label=_("涉及金额（元）"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    mediators = forms.ModelMultipleChoiceField(
        label=_("调解员"),
        queryset=Mediator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    joint_units = forms.ModelMultipleChoiceField(
        label=_("联合调解单位"), queryset=OrgUnit.objects.none(), required=False
    )

    def __init__(self, data=None, *, record=None, **kwargs):
        super().__init__(
            data,
            case=record,
            initial={
                "version": record.version,
                "parties": record.parties,
                "subject": record.subject,
                "amount": record.amount,
                "mediators": list(record.mediators.all()),
                "joint_units": list(record.joint_units.all()),
            },
            **kwargs,
        )
        self.fields["mediators"].queryset = Mediator.objects.filter(org_unit=record.org_unit, is_active=True)
        self.fields["joint_units"].queryset = OrgUnit.objects.filter(
            kind__in=(UnitKind.MEDIATION, UnitKind.AGENCY, UnitKind.COURT, UnitKind.JUSTICE), is_active=True
        ).order_by("path")


class StartForm(ServiceForm):
    on = _date(_("开始调解日期"), initial_today=True)
    consent = forms.BooleanField(
        label=_("当事人均同意调解"),
        required=False,
        help_text=_("《人民调解法》第十七条：一方明确拒绝的，不得调解。"),
    )


class ReferForm(ServiceForm):
    to_unit = UnitChoiceField(label=_("接收的调解组织"), queryset=OrgUnit.objects.none())
    to_type = forms.ChoiceField(label=_("调解类型"), choices=MediationType.choices)
    reason = _text(_("移交理由"), max_length=500, area=True)
    on = _date(_("移交日期"), initial_today=True)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["to_unit"].queryset = (
            OrgUnit.objects.filter(kind=UnitKind.MEDIATION, is_active=True)
            .exclude(pk=self.case.org_unit_id)
            .order_by("path")
        )
        self.fields["to_type"].initial = self.case.mediation_type


class RefusalForm(ServiceForm):
    refused_by = _text(_("拒绝调解的当事人"), max_length=100)
    on = _date(_("日期"), initial_today=True)
    note = _text(_("说明"), max_length=500, required=False, area=True)


class SessionForm(ServiceForm):
    held_on = _date(_("调解日期"), initial_today=True)
    place = _text(_("调解地点"), max_length=100, required=False)
    participants = _text(_("参加人员"), max_length=300)
    summary = _text(_("调解情况"), max_length=2000, area=True)


class AgreeForm(ServiceForm):
    form = forms.ChoiceField(label=_("协议形式"), choices=AgreementFormChoice.choices)
    parties_info = _text(_("当事人基本情况"), max_length=1000, required=False, area=True)
    facts = _text(_("纠纷的主要事实、争议事项及各方责任"), max_length=2000, required=False, area=True)
    content = _text(_("协议内容"), max_length=3000, area=True)
    performance_method = _text(_("履行方式"), max_length=200, required=False)
    performance_due_on = _date(_("履行期限"), required=False)
    effective_on = _date(
        _("协议生效日期"), initial_today=True, help_text=_("书面协议：各方签名之日；口头协议：达成之日。")
    )


class FailForm(ServiceForm):
    reason = _text(_("调解不成的原因"), max_length=1000, area=True)
    on = _date(_("日期"), initial_today=True)


class TerminateForm(ServiceForm):
    routes = forms.MultipleChoiceField(
        label=_("已告知当事人的其他途径"), choices=OtherRoute.choices, widget=forms.CheckboxSelectMultiple
    )
    on = _date(_("日期"), initial_today=True)


class DateForm(ServiceForm):
    on = _date(_("日期"), initial_today=True)


class ConfirmationApplyForm(ServiceForm):
    court = UnitChoiceField(label=_("受理法院"), queryset=OrgUnit.objects.none())
    applied_on = _date(_("申请日期"), initial_today=True)
    joint = forms.BooleanField(label=_("双方当事人共同申请"), required=False, initial=True)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["court"].queryset = OrgUnit.objects.filter(kind=UnitKind.COURT, is_active=True).order_by(
            "path"
        )


class RulingForm(ServiceForm):
    ruled_on = _date(_("裁定日期"), initial_today=True)
    ruling_number = _text(_("裁定书文号"), max_length=100, required=False)
    note = _text(_("说明"), max_length=500, required=False, area=True)


class VisitForm(ServiceForm):
    visited_on = _date(_("回访日期"), initial_today=True)
    method = forms.ChoiceField(label=_("回访方式"), choices=VisitMethod.choices)
    performing_as_agreed = forms.NullBooleanField(label=_("按约履行"), required=False)
    note = _text(_("回访情况"), max_length=500, area=True)


# --- registers -----------------------------------------------------------------------------------------


class MediatorForm(ServiceForm):
    unit = UnitChoiceField(label=_("调解组织"), queryset=OrgUnit.objects.none())
    name = _text(_("姓名"), max_length=50)
    specialties = _text(_("擅长领域"), max_length=200, required=False)
    user = forms.ModelChoiceField(
        label=_("系统用户"), queryset=get_user_model().objects.none(), required=False
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["unit"].queryset = mediation_units(self.user)
        self.fields["user"].queryset = (
            get_user_model().objects.filter(unit__in=mediation_units(self.user)).order_by("username")
        )


class MediatorEditForm(VersionedFormMixin, ServiceForm):
    name = _text(_("姓名"), max_length=50)
    specialties = _text(_("擅长领域"), max_length=200, required=False)
    is_active = forms.BooleanField(label=_("在册"), required=False)

    def __init__(self, data=None, *, record=None, **kwargs):
        super().__init__(
            data,
            initial={
                "version": record.version,
                "name": record.name,
                "specialties": record.specialties,
                "is_active": record.is_active,
            },
            **kwargs,
        )


class PartnerForm(ServiceForm):
    unit = UnitChoiceField(label=_("保管单位"), queryset=OrgUnit.objects.none())
    title = _text(_("文件名称"), max_length=200)
    document_number = _text(_("文号"), max_length=100, required=False)
    signed_on = _date(_("签订日期"))
    parties = forms.ModelMultipleChoiceField(label=_("签订单位"), queryset=OrgUnit.objects.none())
    summary = _text(_("主要内容"), max_length=2000, required=False, area=True)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        if "unit" in self.fields:
            self.fields["unit"].queryset = (
                OrgUnit.objects.visible_to(self.user).filter(is_active=True).order_by("path")
            )
        self.fields["parties"].queryset = OrgUnit.objects.filter(is_active=True).order_by("path")


class PartnerEditForm(VersionedFormMixin, PartnerForm):
    def __init__(self, data=None, *, record=None, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": record.version,
                "title": record.title,
                "document_number": record.document_number,
                "signed_on": record.signed_on,
                "summary": record.summary,
                "parties": list(record.parties.all()),
            },
        )
        super().__init__(data, **kwargs)
        del self.fields["unit"]
