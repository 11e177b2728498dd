"""Case and document numbers: per body and year, sequential, unique under concurrency."""

import threading
from datetime import date

import pytest
from django.db import connection, connections, transaction

from core.exceptions import ApplicationError
from core.workflow import composed
from reconsideration import services
from reconsideration.choices import CaseStatus, DocumentKind
from reconsideration.models import ReconsiderationCase
from reconsideration.numbering import body_prefix, next_document_number
from tests.accounts.factories import OrgUnitFactory

from .factories import case_at, make_dispute, register_case


@pytest.mark.django_db
def test_numbers_per_body_and_year(staff, users, tree):
    first = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)
    second = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)
    next_year = register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, received_on=date(2026, 1, 5)
    )
    county = register_case(actor=users.fuyi_qinzhou, body=tree.qinzhou, respondent=tree.qinzhou_market)
    maiji = register_case(actor=users.fuyi_maiji, body=tree.maiji, respondent=tree.maiji_market)
    assert [first.number, second.number] == ["天复〔2025〕1号", "天复〔2025〕2号"]
    assert (second.year, second.serial) == (2025, 2)
    assert next_year.number == "天复〔2026〕1号"  # the year of receipt starts a new series
    assert county.number == "秦复〔2025〕1号"
    assert maiji.number == "麦复〔2025〕1号"


@pytest.mark.django_db
def test_document_numbers_have_their_own_series(staff):
    with transaction.atomic():
        assert (
            next_document_number(body=staff.body, year=2025, kind=DocumentKind.DECISION)
            == "天复决〔2025〕1号"
        )
        assert (
            next_document_number(body=staff.body, year=2025, kind=DocumentKind.DECISION)
            == "天复决〔2025〕2号"
        )
        assert (
            next_document_number(body=staff.body, year=2025, kind=DocumentKind.ACCEPTANCE_NOTICE)
            == "天复受〔2025〕1号"
        )
    case = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)
    assert case.number == "天复〔2025〕1号"  # documents do not consume case numbers
    with pytest.raises(ValueError, match="case numbers"):
        next_document_number(body=staff.body, year=2025, kind=DocumentKind.CASE)


@pytest.mark.django_db
def test_prefixes():
    assert body_prefix(OrgUnitFactory.build(name="秦安县人民政府")) == "安复"  # not 秦复: that is 秦州区
    assert body_prefix(OrgUnitFactory.build(name="张家川回族自治县人民政府")) == "张复"
    assert body_prefix(OrgUnitFactory.build(name="某某县人民政府")) == "某复"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_case_numbers_unique_and_sequential_under_concurrency(tree, users):
    """Eight officers register three applications each at the same moment, each on its own database
    connection: 24 distinct numbers 1…24 with no gap (the sequence row is locked, not read-then-written)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (DATABASE_URL=postgres://…); SQLite serialises writers anyway")
    disputes = [make_dispute(respondent=tree.city_market, act_date=date(2025, 2, 20)) for _ in range(8)]
    barrier = threading.Barrier(len(disputes))
    errors: list[Exception] = []

    def register(dispute):
        try:
            barrier.wait()
            for _ in range(3):
                register_case(
                    actor=users.fuyi,
                    body=tree.city,
                    respondent=tree.city_market,
                    dispute=dispute,
                    act_date=date(2025, 2, 20),
                )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(d,)) for d in disputes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    serials = sorted(ReconsiderationCase.objects.values_list("serial", flat=True))
    assert serials == list(range(1, 25))
    numbers = set(ReconsiderationCase.objects.values_list("number", flat=True))
    assert numbers == {f"天复〔2025〕{n}号" for n in range(1, 25)}


# --- document numbers are taken or checked by the service that stores them ----------------------------

SUSPENDED_ON = date(2025, 4, 7)


def _in_trial(staff):
    return case_at(
        CaseStatus.IN_TRIAL,
        officer=staff.officer,
        head=staff.head,
        body=staff.body,
        respondent=staff.respondent,
    )


def _suspend(staff, case, notice_number):
    return services.case_suspend(
        case=case,
        actor=staff.officer,
        ground="39-8",
        suspended_on=SUSPENDED_ON,
        reason="需以相关诉讼结果为依据。",
        notice_number=notice_number,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    [
        "测试",
        "天复中〔2025〕0号",
        "天复决〔2025〕1号",
        "秦复中〔2025〕1号",
        "天复中（2025）1号",
        "天复中〔25〕1号",
    ],
)
def test_a_typed_number_must_have_the_form_of_its_series(staff, typed):
    case = _in_trial(staff)
    with pytest.raises(
        ApplicationError, match=r"中止审理通知书文号.*格式不正确.*天复中〔2025〕1号"
    ) as refused:
        _suspend(staff, case, typed)
    assert refused.value.field == "notice_number"
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_TRIAL
    assert not case.suspensions.exists()


@pytest.mark.django_db
def test_a_typed_number_already_used_by_the_body_is_refused(staff):
    first, second = _in_trial(staff), _in_trial(staff)
    assert _suspend(staff, first, " 天复中〔2025〕5号 ").notice_number == "天复中〔2025〕5号"
    with pytest.raises(ApplicationError, match="“天复中〔2025〕5号”已被本机关的其他文书使用"):
        _suspend(staff, second, "天复中〔2025〕5号")
    # a blank number takes the next of the series, which moved past the typed one
    assert _suspend(staff, second, "").notice_number == "天复中〔2025〕6号"


@pytest.mark.django_db
def test_a_blank_number_is_taken_in_the_services_transaction(staff):
    first, second = _in_trial(staff), _in_trial(staff)
    with pytest.raises(RuntimeError), composed():
        assert _suspend(staff, first, "").notice_number == "天复中〔2025〕1号"
        raise RuntimeError("the act did not complete")
    first.refresh_from_db()
    assert first.status == CaseStatus.IN_TRIAL
    assert _suspend(staff, second, "").notice_number == "天复中〔2025〕1号"  # the serial came back
    assert _suspend(staff, first, "").notice_number == "天复中〔2025〕2号"
    with pytest.raises(ApplicationError):  # refused (already suspended): no serial consumed
        _suspend(staff, first, "")
    assert _suspend(staff, _in_trial(staff), "").notice_number == "天复中〔2025〕3号"
