"""Org units (the Tianshui tree) and users."""

import hashlib

from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice

from core.masking import mask_phone
from core.models import VersionedModel

from .choices import UnitKind
from .jurisdiction import JurisdictionQuerySet, jurisdiction_path, scoped_queryset


class OrgUnitQuerySet(JurisdictionQuerySet):
    org_unit_lookup = "self"

    def visible_to(self, user):
        path = jurisdiction_path(user)
        if path is None:
            return self
        if path is False:
            return self.none()
        return self.filter(path__startswith=path)

    def subtree(self, unit, *, include_self=True):
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)


class OrgUnit(VersionedModel):
    """单位: a government, agency, township, court, procuratorate or mediation organisation.

    `path` is a materialised path of primary keys ("/1/5/23/"), so a subtree is one indexed
    prefix query. It is maintained by `save()` for new units and by `accounts.services.orgunit_move`.
    """

    name = models.CharField(_("单位名称"), max_length=100)
    short_code = models.CharField(_("简称代码"), max_length=32, unique=True)
    kind = models.CharField(_("单位类型"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    path = models.CharField(_("路径"), max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("层级"), default=0, editable=False)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["path"]
        permissions = [("manage_units", _("管理单位"))]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The path is a structural invariant of the tree, not a business rule: keep it with the row.
        with transaction.atomic():
            super().save(*args, **kwargs)
            parent_path = self.parent.path if self.parent_id else "/"
            path = f"{parent_path}{self.pk}/"
            if path != self.path:
                self.path = path
                self.depth = path.count("/") - 2
                type(self).objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)

    @property
    def government(self):
        """The nearest government at or above this unit (for a 司法局: its government)."""
        unit = self
        while unit is not None and unit.kind != UnitKind.GOVERNMENT:
            unit = unit.parent
        return unit

    def ancestors(self):
        ids = [int(p) for p in self.path.strip("/").split("/") if p]
        return OrgUnit.objects.filter(pk__in=ids).order_by("depth")


UserQuerySet = scoped_queryset("unit")


class ScopedUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser, VersionedModel):
    """用户: a member of staff of one unit. Roles are groups (accounts.roles)."""

    real_name = models.CharField(_("姓名"), max_length=50)
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("所在单位"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    title = models.CharField(_("职务"), max_length=50, blank=True)
    phone = models.CharField(_("手机号码"), max_length=20, blank=True)
    is_unit_leader = models.BooleanField(
        _("单位负责人"), default=False, help_text=_("超期提醒同时发送给本单位负责人。")
    )
    email_notifications = models.BooleanField(_("接收邮件提醒"), default=True)
    must_change_password = models.BooleanField(_("下次登录须修改密码"), default=False)

    objects = ScopedUserManager()

    REQUIRED_FIELDS = ["email", "real_name"]

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["unit__path", "username"]
        permissions = [
            ("manage_users", _("管理用户、角色与密码")),
            ("reveal_personal_data", _("查看未脱敏的个人信息（留痕）")),
            ("manage_security", _("管理安全策略：解除账户锁定、重置两步验证")),
        ]

    def __str__(self):
        return self.real_name or self.username

    @property
    def display_name(self):
        return self.real_name or self.username

    def has_perm(self, perm, obj=None):
        """Django's answer, remembered on this user object (a request's user) for the permission: each
        answer walks the authentication backends, loading each again (`auth.get_backends()`), and a
        case page asks ~70 times, one permission up to 35 times (bench recon.detail). The permissions
        are those the backend read once for this object (accounts/backends.py), so the answer is the
        same; a change of `is_active` or `is_superuser` on the object is asked again."""
        if obj is not None:
            return super().has_perm(perm, obj)
        key = (perm, self.is_active, self.is_superuser)
        memo = self.__dict__.setdefault("_has_perm_memo", {})
        if key not in memo:
            memo[key] = super().has_perm(perm)
        return memo[key]

    @property
    def masked_phone(self):
        return mask_phone(self.phone)

    def role_names(self):
        return [g.name for g in self.groups.all()]


class PasswordHistory(models.Model):
    """曾用密码: the hash of a password a user has had, so a new one cannot repeat the last few.

    Only hashes are kept (the same hasher as the password itself), and only as many as the policy
    looks back (accounts.validators.PasswordHistoryValidator).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="password_history",
    )
    password = models.CharField(_("密码哈希"), max_length=128)
    created_at = models.DateTimeField(_("设置时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("曾用密码")
        verbose_name_plural = _("曾用密码")
        ordering = ["user", "-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="accounts_pwhist_user_created")]

    def __str__(self):
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d %H:%M}"


def recovery_code_digest(code: str) -> str:
    """The stored form of a recovery code: 16 hex digits of its SHA-256 (django-otp's token column
    holds 16 characters). A code carries 80 random bits, so the digest cannot be reversed by search."""
    normalized = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(normalized.encode()).hexdigest()[:16]


class RecoveryCodeDevice(StaticDevice):
    """恢复码: ten single-use codes for the day the authenticator is lost. django-otp's static
    device, storing digests instead of the codes; a used code is deleted."""

    class Meta:
        proxy = True
        verbose_name = _("恢复码")
        verbose_name_plural = _("恢复码")

    def verify_token(self, token):
        verify_allowed, _detail = self.verify_is_allowed()
        if not verify_allowed:
            return False
        match = self.token_set.filter(token=recovery_code_digest(str(token))).first()
        if match is None:
            self.throttle_increment()
            return False
        match.delete()
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


auditlog.register(OrgUnit)
auditlog.register(
    User,
    exclude_fields=["last_login", "password"],
    mask_fields=["phone"],
    # auditlog's default mask shows the last half of a phone; with the page's 139****5678 that left
    # two digits unknown. The audit mask shows no more than the page does.
    mask_callable="core.masking.mask_for_audit",
    m2m_fields={"groups"},
)
