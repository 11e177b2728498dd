"""Writes on users and org units. Views, the Django admin and seed_demo all call these functions.

Every write is audited: django-auditlog is registered for User (with its groups) and OrgUnit, and
the request's actor is attached by AuditlogMiddleware. Password changes are not field changes
auditlog can see (the hash is excluded), so they are logged explicitly without the secret.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import bump, lock_for_edit
from core.exceptions import ApplicationError

from .choices import Role
from .jurisdiction import unit_in_jurisdiction
from .models import OrgUnit, User

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
) -> User:
    """Create a user of `unit` with `roles`. A password chosen by an admin must be changed at the
    first login (issue 2 §5); only seed_demo passes must_change_password=False for demo users."""
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
            from django.contrib.sessions.backends.cached_db import SessionStore

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
def user_set_password(*, actor: User | None, user: User, password: str) -> User:
    """Set `user`'s password. When someone else sets it (an admin's reset), the user must change it
    at the next login (issue 2 §5); when users set their own, the obligation is lifted."""
    user = User.objects.select_for_update().get(pk=user.pk)
    own = actor is not None and actor.pk == user.pk
    if not own:
        _check_user(actor, user)
        # Separation of duties: resetting a fellow 系统管理员's or the 审计管理员's password would let an
        # admin log in as them (and read the audit log); only a superuser may do that.
        guarded = {Role.SYSTEM_ADMIN.value, Role.AUDIT_ADMIN.value}
        if (
            actor is not None
            and not actor.is_superuser
            and guarded & set(user.groups.values_list("name", flat=True))
        ):
            raise ApplicationError(_("系统管理员和审计管理员的密码只能由超级管理员重置。"))
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
