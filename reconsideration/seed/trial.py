# ruff: noqa: S311 - deterministic demo data (random.Random(seed)), never security
"""The bulk rows of an accepted case: acceptance, the respondent's copy and reply, suspension and
extension, mediation, hearing, committee, the three tiers' opinions, the decision clock and the
conclusion (`CaseRows` in `seed.bulk` adds the intake)."""

from __future__ import annotations

import random
from datetime import timedelta

from .. import deadlines as clocks
from ..choices import (
    DIRECTLY_CORRECTING_OUTCOMES,
    ApprovalKind,
    ApprovalStatus,
    CorrectionKind,
    DecisionOutcome,
    DocumentKind,
    EventKind,
    HearingMethod,
    MediationResult,
    NoEvidenceDisposition,
    OpinionTier,
    SuspensionGround,
    TerminationGround,
    correction_kind,
)
from ..choices import CaseStatus as S
from ..choices import DecisionOutcome as OUT
from ..models import (
    ApprovalRequest,
    CaseDecision,
    CaseOpinion,
    CaseSuspension,
    CommitteeConsultation,
    CommitteeMeeting,
    Hearing,
    MediationSession,
    PartyHearing,
)
from ..services.gates import required_compensation
from .bases import document_basis
from .plan import Plan, wd
from .writer import RowsWriter

UPHELD_REASONING = "被申请人作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。"
CORRECTED_REASONING = "被申请人作出的行政行为主要事实不清、证据不足。"
NOT_MEDIATED = "被申请人不同意调解。"
#: 报请审批: why a decision departs from a tier's recommendation (recorded only when it does).
DEPARTURE_REASON = "经审理查明的事实与委员会咨询时掌握的情况不同，按查明的事实作出决定。"
#: 复议法第四十九条: what the demo records of hearing the parties by phone before the draft.
PARTIES_HEARD = "申请人坚持复议请求，被申请人坚持原行政行为。"
PARTIES = "申请人、被申请人"


def outcome_words(outcome: str) -> str:
    return DecisionOutcome(outcome).label.split("（")[0]


class TrialRows(RowsWriter):
    def rejection(self, plan: Plan, case) -> None:
        self.transition(
            plan, case, "reject", plan.concluded, "不属于本机关受理范围。", frm=S.UNDER_REVIEW, to=S.REJECTED
        )
        self.decisions.append(
            CaseDecision(
                case=case,
                outcome=OUT.NOT_ACCEPTED,
                decided_on=plan.concluded,
                reasoning="申请人与被申请复议的行政行为没有利害关系，不符合受理条件。",
                legal_basis=document_basis("not_accepted"),
                document_number=self.serials.number(
                    plan.body.unit, plan.concluded.year, DocumentKind.NOT_ACCEPTED
                ),
                served_on=plan.served,
                signed_by=self.world.head,
                created_by=plan.officer,
            )
        )
        self.served_and_closed(plan, case)

    def acceptance(self, plan: Plan, case) -> None:
        if plan.deemed:
            note = (
                f"受理审查期限于 {plan.accepted:%Y-%m-%d} 届满，未作出不予受理决定，"
                "自届满之日起视为受理；按普通程序审理。"
            )
            self.transition(
                plan,
                case,
                "deem_accepted",
                plan.accepted,
                note,
                frm=S.UNDER_REVIEW,
                to=S.ACCEPTED,
                system=True,
            )
        else:
            note = case.get_procedure_display() + (
                f"：{case.get_simple_ground_display()}" if plan.simple_ground else ""
            )
            self.transition(plan, case, "accept", plan.accepted, note, frm=S.UNDER_REVIEW, to=S.ACCEPTED)
        # 复议法第四十八条、第五十四条: the copy within 7 (simple: 3) working days of acceptance.
        self.clocks.add(plan, case, clocks.copy_rule(case), plan.accepted, closed=plan.copy_sent)

    def trial(self, plan: Plan, case) -> None:
        self.respondent(plan, case)
        self.suspension(plan, case)
        if plan.extension_days:
            head = plan.body.head
            note = f"延长{plan.extension_days}日，经{head.display_name}批准"
            self.approvals.append(
                ApprovalRequest(
                    case=case,
                    kind=ApprovalKind.EXTENSION,
                    status=ApprovalStatus.APPROVED,
                    payload={"days": plan.extension_days, "reason": "案情复杂，需要进一步调查核实。"},
                    summary=f"延长审理期限{plan.extension_days}日：案情复杂，需要进一步调查核实。",
                    submitted_by=plan.officer,
                    submitted_on=plan.extension_on,
                    decided_by=head,
                    decided_on=plan.extension_on,
                )
            )
            self.event(case, EventKind.EXTEND, plan.extension_on, note, plan=plan)
        held = plan.mediation_held
        if held is not None and held <= self.world.today:
            self.sessions.append(
                MediationSession(
                    case=case,
                    held_on=held,
                    participants_note="申请人、被申请人代表、承办人",
                    result=plan.mediation_result,
                    note="",
                    created_by=plan.officer,
                )
            )
            self.event(
                case,
                EventKind.MEDIATION_SESSION,
                held,
                MediationResult(plan.mediation_result).label,
                plan=plan,
            )
        if plan.hearing:
            self.hearing(plan, case)
        if plan.committee:
            self.committee(plan, case)

    def respondent(self, plan: Plan, case) -> None:
        if plan.copy_sent:
            self.transition(plan, case, "send_copy", plan.copy_sent, frm=S.ACCEPTED, to=S.IN_TRIAL)
        if not plan.copy_received:
            return
        self.event(case, EventKind.COPY_RECEIVED, plan.copy_received, plan=plan)
        rule = clocks.reply_rule(case)
        if plan.reply:
            self.event(case, EventKind.REPLY_RECEIVED, plan.reply, plan=plan)
            self.clocks.add(plan, case, rule, plan.copy_received, closed=plan.reply)
        elif plan.concluded is None:
            self.clocks.add(plan, case, rule, plan.copy_received)
        else:
            self.clocks.add(
                plan, case, rule, plan.copy_received, cancelled=plan.concluded, cancel_reason="案件已审结"
            )

    def suspension(self, plan: Plan, case) -> None:
        if not plan.suspension:
            return
        ground, suspended_on, resumed_on = plan.suspension
        body = plan.body.unit
        mediation = ground == SuspensionGround.MEDIATION
        self.suspensions.append(
            CaseSuspension(
                case=case,
                ground=ground,
                reason="当事人正在协商和解。" if mediation else "需要以相关案件的审理结果为依据。",
                suspended_on=suspended_on,
                resumed_on=resumed_on,
                notice_number=self.serials.number(body, suspended_on.year, DocumentKind.SUSPENSION_NOTICE),
                resume_notice_number=self.serials.number(
                    body, resumed_on.year, DocumentKind.RESUMPTION_NOTICE
                )
                if resumed_on
                else "",
                created_by=plan.officer,
            )
        )
        label = SuspensionGround(ground).label
        self.transition(plan, case, "suspend", suspended_on, label, frm=S.IN_TRIAL, to=S.SUSPENDED)
        if resumed_on:
            self.transition(plan, case, "resume", resumed_on, frm=S.SUSPENDED, to=S.IN_TRIAL)

    def committee(self, plan: Plan, case) -> None:
        body = plan.body.unit
        meeting = self.meetings.get((body.pk, plan.committee))
        if meeting is None:
            meeting = CommitteeMeeting(
                org_unit=body,
                created_by=plan.officer,
                date=plan.committee,
                place="行政复议委员会会议室",
                topic="行政复议委员会案件咨询会",
                chaired_by=self.world.head,
            )
            self.meetings[(body.pk, plan.committee)] = meeting
        corrected = plan.outcome in DIRECTLY_CORRECTING_OUTCOMES
        view = "建议撤销" if corrected else "建议维持"
        consultation = CommitteeConsultation(
            case=case,
            question="被申请人作出的行政行为是否合法、适当",
            opinion="委员会经讨论，多数委员认为原行政行为"
            + ("存在违法情形。" if corrected else "合法适当。"),
            majority_view=view,
            votes_for=5,
            votes_against=2,
            created_by=plan.officer,
        )
        self.consultations.append((meeting, consultation))
        self.event(case, EventKind.COMMITTEE_CONSULTED, plan.committee, view, plan=plan)

    def tiers(self, plan: Plan, case) -> None:
        """The handler's draft, the office's review, the submission (复议法第六十一条第一款)."""
        draft_on = plan.draft_day(self.world.today)
        if draft_on is None:
            return
        officer, head = plan.officer, plan.body.head
        if not plan.mediation_attempted:
            self.event(case, EventKind.MEDIATION_STATUS, draft_on, f"未调解：{NOT_MEDIATED}", plan=plan)
        if not plan.simple:  # 复议法第四十九条: the ordinary procedure hears the parties
            self.party_hearings.append(
                PartyHearing(
                    case=case,
                    heard_on=draft_on,
                    method=HearingMethod.PHONE,
                    parties=PARTIES,
                    summary=PARTIES_HEARD,
                    created_by=officer,
                )
            )
            self.event(
                case,
                EventKind.PARTIES_HEARD,
                draft_on,
                f"以电话方式听取{PARTIES}的意见：{PARTIES_HEARD}",
                plan=plan,
            )
        proposed = plan.outcome or OUT.UPHOLD
        text = f"经审查，建议{outcome_words(proposed)}。"
        self.opinions.append(
            CaseOpinion(
                case=case,
                tier=OpinionTier.HANDLER,
                author=officer,
                text=text,
                proposed_outcome=proposed,
                written_on=draft_on,
            )
        )
        self.transition(
            plan, case, "draft", draft_on, DecisionOutcome(proposed).label, frm=S.IN_TRIAL, to=S.DRAFTED
        )
        if plan.status == S.DRAFTED:
            return
        reviewed = draft_on + timedelta(days=1)
        self.opinions.append(
            CaseOpinion(
                case=case,
                tier=OpinionTier.OFFICE,
                author=head,
                text="同意承办人意见。",
                agrees=True,  # an agreeing review proposes nothing of its own
                written_on=reviewed,
            )
        )
        self.event(case, EventKind.OPINION_REVIEW, reviewed, "同意承办人意见", actor=head)
        submitted = draft_on + timedelta(days=2)
        self.transition(plan, case, "submit", submitted, frm=S.DRAFTED, to=S.PENDING_APPROVAL)
        # 报请审批: the proposed decision waits for the body's head (approved in `_decided`)
        case._approval = ApprovalRequest(
            case=case,
            kind=ApprovalKind.DECISION,
            payload={"outcome": proposed},
            summary=f"拟决定：{outcome_words(proposed)}",
            recommendation=f"{OpinionTier.HANDLER.label}：{outcome_words(proposed)}",
            submitted_by=officer,
            submitted_on=submitted,
        )
        self.approvals.append(case._approval)

    def decision_clock(self, plan: Plan, case) -> None:
        """复议法第六十二条: from acceptance; extended, suspended and resumed as the case was."""
        pairs, open_suspended = [], None
        if plan.suspension:
            _ground, suspended_on, resumed_on = plan.suspension
            if resumed_on:
                pairs.append((suspended_on, resumed_on))
            else:
                open_suspended = suspended_on
        self.clocks.add(
            plan,
            case,
            clocks.decision_rule(case),
            plan.accepted,
            closed=plan.concluded,
            extension_days=plan.extension_days,
            extension_on=plan.extension_on,
            suspensions=pairs,
            open_suspended_on=open_suspended,
        )

    def conclusion(self, plan: Plan, case) -> None:
        decision = CaseDecision(
            case=case,
            outcome=plan.outcome,
            decided_on=plan.concluded,
            served_on=plan.served,
            created_by=plan.officer,
        )
        if plan.outcome == OUT.MEDIATION:
            self._mediated(plan, case, decision)
        elif plan.outcome == OUT.TERMINATION:
            self._terminated(plan, case, decision)
        else:
            self._decided(plan, case, decision)
        kind = correction_kind(plan.outcome, agency_changed_act=decision.agency_changed_act)
        decision.is_directly_corrected = kind == CorrectionKind.DIRECT
        decision.is_indirectly_corrected = kind == CorrectionKind.INDIRECT
        self.decisions.append(decision)
        self.served_and_closed(plan, case)

    def _mediated(self, plan: Plan, case, decision: CaseDecision) -> None:
        decision.reasoning = "被申请人变更原行政行为，申请人放弃其他复议请求。"
        decision.legal_basis = document_basis("mediation")
        decision.agency_changed_act = True
        decision.document_number = self.serials.number(
            plan.body.unit, plan.concluded.year, DocumentKind.MEDIATION
        )
        self.transition(
            plan, case, "mediate", plan.concluded, decision.reasoning, frm=S.IN_TRIAL, to=S.MEDIATED
        )

    def _terminated(self, plan: Plan, case, decision: CaseDecision) -> None:
        head = self.world.head
        decision.termination_ground = TerminationGround.WITHDRAWN
        decision.is_settlement = True
        decision.agency_changed_act = random.Random(plan.index * 3).random() < 0.6
        decision.reasoning = "当事人自愿达成和解，申请人撤回行政复议申请。"
        decision.legal_basis = document_basis("settlement")
        decision.signed_by = head
        decision.document_number = self.serials.number(
            plan.body.unit, plan.concluded.year, DocumentKind.TERMINATION
        )
        label = TerminationGround.WITHDRAWN.label
        self.transition(
            plan, case, "terminate", plan.concluded, label, frm=S.IN_TRIAL, to=S.TERMINATED, actor=head
        )

    def _decided(self, plan: Plan, case, decision: CaseDecision) -> None:
        head, outcome = plan.body.head, plan.outcome
        approval = getattr(case, "_approval", None)
        if approval is not None:
            approval.status, approval.decided_by, approval.decided_on = (
                ApprovalStatus.APPROVED,
                head,
                plan.concluded,
            )
        decision.reasoning = (
            CORRECTED_REASONING if outcome in DIRECTLY_CORRECTING_OUTCOMES else UPHELD_REASONING
        )
        decision.legal_basis = document_basis("decision")
        decision.signed_by = head
        decision.order_redo = outcome == OUT.REVOKE and random.Random(plan.index * 5).random() < 0.5
        if outcome == OUT.NO_EVIDENCE:
            decision.no_evidence_disposition = NoEvidenceDisposition.REVOKE
        # 复议法第七十二条第二款: revoking a fine returns the property (as case_decide requires)
        decision.compensation = required_compensation(
            case, outcome=outcome, no_evidence_disposition=NoEvidenceDisposition.REVOKE
        )
        decision.compensation_ordered = bool(decision.compensation)
        decision.document_number = self.serials.number(
            plan.body.unit, plan.concluded.year, DocumentKind.DECISION
        )
        note = f"{DecisionOutcome(outcome).label}，经{head.display_name}签发"
        self.transition(
            plan, case, "decide", plan.concluded, note, frm=S.PENDING_APPROVAL, to=S.DECIDED, actor=head
        )

    def served_and_closed(self, plan: Plan, case) -> None:
        if plan.served:
            self.event(case, EventKind.SERVED, plan.served, plan=plan)
        if plan.closed:
            self.transition(plan, case, "close", plan.closed, frm=plan.status_before_close(), to=S.CLOSED)
        if plan.archived:
            self.transition(
                plan, case, "archive", plan.archived, case.archive_number, frm=S.CLOSED, to=S.ARCHIVED
            )

    def hearing(self, plan: Plan, case) -> None:
        hearing = self.hearing_row(plan, case)
        self.event(
            case,
            EventKind.HEARING_SCHEDULED,
            hearing.notice_sent_on,
            f"听证日期 {plan.hearing:%Y-%m-%d}",
            plan=plan,
        )
        note = "被申请人负责人参加" if hearing.respondent_head_attended else "被申请人负责人未参加"
        self.event(case, EventKind.HEARING_HELD, plan.hearing, note, plan=plan)

    def hearing_row(self, plan: Plan, case):
        notice_sent_on = wd(plan.hearing, -6)
        hearing = Hearing(
            case=case,
            org_unit=plan.body.unit,
            date=plan.hearing,
            place="行政复议听证室",
            matters="被申请人作出行政行为的事实、证据和法律依据",
            presiding=self.world.head,
            clerk=plan.officer,
            notice_sent_on=notice_sent_on,
            notice_number=self.serials.number(
                plan.body.unit, notice_sent_on.year, DocumentKind.HEARING_NOTICE
            ),
            held=True,
            respondent_head_attended=random.Random(plan.index).random() < 0.85,
            record_summary="双方围绕争议焦点进行了陈述、举证、质证和辩论。",
            created_by=plan.officer,
        )
        if not hearing.respondent_head_attended:
            hearing.respondent_head_absence_reason = "负责人公务出差。"
            hearing.respondent_delegate = "法制科科长"
        self.hearings.append((hearing, plan.body))
        return hearing
