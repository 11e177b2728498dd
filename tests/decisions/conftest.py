from types import SimpleNamespace

import pytest

from accounts.choices import Role


@pytest.fixture
def dec(tree, users, make_user):
    """The city's legal office: `fzsh` drafts, `fzsh2` (also a 法制审核人员) signs; decisions of
    天水市人民政府 undertaken by 市市场监督管理局."""
    fzsh2 = make_user("fzsh2", unit=tree.city_justice, roles=[Role.LEGAL_REVIEWER])
    return SimpleNamespace(
        drafter=users.fzsh, signer=fzsh2, body=tree.city, unit=tree.city_market, users=users, tree=tree
    )
