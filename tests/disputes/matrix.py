"""Permission-matrix rows for the disputes pages (tests/matrix.py explains the fields).

Two worlds: a dispute with no mechanism record yet (seen where it was registered), and the disputes
of city-body reconsideration cases against a county government or a city agency — seen and changed
only through the case (disputes/scoping.py), so the county's officers and the agency's staff, who see
the respondent, get 404.
"""

from disputes.choices import DisputeStatus, PartyKind, PartyRole

from ..matrix import Row
from .factories import DisputeFactory, PartyFactory


def setup(world):
    world.dispute = DisputeFactory(respondent=world.tree.qinzhou_market)
    world.party = PartyFactory(dispute=world.dispute)


def city_case_setup(respondent: str):
    """A city-body case (天复) against `respondent`; world.party is its applicant."""

    def build(world):
        from tests.reconsideration.factories import register_case

        case = register_case(
            actor=world.users.fuyi, body=world.tree.city, respondent=getattr(world.tree, respondent)
        )
        world.case = case
        world.dispute = case.dispute
        world.party = case.dispute.parties.get(role=PartyRole.CLAIMANT)

    return build


def dispute_pk(world):
    return {"pk": world.dispute.pk}


def party_pk(world):
    return {"pk": world.party.pk}


def new_party(world):
    return {"role": PartyRole.CLAIMANT, "kind": PartyKind.PERSON, "name": "冒名申请人"}


def resolution(world):
    return {
        "status": DisputeStatus.RESOLVED,
        "resolved_at": "2025-03-20",
        "resolved_substantively": "true",
        "version": world.dispute.version,
    }


def edit(world):
    return {"summary": "改写的争议概要", "version": world.dispute.version}


COUNTY = {"permitted": "fuyi_qinzhou", "other": "fuyi_maiji", "setup": setup}
# 天复 case against 麦积区人民政府: fuyi_maiji sees the respondent, not the case; leader reads the case.
MAIJI = {"permitted": "fuyi", "other": "fuyi_maiji", "setup": city_case_setup("maiji")}
QINZHOU = {"permitted": "fuyi", "other": "fuyi_qinzhou", "setup": city_case_setup("qinzhou")}
CITY_MARKET = {"permitted": "fuyi", "other": "zhifa_scj", "setup": city_case_setup("city_market")}

ROWS = [
    Row("disputes:list", permitted="fuyi_qinzhou"),
    Row("disputes:stats", permitted="fuyi_qinzhou"),
    Row("disputes:picker", permitted="fuyi_qinzhou"),
    Row("disputes:create", permitted="fuyi"),
    Row("disputes:detail", kwargs=dispute_pk, **COUNTY),
    Row("disputes:edit", kwargs=dispute_pk, **COUNTY),
    Row("disputes:resolve", kwargs=dispute_pk, **COUNTY),
    Row("disputes:party_add", kwargs=dispute_pk, **COUNTY),
    Row(
        "disputes:party_add",
        kwargs=dispute_pk,
        method="post",
        data=lambda w: {"role": PartyRole.THIRD_PARTY, "kind": PartyKind.PERSON, "name": "第三人王某"},
        ok=302,
        **COUNTY,
    ),
    Row("disputes:party_reveal", kwargs=party_pk, method="post", **COUNTY),
    # --- the attacks: a dispute follows the case on it -------------------------------------------
    Row("disputes:detail", kwargs=dispute_pk, noperm=None, **MAIJI),
    Row("disputes:detail", kwargs=dispute_pk, noperm=None, **CITY_MARKET),
    Row("disputes:edit", kwargs=dispute_pk, noperm="leader", **MAIJI),
    Row("disputes:edit", kwargs=dispute_pk, method="post", data=edit, noperm="leader", **MAIJI),
    Row("disputes:resolve", kwargs=dispute_pk, noperm="leader", **MAIJI),
    Row(
        "disputes:resolve",
        kwargs=dispute_pk,
        method="post",
        data=resolution,
        ok=302,
        noperm="leader",
        **MAIJI,
    ),
    Row("disputes:party_add", kwargs=dispute_pk, noperm="leader", **MAIJI),
    Row(
        "disputes:party_add",
        kwargs=dispute_pk,
        method="post",
        data=new_party,
        ok=302,
        noperm="leader",
        **MAIJI,
    ),
    Row("disputes:party_reveal", kwargs=party_pk, method="post", noperm="leader", **QINZHOU),
]
