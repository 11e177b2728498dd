"""Committee meetings, the expert pool, 府院联动 records and the statistics period."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.choices import UnitKind
from accounts.models import OrgUnit
from core.concurrency import VersionedFormMixin
from disputes.forms import UnitChoiceField

from ..choices import (
    LinkageKind,
)
from ..models import ExpertConsultant, ReconsiderationCase
from ._base import (
    PeopleChoiceField,
    PersonChoiceField,
    ServiceForm,
    User,
    _date,
    _line,
    _text,
    government_units,
    users_queryset,
)

# =====================================================================================================
# Committee, experts, 府院联动
# =====================================================================================================


class MeetingForm(ServiceForm):
    body = UnitChoiceField(label=_("行政复议机关"), queryset=OrgUnit.objects.none(), empty_label=None)
    date = _date(_("会议日期"), initial_today=True)
    topic = _line(_("会议议题"))
    place = _line(_("会议地点"), required=False)
    chaired_by = PersonChoiceField(label=_("主持人"), queryset=User.objects.none(), required=False)
    members = PeopleChoiceField(
        label=_("出席委员"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    experts = forms.ModelMultipleChoiceField(
        label=_("出席专家"),
        queryset=ExpertConsultant.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = _text(_("会议情况"), required=False)

    def __init__(self, *args, user, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        bodies = government_units(user)
        self.fields["body"].queryset = bodies
        root = getattr(user, "unit", None)
        default = next((b for b in bodies if root and root.path.startswith(b.path)), None)
        if default is not None:
            self.fields["body"].initial = default.pk
        people = users_queryset(staff)
        self.fields["chaired_by"].queryset = people
        self.fields["members"].queryset = people
        self.fields["experts"].queryset = (
            ExpertConsultant.objects.visible_to(user).filter(is_active=True).select_related("org_unit")
        )
        self.fields["experts"].label_from_instance = lambda e: f"{e.name}（{e.field}，{e.org_unit.name}）"

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["members"] = list(data["members"])
        data["experts"] = list(data["experts"])
        return data


class MeetingConsultForm(ServiceForm):
    """A case's consultation opinion, entered from the meeting page."""

    case = forms.ModelChoiceField(label=_("案件"), queryset=ReconsiderationCase.objects.none())
    question = _text(_("咨询事项"), required=False)
    opinion = _text(_("咨询意见"), long=True)
    majority_view = _text(_("多数意见"))
    votes_for = forms.IntegerField(label=_("赞成票"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("反对票"), min_value=0, required=False)

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        self.fields["case"].empty_label = _("请选择案件")
        self.fields["case"].label_from_instance = lambda c: f"{c.number} {c.respondent.name}"


class ExpertForm(ServiceForm):
    body = UnitChoiceField(label=_("行政复议机关"), queryset=OrgUnit.objects.none(), empty_label=None)
    name = _line(_("姓名"), max_length=50)
    field = _line(_("专业领域"), max_length=100)
    organisation = _line(_("工作单位"), required=False, max_length=100)
    title = _line(_("职称或职务"), required=False, max_length=50)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = government_units(user)
        self.fields["body"].queryset = bodies
        root = getattr(user, "unit", None)
        default = next((b for b in bodies if root and root.path.startswith(b.path)), None)
        if default is not None:
            self.fields["body"].initial = default.pk


class ExpertEditForm(VersionedFormMixin, ServiceForm):
    name = _line(_("姓名"), max_length=50)
    field = _line(_("专业领域"), max_length=100)
    organisation = _line(_("工作单位"), required=False, max_length=100)
    title = _line(_("职称或职务"), required=False, max_length=50)
    is_active = forms.BooleanField(label=_("在库"), required=False)

    FIELDS = ("name", "field", "organisation", "title", "is_active")

    def __init__(self, *args, expert, **kwargs):
        kwargs.setdefault(
            "initial", {name: getattr(expert, name) for name in self.FIELDS} | {"version": expert.version}
        )
        super().__init__(*args, **kwargs)


LINKAGE_PARTNER_KINDS = (UnitKind.COURT, UnitKind.PROCURATORATE, UnitKind.OTHER)


class LinkageForm(ServiceForm):
    body = UnitChoiceField(label=_("行政复议机关"), queryset=OrgUnit.objects.none(), empty_label=None)
    kind = forms.ChoiceField(label=_("联动方式"), choices=LinkageKind.choices)
    date = _date(_("日期"), initial_today=True)
    title = _line(_("标题"))
    summary = _text(_("主要内容"), long=True)
    document_number = _line(_("文号"), required=False, help_text=_("联合发文的文号。"), max_length=100)
    partners = forms.ModelMultipleChoiceField(
        label=_("联动单位"),
        queryset=OrgUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("人民法院、人民检察院、律师协会等。"),
    )
    case_numbers = forms.CharField(
        label=_("涉及案件"),
        required=False,
        help_text=_("填写案号，多个以逗号或换行分隔。"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        bodies = government_units(user)
        self.fields["body"].queryset = bodies
        root = getattr(user, "unit", None)
        default = next((b for b in bodies if root and root.path.startswith(b.path)), None)
        if default is not None:
            self.fields["body"].initial = default.pk
        self.fields["partners"].queryset = OrgUnit.objects.filter(
            kind__in=LINKAGE_PARTNER_KINDS, is_active=True
        ).order_by("path")

    def clean_case_numbers(self):
        raw = self.cleaned_data.get("case_numbers") or ""
        numbers = [n.strip() for n in raw.replace("，", ",").replace("\n", ",").split(",") if n.strip()]
        cases = list(ReconsiderationCase.objects.visible_to(self.user).filter(number__in=numbers))
        missing = sorted(set(numbers) - {c.number for c in cases})
        if missing:
            raise forms.ValidationError(
                _("找不到以下案件（或不在您的管辖范围内）：%(numbers)s") % {"numbers": "、".join(missing)}
            )
        return cases

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["partners"] = list(data["partners"])
        data["related_cases"] = data.pop("case_numbers")
        return data


class LinkageEditForm(VersionedFormMixin, LinkageForm):
    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["body"]
        if not self.is_bound:
            self.initial.update(
                kind=record.kind,
                date=record.date,
                title=record.title,
                summary=record.summary,
                document_number=record.document_number,
                partners=[p.pk for p in record.partners.all()],
                case_numbers="，".join(c.number for c in record.related_cases.all()),
                version=record.version,
            )

    def current_values(self, obj) -> dict:
        # `case_numbers` cleans to the cases themselves: compare them with the stored ones.
        return super().current_values(obj) | {"case_numbers": list(obj.related_cases.all())}


# =====================================================================================================
# Statistics
# =====================================================================================================


class StatisticsForm(forms.Form):
    start = _date(_("起始日期"), required=False)
    end = _date(_("截止日期"), required=False)
    body = UnitChoiceField(
        label=_("复议机关"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("管辖范围内全部")
    )
    include_lower = forms.BooleanField(label=_("含下级复议机关"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = government_units(user)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("截止日期不能早于起始日期。"))
        return data
