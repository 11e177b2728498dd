"""Every URL pattern has a row; every row answers as the matrix says for four kinds of caller."""

import importlib
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import shared_tree, shared_users
from .matrix import Row

# Third-party URL trees that carry their own protection (Django admin requires is_staff).
EXEMPT_NAMESPACES = {"admin"}


def _load_rows() -> list[Row]:
    """ROWS of every tests/<app>/matrix*.py module."""
    rows = []
    for path in sorted(Path(__file__).parent.glob("*/matrix*.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.{path.stem}")
        rows.extend(module.ROWS)
    return rows


ROWS = _load_rows()


def _named_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace
            if ns in EXEMPT_NAMESPACES:
                continue
            yield from _named_patterns(p, f"{prefix}{ns}:" if ns else prefix)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{prefix}{p.name}"


def _unnamed_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in EXEMPT_NAMESPACES:
                continue
            yield from _unnamed_patterns(p, f"{prefix}{p.pattern}")
        elif isinstance(p, URLPattern) and not p.name:
            yield f"{prefix}{p.pattern}"


def test_every_url_pattern_has_a_name():
    """Rows are matched by name: a pattern without one would escape the matrix (100% coverage)."""
    unnamed = sorted(_unnamed_patterns())
    assert not unnamed, f"URL patterns without a name (the matrix cannot cover them): {unnamed}"


def test_every_url_pattern_has_a_row():
    covered = {r.name for r in ROWS}
    missing = sorted(set(_named_patterns()) - covered)
    assert not missing, f"URL patterns without a permission-matrix row: {missing}"


@pytest.fixture
def world(tree, users):
    return SimpleNamespace(tree=tree, users=users)


# The matrix's ~700 requests all start from the same tree and users: built once for the module
# (tests/conftest.py, `module_people`), each request in its own rolled-back savepoint.
@pytest.fixture
def tree(db, module_people):
    return shared_tree(module_people)


@pytest.fixture
def users(tree, module_people):
    return shared_users(module_people, tree)


def _call(client, row, world):
    kwargs = row.kwargs(world) if row.kwargs else {}
    url = reverse(row.name, kwargs=kwargs) + row.query
    data = row.data(world) if row.data else {}
    if row.method == "post":
        return client.post(url, data)
    return client.get(url, data)


def _expect(response, expected):
    if expected == "login":
        assert response.status_code == 302, response.status_code
        assert "/accounts/login/" in response["Location"]
    elif isinstance(expected, tuple):
        assert response.status_code in expected, response.status_code
    else:
        assert response.status_code == expected, response.status_code


CALLERS = ["anonymous", "other", "noperm", "permitted"]
# Only the callers that apply to a row (a list URL has no "other jurisdiction" object to hide).
CASES = [(r, c) for r in ROWS for c in CALLERS if c == "anonymous" or getattr(r, c) is not None]


@pytest.mark.parametrize(("row", "caller"), CASES, ids=[f"{r.id}-{c}" for r, c in CASES])
def test_matrix(row, caller, client, world):
    if row.setup:
        row.setup(world)
    if caller == "anonymous":
        _expect(_call(client, row, world), row.anonymous)
        return
    username = getattr(row, caller)
    client.force_login(getattr(world.users, username), backend="accounts.backends.AccountsBackend")
    expected = {"other": 404, "noperm": 403, "permitted": row.ok}[caller]
    _expect(_call(client, row, world), expected)
