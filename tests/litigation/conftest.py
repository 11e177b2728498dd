"""Fixtures of the litigation tests: 应诉工作人员 of the city (yingsu) and of 麦积区, a court."""

from types import SimpleNamespace

import pytest

from .factories import court_for, litigation_staff


@pytest.fixture
def lit(tree, users):
    return SimpleNamespace(
        staff=litigation_staff(tree.city_justice),
        maiji_staff=litigation_staff(tree.maiji_justice, "yingsu_maiji"),
        court=court_for(tree.qinzhou),
        agency=tree.qinzhou_market,
        tree=tree,
        users=users,
    )
