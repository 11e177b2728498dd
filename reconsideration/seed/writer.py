"""The row lists of one bulk batch and their writing (`bulk_create`, many-to-many rows after)."""

from __future__ import annotations

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


class RowsWriter:
    def __init__(self, world, serials):
        self.world = world
        self.serials = serials
        self.events: list[CaseEvent] = []
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
        CaseEvent.objects.bulk_create(self.events)
        CaseDecision.objects.bulk_create(self.decisions)
        CaseOpinion.objects.bulk_create(self.opinions)
        CaseSuspension.objects.bulk_create(self.suspensions)
        MediationSession.objects.bulk_create(self.sessions)
        ApprovalRequest.objects.bulk_create(self.approvals)
        PartyHearing.objects.bulk_create(self.party_hearings)
        self._save_hearings()
        self._save_committee()
        self.clocks.save()

    def _save_hearings(self) -> None:
        Hearing.objects.bulk_create([hearing for hearing, _body in self.hearings])
        through = Hearing.officers.through
        rows = []
        for hearing, body in self.hearings:
            staff = [u for u in body.panel if u.pk not in (hearing.clerk_id, hearing.presiding_id)][:2]
            rows += [through(hearing_id=hearing.pk, user_id=u.pk) for u in staff]
        through.objects.bulk_create(rows, ignore_conflicts=True)

    def _save_committee(self) -> None:
        world = self.world
        meetings = list(self.meetings.values())
        CommitteeMeeting.objects.bulk_create(meetings)
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
        CommitteeConsultation.objects.bulk_create(consultations)
        CaseOpinion.objects.bulk_create(
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
            ]
        )
