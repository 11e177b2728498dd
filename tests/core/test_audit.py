"""Audit: who changed what, when, from where; the access log; the /audit/ pages; append-only rows."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from axes.models import AccessFailureLog
from axes.models import AccessLog as LoginLog
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.choices import Role
from core.audit import log_access
from core.models import AccessAction, AccessLog
from core.services import attachment_upload
from deadlines.models import Deadline

from .factories import PDF, make_deadline, upload

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="append-only triggers are installed on PostgreSQL only"
)


def deadline_ct():
    return ContentType.objects.get_for_model(Deadline)


def tbody(response) -> str:
    """The table rows of a list page (the filter form also names units and users)."""
    html = response.content.decode()
    return html[html.index("<tbody>") : html.rindex("</tbody>")]


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(r) for r in workbook.active.iter_rows(values_only=True)]


# --- data changes through the real middleware ------------------------------------------------------


@pytest.mark.urls("tests.core.audit_urls")
def test_create_update_delete_are_logged_with_actor_and_ip(login, users, tree):
    client = login(users.fuyi_qinzhou)
    response = client.post(
        "/_test/deadline/",
        {"unit": tree.qinzhou_justice.pk, "subject": "秦复〔2025〕7号"},
        REMOTE_ADDR="10.20.30.40",
    )
    pk = int(response.content)
    client.post(
        f"/_test/deadline/{pk}/",
        {"due": "2025-05-08", "unit": tree.qinzhou_town.pk, "status": "met"},
        REMOTE_ADDR="10.20.30.41",
    )
    client.post(f"/_test/deadline/{pk}/delete/", REMOTE_ADDR="10.20.30.42")

    entries = list(
        LogEntry.objects.filter(content_type=deadline_ct(), object_pk=str(pk)).order_by("timestamp", "id")
    )
    assert [e.action for e in entries] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    ]
    assert all(e.actor == users.fuyi_qinzhou for e in entries)
    assert [e.remote_addr for e in entries] == ["10.20.30.40", "10.20.30.41", "10.20.30.42"]
    assert entries[1].changes["due_date"] == ["2025-05-06", "2025-05-08"]

    # …and the auditor reads it in Chinese on the record's history page.
    page = login(users.auditor).get(reverse("audit:object", args=(deadline_ct().pk, pk)))
    html = page.content.decode()
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "秦复〔2025〕7号" in html and "10.20.30.41" in html
    assert "Notification.None" not in html  # reverse relations are not "changed fields"
    assert "到期日" in html and "2025-05-06" in html and "2025-05-08" in html  # verbose name, old → new
    assert "所属单位" in html and "秦州区大城街道" in html  # FK shown by name
    assert "已按期完成" in html  # choice shown by label
    for label in ("新增", "修改", "删除"):
        assert label in html


def test_attachment_upload_and_download_are_audited(login, users, tree):
    record = make_deadline(tree.qinzhou_justice)
    client = login(users.fuyi_qinzhou)
    client.post(
        reverse("core:attachment_upload", args=(deadline_ct().pk, record.pk)),
        {"files": [upload("a.pdf", PDF)]},
        REMOTE_ADDR="10.9.9.9",
    )
    entry = LogEntry.objects.get(content_type=ContentType.objects.get(app_label="core", model="attachment"))
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == users.fuyi_qinzhou and entry.remote_addr == "10.9.9.9"


def test_log_access_snapshots_user_unit_and_ip(users, tree):
    record = make_deadline(tree.qinzhou_justice)
    request = RequestFactory().get("/disputes/3/?reveal=1", REMOTE_ADDR="172.16.0.5")
    request.user = users.fuyi_qinzhou
    entry = log_access(
        request=request, action=AccessAction.REVEAL, obj=record, description="查看申请人身份证号"
    )
    assert entry.username == "fuyi_qinzhou" and entry.unit == tree.qinzhou_justice
    assert entry.unit_name == "秦州区司法局" and entry.ip_address == "172.16.0.5"
    assert entry.model_label == "deadlines.deadline" and entry.object_id == str(record.pk)
    assert entry.path == "/disputes/3/?reveal=1"
    with pytest.raises(ValueError):
        log_access(request=request, action="peek")


# --- append-only on PostgreSQL ------------------------------------------------------------------------


@postgres_only
@pytest.mark.postgres
def test_audit_rows_cannot_be_updated_or_deleted(users, tree):
    make_deadline(tree.qinzhou_justice)
    request = RequestFactory().get("/")
    request.user = users.fuyi
    access = log_access(request=request, action=AccessAction.EXPORT, model_label="deadlines.deadline")
    entry = LogEntry.objects.latest("id")
    for attempt in (
        lambda: LogEntry.objects.filter(pk=entry.pk).update(object_repr="篡改"),
        lambda: LogEntry.objects.filter(pk=entry.pk).delete(),
        lambda: AccessLog.objects.filter(pk=access.pk).update(username="someone-else"),
        lambda: AccessLog.objects.filter(pk=access.pk).delete(),
    ):
        with pytest.raises(DatabaseError, match="审计记录只能追加"), transaction.atomic():
            attempt()
    entry.refresh_from_db()
    assert entry.object_repr != "篡改"
    assert AccessLog.objects.filter(pk=access.pk, username="fuyi").exists()


@postgres_only
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_truncate_teardown_still_works_with_the_trigger(users, tree):
    """A transactional test TRUNCATEs every table afterwards; the row-level trigger must not stop it."""
    make_deadline(tree.qinzhou_justice)
    assert LogEntry.objects.exists()


# --- the /audit/ pages ----------------------------------------------------------------------------------


@pytest.fixture
def history(users, tree):
    """Changes by a county officer and by a city officer, on different days, models and addresses."""
    from auditlog.context import disable_auditlog, set_extra_data

    with set_extra_data({"actor": users.fuyi_qinzhou, "remote_addr": "10.0.0.1"}):
        county = make_deadline(tree.qinzhou_justice, subject="秦州区期限")
        county.due_date = datetime.date(2025, 6, 1)
        county.save()
    with set_extra_data({"actor": users.fuyi, "remote_addr": "10.0.0.2"}):
        tree.city_market.name = "天水市市场监管局"
        tree.city_market.save()
    # An entry from forty days ago (audit rows cannot be back-dated afterwards: they are append-only).
    old = timezone.now() - datetime.timedelta(days=40)
    with disable_auditlog():
        city = make_deadline(tree.city_justice, subject="市局期限")
    LogEntry.objects.log_create(
        city,
        action=LogEntry.Action.CREATE,
        changes={"subject": ["None", "市局期限"]},
        actor=users.fuyi,
        remote_addr="10.0.0.2",
        timestamp=old,
    )
    return {"county": county, "city": city, "old": old}


def test_index_lists_changes_for_the_auditor(login, users, history):
    response = login(users.auditor).get(reverse("audit:index"))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("秦州区期限", "市局期限", "天水市市场监管局", "10.0.0.1", "10.0.0.2"):
        assert text in html


@pytest.mark.parametrize(
    ("params", "present", "absent"),
    [
        ({"user": "fuyi_qinzhou"}, ["秦州区期限"], ["市局期限"]),
        ({"unit": "qinzhou"}, ["秦州区期限"], ["市局期限", "天水市市场监管局"]),
        ({"model": "orgunit"}, ["天水市市场监管局"], ["秦州区期限", "市局期限"]),
        ({"action": str(LogEntry.Action.UPDATE)}, ["天水市市场监管局", "秦州区期限"], ["市局期限"]),
        ({"date_from": "recent"}, ["秦州区期限"], ["市局期限"]),
        ({"date_to": "old"}, ["市局期限"], ["秦州区期限"]),
        ({"object_id": "county"}, ["秦州区期限"], ["市局期限", "天水市市场监管局"]),
        ({"ip": "10.0.0.2"}, ["市局期限"], ["秦州区期限"]),
    ],
)
def test_index_filters_narrow_the_list(login, users, tree, history, params, present, absent):
    resolved = dict(params)
    if resolved.get("unit") == "qinzhou":
        resolved["unit"] = tree.qinzhou.pk
    if resolved.get("model") == "orgunit":
        resolved["model"] = ContentType.objects.get(app_label="accounts", model="orgunit").pk
    if resolved.get("date_from") == "recent":
        resolved["date_from"] = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    if resolved.get("date_to") == "old":
        resolved["date_to"] = timezone.localtime(history["old"]).date().isoformat()
    if resolved.get("object_id") == "county":
        resolved["object_id"] = history["county"].pk
    html = tbody(login(users.auditor).get(reverse("audit:index"), resolved))
    for text in present:
        assert text in html
    for text in absent:
        assert text not in html


def test_county_auditor_sees_only_the_county(login, users, tree, make_user, history):
    county_auditor = make_user("auditor_qz", unit=tree.qinzhou_justice, roles=[Role.AUDIT_ADMIN])
    html = tbody(login(county_auditor).get(reverse("audit:index")))
    assert "秦州区期限" in html
    assert "市局期限" not in html and "天水市市场监管局" not in html


def test_index_export_is_an_xlsx_with_the_filtered_rows_and_is_logged(login, users, history):
    client = login(users.auditor)
    response = client.get(reverse("audit:index"), {"user": "fuyi_qinzhou", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = xlsx_rows(response)
    assert rows[0][:3] == ["时间", "操作人", "用户名"]
    assert len(rows) == 1 + LogEntry.objects.filter(actor=users.fuyi_qinzhou).count() == 3
    assert {r[2] for r in rows[1:]} == {"fuyi_qinzhou"}
    assert any("到期日：2025-05-06 → 2025-06-01" in (r[9] or "") for r in rows[1:])
    log = AccessLog.objects.get(action=AccessAction.EXPORT)
    assert log.user == users.auditor and log.model_label == "auditlog.logentry"
    assert "2 行" in log.description and "fuyi_qinzhou" in log.description


def test_access_page_filters_and_exports(login, users, tree):
    factory = RequestFactory()
    for user, action, ip in (
        (users.fuyi_qinzhou, "reveal", "10.1.1.1"),
        (users.fuyi, "download", "10.1.1.2"),
    ):
        request = factory.get("/", REMOTE_ADDR=ip)
        request.user = user
        log_access(
            request=request,
            action=action,
            model_label="disputes.dispute",
            description=f"{user.username} 的访问",
        )
    client = login(users.auditor)
    html = tbody(client.get(reverse("audit:access"), {"action": "reveal"}))
    assert "fuyi_qinzhou 的访问" in html and "fuyi 的访问" not in html
    html = tbody(client.get(reverse("audit:access"), {"unit": tree.qinzhou.pk}))
    assert "fuyi_qinzhou 的访问" in html and "fuyi 的访问" not in html
    rows = xlsx_rows(client.get(reverse("audit:access"), {"export": "xlsx"}))
    assert len(rows) == 3 and rows[0][5] == "操作"
    assert {r[5] for r in rows[1:]} == {"查看未脱敏信息", "下载"}


def test_logins_page_shows_logins_failures_and_lockouts(login, users):
    now = timezone.now()
    LoginLog.objects.create(
        username="fuyi",
        ip_address="10.2.0.1",
        user_agent="Firefox",
        http_accept="*/*",
        path_info="/accounts/login/",
        attempt_time=now,
    )
    AccessFailureLog.objects.create(
        username="fuyi_maiji",
        ip_address="10.2.0.9",
        user_agent="curl",
        http_accept="*/*",
        path_info="/accounts/login/",
        locked_out=True,
    )
    AccessFailureLog.objects.create(
        username="ghost",
        ip_address="10.2.0.8",
        user_agent="curl",
        http_accept="*/*",
        path_info="/accounts/login/",
        locked_out=False,
    )
    client = login(users.auditor)
    html = tbody(client.get(reverse("audit:logins")))
    assert "10.2.0.1" in html and "10.2.0.9" not in html
    html = tbody(client.get(reverse("audit:logins"), {"kind": "failures"}))
    assert "失败并锁定" in html and "ghost" in html
    html = tbody(client.get(reverse("audit:logins"), {"kind": "failures", "user": "maiji"}))
    assert "fuyi_maiji" in html and "ghost" not in html
    rows = xlsx_rows(client.get(reverse("audit:logins"), {"kind": "failures", "export": "xlsx"}))
    assert len(rows) == 3 and rows[0][3] == "已锁定"


def test_audit_pages_refuse_the_system_admin(login, users):
    client = login(users.admin)
    for name in ("audit:index", "audit:access", "audit:logins"):
        assert client.get(reverse(name)).status_code == 403
        assert client.get(reverse(name), {"export": "xlsx"}).status_code == 403
    assert not AccessLog.objects.exists()


def _changes(users, tree, count):
    from auditlog.context import set_extra_data

    with set_extra_data({"actor": users.fuyi_qinzhou, "remote_addr": "10.0.0.1"}):
        for i in range(count):
            d = make_deadline(tree.qinzhou_justice, subject=f"期限{i}")
            d.org_unit = tree.qinzhou_town if i % 2 else tree.qinzhou_market
            d.save()


def _queries(client, url):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_audit_page_queries_do_not_grow_with_rows(login, users, tree, django_assert_num_queries):
    client = login(users.auditor)
    index = reverse("audit:index")
    _changes(users, tree, 2)
    record_url = reverse("audit:object", args=(deadline_ct().pk, Deadline.objects.first().pk))
    client.get(index)  # warm per-process caches (content types, permissions)
    few = (_queries(client, index), _queries(client, record_url))
    _changes(users, tree, 30)
    assert LogEntry.objects.count() >= 60
    with django_assert_num_queries(12):
        response = client.get(index)
    assert response.content.decode().count("<tr>") >= 50
    assert (_queries(client, index), _queries(client, record_url)) == few


def test_object_history_answers_who_what_when_where(login, users, tree):
    from auditlog.context import set_extra_data

    record = make_deadline(tree.qinzhou_justice)
    [attachment] = attachment_upload(record=record, files=[upload("a.pdf", PDF)], user=users.fuyi_qinzhou)
    with set_extra_data({"actor": users.fuyi_head, "remote_addr": "192.168.3.4"}):
        record.extension_days = 30
        record.save()
    request = RequestFactory().get("/")
    request.user = users.fuyi
    log_access(request=request, action=AccessAction.PRINT, obj=record, description="打印期限计算说明")
    html = (
        login(users.auditor).get(reverse("audit:object", args=(deadline_ct().pk, record.pk))).content.decode()
    )
    assert "延长天数" in html and "192.168.3.4" in html and users.fuyi_head.display_name in html
    # auditlog keeps datetimes as naive UTC; the page shows Beijing time.
    assert timezone.localtime(record.created_at).strftime("%Y-%m-%d %H:%M:%S") in html
    assert "打印期限计算说明" in html
    assert attachment.original_name not in html  # another record's history is not mixed in
