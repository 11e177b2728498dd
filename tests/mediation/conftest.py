"""Fixtures of the mediation tests: the organisations, mediators and their users (factories.py)."""

import pytest

from .factories import mediation_world


@pytest.fixture
def med(tree, make_user):
    return mediation_world(tree, make_user)
