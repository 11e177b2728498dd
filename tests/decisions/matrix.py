"""Permission-matrix rows of the decision pages (tests/test_permission_matrix.py).

The records belong to 天水市人民政府: `fzsh` (法制审核人员, 市司法局) may see them; `fzsh_maiji`
(法制审核人员 of 麦积区) may not (404); `nobody` sees them without any permission (403).
"""

from datetime import date

from accounts.choices import Role
from decisions import services
from decisions.choices import MatterKind
from tests.accounts.factories import UserFactory

from ..matrix import Row
from .factories import advisor, propose

P = "fzsh"
OTHER = "fzsh_maiji"


def _users(world):
    if not hasattr(world.users, OTHER):
        world.users.fzsh_maiji = UserFactory(
            username=OTHER, unit=world.tree.maiji_justice, roles=[Role.LEGAL_REVIEWER]
        )


def _decision(world):
    _users(world)
    if not hasattr(world, "decision"):
        world.decision = propose(world.users.fzsh, world.tree.city, world.tree.city_market)
    return world.decision


def _matter(world):
    _users(world)
    if not hasattr(world, "matter"):
        world.matter = services.matter_register(
            actor=world.users.fzsh,
            body=world.tree.city,
            kind=MatterKind.NORMATIVE,
            title="关于规范停车管理的通知",
            requesting_unit=world.tree.city_market,
            received_on=date(2025, 6, 2),
        )
    return world.matter


def _opinion(world):
    matter = _matter(world)
    if not hasattr(world, "opinion"):
        world.opinion = services.opinion_draft(
            matter=matter, actor=world.users.fzsh, findings={}, conclusion="lawful"
        )
    return world.opinion


def _signed(world):
    if not hasattr(world, "signed"):
        from accounts.choices import Role as R

        signer = UserFactory(username="fzsh_sign", unit=world.tree.city_justice, roles=[R.LEGAL_REVIEWER])
        matter = _matter(world)
        _opinion(world)
        services.opinion_submit(matter=matter, actor=world.users.fzsh)
        world.signed = services.opinion_sign(matter=matter, actor=signer)
    return world.signed


def _advisor(world):
    _users(world)
    if not hasattr(world, "advisor"):
        world.advisor = advisor(world.users.fzsh, world.tree.city)
    return world.advisor


ROWS = [
    Row("decisions:index", permitted=P),
    Row("decisions:create", permitted=P, noperm="leader"),
    Row("decisions:statistics", permitted=P),
    Row("decisions:detail", permitted=P, other=OTHER, setup=_users, kwargs=lambda w: {"pk": _decision(w).pk}),
    Row(
        "decisions:edit",
        permitted=P,
        noperm="leader",
        other=OTHER,
        setup=_users,
        kwargs=lambda w: {"pk": _decision(w).pk},
    ),
    Row(
        "decisions:action",
        permitted=P,
        noperm="leader",
        other=OTHER,
        setup=_users,
        kwargs=lambda w: {"pk": _decision(w).pk, "action": "start-drafting"},
    ),
    Row("decisions:matter_list", permitted=P),
    Row("decisions:matter_create", permitted=P, noperm="leader"),
    Row(
        "decisions:matter_detail",
        permitted=P,
        other=OTHER,
        setup=_users,
        kwargs=lambda w: {"pk": _matter(w).pk},
    ),
    Row(
        "decisions:matter_action",
        permitted=P,
        noperm="leader",
        other=OTHER,
        setup=_users,
        kwargs=lambda w: {"pk": _matter(w).pk, "action": "start-review"},
    ),
    Row(
        "decisions:opinion_edit",
        permitted=P,
        noperm="leader",
        other=OTHER,
        setup=_users,
        kwargs=lambda w: {"pk": _opinion(w).pk},
    ),
    Row(
        "decisions:opinion_document",
        permitted=P,
        other=OTHER,
        setup=_users,
        kwargs=lambda w: {"pk": _signed(w).pk},
    ),
    Row("decisions:advisor_list", permitted=P),
    Row("decisions:advisor_create", permitted=P, noperm="leader"),
    Row(
        "decisions:advisor_edit",
        permitted=P,
        noperm="leader",
        other=OTHER,
        setup=_users,
        kwargs=lambda w: {"pk": _advisor(w).pk},
    ),
    Row("decisions:consultation_list", permitted=P),
    Row("decisions:evaluation_list", permitted=P),
    Row("decisions:study_list", permitted=P),
    Row("decisions:study_create", permitted=P, noperm="leader"),
]
