"""Permission-matrix rows for the disputes pages (tests/matrix.py explains the fields)."""

from disputes.choices import PartyKind, PartyRole

from ..matrix import Row
from .factories import DisputeFactory, PartyFactory


def setup(world):
    world.dispute = DisputeFactory(respondent=world.tree.qinzhou_market)
    world.party = PartyFactory(dispute=world.dispute)


def dispute_pk(world):
    return {"pk": world.dispute.pk}


def party_pk(world):
    return {"pk": world.party.pk}


COUNTY = {"permitted": "fuyi_qinzhou", "other": "fuyi_maiji", "setup": setup}

ROWS = [
    Row("disputes:list", permitted="fuyi_qinzhou"),
    Row("disputes:stats", permitted="fuyi_qinzhou"),
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
]
