"""Fixtures of the enforcement tests."""

import pytest

from .factories import enforcement_world


@pytest.fixture
def w(tree, users):
    """天水市市场监督管理局 as 执法主体 with one penalty item and its benchmark (5万–10万元), and three
    officers certified on 2024-03-01 (王强, 李明, 赵刚); zhifa_scj works there."""
    return enforcement_world(tree, users)
