# ruff: noqa: S311 - deterministic demo data (random.Random(seed)), never security
"""The registers of the demo: 327 agencies with their items and benchmarks, officers, certificates
(mostly valid; some expired, suspended, revoked; renewals), qualification exams before every issue
and a year of training. Written in bulk in the shapes the services give (status and events from
the certificate transition table, `passed` from the pass mark); nothing after today."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from accounts import services as account_services
from accounts.choices import UnitKind
from accounts.models import OrgUnit
from core.demo import bulk_insert

from ..choices import (
    CERT_WORKFLOW,
    AgencyLevel,
    CertificateStatus,
    Circumstance,
    EventKind,
    ExamKind,
    ItemKind,
    Sector,
)
from ..models import (
    Certificate,
    CertificateEvent,
    DiscretionBenchmark,
    EnforcementAgency,
    EnforcementItem,
    ExamResult,
    ExamSession,
    Officer,
    TrainingAttendance,
    TrainingCourse,
)
from ..services import gates
from ..services.training import recompute_training_hours
from . import data

SECTOR_BY_WORD = (
    ("市场", Sector.MARKET),
    ("生态", Sector.ECOLOGY),
    ("交通", Sector.TRANSPORT),
    ("农业", Sector.AGRICULTURE),
    ("文化", Sector.CULTURE),
    ("应急", Sector.EMERGENCY),
    ("住房", Sector.HOUSING),
    ("自然", Sector.NATURAL),
    ("卫生", Sector.HEALTH),
    ("综合", Sector.COMPREHENSIVE),
    ("街道", Sector.COMPREHENSIVE),
    ("镇", Sector.COMPREHENSIVE),
)


def _sector(name: str) -> str:
    for word, sector in SECTOR_BY_WORD:
        if word in name:
            return sector
    return Sector.OTHER


def _level(unit, by_pk) -> str:
    if unit.kind == UnitKind.TOWNSHIP:
        return AgencyLevel.TOWNSHIP
    node = unit
    while node.parent_id:
        node = by_pk[node.parent_id]
        if node.kind == UnitKind.GOVERNMENT and node.parent_id:
            return AgencyLevel.COUNTY
    return AgencyLevel.CITY


def agency_units() -> list[OrgUnit]:
    """326 enforcement units: the agencies and townships of the tree and, under each agency, its
    执法支队 / 大队 / 所 (created through the accounts service, looked up by short code first)."""
    limit = data.AGENCIES - 1  # the 327th is the justice bureau itself (seed.world)
    units = list(OrgUnit.objects.filter(kind__in=(UnitKind.AGENCY, UnitKind.TOWNSHIP)).order_by("path"))
    base = [u for u in units if u.kind == UnitKind.TOWNSHIP or "-" not in u.short_code]
    parents = [u for u in base if u.kind == UnitKind.AGENCY]
    existing = {u.short_code for u in units}
    result = list(base)
    for suffix_i, suffix in enumerate(data.UNITS_UNDER_AGENCY):
        for parent in parents:
            if len(result) >= limit:
                return result[:limit]
            code = f"{parent.short_code}-{suffix_i + 1}"
            unit = next((u for u in units if u.short_code == code), None)
            if unit is None and code not in existing:
                unit = account_services.orgunit_create(
                    actor=None,
                    name=f"{parent.name}{suffix}",
                    short_code=code,
                    kind=UnitKind.AGENCY,
                    parent=parent,
                    sort_order=90 + suffix_i,
                )
            result.append(unit)
    return result[:limit]


def seed_agencies(today: date) -> list[EnforcementAgency]:
    units = agency_units()
    by_pk = {u.pk: u for u in OrgUnit.objects.all()}
    have = set(EnforcementAgency.objects.values_list("org_unit_id", flat=True))
    new = []
    for i, unit in enumerate(units):
        if unit.pk in have:
            continue
        sector = _sector(unit.name)
        new.append(
            EnforcementAgency(
                org_unit=unit,
                name=unit.name,
                level=_level(unit, by_pk),
                sector=sector,
                is_comprehensive=sector == Sector.COMPREHENSIVE,
                authority_basis=_("《中华人民共和国行政处罚法》第十七条、第十八条及相关法律法规授权"),
                subject_certificate_number=f"甘天执主〔2023〕{i + 1:04d}号",
                certified_on=min(today, date(2023, 6, 1)) - timedelta(days=i % 60),
            )
        )
    EnforcementAgency.objects.bulk_create(new)
    agencies = list(
        EnforcementAgency.objects.filter(org_unit__in=units).select_related("org_unit").order_by("pk")
    )
    fresh = {a.org_unit_id for a in new}
    items, benches = [], []
    for a in agencies:
        if a.org_unit_id not in fresh:
            continue
        for j in range(2):
            name, basis, low, high = data.ITEMS[(a.pk + j) % len(data.ITEMS)]
            items.append(
                EnforcementItem(
                    agency=a,
                    code=f"CF-{a.pk:04d}-{j + 1}",
                    name=name,
                    kind=ItemKind.PENALTY,
                    legal_basis=basis,
                )
            )
    EnforcementItem.objects.bulk_create(items)
    for item in EnforcementItem.objects.filter(agency__org_unit_id__in=fresh, benchmarks__isnull=True):
        _n, _b, low, high = next(x for x in data.ITEMS if x[0] == item.name)
        mid = (low + high) // 2
        benches += [
            DiscretionBenchmark(
                item=item,
                circumstance=Circumstance.LIGHTER,
                description=_("首次违法且及时改正"),
                min_amount=Decimal(low),
                max_amount=Decimal(mid),
            ),
            DiscretionBenchmark(
                item=item,
                circumstance=Circumstance.ORDINARY,
                description=_("一般违法情节"),
                min_amount=Decimal(mid),
                max_amount=Decimal(high),
            ),
        ]
    DiscretionBenchmark.objects.bulk_create(benches)
    return agencies


def _name(rng) -> str:
    return rng.choice(data.SURNAMES) + "".join(rng.choice(data.GIVEN) for _ in range(rng.choice((1, 2))))


def seed_officers(agencies, scale: int, today: date) -> None:
    """8,950 × scale officers, each certified after a passed qualification exam; 99 × scale renewed."""
    target = data.volume(data.OFFICERS, scale)
    existing = Officer.objects.count()
    if existing >= target:
        return
    officers = []
    for i in range(existing, target):
        rng = random.Random(i)
        officers.append(
            Officer(
                agency=agencies[i % len(agencies)],
                name=_name(rng),
                id_number=f"6205{i:014d}",
                post=rng.choice(data.POSTS),
                has_legal_qualification=rng.random() < 0.12,
            )
        )
    bulk_insert(Officer, officers)
    sessions: dict[date, ExamSession] = {}
    plans = []
    for officer in officers:
        rng = random.Random(officer.id_number)
        issued = today - timedelta(days=rng.randint(30, 5 * 365 - 30))
        expired = rng.random() < 0.03 and int(officer.id_number[4:]) >= data.volume(data.RENEWED, scale)
        if expired:
            issued = today - timedelta(days=5 * 365 + rng.randint(10, 300))
        exam_on = issued - timedelta(days=rng.randint(5, 200))
        exam_on = exam_on.replace(day=1)
        plans.append((officer, rng, issued, exam_on, expired))
        if exam_on not in sessions:
            sessions[exam_on] = ExamSession(
                org_unit=agencies[0].org_unit.parent or agencies[0].org_unit,
                kind=ExamKind.QUALIFICATION,
                title=_("%(y)s年%(m)s月行政执法资格考试") % {"y": exam_on.year, "m": exam_on.month},
                held_on=exam_on,
                pass_mark=gates.pass_mark(),
            )
    justice = OrgUnit.objects.filter(short_code="tssfj").first()
    for s in sessions.values():
        s.org_unit = justice or s.org_unit
    ExamSession.objects.bulk_create(list(sessions.values()))
    results, certs = _certificates(plans, sessions, scale, today)
    bulk_insert(ExamResult, results, ids=False)
    bulk_insert(Certificate, certs)
    bulk_insert(CertificateEvent, _certificate_events(certs), ids=False)
    _training(officers, agencies, today)


def _certificates(plans, sessions, scale: int, today: date):
    """Each officer's passed exam and certificate, its status drawn (mostly valid), and the earlier,
    renewed certificate of the first 99 × scale officers."""
    results, certs = [], []
    renewed = data.volume(data.RENEWED, scale)
    for officer, rng, issued, exam_on, expired in plans:
        n = int(officer.id_number[4:])
        score = Decimal(rng.randint(60, 98))
        results.append(
            ExamResult(
                session=sessions[exam_on], officer=officer, score=score, passed=score >= gates.pass_mark()
            )
        )
        expires = gates.default_expiry(issued)
        status, changed, reason = CertificateStatus.VALID, issued, ""
        roll = 1.0 if n < renewed else rng.random()  # a renewed officer holds a valid new certificate
        if expired:
            status, changed, reason = CertificateStatus.EXPIRED, expires + timedelta(days=1), _("有效期届满")
        elif roll < 0.01:
            status, changed, reason = (
                CertificateStatus.SUSPENDED,
                issued + (today - issued) // 2,
                _("涉嫌违法执法，暂扣证件"),
            )
        elif roll < 0.02:
            status, changed, reason = (
                CertificateStatus.REVOKED,
                issued + (today - issued) // 2,
                _("违法执法，吊销证件"),
            )
        cert = Certificate(
            officer=officer,
            number=f"甘天执{issued.year}{n + 1:07d}",
            applied_on=issued,
            issued_on=issued,
            expires_on=expires,
            status=status,
            status_changed_on=changed,
            status_reason=reason,
        )
        certs.append(cert)
        if n < renewed:
            # the earlier certificate, cancelled when this one was issued (换证)
            old_issued = issued - timedelta(days=5 * 365 - 20)
            certs.append(
                Certificate(
                    officer=officer,
                    number=f"甘天换{old_issued.year}{n + 1:07d}",
                    applied_on=old_issued,
                    issued_on=old_issued,
                    expires_on=gates.default_expiry(old_issued),
                    status=CertificateStatus.CANCELLED,
                    status_changed_on=issued,
                    status_reason=_("换发新证"),
                )
            )
    return results, certs


def _certificate_events(certs) -> list[CertificateEvent]:
    """The issue (and, when ended, the end) of each certificate, as the certificate services log them."""
    issue_basis = str(CERT_WORKFLOW["issue"].basis)
    events = []
    for c in certs:
        events.append(
            CertificateEvent(
                certificate=c,
                kind=EventKind.ISSUE,
                date=c.issued_on,
                basis=issue_basis,
                from_status=CertificateStatus.UNDER_REVIEW,
                to_status=CertificateStatus.VALID,
                note=c.number,
            )
        )
        if c.status != CertificateStatus.VALID:
            kind = {
                "expired": EventKind.EXPIRE,
                "suspended": EventKind.SUSPEND,
                "revoked": EventKind.REVOKE,
                "cancelled": EventKind.CANCEL,
            }[c.status]
            events.append(
                CertificateEvent(
                    certificate=c,
                    kind=kind,
                    date=c.status_changed_on,
                    basis=issue_basis,
                    from_status=CertificateStatus.VALID,
                    to_status=c.status,
                    note=c.status_reason,
                )
            )
    return events


def _training(officers, agencies, today: date) -> None:
    """A year of training: 48 courses, each officer attending 3–8 of them (8 hours each)."""
    justice = OrgUnit.objects.filter(short_code="tssfj").first() or agencies[0].org_unit
    courses = [
        TrainingCourse(
            org_unit=justice,
            topic=data.TOPICS[k % len(data.TOPICS)],
            organiser=_("天水市司法局"),
            held_on=today - timedelta(days=7 * k + 3),
            hours=Decimal(8),
        )
        for k in range(48)
    ]
    TrainingCourse.objects.bulk_create(courses)
    rows = []
    for officer in officers:
        rng = random.Random(f"t{officer.id_number}")
        for course in rng.sample(courses, rng.randint(3, 8)):
            rows.append((course.pk, officer.pk, course.hours))
    bulk_insert(TrainingAttendance, rows, fields=("course_id", "officer_id", "hours"))
    recompute_training_hours()  # the stored hours 培训达标 reads, for the rows written in bulk
