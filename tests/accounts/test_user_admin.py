"""User and unit management for 系统管理员."""

import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import selectors, services
from accounts.choices import Role, UnitKind
from accounts.models import OrgUnit, User
from core.exceptions import ApplicationError

from .factories import DEFAULT_PASSWORD, OrgUnitFactory

pytestmark = pytest.mark.django_db

GOOD = "Kaishi#Mima2026"


@pytest.fixture
def admin_qinzhou(make_user, tree):
    return make_user("admin_qinzhou", unit=tree.qinzhou_justice, roles=[Role.SYSTEM_ADMIN])


def _group(role):
    return Group.objects.get(name=str(role))


# --- list -------------------------------------------------------------------------------------


def test_user_list_masks_phones_and_shows_roles(login, users):
    html = login(users.admin).get(reverse("accounts:user_list")).content.decode()
    assert "139****5678" in html
    assert "13912345678" not in html
    assert "复议工作人员" in html


def test_user_list_shows_only_the_jurisdiction(login, users, admin_qinzhou):
    html = login(admin_qinzhou).get(reverse("accounts:user_list")).content.decode()
    assert ">fuyi_qinzhou<" in html
    assert ">fuyi_maiji<" not in html
    assert ">fuyi<" not in html


def test_user_list_filters(login, users, tree):
    client = login(users.admin)
    url = reverse("accounts:user_list")
    by_unit = client.get(url, {"unit": tree.qinzhou.pk}).context["users"]
    assert [u.username for u in by_unit] == ["fuyi_qinzhou"]
    by_role = client.get(url, {"role": Role.RECON_OFFICER}).context["users"]
    assert {u.username for u in by_role} == {"fuyi", "fuyi_qinzhou", "fuyi_maiji"}
    by_keyword = client.get(url, {"q": "maiji"}).context["users"]
    assert [u.username for u in by_keyword] == ["fuyi_maiji"]
    services.user_disable(actor=users.admin, user=users.jiandu)
    inactive = client.get(url, {"active": "0"}).context["users"]
    assert [u.username for u in inactive] == ["jiandu"]


def _queries(client, url, data=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return response, len(ctx)


def test_user_list_is_paginated_by_25_with_constant_queries(login, users, tree, make_user):
    for i in range(40):
        make_user(f"staff{i:02d}", unit=tree.maiji_market, roles=[Role.ENFORCEMENT_STAFF, Role.MEDIATOR])
    client = login(users.admin)
    url = reverse("accounts:user_list")
    full, n_full = _queries(client, url)
    last, n_last = _queries(client, url, {"page": 3})
    assert len(full.context["users"]) == 25
    assert full.context["page_obj"].paginator.count == 51
    assert len(last.context["users"]) == 1
    assert n_full == n_last <= 18  # 25 rows cost no more queries than 1


# --- create / edit ----------------------------------------------------------------------------


def _create_data(unit, **overrides):
    data = {
        "username": "wangfang",
        "real_name": "王芳",
        "unit": unit.pk,
        "title": "科员",
        "phone": "13893812345",
        "email": "wangfang@qzsfj.gov.cn",
        "roles": [_group(Role.RECON_OFFICER).pk, _group(Role.MEDIATOR).pk],
        "is_unit_leader": "",
        "email_notifications": "on",
        "password1": GOOD,
        "password2": GOOD,
    }
    data.update(overrides)
    return data


def test_create_user_with_roles_must_change_password(login, users, tree):
    response = login(users.admin).post(reverse("accounts:user_create"), _create_data(tree.qinzhou_justice))
    assert response.status_code == 302
    user = User.objects.get(username="wangfang")
    assert user.unit == tree.qinzhou_justice
    assert set(user.role_names()) == {"复议工作人员", "调解员"}
    assert user.must_change_password is True
    assert user.check_password(GOOD)
    # the new user is sent to the password page after logging in
    client = Client()
    client.post(reverse("accounts:login"), {"username": "wangfang", "password": GOOD})
    assert client.get("/")["Location"] == reverse("accounts:password_change")


def test_create_form_offers_only_units_in_the_jurisdiction(login, admin_qinzhou, tree):
    form = login(admin_qinzhou).get(reverse("accounts:user_create")).context["form"]
    offered = {pk for pk, _label in form.fields["unit"].choices if pk}
    assert offered == {tree.qinzhou.pk, tree.qinzhou_justice.pk, tree.qinzhou_market.pk, tree.qinzhou_town.pk}
    # and a forged POST for a unit outside is refused
    response = login(admin_qinzhou).post(reverse("accounts:user_create"), _create_data(tree.maiji_justice))
    assert response.status_code == 200
    assert not User.objects.filter(username="wangfang").exists()


def test_create_refuses_a_weak_password_in_chinese(login, users, tree):
    data = _create_data(tree.city_justice, password1="abcdefghijkl", password2="abcdefghijkl")
    response = login(users.admin).post(reverse("accounts:user_create"), data)
    assert response.status_code == 200
    assert "密码须包含小写字母、大写字母、数字、符号中的至少 3 类。" in response.content.decode()
    assert not User.objects.filter(username="wangfang").exists()


def test_create_refuses_a_taken_username(login, users, tree):
    response = login(users.admin).post(
        reverse("accounts:user_create"), _create_data(tree.city_justice, username="FUYI")
    )
    assert "该用户名已被使用。" in response.content.decode()


def test_edit_user_changes_unit_and_roles(login, users, tree):
    client = login(users.admin)
    url = reverse("accounts:user_edit", kwargs={"pk": users.fuyi_maiji.pk})
    form = client.get(url).context["form"]
    assert form.initial["roles"] == [_group(Role.RECON_OFFICER).pk]
    response = client.post(
        url,
        {
            "real_name": "何雪梅",
            "unit": tree.qinzhou_justice.pk,
            "title": "股长",
            "phone": "0938-8212345",
            "email": "",
            "roles": [_group(Role.RECON_HEAD).pk],
            "is_unit_leader": "on",
            "version": users.fuyi_maiji.version,
        },
    )
    assert response.status_code == 302
    users.fuyi_maiji.refresh_from_db()
    assert users.fuyi_maiji.unit == tree.qinzhou_justice
    assert users.fuyi_maiji.role_names() == ["复议机构负责人"]
    assert users.fuyi_maiji.is_unit_leader is True
    assert users.fuyi_maiji.email_notifications is False


def test_edit_refuses_a_bad_phone(login, users, tree):
    url = reverse("accounts:user_edit", kwargs={"pk": users.fuyi.pk})
    response = login(users.admin).post(
        url, {"real_name": "王志强", "unit": tree.city_justice.pk, "phone": "12345"}
    )
    assert response.status_code == 200
    assert "手机号码" in response.content.decode()


def test_admin_cannot_remove_own_admin_role(users, tree):
    with pytest.raises(ApplicationError):
        services.user_update(
            actor=users.admin,
            user=users.admin,
            version=users.admin.version,
            real_name="x",
            unit=tree.city_justice,
            roles=[],
        )


def test_writes_are_audited(login, users, tree):
    from auditlog.models import LogEntry

    login(users.admin).post(reverse("accounts:user_create"), _create_data(tree.city_justice))
    created = User.objects.get(username="wangfang")
    entries = LogEntry.objects.get_for_object(created)
    assert entries.filter(action=LogEntry.Action.CREATE, actor=users.admin).exists()
    services.user_set_password(actor=users.admin, user=created, password="Another#Pass2026")
    resets = [e for e in LogEntry.objects.get_for_object(created) if "password" in (e.changes or {})]
    assert len(resets) == 1
    assert resets[0].actor == users.admin
    assert "Another#Pass2026" not in str(resets[0].changes)


# --- disable / enable / reset -----------------------------------------------------------------


def test_toggle_disables_and_enables(login, users):
    client = login(users.admin)
    url = reverse("accounts:user_toggle_active", kwargs={"pk": users.fuyi.pk})
    assert client.post(url).status_code == 302
    users.fuyi.refresh_from_db()
    assert users.fuyi.is_active is False
    client.post(url)
    users.fuyi.refresh_from_db()
    assert users.fuyi.is_active is True


def test_disabling_through_the_page_ends_the_users_session(login, users, password):
    victim = Client()
    victim.post(reverse("accounts:login"), {"username": "fuyi", "password": password})
    assert victim.get("/").status_code == 200
    login(users.admin).post(reverse("accounts:user_toggle_active", kwargs={"pk": users.fuyi.pk}))
    assert victim.get("/").status_code == 302


def test_admin_cannot_disable_themself(login, users):
    client = login(users.admin)
    response = client.post(reverse("accounts:user_toggle_active", kwargs={"pk": users.admin.pk}), follow=True)
    users.admin.refresh_from_db()
    assert users.admin.is_active is True
    assert "不能停用自己的账户。" in response.content.decode()


def test_reset_with_a_generated_password_shows_it_once(login, users):
    client = login(users.admin)
    url = reverse("accounts:user_reset_password", kwargs={"pk": users.fuyi.pk})
    response = client.post(url, {"password1": "", "password2": ""})
    assert response.status_code == 200
    shown = re.search(r'id="generated-password">([^<]+)<', response.content.decode()).group(1)
    users.fuyi.refresh_from_db()
    assert users.fuyi.check_password(shown)
    assert users.fuyi.must_change_password is True
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    # not shown again
    assert shown not in client.get(reverse("accounts:user_list")).content.decode()


def test_reset_with_a_typed_password(login, users):
    url = reverse("accounts:user_reset_password", kwargs={"pk": users.fuyi.pk})
    response = login(users.admin).post(url, {"password1": GOOD, "password2": GOOD})
    assert response.status_code == 200
    assert "generated-password" not in response.content.decode()
    users.fuyi.refresh_from_db()
    assert users.fuyi.check_password(GOOD)
    assert users.fuyi.must_change_password is True


def test_generated_passwords_satisfy_the_policy(users):
    from django.contrib.auth.password_validation import validate_password

    for _ in range(20):
        validate_password(services.generate_password(), user=users.fuyi)


# --- jurisdiction -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["accounts:user_edit", "accounts:user_reset_password"])
def test_county_admin_gets_404_for_another_countys_user(login, users, admin_qinzhou, name):
    client = login(admin_qinzhou)
    assert client.get(reverse(name, kwargs={"pk": users.fuyi_maiji.pk})).status_code == 404
    assert client.get(reverse(name, kwargs={"pk": users.fuyi_qinzhou.pk})).status_code == 200


def test_county_admin_cannot_toggle_another_countys_user(login, users, admin_qinzhou):
    url = reverse("accounts:user_toggle_active", kwargs={"pk": users.fuyi_maiji.pk})
    assert login(admin_qinzhou).post(url).status_code == 404
    users.fuyi_maiji.refresh_from_db()
    assert users.fuyi_maiji.is_active is True


def test_county_admin_cannot_move_a_user_out_of_the_county(users, admin_qinzhou, tree):
    with pytest.raises(ApplicationError):
        services.user_update(
            actor=admin_qinzhou,
            user=users.fuyi_qinzhou,
            version=users.fuyi_qinzhou.version,
            real_name="郭建军",
            unit=tree.maiji_justice,
            roles=[Role.RECON_OFFICER],
        )


def test_system_admin_sees_no_case_content(users):
    perms = users.admin.get_all_permissions()
    case_apps = {
        "reconsideration",
        "disputes",
        "decisions",
        "enforcement",
        "supervision",
        "mediation",
        "litigation",
    }
    assert not {p for p in perms if p.split(".")[0] in case_apps}
    assert "accounts.manage_users" in perms and "accounts.manage_units" in perms


def test_superusers_are_hidden_from_admins(login, users, make_user, tree):
    root = make_user("root", unit=tree.city_justice, is_superuser=True)
    client = login(users.admin)
    assert client.get(reverse("accounts:user_edit", kwargs={"pk": root.pk})).status_code == 404


# --- units ------------------------------------------------------------------------------------


def test_unit_tree_counts_users_in_one_query(login, users, tree, django_assert_num_queries):
    client = login(users.admin)
    client.get(reverse("accounts:unit_tree"))
    roots = selectors.unit_tree(user=users.admin)
    assert [r.unit for r in roots] == [tree.city]
    by_unit = {}

    def walk(node):
        by_unit[node.unit] = node
        for child in node.children:
            walk(child)

    walk(roots[0])
    assert by_unit[tree.city_justice].user_count == 7  # admin auditor fzsh fuyi fuyi_head jiandu nobody
    assert by_unit[tree.qinzhou].subtree_user_count == 1
    assert by_unit[tree.city].subtree_user_count == User.objects.filter(is_active=True).count()
    with django_assert_num_queries(1):
        selectors.unit_tree(user=users.admin)


def test_unit_tree_page_is_scoped(login, admin_qinzhou, tree):
    html = login(admin_qinzhou).get(reverse("accounts:unit_tree")).content.decode()
    assert "秦州区司法局" in html
    assert "麦积区" not in html


def test_unit_tree_query_count_does_not_grow_with_units(login, users, tree, make_user):
    client = login(users.admin)
    url = reverse("accounts:unit_tree")
    _response, before = _queries(client, url)
    for i in range(30):
        town = OrgUnitFactory(name=f"乡镇{i}", kind=UnitKind.TOWNSHIP, parent=tree.maiji)
        make_user(f"town{i}", unit=town)
    response, after = _queries(client, url)
    assert "乡镇29" in response.content.decode()
    assert after == before <= 16


def test_create_unit(login, users, tree):
    response = login(users.admin).post(
        reverse("accounts:unit_create"),
        {
            "name": "秦州区玉泉镇",
            "short_code": "qzyq",
            "kind": UnitKind.TOWNSHIP,
            "parent": tree.qinzhou.pk,
            "sort_order": 5,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(short_code="qzyq")
    assert unit.path == f"{tree.qinzhou.path}{unit.pk}/"
    assert unit.depth == 2


def test_create_unit_refuses_non_ascii_and_duplicate_codes(login, users, tree):
    client = login(users.admin)
    data = {"name": "某单位", "kind": UnitKind.AGENCY, "parent": tree.city.pk, "sort_order": 0}
    assert client.post(reverse("accounts:unit_create"), {**data, "short_code": "某码"}).status_code == 200
    assert client.post(reverse("accounts:unit_create"), {**data, "short_code": "qzsfj"}).status_code == 200
    assert not OrgUnit.objects.filter(name="某单位").exists()


def test_county_admin_cannot_create_a_unit_outside(login, admin_qinzhou, tree):
    response = login(admin_qinzhou).post(
        reverse("accounts:unit_create"),
        {
            "name": "麦积区某局",
            "short_code": "mjmj",
            "kind": UnitKind.AGENCY,
            "parent": tree.maiji.pk,
            "sort_order": 0,
        },
    )
    assert response.status_code == 200
    assert not OrgUnit.objects.filter(short_code="mjmj").exists()


def test_orgunit_move_rewrites_the_subtree_paths(users, tree, make_user):
    office = OrgUnitFactory(name="稽查科", parent=tree.qinzhou_market)
    squad = OrgUnitFactory(name="一中队", parent=office)
    inspector = make_user("inspector", unit=squad)
    services.orgunit_move(actor=users.admin, unit=tree.qinzhou_market, parent=tree.maiji)
    for unit in (tree.qinzhou_market, office, squad):
        unit.refresh_from_db()
    assert tree.qinzhou_market.path == f"{tree.maiji.path}{tree.qinzhou_market.pk}/"
    assert office.path == f"{tree.qinzhou_market.path}{office.pk}/"
    assert squad.path == f"{office.path}{squad.pk}/"
    assert (tree.qinzhou_market.depth, office.depth, squad.depth) == (2, 3, 4)
    # jurisdiction follows the new tree
    assert inspector in User.objects.visible_to(users.fuyi_maiji)
    assert inspector not in User.objects.visible_to(users.fuyi_qinzhou)


def test_orgunit_move_one_level_up_shortens_depths(users, tree):
    office = OrgUnitFactory(name="稽查科", parent=tree.qinzhou_market)
    services.orgunit_move(actor=users.admin, unit=office, parent=tree.city)
    office.refresh_from_db()
    assert office.path == f"{tree.city.path}{office.pk}/"
    assert office.depth == 1


def test_orgunit_move_refuses_own_descendant(users, tree):
    with pytest.raises(ApplicationError):
        services.orgunit_move(actor=users.admin, unit=tree.qinzhou, parent=tree.qinzhou_town)
    with pytest.raises(ApplicationError):
        services.orgunit_move(actor=users.admin, unit=tree.qinzhou, parent=tree.qinzhou)
    tree.qinzhou.refresh_from_db()
    assert tree.qinzhou.parent == tree.city


def test_edit_unit_moves_it_through_the_page(login, users, tree):
    url = reverse("accounts:unit_edit", kwargs={"pk": tree.qinzhou_market.pk})
    client = login(users.admin)
    form = client.get(url).context["form"]
    offered = {pk for pk, _label in form.fields["parent"].choices if pk}
    assert tree.qinzhou_market.pk not in offered  # not under itself
    response = client.post(
        url,
        {
            "name": "秦州区市场监督管理局",
            "short_code": "qzscj",
            "kind": UnitKind.AGENCY,
            "parent": tree.maiji.pk,
            "sort_order": 0,
            "is_active": "on",
            "version": tree.qinzhou_market.version,
        },
    )
    assert response.status_code == 302
    tree.qinzhou_market.refresh_from_db()
    assert tree.qinzhou_market.path.startswith(tree.maiji.path)


def test_edit_unit_refuses_a_descendant_parent(login, users, tree):
    url = reverse("accounts:unit_edit", kwargs={"pk": tree.qinzhou.pk})
    response = login(users.admin).post(
        url,
        {
            "name": "秦州区人民政府",
            "short_code": "qzgov",
            "kind": UnitKind.GOVERNMENT,
            "parent": tree.qinzhou_town.pk,
            "sort_order": 0,
            "is_active": "on",
            "version": tree.qinzhou.version,
        },
    )
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    tree.qinzhou.refresh_from_db()
    assert tree.qinzhou.parent == tree.city


def test_county_admin_can_rename_the_county_without_moving_it(login, admin_qinzhou, tree):
    url = reverse("accounts:unit_edit", kwargs={"pk": tree.qinzhou.pk})
    response = login(admin_qinzhou).post(
        url,
        {
            "name": "天水市秦州区人民政府",
            "short_code": "qzgov",
            "kind": UnitKind.GOVERNMENT,
            "parent": tree.city.pk,
            "sort_order": 0,
            "is_active": "on",
            "version": tree.qinzhou.version,
        },
    )
    assert response.status_code == 302
    tree.qinzhou.refresh_from_db()
    assert tree.qinzhou.name == "天水市秦州区人民政府"
    assert tree.qinzhou.parent == tree.city


def test_county_admin_gets_404_for_another_countys_unit(login, admin_qinzhou, tree):
    client = login(admin_qinzhou)
    assert client.get(reverse("accounts:unit_edit", kwargs={"pk": tree.maiji_market.pk})).status_code == 404


# --- workbench ----------------------------------------------------------------------------------


def test_workbench_panel_for_admins_only(login, users, rf):
    request = rf.get("/")
    request.user = users.fuyi
    assert selectors.workbench_panel(request) is None
    users.fuyi.must_change_password = True
    users.fuyi.save()
    AccessAttempt.objects.create(
        username="fzsh",
        ip_address="10.0.0.1",
        user_agent="x",
        failures_since_start=5,
        attempt_time=timezone.now(),
        get_data="",
        post_data="",
        http_accept="",
        path_info="/accounts/login/",
    )
    request.user = users.admin
    panel = selectors.workbench_panel(request)
    assert panel["title"] == "系统管理"
    assert panel["context"]["must_change"] == 1
    assert panel["context"]["locked"] == 1
    assert panel["context"]["active"] == User.objects.filter(is_active=True).count()
    html = login(users.admin).get("/").content.decode()
    assert "锁定中的账户" in html


def test_demo_password_constant_differs_from_test_password():
    assert DEFAULT_PASSWORD != GOOD


# --- Django admin (superusers) --------------------------------------------------------------------


def test_django_admin_password_change_also_forces_a_change(client, users, make_user, tree):
    root = make_user("root", unit=tree.city_justice, is_superuser=True, is_staff=True)
    client.force_login(root, backend="accounts.backends.AccountsBackend")
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert client.get(reverse("admin:accounts_orgunit_change", args=[tree.qinzhou.pk])).status_code == 200
    url = reverse("admin:auth_user_password_change", args=[users.fuyi.pk]).replace(
        "auth/user", "accounts/user"
    )
    response = client.post(url, {"password1": GOOD, "password2": GOOD, "usable_password": "true"})
    assert response.status_code == 302
    users.fuyi.refresh_from_db()
    assert users.fuyi.check_password(GOOD)
    assert users.fuyi.must_change_password is True
