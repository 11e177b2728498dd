"""Field helpers and the base form of the reconsideration pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import UnitKind
from accounts.models import OrgUnit
from disputes.forms import DateInput

User = get_user_model()


TEXTAREA = forms.Textarea(attrs={"rows": 3})
TEXTAREA_LONG = forms.Textarea(attrs={"rows": 6})
NUMBER_HELP = _("留空则按本机关本年度文书编号自动编号。")


def _date(label, *, required=True, help_text="", initial_today=False):
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        initial=timezone.localdate if initial_today else None,
    )


#: The longest free text a form takes unless it says otherwise (core.validators.DEFAULT_TEXT_MAX_LENGTH).
TEXT_MAX_LENGTH = 20000


def _text(label, *, required=True, long=False, help_text="", max_length=TEXT_MAX_LENGTH):
    return forms.CharField(
        label=label,
        required=required,
        widget=TEXTAREA_LONG if long else TEXTAREA,
        help_text=help_text,
        max_length=max_length,
    )


def _line(label, *, required=True, help_text="", max_length=200):
    return forms.CharField(label=label, required=required, help_text=help_text, max_length=max_length)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        unit = getattr(obj, "unit", None)
        return f"{obj.display_name}（{unit.name}）" if unit else obj.display_name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        unit = getattr(obj, "unit", None)
        return f"{obj.display_name}（{unit.name}）" if unit else obj.display_name


def users_queryset(users):
    """A queryset over an already-filtered list of users (the selectors filter by jurisdiction)."""
    return User.objects.filter(pk__in=[u.pk for u in users]).select_related("unit").order_by("username")


def government_units(user):
    """Reconsideration bodies (复议法第四条: governments at or above county level) the user may act for."""
    return OrgUnit.objects.visible_to(user).filter(kind=UnitKind.GOVERNMENT, is_active=True).order_by("path")


class ServiceForm(forms.Form):
    """A form whose cleaned data are service keyword arguments (blank optional text → "")."""

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)
