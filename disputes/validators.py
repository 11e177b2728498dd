"""Format checks for party identifiers, with the national standards' check digits.

- 公民身份号码: GB 11643-1999 — 6-digit address code, 8-digit birth date, 3-digit sequence, check
  character per ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11; remainder → "10X98765432").
- 统一社会信用代码: GB 32100-2015 — 18 characters from a 31-character set (no I, O, Z, S, V);
  positions 3-8 are the administrative-division code; the 18th is a MOD 31 check character
  (weights 3^(i-1) mod 31).
- Phone numbers: mainland mobile (11 digits starting 13-19) or landline with area code
  (e.g. 0938-8212345, optional extension).
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK_CHARS = "10X98765432"
# Province-level address codes (GB/T 2260); 83 = residence permits of Taiwan residents.
ID_PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82", "83",
}  # fmt: skip

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# Area codes: 010 and 020–029 (8-digit local numbers) or 0300–0999 (7 or 8 digits); local numbers
# never start with 0 or 1; optional extension after a hyphen.
LANDLINE_RE = re.compile(r"^(?:0(?:10|2\d)-?[2-9]\d{7}|0[3-9]\d{2}-?[2-9]\d{6,7})(?:-\d{1,6})?$")


def normalise_code(value: str | None) -> str:
    """Upper-case and strip an ID number or credit code (a lower-case x is common on forms)."""
    return (value or "").strip().upper()


def normalise_phone(value: str | None) -> str:
    """Drop spaces; keep the hyphen between area code and number."""
    return re.sub(r"\s+", "", value or "")


def id_number_check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def validate_id_number(value: str) -> None:
    """公民身份号码 (GB 11643-1999), including foreigners' permanent residence cards (first digit 9)."""
    v = normalise_code(value)
    if len(v) != 18:
        raise ValidationError(_("身份证号码应为18位。"), code="id_length")
    if not (v[:17].isdigit() and (v[17].isdigit() or v[17] == "X")):
        raise ValidationError(_("身份证号码前17位应为数字，最后一位应为数字或X。"), code="id_chars")
    if v[:2] not in ID_PROVINCES and v[0] != "9":
        raise ValidationError(_("身份证号码的地址码无效。"), code="id_region")
    try:
        born = date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        born = None
    if born is None or born.year < 1900 or born > timezone.localdate():
        raise ValidationError(_("身份证号码中的出生日期无效。"), code="id_birth_date")
    if id_number_check_char(v[:17]) != v[17]:
        raise ValidationError(_("身份证号码校验位错误，请核对。"), code="id_checksum")


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    """统一社会信用代码 (GB 32100-2015)."""
    v = normalise_code(value)
    if len(v) != 18:
        raise ValidationError(_("统一社会信用代码应为18位。"), code="uscc_length")
    if any(c not in USCC_CHARS for c in v):
        raise ValidationError(
            _("统一社会信用代码只能由数字和大写字母组成（不含I、O、Z、S、V）。"), code="uscc_chars"
        )
    if not v[2:8].isdigit():
        raise ValidationError(_("统一社会信用代码第3至8位应为行政区划码。"), code="uscc_region")
    if uscc_check_char(v[:17]) != v[17]:
        raise ValidationError(_("统一社会信用代码校验位错误，请核对。"), code="uscc_checksum")


def validate_phone(value: str) -> None:
    """手机号码 (11 digits, 13–19) or 固定电话 with area code, e.g. 0938-8212345 or 09388212345-801."""
    v = normalise_phone(value)
    if MOBILE_RE.match(v) or LANDLINE_RE.match(v):
        return
    raise ValidationError(
        _("请输入有效的手机号码（11位）或带区号的固定电话（如 0938-8212345）。"), code="phone"
    )
