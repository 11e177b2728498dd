"""Who and where: the agencies, the certified officers by agency, the demo users who act."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from accounts.models import OrgUnit, User

from .. import services
from ..choices import AgencyLevel, CertificateStatus, Circumstance, Sector
from ..models import Certificate, EnforcementAgency, EnforcementItem, Officer
from . import bulk, data
from .drive import drive
from .plan import make_plan
from .registers import seed_agencies, seed_officers

RECENT = 6


@dataclass
class World:
    today: date
    agencies: list
    actor: User
    reviewer: User
    valid: dict = field(default_factory=dict)  # agency pk → [(officer, from, to)]

    @classmethod
    def build(cls, scale: int, today: date) -> World:
        justice = _justice_agency()
        agencies = [a for a in seed_agencies(today) if a.pk != justice.pk]
        seed_officers(agencies, scale, today)
        reviewer = User.objects.get(username="fzsh")
        if not Officer.objects.filter(user=reviewer).exists():
            services.officer_create(
                actor=None,
                agency=justice,
                name=reviewer.get_full_name() or reviewer.username,
                id_number="620502198506150021",
                post="法制审核科科员",
                has_legal_qualification=True,
                user=reviewer,
            )
        world = cls(
            today=today, agencies=agencies, actor=User.objects.get(username="zhifa_scj"), reviewer=reviewer
        )
        world._load_valid()
        return world

    def _load_valid(self):
        for c in Certificate.objects.filter(kind="enforcement", issued_on__isnull=False).select_related(
            "officer"
        ):
            end = c.expires_on
            if c.status in (
                CertificateStatus.SUSPENDED,
                CertificateStatus.CANCELLED,
                CertificateStatus.REVOKED,
            ):
                end = min(end, c.status_changed_on - timedelta(days=1))
            self.valid.setdefault(c.officer.agency_id, []).append((c.officer, c.issued_on, end))
        for rows in self.valid.values():
            rows.sort(key=lambda r: r[0].pk)

    def officers_for(self, agency, first: date, last: date):
        pair = [o for o, start, end in self.valid.get(agency.pk, ()) if start <= first and last <= end][:2]
        return pair if len(pair) == 2 else None

    def _items(self):
        if not hasattr(self, "_item_cache"):
            cache = defaultdict(list)
            for item in EnforcementItem.objects.filter(agency__in=self.agencies).prefetch_related(
                "benchmarks"
            ):
                bench = next(
                    (b for b in item.benchmarks.all() if b.circumstance == Circumstance.ORDINARY), None
                )
                cache[item.agency_id].append((item, bench))
            self._item_cache = cache
        return self._item_cache

    def plan(self, i: int, agency=None):
        agency = agency or self.agencies[i % len(self.agencies)]
        choices = self._items().get(agency.pk)
        if not choices:
            return None
        item, bench = choices[i % len(choices)]
        return make_plan(
            i, agency=agency, item=item, bench=bench, officers_for=self.officers_for, today=self.today
        )

    def seed_recent(self) -> int:
        """A dozen cases of 天水市市场监督管理局 through the services, by zhifa_scj (and fzsh's reviews)."""
        market = next((a for a in self.agencies if a.org_unit.short_code == "tsscj"), None)
        if market is None:
            return 0
        n = 0
        for k in range(RECENT * 4):
            plan = self.plan(10**7 + k, agency=market)
            if plan is None:
                continue
            drive(plan, actor=self.actor, reviewer=self.reviewer)
            n += 1
            if n >= RECENT:
                break
        return n

    def seed_history(self, *, start: int, count: int) -> int:
        written = 0
        i = start
        # A case needs two officers certified on each of its days; with too few officers most plans
        # find none. Give up after 50 tries per case rather than loop forever.
        limit = start + 50 * count
        while written < count and i < limit:
            plans = []
            while len(plans) < min(2000, count - written) and i < limit:
                plan = self.plan(i)
                i += 1
                if plan is not None:
                    plans.append(plan)
            bulk.write(plans, reviewer=self.reviewer)
            written += len(plans)
        return written

    def agency_count(self) -> int:
        return EnforcementAgency.objects.count()

    def officer_count(self) -> int:
        return Officer.objects.count()

    def certificate_count(self) -> int:
        return Certificate.objects.count()


def _justice_agency():
    unit = OrgUnit.objects.get(short_code="tssfj")
    agency = EnforcementAgency.objects.filter(org_unit=unit).first()
    if agency is None:
        agency = services.agency_register(
            actor=None,
            unit=unit,
            level=AgencyLevel.CITY,
            sector=Sector.OTHER,
            authority_basis="《中华人民共和国律师法》《司法行政机关行政处罚程序规定》",
            subject_certificate_number="甘天执主〔2023〕0000号",
            certified_on=date(2023, 6, 1),
        )
    return agency


__all__ = ["World", "data"]
