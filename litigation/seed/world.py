"""Who and where: the 应诉 officer (yingsu), the defendant agencies and the court of each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accounts.choices import UnitKind
from accounts.models import OrgUnit, User
from core.demo import demo_today


@dataclass
class World:
    today: date
    officer: User
    agencies: list[OrgUnit]
    courts: dict[int, OrgUnit]  # agency id → the basic court of its county (city agencies: 秦州区)
    appeal_court: OrgUnit  # 天水市中级人民法院

    @classmethod
    def load(cls) -> World | None:
        officer = User.objects.filter(username="yingsu", is_active=True).select_related("unit").first()
        if officer is None:
            return None
        agencies = list(
            OrgUnit.objects.filter(kind=UnitKind.AGENCY, is_active=True)
            .select_related("parent")
            .order_by("path")
        )
        courts_by_gov = {c.parent_id: c for c in OrgUnit.objects.filter(kind=UnitKind.COURT, is_active=True)}
        fallback = OrgUnit.objects.filter(short_code="qzfy").first() or next(
            iter(courts_by_gov.values()), None
        )
        if not agencies or fallback is None:
            return None
        appeal_court = OrgUnit.objects.filter(short_code="tszy").first() or fallback
        courts = {}
        for a in agencies:
            court = courts_by_gov.get(a.parent_id)
            courts[a.pk] = fallback if court is None or court == appeal_court else court
        return cls(
            today=demo_today(),  # the scenario's day under `seed_demo --scenario`
            officer=officer,
            agencies=agencies,
            courts=courts,
            appeal_court=appeal_court,
        )

    def agency(self, plan) -> OrgUnit:
        return self.agencies[plan.agency_index % len(self.agencies)]

    def court(self, plan) -> OrgUnit:
        return self.courts[self.agency(plan).pk]
