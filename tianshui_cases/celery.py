"""Celery application: reminders, deemed decisions, recomputation after calendar changes."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tianshui_cases.settings.base")

app = Celery("tianshui_cases")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
