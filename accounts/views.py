"""Login (password, then the second factor), logout, password change, user/unit management for
系统管理员, and the 安全管理员's page (unlocking accounts, resetting second factors)."""

from __future__ import annotations

from base64 import b32encode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.password_validation import get_default_password_validators
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.concurrency import render_conflict
from core.exceptions import ApplicationError, ConcurrentEditError
from core.views import JurisdictionMixin, form_error

from . import selectors, services
from .forms import (
    LOGIN_FAILED_MESSAGE,
    AuthenticatorSetupForm,
    LoginForm,
    OrgUnitEditForm,
    OrgUnitForm,
    PasswordChangeForm,
    PasswordResetForm,
    SecondFactorForm,
    UserCreateForm,
    UserEditForm,
    UserFilterForm,
)
from .middleware import SECOND_FACTOR_OK
from .models import OrgUnit, RecoveryCodeDevice, User

# ---------------------------------------------------------------------------------------------
# login, logout, lockout, password change


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    """登录. Post-login `next` is followed only to this site (Django's url_has_allowed_host_and_scheme)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.request.session.get(SECOND_FACTOR_OK):
            # No second factor follows: the password completes the login.
            services.login_complete(request=self.request, user=form.get_user())
        return response


class LogoutView(auth_views.LogoutView):
    """退出登录 (POST only, as Django requires)."""


@never_cache
def lockout(request, credentials=None, *args, **kwargs) -> HttpResponse:
    """django-axes' answer to a locked username+IP pair (settings.AXES_LOCKOUT_CALLABLE).

    It is the login page with the same message and status as a wrong password or an unknown user,
    so a caller learns neither whether the account exists nor whether it is locked. django-axes
    calls this as (request, original_response, credentials) or (request, credentials).
    """
    form = LoginForm(request, initial={"username": request.POST.get("username", "")})
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    context = {"form": form, "login_error": LOGIN_FAILED_MESSAGE, "next": next_url}
    return render(request, LoginView.template_name, context, status=200)


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _second_factor_done(request, device) -> None:
    """The session has its second factor: bind the device (django-otp), renew the session key, and
    end the login's failure count."""
    django_otp.login(request, device)
    request.session.cycle_key()
    request.session[SECOND_FACTOR_OK] = True
    services.login_complete(request=request, user=request.user)


@method_decorator(never_cache, name="dispatch")
class SecondFactorVerifyView(View):
    """两步验证: after the password, the code from the authenticator (or a recovery code)."""

    template_name = "accounts/mfa_verify.html"

    def get(self, request):
        if request.session.get(SECOND_FACTOR_OK):
            return redirect(_next_url(request))
        if not selectors.has_authenticator(user=request.user):
            return redirect(f"{reverse('accounts:mfa_setup')}?{request.GET.urlencode()}")
        return self.render(SecondFactorForm())

    def post(self, request):
        form = SecondFactorForm(request.POST)
        if form.is_valid():
            try:
                device = services.second_factor_verify(
                    request=request, user=request.user, token=form.cleaned_data["token"]
                )
            except services.SecondFactorLocked:
                logout(request)
                return lockout(request)
            except ApplicationError as exc:
                form.add_error("token", str(exc.message))
            else:
                _second_factor_done(request, device)
                if isinstance(device, RecoveryCodeDevice):
                    messages.warning(
                        request,
                        _("您使用了一个恢复码登录，还剩 %(n)d 个。如手机丢失，请联系安全管理员重置两步验证。")
                        % {"n": services.recovery_codes_remaining(user=request.user)},
                    )
                return redirect(_next_url(request))
        return self.render(form)

    def render(self, form):
        return render(self.request, self.template_name, {"form": form, "next": _next_url(self.request)})


PENDING_DEVICE = "accounts_pending_totp"


@method_decorator(never_cache, name="dispatch")
class AuthenticatorSetupView(View):
    """绑定身份验证器: scan the QR code (drawn here as SVG, nothing fetched), type the first code,
    receive ten recovery codes shown once. A verified session may also replace its authenticator."""

    template_name = "accounts/mfa_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.session.get(SECOND_FACTOR_OK) and selectors.has_authenticator(user=request.user):
            # Replacing an authenticator needs the current one first.
            return redirect(f"{reverse('accounts:mfa_verify')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def pending_device(self, *, create: bool) -> TOTPDevice | None:
        pk = self.request.session.get(PENDING_DEVICE)
        device = (
            TOTPDevice.objects.filter(pk=pk, user=self.request.user, confirmed=False).first() if pk else None
        )
        if device is None and create:
            device = services.totp_device_create(user=self.request.user)
            self.request.session[PENDING_DEVICE] = device.pk
        return device

    def get(self, request):
        return self.render(self.pending_device(create=True), AuthenticatorSetupForm())

    def post(self, request):
        device = self.pending_device(create=False)
        form = AuthenticatorSetupForm(request.POST)
        if device is None:
            messages.error(request, _("绑定已过期，请重新扫描二维码。"))
            return redirect(f"{reverse('accounts:mfa_setup')}?{request.GET.urlencode()}")
        if form.is_valid():
            try:
                codes = services.totp_device_confirm(
                    user=request.user, device=device, token=form.cleaned_data["token"]
                )
            except ApplicationError as exc:
                form.add_error("token", str(exc.message))
            else:
                device.refresh_from_db()
                request.session.pop(PENDING_DEVICE, None)
                _second_factor_done(request, device)
                # Rendered, not redirected: the codes are never stored in a message or the session.
                return render(
                    request,
                    "accounts/mfa_recovery_codes.html",
                    {"codes": codes, "next": _next_url(request)},
                )
        return self.render(device, form)

    def render(self, device, form):
        qr = segno.make(device.config_url, error="m")
        context = {
            "form": form,
            # segno writes the SVG itself from the secret: no image is fetched, no script runs.
            "qr_svg": mark_safe(qr.svg_inline(scale=5, dark="#000", light="#fff")),
            "secret": " ".join(
                b32encode(device.bin_key).decode()[i : i + 4]
                for i in range(0, len(b32encode(device.bin_key)), 4)
            ),
            "required": selectors.mfa_required(user=self.request.user),
            "replacing": selectors.has_authenticator(user=self.request.user),
            "next": _next_url(self.request),
        }
        return render(self.request, self.template_name, context)


class PasswordChangeView(auth_views.PasswordChangeView):
    """修改密码. Saving goes through services.user_set_password, which lifts must_change_password."""

    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("core:home")

    def form_valid(self, form):
        try:
            user = services.user_set_password(
                actor=self.request.user,
                user=self.request.user,
                password=form.cleaned_data["new_password1"],
                old_password=form.cleaned_data["old_password"],
            )
        except ApplicationError as exc:
            form.add_error("new_password1", str(exc.message))
            return self.form_invalid(form)
        update_session_auth_hash(self.request, user)
        messages.success(self.request, _("密码已修改。"))
        return redirect(self.get_success_url())


# ---------------------------------------------------------------------------------------------
# users


def _user_page(request, rows_for, per_page: int = 25) -> dict:
    """The filtered, paginated user rows of the 用户管理 and 安全管理 pages (`rows_for(user=, filters=)`)."""
    user = request.user
    form = UserFilterForm(request.GET or None, user=user)
    qs = rows_for(user=user, filters=form.filters() if form.is_bound else {})
    page = Paginator(qs, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "page_obj": page,
        "users": page.object_list,
        "querystring": query.urlencode(),
    }


class UserListView(PermissionRequiredMixin, TemplateView):
    """用户管理: users of the admin's jurisdiction, filtered, 25 a page, phones masked."""

    permission_required = "accounts.manage_users"
    template_name = "accounts/user_list.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx.update(
            _user_page(self.request, selectors.user_list, self.paginate_by),
            can_manage_units=user.has_perm("accounts.manage_units"),
        )
        return ctx


class UserCreateView(PermissionRequiredMixin, View):
    permission_required = "accounts.manage_users"
    template_name = "accounts/user_form.html"

    def get(self, request):
        return self.render(UserCreateForm(user=request.user))

    def post(self, request):
        form = UserCreateForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                created = services.user_create(actor=request.user, **form.service_kwargs())
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request,
                    _("已创建用户 %(name)s（%(username)s）。首次登录时须修改初始密码。")
                    % {"name": created.real_name, "username": created.username},
                )
                return redirect("accounts:user_list")
        return self.render(form)

    def render(self, form):
        return render(self.request, self.template_name, {"form": form, "creating": True})


class _UserObjectView(JurisdictionMixin, View):
    """A user inside the admin's jurisdiction; 404 outside it, 403 inside without the permission."""

    model = User
    permission_required = "accounts.manage_users"

    def get_queryset(self):
        return selectors.manageable_users(user=self.request.user).select_related("unit")

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])


class UserEditView(_UserObjectView):
    template_name = "accounts/user_form.html"

    def get(self, request, pk):
        obj = self.get_object()
        return self.render(obj, UserEditForm(user=request.user, instance=obj))

    def post(self, request, pk):
        obj = self.get_object()
        form = UserEditForm(request.POST, user=request.user, instance=obj)
        if form.is_valid():
            try:
                services.user_update(actor=request.user, user=obj, **form.service_kwargs())
            except ConcurrentEditError:
                return render_conflict(request, obj=obj, form=form)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已保存用户 %(name)s 的信息。") % {"name": obj.real_name})
                return redirect("accounts:user_list")
        return self.render(obj, form)

    def render(self, obj, form):
        return render(self.request, self.template_name, {"form": form, "object": obj, "creating": False})


class UserToggleActiveView(_UserObjectView):
    """停用 / 启用 (POST). Disabling ends the user's live sessions."""

    http_method_names = ["post"]

    def post(self, request, pk):
        obj = self.get_object()
        try:
            if obj.is_active:
                services.user_disable(actor=request.user, user=obj)
                messages.success(
                    request, _("已停用用户 %(name)s，其登录会话已失效。") % {"name": obj.real_name}
                )
            else:
                services.user_enable(actor=request.user, user=obj)
                messages.success(request, _("已启用用户 %(name)s。") % {"name": obj.real_name})
        except ApplicationError as exc:
            messages.error(request, str(exc.message))
        return redirect(_back_to_list(request))


def _back_to_list(request) -> str:
    """Return to the filtered list the admin came from (same-site paths only)."""
    return _back_to(request, "accounts:user_list")


def _back_to(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse(default)


@method_decorator(never_cache, name="dispatch")
class UserResetPasswordView(_UserObjectView):
    """重置密码: the admin types a new password or lets the system generate one, shown once."""

    template_name = "accounts/user_reset_password.html"

    def get(self, request, pk):
        return self.render(self.get_object(), PasswordResetForm())

    def post(self, request, pk):
        obj = self.get_object()
        form = PasswordResetForm(request.POST)
        if form.is_valid():
            generated = not form.cleaned_data["password1"]
            password = services.generate_password() if generated else form.cleaned_data["password1"]
            try:
                services.user_set_password(actor=request.user, user=obj, password=password)
            except ApplicationError as exc:
                form.add_error("password1", str(exc.message))
            else:
                # Rendered, not redirected: the generated password is never stored in a message or session.
                return render(
                    request,
                    self.template_name,
                    {"object": obj, "done": True, "generated_password": password if generated else None},
                )
        return self.render(obj, form)

    def render(self, obj, form):
        return render(self.request, self.template_name, {"object": obj, "form": form})


# ---------------------------------------------------------------------------------------------
# security (安全管理员)


class SecurityView(PermissionRequiredMixin, TemplateView):
    """安全管理: the policy in force, and the jurisdiction's users with their second factor and lock."""

    permission_required = "accounts.manage_security"
    template_name = "accounts/security.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx.update(
            _user_page(self.request, selectors.security_user_list, self.paginate_by),
            locked=selectors.locked_usernames(user=user),
            policy={
                "failure_limit": settings.AXES_FAILURE_LIMIT,
                "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
                "idle_minutes": int(settings.SESSION_IDLE_TIMEOUT.total_seconds() // 60),
                "absolute_hours": int(settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds() // 3600),
                "mfa_required": settings.MFA_REQUIRED,
                "mfa_roles": settings.MFA_REQUIRED_ROLES,
                "password_rules": [
                    v.get_help_text() for v in _password_validators() if hasattr(v, "get_help_text")
                ],
            },
        )
        return ctx


def _password_validators():
    return get_default_password_validators()


class _SecurityUserAction(JurisdictionMixin, View):
    """A POST of the 安全管理员 on one user of the jurisdiction; 404 outside it, 403 without the role."""

    model = User
    permission_required = "accounts.manage_security"
    http_method_names = ["post"]

    def get_queryset(self):
        return selectors.manageable_users(user=self.request.user)

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def post(self, request, pk):
        obj = self.get_object()
        try:
            self.act(obj)
        except ApplicationError as exc:
            messages.error(request, str(exc.message))
        return redirect(_back_to(request, "accounts:security"))


class UserMfaResetView(_SecurityUserAction):
    """重置两步验证 (POST): the user enrols again at the next login. Audited."""

    def act(self, obj):
        services.user_mfa_reset(actor=self.request.user, user=obj)
        messages.success(
            self.request,
            _("已重置 %(name)s 的两步验证，其登录会话已失效；下次登录时须重新绑定身份验证器。")
            % {"name": obj.real_name},
        )


class UserUnlockView(_SecurityUserAction):
    """解除锁定 (POST). Audited."""

    def act(self, obj):
        services.user_unlock(actor=self.request.user, user=obj)
        messages.success(self.request, _("已解除 %(name)s 的登录锁定。") % {"name": obj.real_name})


# ---------------------------------------------------------------------------------------------
# units


class UnitTreeView(PermissionRequiredMixin, TemplateView):
    """单位管理: the org tree of the jurisdiction with active users per unit (one query)."""

    permission_required = "accounts.manage_units"
    template_name = "accounts/unit_tree.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["roots"] = selectors.unit_tree(user=self.request.user)
        ctx["can_manage_users"] = self.request.user.has_perm("accounts.manage_users")
        return ctx


class UnitCreateView(PermissionRequiredMixin, View):
    permission_required = "accounts.manage_units"
    template_name = "accounts/unit_form.html"

    def get(self, request):
        initial = {}
        parent_pk = request.GET.get("parent")
        if parent_pk and parent_pk.isdigit():
            initial["parent"] = parent_pk
        return self.render(OrgUnitForm(user=request.user, initial=initial))

    def post(self, request):
        form = OrgUnitForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                unit = services.orgunit_create(actor=request.user, **form.service_kwargs())
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已创建单位 %(name)s。") % {"name": unit.name})
                return redirect("accounts:unit_tree")
        return self.render(form)

    def render(self, form):
        return render(self.request, self.template_name, {"form": form, "creating": True})


class UnitEditView(JurisdictionMixin, View):
    model = OrgUnit
    permission_required = "accounts.manage_units"
    template_name = "accounts/unit_form.html"

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get(self, request, pk):
        obj = self.get_object()
        return self.render(obj, OrgUnitEditForm(user=request.user, instance=obj))

    def post(self, request, pk):
        obj = self.get_object()
        form = OrgUnitEditForm(request.POST, user=request.user, instance=obj)
        if form.is_valid():
            try:
                unit = services.orgunit_update(actor=request.user, unit=obj, **form.service_kwargs())
            except ConcurrentEditError:
                return render_conflict(request, obj=obj, form=form)
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("已保存单位 %(name)s。") % {"name": unit.name})
                return redirect("accounts:unit_tree")
        return self.render(obj, form)

    def render(self, obj, form):
        return render(self.request, self.template_name, {"form": form, "object": obj, "creating": False})
