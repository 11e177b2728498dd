"""Every gate and clock of administrative enforcement (docs/law/enforcement.md)."""

from datetime import date
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError, GateError
from deadlines.choices import DeadlineStatus
from deadlines.clocks import latest_clock, open_clock
from enforcement import deadlines as clocks
from enforcement import services
from enforcement.choices import (
    CaseStatus,
    CertificateStatus,
    ExamKind,
    MajorGround,
    RecordMedium,
    RecordStage,
    ReviewConclusion,
)
from enforcement.models import CaseEvent, Certificate, EnforcementCase
from enforcement.services import gates

from .factories import FILED, certified_officer, file_case, id_number, passed_exam, reviewer_officer

pytestmark = pytest.mark.django_db


def due(record, rule):
    clock = latest_clock(record, rule)
    assert clock is not None, rule
    return clock


# --- certificates ----------------------------------------------------------------------------------


def test_expired_certificate_does_not_count_as_one_of_two_investigators(w):
    """Art 42: a certificate that expired on 2025-06-30 does not count on 2025-07-15."""
    old = certified_officer(
        w.agency, issuer=w.issuer, name="陈旧", issued_on=date(2020, 7, 1), expires_on=date(2025, 6, 30)
    )
    with pytest.raises(GateError, match="陈旧") as exc:
        file_case(w, investigators=[old, w.a])
    assert "第四十二条" in str(exc.value)
    assert not EnforcementCase.objects.exists()
    # on the last day of validity the same pair may act
    case = file_case(w, investigators=[old, w.a], filed_on=date(2025, 6, 30))
    assert case.number


def test_one_officer_is_refused(w):
    with pytest.raises(GateError, match="不得少于两人"):
        file_case(w, investigators=[w.a])


def test_suspended_certificate_counts_only_before_the_suspension(w):
    services.certificate_suspend(
        actor=w.issuer, certificate=w.a.certificate, reason="涉嫌违纪", on=date(2025, 7, 1)
    )
    with pytest.raises(GateError, match="王强"):
        file_case(w, investigators=[w.a, w.b])
    assert file_case(w, investigators=[w.a, w.b], filed_on=date(2025, 6, 30))
    assert set(Certificate.objects.valid_on(date(2025, 7, 2)).values_list("officer__name", flat=True)) == {
        "李明",
        "赵刚",
    }


def test_revoked_certificate_ends_its_expiry_clock(w):
    cert = w.a.certificate
    assert due(cert, clocks.CERT_EXPIRY).due_date == date(2029, 2, 28)  # five years, the day before
    services.certificate_revoke(actor=w.issuer, certificate=cert, reason="违法执法", on=date(2025, 5, 1))
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.REVOKED
    assert open_clock(cert, clocks.CERT_EXPIRY) is None
    assert not cert.is_valid_on(date(2025, 5, 1)) and cert.is_valid_on(date(2025, 4, 30))


def test_issue_needs_a_passed_qualification_exam_in_the_last_twelve_months(w):
    officer = services.officer_create(actor=None, agency=w.agency, name="新人", id_number=id_number())
    cert = services.certificate_apply(actor=None, officer=officer, applied_on=date(2025, 3, 1))
    services.certificate_submit(actor=w.issuer, certificate=cert, on=date(2025, 3, 2))
    with pytest.raises(GateError, match="资格考试"):
        services.certificate_issue(actor=w.issuer, certificate=cert, issued_on=date(2025, 3, 10))
    passed_exam(officer, held_on=date(2024, 3, 10), unit=w.agency.org_unit)  # a full 12 months before
    with pytest.raises(GateError):
        services.certificate_issue(actor=w.issuer, certificate=cert, issued_on=date(2025, 3, 10))
    failed = passed_exam(officer, held_on=date(2025, 2, 1), unit=w.agency.org_unit, score=Decimal("59"))
    assert failed.passed is False
    with pytest.raises(GateError):
        services.certificate_issue(actor=w.issuer, certificate=cert, issued_on=date(2025, 3, 10))
    passed_exam(officer, held_on=date(2024, 3, 11), unit=w.agency.org_unit)  # within the 12 months
    cert = services.certificate_issue(actor=w.issuer, certificate=cert, issued_on=date(2025, 3, 10))
    assert cert.status == CertificateStatus.VALID
    assert cert.expires_on == date(2030, 3, 9)
    assert cert.number.startswith("甘天执2025")


def test_agency_staff_cannot_issue_certificates(w):
    officer = services.officer_create(actor=None, agency=w.agency, name="新人", id_number=id_number())
    passed_exam(officer, held_on=date(2025, 1, 2), unit=w.agency.org_unit)
    cert = services.certificate_apply(actor=w.users.zhifa_scj, officer=officer, applied_on=date(2025, 3, 1))
    services.certificate_submit(actor=w.users.zhifa_scj, certificate=cert, on=date(2025, 3, 1))
    with pytest.raises(ApplicationError, match="权限"):
        services.certificate_issue(actor=w.users.zhifa_scj, certificate=cert, issued_on=date(2025, 3, 10))


def test_expiry_task_marks_certificates_expired(w):
    old = certified_officer(
        w.agency, issuer=w.issuer, name="陈旧", issued_on=date(2020, 7, 1), expires_on=date(2025, 6, 30)
    )
    assert services.certificates_expire(on=date(2025, 7, 1)) == 1
    old.certificate.refresh_from_db()
    assert old.certificate.status == CertificateStatus.EXPIRED
    assert old.certificate.events.filter(kind="expire", actor__isnull=True).exists()


def test_renewal_cancels_the_old_certificate_on_issue(w):
    passed_exam(w.a, held_on=date(2025, 2, 1), unit=w.agency.org_unit)
    new = services.certificate_apply(
        actor=None, officer=w.a, applied_on=date(2025, 2, 10), renews=w.a.certificate
    )
    services.certificate_submit(actor=w.issuer, certificate=new, on=date(2025, 2, 10))
    services.certificate_issue(actor=w.issuer, certificate=new, issued_on=date(2025, 2, 20))
    w.a.certificate.refresh_from_db()
    assert w.a.certificate.status == CertificateStatus.CANCELLED
    assert w.a.certificate.status_changed_on == date(2025, 2, 20)
    assert gates.valid_certificate(w.a, date(2025, 2, 21)) == new


# --- cases: filing, benchmark, numbering ---------------------------------------------------------------


def test_case_number_per_agency_and_year_and_decision_clock(w):
    one = file_case(w)
    two = file_case(w)
    assert one.number == "tsscj执〔2025〕1号" and two.number == "tsscj执〔2025〕2号"
    clock = due(one, clocks.PENALTY_DECISION)
    assert clock.due_date == date(2025, 10, 13)  # 90 CD → Mon 10-13 (10-13 itself is a working day)
    assert CaseEvent.objects.filter(case=one, kind="file").exists()


def test_fine_outside_benchmark_needs_a_reason_and_is_flagged(w):
    with pytest.raises(GateError, match="裁量基准"):
        file_case(w, penalty_amount=Decimal("150000"))
    case = file_case(w, penalty_amount=Decimal("150000"), benchmark_deviation_reason="货值大、情节特别严重")
    assert case.outside_benchmark is True
    assert file_case(w, penalty_amount=Decimal("80000")).outside_benchmark is False


# --- hearing -------------------------------------------------------------------------------------------


def test_hearing_request_period_blocks_the_decision(w):
    case = file_case(w)
    case = services.case_inform(actor=w.users.zhifa_scj, case=case, on=FILED)
    clock = due(case, clocks.HEARING_REQUEST)
    assert clock.due_date == date(2025, 7, 22)  # 5 working days (处罚法第八十五条)
    with pytest.raises(GateError, match="第六十四条"):
        services.case_decide(
            actor=w.users.zhifa_scj, case=case, decided_on=date(2025, 7, 22), summary="罚款六万元"
        )
    case = services.case_decide(
        actor=w.users.zhifa_scj, case=case, decided_on=date(2025, 7, 23), summary="罚款六万元"
    )
    assert case.status == CaseStatus.DECIDED
    assert due(case, clocks.PENALTY_DECISION).status == DeadlineStatus.MET
    assert latest_clock(case, clocks.HEARING_REQUEST) is None  # cancelled by the decision


def test_hearing_notice_at_least_seven_working_days_before(w):
    case = file_case(w)
    services.case_inform(actor=w.users.zhifa_scj, case=case, on=FILED)
    case = services.case_request_hearing(actor=w.users.zhifa_scj, case=case, on=date(2025, 7, 18))
    assert due(case, clocks.HEARING_REQUEST).status == DeadlineStatus.MET
    assert gates.latest_hearing_notice(date(2025, 8, 12)) == date(2025, 8, 3)
    with pytest.raises(GateError, match="2025-08-03"):
        services.case_schedule_hearing(
            actor=w.users.zhifa_scj, case=case, notice_on=date(2025, 8, 4), hearing_date=date(2025, 8, 12)
        )
    services.case_schedule_hearing(
        actor=w.users.zhifa_scj, case=case, notice_on=date(2025, 8, 1), hearing_date=date(2025, 8, 12)
    )
    with pytest.raises(GateError, match="听证"):
        services.case_decide(actor=w.users.zhifa_scj, case=case, decided_on=date(2025, 8, 11), summary="罚款")
    case = services.case_hold_hearing(
        actor=w.users.zhifa_scj, case=case, held_on=date(2025, 8, 12), record="当事人陈述申辩。"
    )
    assert case.is_major and case.major_ground == MajorGround.HEARING
    with pytest.raises(GateError, match="第五十八条"):
        services.case_decide(actor=w.users.zhifa_scj, case=case, decided_on=date(2025, 8, 20), summary="罚款")


# --- legal review ----------------------------------------------------------------------------------------


def _major(w):
    case = file_case(w, is_major=True, major_ground=MajorGround.PUBLIC_INTEREST)
    services.case_inform(actor=w.users.zhifa_scj, case=case, on=FILED, hearing_right_told=False)
    return case


def test_major_decision_without_legal_review_cannot_be_decided(w):
    case = _major(w)
    with pytest.raises(GateError) as exc:
        services.case_decide(actor=w.users.zhifa_scj, case=case, decided_on=date(2025, 7, 20), summary="罚款")
    assert "未经法制审核" in str(exc.value) and "第五十八条" in str(exc.value)


def test_reviewer_needs_legal_qualification_and_may_not_be_an_investigator(w, users):
    case = _major(w)
    services.case_request_review(actor=users.zhifa_scj, case=case, on=date(2025, 7, 16))
    with pytest.raises(GateError, match="法律职业资格"):
        services.case_review(
            actor=users.fzsh,
            case=case,
            conclusion=ReviewConclusion.APPROVED,
            opinion="同意",
            on=date(2025, 7, 17),
        )
    officer = reviewer_officer(w, users.fzsh)
    case.investigators.add(officer)
    with pytest.raises(GateError, match="调查与决定分离"):
        services.case_review(
            actor=users.fzsh,
            case=case,
            conclusion=ReviewConclusion.APPROVED,
            opinion="同意",
            on=date(2025, 7, 17),
        )
    case.investigators.remove(officer)
    with pytest.raises(ApplicationError, match="权限"):  # the officers cannot review their own case
        services.case_review(
            actor=users.zhifa_scj, case=case, conclusion=ReviewConclusion.APPROVED, opinion="同意"
        )
    review = services.case_review(
        actor=users.fzsh,
        case=case,
        conclusion=ReviewConclusion.APPROVED,
        opinion="事实清楚，同意。",
        on=date(2025, 7, 17),
    )
    assert review.reviewer == users.fzsh
    case.refresh_from_db()
    assert case.status == CaseStatus.REVIEWED
    case = services.case_decide(
        actor=users.zhifa_scj, case=case, decided_on=date(2025, 7, 18), summary="罚款六万元"
    )
    assert case.status == CaseStatus.DECIDED


def test_rejected_review_returns_the_case(w, users):
    case = _major(w)
    reviewer_officer(w, users.fzsh)
    services.case_request_review(actor=users.zhifa_scj, case=case, on=date(2025, 7, 16))
    services.case_review(
        actor=users.fzsh,
        case=case,
        conclusion=ReviewConclusion.REJECTED,
        opinion="证据不足",
        on=date(2025, 7, 17),
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.INFORMED
    with pytest.raises(GateError, match="未经法制审核"):
        services.case_decide(actor=users.zhifa_scj, case=case, decided_on=date(2025, 7, 18), summary="罚款")


# --- decision, service, publicity, closing ---------------------------------------------------------------


def _decided(w, **kwargs):
    case = file_case(w)
    services.case_inform(actor=w.users.zhifa_scj, case=case, on=FILED, hearing_right_told=False)
    return services.case_decide(
        actor=w.users.zhifa_scj, case=case, decided_on=date(2025, 7, 23), summary="罚款六万元", **kwargs
    )


def test_decision_starts_service_and_publicity_clocks(w):
    case = _decided(w)
    assert due(case, clocks.SERVICE).due_date == date(2025, 8, 1)
    assert due(case, clocks.PUBLICITY_PENALTY).due_date == date(2025, 8, 1)
    services.case_serve(actor=w.users.zhifa_scj, case=case, served_on=date(2025, 7, 25))
    services.case_publish(actor=w.users.zhifa_scj, case=case, published_on=date(2025, 8, 4))
    assert due(case, clocks.SERVICE).status == DeadlineStatus.MET
    assert due(case, clocks.PUBLICITY_PENALTY).status == DeadlineStatus.MISSED


def test_party_present_is_served_on_the_spot(w):
    case = _decided(w, party_present=True)
    assert case.served_on == date(2025, 7, 23)
    assert latest_clock(case, clocks.SERVICE) is None


def test_changed_decision_withdraws_publicity_within_three_working_days(w):
    case = _decided(w)
    services.case_publish(actor=w.users.zhifa_scj, case=case, published_on=date(2025, 7, 24))
    services.case_change_decision(actor=w.users.zhifa_scj, case=case, on=date(2025, 9, 1), note="复议撤销")
    assert due(case, clocks.PUBLICITY_WITHDRAW).due_date == date(2025, 9, 4)
    services.case_withdraw_publicity(actor=w.users.zhifa_scj, case=case, on=date(2025, 9, 3))
    assert due(case, clocks.PUBLICITY_WITHDRAW).status == DeadlineStatus.MET


def test_closing_needs_service_publicity_and_a_complete_record(w):
    case = _decided(w)
    with pytest.raises(GateError, match="送达"):
        services.case_close(actor=w.users.zhifa_scj, case=case, on=date(2025, 8, 10))
    services.case_serve(actor=w.users.zhifa_scj, case=case, served_on=date(2025, 7, 25))
    services.case_publish(actor=w.users.zhifa_scj, case=case, published_on=date(2025, 7, 28))
    with pytest.raises(GateError, match="全过程记录不完整"):
        services.case_close(actor=w.users.zhifa_scj, case=case, on=date(2025, 8, 10))
    for stage in (
        RecordStage.FILING,
        RecordStage.INVESTIGATION,
        RecordStage.NOTICE,
        RecordStage.DECISION,
        RecordStage.SERVICE,
    ):
        services.case_add_record(
            actor=w.users.zhifa_scj,
            case=case,
            stage=stage,
            medium=RecordMedium.TEXT,
            recorded_on=date(2025, 7, 25),
            description="笔录",
        )
    case = services.case_close(actor=w.users.zhifa_scj, case=case, on=date(2025, 8, 10))
    assert case.status == CaseStatus.CLOSED


def test_transfer_cancels_the_clocks(w):
    case = file_case(w)
    case = services.case_transfer(
        actor=w.users.zhifa_scj, case=case, on=date(2025, 7, 20), body="天水市公安局"
    )
    assert case.status == CaseStatus.TRANSFERRED
    assert open_clock(case, clocks.PENALTY_DECISION) is None


def test_other_agency_staff_cannot_touch_the_case(w, make_user, tree):
    from accounts.choices import Role

    other = make_user("zhifa_qz", unit=tree.qinzhou_market, roles=[Role.ENFORCEMENT_STAFF])
    case = file_case(w)
    with pytest.raises(ApplicationError, match="管辖"):
        services.case_inform(actor=other, case=case, on=FILED)


def test_training_hours_and_exam_pass_mark(w):
    course = services.course_create(
        actor=None,
        unit=w.agency.org_unit,
        topic="行政处罚法",
        organiser="市司法局",
        held_on=date(2025, 3, 1),
        hours=Decimal("8"),
    )
    services.attendance_record(actor=None, course=course, officer=w.a)
    assert gates.training_hours(w.a, 2025) == Decimal("8")
    session = services.exam_session_create(
        actor=None, unit=w.agency.org_unit, kind=ExamKind.ANNUAL, title="年度考试", held_on=date(2025, 3, 2)
    )
    assert session.pass_mark == Decimal("60")
    assert services.exam_result_record(actor=None, session=session, officer=w.b, score=Decimal("60")).passed


def test_a_challenged_case_opens_a_dispute_with_the_case_as_origin(w, users):
    from disputes.models import Dispute
    from enforcement.selectors import dispute_timeline_events

    case = _decided(w)
    with pytest.raises(ApplicationError, match="登记行政争议的权限"):
        services.case_open_dispute(actor=users.zhifa_scj, case=case, summary="当事人申请行政复议")
    dispute = services.case_open_dispute(actor=users.fzsh, case=case, summary="当事人申请行政复议")
    dispute = Dispute.objects.get(pk=dispute.pk)
    assert dispute.origin == case and dispute.respondent == w.agency.org_unit
    assert dispute.act_document_number == case.decision_number
    titles = [e.title for e in dispute_timeline_events(dispute)]
    assert titles == ["天水市市场监督管理局立案", "作出行政执法决定"]
