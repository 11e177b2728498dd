"""The workflow kernel (core.workflow), exercised through the pilot that uses it: reconsideration's
transition table drives the guard, the event log, the action list and the protected status."""

import pytest
from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.workflow import Transition, Workflow, composed
from reconsideration import services
from reconsideration.choices import LAW_SHORT, WORKFLOW, CaseStatus, EventKind
from reconsideration.models import ReconsiderationCase
from tests.reconsideration.factories import case_at, register_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(tree, users):
    return register_case(actor=users.fuyi, body=tree.city, respondent=tree.city_market)


def test_guard_refuses_a_transition_from_the_wrong_status(case, users):
    with pytest.raises(ApplicationError, match="当前状态为“收件”，不能批准并作出复议决定"):
        WORKFLOW.guard(case, "decide", users.fuyi)
    with pytest.raises(ApplicationError, match="不能批准并作出复议决定"):
        services.case_decide(
            case=case,
            actor=users.fuyi_head,
            outcome="uphold",
            decided_on=timezone.localdate(),
            reasoning="理由",
            legal_basis="",
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_guard_refuses_an_actor_without_the_permission_or_the_jurisdiction(case, users):
    for outsider in (users.jiandu, users.leader, users.nobody):  # may view at most, not act
        with pytest.raises(ApplicationError, match="没有执行该操作的权限"):
            WORKFLOW.guard(case, "accept", outsider)
    with pytest.raises(ApplicationError, match="不在您的管辖范围内"):
        WORKFLOW.guard(case, "accept", users.fuyi_qinzhou)  # an officer of another county
    with pytest.raises(ApplicationError, match="请先登录"):
        WORKFLOW.guard(case, "accept", None)
    # terminating needs the approve permission (复议机构负责人), which an officer lacks
    accepted = case_at(
        CaseStatus.ACCEPTED,
        officer=users.fuyi,
        head=users.fuyi_head,
        body=case.org_unit,
        respondent=case.respondent,
    )
    with pytest.raises(ApplicationError, match="没有执行该操作的权限"):
        WORKFLOW.guard(accepted, "terminate", users.fuyi)
    assert WORKFLOW.guard(accepted, "terminate", users.fuyi_head).name == "terminate"


def test_automatic_steps_need_no_actor_and_are_never_offered(case, users):
    assert WORKFLOW.guard(case, "deem_accepted", None).automatic
    offered = [t.name for t in WORKFLOW.available(case, users.fuyi)]
    assert offered == ["start_review", "request_correction", "accept", "reject"]
    assert WORKFLOW.available(case, users.leader) == []
    assert WORKFLOW.available(case, users.fuyi_qinzhou) == []


def test_a_transition_records_its_event_with_the_legal_basis(case, users):
    version = case.version
    services.case_start_review(case=case, actor=users.fuyi, handler=users.fuyi)
    case.refresh_from_db()
    event = case.events.get(kind=EventKind.START_REVIEW)
    assert (event.from_status, event.to_status) == (CaseStatus.RECEIVED, CaseStatus.UNDER_REVIEW)
    assert event.basis == f"{LAW_SHORT}第三十条第一款" == str(WORKFLOW["start_review"].basis)
    assert event.actor == users.fuyi
    assert case.status == CaseStatus.UNDER_REVIEW
    assert case.version == version + 1


def test_the_status_is_set_only_by_the_workflow(case):
    with pytest.raises(AttributeError):
        case.status = CaseStatus.DECIDED
    fresh = ReconsiderationCase.objects.get(pk=case.pk)
    assert fresh.status == CaseStatus.RECEIVED


def test_the_models_transitions_are_generated_from_the_one_table():
    for entry in WORKFLOW:
        meta = getattr(ReconsiderationCase, f"fsm_{entry.name}")._django_fsm
        assert {source: meta.next_state(source) for source in entry.sources} == dict.fromkeys(
            entry.sources, entry.target
        )
        assert entry.event_kind in EventKind.values


def test_a_table_with_a_repeated_name_is_refused():
    step = Transition("go", ("a",), "b", "去", None)
    with pytest.raises(ValueError, match="unique"):
        Workflow(transitions=[step, step])


def test_services_run_in_their_own_transaction_unless_composed(case, users):
    with pytest.raises(RuntimeError, match="composed"), transaction.atomic():
        services.case_start_review(case=case, actor=users.fuyi, handler=users.fuyi)
    with composed():
        services.case_start_review(case=case, actor=users.fuyi, handler=users.fuyi)
    case.refresh_from_db()
    assert case.status == CaseStatus.UNDER_REVIEW
