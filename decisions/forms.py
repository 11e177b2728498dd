"""Forms of the decision and legality-review pages: shape only (lengths, required fields, Chinese
messages); the rules are the services'. Edit forms carry the record's version (VersionedFormMixin)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import UnitKind
from accounts.models import OrgUnit
from core.concurrency import VersionedFormMixin

from .choices import (
    ASPECTS,
    PERM_CHANGE_MATTER,
    AdvisorKind,
    Conclusion,
    DecisionCategory,
    DiscussionResult,
    EvaluationConclusion,
    EvaluationTrigger,
    Finding,
    MatterKind,
    MeetingKind,
    RiskLevel,
)
from .models import LegalAdvisor
from .models.decision import NOTE, TEXT

User = get_user_model()


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


def date_field(label, *, required=True, today=False):
    return forms.DateField(
        label=label, required=required, widget=DateInput(), initial=timezone.localdate if today else None
    )


def text_field(label, *, required=True, max_length=NOTE, rows=3):
    return forms.CharField(
        label=label, required=required, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows})
    )


def line_field(label, *, required=True, max_length=200):
    return forms.CharField(label=label, required=required, max_length=max_length)


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def governments(user):
    return OrgUnit.objects.visible_to(user).filter(kind=UnitKind.GOVERNMENT, is_active=True).order_by("path")


def units(user):
    return OrgUnit.objects.visible_to(user).filter(is_active=True).order_by("path")


class ServiceForm(forms.Form):
    def __init__(self, data=None, *, user=None, record=None, **kwargs):
        self.user = user
        self.record = record
        super().__init__(data, **kwargs)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


# --- decisions ------------------------------------------------------------------------------------------


class DecisionCreateForm(ServiceForm):
    body = UnitField(label=_("决策机关"), queryset=OrgUnit.objects.none())
    title = line_field(_("决策事项名称"))
    category = forms.ChoiceField(label=_("决策类别"), choices=DecisionCategory.choices)
    undertaking_unit = UnitField(label=_("决策承办单位"), queryset=OrgUnit.objects.none())
    catalogue_year = forms.IntegerField(label=_("目录年度"), min_value=2000, max_value=2100)
    summary = text_field(_("决策事项概要"), max_length=TEXT, rows=5)
    proposed_on = date_field(_("立项日期"), today=True)
    is_technical = forms.BooleanField(
        label=_("专业性、技术性较强（应当专家论证）"), required=False, initial=True
    )
    has_stability_risk = forms.BooleanField(
        label=_("可能影响社会稳定（应当风险评估）"), required=False, initial=True
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["body"].queryset = governments(self.user)
        self.fields["undertaking_unit"].queryset = units(self.user)
        self.fields["catalogue_year"].initial = timezone.localdate().year


class DecisionEditForm(VersionedFormMixin, ServiceForm):
    title = line_field(_("决策事项名称"))
    summary = text_field(_("决策事项概要"), max_length=TEXT, rows=5)
    is_technical = forms.BooleanField(label=_("专业性、技术性较强"), required=False)
    has_stability_risk = forms.BooleanField(label=_("可能影响社会稳定"), required=False)

    def __init__(self, data=None, *, record=None, **kwargs):
        initial = {
            "version": record.version,
            "title": record.title,
            "summary": record.summary,
            "is_technical": record.is_technical,
            "has_stability_risk": record.has_stability_risk,
        }
        super().__init__(data, record=record, initial=initial, **kwargs)


class NoFieldsForm(ServiceForm):
    """An action that needs only a confirmation."""


class OnForm(ServiceForm):
    on = date_field(_("日期"), today=True)


class ReasonForm(ServiceForm):
    reason = text_field(_("理由"))
    on = date_field(_("日期"), today=True)


class ReviseDraftForm(ServiceForm):
    note = text_field(_("对决策草案的调整"))
    on = date_field(_("日期"), today=True)


class ParticipationOpenForm(ServiceForm):
    methods = line_field(_("征求意见方式"))
    opens_on = date_field(_("征求意见开始日期"), today=True)
    closes_on = date_field(_("征求意见截止日期"))
    urgency_reason = text_field(_("缩短期限的理由（少于30日时必填）"), required=False)
    hearing_on = date_field(_("听证会日期"), required=False)
    hearing_materials_sent_on = date_field(_("听证材料送达日期"), required=False)


class ParticipationCompleteForm(ServiceForm):
    opinions_received = forms.IntegerField(label=_("收到意见数"), min_value=0)
    adoption_account = text_field(_("意见采纳情况说明"), max_length=TEXT, rows=5)
    completed_on = date_field(_("完成日期"), today=True)
    hearing_materials_sent_on = date_field(_("听证材料送达日期"), required=False)


class ExpertOpinionForm(ServiceForm):
    expert_name = line_field(_("专家姓名"), max_length=50)
    field = line_field(_("专业领域"), max_length=100)
    affiliation = line_field(_("工作单位"))
    independence_declared = forms.BooleanField(label=_("已声明与决策事项无利害关系"), required=False)
    opinion = text_field(_("论证意见"), max_length=TEXT, rows=5)
    is_dissent = forms.BooleanField(label=_("不同意见"), required=False)
    signed_on = date_field(_("签名日期"), today=True)


class RiskAssessForm(ServiceForm):
    assessor = line_field(_("评估主体"))
    assessor_unit = UnitField(
        label=_("评估单位（本系统单位）"), queryset=OrgUnit.objects.none(), required=False
    )
    is_third_party = forms.BooleanField(label=_("委托第三方评估"), required=False)
    level = forms.ChoiceField(label=_("风险等级"), choices=RiskLevel.choices)
    risk_points = text_field(_("风险点"), max_length=TEXT)
    measures = text_field(_("防范化解措施"), max_length=TEXT)
    contingency_plan = text_field(_("应急处置预案"), max_length=TEXT, required=False)
    is_uncontrollable = forms.BooleanField(label=_("风险不可控"), required=False)
    assessed_on = date_field(_("评估日期"), today=True)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["assessor_unit"].queryset = units(self.user)


def reviewers_queryset(user):
    root = units(user)
    return User.objects.filter(is_active=True, unit__in=root).select_related("unit").order_by("username")


class ReviewerField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class SendForReviewForm(ServiceForm):
    sent_on = date_field(_("送审日期"), today=True)
    reviewers = ReviewerField(label=_("承办审查人员"), queryset=User.objects.none(), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["reviewers"].queryset = _reviewer_choices(self.user)


def _reviewer_choices(user):
    ids = [u.pk for u in reviewers_queryset(user) if u.has_perm(PERM_CHANGE_MATTER)]
    return User.objects.filter(pk__in=ids).order_by("username")


class ScheduleForm(ServiceForm):
    meeting_kind = forms.ChoiceField(label=_("会议类型"), choices=MeetingKind.choices)
    meeting_on = date_field(_("会议日期"))


class DiscussionRecordForm(ServiceForm):
    result = forms.ChoiceField(label=_("讨论结果"), choices=DiscussionResult.choices)
    attendees = text_field(_("出席人员"))
    chief_conclusion = text_field(_("行政首长决定"))
    majority_agrees = forms.BooleanField(label=_("与会议组成人员多数意见一致"), required=False, initial=True)
    dissent = text_field(_("不同意见"), required=False)
    differs_reason = text_field(_("与多数意见不一致的理由"), required=False)


class PublishForm(ServiceForm):
    published_on = date_field(_("公布日期"), today=True)
    channel = line_field(_("公布渠道"))


class ImplementForm(ServiceForm):
    implemented_on = date_field(_("实施日期"), today=True)


class ArchiveForm(ServiceForm):
    archive_number = line_field(_("档案号"), max_length=50)
    complete = forms.BooleanField(label=_("全过程记录齐全"), required=False)
    on = date_field(_("归档日期"), today=True)


class EvaluationStartForm(ServiceForm):
    trigger = forms.ChoiceField(label=_("评估原因"), choices=EvaluationTrigger.choices)
    evaluator = line_field(_("评估单位"))
    evaluator_unit = UnitField(
        label=_("评估单位（本系统单位）"), queryset=OrgUnit.objects.none(), required=False
    )
    planned_on = date_field(_("计划完成日期"))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["evaluator_unit"].queryset = units(self.user)


class EvaluationCompleteForm(ServiceForm):
    report = text_field(_("评估报告"), max_length=TEXT, rows=6)
    conclusion = forms.ChoiceField(label=_("评估结论"), choices=EvaluationConclusion.choices)
    completed_on = date_field(_("完成日期"), today=True)


class AdvisorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class ConsultationForm(ServiceForm):
    advisor = AdvisorChoiceField(label=_("法律顾问"), queryset=None)
    question = text_field(_("咨询事项"))
    opinion = text_field(_("法律意见"), max_length=TEXT, rows=5)
    consulted_on = date_field(_("咨询日期"), today=True)
    hours = forms.DecimalField(
        label=_("工作时长（小时）"), min_value=0, max_digits=5, decimal_places=1, initial=1
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["advisor"].queryset = LegalAdvisor.objects.visible_to(self.user).filter(is_active=True)


# --- legality review -----------------------------------------------------------------------------------


class MatterCreateForm(ServiceForm):
    body = UnitField(label=_("审查机关"), queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(
        label=_("审查类别"), choices=[c for c in MatterKind.choices if c[0] != MatterKind.MAJOR_DECISION]
    )
    title = line_field(_("送审事项"))
    requesting_unit = UnitField(label=_("送审单位"), queryset=OrgUnit.objects.none())
    received_on = date_field(_("收文日期"), today=True)
    reviewers = ReviewerField(label=_("承办审查人员"), queryset=User.objects.none(), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["body"].queryset = governments(self.user)
        self.fields["requesting_unit"].queryset = units(self.user)
        self.fields["reviewers"].queryset = _reviewer_choices(self.user)


class OpinionForm(ServiceForm):
    """The six aspects (主体、权限、核心内容、法定程序、法律依据、政策条款), conclusion, citations."""

    conclusion = forms.ChoiceField(label=_("审查结论"), choices=Conclusion.choices)
    citations = text_field(_("引用依据"), required=False, max_length=TEXT)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        for name, label in ASPECTS:
            self.fields[name] = forms.ChoiceField(
                label=label, choices=Finding.choices, initial=Finding.LAWFUL
            )
            self.fields[f"{name}_text"] = text_field(
                _("%(a)s：具体意见") % {"a": label}, required=False, rows=2
            )
        self.order_fields(
            [n for pair in ASPECTS for n in (pair[0], f"{pair[0]}_text")] + ["conclusion", "citations"]
        )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        findings = {}
        for name, _label in ASPECTS:
            findings[name] = data.pop(name)
            findings[f"{name}_text"] = data.pop(f"{name}_text")
        data.pop("version", None)
        return {"findings": findings, **data}


class OpinionEditForm(VersionedFormMixin, OpinionForm):
    def __init__(self, data=None, *, record=None, **kwargs):
        initial = {"version": record.version, "conclusion": record.conclusion, "citations": record.citations}
        for name, _label in ASPECTS:
            initial[name] = getattr(record, name)
            initial[f"{name}_text"] = getattr(record, f"{name}_text")
        super().__init__(data, record=record, initial=initial, **kwargs)

    def service_kwargs(self) -> dict:
        kwargs = super().service_kwargs()
        kwargs["version"] = self.cleaned_data["version"]
        return kwargs


class MaterialsForm(ServiceForm):
    materials = text_field(_("需补充的材料"))
    on = date_field(_("日期"), today=True)


class AdvisorForm(ServiceForm):
    body = UnitField(label=_("聘任机关"), queryset=OrgUnit.objects.none())
    name = line_field(_("姓名"), max_length=50)
    kind = forms.ChoiceField(label=_("类别"), choices=AdvisorKind.choices)
    firm_or_unit = line_field(_("律师事务所或工作单位"))
    specialties = line_field(_("专业特长"), required=False)
    term_start = date_field(_("聘任开始日期"))
    term_end = date_field(_("聘任结束日期"))

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["body"].queryset = governments(self.user)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("聘任结束日期不能早于开始日期。"))
        return cleaned


class AdvisorEditForm(VersionedFormMixin, ServiceForm):
    name = line_field(_("姓名"), max_length=50)
    kind = forms.ChoiceField(label=_("类别"), choices=AdvisorKind.choices)
    firm_or_unit = line_field(_("律师事务所或工作单位"))
    specialties = line_field(_("专业特长"), required=False)
    term_start = date_field(_("聘任开始日期"))
    term_end = date_field(_("聘任结束日期"))
    is_active = forms.BooleanField(label=_("在册"), required=False)

    def __init__(self, data=None, *, record=None, **kwargs):
        names = ["name", "kind", "firm_or_unit", "specialties", "term_start", "term_end", "is_active"]
        initial = {n: getattr(record, n) for n in names} | {"version": record.version}
        super().__init__(data, record=record, initial=initial, **kwargs)


class StudySessionForm(ServiceForm):
    body = UnitField(label=_("所属单位"), queryset=OrgUnit.objects.none())
    held_on = date_field(_("日期"), today=True)
    meeting = line_field(_("会议"), max_length=100)
    topic = line_field(_("学法内容"))
    lecturer = line_field(_("主讲人"), max_length=100)
    attendees = text_field(_("参加人员"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["body"].queryset = governments(self.user)
