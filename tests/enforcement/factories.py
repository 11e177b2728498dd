"""Enforcement records for tests, built through the services (an officer's certificate really passed
the exam-before-issue gate; a case at a status has the clocks and events the workflow gives it).

    w = enforcement_world(tree, users)   # agency of 天水市市场监督管理局 with item, benchmark, officers
    case = file_case(w)                  # filed 2025-07-15 by zhifa_scj with two certified officers
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count
from types import SimpleNamespace

from enforcement import services
from enforcement.choices import AgencyLevel, Circumstance, ExamKind, ItemKind, PartyKind, Sector

FILED = date(2025, 7, 15)  # a Tuesday
_ids = count(1)


def id_number() -> str:
    return f"62050119800101{next(_ids):04d}"


def make_agency(unit, *, sector=Sector.MARKET, level=AgencyLevel.CITY):
    agency = services.agency_register(
        actor=None,
        unit=unit,
        level=level,
        sector=sector,
        authority_basis="《中华人民共和国市场监督管理行政处罚程序规定》",
        subject_certificate_number=f"甘执主{unit.short_code}{next(_ids):04d}",
        certified_on=date(2024, 1, 2),
    )
    item = services.item_create(
        actor=None,
        agency=agency,
        code=f"CF-{next(_ids):03d}",
        name="销售不符合食品安全标准的食品",
        kind=ItemKind.PENALTY,
        legal_basis="《中华人民共和国食品安全法》第一百二十四条",
    )
    bench = services.benchmark_create(
        actor=None,
        item=item,
        circumstance=Circumstance.ORDINARY,
        description="货值金额不足一万元",
        min_amount=Decimal("50000"),
        max_amount=Decimal("100000"),
    )
    return agency, item, bench


def passed_exam(officer, *, held_on: date, unit, score=Decimal("80")):
    session = services.exam_session_create(
        actor=None, unit=unit, kind=ExamKind.QUALIFICATION, title="执法资格考试", held_on=held_on
    )
    return services.exam_result_record(actor=None, session=session, officer=officer, score=score)


def certified_officer(agency, *, issuer, name="王强", issued_on=date(2024, 3, 1), expires_on=None, **kwargs):
    """An officer of `agency` with a valid enforcement certificate issued on `issued_on` after a
    passed qualification exam a month before."""
    officer = services.officer_create(actor=None, agency=agency, name=name, id_number=id_number(), **kwargs)
    passed_exam(officer, held_on=issued_on, unit=agency.org_unit)
    cert = services.certificate_apply(actor=None, officer=officer, applied_on=issued_on)
    services.certificate_submit(actor=issuer, certificate=cert, on=issued_on)
    services.certificate_issue(actor=issuer, certificate=cert, issued_on=issued_on, expires_on=expires_on)
    cert.refresh_from_db()
    officer.certificate = cert
    return officer


def enforcement_world(tree, users):
    agency, item, bench = make_agency(tree.city_market)
    issuer = users.jiandu
    a = certified_officer(agency, issuer=issuer, name="王强")
    b = certified_officer(agency, issuer=issuer, name="李明")
    c = certified_officer(agency, issuer=issuer, name="赵刚")
    return SimpleNamespace(
        agency=agency, item=item, bench=bench, a=a, b=b, c=c, users=users, tree=tree, issuer=issuer
    )


def file_case(w, *, investigators=None, filed_on=FILED, actor=None, **kwargs):
    kwargs.setdefault("penalty_amount", Decimal("60000"))
    kwargs.setdefault("benchmark", w.bench)
    return services.case_file(
        actor=actor or w.users.zhifa_scj,
        agency=w.agency,
        item=w.item,
        party_kind=PartyKind.ORGANISATION,
        party_name="天水某某商贸有限公司",
        party_id_number="91620500MA7XXXXX1A",
        filed_on=filed_on,
        investigators=investigators or [w.a, w.b],
        facts="当事人销售超过保质期的食品。",
        legal_basis="《中华人民共和国食品安全法》第一百二十四条第一款",
        **kwargs,
    )


def reviewer_officer(w, user, *, qualified=True):
    """The officer record of a legal reviewer (法律职业资格 read from here)."""
    from enforcement.models import EnforcementAgency

    agency = EnforcementAgency.objects.filter(org_unit=user.unit).first()
    if agency is None:
        agency, _item, _bench = make_agency(user.unit, sector=Sector.OTHER)
    return services.officer_create(
        actor=None,
        agency=agency,
        name="法制审核员",
        id_number=id_number(),
        has_legal_qualification=qualified,
        user=user,
    )
