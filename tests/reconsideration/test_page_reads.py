"""Reads shared within a page: the case page's clocks (the deadlines panel and the documents list),
the list filter bar's two unit lists."""

from accounts.choices import UnitKind
from reconsideration import documents, selectors
from reconsideration.choices import DocumentKind
from reconsideration.filters import CaseFilter

from ..accounts.factories import OrgUnitFactory
from .test_documents import full_case  # noqa: F401  (the fixture: a case with every document)


def test_shared_clocks_give_the_same_documents_as_the_documents_own_query(full_case):  # noqa: F811
    clocks = selectors.case_clocks(full_case)
    extensions = selectors.decision_extensions(clocks)
    assert extensions == documents.extension_events(full_case)
    assert len(extensions) == 1 and extensions[0].deadline.rule_code in {c.rule_code for c in clocks}
    shared = documents.case_documents(full_case, extensions=extensions)
    assert shared == documents.case_documents(full_case)
    assert DocumentKind.EXTENSION_NOTICE in {d.kind for d in shared}


def test_filter_bar_reads_both_unit_lists_in_one_query(users, django_assert_num_queries):
    for user in (users.fuyi, users.fuyi_qinzhou):
        form = CaseFilter(None, user=user).form
        with django_assert_num_queries(1):
            shared = {name: str(form[name]) for name in ("respondent", "body")}
        own = CaseFilter(None, user=user).form
        for name in ("respondent", "body"):
            own.fields[name].unit_rows = None  # each field's own queryset, as before
            assert str(own[name]) == shared[name]
        assert shared["body"].count("<option") > 1 and shared["respondent"].count("<option") > 2


def test_filter_bar_lists_a_new_unit_and_marks_the_chosen_one(tree, users):
    """The 被申请人 list is kept between pages (filters.Select): a unit added since is listed, a renamed
    one under its new name, and the chosen unit is the one selected."""
    first = str(CaseFilter(None, user=users.fuyi).form["respondent"])
    new = OrgUnitFactory(name="天水市新设局", short_code="tsnew", kind=UnitKind.AGENCY, parent=tree.city)
    tree.city_market.name = "天水市市场监管局"
    tree.city_market.save()
    later = str(CaseFilter(None, user=users.fuyi).form["respondent"])
    assert "天水市新设局" not in first and "天水市新设局" in later
    assert "天水市市场监督管理局" in first and "天水市市场监督管理局" not in later
    assert "天水市市场监管局" in later
    assert '<option value="" selected>' in later
    chosen = str(CaseFilter({"respondent": str(new.pk)}, user=users.fuyi).form["respondent"])
    assert f'<option value="{new.pk}" selected>' in chosen and chosen.count(" selected") == 1
