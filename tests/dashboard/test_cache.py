"""The dashboard's cache (dashboard/cache.py) goes stale exactly when a table its figures are computed
from is written: a leader never reads a figure that a saved record has changed, and a write the figures
do not read (a 府院联动 record, a sign-in) leaves the leaders' page warm."""

import re
from datetime import date

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.indicators import Scope
from dashboard import cache, selectors
from dashboard.forms import jurisdiction_units
from mediation.models import PartnerAgreement
from reconsideration.choices import LinkageKind
from reconsideration.models import LinkageRecord

from .test_dashboard import county_leader, records  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

# Who may see what: read by every page, part of the cache key (the user's permissions).
ACCESS_TABLES = re.compile(r"^(auth_|django_content_type$|accounts_user_)")


def _tables_read(user) -> set[str]:
    scope = Scope(start=date(2025, 1, 1), end=date(2025, 12, 31))
    with CaptureQueriesContext(connection) as ctx:
        selectors.compute(user=user, scope=scope, units=jurisdiction_units(user))
    tables = set()
    for query in ctx.captured_queries:
        tables |= set(re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', query["sql"]))
    return {t for t in tables if not ACCESS_TABLES.match(t)}


def test_every_table_the_figures_read_is_watched(users, records, county_leader):  # noqa: F811
    read = _tables_read(users.leader) | _tables_read(county_leader)
    assert "reconsideration_reconsiderationcase" in read and "litigation_hearing" in read
    assert read <= cache.FEEDING_TABLES, f"not watched: {sorted(read - cache.FEEDING_TABLES)}"
    model_tables = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    assert model_tables >= cache.FEEDING_TABLES, sorted(cache.FEEDING_TABLES - model_tables)


def test_only_writes_to_those_tables_make_the_figures_stale(users, tree):
    before = cache.version()
    users.fuyi.save(update_fields=["last_login"])  # a sign-in
    LinkageRecord.objects.create(
        org_unit=tree.city_justice,
        kind=LinkageKind.JOINT_MEETING,
        date=date(2026, 3, 2),
        title="联席会议",
        summary="纪要",
    )
    assert cache.version() == before
    agreement = PartnerAgreement.objects.create(
        org_unit=tree.city_justice, title="诉调对接工作办法", signed_on=date(2026, 3, 2)
    )
    assert cache.version() > before
    after_save = cache.version()
    agreement.parties.add(tree.qinzhou_justice)  # a many-to-many table the figures count
    assert cache.version() > after_save
