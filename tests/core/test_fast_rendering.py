"""The kernel's fast rendering gives the markup Django and crispy give: the `<select>` and `<input>`
of the form renderer (core.renderers), a filter bar's field (core.templatetags.filter_tags) and
`get_FOO_display()` (core.display)."""

from __future__ import annotations

import re

from django import forms
from django.forms.renderers import DjangoTemplates
from django.template import engines

from core.renderers import FormRenderer
from reconsideration.choices import CaseStatus
from reconsideration.models import ReconsiderationCase


class _Form(forms.Form):
    plain = forms.ChoiceField(choices=[("", "全部"), ("a", "<甲> & 乙"), ("b", "丙")], required=False)
    grouped = forms.ChoiceField(choices=[("x", "X"), ("组<一>", [("1", "一"), ("2", "二")])], required=False)
    several = forms.MultipleChoiceField(choices=[(1, "一"), (2, "二")], required=False)
    yes_no = forms.NullBooleanField()
    text = forms.CharField(required=False, help_text="申请人、争议编号")
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class _Inputs(forms.Form):
    text = forms.CharField(
        required=False, max_length=20, widget=forms.TextInput(attrs={"placeholder": '"甲" & <乙>'})
    )
    number = forms.IntegerField(min_value=0)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date", "disabled": True, "readonly": False}))
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput)
    mail = forms.EmailField(required=False)


def test_select_is_django_s_own_markup():
    for data in (None, {"plain": "a", "grouped": "2", "several": ["2"], "yes_no": "true"}):
        fast, django = _Form(data), _Form(data, renderer=DjangoTemplates())
        assert isinstance(fast.renderer, FormRenderer)
        for name in ("plain", "grouped", "several", "yes_no"):
            assert str(fast[name]) == str(django[name])
    page = str(_Form({"plain": "a"})["plain"])
    assert '<option value="a" selected>&lt;甲&gt; &amp; 乙</option>' in page


def test_input_is_django_s_own_markup():
    for data in (
        None,
        {"text": '<b>"x"</b> & y', "number": "3", "day": "2026-02-28", "secret": "p&q", "hidden": "7"},
    ):
        fast, django = _Inputs(data), _Inputs(data, renderer=DjangoTemplates())
        for name in fast.fields:
            assert str(fast[name]) == str(django[name])
    page = str(_Inputs({"text": '<b>"x"</b>'})["text"])
    assert (
        'value="&lt;b&gt;&quot;x&quot;&lt;/b&gt;"' in page
        and 'placeholder="&quot;甲&quot; &amp; &lt;乙&gt;"' in page
    )


def _normalised(html: str) -> str:
    return re.sub(r"\s*([<>])\s*", r"\1", re.sub(r"\s+", " ", html)).strip()


def test_filter_field_is_crispy_s_markup():
    crispy = engines["django"].from_string(
        "{% load crispy_forms_tags %}{% for f in form %}{{ f|as_crispy_field }}{% endfor %}"
    )
    fast = engines["django"].from_string(
        "{% load filter_tags %}{% for f in form %}{{ f|filter_field }}{% endfor %}"
    )
    for data in ({}, {"plain": "zzz", "day": "not a date", "text": "x"}):  # with errors too
        expected = _normalised(crispy.render({"form": _Form(data)}))
        got = _normalised(fast.render({"form": _Form(data)}))
        assert got == expected
    assert "is-invalid" in _normalised(fast.render({"form": _Form({"plain": "zzz"})}))


def test_choice_label_is_the_choice_or_the_value():
    assert ReconsiderationCase(status=CaseStatus.CLOSED).get_status_display() == CaseStatus.CLOSED.label
    assert ReconsiderationCase(status="not-a-status").get_status_display() == "not-a-status"
