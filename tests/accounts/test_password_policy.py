"""Password policy with Chinese messages; admin-set passwords must be changed."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import services
from core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db

GOOD = "Qinzhou#Weihe2026"


def _messages(password, user=None):
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        return exc.messages
    return []


def test_a_good_password_passes(users):
    assert _messages(GOOD, users.fuyi) == []


def test_length_at_least_twelve():
    assert _messages("Ab#45678901") == ["密码太短，至少需要 12 个字符。"]
    assert _messages("Ab#456789012") == []


def test_common_passwords_are_refused():
    assert "该密码过于常见，容易被猜中，请换一个。" in _messages("Password1234")
    assert "该密码过于常见，容易被猜中，请换一个。" in _messages("Woaini1314")  # common in China


def test_three_of_four_character_classes():
    assert _messages("abcdefghijkl#") == ["密码须包含小写字母、大写字母、数字、符号中的至少 3 类。"]
    assert _messages("abcdefghijkl#9") == []  # lower + symbol + digit
    assert _messages("ABCDEFGHJKLmn9") == []  # upper + lower + digit


def test_entirely_numeric_is_refused():
    assert "密码不能全部是数字。" in _messages("902837465519")


def test_similar_to_the_users_own_data_is_refused(make_user, tree):
    user = make_user("guojianjun", unit=tree.qinzhou_justice, phone="15193830121", email="gjj@qzsfj.gov.cn")
    assert any("过于相似" in m for m in _messages("Guojianjun#1", user))
    assert any("过于相似" in m for m in _messages("15193830121Ab", user))


def test_every_message_is_chinese():
    for message in _messages("abc"):
        assert not any("a" <= ch.lower() <= "z" for ch in message.replace("%", "")), message


def test_admin_set_password_must_be_changed_at_next_login(users):
    services.user_set_password(actor=users.admin, user=users.fuyi, password=GOOD)
    users.fuyi.refresh_from_db()
    assert users.fuyi.must_change_password is True
    assert users.fuyi.check_password(GOOD)


def test_service_refuses_a_weak_password(users):
    with pytest.raises(ApplicationError) as exc:
        services.user_set_password(actor=users.admin, user=users.fuyi, password="short")
    assert "密码太短" in str(exc.value)


def test_user_who_must_change_is_sent_to_the_password_page_from_everywhere(login, users):
    users.fuyi.must_change_password = True
    users.fuyi.save()
    client = login(users.fuyi)
    for path in ("/", "/accounts/users/", "/no-such-page/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("accounts:password_change")
    assert client.get(reverse("accounts:password_change")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_static_files_are_not_redirected(login, users, settings):
    users.fuyi.must_change_password = True
    users.fuyi.save()
    client = login(users.fuyi)
    response = client.get(settings.STATIC_URL + "css/app.css")
    assert response.status_code in (200, 404)  # served or not found, but never sent to the password page


def test_changing_the_password_lifts_the_obligation(login, users, password):
    users.fuyi.must_change_password = True
    users.fuyi.save()
    client = login(users.fuyi)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": GOOD, "new_password2": GOOD},
    )
    assert response.status_code == 302
    users.fuyi.refresh_from_db()
    assert users.fuyi.must_change_password is False
    assert users.fuyi.check_password(GOOD)
    # still logged in, and free to go anywhere
    assert client.get("/").status_code == 200


def test_password_change_page_shows_chinese_policy_errors(login, users, password):
    client = login(users.fuyi)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": "abcdefghijkl", "new_password2": "abcdefghijkl"},
    )
    assert response.status_code == 200
    assert "密码须包含小写字母、大写字母、数字、符号中的至少 3 类。" in response.content.decode()
    users.fuyi.refresh_from_db()
    assert users.fuyi.check_password(password)
