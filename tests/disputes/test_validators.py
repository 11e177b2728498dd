"""Identity numbers, credit codes and phones: valid and invalid examples worked out by hand."""

import pytest
from django.core.exceptions import ValidationError

from disputes.validators import validate_id_number, validate_phone, validate_uscc

# 公民身份号码 (GB 11643-1999), weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check "10X98765432"[S mod 11]:
# 11010519491231002X: S = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → X
# 620502199001011235: S = 42+18+0+25+0+8+2+9+54+0+0+9+0+5+8+8+6 = 194; 194 mod 11 = 7 → 5


@pytest.mark.parametrize("value", ["11010519491231002X", "11010519491231002x", "620502199001011235"])
def test_valid_id_numbers(value):
    validate_id_number(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("110105194912310021", "身份证号码校验位错误，请核对。"),  # check char must be X
        ("620502199001011234", "身份证号码校验位错误，请核对。"),  # must be 5
        ("62050219900101123", "身份证号码应为18位。"),
        ("6205021990010112355", "身份证号码应为18位。"),
        ("62050219900101123A", "身份证号码前17位应为数字，最后一位应为数字或X。"),
        ("620502199002301235", "身份证号码中的出生日期无效。"),  # 30 February
        ("620502230001011235", "身份证号码中的出生日期无效。"),  # born in 2300
        ("000502199001011235", "身份证号码的地址码无效。"),
    ],
)
def test_invalid_id_numbers(value, message):
    with pytest.raises(ValidationError) as exc:
        validate_id_number(value)
    assert exc.value.messages == [message]


# 统一社会信用代码 (GB 32100-2015): values 0-9, A=10 … M=21 … Y=30 (no I O Z S V);
# weights 3^(i-1) mod 31 = 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; check = 31 - S mod 31.
# 91350100M000100Y43: S = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28 → 3


@pytest.mark.parametrize("value", ["91350100M000100Y43", "91350100m000100y43", "914403001922038216"])
def test_valid_credit_codes(value):
    validate_uscc(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("91350100M000100Y44", "统一社会信用代码校验位错误，请核对。"),
        ("91350100M000100Y4", "统一社会信用代码应为18位。"),
        ("91350100I000100Y43", "统一社会信用代码只能由数字和大写字母组成（不含I、O、Z、S、V）。"),
        ("913501A0M000100Y43", "统一社会信用代码第3至8位应为行政区划码。"),
    ],
)
def test_invalid_credit_codes(value, message):
    with pytest.raises(ValidationError) as exc:
        validate_uscc(value)
    assert exc.value.messages == [message]


@pytest.mark.parametrize(
    "value",
    ["13912345678", "199 3812 3456", "0938-8212345", "09388212345", "010-62345678", "0938-8212345-801"],
)
def test_valid_phones(value):
    validate_phone(value)


@pytest.mark.parametrize(
    "value",
    [
        "12912345678",  # no mobile prefix 12
        "1391234567",  # 10 digits
        "139123456789",  # 12 digits
        "938-8212345",  # no leading 0 of the area code
        "0938-0212345",  # local numbers never start with 0
        "010-6234567",  # Beijing numbers have 8 digits
        "电话13912345678",
    ],
)
def test_invalid_phones(value):
    with pytest.raises(ValidationError) as exc:
        validate_phone(value)
    assert "请输入有效的手机号码" in exc.value.messages[0]
