"""Shared fixtures: a small Tianshui org tree and users in each role."""

import os
import sys
from types import SimpleNamespace

import pytest
from django.db import transaction

from accounts.choices import Role, UnitKind

from .accounts.factories import DEFAULT_PASSWORD, OrgUnitFactory, UserFactory

# pytest-playwright runs an event loop in the test thread; live_server views are sync Django.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_work_calendar():
    """The work calendar is cached per process: rows of a rolled-back test must not leak into the next."""
    from deadlines.calendar import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def _celery_join_flag_reset():
    """Eager tasks (settings/test.py) run under celery's process-wide "a join would block" flag, set and
    restored around each task without a lock: the concurrency tests' threads, each running eager tasks,
    can leave it set, and a later test's `result.get()` then refuses. Each test starts with it clear."""
    from celery.result import _set_task_join_will_block

    _set_task_join_will_block(False)


@pytest.fixture(autouse=True)
def _fresh_dashboard_cache():
    """The dashboard's figures are cached (dashboard/cache.py): a rolled-back test's must not be read."""
    from dashboard.cache import bump

    bump()


def build_tree():
    """天水市人民政府 → 市司法局, 市市场监督管理局; 秦州区 and 麦积区: 司法局, an agency, a township."""
    u = OrgUnitFactory
    city = u(name="天水市人民政府", short_code="tsgov", kind=UnitKind.GOVERNMENT)
    city_justice = u(name="天水市司法局", short_code="tssfj", kind=UnitKind.JUSTICE, parent=city)
    city_market = u(name="天水市市场监督管理局", short_code="tsscj", kind=UnitKind.AGENCY, parent=city)
    qinzhou = u(name="秦州区人民政府", short_code="qzgov", kind=UnitKind.GOVERNMENT, parent=city)
    qinzhou_justice = u(name="秦州区司法局", short_code="qzsfj", kind=UnitKind.JUSTICE, parent=qinzhou)
    qinzhou_market = u(name="秦州区市场监督管理局", short_code="qzscj", kind=UnitKind.AGENCY, parent=qinzhou)
    qinzhou_town = u(name="秦州区大城街道", short_code="qzdc", kind=UnitKind.TOWNSHIP, parent=qinzhou)
    maiji = u(name="麦积区人民政府", short_code="mjgov", kind=UnitKind.GOVERNMENT, parent=city)
    maiji_justice = u(name="麦积区司法局", short_code="mjsfj", kind=UnitKind.JUSTICE, parent=maiji)
    maiji_market = u(name="麦积区市场监督管理局", short_code="mjscj", kind=UnitKind.AGENCY, parent=maiji)
    return SimpleNamespace(
        city=city,
        city_justice=city_justice,
        city_market=city_market,
        qinzhou=qinzhou,
        qinzhou_justice=qinzhou_justice,
        qinzhou_market=qinzhou_market,
        qinzhou_town=qinzhou_town,
        maiji=maiji,
        maiji_justice=maiji_justice,
        maiji_market=maiji_market,
    )


def _make_user(username=None, *, unit, roles=(), **kwargs):
    if username:
        kwargs["username"] = username
    return UserFactory(unit=unit, roles=list(roles), **kwargs)


def build_users(tree, make=_make_user):
    """One user per role, at the units the demo data uses."""
    return SimpleNamespace(
        admin=make("admin", unit=tree.city_justice, roles=[Role.SYSTEM_ADMIN]),
        auditor=make("auditor", unit=tree.city_justice, roles=[Role.AUDIT_ADMIN]),
        fzsh=make("fzsh", unit=tree.city_justice, roles=[Role.LEGAL_REVIEWER]),
        fuyi=make("fuyi", unit=tree.city_justice, roles=[Role.RECON_OFFICER]),
        fuyi_head=make("fuyi_head", unit=tree.city_justice, roles=[Role.RECON_HEAD], is_unit_leader=True),
        fuyi_qinzhou=make("fuyi_qinzhou", unit=tree.qinzhou_justice, roles=[Role.RECON_OFFICER]),
        fuyi_maiji=make("fuyi_maiji", unit=tree.maiji_justice, roles=[Role.RECON_OFFICER]),
        jiandu=make("jiandu", unit=tree.city_justice, roles=[Role.SUPERVISOR]),
        zhifa_scj=make("zhifa_scj", unit=tree.city_market, roles=[Role.ENFORCEMENT_STAFF]),
        leader=make("leader", unit=tree.city, roles=[Role.LEADER], is_unit_leader=True),
        nobody=make("nobody", unit=tree.city_justice, roles=[]),
    )


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def make_user(db):
    return _make_user


@pytest.fixture
def users(tree, make_user):
    return build_users(tree, make_user)


@pytest.fixture(scope="module")
def module_people(django_db_setup, django_db_blocker):
    """`tree` and `users` built once for a module, for a module whose tests all run in pytest-django's
    per-test transaction (no `transaction=True`, no live server): the rows are written in a transaction
    held open around the module, each test's own transaction is a savepoint inside it, and the module's
    is rolled back at its end. A module opts in by overriding `tree` and `users` with `shared_tree` and
    `shared_users`. The tests get instances read afresh (two queries), never the ones of another test."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            tree = build_tree()
            users = build_users(tree)
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield {k: v.pk for k, v in vars(tree).items()}, {k: v.pk for k, v in vars(users).items()}
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def shared_tree(module_people):
    from accounts.models import OrgUnit

    by_pk = OrgUnit.objects.in_bulk(module_people[0].values())
    return SimpleNamespace(**{k: by_pk[pk] for k, pk in module_people[0].items()})


def shared_users(module_people, tree):
    from accounts.models import User

    units = {u.pk: u for u in vars(tree).values()}
    by_pk = User.objects.in_bulk(module_people[1].values())
    for user in by_pk.values():
        user.unit = units[user.unit_id]
    return SimpleNamespace(**{k: by_pk[pk] for k, pk in module_people[1].items()})


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def login(client):
    """login(user) → the test client logged in as that user (through the real login form)."""

    def do(user):
        client.force_login(user, backend="accounts.backends.AccountsBackend")
        return client

    return do


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright drives Debian's Chromium; Playwright never downloads a browser of its own."""
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


#: The longest modules, handed out first: `--dist loadfile` gives whole files to the workers in
#: collection order, and these (minutes each on PostgreSQL) collected last — tests/test_*.py come after
#: the app folders — left one worker running one of them while the other sat idle.
LONGEST_FIRST = (
    "tests/test_fuzz_forms.py",
    "tests/test_concurrency_all.py",
    "tests/core/test_numbering.py",
    "tests/accounts/test_seed_demo.py",
    "tests/test_permission_matrix.py",
)


def pytest_collection_modifyitems(items):
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))
