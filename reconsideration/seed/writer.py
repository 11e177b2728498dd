"""The row lists of one bulk batch and their writing (`core.demo.bulk_insert`, many-to-many rows after)."""

from __future__ import annotations

from core.demo import bulk_insert

from ..choices import OpinionTier
from ..models import (
    ApprovalRequest,
    CaseDecision,
    CaseEvent,
    CaseOpinion,
    CaseSuspension,
    CommitteeConsultation,
    CommitteeMeeting,
    Hearing,
    MediationSession,
    PartyHearing,
)

EVENT_FIELDS = ("case_id", "kind", "date", "actor_id", "note", "basis", "from_status", "to_status")


class RowsWriter:
    def __init__(self, world, serials):
        self.world = world
        self.serials = serials
        self.events: list[tuple] = []  # EVENT_FIELDS
        self.decisions: list[CaseDecision] = []
        self.opinions: list[CaseOpinion] = []
        self.suspensions: list[CaseSuspension] = []
        self.sessions: list[MediationSession] = []
        self.party_hearings: list[PartyHearing] = []
        self.hearings: list[tuple[Hearing, object]] = []  # (hearing, its body)
        self.meetings: dict[tuple[int, object], CommitteeMeeting] = {}
        self.consultations: list[tuple[CommitteeMeeting, CommitteeConsultation]] = []
        self.approvals: list[ApprovalRequest] = []

    def save(self) -> None:
        bulk_insert(CaseEvent, self.events, fields=EVENT_FIELDS)
        bulk_insert(CaseDecision, self.decisions)
        bulk_insert(CaseOpinion, self.opinions)
        bulk_insert(CaseSuspension, self.suspensions)
        bulk_insert(MediationSession, self.sessions)
        bulk_insert(ApprovalRequest, self.approvals)
        bulk_insert(PartyHearing, self.party_hearings)
        self._save_hearings()
        self._save_committee()
        self.clocks.save()

    def _save_hearings(self) -> None:
        bulk_insert(Hearing, [hearing for hearing, _body in self.hearings])
        through = Hearing.officers.through
        rows = []
        for hearing, body in self.hearings:
            staff = [u for u in body.panel if u.pk not in (hearing.clerk_id, hearing.presiding_id)][:2]
            rows += [through(hearing_id=hearing.pk, user_id=u.pk) for u in staff]
        through.objects.bulk_create(rows, ignore_conflicts=True)

    def _save_committee(self) -> None:
        world = self.world
        meetings = list(self.meetings.values())
        bulk_insert(CommitteeMeeting, meetings)
        members, experts = CommitteeMeeting.members.through, CommitteeMeeting.experts.through
        panels = {b.unit.pk: b.panel for b in world.bodies.values()}
        member_rows, expert_rows = [], []
        for meeting in meetings:
            people = {world.head.pk} | {u.pk for u in panels.get(meeting.org_unit_id, [])[:4]}
            member_rows += [members(committeemeeting_id=meeting.pk, user_id=pk) for pk in people]
            expert_rows += [
                experts(committeemeeting_id=meeting.pk, expertconsultant_id=e.pk)
                for e in world.experts.get(meeting.org_unit_id, [])[:2]
            ]
        members.objects.bulk_create(member_rows, ignore_conflicts=True)
        experts.objects.bulk_create(expert_rows, ignore_conflicts=True)
        consultations = []
        for meeting, consultation in self.consultations:
            consultation.meeting = meeting
            consultations.append(consultation)
        bulk_insert(CommitteeConsultation, consultations)
        bulk_insert(
            CaseOpinion,
            [
                CaseOpinion(
                    case=c.case,
                    tier=OpinionTier.COMMITTEE,
                    author=c.created_by,
                    text=c.majority_view,
                    consultation=c,
                    written_on=c.meeting.date,
                )
                for c in consultations
            ],
        )
