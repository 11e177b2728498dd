"""Playwright (Debian's Chromium): a user whose account requires the second factor enrols an
authenticator at the first login — the test plays the phone, computing codes from the secret on the
page with pyotp — and then logs in with password + code."""

import time

import pyotp
import pytest
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.choices import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, username, password):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="登录").click()


@override_settings(MFA_REQUIRED=True)
def test_a_user_enrols_then_logs_in_with_password_and_code(live_server, page, tree, make_user, password):
    user = make_user("fuyi_mfa", unit=tree.city_justice, roles=[Role.RECON_OFFICER], real_name="王志强")
    base = live_server.url

    _login(page, base, user.username, password)
    page.wait_for_url(f"{base}/accounts/mfa/setup/**")
    assert page.locator("#mfa-qr svg").is_visible()  # drawn by the server, nothing fetched
    secret = page.locator("#mfa-secret").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)
    page.fill("input[name=token]", totp.now())
    page.get_by_role("button", name="完成绑定").click()
    codes = page.locator("#recovery-codes li")
    assert codes.count() == 10
    page.get_by_role("link", name="我已保存恢复码，继续").click()
    page.wait_for_url(f"{base}/")
    assert page.locator(".app-topbar").get_by_text("王志强").is_visible()
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(f"{base}/accounts/login/**")

    # The second login: password, then the code of the next time step (the enrolment code is spent).
    _login(page, base, user.username, password)
    page.wait_for_url(f"{base}/accounts/mfa/verify/**")
    assert "信任" not in page.content()  # no "trust this browser"
    page.goto(f"{base}/")  # nothing else is reachable before the code
    assert "/accounts/mfa/verify/" in page.url
    # The enrolment code is spent (django-otp keeps its time step, last_t), and a code accepted across a
    # 30-second boundary shifts the device's drift: take the first step after it within the window.
    device = TOTPDevice.objects.get(user=user)
    window = int(time.time()) // device.step + device.drift
    step = max(device.last_t + 1, window - device.tolerance)
    assert step <= window + device.tolerance
    page.fill("input[name=token]", totp.at(step * device.step))
    page.get_by_role("button", name="验证").click()
    page.wait_for_url(f"{base}/")
    assert page.locator(".app-nav").get_by_text("我的工作台").is_visible()
