"""CSRF is enforced on every POST URL: a permitted user's POST without the token is refused and
writes nothing (the permission matrix lists every POST URL with the user allowed to make it)."""

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from .test_permission_matrix import ROWS, world  # noqa: F401  (the matrix's world fixture)

POST_ROWS = [r for r in ROWS if r.method == "post" and r.permitted]


def test_the_matrix_has_post_urls():
    assert len(POST_ROWS) >= 20


@pytest.mark.django_db
@pytest.mark.parametrize("row", POST_ROWS, ids=[r.id for r in POST_ROWS])
def test_a_post_without_the_csrf_token_is_refused(row, world):  # noqa: F811
    if row.setup:
        row.setup(world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(getattr(world.users, row.permitted), backend="accounts.backends.AccountsBackend")
    url = reverse(row.name, kwargs=row.kwargs(world) if row.kwargs else {}) + row.query
    writes = LogEntry.objects.count()
    response = client.post(url, row.data(world) if row.data else {})
    assert response.status_code == 403
    assert "安全校验失败，操作未执行" in response.content.decode()
    assert LogEntry.objects.count() == writes
