"""Settings shared by every environment.

Embedded defaults need nothing but Python: SQLite under var/, Celery over kombu's filesystem
transport under var/celery/, e-mail to the console. Production overrides them from the environment
(see production.py and .env.example).
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Development-only key; production.py refuses to start without SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", default="dev-insecure-tianshui-cases-key-change-me-0123456789abcdef")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Demo mode: seed_demo may create the demo users with the published demo password.
DEMO_MODE = env.bool("DEMO_MODE", default=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "django_celery_beat",
    "django_htmx",
    "auditlog",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # the house (docs/architecture.md)
    "accounts",
    "core",
    "deadlines",
    "disputes",
    "decisions",
    "enforcement",
    "supervision",
    "mediation",
    "reconsideration",
    "litigation",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    # The second factor before anything else a password alone should not reach (a password change too).
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # AxesMiddleware last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

# Django's form renderer with <select> options written in Python (core.renderers: the filter bars).
FORM_RENDERER = "core.renderers.FormRenderer"

ROOT_URLCONF = "tianshui_cases.urls"
WSGI_APPLICATION = "tianshui_cases.wsgi.application"
ASGI_APPLICATION = "tianshui_cases.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.shell",
            ],
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default is shared by web, worker and beat: WAL and a busy timeout avoid "locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the pages' statements are short aggregates and lookups whose estimated cost
    # (a correlated EXISTS is costed once a row) passes `jit_above_cost`, and compiling them took longer
    # than running them — 650 of the dashboard's 1,650 ms of SQL at scale 1, and ~2.8 s of a litigation
    # statistics query at scale 10 against 70 ms of execution (docs/budgets.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Two PostgreSQL roles (README, "PostgreSQL"): DATABASE_URL is the runtime role of web, worker and beat —
# it owns nothing and may only read and append the audit, access and login logs; DATABASE_OWNER_URL is
# the owner that runs `migrate --database owner`, `grant_runtime_role` and `prune_logs`. Unset, one role
# does both (development and the tests, which must create their database).
if env("DATABASE_OWNER_URL", default=""):
    DATABASES["owner"] = env.db("DATABASE_OWNER_URL")
    DATABASES["owner"]["TEST"] = {"MIRROR": "default"}
# The runtime role `grant_runtime_role` grants to when it is called without one.
DATABASE_RUNTIME_ROLE = env("DATABASE_RUNTIME_ROLE", default="")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out username+IP pairs before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the user's unit and permissions read in one query each (accounts/backends.py).
    "accounts.backends.AccountsBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    # Chinese subclasses of Django's validators (Django 5.2's zh_Hans catalogue lacks some messages).
    {"NAME": "accounts.validators.UserAttributeSimilarityValidator"},  # also real name and phone
    {"NAME": "accounts.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "accounts.validators.CommonPasswordValidator"},  # plus common Chinese passwords
    {"NAME": "accounts.validators.NumericPasswordValidator"},
    {"NAME": "accounts.validators.CharacterClassesValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "accounts.validators.PersonalDataValidator"},  # not containing the username or phone
    {"NAME": "accounts.validators.PasswordHistoryValidator", "OPTIONS": {"count": 5}},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: idle timeout 30 minutes, absolute lifetime 12 hours (accounts.middleware).
SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("SESSION_IDLE_MINUTES", default=30))
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=env.int("SESSION_ABSOLUTE_HOURS", default=12))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# django-axes: 5 failures lock the username+IP pair for 30 minutes; the login page answers with one
# message whether the user exists, the password is wrong or the pair is locked.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A password alone is not a successful login when a second factor follows: the failure count is reset
# by accounts.services.login_complete once the login is whole, so wrong codes count toward the same
# lockout as wrong passwords.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# axes would delete a user's failure-log rows beyond this count; the login logs are append-only
# (core migration 0003, 网络安全法第二十一条: kept at least six months), removed only by `prune_logs`.
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 2**31 - 1
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
AXES_VERBOSE = False

# Two-factor login (TOTP, django-otp). MFA_REQUIRED: every account must enrol and give a code after the
# password (production default: on). MFA_REQUIRED_ROLES: roles that need it even when MFA_REQUIRED is
# off. A user who enrolled voluntarily is always asked for the code. No "trust this browser" option.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=False)
MFA_REQUIRED_ROLES = env.list("MFA_REQUIRED_ROLES", default=[])
OTP_TOTP_ISSUER = "天水诉源治理"
# django-otp's own per-device throttle (seconds doubling after each failure), beside the lockout.
OTP_TOTP_THROTTLE_FACTOR = env.int("OTP_THROTTLE_FACTOR", default=1)
OTP_STATIC_THROTTLE_FACTOR = OTP_TOTP_THROTTLE_FACTOR
MFA_RECOVERY_CODE_COUNT = 10

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media-not-served/"  # attachments are served only through authorised views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from static/ and the apps (no collectstatic needed for `make run`);
# production.py turns this off and serves the hashed, compressed collectstatic output.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)
DATA_UPLOAD_MAX_NUMBER_FILES = 100
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# A notification still un-e-mailed this many seconds after it was created is queued again by the next
# reminder scan (its task was lost with a killed worker, or the broker was down at commit).
NOTIFICATION_EMAIL_RETRY_SECONDS = env.int("NOTIFICATION_EMAIL_RETRY_SECONDS", default=600)
# Absolute address of the site for links in e-mails, e.g. https://cases.sfj.tianshui.gov.cn
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="天水诉源治理系统 <noreply@sfj.tianshui.gov.cn>")

# Per process by default (`make run`); CACHE_URL=redis://… shares it between the web server's workers,
# as production does (settings/production.py) and `make load` (load/run.py).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Celery: filesystem transport by default, Redis in production (CELERY_BROKER_URL).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
CELERY_FILESYSTEM_DIR = VAR_DIR / "celery"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(CELERY_FILESYSTEM_DIR / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_DIR / "queue"),
        "processed_folder": str(CELERY_FILESYSTEM_DIR / "processed"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": 3600}
)
if CELERY_BROKER_URL.startswith("filesystem"):
    # kombu's filesystem transport needs its folders before the first message is published.
    for _folder in ("queue", "processed"):
        (CELERY_FILESYSTEM_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # Working-morning reminder scan (the task itself skips rest days using the work calendar).
    "deadline-reminders-morning": {
        "task": "deadlines.tasks.scan_reminders",
        "schedule": crontab(hour=8, minute=30),
    },
    "deadline-overdue-hourly": {
        "task": "deadlines.tasks.scan_overdue",
        "schedule": crontab(minute=5),
    },
    # 复议法第三十条第三款 (视为受理) and 第三十一条 (视为放弃): applied just after midnight.
    "recon-deemed-acceptance": {
        "task": "reconsideration.tasks.apply_deemed_acceptance",
        "schedule": crontab(hour=0, minute=30),
    },
    "recon-deemed-abandonment": {
        "task": "reconsideration.tasks.apply_deemed_abandonment",
        "schedule": crontab(hour=0, minute=30),
    },
    # 复议法第三十九条、第四十一条: a suspension past 60 days prompts termination.
    "recon-suspension-limit": {
        "task": "reconsideration.tasks.prompt_suspension_termination",
        "schedule": crontab(hour=0, minute=35),
    },
    # 行政执法证件: a certificate past its expiry date becomes 过期 (docs/law/enforcement.md, cert.expiry).
    "enf-certificate-expiry": {
        "task": "enforcement.tasks.expire_certificates",
        "schedule": crontab(hour=0, minute=40),
    },
}

# Lengths of the configurable deadline rules (deadlines/rules.py), e.g. {"sup.rectification": 45}.
DEADLINE_RULE_OVERRIDES = env.json("DEADLINE_RULE_OVERRIDES", default={})
# 重大执法决定备案: working days after the decision (deadline rule sup.filing, docs/law/supervision.md)
SUPERVISION_FILING_WORKING_DAYS = env.int("SUPERVISION_FILING_WORKING_DAYS", default=15)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "core/tables2.html"
DJANGO_TABLES2_PAGE_RANGE = 8

# django-csp 4: everything from this site only; no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Django's admin: superusers only (core.middleware); production.py switches it off unless ADMIN_ENABLED.
ADMIN_ENABLED = env.bool("ADMIN_ENABLED", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # The filesystem broker has no host by design; kombu says so in English on every publish
        # ("No hostname was supplied…"), which would be the one English line of `manage.py seed_demo`.
        "kombu.connection": {"level": "ERROR"},
    },
}

NAV_LABEL = _("天水市诉源治理案件管理系统")
