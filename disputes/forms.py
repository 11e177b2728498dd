"""Forms of the disputes pages. They validate shape; rules live in services."""

from django import forms
from django.forms import formset_factory
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit
from core.concurrency import VersionedFormMixin

from .choices import DisputeStatus, PartyKind, PartyRole
from .models import Dispute, Party
from .services import RESPONDENT_KINDS


class UnitChoices(ModelChoiceIterator):
    """The choices of a UnitChoiceField read as (pk, name, depth), not as OrgUnit rows: a filter bar
    lists about a hundred units, and building the rows was most of its select (bench recon.list)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name, depth in self.queryset.values_list("pk", "name", "depth"):
            yield (ModelChoiceIteratorValue(pk, None), unit_label(name, depth))


def unit_label(name: str, depth: int) -> str:
    return f"{'　' * depth}{name}"


class UnitChoiceField(forms.ModelChoiceField):
    """Units in tree order, indented by depth so a county's departments sit under the county."""

    iterator = UnitChoices

    def label_from_instance(self, obj):
        return unit_label(obj.name, obj.depth)


def respondent_units(user):
    return OrgUnit.objects.visible_to(user).filter(kind__in=RESPONDENT_KINDS, is_active=True).order_by("path")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DisputeForm(forms.ModelForm):
    """The act and the summary: used on the create page and the edit page."""

    class Meta:
        model = Dispute
        fields = ["respondent", "act_type", "sector", "act_date", "act_document_number", "summary"]
        field_classes = {"respondent": UnitChoiceField}
        widgets = {"act_date": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["respondent"].queryset = respondent_units(user)
        self.fields["respondent"].empty_label = _("请选择被申请（被告）机关")
        for name in ("act_type", "sector"):
            self.fields[name].choices = [("", _("请选择")), *self.fields[name].choices[1:]]


class DisputeEditForm(VersionedFormMixin, DisputeForm):
    """The edit form carries the version it was opened with (optimistic locking, core.concurrency)."""

    class Meta(DisputeForm.Meta):
        pass

    def __init__(self, *args, instance, **kwargs):
        kwargs.setdefault("initial", {"version": instance.version})
        super().__init__(*args, instance=instance, **kwargs)


class PartyForm(forms.ModelForm):
    """One party. Identity fields shown by kind (disputes.js); the model checks which one applies."""

    class Meta:
        model = Party
        fields = [
            "role",
            "kind",
            "name",
            "id_number",
            "unified_credit_code",
            "legal_representative",
            "phone",
            "address",
            "agent_for",
        ]
        widgets = {
            "id_number": forms.TextInput(attrs={"autocomplete": "off", "class": "masked", "maxlength": 18}),
            "unified_credit_code": forms.TextInput(
                attrs={"autocomplete": "off", "class": "masked", "maxlength": 18}
            ),
            "phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
        }

    def __init__(self, *args, dispute=None, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        if roles is not None:
            self.fields["role"].choices = [(r.value, r.label) for r in roles]
            if len(roles) == 1:
                self.fields["role"].initial = roles[0].value
                self.fields["role"].widget = forms.HiddenInput()
        self.fields["kind"].initial = PartyKind.PERSON
        if dispute is None:
            del self.fields["agent_for"]
        else:
            self.instance.dispute = dispute
            self.fields["agent_for"].queryset = dispute.parties.exclude(role=PartyRole.AGENT).order_by("id")
            self.fields["agent_for"].help_text = _("登记代理人时选择其代理的当事人。")
            self.fields["agent_for"].empty_label = _("请选择")
        for name in ("id_number", "unified_credit_code"):
            self.fields[name].widget.attrs["data-party-identifier"] = name

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        # A value typed into the field of the other kind is dropped, not silently stored.
        if kind == PartyKind.PERSON:
            data["unified_credit_code"] = ""
            data["legal_representative"] = ""
        elif kind == PartyKind.ORGANISATION:
            data["id_number"] = ""
        if data.get("role") == PartyRole.AGENT and "agent_for" in self.fields and not data.get("agent_for"):
            self.add_error("agent_for", _("请选择被代理人。"))
        return data

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in self.fields and k != "DELETE"}


class ExtraPartyForm(PartyForm):
    """A further claimant or third party on the create page; a row left blank is ignored."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("roles", [PartyRole.CLAIMANT, PartyRole.THIRD_PARTY])
        super().__init__(*args, **kwargs)
        self.fields["role"].initial = PartyRole.THIRD_PARTY
        self.use_required_attribute = False

    def has_changed(self):
        # Role and kind come preselected: a row counts once anything is typed into it.
        return any(
            (self.data.get(self.add_prefix(f)) or "").strip()
            for f in ("name", "id_number", "unified_credit_code", "phone", "address")
        )


# absolute_max: a posted TOTAL_FORMS above the maximum builds no more than 20 forms (Django's default
# would build and render up to 1 020 before refusing them).
ExtraPartyFormSet = formset_factory(ExtraPartyForm, extra=0, max_num=20, validate_max=True, absolute_max=20)


class UnknownYesNoSelect(forms.NullBooleanSelect):
    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", _("尚不确定")), ("true", _("是")), ("false", _("否"))]


class ResolutionForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=DisputeStatus.choices)
    resolved_at = forms.DateField(label=_("化解（终结）日期"), required=False, widget=DateInput())
    resolved_substantively = forms.NullBooleanField(
        label=_("实质性化解"),
        required=False,
        widget=UnknownYesNoSelect(),
        help_text=_("争议是否案结事了：此后没有就同一争议再提起复议、诉讼或信访。"),
    )
    resolution_note = forms.CharField(
        label=_("化解情况说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


def claimant_forms(data=None) -> tuple[PartyForm, "ExtraPartyFormSet"]:
    """The party part of every page that registers a new dispute (争议登记, 复议申请登记 …): the first
    claimant and the further parties."""
    return (
        PartyForm(data, prefix="claimant", roles=[PartyRole.CLAIMANT]),
        ExtraPartyFormSet(data, prefix="parties"),
    )


def claimant_service_data(claimant: PartyForm, formset) -> list[dict]:
    """The parties of a valid claimant form and formset, as `dispute_create` takes them."""
    return [claimant.service_data(), *(f.service_data() for f in formset if f.has_changed())]
