import datetime as dt
import pytest
from reconsideration import services, selectors
from disputes import services as dsvc
from disputes.choices import ActType, Sector, PartyRole, PartyKind

pytestmark = pytest.mark.django_db


def test_flow(tree, users):
    d = dsvc.dispute_create(
        actor=users.fuyi,
        respondent=tree.city_market,
        act_type=ActType.PENALTY,
        sector=Sector.MARKET,
        act_date=dt.date(2026, 1, 5),
        summary="x",
        parties=[{"role": PartyRole.CLAIMANT, "kind": PartyKind.PERSON, "name": "张三"}],
    )
    c = services.case_register(
        actor=users.fuyi,
        body=tree.city,
        dispute=d,
        channel="in_person",
        received_on=dt.date(2026, 2, 28),
        knew_of_act_on=dt.date(2026, 1, 10),
        requests="撤销",
        facts_and_reasons="理由",
        handler=users.fuyi,
    )
    print(c.number, c.status)
    for dl in selectors.case_deadlines(c):
        print(dl.rule_code, dl.due_date, dl.trace)
    c = services.case_request_correction(
        case=c,
        actor=users.fuyi,
        items="身份证明",
        notice_sent_on=dt.date(2026, 3, 2),
        applicant_received_on=dt.date(2026, 3, 3),
    )
    c = services.case_receive_correction(case=c, actor=users.fuyi, received_on=dt.date(2026, 3, 10))
    c = services.case_accept(case=c, actor=users.fuyi, accepted_on=dt.date(2026, 3, 12))
    c = services.case_send_copy(
        case=c, actor=users.fuyi, sent_on=dt.date(2026, 3, 13), respondent_received_on=dt.date(2026, 3, 16)
    )
    c = services.case_receive_reply(
        case=c, actor=users.fuyi, received_on=dt.date(2026, 3, 25), with_evidence=True
    )
    c = services.case_set_mediation(
        case=c, actor=users.fuyi, attempted=False, reason_not_attempted="被申请人不同意调解"
    )
    op = services.opinion_draft(case=c, actor=users.fuyi, text="建议撤销", proposed_outcome="revoke")
    c.refresh_from_db()
    services.opinion_review(case=c, actor=users.fuyi_head, text="同意", agrees=True)
    m = services.committee_meeting_create(
        actor=users.fuyi,
        body=tree.city,
        date=dt.date(2026, 4, 10),
        topic="案件咨询",
        members=[users.fuyi_head],
    )
    services.committee_consult(meeting=m, case=c, actor=users.fuyi, opinion="撤销", majority_view="撤销")
    services.case_submit_for_approval(case=c, actor=users.fuyi)
    dec = services.case_decide(
        case=c,
        actor=users.fuyi_head,
        outcome="revoke",
        decided_on=dt.date(2026, 4, 20),
        reasoning="r",
        legal_basis="b",
        signed_by=users.fuyi_head,
    )
    print(dec.is_directly_corrected)
    c.refresh_from_db()
    for e in c.events.all():
        print(e.date, e.kind, e.note)
    print(selectors.available_transitions(c, users.fuyi))
