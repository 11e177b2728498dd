"""Password policy: at least 12 characters, not a common password, not similar to the user's own
data, not containing the username or phone number, at least 3 of 4 character classes, none of the
user's last 5 passwords, and (in production) not the published demo password — every message in
Chinese.

Django's own validators are subclassed only for their messages: Django 5.2's Chinese catalogue misses
the length message (its msgid changed), and the similarity check must also look at `real_name` and
`phone`, which Django's default attribute list does not know.
"""

import string

from django.contrib.auth import password_validation as django_validators
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import PasswordHistory, User

# Passwords common among Chinese users that Django's (English-language) list does not hold.
EXTRA_COMMON_PASSWORDS = frozenset(
    {
        "woaini1314",
        "woaini520",
        "5201314520",
        "1qaz2wsx3edc",
        "1qaz@wsx3edc",
        "1qaz!qaz2wsx",
        "qwer1234!@#$",
        "a123456789012",
        "abc123456789",
        "aa1234567890",
        "admin@123456",
        "admin1234567",
        "p@ssw0rd1234",
        "password@123",
        "huawei@12345",
        "zhongguo1234",
    }
)


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def __init__(self, min_length=12):
        super().__init__(min_length=min_length)

    def get_error_message(self):
        return _("密码太短，至少需要 %(n)d 个字符。") % {"n": self.min_length}

    def get_help_text(self):
        return _("密码至少 %(n)d 个字符。") % {"n": self.min_length}


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def validate(self, password, user=None):
        candidate = password.lower().strip()
        if candidate in self.passwords or candidate in EXTRA_COMMON_PASSWORDS:
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self):
        return _("该密码过于常见，容易被猜中，请换一个。")

    def get_help_text(self):
        return _("不能使用常见密码。")


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    DEFAULT_USER_ATTRIBUTES = ("username", "real_name", "email", "phone")

    def __init__(self, user_attributes=DEFAULT_USER_ATTRIBUTES, max_similarity=0.7):
        super().__init__(user_attributes=user_attributes, max_similarity=max_similarity)

    def get_error_message(self):
        return _("密码与“%(verbose_name)s”过于相似。")

    def get_help_text(self):
        return _("密码不能与用户名、姓名、电子邮箱或手机号码相似。")


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self):
        return _("密码不能全部是数字。")

    def get_help_text(self):
        return _("密码不能全部是数字。")


class CharacterClassesValidator:
    """At least `min_classes` of: lower-case letters, upper-case letters, digits, symbols."""

    def __init__(self, min_classes=3):
        self.min_classes = min_classes

    @staticmethod
    def classes(password):
        return sum(
            [
                any(c in string.ascii_lowercase for c in password),
                any(c in string.ascii_uppercase for c in password),
                any(c.isdigit() for c in password),
                any(not c.isalnum() for c in password),
            ]
        )

    def validate(self, password, user=None):
        if self.classes(password) < self.min_classes:
            raise ValidationError(
                _("密码须包含小写字母、大写字母、数字、符号中的至少 %(n)d 类。") % {"n": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self):
        return _("密码须包含小写字母、大写字母、数字、符号中的至少 %(n)d 类。") % {"n": self.min_classes}


class PersonalDataValidator:
    """The password may not contain the username or the phone number (a guesser tries them first)."""

    min_username_length = 3

    def validate(self, password, user=None):
        if user is None:
            return
        lowered = password.lower()
        username = (getattr(user, "username", "") or "").lower()
        if len(username) >= self.min_username_length and username in lowered:
            raise ValidationError(_("密码不能包含用户名。"), code="password_contains_username")
        phone = "".join(c for c in (getattr(user, "phone", "") or "") if c.isdigit())
        digits = "".join(c for c in password if c.isdigit())
        if len(phone) >= 7 and (phone in digits or phone[-7:] in password):
            raise ValidationError(_("密码不能包含手机号码。"), code="password_contains_phone")

    def get_help_text(self):
        return _("密码不能包含用户名或手机号码。")


class PasswordHistoryValidator:
    """Not one of the user's last `count` passwords (the current one included).

    `password_changed` — called by Django whenever a user with a new password is saved — records the
    new hash in accounts.PasswordHistory and keeps only the last `count`.
    """

    def __init__(self, count=5):
        self.count = count

    def _hashes(self, user):
        hashes = list(
            PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[: self.count]
        )
        if user.password and user.password not in hashes:
            # The current password of an account from before the history was kept.
            hashes = [user.password, *hashes[: self.count - 1]]
        return hashes

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return

        stored = User.objects.filter(pk=user.pk).values_list("password", flat=True).first()
        current = User(pk=user.pk, password=stored or "")
        if any(check_password(password, h) for h in self._hashes(current)):
            raise ValidationError(
                _("新密码不能与最近 %(n)d 次使用过的密码相同。") % {"n": self.count},
                code="password_reused",
            )

    def password_changed(self, password, user=None):
        if user is None or user.pk is None or not user.password:
            return

        PasswordHistory.objects.create(user=user, password=user.password)
        keep = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[: self.count]
        PasswordHistory.objects.filter(user=user).exclude(pk__in=list(keep)).delete()

    def get_help_text(self):
        return _("不能与最近 %(n)d 次使用过的密码相同。") % {"n": self.count}


class ForbiddenPasswordValidator:
    """Passwords published somewhere (the demo password in the README): refused on production."""

    def __init__(self, passwords=("Tianshui@2026",)):
        self.passwords = [p.lower() for p in passwords]

    def validate(self, password, user=None):
        lowered = password.lower()
        if any(p in lowered for p in self.passwords):
            raise ValidationError(_("不能使用公开的演示密码。"), code="password_published")

    def get_help_text(self):
        return _("不能使用公开的演示密码。")
