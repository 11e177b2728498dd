"""The dashboard's register figures — 法律顾问意见, 执法主体, 执法证件, 参训执法人员, 诉调对接单位 / 文件 /
中心（站） — counted by hand, each opening its register filtered to the same rows, for the city, a
county and another year; a county leader sees only the county (docs/indicators.md)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.choices import Role, UnitKind
from decisions import services as decisions
from decisions.choices import MatterKind
from decisions.models import AdvisorConsultation
from enforcement import services as enforcement
from mediation import services as mediation
from tests.accounts.factories import OrgUnitFactory
from tests.decisions.factories import advisor
from tests.enforcement.factories import certified_officer, enforcement_world, make_agency
from tests.mediation.factories import mediation_world

pytestmark = pytest.mark.django_db

YEAR_2025 = {"period": "year", "year": "2025"}
YEAR_2024 = {"period": "year", "year": "2024"}

REGISTERS = {
    "decisions": ("法律顾问意见",),
    "enforcement": ("执法主体", "执法证件", "参训执法人员"),
    "mediation": ("诉调对接单位", "诉调对接文件", "诉调对接中心（站）"),
}


@pytest.fixture
def registers(tree, users, make_user):
    """By hand, city (天水市) and county (秦州区):

    法律顾问意见: city 2025-06-03, city 2024-05-06, 秦州区 2025-07-01.
    执法主体 (both confirmed 2024-01-02): 市市场监管局, 秦州区市场监管局.
    执法证件: three of the city issued 2024-03-01, one of 秦州区 issued 2025-05-06.
    参训: 王强 twice in 2025 (listed once), 李明 in 2025, 赵刚 in 2024, 秦州区's 孙伟 in 2025.
    诉调对接文件: 秦州区司法局's of 2024-03-01 (with 秦州区人民法院), 市司法局's of 2025-06-02 (with the
    court and 市市场监管局), 市司法局's of 2026-01-12 (after 2025); centres: 秦州区诉调对接中心 and
    麦积区诉调对接工作站."""
    # 法律顾问意见
    adv = advisor(users.fzsh, tree.city)
    for body, on in (
        (tree.city, date(2025, 6, 3)),
        (tree.city, date(2024, 5, 6)),
        (tree.qinzhou, date(2025, 7, 1)),
    ):
        matter = decisions.matter_register(
            actor=users.fzsh, body=body, kind=MatterKind.NORMATIVE, title=f"规范性文件{on}",
            requesting_unit=tree.city_market, received_on=on,
        )  # fmt: skip
        decisions.consultation_record(
            actor=users.fzsh, advisor=adv, matter=matter, question="是否合法", opinion="合法", consulted_on=on
        )
    # 执法主体, 证件, 培训
    w = enforcement_world(tree, users)
    county_agency, _item, _bench = make_agency(tree.qinzhou_market)
    sun = certified_officer(county_agency, issuer=users.jiandu, name="孙伟", issued_on=date(2025, 5, 6))
    courses = {
        on: enforcement.course_create(
            actor=None,
            unit=tree.city_justice,
            topic="行政处罚法",
            organiser="市司法局",
            held_on=on,
            hours=Decimal(8),
        )
        for on in (date(2025, 4, 10), date(2025, 9, 9), date(2024, 10, 8))
    }
    for on, officer in (
        (date(2025, 4, 10), w.a), (date(2025, 9, 9), w.a), (date(2025, 4, 10), w.b),
        (date(2024, 10, 8), w.c), (date(2025, 9, 9), sun),
    ):  # fmt: skip
        enforcement.attendance_record(actor=None, course=courses[on], officer=officer)
    # 诉调对接
    med = mediation_world(tree, make_user)
    OrgUnitFactory(name="麦积区诉调对接工作站", kind=UnitKind.MEDIATION, parent=tree.maiji_justice)
    city_mediator = make_user("tiaojie_city", unit=tree.city_justice, roles=[Role.MEDIATOR])
    for actor, unit, on, parties in (
        (med.tiaojie_sfj, tree.qinzhou_justice, date(2024, 3, 1), [med.court]),
        (city_mediator, tree.city_justice, date(2025, 6, 2), [med.court, tree.city_market]),
        (city_mediator, tree.city_justice, date(2026, 1, 12), [tree.maiji_market]),
    ):
        mediation.partner_agreement_create(
            actor=actor, unit=unit, title=f"诉调对接工作办法{on}", signed_on=on, parties=parties
        )
    return w, sun


@pytest.fixture
def county_leader(tree, make_user):
    return make_user("leader_qinzhou", unit=tree.qinzhou, roles=[Role.LEADER], is_unit_leader=True)


def _figures(client, user, params) -> dict:
    client.force_login(user, backend="accounts.backends.AccountsBackend")
    response = client.get("/dashboard/", params)
    assert response.status_code == 200
    panels = {p.key: p for p in response.context["panels"]}
    return {
        label: next(f for f in panels[key].figures if str(f.label) == label)
        for key, labels in REGISTERS.items()
        for label in labels
    }


def _counts(figures) -> dict:
    return {label: f.value for label, f in figures.items()}


EXPECTED = {
    "city 2025": {
        "法律顾问意见": 2, "执法主体": 2, "执法证件": 4, "参训执法人员": 3,
        "诉调对接单位": 2, "诉调对接文件": 2, "诉调对接中心（站）": 2,
    },
    "秦州区 2025": {
        "法律顾问意见": 1, "执法主体": 1, "执法证件": 1, "参训执法人员": 1,
        "诉调对接单位": 1, "诉调对接文件": 1, "诉调对接中心（站）": 1,
    },
    "city 2024": {
        "法律顾问意见": 1, "执法主体": 2, "执法证件": 3, "参训执法人员": 1,
        "诉调对接单位": 1, "诉调对接文件": 1, "诉调对接中心（站）": 2,
    },
}  # fmt: skip


def test_the_register_figures_are_counted_and_each_opens_a_list_with_the_same_count(
    client, users, tree, registers
):
    for name, params in (
        ("city 2025", YEAR_2025),
        ("秦州区 2025", {**YEAR_2025, "within": tree.qinzhou.pk}),
        ("city 2024", YEAR_2024),
    ):
        figures = _figures(client, users.leader, params)
        assert _counts(figures) == EXPECTED[name], name
        for label, figure in figures.items():
            assert figure.url, (name, label)
            response = client.get(figure.url)
            assert response.status_code == 200, figure.url
            assert response.context["page_obj"].paginator.count == figure.value, (name, label, figure.url)


def test_the_trained_officer_who_attended_twice_is_listed_once(client, users, registers):
    figures = _figures(client, users.leader, YEAR_2025)
    rows = list(client.get(figures["参训执法人员"].url).context["page_obj"])
    assert sorted(o.name for o in rows) == ["孙伟", "李明", "王强"]


def test_a_county_leader_sees_only_the_county(client, tree, registers, county_leader):
    figures = _figures(client, county_leader, YEAR_2025)
    assert _counts(figures) == EXPECTED["秦州区 2025"]
    for label, figure in figures.items():
        response = client.get(figure.url)
        assert response.context["page_obj"].paginator.count == figure.value, label
    # the registers themselves, unfiltered, list nothing of the city or of 麦积区
    agencies = client.get(reverse("enforcement:agency_list")).context["page_obj"]
    assert [a.name for a in agencies] == [tree.qinzhou_market.name]
    certificates = client.get(reverse("enforcement:certificate_list")).context["page_obj"]
    assert [c.officer.name for c in certificates] == ["孙伟"]
    consultations = client.get(reverse("decisions:consultation_list")).context["page_obj"]
    assert [c.org_unit for c in consultations] == [tree.qinzhou]
    documents = client.get(reverse("mediation:partner_list")).context["page_obj"]
    assert [d.org_unit for d in documents] == [tree.qinzhou_justice]
    centres = client.get(reverse("mediation:partner_centre_list")).context["page_obj"]
    assert [c.name for c in centres] == ["秦州区诉调对接中心"]


def test_a_county_leader_opening_a_city_record_gets_404(client, users, registers, county_leader):
    w, sun = registers
    client.force_login(county_leader, backend="accounts.backends.AccountsBackend")
    city_consultation = AdvisorConsultation.objects.filter(org_unit__short_code="tsgov").first()
    for url in (
        reverse("enforcement:agency_detail", args=[w.agency.pk]),
        reverse("enforcement:officer_detail", args=[w.a.pk]),
        reverse("enforcement:certificate_detail", args=[w.a.certificate.pk]),
        reverse("decisions:matter_detail", args=[city_consultation.matter_id]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("enforcement:agency_detail", args=[sun.agency.pk]),
        reverse("enforcement:certificate_detail", args=[sun.certificate.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_a_partner_unit_opens_the_documents_it_signed(client, users, tree, registers):
    figures = _figures(client, users.leader, YEAR_2025)
    response = client.get(figures["诉调对接单位"].url)
    rows = {u.name: u.n for u in response.context["page_obj"]}
    assert rows == {"秦州区人民法院": 2, "天水市市场监督管理局": 1}
    court = next(u for u in response.context["page_obj"] if u.name == "秦州区人民法院")
    page = response.content.decode()
    link = f"/mediation/partners/?signed_to=2025-12-31&amp;party={court.pk}"
    assert link in page
    documents = client.get(link.replace("&amp;", "&")).context["page_obj"]
    assert documents.paginator.count == 2


#: whole pages as the leader opens them from the dashboard (2025, the city): session and permissions,
#: navigation, the rows and their count; the registers' filter bar (the unit choices of the
#: consultations); on the 诉调对接 pages the two other counts above the table. Constant in the rows.
PAGE_QUERIES = {
    "法律顾问意见": 9,
    "执法主体": 8,
    "执法证件": 8,
    "参训执法人员": 8,
    "诉调对接单位": 10,
    "诉调对接文件": 11,  # the parties of the page's documents, prefetched
    "诉调对接中心（站）": 10,
}


def _more_rows(tree, users, make_user):
    """One more row on every list of the city for 2025."""
    adv = advisor(users.fzsh, tree.city, name="李律师")
    matter = decisions.matter_register(
        actor=users.fzsh, body=tree.city, kind=MatterKind.NORMATIVE, title="又一件",
        requesting_unit=tree.city_market, received_on=date(2025, 8, 1),
    )  # fmt: skip
    decisions.consultation_record(
        actor=users.fzsh,
        advisor=adv,
        matter=matter,
        question="问",
        opinion="答",
        consulted_on=date(2025, 8, 1),
    )
    agency, _item, _bench = make_agency(tree.maiji_market)
    officer = certified_officer(agency, issuer=users.jiandu, name="周勇", issued_on=date(2025, 2, 3))
    course = enforcement.course_create(
        actor=None, unit=tree.city_justice, topic="证据规则", organiser="市司法局", held_on=date(2025, 3, 3),
        hours=Decimal(4),
    )  # fmt: skip
    enforcement.attendance_record(actor=None, course=course, officer=officer)
    OrgUnitFactory(name="麦积区诉调对接中心", kind=UnitKind.MEDIATION, parent=tree.maiji_justice)
    city_mediator = make_user("tiaojie_city2", unit=tree.city_justice, roles=[Role.MEDIATOR])
    mediation.partner_agreement_create(
        actor=city_mediator, unit=tree.city_justice, title="检调对接办法", signed_on=date(2025, 3, 3),
        parties=[tree.maiji_market, tree.qinzhou_market],
    )  # fmt: skip


def test_each_list_answers_in_a_constant_pinned_number_of_queries(
    client, users, tree, make_user, registers, django_assert_num_queries
):
    for more in (False, True):
        if more:
            _more_rows(tree, users, make_user)
        for label, figure in _figures(client, users.leader, YEAR_2025).items():
            client.get(figure.url)  # warm the permission and content-type caches
            with django_assert_num_queries(PAGE_QUERIES[label]):
                response = client.get(figure.url)
            assert response.context["page_obj"].paginator.count == figure.value
    assert figure.value == 3  # the centres: 秦州区, 麦积区 and the one added
