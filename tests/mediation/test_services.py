"""The mediation services: the workflow, every gate (人民调解法第十七条至第三十三条) and every clock."""

from datetime import date

import pytest

from core.exceptions import ApplicationError, ConcurrentEditError, GateError
from deadlines.choices import DeadlineStatus
from deadlines.clocks import clocks, latest_clock
from deadlines.models import Notification
from deadlines.reminders import scan_reminders
from mediation import services
from mediation.choices import (
    AgreementForm,
    CaseSource,
    CaseStatus,
    ConfirmationResult,
    MediationType,
    OtherRoute,
)
from mediation.deadlines import COURT_ENTRUSTED, JUDICIAL_CONFIRMATION
from mediation.models import MediationCase

from .factories import RECEIVED, agree, case_at, register

pytestmark = pytest.mark.django_db


def _mediating(med, **kwargs):
    return case_at(CaseStatus.MEDIATING, med, **kwargs)


# --- registration ----------------------------------------------------------------------------------


def test_register_numbers_the_case_and_logs_the_event(med):
    case = register(med)
    assert case.status == CaseStatus.RECEIVED
    assert case.number == "秦州区大城街道调〔2025〕1号"
    assert register(med).serial == 2
    assert [e.kind for e in case.events.all()] == ["register"]
    assert not clocks(case).exists()  # only court-entrusted cases carry a clock from registration


def test_register_needs_a_dispute_or_a_civil_description(med):
    with pytest.raises(ApplicationError) as exc:
        register(med, civil_description="")
    assert exc.value.field == "civil_description"


def test_register_needs_the_referring_unit_for_a_referred_source(med):
    with pytest.raises(ApplicationError) as exc:
        register(med, source=CaseSource.COURT_DELEGATED)
    assert exc.value.field == "referring_unit"


def test_court_entrusted_case_needs_the_file_receipt_date(med):
    # 特邀调解规定第二十一条: the period runs from the receipt of the file.
    with pytest.raises(GateError):
        register(
            med,
            mediation_type=MediationType.INVITED_ENTRUSTED,
            source=CaseSource.COURT_ENTRUSTED,
            referring_unit=med.court,
        )


def test_court_entrusted_clock_runs_30_days_from_the_file(med):
    case = register(
        med,
        mediation_type=MediationType.INVITED_ENTRUSTED,
        source=CaseSource.COURT_ENTRUSTED,
        referring_unit=med.court,
        materials_received_on=date(2025, 3, 3),
    )
    clock = latest_clock(case, COURT_ENTRUSTED)
    assert clock.due_date == date(2025, 4, 2)
    assert list(clock.responsible.all()) == [med.tiaojie]
    # the agreement ends the entrusted mediation in time
    case = services.case_start(case=case, actor=med.tiaojie, on=date(2025, 3, 4))
    agree(med, case, effective_on=date(2025, 3, 20))
    clock.refresh_from_db()
    assert clock.status == DeadlineStatus.MET


def test_court_entrusted_clock_met_late_when_mediation_fails_after_30_days(med):
    case = register(
        med,
        mediation_type=MediationType.INVITED_ENTRUSTED,
        source=CaseSource.COURT_ENTRUSTED,
        referring_unit=med.court,
        materials_received_on=date(2025, 3, 3),
    )
    case = services.case_start(case=case, actor=med.tiaojie, on=date(2025, 3, 4))
    services.case_fail(case=case, actor=med.tiaojie, reason="分歧大", on=date(2025, 4, 10))
    assert latest_clock(case, COURT_ENTRUSTED).status == DeadlineStatus.MISSED


# --- voluntariness and refusal (人民调解法第十七条) -------------------------------------------------


def test_mediation_starts_only_with_consent(med):
    case = register(med, consent_recorded=False)
    with pytest.raises(GateError) as exc:
        services.case_start(case=case, actor=med.tiaojie, on=date(2025, 3, 4))
    assert "第十七条" in str(exc.value)
    case = services.case_start(case=case, actor=med.tiaojie, consent=True, on=date(2025, 3, 4))
    assert case.status == CaseStatus.MEDIATING
    assert case.consent_recorded


def test_a_partys_refusal_ends_mediation(med):
    case = _mediating(med)
    with pytest.raises(ApplicationError):
        services.case_record_refusal(case=case, actor=med.tiaojie, refused_by="", on=date(2025, 3, 5))
    case = services.case_record_refusal(case=case, actor=med.tiaojie, refused_by="李四", on=date(2025, 3, 5))
    assert case.status == CaseStatus.TERMINATED
    assert case.concluded_on == date(2025, 3, 5)
    with pytest.raises(ApplicationError):  # nothing more: mediation may not go on against the refusal
        services.case_agree(
            case=case, actor=med.tiaojie, form=AgreementForm.ORAL, content="x", effective_on=date(2025, 3, 6)
        )


def test_refusal_before_mediation_started(med):
    case = register(med)
    case = services.case_record_refusal(case=case, actor=med.tiaojie, refused_by="张三", on=RECEIVED)
    assert case.status == CaseStatus.TERMINATED


# --- referrals (三调联动) ---------------------------------------------------------------------------


def test_referral_chain_is_preserved(med, django_capture_on_commit_callbacks):
    case = register(
        med,
        actor=med.tiaojie_center,
        unit=med.center,
        mediators=[med.center_mediator],
        mediation_type=MediationType.INVITED_DELEGATED,
        source=CaseSource.COURT_DELEGATED,
        referring_unit=med.court,
    )
    services.case_refer(
        case=case,
        actor=med.tiaojie_center,
        to_unit=med.committee,
        to_type=MediationType.PEOPLE,
        reason="纠纷发生在大城街道，就地调解。",
        on=date(2025, 3, 4),
    )
    case = MediationCase.objects.get(pk=case.pk)
    assert case.org_unit == med.committee
    assert case.mediation_type == MediationType.PEOPLE
    assert not case.mediators.exists()
    services.case_start(case=case, actor=med.tiaojie, on=date(2025, 3, 5))
    with django_capture_on_commit_callbacks(execute=True):
        services.case_refer(
            case=case, actor=med.tiaojie, to_unit=med.center, reason="需要专业调解。", on=date(2025, 3, 6)
        )
    case = MediationCase.objects.get(pk=case.pk)
    path = [(r.from_unit, r.to_unit) for r in case.referrals.all()]
    assert path == [(med.center, med.committee), (med.committee, med.center)]
    assert case.status == CaseStatus.RECEIVED
    assert [e.kind for e in case.events.all()] == ["register", "refer", "start", "refer"]
    # the receiving organisation's staff are told
    assert Notification.objects.filter(recipient=med.tiaojie_center).exists()


def test_referral_only_to_another_mediation_organisation(med):
    case = register(med)
    with pytest.raises(GateError):
        services.case_refer(case=case, actor=med.tiaojie, to_unit=med.court, reason="x", on=RECEIVED)
    with pytest.raises(GateError):
        services.case_refer(case=case, actor=med.tiaojie, to_unit=med.committee, reason="x", on=RECEIVED)
    with pytest.raises(ApplicationError):
        services.case_refer(case=case, actor=med.tiaojie, to_unit=med.center, reason=" ", on=RECEIVED)


def test_other_jurisdiction_cannot_act(med):
    case = register(med)
    with pytest.raises(ApplicationError):
        services.case_start(case=case, actor=med.tiaojie_maiji, on=date(2025, 3, 4))
    # the county justice bureau's mediator sees the committee's cases (its government's subtree)
    services.case_start(case=case, actor=med.tiaojie_sfj, on=date(2025, 3, 4))


# --- agreement (第二十八条至第三十条) and the confirmation clock (第三十三条) ---------------------------


def test_written_agreement_needs_the_article_29_contents(med):
    case = _mediating(med)
    with pytest.raises(GateError) as exc:
        services.case_agree(
            case=case,
            actor=med.tiaojie,
            form=AgreementForm.WRITTEN,
            parties_info="张三；李四",
            content="赔偿500元",
            effective_on=date(2025, 3, 10),
        )
    assert exc.value.field == "facts"
    with pytest.raises(GateError) as exc:
        services.case_agree(
            case=case,
            actor=med.tiaojie,
            form=AgreementForm.WRITTEN,
            parties_info="张三；李四",
            facts="事实",
            content="赔偿500元",
            effective_on=date(2025, 3, 10),
        )
    assert exc.value.field == "performance_method"


def test_oral_agreement_records_its_content(med):
    case = _mediating(med)
    with pytest.raises(GateError):
        services.case_agree(
            case=case, actor=med.tiaojie, form=AgreementForm.ORAL, content="", effective_on=date(2025, 3, 10)
        )
    agreement = services.case_agree(
        case=case,
        actor=med.tiaojie,
        form=AgreementForm.ORAL,
        content="当场赔偿500元",
        effective_on=date(2025, 3, 10),
    )
    assert agreement.document_number == ""
    assert MediationCase.objects.get(pk=case.pk).status == CaseStatus.AGREED


def test_agreement_not_before_mediation_started(med):
    case = _mediating(med)
    with pytest.raises(ApplicationError) as exc:
        agree(med, case, effective_on=date(2025, 3, 1))
    assert exc.value.field == "effective_on"


def test_agreement_starts_the_confirmation_clock_with_holiday_rollover(med):
    # docs/law/mediation.md: agreement in force 2026-01-20 → application due 2026-02-24.
    case = _mediating(med, received_on=date(2026, 1, 5))
    agreement = agree(med, case, effective_on=date(2026, 1, 20))
    assert agreement.document_number == "秦州区大城街道调协〔2026〕1号"
    assert latest_clock(case, JUDICIAL_CONFIRMATION).due_date == date(2026, 2, 24)
    assert services.confirmation_due(agreement) == date(2026, 2, 24)


def test_confirmation_reminder_reaches_the_mediator(med):
    case = _mediating(med, received_on=date(2026, 1, 5))
    agree(med, case, effective_on=date(2026, 1, 20))
    scan_reminders(today=date(2026, 2, 24))
    clock = latest_clock(case, JUDICIAL_CONFIRMATION)
    assert Notification.objects.filter(recipient=med.tiaojie, deadline=clock).exists()


def test_court_mediation_starts_no_confirmation_clock(med):
    case = _mediating(med, mediation_type=MediationType.JUDICIAL)
    agree(med, case)
    assert latest_clock(case, JUDICIAL_CONFIRMATION) is None
    case.refresh_from_db()
    with pytest.raises(GateError):
        services.confirmation_apply(
            case=case, actor=med.tiaojie, court=med.court, applied_on=date(2025, 3, 15)
        )


def test_confirmation_must_be_joint_and_within_30_days(med):
    case = _mediating(med, received_on=date(2026, 1, 5))
    agree(med, case, effective_on=date(2026, 1, 20))
    case.refresh_from_db()
    with pytest.raises(GateError):
        services.confirmation_apply(
            case=case, actor=med.tiaojie, court=med.court, applied_on=date(2026, 2, 2), joint=False
        )
    with pytest.raises(GateError) as exc:
        services.confirmation_apply(
            case=case, actor=med.tiaojie, court=med.court, applied_on=date(2026, 2, 25)
        )
    assert "2026-02-24" in str(exc.value)
    with pytest.raises(ApplicationError):  # to a court only
        services.confirmation_apply(
            case=case, actor=med.tiaojie, court=med.center, applied_on=date(2026, 2, 24)
        )
    services.confirmation_apply(case=case, actor=med.tiaojie, court=med.court, applied_on=date(2026, 2, 24))
    case.refresh_from_db()
    assert case.status == CaseStatus.CONFIRMATION_APPLIED
    assert latest_clock(case, JUDICIAL_CONFIRMATION).status == DeadlineStatus.MET


def test_confirmation_ruling(med):
    case = case_at(CaseStatus.CONFIRMATION_APPLIED, med)
    applied_on = case.confirmations.get().applied_on
    with pytest.raises(ApplicationError):
        services.confirmation_record_ruling(
            case=case, actor=med.tiaojie, confirmed=True, ruled_on=date(2025, 3, 1)
        )
    confirmation = services.confirmation_record_ruling(
        case=case,
        actor=med.tiaojie,
        confirmed=True,
        ruled_on=applied_on,
        ruling_number="（2025）甘0502民特5号",
    )
    assert confirmation.result == ConfirmationResult.CONFIRMED
    case.refresh_from_db()
    assert case.status == CaseStatus.CONFIRMED
    case = services.case_record_performed(case=case, actor=med.tiaojie, on=applied_on)
    assert case.status == CaseStatus.PERFORMED


def test_confirmation_rejected(med):
    case = case_at(CaseStatus.CONFIRMATION_REJECTED, med)
    assert case.status == CaseStatus.CONFIRMATION_REJECTED
    assert case.confirmations.get().result == ConfirmationResult.REJECTED


def test_performance_before_application_cancels_the_confirmation_clock(med):
    case = case_at(CaseStatus.PERFORMED, med)
    assert case.performed_on is not None
    assert clocks(case).get(rule_code=JUDICIAL_CONFIRMATION).status == DeadlineStatus.CANCELLED


def test_performing_then_performed(med):
    case = case_at(CaseStatus.PERFORMING, med)
    assert case.status == CaseStatus.PERFORMING
    case = services.case_record_performed(case=case, actor=med.tiaojie, on=case.concluded_on)
    assert case.status == CaseStatus.PERFORMED


# --- failure and termination (第二十六条) -----------------------------------------------------------


def test_failure_needs_a_reason_and_termination_the_routes_told(med):
    case = _mediating(med)
    with pytest.raises(ApplicationError):
        services.case_fail(case=case, actor=med.tiaojie, reason="", on=date(2025, 3, 6))
    case = services.case_fail(case=case, actor=med.tiaojie, reason="分歧较大", on=date(2025, 3, 6))
    assert case.status == CaseStatus.FAILED
    with pytest.raises(GateError):
        services.case_terminate(case=case, actor=med.tiaojie, routes=[], on=date(2025, 3, 6))
    case = services.case_terminate(
        case=case,
        actor=med.tiaojie,
        routes=[OtherRoute.RECONSIDERATION, OtherRoute.LITIGATION],
        on=date(2025, 3, 6),
    )
    assert case.status == CaseStatus.TERMINATED
    assert case.routes_told_display == "申请行政复议、向人民法院提起诉讼"


# --- sessions, return visits, edits ----------------------------------------------------------------


def test_sessions_only_while_mediating(med):
    case = register(med)
    with pytest.raises(ApplicationError):
        services.session_record(
            case=case, actor=med.tiaojie, held_on=RECEIVED, participants="张三", summary="x"
        )
    case = services.case_start(case=case, actor=med.tiaojie, on=RECEIVED)
    session = services.session_record(
        case=case, actor=med.tiaojie, held_on=RECEIVED, participants="张三、李四", summary="背对背调解"
    )
    assert session.created_by == med.tiaojie
    assert case.events.filter(kind="session").count() == 1


def test_return_visit_after_conclusion(med):
    case = _mediating(med)
    with pytest.raises(ApplicationError):
        services.return_visit_record(
            case=case, actor=med.tiaojie, visited_on=date(2025, 3, 20), method="phone", note="x"
        )
    case = case_at(CaseStatus.AGREED, med)
    visit = services.return_visit_record(
        case=case,
        actor=med.tiaojie,
        visited_on=case.concluded_on,
        method="phone",
        note="已按约修复。",
        performing_as_agreed=True,
    )
    assert visit.performing_as_agreed


def test_update_refuses_a_stale_version(med):
    case = register(med)
    services.case_update(
        case=case, actor=med.tiaojie, version=case.version, parties="张三、李四、王五", subject="排水"
    )
    with pytest.raises(ConcurrentEditError):
        services.case_update(
            case=case, actor=med.tiaojie, version=case.version, parties="张三", subject="排水"
        )


def test_mediators_must_belong_to_the_organisation(med):
    with pytest.raises(ApplicationError):
        register(med, mediators=[med.center_mediator])


def test_partner_agreement_and_mediator_registers(med):
    agreement = services.partner_agreement_create(
        actor=med.tiaojie_sfj,
        unit=med.tree.qinzhou_justice,
        title="关于建立诉调对接工作机制的意见",
        document_number="秦司发〔2024〕3号",
        signed_on=date(2024, 5, 6),
        parties=[med.court, med.tree.qinzhou_justice],
    )
    assert agreement.parties.count() == 2
    with pytest.raises(ApplicationError):
        services.partner_agreement_create(
            actor=med.tiaojie_sfj,
            unit=med.tree.qinzhou_justice,
            title="x",
            signed_on=date(2024, 5, 6),
            parties=[],
        )
    mediator = services.mediator_update(
        mediator=med.mediator, actor=med.tiaojie, version=med.mediator.version, name="王调解", is_active=False
    )
    assert not mediator.is_active
