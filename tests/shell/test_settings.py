"""Production settings refuse to start without their secrets; the house defaults hold."""

import os
import subprocess
import sys

from django.conf import settings


def _import_production(extra_env):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}}
    env.update(extra_env)
    env["DJANGO_SETTINGS_MODULE"] = "tianshui_cases.settings.production"
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )


def test_production_without_secret_key_fails_with_a_clear_error():
    result = _import_production({"DATABASE_URL": "postgres://x@localhost/x", "ALLOWED_HOSTS": "a.example"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_starts_with_its_settings():
    result = _import_production(
        {"SECRET_KEY": "x" * 60, "DATABASE_URL": "postgres://x@localhost/x", "ALLOWED_HOSTS": "a.example"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_house_locale_and_time_zone():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True
    assert settings.AUTH_USER_MODEL == "accounts.User"
