"""Django admin for superusers. Day-to-day user and unit management is in the app (accounts.views);
the admin keeps the same rules: a password set here must be changed at next login, and the tree
structure (parent, path) changes only through the in-app unit page (services.orgunit_move)."""

from django import forms
from django.contrib import admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import OrgUnit, User
from .roles import admin_roles_held


class AdminUserCreationForm(auth_forms.AdminUserCreationForm):
    class Meta(auth_forms.AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "real_name", "unit")

    def save(self, commit=True):
        user = super().save(commit=False)
        user.must_change_password = user.has_usable_password()
        if commit:
            user.save()
        return user


#: The user fields the admin edits (the fieldsets below); nothing else can be posted.
ADMIN_USER_FIELDS = (
    "username",
    "password",
    "real_name",
    "unit",
    "title",
    "phone",
    "email",
    "is_unit_leader",
    "email_notifications",
    "is_active",
    "must_change_password",
    "is_staff",
    "is_superuser",
    "groups",
    "user_permissions",
)


class AdminUserChangeForm(auth_forms.UserChangeForm):
    class Meta(auth_forms.UserChangeForm.Meta):
        model = User
        fields = ADMIN_USER_FIELDS

    def clean_groups(self):
        groups = self.cleaned_data["groups"]
        if len(admin_roles_held(g.name for g in groups)) > 1:
            # 三员分立, as accounts.services refuses it.
            raise forms.ValidationError(
                _("系统管理员、安全管理员、审计管理员三个角色互斥，一个账户只能担任其中之一。")
            )
        return groups


class AdminPasswordChangeForm(auth_forms.AdminPasswordChangeForm):
    def save(self, commit=True):
        if (
            commit
            and self.cleaned_data.get("set_usable_password", True)
            and self.cleaned_data.get("password1")
        ):
            return services.user_set_password(
                actor=None, user=self.user, password=self.cleaned_data["password1"]
            )
        return super().save(commit=commit)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = AdminUserCreationForm
    form = AdminUserChangeForm
    change_password_form = AdminPasswordChangeForm
    list_display = (
        "username",
        "real_name",
        "unit",
        "is_active",
        "is_staff",
        "must_change_password",
        "last_login",
    )
    list_filter = ("is_active", "is_staff", "is_superuser", "groups", "must_change_password")
    search_fields = ("username", "real_name", "email", "phone")
    list_select_related = ("unit",)
    ordering = ("unit__path", "username")
    autocomplete_fields = ("unit",)
    fieldsets = (
        (None, {"fields": ADMIN_USER_FIELDS[:2]}),
        (_("个人信息"), {"fields": ADMIN_USER_FIELDS[2:8]}),
        (_("通知"), {"fields": ADMIN_USER_FIELDS[8:9]}),
        (_("权限"), {"fields": ADMIN_USER_FIELDS[9:]}),
        (_("重要日期"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "real_name", "unit", "password1", "password2")}),
    )
    readonly_fields = ("last_login", "date_joined")


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "short_code", "kind", "parent", "depth", "is_active")
    list_filter = ("kind", "is_active", "depth")
    search_fields = ("name", "short_code")
    list_select_related = ("parent",)
    readonly_fields = ("path", "depth")
    autocomplete_fields = ("parent",)

    def get_readonly_fields(self, request, obj=None):
        # Moving a unit rewrites its subtree's paths: only services.orgunit_move does that.
        return (*self.readonly_fields, "parent") if obj is not None else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False
