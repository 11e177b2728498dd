"""Forms of the enforcement pages: shape only (lengths, types, Chinese messages); the rules are the
services'. Action forms on a record carry its `version` (VersionedFormMixin, optimistic locking)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.attachments import AttachmentRejected, check_spreadsheet
from core.concurrency import VersionedFormMixin

from .choices import (
    CaseProcedure,
    MajorGround,
    OfficerStatus,
    PartyKind,
    RecordMedium,
    RecordStage,
    ReviewConclusion,
)
from .imports import KINDS
from .models import DiscretionBenchmark, EnforcementAgency, EnforcementItem, Officer


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _date(label, *, required=True, initial_today=True):
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        initial=timezone.localdate if initial_today else None,
        error_messages={"required": _("请填写%(l)s。") % {"l": label}, "invalid": _("请输入有效的日期。")},
    )


def _text(label, max_length, *, required=True, textarea=False):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}) if textarea else None,
        error_messages={
            "required": _("请填写%(l)s。") % {"l": label},
            "max_length": _("%(l)s不能超过 %(n)s 个字。") % {"l": label, "n": max_length},
        },
    )


def _amount(label, *, required=False):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        error_messages={"invalid": _("请输入金额（元）。"), "min_value": _("金额不能为负数。")},
    )


class CaseFileForm(forms.Form):
    """立案: the agency is the user's (or one of the agencies in their jurisdiction)."""

    agency = forms.ModelChoiceField(label=_("执法主体"), queryset=EnforcementAgency.objects.none())
    item = forms.ModelChoiceField(label=_("执法事项"), queryset=EnforcementItem.objects.none())
    procedure = forms.ChoiceField(
        label=_("程序"), choices=CaseProcedure.choices, initial=CaseProcedure.ORDINARY
    )
    party_kind = forms.ChoiceField(label=_("当事人类型"), choices=PartyKind.choices)
    party_name = _text(_("当事人"), 100)
    party_id_number = _text(_("证件号码"), 30, required=False)
    filed_on = _date(_("立案日期"))
    investigators = forms.ModelMultipleChoiceField(
        label=_("承办执法人员"),
        queryset=Officer.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("至少两名持有效行政执法证件的人员（《行政处罚法》第四十二条）。"),
    )
    facts = _text(_("违法事实"), 5000, textarea=True)
    legal_basis = _text(_("法律依据"), 500)
    penalty_amount = _amount(_("罚款金额（元）"))
    benchmark = forms.ModelChoiceField(
        label=_("适用裁量基准"), queryset=DiscretionBenchmark.objects.none(), required=False
    )
    benchmark_deviation_reason = _text(_("偏离裁量基准的理由"), 1000, required=False, textarea=True)
    is_major = forms.BooleanField(label=_("重大执法决定"), required=False)
    major_ground = forms.ChoiceField(
        label=_("重大执法决定情形"), choices=[("", "—"), *MajorGround.choices], required=False
    )

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        agencies = EnforcementAgency.objects.visible_to(user).order_by("name")
        self.fields["agency"].queryset = agencies
        self.fields["item"].queryset = EnforcementItem.objects.filter(agency__in=agencies).order_by("code")
        self.fields["investigators"].queryset = Officer.objects.filter(
            agency__in=agencies, status=OfficerStatus.ON_DUTY
        ).order_by("name")
        self.fields["benchmark"].queryset = DiscretionBenchmark.objects.filter(item__agency__in=agencies)
        if agencies.count() == 1:
            self.fields["agency"].initial = agencies.first()


class OfficerCreateForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("执法主体"), queryset=EnforcementAgency.objects.none())
    name = _text(_("姓名"), 50)
    id_number = forms.RegexField(
        label=_("身份证号"),
        regex=r"^\d{17}[\dXx]$",
        max_length=18,
        error_messages={"invalid": _("身份证号应为18位（末位可为X）。"), "required": _("请填写身份证号。")},
    )
    post = _text(_("职务岗位"), 50, required=False)
    has_legal_qualification = forms.BooleanField(label=_("具有法律职业资格"), required=False)

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["agency"].queryset = EnforcementAgency.objects.visible_to(user).order_by("name")


class OfficerEditForm(VersionedFormMixin, forms.Form):
    post = _text(_("职务岗位"), 50, required=False)
    has_legal_qualification = forms.BooleanField(label=_("具有法律职业资格"), required=False)
    status = forms.ChoiceField(label=_("在岗状态"), choices=OfficerStatus.choices)

    def __init__(self, data=None, *, record, **kwargs):
        initial = {
            "version": record.version,
            "post": record.post,
            "has_legal_qualification": record.has_legal_qualification,
            "status": record.status,
        }
        super().__init__(data, initial=initial, **kwargs)


# --- case actions (VersionedFormMixin: the case's version at the time the form was opened) ---------------


class _CaseAction(VersionedFormMixin, forms.Form):
    def __init__(self, data=None, *, record, **kwargs):
        super().__init__(data, initial={"version": record.version}, **kwargs)
        self.record = record


class InformForm(_CaseAction):
    on = _date(_("告知日期"))
    hearing_right_told = forms.BooleanField(
        label=_("告知听证权利"),
        required=False,
        initial=True,
        help_text=_("较大数额罚款、没收较大数额违法所得、降低资质等级、责令停产停业等（第六十三条）。"),
    )


class DateActionForm(_CaseAction):
    on = _date(_("日期"))


class ScheduleHearingForm(_CaseAction):
    notice_on = _date(_("听证通知日期"))
    hearing_date = _date(_("听证日期"), initial_today=False)


class HoldHearingForm(_CaseAction):
    held_on = _date(_("听证举行日期"))
    record = _text(_("听证笔录摘要"), 5000, textarea=True)


class RequestReviewForm(_CaseAction):
    on = _date(_("提请日期"))
    note = _text(_("提请说明"), 1000, required=False, textarea=True)


class ReviewForm(_CaseAction):
    on = _date(_("审核日期"))
    conclusion = forms.ChoiceField(label=_("审核结论"), choices=ReviewConclusion.choices)
    opinion = _text(_("审核意见"), 5000, textarea=True)


class DecideForm(_CaseAction):
    decided_on = _date(_("决定日期"))
    summary = _text(_("决定内容"), 1000, textarea=True)
    penalty_amount = _amount(_("罚款金额（元）"))
    benchmark_deviation_reason = _text(_("偏离裁量基准的理由"), 1000, required=False, textarea=True)
    party_present = forms.BooleanField(label=_("当事人在场（当场交付）"), required=False)
    field_map = {"decision_number_text": "summary"}

    def __init__(self, data=None, *, record, **kwargs):
        super().__init__(data, record=record, **kwargs)
        if not self.is_bound:
            self.initial.update(
                penalty_amount=record.penalty_amount,
                benchmark_deviation_reason=record.benchmark_deviation_reason,
            )


class ServeForm(_CaseAction):
    served_on = _date(_("送达日期"))


class PublishForm(_CaseAction):
    published_on = _date(_("公示日期"))


class ChangeDecisionForm(_CaseAction):
    on = _date(_("变更或撤销日期"))
    note = _text(_("变更或撤销情况"), 1000, textarea=True)


class OpenDisputeForm(_CaseAction):
    summary = _text(_("争议概要"), 1000, textarea=True)


class TransferForm(_CaseAction):
    on = _date(_("移送日期"))
    body = _text(_("接收机关"), 100)


class RecordForm(forms.Form):
    stage = forms.ChoiceField(label=_("环节"), choices=RecordStage.choices)
    medium = forms.ChoiceField(label=_("记录形式"), choices=RecordMedium.choices)
    recorded_on = _date(_("记录日期"))
    description = _text(_("内容摘要"), 500)

    def __init__(self, data=None, *, record=None, **kwargs):
        super().__init__(data, **kwargs)


# --- certificates -----------------------------------------------------------------------------------------


class CertActionForm(VersionedFormMixin, forms.Form):
    on = _date(_("日期"))
    reason = _text(_("原因"), 500, textarea=True)

    def __init__(self, data=None, *, record, **kwargs):
        super().__init__(data, initial={"version": record.version}, **kwargs)


class CertSubmitForm(VersionedFormMixin, forms.Form):
    on = _date(_("日期"))

    def __init__(self, data=None, *, record, **kwargs):
        super().__init__(data, initial={"version": record.version}, **kwargs)


class CertIssueForm(VersionedFormMixin, forms.Form):
    issued_on = _date(_("发证日期"))
    expires_on = _date(_("有效期至"), required=False, initial_today=False)
    number = _text(_("证件编号"), 30, required=False)

    def __init__(self, data=None, *, record, **kwargs):
        super().__init__(data, initial={"version": record.version}, **kwargs)
        self.fields["expires_on"].help_text = _("不填则为发证之日起五年。")
        self.fields["number"].help_text = _("不填则按编号规则自动生成。")


class CertificateCheckForm(forms.Form):
    number = _text(_("证件编号"), 30)


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("导入内容"), choices=[(k, v.label) for k, v in KINDS.items()])
    file = forms.FileField(
        label=_("Excel 文件"),
        error_messages={"required": _("请选择要导入的 Excel 文件。")},
        help_text=_("请使用下载的模板填写；任何一行有误时全部不导入。"),
    )
    dry_run = forms.BooleanField(label=_("仅预检，不导入"), required=False, initial=True)

    def clean_file(self):
        """The upload checks of core.attachments (size, real XLSX, no zip bomb, no macros)."""
        uploaded = self.cleaned_data["file"]
        try:
            check_spreadsheet(uploaded)
        except AttachmentRejected as exc:
            raise forms.ValidationError(str(exc.message)) from exc
        return uploaded
