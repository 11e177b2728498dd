"""The workflow services: registration, the transition table, the correction classification, the
records of three-tier handling, linkage, the timeline, audit."""

from datetime import date

import pytest
from auditlog.registry import auditlog
from django.apps import apps
from django.db.models import ProtectedError

from accounts.choices import UnitKind
from core.exceptions import ApplicationError, ConcurrentEditError
from deadlines.choices import DeadlineStatus
from deadlines.clocks import clocks, latest_clock
from disputes.choices import ActType
from disputes.timeline import dispute_timeline
from reconsideration import deadlines as rules
from reconsideration import services
from reconsideration.choices import (
    DECISION_OUTCOMES,
    TRANSITIONS,
    CaseStatus,
    CorrectionKind,
    DecisionOutcome,
    EventKind,
    LinkageKind,
    MediationResult,
    NoEvidenceDisposition,
    TerminationGround,
    correction_kind,
)
from reconsideration.models import ReconsiderationCase
from tests.accounts.factories import OrgUnitFactory

from .factories import authorise_signer, case_at, due, register_case, submit_and_approve

pytestmark = pytest.mark.django_db


def _case(staff, status, **kwargs):
    return case_at(
        status, officer=staff.officer, head=staff.head, body=staff.body, respondent=staff.respondent, **kwargs
    )


# --- the transition table ------------------------------------------------------------------------


def test_every_table_transition_is_a_model_transition():
    """choices.TRANSITIONS is the single source: the model's django-fsm-2 transitions match it."""
    for entry in TRANSITIONS:
        method = getattr(ReconsiderationCase, f"fsm_{entry.name}")
        meta = method._django_fsm
        assert set(meta.transitions) == set(entry.sources), entry.name
        assert {t.target for t in meta.transitions.values()} == {entry.target}, entry.name
        assert entry.event_kind in EventKind.values  # the kind logged (resume_* log "resume")
        assert callable(getattr(services, entry.service)), entry.service


def test_the_status_cannot_be_assigned_directly(staff):
    case = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)
    with pytest.raises(AttributeError):
        case.status = CaseStatus.DECIDED


def test_a_transition_from_the_wrong_status_is_refused(staff):
    case = register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, handler=staff.officer
    )
    with pytest.raises(ApplicationError, match=r"受理审查中.*不能发送申请书副本"):
        services.case_send_copy(case=case, actor=staff.officer, sent_on=date(2025, 3, 4))


# --- registration -----------------------------------------------------------------------------------


def test_register_numbers_the_case_and_starts_the_intake_clocks(staff):
    case = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)
    assert case.number == "天复〔2025〕1号"
    assert case.status == CaseStatus.RECEIVED
    assert case.created_by == staff.officer
    assert case.act_type == case.dispute.act_type
    assert [c.rule_code for c in clocks(case)] == [rules.ACCEPTANCE_REVIEW, rules.CORRECTION_NOTICE]
    event = case.events.get()
    assert (event.kind, event.date, event.to_status) == (
        EventKind.REGISTER,
        date(2025, 3, 3),
        CaseStatus.RECEIVED,
    )
    assert "在申请期限内" in event.note
    # No handler yet: nobody is responsible; the handler becomes responsible when the review starts.
    assert not latest_clock(case, rules.ACCEPTANCE_REVIEW).responsible.exists()
    services.case_start_review(case=case, actor=staff.officer, handler=staff.officer)
    assert list(latest_clock(case, rules.ACCEPTANCE_REVIEW).responsible.all()) == [staff.officer]
    case.refresh_from_db()
    assert case.status == CaseStatus.UNDER_REVIEW


def test_reassigning_the_handler_moves_the_open_clocks(staff, make_user, tree):
    from accounts.choices import Role

    other = make_user("fuyi2", unit=tree.city_justice, roles=[Role.RECON_OFFICER])
    case = _case(staff, CaseStatus.ACCEPTED)
    services.case_assign_handler(case=case, actor=staff.head, handler=other)
    for clock in clocks(case).filter(status=DeadlineStatus.OPEN):
        assert list(clock.responsible.all()) == [other]
    assert latest_clock(case, rules.ACCEPTANCE_REVIEW).responsible.get() == staff.officer  # closed: unchanged
    with pytest.raises(ApplicationError, match="复议工作人员"):
        services.case_assign_handler(
            case=case, actor=staff.head, handler=make_user("x", unit=tree.city_justice)
        )


def test_case_update_uses_optimistic_locking_and_recomputes_the_period(staff):
    case = register_case(
        actor=staff.officer,
        body=staff.body,
        respondent=staff.respondent,
        received_on=date(2025, 10, 10),
        knew_of_act_on=date(2025, 8, 2),
    )
    assert case.is_late
    stale = case.version
    case = services.case_update(
        case=case, actor=staff.officer, version=case.version, knew_of_act_on=date(2025, 8, 15)
    )
    # 08-15 + 60: 16 to 08-31, 30 in September, 14 more → Tue 2025-10-14: in time.
    assert case.application_due_on == date(2025, 10, 14) and not case.is_late
    with pytest.raises(ConcurrentEditError):
        services.case_update(case=case, actor=staff.officer, version=stale, requests="新请求")
    services.case_accept(case=case, actor=staff.officer, accepted_on=date(2025, 10, 13))
    with pytest.raises(ApplicationError, match="已受理"):
        services.case_update(
            case=case, actor=staff.officer, version=case.version + 1, knew_of_act_on=date(2025, 8, 1)
        )


def test_each_transition_records_its_legal_basis(staff):
    case = _case(staff, CaseStatus.ARCHIVED)
    events = {e.kind: e for e in case.events.all()}
    assert events[EventKind.ACCEPT].basis == "《行政复议法》第三十条第一款"
    assert events[EventKind.SEND_COPY].basis == "《行政复议法》第四十八条、第五十四条"
    assert events[EventKind.DECIDE].basis == "《行政复议法》第六十一条"
    assert events[EventKind.DECIDE].actor == staff.head
    kinds = [e.kind for e in case.events.order_by("date", "created_at", "id")]
    assert kinds[0] == EventKind.REGISTER and kinds[-1] == EventKind.ARCHIVE
    statuses = [e.to_status for e in case.events.order_by("date", "created_at", "id") if e.to_status]
    assert statuses[-4:] == [
        CaseStatus.PENDING_APPROVAL,
        CaseStatus.DECIDED,
        CaseStatus.CLOSED,
        CaseStatus.ARCHIVED,
    ]


def test_legal_records_cannot_be_hard_deleted(staff):
    case = _case(staff, CaseStatus.ACCEPTED)
    with pytest.raises(ProtectedError):
        case.delete()


# --- the journey the browser test will follow (law side) ------------------------------------------


def test_makeup_day_journey_to_a_signed_revocation(staff):
    officer, head = staff.officer, staff.head
    case = register_case(
        actor=officer,
        body=staff.body,
        respondent=staff.respondent,
        received_on=date(2026, 2, 28),
        handler=officer,
        is_highly_technical=True,
    )
    assert due(case, rules.ACCEPTANCE_REVIEW) == date(2026, 3, 6)
    services.case_request_correction(
        case=case,
        actor=officer,
        items="补充处罚决定书",
        notice_sent_on=date(2026, 3, 3),
        applicant_received_on=date(2026, 3, 3),
    )
    services.case_receive_correction(case=case, actor=officer, received_on=date(2026, 3, 9))
    services.case_accept(case=case, actor=officer, accepted_on=date(2026, 3, 10))
    services.case_send_copy(
        case=case, actor=officer, sent_on=date(2026, 3, 11), respondent_received_on=date(2026, 3, 12)
    )
    services.case_receive_reply(case=case, actor=officer, received_on=date(2026, 3, 20), with_evidence=True)
    services.mediation_session_record(
        case=case,
        actor=officer,
        held_on=date(2026, 3, 24),
        participants_note="双方",
        result=MediationResult.FAILED,
    )
    # 复议法第四十九条: the ordinary procedure hears the parties, on record
    services.case_hear_parties(
        case=case,
        actor=officer,
        heard_on=date(2026, 3, 24),
        method="in_person",
        parties="申请人、被申请人",
        summary="申请人坚持撤销请求；被申请人坚持原处罚。",
    )
    services.opinion_draft(
        case=case, actor=officer, text="主要事实不清，建议撤销。", proposed_outcome=DecisionOutcome.REVOKE
    )
    services.opinion_review(case=case, actor=head, text="同意撤销。", agrees=True)
    meeting = services.committee_meeting_create(
        actor=officer, body=staff.body, date=date(2026, 4, 2), topic="第一次会议", members=[head, officer]
    )
    services.committee_consult(
        meeting=meeting,
        case=case,
        actor=officer,
        opinion="多数委员认为应撤销",
        majority_view="撤销",
        votes_for=5,
        votes_against=1,
    )
    decision = submit_and_approve(
        case,
        officer=officer,
        head=head,
        outcome=DecisionOutcome.REVOKE,
        submitted_on=date(2026, 4, 3),
        decided_on=date(2026, 4, 10),
        reasoning="主要事实不清、证据不足。",
        legal_basis="《行政复议法》第六十四条第一款第一项",
        order_redo=True,
    )
    assert decision.signed_by == head
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED and case.concluded_on == date(2026, 4, 10)
    assert decision.is_directly_corrected and not decision.is_indirectly_corrected
    assert decision.correction_kind == CorrectionKind.DIRECT
    assert [o.tier for o in case.opinions.order_by("id")] == ["handler", "office", "committee"]
    assert latest_clock(case, rules.DECISION).status == DeadlineStatus.MET
    assert not clocks(case).filter(status=DeadlineStatus.OPEN).exists()
    # The dispute's page shows the case on its path.
    titles = [e.title for e in dispute_timeline(case.dispute)]
    assert any("收到行政复议申请" in t for t in titles) and "复议结案" in titles
    detail = next(e.detail for e in dispute_timeline(case.dispute) if e.title == "复议结案")
    assert "直接纠错" in detail


# --- the correction classification (computed, never chosen) -----------------------------------------

DIRECT = {
    DecisionOutcome.VARY,
    DecisionOutcome.REVOKE,
    DecisionOutcome.PARTIAL_REVOKE,
    DecisionOutcome.CONFIRM_ILLEGAL,
    DecisionOutcome.ORDER_PERFORM,
    DecisionOutcome.CONFIRM_VOID,
    DecisionOutcome.NO_EVIDENCE,
    DecisionOutcome.AGREEMENT,
    DecisionOutcome.COMPENSATION,
}


@pytest.mark.parametrize("outcome", [o for o in DECISION_OUTCOMES if o != DecisionOutcome.NO_EVIDENCE])
def test_correction_classification_of_each_decision(staff, outcome):
    # 复议法第六十九条: 驳回复议请求 answers an application about a failure to perform a duty
    act = {"act_type": ActType.NONPERFORMANCE} if outcome == DecisionOutcome.DISMISS_REQUEST else {}
    case = _case(staff, CaseStatus.DECIDED, outcome=outcome, **act)
    decision = case.decision
    expected = outcome in DIRECT
    assert decision.is_directly_corrected is expected
    assert decision.is_indirectly_corrected is False
    assert decision.correction_kind == (CorrectionKind.DIRECT if expected else CorrectionKind.NONE)


def test_correction_classification_of_art_70(staff):
    case = _case(staff, CaseStatus.DECIDED, outcome=DecisionOutcome.NO_EVIDENCE, reply=False)
    assert case.decision.is_directly_corrected
    assert case.decision.no_evidence_disposition == NoEvidenceDisposition.REVOKE


@pytest.mark.parametrize("changed", [True, False])
def test_correction_classification_of_mediation(staff, changed):
    case = _case(staff, CaseStatus.IN_TRIAL)
    services.mediation_session_record(
        case=case,
        actor=staff.officer,
        held_on=date(2025, 3, 20),
        participants_note="双方",
        result=MediationResult.AGREED,
    )
    decision = services.case_conclude_by_mediation(
        case=case,
        actor=staff.officer,
        concluded_on=date(2025, 3, 20),
        agreement_summary="协议",
        agency_changed_act=changed,
    )
    assert decision.outcome == DecisionOutcome.MEDIATION
    assert (decision.is_directly_corrected, decision.is_indirectly_corrected) == (False, changed)


@pytest.mark.parametrize(
    ("settlement", "changed", "indirect"),
    [(True, True, True), (True, False, False), (False, True, True), (False, False, False)],
)
def test_correction_classification_of_termination(staff, settlement, changed, indirect):
    case = _case(staff, CaseStatus.IN_TRIAL)
    decision = services.case_terminate(
        case=case,
        actor=staff.head,
        ground=TerminationGround.WITHDRAWN,
        terminated_on=date(2025, 3, 20),
        reasoning="撤回",
        is_settlement=settlement,
        agency_changed_act=changed,
    )
    assert decision.is_settlement is settlement
    assert (decision.is_directly_corrected, decision.is_indirectly_corrected) == (False, indirect)
    assert decision.signed_by == staff.head


def test_not_accepted_is_never_a_correction(staff):
    case = _case(staff, CaseStatus.REJECTED)
    assert case.decision.outcome == DecisionOutcome.NOT_ACCEPTED
    assert case.decision.correction_kind == CorrectionKind.NONE


def test_correction_kind_table():
    for outcome in DecisionOutcome.values:
        plain = correction_kind(outcome)
        changed = correction_kind(outcome, agency_changed_act=True)
        if outcome in DIRECT:
            assert plain == changed == CorrectionKind.DIRECT
        elif outcome in (DecisionOutcome.MEDIATION, DecisionOutcome.TERMINATION):
            assert (plain, changed) == (CorrectionKind.NONE, CorrectionKind.INDIRECT)
        else:
            assert plain == changed == CorrectionKind.NONE


def test_outcomes_with_their_own_service_are_refused_by_case_decide(staff):
    case = _case(staff, CaseStatus.PENDING_APPROVAL)
    authorise_signer(staff.head, staff.body)
    for outcome in (DecisionOutcome.MEDIATION, DecisionOutcome.TERMINATION, DecisionOutcome.NOT_ACCEPTED):
        with pytest.raises(ApplicationError, match="相应的功能"):
            services.case_decide(
                case=case,
                actor=staff.head,
                outcome=outcome,
                decided_on=date(2025, 4, 14),
                reasoning="x",
                legal_basis="y",
                signed_by=staff.head,
            )
    with pytest.raises(ApplicationError, match="第六十四条"):
        services.case_decide(
            case=case,
            actor=staff.head,
            outcome=DecisionOutcome.UPHOLD,
            decided_on=date(2025, 4, 14),
            reasoning="x",
            legal_basis="y",
            signed_by=staff.head,
            order_redo=True,
        )


# --- committee, experts, opinion letters, linkage ---------------------------------------------------


def test_experts_come_from_the_body_pool(staff, tree, users):
    city_expert = services.expert_consultant_create(
        actor=staff.head, body=staff.body, name="王教授", field="行政法"
    )
    with pytest.raises(ApplicationError, match="权限"):
        services.expert_consultant_create(actor=staff.officer, body=staff.body, name="李", field="环境")
    county_head = users.fuyi_qinzhou
    assert not county_head.has_perm("reconsideration.approve_reconsiderationcase")
    city_expert = services.expert_consultant_update(
        expert=city_expert, actor=staff.head, version=city_expert.version, is_active=False
    )
    with pytest.raises(ApplicationError, match="专家库"):
        services.committee_meeting_create(
            actor=staff.officer, body=staff.body, date=date(2025, 3, 20), topic="会议", experts=[city_expert]
        )
    city_expert = services.expert_consultant_update(
        expert=city_expert, actor=staff.head, version=city_expert.version, is_active=True
    )
    meeting = services.committee_meeting_create(
        actor=staff.officer, body=staff.body, date=date(2025, 3, 20), topic="会议", experts=[city_expert]
    )
    assert list(meeting.experts.all()) == [city_expert]
    case = _case(staff, CaseStatus.IN_TRIAL)
    consultation = services.expert_consultation_record(
        case=case,
        actor=staff.officer,
        expert=city_expert,
        question="鉴定意见是否可采",
        answer="可以采信",
        consulted_on=date(2025, 3, 21),
    )
    assert consultation.expert == city_expert


def test_opinion_letter_only_to_lower_agencies(staff, tree):
    case = _case(staff, CaseStatus.IN_TRIAL)
    for agency in (staff.body, OrgUnitFactory(name="外市某局", kind=UnitKind.AGENCY)):
        with pytest.raises(ApplicationError, match="第七十六条"):
            services.opinion_letter_issue(
                case=case, actor=staff.officer, agency=agency, content="意见", sent_on=date(2025, 3, 20)
            )
    letter = services.opinion_letter_issue(
        case=case, actor=staff.officer, agency=tree.qinzhou_market, content="意见", sent_on=date(2025, 3, 20)
    )
    assert latest_clock(letter, rules.OPINION_LETTER_REPORT) is None  # not before the agency has it
    services.opinion_letter_record_receipt(letter=letter, actor=staff.officer, received_on=date(2025, 3, 24))
    # 03-24 + 60: 7 days to 03-31, 30 in April, 23 more → Fri 2025-05-23.
    assert due(letter, rules.OPINION_LETTER_REPORT) == date(2025, 5, 23)


def test_linkage_records(staff, tree):
    court = OrgUnitFactory(name="天水市中级人民法院", kind=UnitKind.COURT, parent=tree.city)
    bar = OrgUnitFactory(name="天水市律师协会", kind=UnitKind.OTHER, parent=tree.city)
    case = _case(staff, CaseStatus.IN_TRIAL)
    with pytest.raises(ApplicationError, match="联动单位"):
        services.linkage_create(
            actor=staff.officer,
            body=staff.body,
            kind=LinkageKind.JOINT_MEETING,
            date=date(2025, 5, 1),
            title="联席会议",
            summary="研究",
            partners=[tree.city_market],
        )
    record = services.linkage_create(
        actor=staff.officer,
        body=staff.body,
        kind=LinkageKind.CASE_CONSULTATION,
        date=date(2025, 5, 1),
        title="府院案件会商",
        summary="会商两起征收案件",
        partners=[court, bar],
        related_cases=[case],
    )
    assert set(record.partners.all()) == {court, bar}
    record = services.linkage_update(
        record=record, actor=staff.officer, version=record.version, title="府院会商（二）", related_cases=[]
    )
    assert record.title == "府院会商（二）" and not record.related_cases.exists()
    with pytest.raises(ConcurrentEditError):
        services.linkage_update(record=record, actor=staff.officer, version=record.version - 1, title="x")


# --- audit ----------------------------------------------------------------------------------------------


def test_every_model_is_audited():
    for model in apps.get_app_config("reconsideration").get_models():
        assert auditlog.contains(model), model.__name__


def test_transitions_leave_audit_entries(staff):
    from auditlog.models import LogEntry

    case = _case(staff, CaseStatus.ACCEPTED)
    entries = LogEntry.objects.get_for_object(case)
    assert entries.count() >= 2  # created, then changed by the acceptance
    assert any("status" in (e.changes_dict or {}) for e in entries)


def test_hearing_record_is_an_attachment_seen_only_in_the_bodys_jurisdiction(staff, users, make_user, tree):
    from accounts.choices import Role
    from core.models import Attachment
    from core.services import attachment_upload
    from reconsideration.models import Hearing

    from ..core.factories import upload

    case = _case(staff, CaseStatus.IN_TRIAL)
    hearing = services.hearing_schedule(
        case=case,
        actor=staff.officer,
        date=date(2025, 3, 25),
        place="听证室",
        matters="事实",
        presiding=staff.head,
        officers=[staff.officer, make_user("fuyi2", unit=tree.city_justice, roles=[Role.RECON_OFFICER])],
        clerk=make_user("fuyi3", unit=tree.city_justice, roles=[Role.RECON_OFFICER]),
        notice_sent_on=date(2025, 3, 14),
    )
    assert hearing.org_unit == staff.body
    [record] = attachment_upload(
        record=hearing, files=[upload("听证笔录.pdf", b"%PDF-1.4\n1 0 obj\n%%EOF\n")], user=staff.officer
    )
    assert record.org_unit == staff.body
    assert Attachment.objects.visible_to(users.fuyi_qinzhou).filter(pk=record.pk).count() == 0
    assert Hearing.objects.visible_to(users.fuyi_qinzhou).count() == 0
    assert Hearing.objects.visible_to(staff.officer).get() == hearing
