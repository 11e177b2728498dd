"""Reads for user and unit management. Every read starts from `visible_to(user)`."""

from __future__ import annotations

from dataclasses import dataclass, field

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .choices import Role
from .models import OrgUnit, User


def manageable_users(*, user: User) -> QuerySet[User]:
    """Users an admin may see and manage: inside the jurisdiction; superusers only for superusers."""
    qs = User.objects.visible_to(user)
    if not user.is_superuser:
        qs = qs.filter(is_superuser=False)
    return qs


def manageable_units(*, user: User) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.visible_to(user)


def role_groups() -> QuerySet[Group]:
    """The ten role groups, in the order of accounts.choices.Role."""
    return Group.objects.filter(name__in=Role.values)


def mfa_required(*, user: User) -> bool:
    """Must `user` give a second factor? settings.MFA_REQUIRED (every account), or one of the user's
    roles is in settings.MFA_REQUIRED_ROLES."""
    if settings.MFA_REQUIRED:
        return True
    roles = set(settings.MFA_REQUIRED_ROLES)
    return bool(roles) and user.groups.filter(name__in=roles).exists()


def has_authenticator(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_needed(*, user: User) -> bool:
    """Required by policy, or enrolled voluntarily (an enrolled user is always asked for the code)."""
    return mfa_required(user=user) or has_authenticator(user=user)


def security_user_list(*, user: User, filters: dict | None = None) -> QuerySet[User]:
    """安全管理: users of the jurisdiction with their second-factor state (`has_totp`)."""
    return user_list(user=user, filters=filters).annotate(
        has_totp=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )


def locked_usernames(*, user: User) -> set[str]:
    return set(locked_accounts(user=user).values_list("username", flat=True))


def user_list(*, user: User, filters: dict | None = None) -> QuerySet[User]:
    """用户列表. filters: unit (OrgUnit, its subtree), role (group name), active ("1"/"0"), q (keyword)."""
    filters = filters or {}
    qs = manageable_users(user=user).select_related("unit").prefetch_related("groups")
    unit = filters.get("unit")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    role = filters.get("role")
    if role:
        qs = qs.filter(groups__name=role)
    active = filters.get("active")
    if active in ("1", "0"):
        qs = qs.filter(is_active=active == "1")
    keyword = (filters.get("q") or "").strip()
    if keyword:
        qs = qs.filter(
            Q(username__icontains=keyword)
            | Q(real_name__icontains=keyword)
            | Q(email__icontains=keyword)
            | Q(phone__contains=keyword)
            | Q(title__icontains=keyword)
        )
    # Paths hold primary keys, so they do not sort in tree order: list level by level instead,
    # each unit's users together, siblings in their configured order.
    return qs.order_by("unit__depth", "unit__parent_id", "unit__sort_order", "unit_id", "username")


@dataclass
class UnitNode:
    unit: OrgUnit
    user_count: int
    children: list[UnitNode] = field(default_factory=list)
    subtree_user_count: int = 0
    subtree_unit_count: int = 0


def unit_tree(*, user: User) -> list[UnitNode]:
    """The org tree within the jurisdiction, with active users per unit and per subtree — one query."""
    units = list(
        manageable_units(user=user).annotate(
            user_count=Count("users", filter=Q(users__is_active=True)),
        )
    )
    nodes = {u.pk: UnitNode(unit=u, user_count=u.user_count) for u in units}
    roots = []
    for u in units:
        parent = nodes.get(u.parent_id)
        (parent.children if parent else roots).append(nodes[u.pk])

    def finish(node):
        node.children.sort(key=lambda n: (n.unit.sort_order, n.unit.pk))
        node.subtree_user_count = node.user_count
        node.subtree_unit_count = 1
        for child in node.children:
            finish(child)
            node.subtree_user_count += child.subtree_user_count
            node.subtree_unit_count += child.subtree_unit_count

    roots.sort(key=lambda n: (n.unit.sort_order, n.unit.pk))
    for root in roots:
        finish(root)
    return roots


INDENT = "\u3000"  # an ideographic space indents a level in a select box


def unit_choices(*, user: User, queryset: QuerySet[OrgUnit] | None = None) -> list[tuple[int, str]]:
    """(pk, indented name) in tree order, for select boxes."""
    qs = queryset if queryset is not None else manageable_units(user=user)
    units = list(qs.only("pk", "name", "parent_id", "path", "depth", "sort_order"))
    by_parent: dict[int | None, list[OrgUnit]] = {}
    pks = {u.pk for u in units}
    for u in units:
        by_parent.setdefault(u.parent_id if u.parent_id in pks else None, []).append(u)
    out: list[tuple[int, str]] = []

    def walk(parent_id, level):
        for u in sorted(by_parent.get(parent_id, []), key=lambda x: (x.sort_order, x.pk)):
            out.append((u.pk, INDENT * level + u.name))
            walk(u.pk, level + 1)

    walk(None, 0)
    return out


def locked_accounts(*, user: User) -> QuerySet[AccessAttempt]:
    """Username+IP pairs of the jurisdiction's users currently locked by django-axes."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=since,
        username__in=manageable_users(user=user).values("username"),
    )


def user_stats(*, user: User) -> dict:
    qs = manageable_users(user=user)
    counts = qs.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(is_active=True)),
        inactive=Count("pk", filter=Q(is_active=False)),
        must_change=Count("pk", filter=Q(is_active=True, must_change_password=True)),
    )
    counts["locked"] = locked_accounts(user=user).values("username").distinct().count()
    return counts


def workbench_panel(request) -> dict | None:
    """The 系统管理 panel of the 工作台 for 系统管理员; None for everyone else."""
    user = request.user
    if not (user.has_perm("accounts.manage_users") or user.has_perm("accounts.manage_units")):
        return None
    return {
        "title": _("系统管理"),
        "template": "accounts/_workbench_panel.html",
        "context": {
            **user_stats(user=user),
            "can_manage_users": user.has_perm("accounts.manage_users"),
            "can_manage_units": user.has_perm("accounts.manage_units"),
        },
    }
