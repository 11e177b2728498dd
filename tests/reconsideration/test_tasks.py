"""The beat tasks: 视为受理 (Art 30(3)), 视为放弃 (Art 31(2)) and the 60-day suspension prompt (Art 41).

The tasks are run as plain functions with a `today`, as beat would on that morning. Expected dates are
worked out by hand from the holiday table (see test_deadlines.py)."""

from datetime import date

import pytest

from deadlines.choices import DeadlineStatus
from deadlines.clocks import latest_clock, open_clock
from deadlines.models import Notification
from reconsideration import deadlines as rules
from reconsideration import services
from reconsideration.choices import CaseStatus, EventKind, SuspensionGround
from reconsideration.tasks import (
    apply_deemed_abandonment,
    apply_deemed_acceptance,
    prompt_suspension_termination,
)

from .factories import due, register_case

pytestmark = pytest.mark.django_db


def _register(staff, received_on, **kwargs):
    kwargs.setdefault("handler", staff.officer)
    return register_case(
        actor=staff.officer, body=staff.body, respondent=staff.respondent, received_on=received_on, **kwargs
    )


def test_deemed_acceptance_applied_the_day_after_the_review_period(staff, django_capture_on_commit_callbacks):
    # Received Mon 2025-03-03: review 03-04 (1), 03-05, 03-06, 03-07 (4), Mon 03-10 (5).
    case = _register(staff, date(2025, 3, 3))
    assert apply_deemed_acceptance(today=date(2025, 3, 10)) == 0  # the last day is not over yet
    case.refresh_from_db()
    assert case.status == CaseStatus.UNDER_REVIEW

    with django_capture_on_commit_callbacks(execute=True):
        assert apply_deemed_acceptance(today=date(2025, 3, 11)) == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.ACCEPTED
    assert case.is_deemed_accepted
    assert case.accepted_on == date(2025, 3, 10)  # 审查期限届满之日起视为受理
    event = case.events.get(kind=EventKind.DEEM_ACCEPTED)
    assert event.basis == "《行政复议法》第三十条第三款"
    assert event.actor is None
    assert event.date == date(2025, 3, 10)
    assert event.from_status == CaseStatus.UNDER_REVIEW and event.to_status == CaseStatus.ACCEPTED
    # The clocks run from the expiry day: decision 03-10 + 60 → Fri 2025-05-09;
    # copy 03-11 (1), 03-12, 03-13, 03-14 (4), 03-17 (5), 03-18 (6), Wed 03-19 (7).
    assert due(case, rules.DECISION) == date(2025, 5, 9)
    assert due(case, rules.COPY) == date(2025, 3, 19)
    assert latest_clock(case, rules.ACCEPTANCE_REVIEW).status == DeadlineStatus.MET

    # Idempotent: a rerun (or a redelivered message) changes nothing.
    assert apply_deemed_acceptance(today=date(2025, 3, 11)) == 0
    assert apply_deemed_acceptance(today=date(2025, 3, 20)) == 0
    assert case.events.filter(kind=EventKind.DEEM_ACCEPTED).count() == 1
    assert (
        Notification.objects.filter(
            recipient=staff.officer, dedupe_key=f"recon:deemed-accepted:{case.pk}"
        ).count()
        == 1
    )


def test_deemed_acceptance_of_an_application_received_on_a_makeup_sunday(staff):
    # Received Sun 2025-09-28 → review due Sat 2025-10-11 (a make-up working day). Not on 10-11 itself;
    # on Sun 10-12 the case is accepted as of 10-11. Decision 10-11 + 60: 20 days to 10-31, 30 in November,
    # 10 more → Wed 2025-12-10. Copy: Mon 10-13 (1) … 10-17 (5), 10-20 (6), Tue 10-21 (7).
    case = _register(staff, date(2025, 9, 28))
    assert apply_deemed_acceptance(today=date(2025, 10, 11)) == 0
    assert apply_deemed_acceptance(today=date(2025, 10, 12)) == 1
    case.refresh_from_db()
    assert case.accepted_on == date(2025, 10, 11)
    assert due(case, rules.DECISION) == date(2025, 12, 10)
    assert due(case, rules.COPY) == date(2025, 10, 21)


def test_deemed_acceptance_of_an_application_received_in_spring_festival(staff):
    # Received Tue 2026-02-17 → review due Sat 02-28 (make-up). Deemed accepted as of 02-28:
    # decision 02-28 + 60: 31 in March, 29 more → Wed 2026-04-29;
    # copy 03-02 (1) … 03-06 (5), 03-09, Tue 03-10 (7).
    case = _register(staff, date(2026, 2, 17))
    assert apply_deemed_acceptance(today=date(2026, 3, 1)) == 1
    case.refresh_from_db()
    assert (case.status, case.accepted_on) == (CaseStatus.ACCEPTED, date(2026, 2, 28))
    assert due(case, rules.DECISION) == date(2026, 4, 29)
    assert due(case, rules.COPY) == date(2026, 3, 10)


def test_deemed_acceptance_also_for_unassigned_applications(staff):
    case = _register(staff, date(2025, 3, 3), handler=None)
    assert case.status == CaseStatus.RECEIVED
    assert apply_deemed_acceptance(today=date(2025, 3, 11)) == 1
    case.refresh_from_db()
    assert case.is_deemed_accepted


def test_no_deemed_acceptance_while_awaiting_correction_or_after_a_decision(staff):
    waiting = _register(staff, date(2025, 3, 3))
    services.case_request_correction(
        case=waiting, actor=staff.officer, items="补充材料", notice_sent_on=date(2025, 3, 4)
    )
    accepted = _register(staff, date(2025, 3, 3))
    services.case_accept(case=accepted, actor=staff.officer, accepted_on=date(2025, 3, 5))
    rejected = _register(staff, date(2025, 3, 3))
    services.case_reject(
        case=rejected, actor=staff.officer, rejected_on=date(2025, 3, 5), reasoning="不属于复议范围"
    )
    assert apply_deemed_acceptance(today=date(2025, 4, 1)) == 0
    for case, status in (
        (waiting, CaseStatus.AWAITING_CORRECTION),
        (accepted, CaseStatus.ACCEPTED),
        (rejected, CaseStatus.REJECTED),
    ):
        case.refresh_from_db()
        assert case.status == status
        assert not case.is_deemed_accepted


def test_after_correction_a_new_review_can_lapse_into_deemed_acceptance(staff):
    # Materials received Mon 2025-03-17 → new review 03-18 (1) … Mon 03-24 (5); deemed accepted as of 03-24.
    case = _register(staff, date(2025, 3, 3))
    services.case_request_correction(
        case=case,
        actor=staff.officer,
        items="补充材料",
        notice_sent_on=date(2025, 3, 4),
        applicant_received_on=date(2025, 3, 5),
    )
    services.case_receive_correction(case=case, actor=staff.officer, received_on=date(2025, 3, 17))
    assert apply_deemed_acceptance(today=date(2025, 3, 25)) == 1
    case.refresh_from_db()
    assert case.accepted_on == date(2025, 3, 24)


def test_deemed_abandonment(staff):
    # Notice received Thu 2025-10-09 → correction due Wed 2025-10-22 (docs/law/counting.md, worked
    # examples). Not on 10-22; from 10-23 the application is deemed abandoned (Art 31(2)).
    case = _register(staff, date(2025, 9, 30))
    services.case_request_correction(
        case=case,
        actor=staff.officer,
        items="补充身份证明",
        notice_sent_on=date(2025, 9, 30),
        applicant_received_on=date(2025, 10, 9),
    )
    assert apply_deemed_abandonment(today=date(2025, 10, 22)) == 0
    assert apply_deemed_abandonment(today=date(2025, 10, 23)) == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.ABANDONED
    assert case.concluded_on == date(2025, 10, 23)
    event = case.events.get(kind=EventKind.DEEM_ABANDONED)
    assert event.basis == "《行政复议法》第三十一条第二款"
    assert "2025-10-22" in event.note
    reply = latest_clock(case, rules.CORRECTION_REPLY)
    assert reply.status == DeadlineStatus.MISSED
    assert open_clock(case, *rules.CASE_RULES) is None
    assert apply_deemed_abandonment(today=date(2025, 10, 24)) == 0  # idempotent


def test_no_abandonment_once_the_materials_arrived(staff):
    case = _register(staff, date(2025, 9, 30))
    services.case_request_correction(
        case=case,
        actor=staff.officer,
        items="补充",
        notice_sent_on=date(2025, 9, 30),
        applicant_received_on=date(2025, 10, 9),
    )
    services.case_receive_correction(case=case, actor=staff.officer, received_on=date(2025, 10, 22))
    assert apply_deemed_abandonment(today=date(2025, 11, 1)) == 0
    case.refresh_from_db()
    assert case.status == CaseStatus.UNDER_REVIEW


def test_no_abandonment_before_the_applicant_has_the_notice(staff):
    case = _register(staff, date(2025, 9, 30))
    services.case_request_correction(
        case=case, actor=staff.officer, items="补充", notice_sent_on=date(2025, 9, 30)
    )
    assert apply_deemed_abandonment(today=date(2026, 1, 1)) == 0


def test_suspension_limit_prompt_is_recorded_once(staff, django_capture_on_commit_callbacks):
    # Suspended 2025-08-01 on 39(1) → 60 days end Tue 2025-09-30 (docs/law/counting.md): the prompt
    # appears on 09-30.
    case = _register(staff, date(2025, 7, 1))
    services.case_accept(case=case, actor=staff.officer, accepted_on=date(2025, 7, 1))
    services.case_send_copy(case=case, actor=staff.officer, sent_on=date(2025, 7, 2))
    services.case_suspend(
        case=case,
        actor=staff.officer,
        ground=SuspensionGround.APPLICANT_DIED,
        suspended_on=date(2025, 8, 1),
        reason="申请人死亡",
    )
    assert prompt_suspension_termination(today=date(2025, 9, 29)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert prompt_suspension_termination(today=date(2025, 9, 30)) == 1
        assert prompt_suspension_termination(today=date(2025, 10, 1)) == 0
    event = case.events.get(kind=EventKind.SUSPENSION_LIMIT)
    assert event.date == date(2025, 9, 30)
    assert event.basis == "《行政复议法》第四十一条第一款第五项"
    recipients = set(
        Notification.objects.filter(title__contains="中止已满六十日").values_list("recipient", flat=True)
    )
    assert recipients == {staff.officer.pk, staff.head.pk}
