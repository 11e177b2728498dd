"""Reads the pages share: the case page's clocks (deadlines panel and documents list), the list's
queue badges and its row count."""

from datetime import date

from reconsideration import documents, selectors, services
from reconsideration.choices import DocumentKind
from reconsideration.models import ReconsiderationCase

from .factories import register_case
from .test_documents import full_case  # noqa: F401  (the fixture: a case with every document)


def test_shared_clocks_give_the_same_documents_as_the_documents_own_query(full_case):  # noqa: F811
    clocks = selectors.case_clocks(full_case)
    extensions = selectors.decision_extensions(clocks)
    assert extensions == documents.extension_events(full_case)
    assert len(extensions) == 1 and extensions[0].deadline.rule_code in {c.rule_code for c in clocks}
    shared = documents.case_documents(full_case, extensions=extensions)
    assert shared == documents.case_documents(full_case)
    assert DocumentKind.EXTENSION_NOTICE in {d.kind for d in shared}


def test_queue_badges_with_the_total_count_every_visible_case(tree, users):
    active = register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market, handler=users.fuyi)
    services.case_accept(case=active, actor=users.fuyi, accepted_on=date(2025, 3, 3))
    register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market)
    today = date(2025, 3, 13)
    badges = selectors.queue_counts(user=users.fuyi, today=today)
    with_total = selectors.queue_counts(user=users.fuyi, today=today, total=True)
    assert with_total == {**badges, "all": ReconsiderationCase.objects.visible_to(users.fuyi).count()}
    assert with_total["all"] == 2 and badges["mine"] == 1
