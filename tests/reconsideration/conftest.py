"""Fixtures of the reconsideration tests: the city body's officer and head (from `users`)."""

from types import SimpleNamespace

import pytest


@pytest.fixture
def staff(tree, users):
    """officer = 复议工作人员 (fuyi), head = 复议机构负责人 (fuyi_head), both of 天水市司法局, so their
    jurisdiction is 天水市人民政府 — the body of the city's cases."""
    return SimpleNamespace(
        officer=users.fuyi, head=users.fuyi_head, body=tree.city, respondent=tree.city_market
    )
