"""Four eyes (docs/workflow.md "Four eyes"): the handler submits, a 复议机构负责人 of the case's own body
approves in their own session, and the workbench shows each role its work."""

from datetime import date

import pytest

from accounts.choices import Role
from core.exceptions import ApplicationError, GateError
from deadlines.models import Notification
from reconsideration import services
from reconsideration.choices import CaseStatus, DecisionOutcome
from reconsideration.selectors import handlers
from reconsideration.workbench import pending_requests, pending_reviews

from .factories import authorise_signer, case_at

pytestmark = pytest.mark.django_db

DECIDED_ON = date(2025, 4, 14)


@pytest.fixture
def county(tree, users, make_user):
    """秦州区: its officer and its own 复议机构负责人."""
    head = make_user("fuyi_head_qinzhou", unit=tree.qinzhou_justice, roles=[Role.RECON_HEAD])
    return head


def _county_case(status, users, tree, county, **kwargs):
    return case_at(
        status,
        officer=users.fuyi_qinzhou,
        head=county,
        body=tree.qinzhou,
        respondent=tree.qinzhou_market,
        **kwargs,
    )


def test_a_county_case_goes_to_the_county_head_with_a_notification(
    users, tree, county, django_capture_on_commit_callbacks
):
    case = _county_case(CaseStatus.DRAFTED, users, tree, county)
    assert services.approvers_of(case) == [county]  # not the city's head
    assert list(pending_reviews(county)) == [case] and not pending_reviews(users.fuyi_head).exists()
    services.opinion_review(case=case, actor=county, text="同意。", agrees=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_submit_for_approval(case=case, actor=users.fuyi_qinzhou, on=DECIDED_ON)
    note = Notification.objects.get(title__contains="报请审批")
    assert note.recipient == county
    assert [r.case for r in pending_requests(county, "decision")] == [case]
    assert not pending_requests(users.fuyi_head, "decision").exists()
    with pytest.raises(ApplicationError):  # the city head may see the case but not approve it
        services.case_approve_decision(case=case, actor=users.fuyi_head, decided_on=DECIDED_ON)
    authorise_signer(county, tree.qinzhou)
    decision = services.case_approve_decision(case=case, actor=county, decided_on=DECIDED_ON)
    assert decision.signed_by == county
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED
    assert case.approval_requests.get().status == "approved"


def test_the_submitter_cannot_approve_their_own_submission(staff, tree, make_user):
    # a head who handles a case submits it like any handler; another head of the body approves it
    other = make_user("fuyi_head2", unit=tree.city_justice, roles=[Role.RECON_HEAD])
    case = case_at(
        CaseStatus.DRAFTED, officer=staff.head, head=staff.head, body=staff.body, respondent=staff.respondent
    )
    services.opinion_review(case=case, actor=other, text="同意。", agrees=True)
    services.case_submit_for_approval(case=case, actor=staff.head, on=DECIDED_ON)
    authorise_signer(staff.head, staff.body)
    authorise_signer(other, staff.body)
    with pytest.raises(GateError, match="双人审核"):
        services.case_approve_decision(case=case, actor=staff.head, decided_on=DECIDED_ON)
    with pytest.raises(GateError, match="双人审核"):
        services.case_return_for_revision(case=case, actor=staff.head, reason="x")
    decision = services.case_approve_decision(case=case, actor=other, decided_on=DECIDED_ON)
    assert decision.signed_by == other


def test_returned_decision_shows_in_the_officers_panel_and_can_be_resubmitted(staff, login):
    case = case_at(
        CaseStatus.PENDING_APPROVAL,
        officer=staff.officer,
        head=staff.head,
        body=staff.body,
        respondent=staff.respondent,
    )
    services.case_return_for_revision(case=case, actor=staff.head, reason="请补充证据分析。")
    request = case.approval_requests.get()
    assert (request.status, request.decided_by, request.return_reason) == (
        "returned",
        staff.head,
        "请补充证据分析。",
    )
    page = login(staff.officer).get("/").content.decode()
    assert "退回给我" in page and "请补充证据分析。" in page
    services.case_submit_for_approval(case=case, actor=staff.officer, on=DECIDED_ON)
    page = login(staff.officer).get("/").content.decode()
    assert "请补充证据分析。" not in page  # submitted again: no longer returned to me


def test_head_panel_counts_oldest_first(staff, users, login, django_assert_max_num_queries):
    first = case_at(
        CaseStatus.PENDING_APPROVAL,
        officer=staff.officer,
        head=staff.head,
        body=staff.body,
        respondent=staff.respondent,
    )
    second = case_at(
        CaseStatus.PENDING_APPROVAL,
        officer=staff.officer,
        head=staff.head,
        body=staff.body,
        respondent=staff.respondent,
        received_on=date(2025, 3, 10),
    )
    drafted = case_at(
        CaseStatus.DRAFTED,
        officer=staff.officer,
        head=staff.head,
        body=staff.body,
        respondent=staff.respondent,
    )
    assert [r.case for r in pending_requests(staff.head, "decision")] == [first, second]
    client = login(staff.head)
    page = client.get("/").content.decode()
    assert "待我审核" in page and "待我审批" in page and "延期待批" in page
    assert page.index(first.number) < page.index(second.number)
    assert drafted.number in page
    with django_assert_max_num_queries(30):
        client.get("/")


def test_leader_overview_panel(staff, users, login):
    case_at(
        CaseStatus.DECIDED,
        officer=staff.officer,
        head=staff.head,
        body=staff.body,
        respondent=staff.respondent,
        outcome=DecisionOutcome.REVOKE,
    )
    page = login(users.leader).get("/").content.decode()
    assert "本年度概况" in page and "纠错率" in page and "法定期限内办结率" in page
    assert "待我审批" not in login(users.leader).get("/").content.decode()


def test_a_county_officer_picks_only_the_county_staff(users, tree, county):
    case = _county_case(CaseStatus.UNDER_REVIEW, users, tree, county)
    assert users.fuyi not in handlers(body=tree.qinzhou)
    assert users.fuyi_qinzhou in handlers(body=tree.qinzhou)
    with pytest.raises(ApplicationError, match="本行政复议机关"):
        services.case_assign_handler(case=case, actor=users.fuyi_qinzhou, handler=users.fuyi)
