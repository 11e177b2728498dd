"""Writes on users and org units. Views, the Django admin and seed_demo all call these functions.

Every write is audited: django-auditlog is registered for User (with its groups) and OrgUnit, and
the request's actor is attached by AuditlogMiddleware. Password changes are not field changes
auditlog can see (the hash is excluded), so they are logged explicitly without the secret.
"""

from __future__ import annotations

import base64
import secrets
import string
from collections.abc import Iterable

from auditlog.models import LogEntry
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.signals import user_login_failed
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.concurrency import bump, lock_for_edit
from core.exceptions import ApplicationError

from .choices import Role
from .jurisdiction import unit_in_jurisdiction
from .models import OrgUnit, RecoveryCodeDevice, User, recovery_code_digest
from .roles import ADMIN_ROLES, admin_roles_held

_DB_SESSION_ENGINES = {"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"}


# ---------------------------------------------------------------------------------------------
# helpers


def _check_unit(actor: User | None, unit: OrgUnit | None, *, field: str = "unit") -> None:
    """An admin may place users and units only inside their own jurisdiction."""
    if actor is None:  # management commands and data migrations act for the system
        return
    if unit is None or not unit_in_jurisdiction(actor, unit):
        raise ApplicationError(_("所选单位不在您的管辖范围内。"), field=field)


def _check_user(actor: User | None, user: User) -> None:
    if actor is None:
        return
    if user.is_superuser and not actor.is_superuser:
        raise ApplicationError(_("无权管理超级管理员账户。"))
    _check_unit(actor, user.unit)


def _role_groups(roles: Iterable) -> list[Group]:
    names = {str(r.name) if isinstance(r, Group) else str(r) for r in roles}
    unknown = names - set(Role.values)
    if unknown:
        raise ApplicationError(
            _("未知角色：%(roles)s") % {"roles": "、".join(sorted(unknown))}, field="roles"
        )
    held = admin_roles_held(names)
    if len(held) > 1:
        # 三员分立 (GB/T 22239-2019 8.1.5): one person is never two of the three administrators.
        raise ApplicationError(
            _("系统管理员、安全管理员、审计管理员三个角色互斥，一个账户只能担任其中之一（所选：%(roles)s）。")
            % {"roles": "、".join(held)},
            field="roles",
        )
    return list(Group.objects.filter(name__in=names))


def _validate_password(password: str, user: User) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), field="password") from exc


def _full_clean(obj, *, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ApplicationError(" ".join(messages), field=None if field == "__all__" else field) from exc


def generate_password(length: int = 16) -> str:
    """A strong random password that satisfies the policy (all four character classes)."""
    symbols = "@#%+=!?-"
    alphabet = string.ascii_letters + string.digits + symbols
    # Leave out look-alikes so a password read out over the phone is typed correctly.
    alphabet = "".join(c for c in alphabet if c not in "lI1O0o")
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if (
            any(c.islower() for c in candidate)
            and any(c.isupper() for c in candidate)
            and any(c.isdigit() for c in candidate)
            and any(c in symbols for c in candidate)
        ):
            return candidate


# ---------------------------------------------------------------------------------------------
# users


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    real_name: str,
    unit: OrgUnit,
    password: str,
    roles: Iterable = (),
    title: str = "",
    phone: str = "",
    email: str = "",
    is_unit_leader: bool = False,
    email_notifications: bool = True,
    must_change_password: bool = True,
    password_hash: str = "",
) -> User:
    """Create a user of `unit` with `roles`. A password chosen by an admin must be changed at the
    first login; only seed_demo passes must_change_password=False for demo users.

    `password_hash` (seed_demo only): `password` already hashed, one hash shared by every demo user
    (`accounts.management.demo.demo_password_hash`) — PBKDF2 costs about half a second a user."""
    _check_unit(actor, unit)
    user = User(
        username=username,
        real_name=real_name,
        unit=unit,
        title=title,
        phone=phone,
        email=email,
        is_unit_leader=is_unit_leader,
        email_notifications=email_notifications,
        must_change_password=must_change_password,
    )
    _validate_password(password, user)
    if password_hash:
        # what set_password does, minus the hashing: save() still records it in the history
        user.password, user._password = password_hash, password
    else:
        user.set_password(password)
    _full_clean(user)
    groups = _role_groups(roles)
    user.save()
    user.groups.set(groups)
    return user


@transaction.atomic
def user_update(
    *,
    actor: User | None,
    user: User,
    version: int,
    real_name: str,
    unit: OrgUnit,
    roles: Iterable,
    title: str = "",
    phone: str = "",
    email: str = "",
    is_unit_leader: bool = False,
    email_notifications: bool = True,
) -> User:
    """Edit a user's data and roles. `version` is the one the admin's form was opened with."""
    user = lock_for_edit(User.objects.all(), pk=user.pk, version=version)
    _check_user(actor, user)
    _check_unit(actor, unit)
    groups = _role_groups(roles)
    if actor is not None and actor.pk == user.pk and Role.SYSTEM_ADMIN not in {g.name for g in groups}:
        # Otherwise an admin could lock every admin out of user management.
        raise ApplicationError(_("不能移除自己的系统管理员角色。"), field="roles")
    if actor is not None and actor.pk == user.pk and not actor.is_superuser:
        # Separation of duties: the 系统管理员 sees no case content and reads no audit log, so an
        # admin may not grant themself another role (a case role or 审计管理员).
        current = set(user.groups.values_list("name", flat=True))
        if {g.name for g in groups} - current:
            raise ApplicationError(_("不能为自己增加角色，请由其他系统管理员办理。"), field="roles")
    user.real_name = real_name
    user.unit = unit
    user.title = title
    user.phone = phone
    user.email = email
    user.is_unit_leader = is_unit_leader
    user.email_notifications = email_notifications
    bump(user)
    _full_clean(user, exclude=["password"])
    user.save()
    if set(user.groups.values_list("pk", flat=True)) != {g.pk for g in groups}:
        user.groups.set(groups)
    return user


def user_sessions_delete(*, user: User) -> int:
    """End every live session of `user`. Returns how many were deleted.

    Even without this, an inactive user is treated as anonymous on the next request (ModelBackend
    refuses inactive users), so the user is locked out with any session engine.
    """
    if settings.SESSION_ENGINE not in _DB_SESSION_ENGINES:
        return 0
    doomed = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            doomed.append(session.session_key)
    if doomed:
        Session.objects.filter(session_key__in=doomed).delete()
        if settings.SESSION_ENGINE.endswith("cached_db"):
            for key in doomed:
                SessionStore(session_key=key).delete()
    return len(doomed)


@transaction.atomic
def user_disable(*, actor: User | None, user: User) -> User:
    """停用: the user can no longer log in and their open sessions stop at the next request."""
    user = User.objects.select_for_update().get(pk=user.pk)
    _check_user(actor, user)
    if actor is not None and actor.pk == user.pk:
        raise ApplicationError(_("不能停用自己的账户。"))
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    user_sessions_delete(user=user)
    return user


@transaction.atomic
def user_enable(*, actor: User | None, user: User) -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    _check_user(actor, user)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def user_set_password(
    *, actor: User | None, user: User, password: str, old_password: str | None = None
) -> User:
    """Set `user`'s password. When someone else sets it (an admin's reset), the user must change it
    at the next login; when users set their own, the obligation is lifted.

    Users change their own password only with the old one (`old_password`): a session left open or
    stolen must not be enough to take the account over.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    own = actor is not None and actor.pk == user.pk
    if own:
        if old_password is None or not user.check_password(old_password):
            raise ApplicationError(
                _("修改本人密码须输入正确的当前密码，请使用“修改密码”页面。"), field="old_password"
            )
    else:
        _check_user(actor, user)
        # Separation of duties: resetting a fellow administrator's password would let an admin log in
        # as them (and read the audit log, or unlock accounts); only a superuser may do that.
        if (
            actor is not None
            and not actor.is_superuser
            and set(ADMIN_ROLES) & set(user.groups.values_list("name", flat=True))
        ):
            raise ApplicationError(_("系统管理员、安全管理员和审计管理员的密码只能由超级管理员重置。"))
    _validate_password(password, user)
    user.set_password(password)
    user.must_change_password = not own
    user.save(update_fields=["password", "must_change_password"])
    LogEntry.objects.log_create(
        user,
        action=LogEntry.Action.UPDATE,
        changes={"password": ["******", _("本人修改") if own else _("管理员重置")]},
        actor=actor,
    )
    if not own:
        # A reset answers a forgotten or compromised password: end the sessions that used the old one.
        user_sessions_delete(user=user)
    return user


# ---------------------------------------------------------------------------------------------
# login: the second factor (TOTP) and the lockout it shares with the password


class SecondFactorLocked(ApplicationError):
    """The username+IP pair reached the failure limit (passwords and codes together)."""


def _audit_security(*, actor: User | None, user: User, what: str, old: str, new: str) -> None:
    LogEntry.objects.log_create(user, action=LogEntry.Action.UPDATE, changes={what: [old, new]}, actor=actor)


def login_complete(*, request, user: User) -> None:
    """The login is whole (password, and the code when one is asked): clear the user's failure count
    from this address. settings.AXES_RESET_ON_SUCCESS is off, so a correct password alone does not
    wipe the wrong codes that came before it."""
    axes_reset(ip=get_client_ip_address(request), username=user.get_username())


def totp_device_create(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for `user` to scan; earlier unconfirmed ones are dropped."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("身份验证器"), confirmed=False)


def recovery_codes_create(*, user: User) -> list[str]:
    """Ten new single-use recovery codes (the old ones stop working). Returned once, stored hashed."""
    device, _created = RecoveryCodeDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = []
    for _i in range(settings.MFA_RECOVERY_CODE_COUNT):
        raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()  # 80 bits, 16 characters
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=recovery_code_digest(code)) for code in codes]
    )
    return codes


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str]:
    """Enrolment: the first code from the authenticator confirms it. Replaces any earlier
    authenticator and issues ten recovery codes, which the caller shows once."""
    device = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=user, confirmed=False).first()
    if device is None:
        raise ApplicationError(_("绑定已过期，请刷新页面重新扫描二维码。"))
    if not device.verify_token(_clean_token(token)):
        raise ApplicationError(
            _("验证码不正确。请核对身份验证器上显示的6位数字，并确认手机时间准确。"), field="token"
        )
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_create(user=user)
    _audit_security(actor=user, user=user, what=_("两步验证"), old=_("未启用"), new=_("已启用"))
    return codes


def _clean_token(token: str) -> str:
    return "".join((token or "").split())


def second_factor_verify(*, request, user: User, token: str):
    """Check the code (or a recovery code) given after the password. Returns the device that took it.

    A wrong code is a failed login for django-axes (user_login_failed), counted with wrong passwords
    against the same username+IP limit; a code already used is refused (django-otp keeps the time
    step of the last accepted code, `last_t`); a recovery code works once.
    """
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        raise SecondFactorLocked(_("账户已被暂时锁定。请稍后再试。"))
    token = _clean_token(token)
    model = TOTPDevice if token.isdigit() and len(token) == 6 else RecoveryCodeDevice
    # Its own transaction, committed whether or not the code is right: a failure must stay counted
    # (django-otp's throttle and last_t are written by verify_token).
    with transaction.atomic():
        device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is not None and not (token and device.verify_token(token)):
            device = None
    if device is None:
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            raise SecondFactorLocked(_("账户已被暂时锁定。请稍后再试。"))
        raise ApplicationError(_("验证码不正确或已使用过。"), field="token")
    return device


def recovery_codes_remaining(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def user_mfa_reset(*, actor: User | None, user: User) -> User:
    """重置两步验证: the 安全管理员 removes a user's authenticator and recovery codes (a lost phone);
    the user enrols again at the next login. Audited; nobody resets their own."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if actor is not None:
        if actor.pk == user.pk:
            raise ApplicationError(_("不能重置自己的两步验证，请由其他安全管理员办理。"))
        if not actor.has_perm("accounts.manage_security"):
            raise ApplicationError(_("只有安全管理员可以重置两步验证。"))
        _check_user(actor, user)
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()
    _audit_security(actor=actor, user=user, what=_("两步验证"), old=_("已启用"), new=_("安全管理员重置"))
    user_sessions_delete(user=user)
    return user


@transaction.atomic
def user_unlock(*, actor: User | None, user: User) -> int:
    """解除锁定: clear django-axes' failure records of `user` from every address. Audited."""
    if actor is not None:
        if actor.pk == user.pk:
            raise ApplicationError(_("不能为自己解除锁定，请由其他安全管理员办理。"))
        if not actor.has_perm("accounts.manage_security"):
            raise ApplicationError(_("只有安全管理员可以解除账户锁定。"))
        _check_user(actor, user)
    count = axes_reset(username=user.get_username())
    _audit_security(actor=actor, user=user, what=_("登录锁定"), old=_("已锁定"), new=_("安全管理员解除"))
    return count


# ---------------------------------------------------------------------------------------------
# org units


@transaction.atomic
def orgunit_create(
    *,
    actor: User | None,
    name: str,
    short_code: str,
    kind: str,
    parent: OrgUnit | None,
    sort_order: int = 0,
    is_active: bool = True,
) -> OrgUnit:
    if actor is not None and not actor.is_superuser:
        if parent is None:
            raise ApplicationError(_("请选择上级单位。"), field="parent")
        _check_unit(actor, parent, field="parent")
    unit = OrgUnit(
        name=name, short_code=short_code, kind=kind, parent=parent, sort_order=sort_order, is_active=is_active
    )
    _full_clean(unit)
    unit.save()
    return unit


@transaction.atomic
def orgunit_update(
    *,
    actor: User | None,
    unit: OrgUnit,
    version: int,
    name: str,
    short_code: str,
    kind: str,
    parent: OrgUnit | None,
    sort_order: int = 0,
    is_active: bool = True,
) -> OrgUnit:
    """Edit a unit (and move it under `parent`). `version` is the one the admin's form was opened with."""
    unit = lock_for_edit(OrgUnit.objects.all(), pk=unit.pk, version=version)
    _check_unit(actor, unit)
    if parent != unit.parent:
        unit = orgunit_move(actor=actor, unit=unit, parent=parent)
    unit.name = name
    unit.short_code = short_code
    unit.kind = kind
    unit.sort_order = sort_order
    unit.is_active = is_active
    bump(unit)
    _full_clean(unit)
    unit.save()
    return unit


@transaction.atomic
def orgunit_move(*, actor: User | None, unit: OrgUnit, parent: OrgUnit | None) -> OrgUnit:
    """Move `unit` (with its whole subtree) under `parent`, rewriting the materialised paths.

    Refuses a move under the unit itself or one of its descendants (that would cut the subtree off
    the tree), and a move out of the admin's jurisdiction.
    """
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    _check_unit(actor, unit)
    if parent is None:
        if actor is not None and not actor.is_superuser:
            raise ApplicationError(_("请选择上级单位。"), field="parent")
    else:
        parent = OrgUnit.objects.get(pk=parent.pk)  # fresh path
        _check_unit(actor, parent, field="parent")
        if parent.path.startswith(unit.path):
            raise ApplicationError(_("不能把单位移到它自己或它的下级单位之下。"), field="parent")
    if parent == unit.parent:
        return unit
    old_path, old_depth = unit.path, unit.depth
    new_path = f"{parent.path if parent else '/'}{unit.pk}/"
    new_depth = new_path.count("/") - 2
    # One UPDATE for the descendants: replace the old prefix with the new one, shift the depth.
    OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + (new_depth - old_depth),
    )
    unit.parent = parent
    unit.save()  # auditlog records the parent change; save() rewrites the unit's own path
    unit.refresh_from_db()
    return unit
