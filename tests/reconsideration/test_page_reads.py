"""The case page reads its clocks once: the deadlines panel and the documents list share them."""

from reconsideration import documents, selectors
from reconsideration.choices import DocumentKind

from .test_documents import full_case  # noqa: F401  (the fixture: a case with every document)


def test_shared_clocks_give_the_same_documents_as_the_documents_own_query(full_case):  # noqa: F811
    clocks = selectors.case_clocks(full_case)
    extensions = selectors.decision_extensions(clocks)
    assert extensions == documents.extension_events(full_case)
    assert len(extensions) == 1 and extensions[0].deadline.rule_code in {c.rule_code for c in clocks}
    shared = documents.case_documents(full_case, extensions=extensions)
    assert shared == documents.case_documents(full_case)
    assert DocumentKind.EXTENSION_NOTICE in {d.kind for d in shared}
