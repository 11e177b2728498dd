"""Permission-matrix rows of the mediation pages (tests/test_permission_matrix.py).

The objects belong to 秦州区 (the 大城街道 people's mediation committee, the district's justice bureau):
`tiaojie` (a mediator of the committee) may see them, `tiaojie_maiji` (麦积区) may not (404), `nobody`
sees them without any permission (403). `_setup` adds the mediation organisations and mediators."""

from datetime import date

from mediation import services
from mediation.choices import CaseStatus

from ..accounts.factories import UserFactory
from ..matrix import Row
from .factories import case_at, mediation_world


def _make_user(username=None, *, unit, roles=()):
    kwargs = {"username": username} if username else {}
    return UserFactory(unit=unit, roles=list(roles), **kwargs)


def _setup(world):
    if not hasattr(world, "med"):
        world.med = mediation_world(world.tree, _make_user)
        for name in ("tiaojie", "tiaojie_maiji", "tiaojie_sfj"):
            setattr(world.users, name, getattr(world.med, name))


def _case(world, status=CaseStatus.RECEIVED):
    key = f"med_case_{status}"
    if not hasattr(world, key):
        setattr(world, key, case_at(status, world.med))
    return getattr(world, key)


def _partner(world):
    if not hasattr(world, "partner"):
        world.partner = services.partner_agreement_create(
            actor=world.med.tiaojie_sfj,
            unit=world.tree.qinzhou_justice,
            title="诉调对接工作办法",
            signed_on=date(2024, 3, 1),
            parties=[world.med.court],
        )
    return world.partner


P = "tiaojie"
OTHER = "tiaojie_maiji"

ROWS = [
    Row("mediation:index", permitted=P, setup=_setup),
    Row("mediation:register", permitted=P, setup=_setup),
    Row("mediation:statistics", permitted=P, setup=_setup),
    Row("mediation:detail", permitted=P, other=OTHER, setup=_setup, kwargs=lambda w: {"pk": _case(w).pk}),
    Row("mediation:edit", permitted=P, other=OTHER, setup=_setup, kwargs=lambda w: {"pk": _case(w).pk}),
    Row(
        "mediation:action",
        permitted=P,
        other=OTHER,
        setup=_setup,
        kwargs=lambda w: {"pk": _case(w).pk, "action": "start"},
    ),
    Row(
        "mediation:document",
        permitted=P,
        other=OTHER,
        setup=_setup,
        kwargs=lambda w: {"pk": _case(w, CaseStatus.AGREED).pk, "kind": "agreement"},
    ),
    Row("mediation:mediator_list", permitted=P, setup=_setup),
    Row("mediation:mediator_create", permitted=P, setup=_setup),
    Row(
        "mediation:mediator_edit",
        permitted=P,
        other=OTHER,
        setup=_setup,
        kwargs=lambda w: {"pk": w.med.mediator.pk},
    ),
    Row("mediation:partner_list", permitted=P, setup=_setup),
    Row("mediation:partner_unit_list", permitted=P, setup=_setup),
    Row("mediation:partner_centre_list", permitted=P, setup=_setup),
    Row("mediation:partner_create", permitted=P, setup=_setup),
    Row(
        "mediation:partner_edit",
        permitted="tiaojie_sfj",
        other=OTHER,
        setup=_setup,
        kwargs=lambda w: {"pk": _partner(w).pk},
    ),
]
