"""Optimistic locking (core.concurrency): a form opened before someone else saved the record is
refused with the conflict page — both versions side by side, nothing overwritten — and a workflow
action submitted twice takes effect once."""

import threading
from datetime import date

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from accounts.choices import Role, UnitKind
from accounts.models import OrgUnit, User
from core.exceptions import ApplicationError, ConcurrentEditError
from disputes import services as dispute_services
from reconsideration import services
from reconsideration.choices import CaseStatus, EventKind, LinkageKind
from reconsideration.forms import CaseUpdateForm
from reconsideration.models import CaseEvent, ExpertConsultant, LinkageRecord, ReconsiderationCase
from tests.accounts.factories import OrgUnitFactory
from tests.disputes.factories import DisputeFactory, PartyFactory
from tests.reconsideration.factories import case_at

pytestmark = pytest.mark.django_db


def _browser(user) -> Client:
    client = Client()
    client.force_login(user, backend="accounts.backends.AccountsBackend")
    return client


def _case(tree, users):
    return case_at(
        CaseStatus.UNDER_REVIEW,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=tree.city,
        respondent=tree.city_market,
    )


def _case_form_data(case, **changes) -> dict:
    """What the 修改案件信息 page posts when opened on `case` (unchecked boxes are not sent)."""
    data = {"version": case.version}
    for name in CaseUpdateForm.FIELDS:
        value = getattr(case, name)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = "on" if value is True else value
    return data


def _changed_rows(page: str) -> int:
    return page.count('data-changed="1"')


# =====================================================================================================
# Two browsers, one case
# =====================================================================================================


def test_second_save_of_the_case_information_gets_the_conflict_page_and_the_first_save_stays(
    tree, users, make_user
):
    colleague = make_user("fuyi2", unit=tree.city_justice, roles=[Role.RECON_OFFICER], real_name="李明")
    case = _case(tree, users)
    opened = case.version
    url = reverse("reconsideration:action", args=(case.pk, "update"))
    first, second = _browser(users.fuyi), _browser(colleague)
    for browser in (first, second):
        assert f'name="version" value="{opened}"' in browser.get(url).content.decode()

    saved = first.post(
        url, _case_form_data(case, requests="撤销处罚决定并退还罚款。", hearing_requested=True)
    )
    assert saved.status_code == 302

    stale = second.post(url, _case_form_data(case, requests="确认处罚决定违法。"))
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "该记录已被他人修改" in page
    assert "确认处罚决定违法。" in page  # the colleague's input, shown, not saved
    assert "撤销处罚决定并退还罚款。" in page  # what is stored now
    assert users.fuyi.display_name in page  # who saved in between (audit log)
    assert _changed_rows(page) == 2  # 行政复议请求 and 申请人请求听证 differ; the rest is the same
    assert f"您打开时为第 {opened} 版，当前为第 {opened + 1} 版" in page
    assert url in page  # reopen the edit page with the stored record

    case.refresh_from_db()
    assert case.requests == "撤销处罚决定并退还罚款。"
    assert case.hearing_requested is True
    assert case.version == opened + 1
    assert CaseEvent.objects.filter(case=case, kind=EventKind.UPDATE).count() == 1

    reopened = second.get(url).content.decode()
    assert f'name="version" value="{opened + 1}"' in reopened and "撤销处罚决定并退还罚款。" in reopened
    assert second.post(url, _case_form_data(case, requests="确认处罚决定违法。")).status_code == 302
    case.refresh_from_db()
    assert (case.requests, case.version) == ("确认处罚决定违法。", opened + 2)


def test_a_form_without_its_version_is_refused_not_saved(tree, users):
    case = _case(tree, users)
    data = _case_form_data(case, requests="新的请求")
    del data["version"]
    response = _browser(users.fuyi).post(reverse("reconsideration:action", args=(case.pk, "update")), data)
    assert response.status_code == 200
    assert "页面缺少版本信息" in response.content.decode()
    case.refresh_from_db()
    assert case.requests != "新的请求"


# =====================================================================================================
# Every other record edited in a form
# =====================================================================================================


def _stale_edit(client, url, data, *, mine: str, theirs: str):
    response = client.post(url, data)
    assert response.status_code == 409
    page = response.content.decode()
    assert mine in page and theirs in page and "该记录已被他人修改" in page
    assert _changed_rows(page) >= 1
    return page


def test_expert_edit(tree, users):
    expert = services.expert_consultant_create(
        actor=users.fuyi_head, body=tree.city, name="王教授", field="行政法"
    )
    url = reverse("reconsideration:expert_edit", args=(expert.pk,))
    head = _browser(users.fuyi_head)
    assert f'name="version" value="{expert.version}"' in head.get(url).content.decode()
    services.expert_consultant_update(
        expert=expert, actor=users.fuyi_head, version=expert.version, field="土地管理"
    )
    data = {"name": "王教授", "field": "环境保护", "is_active": "on", "version": expert.version}
    _stale_edit(head, url, data, mine="环境保护", theirs="土地管理")
    assert ExpertConsultant.objects.get(pk=expert.pk).field == "土地管理"


def test_linkage_edit(tree, users):
    court = OrgUnitFactory(name="天水市中级人民法院", kind=UnitKind.COURT, parent=tree.city)
    record = services.linkage_create(
        actor=users.fuyi,
        body=tree.city,
        kind=LinkageKind.JOINT_MEETING,
        date=date(2025, 6, 1),
        title="府院联席会议",
        summary="通报复议与诉讼衔接情况。",
        partners=[court],
    )
    url = reverse("reconsideration:linkage_edit", args=(record.pk,))
    services.linkage_update(
        record=record, actor=users.fuyi, version=record.version, title="第二次府院联席会议"
    )
    data = {
        "kind": LinkageKind.JOINT_MEETING,
        "date": "2025-06-01",
        "title": "府院联席会议（修订）",
        "summary": "通报复议与诉讼衔接情况。",
        "partners": [court.pk],
        "case_numbers": "",
        "version": record.version,
    }
    page = _stale_edit(
        _browser(users.fuyi), url, data, mine="府院联席会议（修订）", theirs="第二次府院联席会议"
    )
    assert _changed_rows(page) == 1  # partners and cases are the same on both sides
    assert LinkageRecord.objects.get(pk=record.pk).title == "第二次府院联席会议"


def test_dispute_edit(tree, users):
    dispute = DisputeFactory(respondent=tree.qinzhou_market)
    url = reverse("disputes:edit", args=(dispute.pk,))
    dispute_services.dispute_update(
        dispute=dispute, version=dispute.version, actor=users.fuyi, summary="同事的修改"
    )
    data = {
        "respondent": dispute.respondent_id,
        "act_type": dispute.act_type,
        "sector": dispute.sector,
        "act_date": dispute.act_date.isoformat(),
        "act_document_number": dispute.act_document_number,
        "summary": "我的修改",
        "version": dispute.version,
    }
    _stale_edit(_browser(users.fuyi_qinzhou), url, data, mine="我的修改", theirs="同事的修改")
    dispute.refresh_from_db()
    assert (dispute.summary, dispute.version) == ("同事的修改", 2)


def test_party_update_with_a_stale_version_changes_nothing(tree, users):
    party = PartyFactory(dispute=DisputeFactory(respondent=tree.qinzhou_market), address="秦州区民主路1号")
    opened = party.version
    dispute_services.party_update(party=party, actor=users.fuyi, version=opened, address="秦州区民主路2号")
    with pytest.raises(ConcurrentEditError):
        dispute_services.party_update(
            party=party, actor=users.fuyi, version=opened, address="秦州区民主路3号"
        )
    party.refresh_from_db()
    assert (party.address, party.version) == ("秦州区民主路2号", opened + 1)


def test_user_edit(tree, users):
    target = users.fuyi_maiji
    url = reverse("accounts:user_edit", args=(target.pk,))
    admin = _browser(users.admin)
    assert f'name="version" value="{target.version}"' in admin.get(url).content.decode()
    from accounts import services as account_services

    account_services.user_update(
        actor=users.admin,
        user=target,
        version=target.version,
        real_name=target.real_name,
        unit=target.unit,
        roles=list(target.groups.all()),
        title="科长",
    )
    data = {
        "real_name": target.real_name,
        "unit": target.unit_id,
        "title": "副科长",
        "roles": [g.pk for g in target.groups.all()],
        "email_notifications": "on",
        "version": target.version,
    }
    _stale_edit(admin, url, data, mine="副科长", theirs="科长")
    assert User.objects.get(pk=target.pk).title == "科长"


def test_unit_edit(tree, users):
    unit = tree.qinzhou_market
    url = reverse("accounts:unit_edit", args=(unit.pk,))
    admin = _browser(users.admin)
    assert f'name="version" value="{unit.version}"' in admin.get(url).content.decode()
    from accounts import services as account_services

    account_services.orgunit_update(
        actor=users.admin,
        unit=unit,
        version=unit.version,
        name="秦州区市场监管局",
        short_code=unit.short_code,
        kind=unit.kind,
        parent=unit.parent,
    )
    data = {
        "name": "秦州区市场监督管理局（新）",
        "short_code": unit.short_code,
        "kind": unit.kind,
        "parent": unit.parent_id,
        "sort_order": 0,
        "is_active": "on",
        "version": unit.version,
    }
    _stale_edit(admin, url, data, mine="秦州区市场监督管理局（新）", theirs="秦州区市场监管局")
    assert OrgUnit.objects.get(pk=unit.pk).name == "秦州区市场监管局"


# =====================================================================================================
# Workflow actions: the same action twice has one effect
# =====================================================================================================


def test_the_same_transition_posted_twice_takes_effect_once(tree, users):
    case = _case(tree, users)
    officer = _browser(users.fuyi)
    url = reverse("reconsideration:action", args=(case.pk, "accept"))
    data = {"accepted_on": "2025-03-05", "procedure": "ordinary", "simple_ground": ""}
    assert officer.post(url, data).status_code == 302
    again = officer.post(url, data, follow=True)  # a double click, or the back button and resubmit
    assert again.status_code == 200
    assert "不能“受理”" in again.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    assert CaseEvent.objects.filter(case=case, kind=EventKind.ACCEPT).count() == 1


def test_the_same_transition_from_a_stale_page_is_refused_by_the_service(tree, users):
    """Two requests that both passed the page's check: the second finds the row locked, then moved on."""
    case = _case(tree, users)
    stale_copy = ReconsiderationCase.objects.get(pk=case.pk)
    services.case_accept(case=case, actor=users.fuyi, accepted_on=date(2025, 3, 5))
    with pytest.raises(ApplicationError, match="不能受理"):
        services.case_accept(case=stale_copy, actor=users.fuyi, accepted_on=date(2025, 3, 5))
    assert CaseEvent.objects.filter(case=case, kind=EventKind.ACCEPT).count() == 1


# =====================================================================================================
# Twenty saves at once (PostgreSQL: real row locks, one connection per thread)
# =====================================================================================================


def _save_case(record, actor, version, text):
    services.case_update(case=record, actor=actor, version=version, requests=text)


def _save_dispute(record, actor, version, text):
    dispute_services.dispute_update(dispute=record, actor=actor, version=version, summary=text)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["case", "dispute"])
def test_twenty_simultaneous_saves_of_one_record_one_wins_nineteen_conflicts(tree, users, kind):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (DATABASE_URL=postgres://…); SQLite serialises writers anyway")
    if kind == "case":
        record, save_one, field = _case(tree, users), _save_case, "requests"
    else:
        record, save_one, field = DisputeFactory(respondent=tree.city_market), _save_dispute, "summary"
    model = type(record)
    opened = record.version
    barrier = threading.Barrier(20)
    saved: list[str] = []
    conflicts: list[int] = []
    errors: list[Exception] = []

    def save(i: int) -> None:
        text = f"第{i}位工作人员的修改"
        try:
            actor = User.objects.get(pk=users.fuyi.pk)
            mine = model.objects.get(pk=record.pk)
            barrier.wait()
            save_one(mine, actor, opened, text)
            saved.append(text)
        except ConcurrentEditError:
            conflicts.append(i)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert len(saved) == 1 and len(conflicts) == 19
    record.refresh_from_db()
    assert getattr(record, field) == saved[0]  # the winner's text is stored, every loser was told
    assert record.version == opened + 1
    if kind == "case":
        assert CaseEvent.objects.filter(case=record, kind=EventKind.UPDATE).count() == 1
