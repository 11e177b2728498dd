"""Text input rules of the kernel: no control characters, and a maximum length on every text field.

A single C0 control character (U+0000–U+001F other than tab, line feed and carriage return) in a
name or a reason cannot be written into an Excel sheet or an XML document at all, and a NUL byte
cannot be stored by PostgreSQL: such text is refused where it enters (forms and the services'
`full_clean`), and stripped where text leaves for a file (core.exports).

`install_text_validators()` (run by CoreConfig.ready) attaches the rule to every CharField and
TextField of the project's own apps and to every form CharField, without editing each model or
form. The validators are added to `field.validators` (the computed list), not to the constructor's
`validators` argument, so migrations do not record them (Field.deconstruct reads `_validators`).
"""

from __future__ import annotations

import re
from pathlib import Path

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

#: C0 control characters except tab (\x09), line feed (\x0a) and carriage return (\x0d). The same
#: set openpyxl refuses (openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE), plus NUL.
CONTROL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

#: Upper bound of a TextField that declares no max_length of its own (characters). A 复议决定书's
#: reasoning runs to a few thousand characters; this leaves ample room and stops 100k-character posts.
DEFAULT_TEXT_MAX_LENGTH = 20000


@deconstructible
class NoControlCharactersValidator:
    """Refuse text holding a C0 control character (tab, line feed and carriage return are allowed)."""

    message = _("不能包含控制字符")
    code = "control_characters"

    def __call__(self, value):
        if value is None:
            return
        if CONTROL_CHARACTERS_RE.search(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoControlCharactersValidator)

    def __hash__(self):
        return hash(self.code)


no_control_characters = NoControlCharactersValidator()


def strip_control_characters(value: str) -> str:
    """`value` without its C0 control characters — for text written to logs and exported files."""
    return CONTROL_CHARACTERS_RE.sub("", value)


def text_max_length() -> int:
    return getattr(settings, "TEXT_FIELD_MAX_LENGTH", DEFAULT_TEXT_MAX_LENGTH)


def project_app_configs():
    """The apps of this repository (not Django's, not third-party packages')."""
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            yield config


def _add_once(field, validator) -> None:
    # `field.validators` is computed once per field and may be shared with the abstract model's field
    # it was copied from, so add only what is not there yet.
    if not any(v == validator for v in field.validators):
        field.validators.append(validator)


def install_model_text_validators() -> list[str]:
    """Attach the control-character rule to every text field of the project's models, and a maximum
    length to each TextField without one. Returns "app.Model.field" of the TextFields capped so."""
    capped = []
    limit = text_max_length()
    for config in project_app_configs():
        for model in config.get_models():
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.CharField | models.TextField):
                    continue
                _add_once(field, no_control_characters)
                if isinstance(field, models.TextField) and field.max_length is None:
                    _add_once(field, MaxLengthValidator(limit))
                    capped.append(f"{model._meta.label}.{field.name}")
                elif isinstance(field, models.TextField):
                    # Django checks a TextField's own max_length only in its form field: check it on the
                    # model too, so a service that full_cleans refuses an over-long text.
                    _add_once(field, MaxLengthValidator(field.max_length))
    return capped


def install_form_text_validators() -> None:
    """Every form CharField (and its subclasses) refuses control characters, whenever the field was
    created — also the fields of forms declared before the apps were ready (Django's own)."""
    if getattr(forms.CharField, "_tianshui_text_rule", False):
        return
    original = forms.CharField.run_validators

    def run_validators(self, value):
        original(self, value)
        if value not in self.empty_values:
            no_control_characters(value)

    forms.CharField.run_validators = run_validators
    forms.CharField._tianshui_text_rule = True


#: The range of the widest integer key a database here stores (bigint); SQLite cannot even bind a
#: Python int outside it (OverflowError), so a posted key beyond it is refused before any query.
BIGINT_RANGE = range(-(2**63), 2**63)


def install_form_key_guard() -> None:
    """A multiple choice of records refuses a posted key outside the bigint range as an invalid key.

    Django checks each key of a `ModelMultipleChoiceField` by building (not running) a query, then
    runs one `pk__in` query over them all; SQLite raises OverflowError binding 10**30 there — a 500
    on a form (found by tests/test_fuzz_forms.py). Single choices are safe: Django turns an
    out-of-range exact lookup into "no such record"."""
    if getattr(forms.ModelMultipleChoiceField, "_tianshui_key_guard", False):
        return
    original = forms.ModelMultipleChoiceField._check_values

    def _check_values(self, value):
        if isinstance(value, list | tuple | set | frozenset):
            for pk in value:
                try:
                    number = int(str(pk).strip())
                except (ValueError, TypeError):
                    continue  # not a number: Django's own check answers it
                if number not in BIGINT_RANGE:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return original(self, value)

    forms.ModelMultipleChoiceField._check_values = _check_values
    forms.ModelMultipleChoiceField._tianshui_key_guard = True


#: The years a date typed into a form may have. Case dates, deadlines and births all fall inside;
#: 9999-12-31 or 0001-01-01 would overflow the deadline arithmetic (a 500 found by
#: tests/test_fuzz_forms.py) and are never meant.
FORM_YEARS = range(1900, 2101)


def install_form_date_range() -> None:
    """Every form DateField and DateTimeField refuses a date outside FORM_YEARS."""
    if getattr(forms.DateField, "_tianshui_date_range", False):
        return

    def guard(field_class):
        original = field_class.run_validators

        def run_validators(self, value):
            original(self, value)
            if value not in self.empty_values and getattr(value, "year", None) not in FORM_YEARS:
                raise ValidationError(
                    _("日期超出可受理的范围（%(first)s年至%(last)s年）"),
                    code="date_range",
                    params={"first": FORM_YEARS[0], "last": FORM_YEARS[-1]},
                )

        field_class.run_validators = run_validators

    guard(forms.DateField)
    guard(forms.DateTimeField)
    forms.DateField._tianshui_date_range = True


def install_text_validators() -> None:
    install_model_text_validators()
    install_form_text_validators()
    install_form_key_guard()
    install_form_date_range()
