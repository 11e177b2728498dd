"""Forms of the kernel: the attachment upload form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .attachments import ACCEPT_ATTRIBUTE


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files; shape only — content checks are the service's."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class AttachmentUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("选择文件"),
        error_messages={"required": _("请选择要上传的文件。")},
        widget=MultipleFileInput(attrs={"accept": ACCEPT_ATTRIBUTE, "class": "form-control form-control-sm"}),
    )
