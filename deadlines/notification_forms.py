"""Forms of the notification pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class NotificationSettingsForm(forms.Form):
    """提醒设置: whether reminders are also sent by e-mail (in-app notifications always appear)."""

    email_notifications = forms.BooleanField(
        label=_("接收邮件提醒"),
        required=False,
        help_text=_("开启后，期限提醒除站内通知外，还会发送到您的电子邮箱。"),
    )
