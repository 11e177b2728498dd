import datetime

import factory

from disputes.choices import ActType, PartyKind, PartyRole, Sector
from disputes.models import Dispute, Party

# Valid identifiers worked out in test_validators.py.
PERSON_ID = "11010519491231002X"  # the GB 11643-1999 sample number
PERSON_ID_2 = "620502199001011235"
ORG_USCC = "91350100M000100Y43"
MOBILE = "13912345678"


class DisputeFactory(factory.django.DjangoModelFactory):
    """A dispute straight into the table (tests of reads); services are tested through services."""

    class Meta:
        model = Dispute

    # Far above what `services.dispute_create` hands out in a test, so the two never collide.
    number = factory.Sequence(lambda n: f"ZY-2026-{n + 500001:06d}")
    respondent = None  # required: pass a unit from the `tree` fixture
    org_unit = factory.LazyAttribute(lambda d: d.respondent)
    act_type = ActType.PENALTY
    sector = Sector.MARKET
    act_date = datetime.date(2026, 3, 2)
    act_document_number = factory.Sequence(lambda n: f"秦市监罚〔2026〕{n + 1}号")
    summary = "申请人不服罚款决定。"


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    dispute = factory.SubFactory(DisputeFactory)
    role = PartyRole.CLAIMANT
    kind = PartyKind.PERSON
    name = factory.Sequence(lambda n: f"当事人{n}")
    id_number = PERSON_ID
    phone = MOBILE
    address = "甘肃省天水市秦州区民主西路12号"
