"""The indicators against hand-counted cases (docs/law/mediation.md, "Indicators"), the mediators'
computed figures and the dispute timeline."""

from datetime import date

import pytest

from mediation import selectors
from mediation.choices import CaseStatus
from tests.reconsideration.factories import register_case

from .factories import administrative_dispute, case_at

pytestmark = pytest.mark.django_db


def test_indicators_by_hand(med, users, django_assert_num_queries):
    tree = med.tree
    case_at(CaseStatus.AGREED, med)  # A: civil, agreed → 诉前化解
    case_at(CaseStatus.AGREED, med, dispute=administrative_dispute(tree))  # B: no later proceeding
    later = administrative_dispute(tree)
    case_at(CaseStatus.PERFORMED, med, dispute=later)  # C: agreed, but a reconsideration followed
    register_case(actor=users.fuyi_qinzhou, body=tree.qinzhou, respondent=tree.qinzhou_market, dispute=later)
    case_at(CaseStatus.TERMINATED, med)  # D: failed → terminated
    case_at(CaseStatus.CONFIRMED, med)  # E: civil, confirmed
    case_at(CaseStatus.RECEIVED, med)  # F: still open
    with django_assert_num_queries(3):
        figures = selectors.indicators(user=med.tiaojie)
    assert figures.total == 6
    assert (figures.concluded, figures.agreed, figures.confirmed) == (5, 4, 1)
    assert figures.success_rate == 80.0
    assert figures.confirmation_rate == 25.0
    assert figures.pre_litigation == 3  # A, B, E — not C
    # 8 days from receipt to agreement (A, B, C, E), 6 to failure (D)
    assert figures.average_days == 7.6
    assert dict(figures.by_type)["人民调解"] == 6
    assert dict(figures.by_source)["当事人申请"] == 6
    # another county sees none of it; a year filter narrows
    assert selectors.indicators(user=med.tiaojie_maiji).total == 0
    assert selectors.indicators(user=med.tiaojie, year=2024).total == 0


def test_mediator_figures_are_computed(med, django_assert_num_queries):
    case_at(CaseStatus.AGREED, med)
    case_at(CaseStatus.TERMINATED, med)
    case_at(CaseStatus.MEDIATING, med)
    with django_assert_num_queries(1):
        rows = {m.name: m for m in selectors.mediator_list(user=med.tiaojie)}
    assert (rows["王调解"].cases_handled, rows["王调解"].cases_agreed) == (2, 1)
    assert selectors.success_rate(1, 2) == 50.0


def test_dispute_timeline_events(med, django_assert_num_queries):
    dispute = administrative_dispute(med.tree)
    case = case_at(CaseStatus.AGREED, med, dispute=dispute)
    with django_assert_num_queries(2):
        events = selectors.dispute_timeline_events(dispute)
    assert [e.date for e in events] == [case.received_on, case.concluded_on]
    assert events[0].title == "人民调解受理" and events[-1].title == "调解结果：达成协议"
    assert date(2025, 3, 3) == case.received_on
