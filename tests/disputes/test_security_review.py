"""Security review: the audit log of a party shows no more of its personal data than the pages do."""

import pytest
from auditlog.models import LogEntry

from disputes.services import party_update

from .factories import MOBILE, PERSON_ID, DisputeFactory, PartyFactory

pytestmark = pytest.mark.django_db


def test_audit_log_masks_party_data_no_more_than_the_pages(users, tree):
    party = PartyFactory(dispute=DisputeFactory(respondent=tree.city_market))
    party_update(
        party=party,
        actor=users.fuyi,
        version=party.version,
        address="甘肃省天水市秦州区民主西路12号3单元502室",
    )
    entry = LogEntry.objects.get_for_object(party).latest("timestamp")
    new_address = entry.changes["address"][1]
    assert new_address == "甘肃省天水市****"  # the district, as Party.masked_address shows it
    assert "502室" not in str(entry.changes)

    created = LogEntry.objects.get_for_object(party).earliest("timestamp")
    assert created.changes["phone"][1] == party.masked_phone == "139****5678"
    assert created.changes["id_number"][1] == party.masked_identifier
    assert PERSON_ID not in str(created.changes) and MOBILE not in str(created.changes)
