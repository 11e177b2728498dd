import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from core.exceptions import ApplicationError, ConcurrentEditError
from core.models import AccessLog, NumberSequence
from disputes import services
from disputes.choices import ActType, DisputeStatus, PartyKind, PartyRole, Sector
from disputes.models import Dispute, Party

from .factories import MOBILE, ORG_USCC, PERSON_ID, DisputeFactory, PartyFactory

ACT_DATE = datetime.date(2026, 3, 2)


def claimant(**extra):
    return {
        "role": PartyRole.CLAIMANT,
        "kind": PartyKind.PERSON,
        "name": "张三",
        "id_number": PERSON_ID,
        "phone": MOBILE,
        **extra,
    }


def create(actor, respondent, **extra):
    kwargs = {
        "actor": actor,
        "respondent": respondent,
        "act_type": ActType.PENALTY,
        "sector": Sector.FOOD_DRUG,
        "act_date": ACT_DATE,
        "summary": "不服罚款五千元的行政处罚决定。",
        "act_document_number": "秦市监罚〔2026〕7号",
        "parties": [claimant()],
    }
    kwargs.update(extra)
    return services.dispute_create(**kwargs)


def year():
    return timezone.localdate().year


def test_create_numbers_disputes_per_year_and_scopes_them_to_the_respondent(users, tree):
    first = create(users.fuyi_qinzhou, tree.qinzhou_market)
    second = create(users.fuyi, tree.maiji_market)
    assert first.number == f"ZY-{year()}-000001"
    assert second.number == f"ZY-{year()}-000002"
    assert first.org_unit == tree.qinzhou_market
    assert first.created_by == users.fuyi_qinzhou
    assert first.status == DisputeStatus.OPEN
    assert first.version == 1
    party = first.parties.get()
    assert (party.name, party.id_number, party.created_by) == ("张三", PERSON_ID, users.fuyi_qinzhou)


def test_number_continues_from_the_years_counter(users, tree):
    NumberSequence.objects.create(scope="disputes", year=year(), last_value=122)
    assert create(users.fuyi, tree.qinzhou_market).number == f"ZY-{year()}-000123"


def test_identifiers_are_normalised_before_storage(users, tree):
    dispute = create(
        users.fuyi,
        tree.qinzhou_market,
        parties=[claimant(id_number=" 11010519491231002x ", phone="139 1234 5678")],
    )
    party = dispute.parties.get()
    assert party.id_number == "11010519491231002X"
    assert party.phone == "13912345678"


def test_a_dispute_needs_a_claimant(users, tree):
    third = claimant(role=PartyRole.THIRD_PARTY)
    with pytest.raises(ApplicationError, match="至少须登记一名申请人"):
        create(users.fuyi, tree.qinzhou_market, parties=[third])
    assert not Dispute.objects.exists()


def test_respondent_must_be_an_administrative_body(users, tree):
    from tests.accounts.factories import OrgUnitFactory

    court = OrgUnitFactory(name="秦州区人民法院", kind="court", parent=tree.qinzhou)
    with pytest.raises(ApplicationError) as exc:
        create(users.fuyi, court)
    assert exc.value.field == "respondent"


def test_respondent_must_be_in_the_officers_jurisdiction(users, tree):
    with pytest.raises(ApplicationError, match="不在您的管辖范围内"):
        create(users.fuyi_qinzhou, tree.maiji_market)
    assert not Dispute.objects.exists()


def test_act_date_cannot_be_in_the_future(users, tree):
    with pytest.raises(ValidationError) as exc:
        create(users.fuyi, tree.qinzhou_market, act_date=timezone.localdate() + datetime.timedelta(days=1))
    assert "act_date" in exc.value.error_dict


def test_invalid_party_rolls_back_the_whole_registration(users, tree):
    with pytest.raises(ValidationError) as exc:
        create(
            users.fuyi, tree.qinzhou_market, parties=[claimant(), claimant(id_number="110105194912310021")]
        )
    assert exc.value.message_dict["id_number"] == ["身份证号码校验位错误，请核对。"]
    assert not Dispute.objects.exists()
    assert not Party.objects.exists()


def test_an_organisation_party_carries_a_credit_code_not_an_id(users, tree):
    org = {"role": PartyRole.CLAIMANT, "kind": PartyKind.ORGANISATION, "name": "天水某食品有限公司"}
    with pytest.raises(ValidationError, match="自然人填写身份证号码"):
        create(users.fuyi, tree.qinzhou_market, parties=[{**org, "id_number": PERSON_ID}])
    dispute = create(users.fuyi, tree.qinzhou_market, parties=[{**org, "unified_credit_code": ORG_USCC}])
    assert dispute.parties.get().identifier == ORG_USCC


def test_agent_is_linked_to_its_principal(users, tree):
    agent = {"role": PartyRole.AGENT, "kind": PartyKind.PERSON, "name": "李律师", "agent_for_index": 0}
    dispute = create(users.fuyi, tree.qinzhou_market, parties=[claimant(), agent])
    principal = dispute.parties.get(role=PartyRole.CLAIMANT)
    assert dispute.parties.get(role=PartyRole.AGENT).agent_for == principal


def test_agent_without_principal_is_refused(users, tree):
    dispute = create(users.fuyi, tree.qinzhou_market)
    with pytest.raises(ValidationError, match="代理人须指明被代理人"):
        services.party_add(
            dispute=dispute, actor=users.fuyi, role=PartyRole.AGENT, kind=PartyKind.PERSON, name="王"
        )


def test_agent_for_a_party_of_another_dispute_is_refused(users, tree):
    dispute = create(users.fuyi, tree.qinzhou_market)
    stranger = PartyFactory(dispute=DisputeFactory(respondent=tree.qinzhou_market))
    with pytest.raises(ValidationError, match="同一争议"):
        services.party_add(
            dispute=dispute, actor=users.fuyi, role=PartyRole.AGENT, kind=PartyKind.PERSON, name="王",
            agent_for=stranger,
        )  # fmt: skip


def test_party_add_outside_jurisdiction_is_refused(users, tree):
    dispute = DisputeFactory(respondent=tree.maiji_market)
    with pytest.raises(ApplicationError):
        services.party_add(
            dispute=dispute,
            actor=users.fuyi_qinzhou,
            role=PartyRole.THIRD_PARTY,
            kind=PartyKind.PERSON,
            name="王",
        )


def test_concurrent_edit_is_detected_and_nothing_is_overwritten(users, tree):
    dispute = create(users.fuyi, tree.qinzhou_market)
    opened_version = dispute.version  # both officers open the edit form
    services.dispute_update(dispute=dispute, version=opened_version, actor=users.fuyi, summary="第一位的修改")
    with pytest.raises(ConcurrentEditError) as exc:
        services.dispute_update(
            dispute=dispute, version=opened_version, actor=users.fuyi_qinzhou, summary="第二位的修改"
        )
    assert "已被他人修改" in str(exc.value)
    dispute.refresh_from_db()
    assert dispute.summary == "第一位的修改"
    assert dispute.version == opened_version + 1


def test_update_with_a_new_respondent_moves_the_dispute_with_it(users, tree):
    dispute = create(users.fuyi, tree.qinzhou_market)
    dispute = services.dispute_update(
        dispute=dispute, version=dispute.version, actor=users.fuyi, respondent=tree.maiji_market
    )
    assert dispute.org_unit == tree.maiji_market


def test_update_refuses_fields_outside_the_edit_form(users, tree):
    dispute = create(users.fuyi, tree.qinzhou_market)
    with pytest.raises(TypeError):
        services.dispute_update(dispute=dispute, version=dispute.version, actor=users.fuyi, number="ZY-1")


def test_resolution_is_recorded_and_can_be_reopened(users, tree):
    dispute = create(users.fuyi, tree.qinzhou_market)
    with pytest.raises(ApplicationError, match="请填写化解"):
        services.dispute_set_resolution(
            dispute=dispute, version=dispute.version, actor=users.fuyi, status=DisputeStatus.RESOLVED
        )
    dispute = services.dispute_set_resolution(
        dispute=dispute,
        version=dispute.version,
        actor=users.fuyi,
        status=DisputeStatus.RESOLVED,
        resolved_at=datetime.date(2026, 5, 6),
        resolved_substantively=True,
        resolution_note="行政复议调解结案，机关变更罚款数额。",
    )
    dispute.refresh_from_db()
    assert (dispute.status, dispute.resolved_at, dispute.resolved_substantively) == (
        DisputeStatus.RESOLVED,
        datetime.date(2026, 5, 6),
        True,
    )
    dispute = services.dispute_set_resolution(
        dispute=dispute, version=dispute.version, actor=users.fuyi, status=DisputeStatus.OPEN
    )
    assert dispute.resolved_at is None and dispute.resolved_substantively is None


def test_resolution_before_the_act_is_refused(users, tree):
    dispute = create(users.fuyi, tree.qinzhou_market)
    with pytest.raises(ValidationError, match="不能早于行政行为作出日期"):
        services.dispute_set_resolution(
            dispute=dispute,
            version=dispute.version,
            actor=users.fuyi,
            status=DisputeStatus.CLOSED,
            resolved_at=ACT_DATE - datetime.timedelta(days=1),
        )


def test_party_update_keeps_identifier_matching_kind(users, tree):
    dispute = create(users.fuyi, tree.qinzhou_market)
    party = dispute.parties.get()
    party = services.party_update(
        party=party,
        actor=users.fuyi,
        version=party.version,
        kind=PartyKind.ORGANISATION,
        unified_credit_code=ORG_USCC,
    )
    party.refresh_from_db()
    assert (party.id_number, party.unified_credit_code) == ("", ORG_USCC)


def _request(user):
    request = RequestFactory().post("/disputes/parties/1/reveal/", REMOTE_ADDR="10.1.2.3")
    request.user = user
    return request


def test_reveal_writes_an_access_entry(users, tree):
    dispute = create(users.fuyi_qinzhou, tree.qinzhou_market)
    party = dispute.parties.get()
    services.party_reveal(party=party, actor=users.fuyi_qinzhou, request=_request(users.fuyi_qinzhou))
    entry = AccessLog.objects.get()
    assert entry.user == users.fuyi_qinzhou
    assert entry.action == "reveal"
    assert entry.model_label == "disputes.party"
    assert entry.object_id == str(party.pk)
    assert dispute.number in entry.description
    assert entry.ip_address == "10.1.2.3"


def test_reveal_without_the_permission_is_refused_and_not_logged(users, tree):
    party = create(users.fuyi, tree.qinzhou_market).parties.get()
    with pytest.raises(PermissionDenied):
        services.party_reveal(party=party, actor=users.leader, request=_request(users.leader))
    assert not AccessLog.objects.exists()


def test_audit_log_of_party_changes_keeps_identifiers_masked(users, tree):
    from auditlog.models import LogEntry

    party = create(users.fuyi, tree.qinzhou_market).parties.get()
    entry = LogEntry.objects.get_for_object(party).get()
    assert PERSON_ID not in str(entry.changes)
    assert MOBILE not in str(entry.changes)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_numbers_are_unique_under_concurrent_registration(users, tree):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers anyway")
    from django.db import connections

    barrier = threading.Barrier(8)
    errors = []

    def register():
        try:
            barrier.wait()
            create(users.fuyi, tree.qinzhou_market)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    numbers = sorted(Dispute.objects.values_list("number", flat=True))
    assert numbers == [f"ZY-{year()}-{n:06d}" for n in range(1, 9)]
