import json

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body == {"database": "ok", "broker": "ok", "status": "ok"}


def test_healthz_reveals_no_secrets(client, settings):
    content = client.get("/healthz").content.decode()
    assert settings.SECRET_KEY not in content
    assert "password" not in content.lower()


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0", CELERY_BROKER_TRANSPORT_OPTIONS={})
def test_healthz_reports_a_dead_broker_within_its_timeout(client):
    # Pages still serve without the broker: degraded, not down (503 is for the database only).
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"database": "ok", "broker": "error", "status": "degraded"}
