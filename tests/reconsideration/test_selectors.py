"""Reads: jurisdiction, queues, the transitions a user may take, statistics, query counts."""

from datetime import date

import pytest
from django.http import Http404

from reconsideration import selectors, services
from reconsideration.choices import CaseStatus, DecisionOutcome, TerminationGround

from .factories import case_at, make_dispute, register_case

pytestmark = pytest.mark.django_db


def _case(staff, status, **kwargs):
    return case_at(
        status, officer=staff.officer, head=staff.head, body=staff.body, respondent=staff.respondent, **kwargs
    )


@pytest.fixture
def three_bodies(staff, users, tree):
    """One application at the city government and one at each county government."""
    return {
        "city": register_case(actor=staff.officer, body=tree.city, respondent=tree.city_market),
        "qinzhou": register_case(actor=users.fuyi_qinzhou, body=tree.qinzhou, respondent=tree.qinzhou_market),
        "maiji": register_case(actor=users.fuyi_maiji, body=tree.maiji, respondent=tree.maiji_market),
    }


def test_county_officers_see_only_their_countys_cases(three_bodies, users):
    qinzhou = set(selectors.case_list(user=users.fuyi_qinzhou).values_list("number", flat=True))
    assert qinzhou == {three_bodies["qinzhou"].number}
    maiji = set(selectors.case_list(user=users.fuyi_maiji).values_list("number", flat=True))
    assert maiji == {three_bodies["maiji"].number}
    # The city office and the city's leaders see every body's cases.
    assert selectors.case_list(user=users.fuyi).count() == 3
    assert selectors.case_list(user=users.leader).count() == 3
    with pytest.raises(Http404):
        selectors.case_detail(user=users.fuyi_qinzhou, pk=three_bodies["city"].pk)
    with pytest.raises(Http404):
        selectors.case_detail(user=users.fuyi_qinzhou, pk=three_bodies["maiji"].pk)
    assert selectors.case_detail(user=users.fuyi_qinzhou, pk=three_bodies["qinzhou"].pk)
    assert (
        selectors.statistics(user=users.fuyi_qinzhou, start=date(2025, 1, 1), end=date(2025, 12, 31)).received
        == 1
    )


def test_case_list_query_count_is_constant(staff, django_assert_num_queries):
    for i in range(32):
        case = register_case(
            actor=staff.officer,
            body=staff.body,
            respondent=staff.respondent,
            handler=staff.officer if i % 2 else None,
        )
        if i % 4 == 0:
            services.case_accept(case=case, actor=staff.officer, accepted_on=date(2025, 3, 4))
    with django_assert_num_queries(1):
        rows = list(selectors.case_list(user=staff.officer))
        cells = [
            (
                c.number,
                c.org_unit.name,
                c.respondent.name,
                c.dispute.number,
                c.handler and c.handler.display_name,
                c.get_status_display(),
                c.next_due_on,
                c.next_due_rule,
            )
            for c in rows
        ]
    assert len(cells) == 32
    # Accepted cases' next clock is the copy (03-04 + 7 working days = Thu 03-13); the others' the review.
    accepted = [c for c in rows if c.status == CaseStatus.ACCEPTED]
    assert {(c.next_due_on, c.next_due_rule) for c in accepted} == {
        (date(2025, 3, 13), "recon.copy_to_respondent")
    }
    waiting = [c for c in rows if c.status != CaseStatus.ACCEPTED]
    assert {(c.next_due_on, c.next_due_rule) for c in waiting} == {
        (date(2025, 3, 10), "recon.acceptance_review")
    }
    with django_assert_num_queries(3):
        for queue in (selectors.my_cases, selectors.pending_my_approval):
            list(queue(user=staff.officer))
        list(selectors.overdue(user=staff.officer, today=date(2025, 3, 11)))
        list(selectors.due_soon(user=staff.officer, today=date(2025, 3, 10)))


def test_case_list_filters(staff, users):
    a = register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, handler=staff.officer
    )
    b = register_case(
        actor=staff.officer,
        body=staff.body,
        respondent=staff.respondent,
        dispute=make_dispute(respondent=staff.respondent, act_date=date(2025, 2, 21), claimant="李四明"),
    )
    services.case_accept(case=b, actor=staff.officer, accepted_on=date(2025, 3, 4))
    applicant = "四明"
    assert list(selectors.case_list(user=staff.officer, filters={"status": CaseStatus.ACCEPTED})) == [b]
    assert list(selectors.case_list(user=staff.officer, filters={"handler": staff.officer})) == [a]
    assert list(selectors.case_list(user=staff.officer, filters={"q": applicant})) == [b]
    assert list(selectors.case_list(user=staff.officer, filters={"q": "〔2025〕1号"})) == [a]
    late = selectors.case_list(user=staff.officer, filters={"overdue": True, "today": date(2025, 3, 11)})
    assert list(late) == [a]  # its review clock (03-10) is past; b's copy clock (03-13) is not


def test_case_detail_query_count(staff, django_assert_num_queries):
    case = _case(staff, CaseStatus.ARCHIVED)
    # the case, parties, events, opinions, its 报请审批 record and — 复议法第四十九条 — the record of
    # hearing the parties
    with django_assert_num_queries(6):
        detail = selectors.case_detail(user=staff.officer, pk=case.pk)
        assert detail.decision.outcome == DecisionOutcome.UPHOLD
        assert [e.actor for e in detail.events.all()]
        assert [o.author for o in detail.opinions.all()]
        assert [p.name for p in detail.dispute.parties.all()]
        list(detail.hearings.all()), list(detail.suspensions.all()), list(detail.opinion_letters.all())
        assert [r.submitted_by for r in detail.approval_requests.all()] == [staff.officer]
        assert [p.summary for p in detail.party_hearings.all()]
    with django_assert_num_queries(2):
        clocks = list(selectors.case_deadlines(detail))
        assert [e.kind for c in clocks for e in c.events.all()]


def test_pending_review_countdown(staff):
    # Received Sat 2026-02-28 → review due Fri 03-06; on Mon 03-02 four working days remain (03-03 … 03-06).
    fresh = register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, received_on=date(2026, 2, 28)
    )
    # Notice received Wed 03-04 → the applicant's 10 working days end Wed 03-18
    # (03-05 … 03-18, weekends skipped).
    waiting = register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, received_on=date(2026, 2, 28)
    )
    services.case_request_correction(
        case=waiting,
        actor=staff.officer,
        items="补充",
        notice_sent_on=date(2026, 3, 3),
        applicant_received_on=date(2026, 3, 4),
    )
    rows = {c.pk: c for c in selectors.pending_review(user=staff.officer, today=date(2026, 3, 2))}
    assert (rows[fresh.pk].countdown_due, rows[fresh.pk].workdays_left) == (date(2026, 3, 6), 4)
    assert rows[waiting.pk].countdown_due == date(2026, 3, 18)
    late = selectors.pending_review(user=staff.officer, today=date(2026, 3, 9))
    assert next(c for c in late if c.pk == fresh.pk).workdays_left == -1  # 视为受理 is due


def test_due_soon_and_overdue(staff):
    # Accepted Mon 2025-03-03 → copy due Wed 03-12.
    case = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)
    services.case_accept(case=case, actor=staff.officer, accepted_on=date(2025, 3, 3))
    # On Fri 03-07 the third working day ahead is Wed 03-12: due soon; on Mon 03-03 it is not yet
    # (limit 03-06).
    assert case in selectors.due_soon(user=staff.officer, today=date(2025, 3, 7))
    assert case not in selectors.due_soon(user=staff.officer, today=date(2025, 3, 3))
    assert case not in selectors.overdue(user=staff.officer, today=date(2025, 3, 12))
    assert case in selectors.overdue(user=staff.officer, today=date(2025, 3, 13))
    services.case_send_copy(case=case, actor=staff.officer, sent_on=date(2025, 3, 12))
    assert case not in selectors.overdue(user=staff.officer, today=date(2025, 3, 13))


def test_queue_badges_count_the_queues(staff):
    """The tab badges (one query) count what each queue lists, on the days the clocks move."""
    mine = register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, handler=staff.officer
    )
    services.case_accept(case=mine, actor=staff.officer, accepted_on=date(2025, 3, 3))
    register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)  # 待受理审查
    for today in (date(2025, 3, 3), date(2025, 3, 7), date(2025, 3, 13)):
        counts = selectors.queue_counts(user=staff.officer, today=today)
        assert counts == {
            "mine": selectors.my_cases(user=staff.officer).count(),
            "pending_review": len(selectors.pending_review(user=staff.officer, today=today)),
            "due_soon": selectors.due_soon(user=staff.officer, today=today).count(),
            "overdue": selectors.overdue(user=staff.officer, today=today).count(),
            "pending_approval": selectors.pending_my_approval(user=staff.officer).count(),
        }
    # not vacuous: each clock-driven badge is non-zero on one of the days
    assert selectors.queue_counts(user=staff.officer, today=date(2025, 3, 7))["due_soon"] > 0
    assert selectors.queue_counts(user=staff.officer, today=date(2025, 3, 13))["overdue"] > 0
    assert selectors.queue_counts(user=staff.officer, today=date(2025, 3, 3))["mine"] == 1


def test_approval_queue_and_available_transitions(staff, users):
    case = _case(staff, CaseStatus.PENDING_APPROVAL)
    assert list(selectors.pending_my_approval(user=staff.head)) == [case]
    assert not selectors.pending_my_approval(user=staff.officer).exists()
    assert list(selectors.my_cases(user=staff.officer)) == [case]
    names = lambda user: [t.name for t in selectors.available_transitions(case, user)]  # noqa: E731
    # 复议法第三十九条: suspension from every in-progress state, 待审批 included; four eyes: only the
    # head approves
    assert names(staff.head) == ["suspend", "return_for_revision", "decide", "mediate", "terminate"]
    assert names(staff.officer) == ["suspend", "mediate"]
    assert names(users.fuyi_qinzhou) == []  # another jurisdiction
    assert names(users.leader) == []  # read-only
    review = register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, handler=staff.officer
    )
    # 视为受理 is applied by the system, never offered.
    assert [t.name for t in selectors.available_transitions(review, staff.officer)] == [
        "request_correction",
        "accept",
        "reject",
    ]


def test_statistics(staff, users, tree, django_assert_num_queries):
    _case(staff, CaseStatus.DECIDED, outcome=DecisionOutcome.REVOKE)
    _case(staff, CaseStatus.DECIDED, outcome=DecisionOutcome.UPHOLD)
    _case(staff, CaseStatus.MEDIATED)  # the agency changed its act: indirect correction
    settled = _case(staff, CaseStatus.IN_TRIAL)
    services.case_terminate(
        case=settled,
        actor=staff.head,
        ground=TerminationGround.WITHDRAWN,
        terminated_on=date(2025, 3, 20),
        reasoning="和解后撤回",
        is_settlement=True,
    )
    _case(staff, CaseStatus.REJECTED)
    _case(staff, CaseStatus.ABANDONED)
    deemed = register_case(actor=staff.officer, body=staff.body, respondent=staff.respondent)
    services.case_deem_accepted(case=deemed, today=date(2025, 3, 11))
    case_at(
        CaseStatus.DECIDED,
        officer=users.fuyi_qinzhou,
        head=staff.head,
        body=tree.qinzhou,
        respondent=tree.qinzhou_market,
        outcome=DecisionOutcome.VARY,
    )

    with django_assert_num_queries(3):
        stats = selectors.statistics(
            user=staff.officer, start=date(2025, 1, 1), end=date(2025, 12, 31), body=tree.city
        )
    assert stats.received == 7
    assert (stats.accepted, stats.deemed_accepted) == (5, 1)
    assert (stats.not_accepted, stats.abandoned) == (1, 1)
    assert stats.concluded == 4
    assert (stats.directly_corrected, stats.indirectly_corrected) == (1, 1)
    assert (stats.mediated, stats.settled) == (1, 1)
    assert stats.correction_rate == 25  # 1 ÷ 4
    assert stats.total_correction_rate == 50
    assert stats.mediation_settlement_rate == 50
    assert (stats.on_time, stats.late) == (4, 0)
    outcomes = {row["outcome"]: row["count"] for row in stats.by_outcome}
    assert outcomes == {"revoke": 1, "uphold": 1, "mediation": 1, "termination": 1, "not_accepted": 1}
    penalty = next(r for r in stats.by_act_type if r["act_type"] == "penalty")
    assert (penalty["received"], penalty["concluded"], penalty["direct"]) == (7, 4, 1)
    respondent = stats.by_respondent[0]
    assert (respondent["name"], respondent["received"], respondent["indirect"]) == (
        "天水市市场监督管理局",
        7,
        1,
    )

    # Whole jurisdiction (city and counties) vs. the county alone; and a period with nothing concluded.
    everything = selectors.statistics(user=staff.officer, start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert (everything.received, everything.concluded, everything.directly_corrected) == (8, 5, 2)
    below = selectors.statistics(
        user=staff.officer, start=date(2025, 1, 1), end=date(2025, 12, 31), body=tree.city, include_lower=True
    )
    assert below.received == 8
    county = selectors.statistics(user=users.fuyi_qinzhou, start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert (county.received, county.concluded, county.correction_rate) == (1, 1, 100)
    empty = selectors.statistics(user=staff.officer, start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert empty.concluded == 0 and empty.correction_rate is None


def test_every_queue_filters_with_the_list_filter(staff):
    """One FilterSet (filters.CaseFilter) filters the list, each queue tab and the export."""
    a = register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, handler=staff.officer
    )
    b = register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, handler=staff.officer
    )
    services.case_accept(case=b, actor=staff.officer, accepted_on=date(2025, 3, 4))
    user = staff.officer
    assert list(selectors.queue_rows(user=user, queue="all", filters={"status": CaseStatus.ACCEPTED})) == [b]
    assert list(selectors.queue_rows(user=user, queue="mine", filters={"number": a.number})) == [a]
    assert selectors.queue_rows(user=user, queue="review", filters={"number": b.number}) == []
    assert selectors.queue_rows(user=user, queue="review", filters={"number": a.number}) == [a]
    # a value the bar does not know is ignored, not an error
    assert set(selectors.queue_rows(user=user, queue="all", filters={"status": "nonsense"})) == {a, b}
