"""Two-factor login (TOTP): enrolment when required, password + code, wrong and replayed codes,
single-use recovery codes, one lockout for wrong passwords and wrong codes, and the 安全管理员's
audited reset of a second factor."""

import time
from base64 import b32encode

import pyotp
import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.choices import Role
from accounts.middleware import SECOND_FACTOR_OK
from core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db

HOME = "/"
VERIFY = reverse("accounts:mfa_verify")
SETUP = reverse("accounts:mfa_setup")
WRONG_PASSWORD = "Wrong@password1"


@pytest.fixture(autouse=True)
def _mfa(settings):
    settings.MFA_REQUIRED = True
    # django-otp's own throttle (a pause after each wrong code) is tested apart; here the lockout is.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def _code(device, *, steps=0):
    totp = pyotp.TOTP(b32encode(device.bin_key).decode())
    return totp.at(time.time() + 30 * steps)


def _wrong_code(device):
    valid = {_code(device, steps=s) for s in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in valid)


def _login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def _enrol(user):
    device = services.totp_device_create(user=user)
    codes = services.totp_device_confirm(user=user, device=device, token=_code(device))
    device.refresh_from_db()
    # The enrolment code is spent (last_t): the next login uses the code of the next time step.
    return device, codes


def _verify(client, token, next_url=""):
    return client.post(VERIFY, {"token": token, "next": next_url})


# --- enrolment ------------------------------------------------------------------------------------


def test_first_login_requires_enrolment_and_shows_ten_recovery_codes_once(client, users, password):
    assert _login(client, "fuyi", password).status_code == 302
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    device = TOTPDevice.objects.get(user=users.fuyi, confirmed=False)
    secret = b32encode(device.bin_key).decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    done = client.post(SETUP, {"token": _code(device)})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    for code in codes:
        assert code in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    # Stored as digests, never as the codes themselves.
    stored = set(StaticToken.objects.filter(device__user=users.fuyi).values_list("token", flat=True))
    assert len(stored) == 10 and not stored & {c.replace("-", "") for c in codes} and not stored & set(codes)
    assert client.get(HOME).status_code == 200
    entry = LogEntry.objects.get_for_object(users.fuyi).filter(actor=users.fuyi).first()
    assert entry is not None and "两步验证" in entry.changes_dict


def test_a_new_user_enrols_before_changing_the_initial_password(client, users, password):
    users.fuyi.must_change_password = True
    users.fuyi.save(update_fields=["must_change_password"])
    _login(client, "fuyi", password)
    # The second factor first: a password alone does not reach even the password change.
    assert client.get(reverse("accounts:password_change"))["Location"].startswith(SETUP)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=users.fuyi)
    assert client.post(SETUP, {"token": _code(device)}).status_code == 200
    assert client.get(HOME)["Location"] == reverse("accounts:password_change")


def test_a_wrong_enrolment_code_confirms_nothing(client, users, password):
    _login(client, "fuyi", password)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=users.fuyi)
    response = client.post(SETUP, {"token": _wrong_code(device)})
    assert response.status_code == 200 and "验证码不正确" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(HOME).status_code == 302


def test_reloading_the_enrolment_page_keeps_the_same_secret(client, users, password):
    _login(client, "fuyi", password)
    client.get(SETUP)
    first = TOTPDevice.objects.get(user=users.fuyi).key
    client.get(SETUP)
    assert list(TOTPDevice.objects.filter(user=users.fuyi).values_list("key", flat=True)) == [first]


def test_without_the_requirement_the_demo_login_is_one_step(client, users, password, settings):
    settings.MFA_REQUIRED = False
    response = _login(client, "fuyi", password)
    assert response.status_code == 302 and response["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_a_role_can_require_the_second_factor(client, users, password, settings):
    settings.MFA_REQUIRED = False
    settings.MFA_REQUIRED_ROLES = [Role.SYSTEM_ADMIN.value]
    _login(client, "admin", password)
    assert client.get(HOME)["Location"].startswith(SETUP)
    client.post(reverse("accounts:logout"))
    _login(client, "fuyi", password)
    assert client.get(HOME).status_code == 200


def test_a_user_who_enrolled_voluntarily_is_always_asked(client, users, password, settings):
    settings.MFA_REQUIRED = False
    _enrol(users.fuyi)
    _login(client, "fuyi", password)
    assert client.get(HOME)["Location"].startswith(VERIFY)


# --- login with the code --------------------------------------------------------------------------


def test_password_then_code_logs_in_and_keeps_next(client, users, password):
    device, _codes = _enrol(users.fuyi)
    target = reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:login"), {"username": "fuyi", "password": password, "next": target}
    )
    # Between password and code only the code page, its enrolment page and logout are reachable.
    for url in (HOME, target, reverse("accounts:user_list")):
        blocked = client.get(url)
        assert blocked.status_code == 302 and blocked["Location"].startswith(VERIFY), url
    response = client.get(target)
    assert "next=" in response["Location"]
    response = _verify(client, _code(device, steps=1), next_url=target)
    assert response.status_code == 302 and response["Location"] == target
    assert client.get(HOME).status_code == 200
    assert client.get(target).status_code == 200


def test_an_unverified_session_cannot_enrol_a_new_authenticator(client, users, password):
    _enrol(users.fuyi)
    _login(client, "fuyi", password)
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=users.fuyi).count() == 1


def test_a_wrong_code_is_refused(client, users, password):
    device, _codes = _enrol(users.fuyi)
    _login(client, "fuyi", password)
    response = _verify(client, _wrong_code(device))
    assert response.status_code == 200
    assert "验证码不正确或已使用过" in response.content.decode()
    assert client.get(HOME)["Location"].startswith(VERIFY)


def test_a_replayed_code_is_refused(client, users, password):
    device, _codes = _enrol(users.fuyi)
    code = _code(device, steps=1)
    _login(client, "fuyi", password)
    assert _verify(client, code).status_code == 302
    client.post(reverse("accounts:logout"))
    _login(client, "fuyi", password)
    response = _verify(client, code)
    assert response.status_code == 200 and "已使用过" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_each_password_login_asks_for_a_new_code(client, users, password):
    device, _codes = _enrol(users.fuyi)
    _login(client, "fuyi", password)
    _verify(client, _code(device, steps=1))
    assert client.get(HOME).status_code == 200
    # Logging in again in the same browser: no "trusted browser", the code is asked again.
    client.post(reverse("accounts:logout"))
    _login(client, "fuyi", password)
    assert client.get(HOME)["Location"].startswith(VERIFY)


def test_a_recovery_code_works_once(client, users, password):
    _device, codes = _enrol(users.fuyi)
    _login(client, "fuyi", password)
    response = _verify(client, codes[0].upper())
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200
    assert services.recovery_codes_remaining(user=users.fuyi) == 9
    client.post(reverse("accounts:logout"))
    _login(client, "fuyi", password)
    assert _verify(client, codes[0]).status_code == 200
    assert client.get(HOME).status_code == 302
    assert _verify(client, codes[1].replace("-", "")).status_code == 302
    assert services.recovery_codes_remaining(user=users.fuyi) == 8


# --- one lockout for passwords and codes ----------------------------------------------------------


def _failures(username):
    return sum(AccessAttempt.objects.filter(username=username).values_list("failures_since_start", flat=True))


def test_five_wrong_codes_lock_the_account(client, users, password):
    device, _codes = _enrol(users.fuyi)
    _login(client, "fuyi", password)
    for _ in range(4):
        assert _verify(client, _wrong_code(device)).status_code == 200
        assert client.get(HOME)["Location"].startswith(VERIFY)
    locked = _verify(client, _wrong_code(device))
    assert "账户已被暂时锁定" in locked.content.decode()
    assert _failures("fuyi") == 5
    # The session is over, and the right password no longer opens a new one.
    assert "/accounts/login/" in client.get(HOME)["Location"]
    _login(client, "fuyi", password)
    assert "/accounts/login/" in client.get(HOME)["Location"]


def test_wrong_passwords_and_wrong_codes_count_together(client, users, password):
    device, _codes = _enrol(users.fuyi)
    for _ in range(3):
        _login(client, "fuyi", WRONG_PASSWORD)
    _login(client, "fuyi", password)
    _verify(client, _wrong_code(device))
    _verify(client, _wrong_code(device))
    assert _failures("fuyi") == 5
    assert "/accounts/login/" in client.get(HOME)["Location"]


def test_the_right_password_does_not_wipe_earlier_wrong_codes(client, users, password):
    device, _codes = _enrol(users.fuyi)
    _login(client, "fuyi", password)
    for _ in range(4):
        _verify(client, _wrong_code(device))
    client.post(reverse("accounts:logout"))
    _login(client, "fuyi", password)
    _verify(client, _wrong_code(device))
    assert _failures("fuyi") == 5
    assert "/accounts/login/" in client.get(HOME)["Location"]


def test_the_right_code_clears_the_count(client, users, password):
    device, _codes = _enrol(users.fuyi)
    _login(client, "fuyi", WRONG_PASSWORD)
    _login(client, "fuyi", password)
    _verify(client, _wrong_code(device))
    assert _failures("fuyi") == 2
    assert _verify(client, _code(device, steps=1)).status_code == 302
    assert _failures("fuyi") == 0


def test_django_otp_throttles_codes_tried_in_quick_succession(client, users, password, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device, _codes = _enrol(users.fuyi)
    _login(client, "fuyi", password)
    _verify(client, _wrong_code(device))
    # Even the right code waits out the pause after a wrong one.
    assert _verify(client, _code(device, steps=1)).status_code == 200


# --- the 安全管理员 --------------------------------------------------------------------------------


def _as(login, user):
    """A logged-in session that has given its second factor."""
    client = login(user)
    session = client.session
    session[SECOND_FACTOR_OK] = True
    session.save()
    return client


@pytest.fixture
def anquan(make_user, tree):
    return make_user("anquan", unit=tree.city_justice, roles=[Role.SECURITY_ADMIN])


def test_the_security_admin_resets_a_second_factor_audited(client, users, anquan, password, login):
    _enrol(users.fuyi)
    victim = client.__class__()
    victim.force_login(users.fuyi, backend="accounts.backends.AccountsBackend")
    victim_session = victim.session.session_key
    admin_client = _as(login, anquan)
    response = admin_client.post(reverse("accounts:user_mfa_reset", kwargs={"pk": users.fuyi.pk}))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=users.fuyi).exists()
    assert not StaticToken.objects.filter(device__user=users.fuyi).exists()
    entry = LogEntry.objects.get_for_object(users.fuyi).filter(actor=anquan).latest("timestamp")
    assert entry.changes_dict["两步验证"][1] == "安全管理员重置"
    assert not Session.objects.filter(session_key=victim_session).exists()  # the user's session is over
    # The 审计管理员 reads it in the change log.
    audit_page = _as(login, users.auditor).get(reverse("audit:index"))
    assert audit_page.status_code == 200
    assert "两步验证" in audit_page.content.decode() and "安全管理员重置" in audit_page.content.decode()
    # At the next login the user enrols again.
    client.logout()
    _login(client, "fuyi", password)
    assert client.get(HOME)["Location"].startswith(SETUP)


def test_nobody_resets_their_own_second_factor(anquan, login):
    _enrol(anquan)
    with pytest.raises(ApplicationError, match="不能重置自己的两步验证"):
        services.user_mfa_reset(actor=anquan, user=anquan)
    assert TOTPDevice.objects.filter(user=anquan, confirmed=True).exists()


def test_only_the_security_admin_resets_a_second_factor(client, users, login):
    _enrol(users.fuyi)
    with pytest.raises(ApplicationError, match="只有安全管理员"):
        services.user_mfa_reset(actor=users.admin, user=users.fuyi)
    response = _as(login, users.admin).post(reverse("accounts:user_mfa_reset", kwargs={"pk": users.fuyi.pk}))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=users.fuyi, confirmed=True).exists()


def test_the_security_admin_unlocks_an_account_audited(client, users, anquan, password, login, settings):
    settings.MFA_REQUIRED = False
    for _ in range(5):
        _login(client, "fuyi", WRONG_PASSWORD)
    assert _failures("fuyi") == 5
    page = _as(login, anquan).get(reverse("accounts:security"))
    assert page.status_code == 200 and "fuyi" in page.context["locked"]
    response = _as(login, anquan).post(reverse("accounts:user_unlock", kwargs={"pk": users.fuyi.pk}))
    assert response.status_code == 302
    assert _failures("fuyi") == 0
    entry = LogEntry.objects.get_for_object(users.fuyi).filter(actor=anquan).latest("timestamp")
    assert "登录锁定" in entry.changes_dict
    client.logout()
    assert _login(client, "fuyi", password)["Location"] == HOME


def test_the_security_page_is_the_security_admins_alone(users, anquan, login):
    assert _as(login, anquan).get(reverse("accounts:security")).status_code == 200
    for other in (users.admin, users.auditor, users.fuyi):
        assert _as(login, other).get(reverse("accounts:security")).status_code == 403
    # 三员分立: the 安全管理员 sees no users page, no audit log and no case content.
    client = _as(login, anquan)
    assert client.get(reverse("accounts:user_list")).status_code == 403
    assert client.get(reverse("audit:index")).status_code == 403
    assert not anquan.has_perm("reconsideration.view_reconsiderationcase")
