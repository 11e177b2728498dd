"""Permission-matrix rows of the reconsideration pages (tests/test_permission_matrix.py).

The objects belong to 秦州区人民政府 as reconsideration body: `fuyi_qinzhou` (and the city's
`fuyi` / `fuyi_head`) may see them, `fuyi_maiji` may not (404), `nobody` sees them without any
permission (403). The system administrator's 403 on case content is tested in test_views.py.
"""

from datetime import date

from reconsideration import services
from reconsideration.choices import CaseStatus, LinkageKind

from ..matrix import Row
from .factories import case_at


def qinzhou_case(world, status=CaseStatus.UNDER_REVIEW):
    """A case of 秦州区人民政府 at `status`, built through the services (cached on `world`)."""
    key = f"case_{status}"
    if not hasattr(world, key):
        setattr(
            world,
            key,
            case_at(
                status,
                officer=world.users.fuyi_qinzhou,
                head=world.users.fuyi_head,
                body=world.tree.qinzhou,
                respondent=world.tree.qinzhou_market,
            ),
        )
    return getattr(world, key)


def qinzhou_meeting(world):
    if not hasattr(world, "meeting"):
        world.meeting = services.committee_meeting_create(
            actor=world.users.fuyi_qinzhou,
            body=world.tree.qinzhou,
            date=date(2025, 4, 10),
            topic="案件咨询",
            members=[world.users.fuyi_qinzhou],
        )
    return world.meeting


def qinzhou_expert(world):
    if not hasattr(world, "expert"):
        world.expert = services.expert_consultant_create(
            actor=world.users.fuyi_head, body=world.tree.qinzhou, name="孙立", field="行政法"
        )
    return world.expert


def qinzhou_linkage(world):
    if not hasattr(world, "linkage"):
        from accounts.choices import UnitKind
        from tests.accounts.factories import OrgUnitFactory

        court = OrgUnitFactory(name="秦州区人民法院", kind=UnitKind.COURT, parent=world.tree.qinzhou)
        world.linkage = services.linkage_create(
            actor=world.users.fuyi_qinzhou,
            body=world.tree.qinzhou,
            kind=LinkageKind.JOINT_MEETING,
            date=date(2025, 5, 6),
            title="府院联席会议",
            summary="通报行政复议与行政诉讼情况。",
            partners=[court],
        )
    return world.linkage


def _case_kwargs(status):
    return lambda w: {"pk": qinzhou_case(w, status).pk}


P = "fuyi_qinzhou"
OTHER = "fuyi_maiji"

ROWS = [
    Row("reconsideration:index", permitted=P),
    Row("reconsideration:register", permitted=P),
    Row("reconsideration:statistics", permitted=P),
    Row("reconsideration:detail", permitted=P, other=OTHER, kwargs=_case_kwargs(CaseStatus.UNDER_REVIEW)),
    Row(
        "reconsideration:action",
        permitted=P,
        other=OTHER,
        kwargs=lambda w: {"pk": qinzhou_case(w).pk, "action": "accept"},
    ),
    Row(
        "reconsideration:document",
        permitted=P,
        other=OTHER,
        kwargs=lambda w: {"pk": qinzhou_case(w, CaseStatus.ACCEPTED).pk, "kind": "acceptance"},
    ),
    Row("reconsideration:meeting_list", permitted=P),
    Row("reconsideration:meeting_create", permitted=P),
    Row(
        "reconsideration:meeting_detail",
        permitted=P,
        other=OTHER,
        kwargs=lambda w: {"pk": qinzhou_meeting(w).pk},
    ),
    Row(
        "reconsideration:meeting_consult",
        permitted=P,
        other=OTHER,
        method="post",
        kwargs=lambda w: {"pk": qinzhou_meeting(w).pk},
    ),
    Row("reconsideration:expert_list", permitted=P),
    Row("reconsideration:expert_create", permitted="fuyi_head", noperm="fuyi_qinzhou"),
    Row(
        "reconsideration:expert_edit",
        permitted="fuyi_head",
        noperm="fuyi_qinzhou",
        other=OTHER,
        kwargs=lambda w: {"pk": qinzhou_expert(w).pk},
    ),
    Row("reconsideration:linkage_list", permitted=P),
    Row("reconsideration:linkage_create", permitted=P),
    Row(
        "reconsideration:linkage_detail",
        permitted=P,
        other=OTHER,
        kwargs=lambda w: {"pk": qinzhou_linkage(w).pk},
    ),
    Row(
        "reconsideration:linkage_edit",
        permitted=P,
        other=OTHER,
        kwargs=lambda w: {"pk": qinzhou_linkage(w).pk},
    ),
]
