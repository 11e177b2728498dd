"""Forms of the supervision pages: shape only; the services decide."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.concurrency import VersionedFormMixin
from enforcement.choices import Sector
from enforcement.forms import _date, _text

from .choices import (
    ActivityKind,
    CampaignKind,
    FilingStatus,
    NominationKind,
    NoticeSource,
    RubricSection,
    VetoItem,
)
from .models import QualitySelection, Rubric
from .selectors import agencies_for, decided_major_cases


class FilingForm(forms.Form):
    """报备 a major decision: one of the agency's major cases in the system (its number, content and
    date are taken from the case), or an external decision described in full."""

    agency = forms.ModelChoiceField(label=gettext_lazy("报备机关"), queryset=None)
    case = forms.ModelChoiceField(label=gettext_lazy("重大执法决定案件"), queryset=None, required=False)
    decision_number = _text(gettext_lazy("决定书文号"), 60, required=False)
    decision_summary = _text(gettext_lazy("决定内容"), 2000, required=False, textarea=True)
    decided_on = _date(gettext_lazy("决定日期"), required=False, initial_today=False)
    filed_on = _date(gettext_lazy("报备日期"))
    late_reason = _text(gettext_lazy("逾期说明"), 500, required=False)

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["agency"].queryset = agencies_for(user)
        self.fields["case"].queryset = decided_major_cases(user)


class _Action(VersionedFormMixin, forms.Form):
    def __init__(self, data=None, *, record, **kwargs):
        super().__init__(data, initial={"version": record.version}, **kwargs)
        self.record = record


class FilingReviewForm(_Action):
    result = forms.ChoiceField(
        label=gettext_lazy("审查结果"),
        choices=[(s.value, s.label) for s in FilingStatus if s != FilingStatus.SUBMITTED],
    )
    reasons = _text(gettext_lazy("审查意见"), 2000, required=False, textarea=True)
    on = _date(gettext_lazy("审查日期"))


class ScoreForm(forms.Form):
    """One reviewer's score sheet: a deduction per rubric item, the veto hits, a note."""

    vetoes = forms.MultipleChoiceField(
        label=gettext_lazy("否决项"),
        choices=VetoItem.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = _text(gettext_lazy("评查意见"), 1000, required=False, textarea=True)
    consensus = forms.BooleanField(label=gettext_lazy("合议评定（两名评查人分差超过10分时）"), required=False)

    def __init__(self, data=None, *, record, **kwargs):
        super().__init__(data, **kwargs)
        self.record = record
        self.items = list(record.campaign.rubric.items.all())
        for item in self.items:
            self.fields[f"d_{item.code}"] = forms.DecimalField(
                label=_("%(code)s %(label)s（扣分，最多%(p)s分）")
                % {"code": item.code, "label": item.label, "p": item.points},
                required=False,
                min_value=0,
                max_value=item.points,
                decimal_places=2,
                initial=0,
            )
        self.order_fields([f"d_{i.code}" for i in self.items] + ["vetoes", "note", "consensus"])

    def service_kwargs(self) -> dict:
        c = self.cleaned_data
        return {
            "deductions": {i.code: c[f"d_{i.code}"] for i in self.items if c.get(f"d_{i.code}")},
            "vetoes": c["vetoes"],
            "note": c["note"],
            "consensus": c["consensus"],
        }


class NoticeForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("被监督机关"), queryset=None)
    source = forms.ChoiceField(label=gettext_lazy("来源"), choices=NoticeSource.choices)
    problem = _text(gettext_lazy("存在问题"), 3000, textarea=True)
    legal_basis = _text(gettext_lazy("法律依据"), 500)
    requirement = _text(gettext_lazy("整改要求"), 2000, textarea=True)
    issued_on = _date(gettext_lazy("制发日期"))
    received_on = _date(gettext_lazy("送达日期"))

    def __init__(self, data=None, *, user, initial=None, **kwargs):
        super().__init__(data, initial=initial, **kwargs)
        self.fields["agency"].queryset = agencies_for(user)


class NoticeReplyForm(_Action):
    reply = _text(gettext_lazy("整改情况"), 3000, textarea=True)
    on = _date(gettext_lazy("回复日期"))


class NoticeVerifyForm(_Action):
    rectified = forms.TypedChoiceField(
        label=gettext_lazy("核查结论"),
        choices=(
            ("1", gettext_lazy("整改到位")),
            ("0", gettext_lazy("整改未到位（再次通知并报告上级领导）")),
        ),
        coerce=lambda v: v == "1",
    )
    note = _text(gettext_lazy("核查意见"), 1000, required=False, textarea=True)
    on = _date(gettext_lazy("核查日期"))


class SampleForm(forms.Form):
    """抽查: N files of one agency drawn at random with a recorded seed."""

    agency = forms.ModelChoiceField(label=gettext_lazy("执法主体"), queryset=None)
    n = forms.IntegerField(label=gettext_lazy("抽取案卷数"), min_value=1, max_value=1000)
    seed = forms.IntegerField(label=gettext_lazy("抽样种子"), min_value=0, max_value=2_147_483_647)

    def __init__(self, data=None, *, record, **kwargs):
        super().__init__(data, initial={"seed": record.sample_seed}, **kwargs)
        self.fields["agency"].queryset = record.agencies.order_by("name", "id")


# --- the Bureau's registers: rubric, campaign, guiding case, special supervisor ------------------------


class RubricForm(forms.Form):
    """评查标准: the items one per line — 部分|编号|评查项目|分值 (部分: 卷面 or 内容)."""

    name = _text(gettext_lazy("评查标准名称"), 100)
    version_label = _text(gettext_lazy("版本"), 20)
    excellent_from = forms.DecimalField(
        label=gettext_lazy("优秀分数线"), min_value=0, max_value=100, decimal_places=2, initial=90
    )
    pass_from = forms.DecimalField(
        label=gettext_lazy("合格分数线"), min_value=0, max_value=100, decimal_places=2, initial=70
    )
    items = _text(gettext_lazy("评查项目（每行：卷面或内容|编号|项目|分值）"), 5000, textarea=True)
    items.widget.attrs["rows"] = 12
    items.help_text = gettext_lazy(
        "例如：卷面|A1|卷宗目录清楚、装订规范|5。卷面项目合计20分，内容项目合计80分。"
    )

    def clean_items(self):
        sections = {str(s.label): s.value for s in RubricSection}
        rows = []
        for n, line in enumerate(self.cleaned_data["items"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 4 or parts[0] not in sections:
                raise forms.ValidationError(_("第%(n)s行格式应为：卷面或内容|编号|项目|分值。") % {"n": n})
            try:
                points = Decimal(parts[3])
            except (InvalidOperation, ValueError):
                raise forms.ValidationError(_("第%(n)s行的分值须为数字。") % {"n": n}) from None
            if not points.is_finite() or points <= 0:
                raise forms.ValidationError(_("第%(n)s行的分值须为正数。") % {"n": n})
            if not parts[1] or len(parts[1]) > 10 or not parts[2] or len(parts[2]) > 200:
                raise forms.ValidationError(_("第%(n)s行的编号或项目为空或过长。") % {"n": n})
            rows.append((sections[parts[0]], parts[1], parts[2], points))
        if not rows:
            raise forms.ValidationError(_("请填写评查项目。"))
        return rows


class CampaignForm(forms.Form):
    title = _text(gettext_lazy("活动名称"), 100)
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=gettext_lazy("评查类型"), choices=CampaignKind.choices)
    scope_start = _date(gettext_lazy("评查范围起"), initial_today=False)
    scope_end = _date(gettext_lazy("评查范围止"), initial_today=False)
    rubric = forms.ModelChoiceField(label=gettext_lazy("评查标准"), queryset=None)
    agencies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("参评执法主体"), queryset=None, widget=forms.SelectMultiple(attrs={"size": 10})
    )

    def __init__(self, data=None, *, user, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["rubric"].queryset = Rubric.objects.visible_to(user).order_by("-id")
        self.fields["agencies"].queryset = agencies_for(user)

    def clean(self):
        c = super().clean()
        if c.get("scope_start") and c.get("scope_end") and c["scope_end"] < c["scope_start"]:
            self.add_error("scope_end", _("评查范围的截止日期不能早于起始日期。"))
        return c


class GuidingForm(forms.Form):
    number = _text(gettext_lazy("编号"), 30)
    title = _text(gettext_lazy("标题"), 200)
    sector = forms.ChoiceField(label=gettext_lazy("执法领域"), choices=Sector.choices)
    summary = _text(gettext_lazy("基本案情"), 5000, textarea=True)
    key_points = _text(gettext_lazy("裁判要点"), 3000, textarea=True)


class PublishForm(_Action):
    on = _date(gettext_lazy("发布日期"))


class SupervisorForm(forms.Form):
    name = _text(gettext_lazy("姓名"), 50)
    affiliation = _text(gettext_lazy("工作单位"), 100)
    term_start = _date(gettext_lazy("聘期起"), initial_today=False)
    term_end = _date(gettext_lazy("聘期止"), initial_today=False)
    certificate_number = _text(gettext_lazy("监督证号"), 40)

    def clean(self):
        c = super().clean()
        if c.get("term_start") and c.get("term_end") and c["term_end"] < c["term_start"]:
            self.add_error("term_end", _("聘期止不能早于聘期起。"))
        return c


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("履职类型"), choices=ActivityKind.choices)
    on = _date(gettext_lazy("日期"))
    description = _text(gettext_lazy("内容"), 500)

    def __init__(self, data=None, *, record, **kwargs):
        super().__init__(data, **kwargs)
        self.record = record


class SelfCheckImportForm(forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("执法主体"), queryset=None)
    file = forms.FileField(
        label=gettext_lazy("Excel 文件"),
        error_messages={"required": gettext_lazy("请选择要导入的 Excel 文件。")},
        help_text=gettext_lazy("请使用下载的模板填写；任何一行有误时全部不导入。"),
    )
    dry_run = forms.BooleanField(label=gettext_lazy("仅预检，不导入"), required=False, initial=True)

    def __init__(self, data=None, files=None, *, user, campaign, **kwargs):
        super().__init__(data, files, **kwargs)
        self.fields["agency"].queryset = campaign.agencies.filter(
            pk__in=agencies_for(user).values("pk")
        ).order_by("name", "id")


class SelectionForm(forms.Form):
    title = _text(gettext_lazy("评选名称"), 100)
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)


class NominateForm(forms.Form):
    selection = forms.ModelChoiceField(label=gettext_lazy("评选活动"), queryset=None)
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=NominationKind.choices)
    reason = _text(gettext_lazy("推荐理由"), 1000, textarea=True)

    def __init__(self, data=None, *, record, user, **kwargs):
        super().__init__(data, **kwargs)
        self.record = record
        self.fields["selection"].queryset = QualitySelection.objects.visible_to(user).filter(
            published_on__isnull=True
        )
        self.fields["kind"].initial = NominationKind.BAD if record.grade == "fail" else NominationKind.GOOD


class PanelScoreForm(forms.Form):
    score = forms.DecimalField(
        label=gettext_lazy("评分（0–100）"), min_value=0, max_value=100, decimal_places=2
    )

    def __init__(self, data=None, *, record, **kwargs):
        super().__init__(data, **kwargs)
        self.record = record


class SpecialForm(forms.Form):
    title = _text(gettext_lazy("专项名称"), 100)
    sector = forms.ChoiceField(
        label=gettext_lazy("执法领域"),
        choices=[("", gettext_lazy("（不限）")), *Sector.choices],
        required=False,
    )
    start_on = _date(gettext_lazy("开始日期"), initial_today=False)
    end_on = _date(gettext_lazy("结束日期"), initial_today=False)
    description = _text(gettext_lazy("工作安排"), 3000, required=False, textarea=True)

    def clean(self):
        c = super().clean()
        if c.get("start_on") and c.get("end_on") and c["end_on"] < c["start_on"]:
            self.add_error("end_on", _("结束日期不能早于开始日期。"))
        return c
