"""seed_demo: the Tianshui tree and demo users, idempotent, demo mode only.

Seeding every mechanism takes a while, so the module seeds once (committed) and every test reads that
data inside its own transaction, which is rolled back; the database is emptied when the module ends."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings

from accounts.choices import Role, UnitKind
from accounts.management.demo import COUNTIES, DEMO_PASSWORD, DEMO_USERS
from accounts.models import OrgUnit, User
from core.registry import seeders
from core.workflow import composed

pytestmark = pytest.mark.django_db


def _seed(scale=1):
    out = StringIO()
    # The case-file review's 50,400 self-checked files are a bulk volume, not what this module
    # checks: a tenth of them here (their parity and counts: tests/supervision/test_seed_parity.py).
    with override_settings(SUPERVISION_DEMO_FRACTION=0.1):
        call_command("seed_demo", "--scale", str(scale), stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        output = _seed()
    yield output
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)


@pytest.fixture
def seeded(seeded_once, db):
    return seeded_once


def _unit(code):
    return OrgUnit.objects.get(short_code=code)


def test_tree_has_the_city_departments_counties_courts_and_mediation(seeded):
    city = _unit("tsgov")
    assert city.name == "天水市人民政府" and city.parent is None
    assert _unit("tssfj").parent == city
    city_agencies = OrgUnit.objects.filter(parent=city, kind=UnitKind.AGENCY)
    assert city_agencies.count() >= 15
    names = set(city_agencies.values_list("name", flat=True))
    for dept in (
        "市场监督管理局",
        "生态环境局",
        "自然资源局",
        "住房和城乡建设局",
        "城市管理综合执法局",
        "交通运输局",
        "农业农村局",
        "文化和旅游局",
        "卫生健康委员会",
        "应急管理局",
        "人力资源和社会保障局",
        "水务局",
        "林业和草原局",
        "教育局",
        "民政局",
        "公安局",
        "医疗保障局",
    ):
        assert f"天水市{dept}" in names, dept
    counties = OrgUnit.objects.filter(parent=city, kind=UnitKind.GOVERNMENT)
    assert set(counties.values_list("name", flat=True)) == {
        "秦州区人民政府",
        "麦积区人民政府",
        "清水县人民政府",
        "秦安县人民政府",
        "甘谷县人民政府",
        "武山县人民政府",
        "张家川回族自治县人民政府",
    }
    for county in counties:
        children = OrgUnit.objects.filter(parent=county)
        assert children.filter(kind=UnitKind.JUSTICE).count() == 1, county
        assert children.filter(kind=UnitKind.AGENCY).count() >= 4, county
        assert children.filter(kind=UnitKind.TOWNSHIP).count() >= 3, county
        assert children.filter(kind=UnitKind.COURT).count() == 1, county
        assert children.filter(kind=UnitKind.PROCURATORATE).count() == 1, county
    assert OrgUnit.objects.filter(name="秦州区大城街道").exists()
    assert OrgUnit.objects.filter(name="麦积区马跑泉镇").exists()
    assert _unit("tszy").name == "天水市中级人民法院"
    assert OrgUnit.objects.filter(kind=UnitKind.COURT).count() == 8
    assert OrgUnit.objects.filter(kind=UnitKind.PROCURATORATE).count() == 8
    assert OrgUnit.objects.filter(name="天水市医疗纠纷人民调解委员会", kind=UnitKind.MEDIATION).exists()
    assert all(code.isascii() for code in OrgUnit.objects.values_list("short_code", flat=True))


def test_paths_are_consistent(seeded):
    for unit in OrgUnit.objects.select_related("parent"):
        expected = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
        assert unit.path == expected, unit


def test_demo_users_have_their_roles_and_units(seeded):
    expected = {
        "admin": (Role.SYSTEM_ADMIN, "天水市司法局"),
        "fzsh": (Role.LEGAL_REVIEWER, "天水市司法局"),
        "fuyi": (Role.RECON_OFFICER, "天水市司法局"),
        "fuyi_head": (Role.RECON_HEAD, "天水市司法局"),
        "jiandu": (Role.SUPERVISOR, "天水市司法局"),
        "zhifa_scj": (Role.ENFORCEMENT_STAFF, "天水市市场监督管理局"),
        "tiaojie": (Role.MEDIATOR, "天水市人民调解委员会"),
        "yingsu": (Role.LITIGATION_STAFF, "天水市司法局"),
        "leader": (Role.LEADER, "天水市人民政府"),
        "auditor": (Role.AUDIT_ADMIN, "天水市司法局"),
        "anquan": (Role.SECURITY_ADMIN, "天水市司法局"),
        "fuyi_qinzhou": (Role.RECON_OFFICER, "秦州区司法局"),
        "fuyi_maiji": (Role.RECON_OFFICER, "麦积区司法局"),
    }
    for username, (role, unit) in expected.items():
        user = User.objects.get(username=username)
        assert user.role_names() == [role], username
        assert user.unit.name == unit, username
        assert user.real_name and user.phone and user.email, username
        assert user.check_password(DEMO_PASSWORD), username
        assert user.must_change_password is False, username
    assert User.objects.get(username="fuyi_head").is_unit_leader
    assert User.objects.get(username="leader").is_unit_leader


def test_demo_user_logs_in_without_being_forced_to_change_the_password(seeded):
    client = Client()
    client.post("/accounts/login/", {"username": "leader", "password": DEMO_PASSWORD})
    assert client.get("/").status_code == 200


def test_seed_is_idempotent(seeded):
    counts = (OrgUnit.objects.count(), User.objects.count())
    _seed()
    assert (OrgUnit.objects.count(), User.objects.count()) == counts


def test_scale_adds_staff_per_county_justice_bureau(seeded):
    # Only the accounts seeder: `seed_demo --scale 3` would also triple every mechanism's demo volume.
    (accounts,) = [s for s in seeders() if s.name == "accounts"]
    base = User.objects.count()
    with composed():
        accounts.func(3, StringIO())
    assert User.objects.count() == base + 2 * len(COUNTIES)
    assert User.objects.filter(unit__short_code="qzsfj", username__startswith="qzsfj_").count() == 3


def test_refuses_without_demo_mode(settings, seeded):
    counts = (OrgUnit.objects.count(), User.objects.count())
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="演示模式"):
        _seed(scale=3)  # would add staff per county
    assert (OrgUnit.objects.count(), User.objects.count()) == counts


def test_prints_the_demo_logins(seeded):
    for demo in DEMO_USERS:
        assert demo.username in seeded
    assert DEMO_PASSWORD in seeded


def test_calendar_sync_is_skipped_with_a_note_when_unavailable(monkeypatch, db):
    from accounts.management import demo

    def missing(*args, **kwargs):
        raise CommandError("Unknown command: 'sync_holidays'")

    monkeypatch.setattr(demo, "call_command", missing)
    out = StringIO()
    demo.seed_calendar(1, out)
    assert "跳过工作日历同步" in out.getvalue()


def test_no_demo_record_is_dated_after_today(seeded):
    from django.db.models import Q
    from django.utils import timezone

    from deadlines.models import Deadline
    from reconsideration.models import CaseEvent, CaseOpinion, ReconsiderationCase

    today = timezone.localdate()
    after = Q()
    for name in (
        "received_on",
        "accepted_on",
        "copy_sent_on",
        "reply_received_on",
        "concluded_on",
        "closed_on",
    ):
        after |= Q(**{f"{name}__gt": today})
    assert ReconsiderationCase.objects.exists()
    assert not ReconsiderationCase.objects.filter(after).exists()
    assert not CaseEvent.objects.filter(date__gt=today).exists()
    assert not CaseOpinion.objects.filter(written_on__gt=today).exists()
    assert not Deadline.objects.filter(Q(trigger_date__gt=today) | Q(closed_on__gt=today)).exists()


def test_output_has_no_english_line(seeded):
    for line in seeded.splitlines():
        text = line.strip()
        if text and not text.startswith(tuple(d.username for d in DEMO_USERS)):
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text), line
