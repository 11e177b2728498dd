"""Forms of the litigation pages: shape only (lengths, choices, dates); the law lives in services.
Each form's cleaned data are its service's keyword arguments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from core.concurrency import VersionedFormMixin
from disputes.forms import DateInput, UnitChoiceField
from disputes.models import Dispute

from .choices import AbsenceReason, HeadPosition, Outcome, Procedure, RecommendationKind, WithdrawalReason
from .filters import county_units, court_units

COUNTING_POSITION_CHOICES = [c for c in HeadPosition.choices if c[0] != HeadPosition.OTHER]


def _date(label, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=DateInput(), help_text=help_text)


def _text(label, max_length, required=False, rows=None, help_text=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(
        label=label, max_length=max_length, required=required, widget=widget, help_text=help_text
    )


class ServiceForm(forms.Form):
    def service_kwargs(self) -> dict:
        return {
            k: ("" if v is None and isinstance(self.fields[k], forms.CharField) else v)
            for k, v in self.cleaned_data.items()
        }


class CaseRegisterForm(ServiceForm):
    """登记应诉案件 (一审): the dispute, the court and the complaint copy's receipt."""

    dispute = forms.ModelChoiceField(label=_("行政争议"), queryset=Dispute.objects.none())
    court = UnitChoiceField(label=_("受理法院"), queryset=OrgUnit.objects.none())
    court_case_number = _text(_("法院案号"), 60, help_text=_("如：(2025)甘05行初12号"))
    cause = _text(_("案由"), 100, required=True)
    claims = _text(_("诉讼请求"), 2000, rows=3)
    procedure = forms.ChoiceField(label=_("审理程序"), choices=Procedure.choices, initial=Procedure.ORDINARY)
    complaint_received_on = _date(
        _("收到起诉状副本日期"), help_text=_("答辩举证期限十五日自次日起算（《行政诉讼法》第六十七条）。")
    )
    docketed_on = _date(_("立案日期"), required=False)
    public_concern = forms.BooleanField(label=_("社会高度关注"), required=False)
    mass_incident = forms.BooleanField(label=_("可能引发群体性事件"), required=False)
    recon_body_upheld = UnitChoiceField(
        label=_("复议维持的复议机关（共同被告）"), queryset=OrgUnit.objects.none(), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dispute"].queryset = (
            Dispute.objects.changeable_by(user).select_related("respondent").order_by("-id")
        )
        self.fields["dispute"].label_from_instance = lambda d: f"{d.number} {d.respondent.name}"
        self.fields["court"].queryset = court_units(user)
        self.fields["recon_body_upheld"].queryset = county_units(user)


class CaseEditForm(VersionedFormMixin, ServiceForm):
    court_case_number = _text(_("法院案号"), 60)
    cause = _text(_("案由"), 100, required=True)
    claims = _text(_("诉讼请求"), 2000, rows=3)
    docketed_on = _date(_("立案日期"), required=False)
    public_concern = forms.BooleanField(label=_("社会高度关注"), required=False)
    mass_incident = forms.BooleanField(label=_("可能引发群体性事件"), required=False)

    def __init__(self, data=None, *, record=None, **kwargs):
        if record is not None:
            names = ("court_case_number", "cause", "claims", "docketed_on", "public_concern", "mass_incident")
            kwargs.setdefault("initial", {n: getattr(record, n) for n in names} | {"version": record.version})
        super().__init__(data, **kwargs)


class DefenceForm(ServiceForm):
    defence_filed_on = _date(_("提交答辩状日期"))
    evidence_filed_on = _date(
        _("提交证据日期"), help_text=_("逾期提供证据的，视为没有相应证据（《行政诉讼法》第三十四条第二款）。")
    )


class HearingForm(ServiceForm):
    date = _date(_("开庭日期"))
    court_requested_head = forms.BooleanField(label=_("法院书面通知负责人出庭"), required=False)
    note = _text(_("备注"), 500)


class ConfirmHeadForm(ServiceForm):
    head_name = _text(_("出庭负责人姓名"), 50, required=True)
    head_position = forms.ChoiceField(label=_("职务"), choices=COUNTING_POSITION_CHOICES)


class AttendanceForm(ServiceForm):
    defendant = forms.ModelChoiceField(label=_("被告"), queryset=None)
    head_name = _text(_("出庭负责人姓名"), 50)
    head_position = forms.ChoiceField(
        label=_("职务"),
        choices=[("", "—"), *HeadPosition.choices],
        required=False,
        help_text=_("只有正职、副职负责人和分管负责人计为负责人出庭（出庭规定第二条）。"),
    )
    head_spoke = forms.BooleanField(label=_("负责人就实质性化解发表意见"), required=False)
    staff_names = _text(_("出庭工作人员"), 200)
    lawyer_names = _text(_("出庭律师"), 200)
    absence_reason = forms.ChoiceField(
        label=_("负责人不能出庭的理由"), choices=[("", "—"), *AbsenceReason.choices], required=False
    )
    absence_proof = _text(_("证明材料"), 200)
    appeared_instead = _text(_("受委托出庭的工作人员"), 100)

    def __init__(self, *args, hearing=None, **kwargs):
        super().__init__(*args, **kwargs)
        if hearing is not None:
            defendants = hearing.case.defendants.select_related("agency")
            self.fields["defendant"].queryset = defendants
            # the primary defendant (the agency whose act is contested) is the usual one
            self.fields["defendant"].initial = next(
                (d.pk for d in defendants if d.agency_id == hearing.case.org_unit_id), None
            )


class OutcomeForm(ServiceForm):
    outcome = forms.ChoiceField(label=_("裁判结果"), choices=Outcome.choices)
    outcome_on = _date(_("裁判日期"))
    served_on = _date(_("送达日期"))
    withdrawal_reason = forms.ChoiceField(
        label=_("撤诉原因"), choices=[("", "—"), *WithdrawalReason.choices], required=False
    )
    summary = _text(_("裁判要旨"), 2000, rows=3)


class AppealForm(ServiceForm):
    appealed_on = _date(_("上诉日期"))
    court = UnitChoiceField(label=_("二审法院"), queryset=OrgUnit.objects.none())
    court_case_number = _text(_("二审案号"), 60)
    appellant = _text(_("上诉人"), 100)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = court_units(user)


class EffectForm(ServiceForm):
    effective_on = _date(_("生效日期"))


class PerformanceForm(ServiceForm):
    required_action = _text(_("应履行事项"), 200, required=True)
    due_on = _date(_("履行期限"))


class PerformanceDoneForm(ServiceForm):
    done_on = _date(_("履行完毕日期"))
    evidence = _text(_("履行证明"), 200, required=True)


class CloseForm(ServiceForm):
    on = _date(_("结案日期"))


class RecommendationForm(ServiceForm):
    kind = forms.ChoiceField(label=_("类型"), choices=RecommendationKind.choices)
    document_number = _text(_("建议书文号"), 60)
    received_on = _date(_("收到日期"))
    urgent = forms.BooleanField(label=_("紧急情形（检察建议）"), required=False)
    content = _text(_("建议内容"), 2000, required=True, rows=3)


class ReplyForm(ServiceForm):
    replied_on = _date(_("回复日期"))
    reply = _text(_("回复及整改措施"), 2000, required=True, rows=3)
