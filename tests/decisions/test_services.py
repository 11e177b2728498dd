"""The gates and clocks of 重大行政决策 and 合法性审查 (docs/law/decisions.md)."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from core.exceptions import ApplicationError, GateError
from deadlines.choices import DeadlineStatus
from deadlines.models import Deadline
from decisions import services
from decisions.choices import Conclusion, DecisionStatus, MatterKind, MatterStatus, MeetingKind, RiskLevel
from decisions.models import CollectiveDiscussion, MajorDecision, ReviewOpinion

from .factories import advisor, decision_at, propose, signed_opinion

pytestmark = pytest.mark.django_db
S = DecisionStatus


def clocks_of(record):
    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )


def at(dec, status, **kw):
    return decision_at(status, actor=dec.drafter, signer=dec.signer, body=dec.body, unit=dec.unit, **kw)


def schedule(dec, d, meeting_on=date(2025, 4, 30)):
    return services.discussion_schedule(
        decision=d, actor=dec.drafter, meeting_kind=MeetingKind.EXECUTIVE, meeting_on=meeting_on
    )


def test_full_procedure_reaches_evaluation_with_event_bases(dec):
    d = at(dec, S.EVALUATING)
    assert d.status == S.EVALUATING
    assert d.number.startswith("TSGOV-JC2025-")
    kinds = list(d.events.values_list("kind", flat=True))
    assert kinds[:3] == ["propose", "start_drafting", "open_participation"]
    assert all(e.basis for e in d.events.exclude(kind="resume"))


def test_no_opinion_blocks_discussion_and_lists_what_is_missing(dec):
    d = at(dec, S.REVIEW)  # participation, experts and risk done; nothing sent for review
    with pytest.raises(GateError) as exc:
        schedule(dec, d)
    texts = [str(exc.value), *map(str, exc.value.extra["blockers"])]
    assert any("合法性审查：尚未送请合法性审查" in t for t in texts)
    assert any("法律顾问" in t for t in texts)
    assert MajorDecision.objects.get(pk=d.pk).status == S.REVIEW


def test_missing_step_blocks_discussion(dec):
    d = propose(dec.drafter, dec.body, dec.unit)
    blockers = services.discussion_blockers(d)
    assert len(blockers) == 5
    assert "公众参与：尚未公开征求意见" in blockers[0]


def test_unlawful_opinion_blocks_discussion(dec):
    d = at(dec, S.REVIEW)
    adv = advisor(dec.drafter, dec.body)
    services.consultation_record(
        actor=dec.drafter, advisor=adv, decision=d, question="q", opinion="o", consulted_on=date(2025, 4, 15)
    )
    matter = services.decision_send_for_review(decision=d, actor=dec.drafter, sent_on=date(2025, 4, 15))
    signed_opinion(matter, dec.drafter, dec.signer, conclusion=Conclusion.UNLAWFUL)
    with pytest.raises(GateError) as exc:
        schedule(dec, d)
    assert "不合法" in str(exc.value)


def test_amended_opinion_passes(dec):
    d = at(dec, S.DISCUSSION, conclusion=Conclusion.LAWFUL_IF_AMENDED)
    assert d.status == S.DISCUSSION


def test_short_review_window_is_allowed_with_the_warning(dec):
    # sent 2025-04-15: 7 working days end on 2025-04-24; a meeting on 04-22 is early
    d = at(dec, S.DISCUSSION, meeting_on=date(2025, 4, 22))
    meeting = CollectiveDiscussion.objects.get(decision=d)
    assert meeting.review_time_warning == "审查时间不足7个工作日"
    assert "审查时间不足7个工作日" in d.events.get(kind="schedule_discussion").note
    clock = clocks_of(d).get(rule_code="dec.legality_review")
    assert clock.status == DeadlineStatus.CANCELLED


def test_full_review_window_meets_the_clock(dec):
    d = at(dec, S.DISCUSSION)
    assert CollectiveDiscussion.objects.get(decision=d).review_time_warning == ""
    assert clocks_of(d).get(rule_code="dec.legality_review").status == DeadlineStatus.MET


def test_comment_window_under_30_days_needs_the_reason(dec):
    d = at(dec, S.DRAFTING)
    kwargs = {
        "decision": d,
        "actor": dec.drafter,
        "methods": "网站",
        "opens_on": date(2025, 3, 5),
        "closes_on": date(2025, 3, 20),
    }
    with pytest.raises(GateError) as exc:
        services.participation_open(**kwargs)
    assert "不少于30日" in str(exc.value)
    record = services.participation_open(**kwargs, urgency_reason="汛期临近，情况紧急")
    assert record.urgency_reason
    clock = clocks_of(record).get(rule_code="dec.public_comment")
    assert clock.due_date == date(2025, 4, 7)  # 30 days end on 清明 (04-04…06): next working day


def test_hearing_materials_seven_days_before(dec):
    d = at(dec, S.DRAFTING)
    with pytest.raises(GateError):
        services.participation_open(
            decision=d,
            actor=dec.drafter,
            methods="听证会",
            opens_on=date(2025, 3, 5),
            closes_on=date(2025, 4, 10),
            hearing_on=date(2025, 3, 25),
            hearing_materials_sent_on=date(2025, 3, 20),
        )
    record = services.participation_open(
        decision=d,
        actor=dec.drafter,
        methods="听证会",
        opens_on=date(2025, 3, 5),
        closes_on=date(2025, 4, 10),
        hearing_on=date(2025, 3, 25),
    )
    assert clocks_of(record).filter(rule_code="dec.hearing_materials").exists()


def test_waivers_need_a_reason(dec):
    d = at(dec, S.DRAFTING)
    with pytest.raises(ApplicationError):
        services.participation_waive(decision=d, actor=dec.drafter, reason=" ")
    services.participation_waive(decision=d, actor=dec.drafter, reason="涉及国家秘密", on=date(2025, 3, 5))
    steps = {s.key: s.state for s in services.decision_checklist(MajorDecision.objects.get(pk=d.pk))}
    assert steps["participation"] == "waived"


def test_uncontrollable_risk_blocks_until_the_draft_changes(dec):
    d = at(dec, S.RISK)
    kw = {
        "decision": d,
        "actor": dec.drafter,
        "assessor": "第三方",
        "level": RiskLevel.HIGH,
        "risk_points": "群体性事件风险",
        "measures": "暂无",
        "assessed_on": date(2025, 4, 14),
    }
    services.risk_assess(**kw, is_uncontrollable=True)
    assert MajorDecision.objects.get(pk=d.pk).status == S.RISK
    with pytest.raises(GateError):
        services.risk_assess(**kw)
    services.decision_revise_draft(decision=d, actor=dec.drafter, note="降低收费幅度", on=date(2025, 4, 15))
    services.risk_assess(**{**kw, "level": RiskLevel.MEDIUM, "assessed_on": date(2025, 4, 16)})
    assert MajorDecision.objects.get(pk=d.pk).status == S.REVIEW


def test_signer_must_not_be_the_drafter(dec):
    matter = services.matter_register(
        actor=dec.drafter,
        body=dec.body,
        kind=MatterKind.NORMATIVE,
        title="关于规范停车管理的通知",
        requesting_unit=dec.unit,
        received_on=date(2025, 6, 2),
    )
    services.matter_start_review(matter=matter, actor=dec.drafter, on=date(2025, 6, 3))
    services.opinion_draft(
        matter=matter, actor=dec.drafter, findings={}, conclusion="lawful", on=date(2025, 6, 4)
    )
    services.opinion_submit(matter=matter, actor=dec.drafter, on=date(2025, 6, 4))
    with pytest.raises(GateError) as exc:
        services.opinion_sign(matter=matter, actor=dec.drafter)
    assert "签发人不能是起草人" in str(exc.value)
    with pytest.raises(ApplicationError):  # no sign permission
        services.opinion_sign(matter=matter, actor=dec.users.fuyi)
    opinion = services.opinion_sign(matter=matter, actor=dec.signer, on=date(2025, 6, 5))
    assert opinion.document_number == "天司法审〔2025〕1号"
    assert clocks_of(matter).get(rule_code="norm.legality_review").status == DeadlineStatus.MET


def test_signed_opinion_is_immutable_and_corrections_supersede(dec):
    d = at(dec, S.DISCUSSION)
    matter = d.reviews.get()
    opinion = ReviewOpinion.objects.get(matter=matter)
    with pytest.raises(ApplicationError) as exc:
        services.opinion_update(
            opinion=opinion, actor=dec.drafter, version=opinion.version, findings={}, conclusion="unlawful"
        )
    assert "已签发" in str(exc.value)
    services.opinion_revise(
        matter=matter,
        actor=dec.drafter,
        findings={"basis": "problem", "basis_text": "引用条文有误"},
        conclusion="amended",
    )
    services.opinion_submit(matter=matter, actor=dec.drafter, on=date(2025, 4, 20))
    corrected = services.opinion_sign(matter=matter, actor=dec.signer, on=date(2025, 4, 21))
    assert corrected.supersedes_id == opinion.pk
    opinion.refresh_from_db()
    assert opinion.conclusion == Conclusion.LAWFUL and opinion.document_number == "天司法审〔2025〕1号"
    assert corrected.document_number == "天司法审〔2025〕2号"


def test_problem_finding_needs_text_and_forbids_lawful(dec):
    matter = services.matter_register(
        actor=dec.drafter,
        body=dec.body,
        kind="contract",
        title="合同",
        requesting_unit=dec.unit,
        received_on=date(2025, 6, 2),
    )
    services.matter_start_review(matter=matter, actor=dec.drafter)
    with pytest.raises(ApplicationError):
        services.opinion_draft(
            matter=matter, actor=dec.drafter, findings={"subject": "problem"}, conclusion="amended"
        )
    with pytest.raises(ApplicationError):
        services.opinion_draft(
            matter=matter,
            actor=dec.drafter,
            findings={"subject": "problem", "subject_text": "x"},
            conclusion="lawful",
        )


def test_advisor_opinion_required_before_signing_a_decision_review(dec):
    d = at(dec, S.REVIEW)
    matter = services.decision_send_for_review(decision=d, actor=dec.drafter, sent_on=date(2025, 4, 15))
    services.opinion_draft(matter=matter, actor=dec.drafter, findings={}, conclusion="lawful")
    with pytest.raises(GateError) as exc:
        services.opinion_submit(matter=matter, actor=dec.drafter)
    assert "第二十八条" in str(exc.value)


def test_return_for_materials_pauses_the_review_clock(dec):
    matter = services.matter_register(
        actor=dec.drafter,
        body=dec.body,
        kind=MatterKind.NORMATIVE,
        title="文件",
        requesting_unit=dec.unit,
        received_on=date(2025, 6, 2),
    )
    first_due = matter.due_on
    assert first_due == date(2025, 6, 23)  # 15 working days (端午 05-31…06-02 before the trigger)
    services.matter_return_for_materials(
        matter=matter, actor=dec.drafter, materials="起草说明", on=date(2025, 6, 4)
    )
    assert clocks_of(matter).get().is_suspended
    services.matter_receive_materials(matter=matter, actor=dec.drafter, on=date(2025, 6, 11))
    matter.refresh_from_db()
    assert matter.status == MatterStatus.REVIEWING
    assert matter.due_on == date(2025, 6, 28) or matter.due_on > first_due


def test_evaluator_independence(dec):
    d = at(dec, S.IMPLEMENTING)
    with pytest.raises(GateError):
        services.evaluation_start(
            decision=d,
            actor=dec.drafter,
            trigger="scheduled",
            evaluator="x",
            planned_on=date(2026, 5, 1),
            evaluator_unit=dec.unit,
        )
    with pytest.raises(GateError):
        services.evaluation_start(
            decision=d,
            actor=dec.drafter,
            trigger="scheduled",
            evaluator="市发展改革委",
            planned_on=date(2026, 5, 1),
        )
    services.evaluation_start(
        decision=d,
        actor=dec.drafter,
        trigger="objections",
        evaluator="天水师范学院",
        planned_on=date(2026, 5, 1),
    )


def test_post_evaluation_clock_and_stop(dec):
    d = at(dec, S.EVALUATING)
    clock = clocks_of(d).get(rule_code="dec.post_evaluation")
    assert clock.status == DeadlineStatus.OPEN and clock.due_date == date(2026, 5, 11)
    services.evaluation_complete(
        decision=d,
        actor=dec.drafter,
        report="效果未达预期。",
        conclusion="stop",
        completed_on=date(2025, 11, 3),
    )
    d.refresh_from_db()
    assert d.status == S.HALTED
    assert clocks_of(d).get(rule_code="dec.post_evaluation").status == DeadlineStatus.MET


def test_discussion_dissent_against_majority_needs_reasons(dec):
    d = at(dec, S.DISCUSSION)
    with pytest.raises(GateError):
        services.discussion_record(
            decision=d,
            actor=dec.drafter,
            result="passed",
            attendees="全体",
            chief_conclusion="通过",
            majority_agrees=False,
        )
    services.discussion_record(
        decision=d,
        actor=dec.drafter,
        result="reconsider",
        attendees="全体",
        chief_conclusion="修改后再议",
        dissent="副市长甲不同意",
    )
    assert MajorDecision.objects.get(pk=d.pk).status == S.DRAFTING


def test_clocks_are_started_with_reviewers_responsible(dec):
    matter = services.matter_register(
        actor=dec.drafter,
        body=dec.body,
        kind=MatterKind.KEY_PROJECT,
        title="项目",
        requesting_unit=dec.unit,
        received_on=date(2025, 6, 2),
        reviewers=[dec.drafter, dec.signer],
    )
    clock = clocks_of(matter).get()
    assert set(clock.responsible.all()) == {dec.drafter, dec.signer}


def test_other_jurisdiction_cannot_act(dec, make_user, tree):
    from accounts.choices import Role

    maiji = make_user("fzsh_maiji", unit=tree.maiji_justice, roles=[Role.LEGAL_REVIEWER])
    d = propose(dec.drafter, dec.body, dec.unit)
    with pytest.raises(ApplicationError):
        services.decision_start_drafting(decision=d, actor=maiji)
    with pytest.raises(ApplicationError):
        services.decision_start_drafting(decision=d, actor=dec.users.leader)  # 领导: read-only
