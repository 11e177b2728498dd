"""Permission-matrix rows of the litigation pages (tests/test_permission_matrix.py).

The lawsuits are against 秦州区市场监督管理局: `yingsu` (应诉工作人员 of 天水市司法局) sees them,
`yingsu_maiji` (麦积区) does not (404), `nobody` sees them without any permission (403)."""

from datetime import date

from litigation import services
from litigation.choices import CaseStatus, Outcome, RecommendationKind

from ..matrix import Row
from .factories import case_at, court_for, decide, defend, litigation_staff, register


def _people(world):
    if not hasattr(world.users, "yingsu"):
        world.users.yingsu = litigation_staff(world.tree.city_justice)
        world.users.yingsu_maiji = litigation_staff(world.tree.maiji_justice, "yingsu_maiji")
        world.court = court_for(world.tree.qinzhou)
    return world


def lawsuit(world):
    _people(world)
    if not hasattr(world, "lawsuit"):
        world.lawsuit = register(
            actor=world.users.yingsu, respondent=world.tree.qinzhou_market, court=world.court
        )
    return world.lawsuit


def hearing(world):
    if not hasattr(world, "hearing"):
        world.hearing = services.hearing_schedule(
            case=lawsuit(world), actor=world.users.yingsu, date=date(2025, 10, 20)
        )
    return world.hearing


def performance(world):
    _people(world)
    if not hasattr(world, "performance"):
        staff = world.users.yingsu
        case = defend(register(actor=staff, respondent=world.tree.qinzhou_market, court=world.court), staff)
        case = decide(case, staff, Outcome.REVOKE)
        case = services.case_take_effect(case=case, actor=staff, effective_on=date(2025, 11, 21))
        world.performance = services.performance_add(
            case=case, actor=staff, required_action="重新作出决定", due_on=date(2025, 12, 21)
        )
    return world.performance


def recommendation(world):
    if not hasattr(world, "recommendation"):
        world.recommendation = services.recommendation_register(
            case=lawsuit(world),
            actor=world.users.yingsu,
            kind=RecommendationKind.JUDICIAL,
            received_on=date(2025, 11, 3),
            content="负责人未出庭",
        )
    return world.recommendation


def _case(world):
    return {"pk": lawsuit(world).pk}


OBJ = {"permitted": "yingsu", "other": "yingsu_maiji"}

ROWS = [
    Row("litigation:index", "yingsu", setup=_people),
    Row("litigation:register", "yingsu", setup=_people),
    Row("litigation:hearings", "yingsu", setup=_people),
    Row("litigation:recommendations", "yingsu", setup=_people),
    Row("litigation:statistics", "yingsu", setup=_people),
    Row("litigation:detail", **OBJ, kwargs=_case, setup=lawsuit),
    Row("litigation:edit", **OBJ, kwargs=_case, setup=lawsuit),
    Row("litigation:document", **OBJ, kwargs=lambda w: {**_case(w), "kind": "defence"}, setup=lawsuit),
    Row("litigation:action", **OBJ, kwargs=lambda w: {**_case(w), "slug": "defend"}, setup=lawsuit),
    Row(
        "litigation:hearing_confirm",
        **OBJ,
        kwargs=lambda w: {"pk": hearing(w).case_id, "hearing": hearing(w).pk},
        setup=hearing,
    ),
    Row(
        "litigation:attendance",
        **OBJ,
        kwargs=lambda w: {"pk": hearing(w).case_id, "hearing": hearing(w).pk},
        setup=hearing,
    ),
    Row(
        "litigation:performance_done",
        **OBJ,
        kwargs=lambda w: {"pk": performance(w).case_id, "performance": performance(w).pk},
        setup=performance,
    ),
    Row(
        "litigation:recommendation_reply",
        **OBJ,
        kwargs=lambda w: {"pk": recommendation(w).case_id, "recommendation": recommendation(w).pk},
        setup=recommendation,
    ),
]

__all__ = ["ROWS", "CaseStatus", "case_at"]
