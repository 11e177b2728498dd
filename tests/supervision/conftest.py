"""Fixtures of the supervision tests."""

import pytest

from .factories import supervision_world


@pytest.fixture
def s(tree, users):
    """The enforcement world (天水市市场监督管理局, zhifa_scj) with the city justice bureau's rubric
    and a 2022 sampling campaign; jiandu is 执法监督人员 of the city justice bureau."""
    return supervision_world(tree, users)
