"""Forms of the deadline pages. They validate shape; the rules of law live in services.py."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .rules import rule_choice_groups

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_HOLIDAY_LINE = re.compile(rf"^{_DATE}(?:\s*(?:至|到|~|～|—|–)\s*{_DATE})?(?:\s+(.*))?$")
_WORKDAY_LINE = re.compile(rf"^{_DATE}(?:\s+(.*))?$")


def _date(y, m, d) -> datetime.date:
    return datetime.date(int(y), int(m), int(d))


class BootstrapMixin:
    """Bootstrap classes on every widget, and is-invalid on fields with errors."""

    small = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        size = "-sm" if self.small else ""
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = f"form-select form-select{size}"
            else:
                css = f"form-control form-control{size}"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class DeadlineSuspendForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label=_("中止日期"), widget=DATE_INPUT, initial=timezone.localdate)
    reason = forms.CharField(
        label=_("中止理由"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("如：复议法第三十九条第一款第（一）项，作为申请人的公民死亡，其近亲属尚未确定是否参加。"),
    )


class DeadlineResumeForm(BootstrapMixin, forms.Form):
    on = forms.DateField(label=_("恢复日期"), widget=DATE_INPUT, initial=timezone.localdate)


class DeadlineMeetForm(BootstrapMixin, forms.Form):
    on = forms.DateField(
        label=_("完成日期"),
        widget=DATE_INPUT,
        initial=timezone.localdate,
        help_text=_("期限所要求的事项实际完成的日期（如决定作出、文书送达之日）。"),
    )


class DeadlineCancelForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("取消理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class ApproverChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        unit = obj.unit.name if obj.unit_id else ""
        return f"{obj.display_name}（{unit}）" if unit else obj.display_name


class DeadlineExtendForm(BootstrapMixin, forms.Form):
    """延长期限: days, the written notice to the parties, the reason and the approving head."""

    days = forms.IntegerField(label=_("延长天数"), min_value=1)
    reference = forms.CharField(
        label=_("书面通知文号"),
        max_length=100,
        help_text=_("延长期限须书面告知当事人，如：天复延字〔2026〕3号。"),
    )
    reason = forms.CharField(
        label=_("延长理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}), initial=_("情况复杂")
    )
    approved_by = ApproverChoiceField(label=_("批准人"), queryset=None, empty_label=_("请选择批准人"))
    approved_on = forms.DateField(
        label=_("批准日期"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("须在期限届满前批准；不填为今天。期限届满后不能再延长。"),
    )

    def __init__(self, *args, approvers=(), rule=None, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["approved_by"].queryset = (
            User.objects.filter(pk__in=[u.pk for u in approvers]).select_related("unit").order_by("real_name")
        )
        if len(approvers) == 1:
            self.fields["approved_by"].initial = approvers[0].pk
        if rule is not None:
            maximum = getattr(rule, "max_extension_days", 0) or 0
            if maximum:
                self.fields["days"].max_value = maximum
                self.fields["days"].widget.attrs["max"] = maximum
            role = getattr(rule, "extension_approver_role", "")
            if role:
                self.fields["approved_by"].help_text = _("须经%(role)s批准（%(statute)s）。") % {
                    "role": role,
                    "statute": rule.statute,
                }


class CalculatorForm(BootstrapMixin, forms.Form):
    """期限计算器: a rule and a date."""

    small = False

    rule = forms.ChoiceField(label=_("期限规则"), choices=())
    trigger = forms.DateField(label=_("起算日 / 事件日"), widget=DATE_INPUT, initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", _("请选择期限规则")), *rule_choice_groups()]


class CalendarDayForm(BootstrapMixin, forms.Form):
    is_workday = forms.TypedChoiceField(
        label=_("该日为"),
        choices=(("1", _("工作日（含调休上班）")), ("0", _("休息日（含法定节假日）"))),
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=_("名称"), max_length=50, required=False, help_text=_("如：春节、国庆节、调休上班。")
    )


class CalendarYearForm(BootstrapMixin, forms.Form):
    """录入年度放假安排 from the State Council notice (published each November/December)."""

    small = False

    year = forms.IntegerField(label=_("年份"), min_value=2000, max_value=2100)
    notice = forms.CharField(label=_("通知文号"), max_length=100, help_text=_("如：国办发明电〔2026〕7号"))
    holidays = forms.CharField(
        label=_("放假安排"),
        widget=forms.Textarea(
            attrs={"rows": 8, "placeholder": _("例：\n2027-01-01 至 2027-01-03 元旦\n2027-04-05 清明节")}
        ),
        help_text=_("每行一段：起始日 至 结束日 节日名称；单日放假可只写一个日期。"),
    )
    workdays = forms.CharField(
        label=_("调休上班日"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": _("例：\n2027-02-07 春节调休上班")}),
        help_text=_("每行一个日期及说明；调休上班日算作工作日。"),
    )

    @staticmethod
    def _lines(text):
        for number, raw in enumerate((text or "").splitlines(), start=1):
            line = raw.strip()
            if line and not line.startswith("#"):
                yield number, line

    def clean_holidays(self):
        rows, errors = [], []
        for number, line in self._lines(self.cleaned_data.get("holidays")):
            match = _HOLIDAY_LINE.match(line)
            if not match:
                errors.append(
                    _("第%(n)d行“%(line)s”：格式应为“2027-01-01 至 2027-01-03 元旦”。")
                    % {"n": number, "line": line}
                )
                continue
            g = match.groups()
            try:
                start = _date(*g[0:3])
                end = _date(*g[3:6]) if g[3] else start
            except ValueError:
                errors.append(_("第%(n)d行“%(line)s”：日期不存在。") % {"n": number, "line": line})
                continue
            name = (g[6] or "").strip()
            if not name:
                errors.append(_("第%(n)d行“%(line)s”：缺少节日名称。") % {"n": number, "line": line})
                continue
            if end < start:
                errors.append(_("第%(n)d行“%(line)s”：结束日早于起始日。") % {"n": number, "line": line})
                continue
            rows.append((number, start, end, name))
        if errors:
            raise forms.ValidationError(errors)
        if not rows:
            raise forms.ValidationError(_("请至少录入一段放假安排。"))
        return rows

    def clean_workdays(self):
        rows, errors = [], []
        for number, line in self._lines(self.cleaned_data.get("workdays")):
            match = _WORKDAY_LINE.match(line)
            if not match:
                errors.append(
                    _("第%(n)d行“%(line)s”：格式应为“2027-02-07 春节调休上班”。")
                    % {"n": number, "line": line}
                )
                continue
            g = match.groups()
            try:
                day = _date(*g[0:3])
            except ValueError:
                errors.append(_("第%(n)d行“%(line)s”：日期不存在。") % {"n": number, "line": line})
                continue
            if day.weekday() < 5:
                errors.append(
                    _("第%(n)d行“%(line)s”：%(date)s 是工作日，调休上班日应为星期六或星期日。")
                    % {"n": number, "line": line, "date": day.isoformat()}
                )
                continue
            rows.append((number, day, (g[3] or "").strip() or "调休上班"))
        if errors:
            raise forms.ValidationError(errors)
        return rows

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        holidays = cleaned.get("holidays")
        workdays = cleaned.get("workdays")
        if year is None or holidays is None or workdays is None:
            return cleaned
        errors = {"holidays": [], "workdays": []}
        seen: dict[datetime.date, str] = {}
        for number, start, end, _name in holidays:
            if start.year != year:
                errors["holidays"].append(
                    _("第%(n)d行：起始日 %(date)s 不在%(year)d年。")
                    % {"n": number, "date": start, "year": year}
                )
            if (end - start).days >= 15:
                errors["holidays"].append(_("第%(n)d行：连续放假超过15天，请检查。") % {"n": number})
                continue
            day = start
            while day <= end:
                if day in seen:
                    errors["holidays"].append(
                        _("第%(n)d行：%(date)s 与%(other)s重复。")
                        % {"n": number, "date": day, "other": seen[day]}
                    )
                seen[day] = _("放假安排第%(n)d行") % {"n": number}
                day += datetime.timedelta(days=1)
        for number, day, _name in workdays:
            if day.year != year:
                errors["workdays"].append(
                    _("第%(n)d行：%(date)s 不在%(year)d年。") % {"n": number, "date": day, "year": year}
                )
            if day in seen:
                errors["workdays"].append(
                    _("第%(n)d行：%(date)s 与%(other)s重复。")
                    % {"n": number, "date": day, "other": seen[day]}
                )
            seen[day] = _("调休上班第%(n)d行") % {"n": number}
        for field, messages in errors.items():
            if messages:
                self.add_error(field, messages)
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "year": data["year"],
            "notice": data["notice"],
            "holidays": [(start, end, name) for _n, start, end, name in data["holidays"]],
            "workdays": [(day, name) for _n, day, name in data["workdays"]],
        }
