"""Forms of login, password change and user/unit management. Shape only; rules live in services."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Layout, Row
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.models import Group
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin

from .choices import Role, UnitKind
from .models import OrgUnit, User
from .roles import admin_roles_held
from .selectors import manageable_units, role_groups, unit_choices

#: The one answer of the login page: an unknown user, a wrong password, a disabled account and a
#: locked username+IP pair must be indistinguishable (no hint which one it was).
LOGIN_FAILED_MESSAGE = _("用户名或密码错误，或账户已被暂时锁定。请稍后再试。")

phone_validator = RegexValidator(
    r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$",
    _("请输入11位手机号码或带区号的固定电话（如 0938-8212345）。"),
)
short_code_validator = RegexValidator(
    r"^[A-Za-z0-9_-]+$",
    _("简称代码只能包含英文字母、数字、下划线和连字符。"),
)


class LoginForm(auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": LOGIN_FAILED_MESSAGE,
        "inactive": LOGIN_FAILED_MESSAGE,
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # Django sets max_length here without its validator: a longer name would reach the lockout
        # log (django-axes, 255 characters) and fail there.
        self.fields["username"].validators.append(MaxLengthValidator(self.fields["username"].max_length))
        self.fields["username"].label = _("用户名")
        self.fields["username"].widget.attrs.update(
            {"placeholder": _("请输入用户名"), "autocomplete": "username"}
        )
        self.fields["password"].label = _("密码")
        self.fields["password"].widget.attrs.update(
            {"placeholder": _("请输入密码"), "autocomplete": "current-password"}
        )


class SecondFactorForm(forms.Form):
    """The code after the password: six digits from the authenticator, or a recovery code."""

    token = forms.CharField(
        label=_("验证码"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "spellcheck": "false",
                "placeholder": _("6位数字验证码或恢复码"),
                "autofocus": True,
            }
        ),
        error_messages={"required": _("请输入验证码。")},
    )


class AuthenticatorSetupForm(SecondFactorForm):
    """Enrolment: the first code the newly scanned authenticator shows."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["token"].widget.attrs["placeholder"] = _("身份验证器上显示的6位数字")
        self.fields["token"].max_length = 6


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form (old password, new password twice, validated by AUTH_PASSWORD_VALIDATORS).
    The view saves through accounts.services.user_set_password, not form.save()."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = _("当前密码")
        self.fields["new_password1"].label = _("新密码")
        self.fields["new_password1"].help_text = ""  # the page lists the policy beside the form
        self.fields["new_password2"].label = _("确认新密码")
        self.fields["new_password2"].help_text = _("请再次输入新密码。")
        self.helper = FormHelper()
        self.helper.form_tag = False


def _section(title):
    """A section heading inside a crispy layout (a small heading, not Bootstrap's large legend)."""
    return HTML(
        format_html(
            '<h2 class="h6 fw-semibold text-body-secondary border-bottom pb-2 mb-3 mt-2">{}</h2>', title
        )
    )


class _UnitChoiceField(forms.ModelChoiceField):
    """A unit select in tree order with indented names, limited to the admin's jurisdiction."""

    def __init__(self, *, user, queryset=None, **kwargs):
        queryset = queryset if queryset is not None else manageable_units(user=user)
        super().__init__(queryset=queryset, **kwargs)
        empty = [("", self.empty_label)] if self.empty_label is not None else []
        self.choices = empty + unit_choices(user=user, queryset=queryset)


def _roles_field(**kwargs):
    groups = sorted(role_groups(), key=lambda g: Role.values.index(g.name))
    field = forms.ModelMultipleChoiceField(
        label=_("角色"),
        queryset=Group.objects.filter(pk__in=[g.pk for g in groups]),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "可多选。系统管理员只管理用户和单位，看不到案件内容；系统管理员、安全管理员、审计管理员三者互斥。"
        ),
        **kwargs,
    )
    field.choices = [(g.pk, g.name) for g in groups]
    return field


class _UserFieldsMixin(forms.Form):
    real_name = forms.CharField(label=_("姓名"), max_length=50)
    title = forms.CharField(label=_("职务"), max_length=50, required=False)
    phone = forms.CharField(label=_("手机号码"), max_length=20, required=False, validators=[phone_validator])
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    is_unit_leader = forms.BooleanField(
        label=_("单位负责人"), required=False, help_text=_("超期提醒同时发送给本单位负责人。")
    )
    email_notifications = forms.BooleanField(label=_("接收邮件提醒"), required=False, initial=True)

    #: service error field → form field
    field_map = {"password": "password1"}

    def clean_roles(self):
        roles = self.cleaned_data["roles"]
        held = admin_roles_held(g.name for g in roles)
        if len(held) > 1:
            # 三员分立: the service refuses it too (accounts.services._role_groups).
            raise forms.ValidationError(
                _(
                    "系统管理员、安全管理员、审计管理员三个角色互斥，一个账户只能担任其中之一（所选：%(roles)s）。"
                )
                % {"roles": "、".join(held)}
            )
        return roles

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "real_name": d["real_name"],
            "unit": d["unit"],
            "roles": list(d["roles"]),
            "title": d["title"],
            "phone": d["phone"],
            "email": d["email"],
            "is_unit_leader": d["is_unit_leader"],
            "email_notifications": d["email_notifications"],
        }


class UserCreateForm(_UserFieldsMixin):
    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        help_text=_("登录用，建议使用姓名拼音，创建后不能修改。"),
        validators=[RegexValidator(r"^[A-Za-z0-9_.@+-]+$", _("用户名只能包含英文字母、数字和 @ . + - _。"))],
    )
    password1 = forms.CharField(
        label=_("初始密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("至少12位，包含大写字母、小写字母、数字、符号中的至少3类。用户首次登录后须修改。"),
    )
    password2 = forms.CharField(
        label=_("确认初始密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _UnitChoiceField(user=user, label=_("所在单位"), empty_label=_("请选择单位"))
        self.fields["roles"] = _roles_field()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            _section(_("基本信息")),
            Row(Column("username", css_class="col-md-6"), Column("real_name", css_class="col-md-6")),
            Row(Column("unit", css_class="col-md-6"), Column("title", css_class="col-md-6")),
            Row(Column("phone", css_class="col-md-6"), Column("email", css_class="col-md-6")),
            Row(
                Column("is_unit_leader", css_class="col-md-6"),
                Column("email_notifications", css_class="col-md-6"),
            ),
            InlineCheckboxes("roles"),
            _section(_("初始密码")),
            Row(Column("password1", css_class="col-md-6"), Column("password2", css_class="col-md-6")),
        )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("该用户名已被使用。"))
        return username

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("两次输入的密码不一致。"))
        return cleaned

    def service_kwargs(self) -> dict:
        return {
            **super().service_kwargs(),
            "username": self.cleaned_data["username"],
            "password": self.cleaned_data["password1"],
        }


class UserEditForm(VersionedFormMixin, _UserFieldsMixin):
    def __init__(self, *args, user, instance: User, **kwargs):
        initial = {
            "version": instance.version,
            "real_name": instance.real_name,
            "unit": instance.unit_id,
            "title": instance.title,
            "phone": instance.phone,
            "email": instance.email,
            "is_unit_leader": instance.is_unit_leader,
            "email_notifications": instance.email_notifications,
            "roles": [g.pk for g in instance.groups.all()],
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["unit"] = _UnitChoiceField(user=user, label=_("所在单位"), empty_label=_("请选择单位"))
        self.fields["roles"] = _roles_field()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.render_hidden_fields = True
        self.helper.layout = Layout(
            _section(_("基本信息")),
            Row(Column("real_name", css_class="col-md-6"), Column("unit", css_class="col-md-6")),
            Row(Column("title", css_class="col-md-6"), Column("phone", css_class="col-md-6")),
            Row(Column("email", css_class="col-md-6")),
            Row(
                Column("is_unit_leader", css_class="col-md-6"),
                Column("email_notifications", css_class="col-md-6"),
            ),
            InlineCheckboxes("roles"),
        )

    def current_values(self, obj) -> dict:
        return super().current_values(obj) | {"roles": list(obj.groups.all())}

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "version": self.cleaned_data["version"]}


class PasswordResetForm(forms.Form):
    """An admin resets a user's password: typed by the admin, or left blank to generate one."""

    password1 = forms.CharField(
        label=_("新密码"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("留空则由系统生成一个强密码，并只显示一次。用户下次登录时须修改密码。"),
    )
    password2 = forms.CharField(
        label=_("确认新密码"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if (p1 or p2) and p1 != p2:
            self.add_error("password2", _("两次输入的密码不一致。"))
        return cleaned


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False)
    active = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("", _("全部")), ("1", _("启用")), ("0", _("已停用"))],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _UnitChoiceField(
            user=user, label=_("单位（含下级）"), required=False, empty_label=_("全部单位")
        )
        self.fields["role"] = forms.ChoiceField(
            label=_("角色"), required=False, choices=[("", _("全部角色")), *Role.choices]
        )
        self.fields["q"].widget.attrs["placeholder"] = _("用户名、姓名、手机、邮箱")
        for name in ("unit", "role", "active"):
            self.fields[name].widget.attrs.update({"data-autosubmit": "", "class": "form-select"})
        self.fields["q"].widget.attrs["class"] = "form-control"

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class OrgUnitForm(forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=100)
    short_code = forms.CharField(
        label=_("简称代码"),
        max_length=32,
        validators=[short_code_validator],
        help_text=_("英文字母或拼音缩写，全系统唯一，如 qzsfj（秦州区司法局）。"),
    )
    kind = forms.ChoiceField(label=_("单位类型"), choices=UnitKind.choices)
    sort_order = forms.IntegerField(
        label=_("排序"), min_value=0, initial=0, help_text=_("同级单位按此数字升序排列。")
    )
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, user, instance: OrgUnit | None = None, **kwargs):
        self.instance = instance
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": instance.name,
                    "short_code": instance.short_code,
                    "kind": instance.kind,
                    "parent": instance.parent_id,
                    "sort_order": instance.sort_order,
                    "is_active": instance.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        queryset = manageable_units(user=user)
        if instance is not None:
            # A unit cannot sit under itself or its descendants; its current parent stays selectable
            # even when it lies above the admin's jurisdiction (a county admin editing the county).
            queryset = queryset.exclude(path__startswith=instance.path)
            if instance.parent_id:
                queryset = queryset | OrgUnit.objects.filter(pk=instance.parent_id)
        self.fields["parent"] = _UnitChoiceField(
            user=user,
            queryset=queryset,
            label=_("上级单位"),
            required=not user.is_superuser,
            empty_label=_("请选择上级单位") if not user.is_superuser else _("（无，作为顶级单位）"),
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-6"), Column("short_code", css_class="col-md-6")),
            Row(Column("parent", css_class="col-md-6"), Column("kind", css_class="col-md-6")),
            Row(
                Column("sort_order", css_class="col-md-6"), Column("is_active", css_class="col-md-6 pt-md-4")
            ),
        )

    def clean_short_code(self):
        code = self.cleaned_data["short_code"]
        qs = OrgUnit.objects.filter(short_code__iexact=code)
        if self.instance is not None:
            qs = qs.exclude(pk=self.instance.pk)
        if qs.exists():
            raise forms.ValidationError(_("该简称代码已被其他单位使用。"))
        return code

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "name": d["name"],
            "short_code": d["short_code"],
            "kind": d["kind"],
            "parent": d["parent"],
            "sort_order": d["sort_order"],
            "is_active": d["is_active"],
        }


class OrgUnitEditForm(VersionedFormMixin, OrgUnitForm):
    """The unit edit page: carries the version it was opened with (core.concurrency)."""

    def __init__(self, *args, user, instance: OrgUnit, **kwargs):
        super().__init__(*args, user=user, instance=instance, **kwargs)
        self.initial.setdefault("version", instance.version)
        self.helper.render_hidden_fields = True

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), "version": self.cleaned_data["version"]}
