"""Demo data of enforcement supervision (行政执法监督) for `seed_demo`, nothing dated after today.

At scale 1: 1,851 major-decision filings 2021 – today (some late, some ordered corrected or their
revocation suggested, the recent ones still awaiting review); the city justice bureau's rubric; the
2022 self-check campaign (自查, scope 2021-07-01 – 2022-06-30) with 50,400 files scored by their own
agencies and the 2022 sampling campaign (抽查) with 1,499 files drawn from them with a recorded seed,
each scored by two of the Bureau's reviewers (a consensus sheet where they differ by more than 10
points, a few still awaiting it, some veto hits); 19 published guiding cases and 3 drafts; 36 special
supervisors with their activity logs; notices in every state. `--scale N` multiplies every figure;
`settings.SUPERVISION_DEMO_FRACTION` (default 1) scales it down.

The mass rows (filings, files and score sheets) are written in bulk from the same plans the services
take (`seed.bulk`, parity: tests/supervision/test_seed_parity.py); a few of each, the rubric,
campaigns, guiding cases, supervisors and notices go through the services. Idempotent: a rerun at the
same scale adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.management.demo import DEMO_PASSWORD, demo_password_hash
from accounts.models import OrgUnit, User
from accounts.services import user_create
from enforcement.choices import Sector
from enforcement.models import EnforcementAgency

from .. import services
from ..choices import (
    CONSENSUS_GAP,
    ActivityKind,
    CampaignKind,
    FilingStatus,
    GuidingStatus,
    NominationKind,
    NoticeSource,
    NoticeStatus,
    RubricSection,
    VetoItem,
)
from ..models import (
    DecisionFiling,
    GuidingCase,
    QualitySelection,
    ReviewCampaign,
    ReviewedFile,
    Rubric,
    SpecialCampaign,
    SpecialSupervisor,
    SupervisionNotice,
)
from . import bulk
from .bulk import FilePlan, FilingPlan, Sheet

FILINGS = 1851
SELF_FILES = 50400
SAMPLED = 1499
GUIDING = 19
GUIDING_DRAFTS = 3
SUPERVISORS = 36
NOTICES = 24
DRIVEN = 3  # filings and files of each kind through the services on the first run
SAMPLE_SEED = 20220801
SCOPE = (date(2021, 7, 1), date(2022, 6, 30))
FIRST_FILING = date(2021, 1, 4)

RUBRIC_ITEMS = (
    (RubricSection.FORM, "A1", "卷宗目录清楚、装订规范", Decimal("5")),
    (RubricSection.FORM, "A2", "文书格式规范、填写完整", Decimal("5")),
    (RubricSection.FORM, "A3", "签名、盖章齐全", Decimal("5")),
    (RubricSection.FORM, "A4", "归档及时、材料齐全", Decimal("5")),
    (RubricSection.CONTENT, "B1", "立案审批及时", Decimal("10")),
    (RubricSection.CONTENT, "B2", "调查取证合法、充分", Decimal("15")),
    (RubricSection.CONTENT, "B3", "告知程序完整", Decimal("10")),
    (RubricSection.CONTENT, "B4", "法制审核规范", Decimal("10")),
    (RubricSection.CONTENT, "B5", "裁量适当、说理充分", Decimal("15")),
    (RubricSection.CONTENT, "B6", "决定书送达合法", Decimal("10")),
    (RubricSection.CONTENT, "B7", "执行及结案规范", Decimal("10")),
)
ITEMS = {code: points for _s, code, _l, points in RUBRIC_ITEMS}
DECISIONS = (
    "吊销食品经营许可证",
    "责令停产停业整顿",
    "罚款人民币二十万元",
    "没收违法所得并处罚款人民币十五万元",
    "吊销道路运输经营许可证",
    "限期拆除违法建筑",
    "责令关闭",
)
REASONS = {
    FilingStatus.CORRECTION: "决定书未载明听证权利告知情况，责令补正程序。",
    FilingStatus.REVOCATION: "认定事实的主要证据不足，建议撤销该决定。",
}
GUIDING_TITLES = (
    ("销售过期食品从轻处罚的适用", Sector.MARKET),
    ("超限运输车辆“一超四罚”的衔接", Sector.TRANSPORT),
    ("企业超标排放按日连续处罚", Sector.ECOLOGY),
    ("未取得许可擅自施工的处理", Sector.HOUSING),
    ("销售假农药的违法所得认定", Sector.AGRICULTURE),
    ("首违不罚的适用条件", Sector.MARKET),
    ("文化市场违法经营的裁量", Sector.CULTURE),
)
NAMES = [
    "王建国",
    "李红梅",
    "张文斌",
    "刘淑芬",
    "陈志勇",
    "杨晓明",
    "赵丽华",
    "黄永强",
    "周海涛",
    "吴秀英",
    "徐国庆",
    "孙玉兰",
]
AFFILIATIONS = (
    "天水市人大代表",
    "天水市政协委员",
    "天水师范学院",
    "甘肃某律师事务所",
    "天水日报社",
    "社区居委会",
)


def volume(base: int, scale: int) -> int:
    return max(1, round(base * scale * getattr(settings, "SUPERVISION_DEMO_FRACTION", 1)))


def _h(i: int) -> int:
    return (i * 2654435761) % 1000


def deductions_for(i: int, extra: int = 0) -> dict:
    """A file's deductions from its index: most files 优秀 or 合格, about one in ten 不合格."""
    h = _h(i)
    total = (h % 10) if h < 350 else (10 + h % 20) if h < 900 else (31 + h % 15)
    total += extra
    out = {}
    codes = list(ITEMS)
    k = i % len(codes)
    while total > 0:
        code = codes[k % len(codes)]
        take = min(total, int(ITEMS[code]) - int(out.get(code, 0)))
        if take > 0:
            out[code] = out.get(code, 0) + take
            total -= take
        k += 1
        if all(out.get(c, 0) >= ITEMS[c] for c in codes):
            break
    return {c: Decimal(v) for c, v in out.items()}


@dataclass
class World:
    today: date
    justice: OrgUnit
    reviewer: User  # jiandu
    second: User  # the Bureau's second reviewer
    agencies: list
    recorders: dict  # agency pk → the agency's user who records its self-check

    @cached_property
    def self_check_number(self) -> str:
        """The self-checked files' number (translated once, not once for each of the 50,400 × scale)."""
        return _("自查〔2022〕%(k)s号")

    @classmethod
    def load(cls, today: date):
        justice = OrgUnit.objects.filter(short_code="tssfj").first()
        reviewer = User.objects.filter(username="jiandu").first()
        if justice is None or reviewer is None:
            return None
        agencies = list(
            EnforcementAgency.objects.exclude(org_unit=justice).select_related("org_unit").order_by("pk")
        )
        if not agencies:
            return None
        second = User.objects.filter(username="pingcha").first() or user_create(
            actor=None,
            username="pingcha",
            real_name="周海燕",
            unit=justice,
            password=DEMO_PASSWORD,
            password_hash=demo_password_hash(),
            roles=[Role.SUPERVISOR],
            title="执法监督科副科长",
            email="pingcha@tssfj.gov.cn",
            must_change_password=False,
        )
        return cls(today, justice, reviewer, second, agencies, _recorders(agencies))


def _recorders(agencies) -> dict:
    """One member of staff per agency who records its self-check (执法人员): the agency's own user
    where it has one, otherwise a recorder account without a password (written in bulk)."""
    group = Group.objects.get_or_create(name=str(Role.ENFORCEMENT_STAFF))[0]
    units = {a.org_unit_id for a in agencies}
    have = {}
    for u in User.objects.filter(unit_id__in=units, groups=group).order_by("pk"):
        have.setdefault(u.unit_id, u)
    missing = [a for a in agencies if a.org_unit_id not in have]
    new = []
    for a in missing:
        u = User(
            username=f"zicha_{a.org_unit.short_code or a.org_unit_id}",
            real_name=_("%(a)s案卷评查联络员") % {"a": a.org_unit.name[:30]},
            unit=a.org_unit,
            title=_("法制员"),
            must_change_password=True,
        )
        u.set_unusable_password()
        new.append(u)
    User.objects.bulk_create(new, batch_size=500)
    through = User.groups.through
    through.objects.bulk_create([through(user_id=u.pk, group_id=group.pk) for u in new], batch_size=1000)
    for u in new:
        have[u.unit_id] = u
    return {a.pk: have[a.org_unit_id] for a in agencies}


# --- plans -----------------------------------------------------------------------------------------------


def filing_plan(w: World, i: int, n: int) -> FilingPlan:
    agency = w.agencies[i % len(w.agencies)]
    span = (w.today - timedelta(days=1) - FIRST_FILING).days
    decided = FIRST_FILING + timedelta(days=i * span // max(n, 1))
    h = _h(i)
    late = i % 17 == 5
    filed = decided + timedelta(days=(30 + h % 10) if late else (2 + h % 12))
    filed = min(filed, w.today)
    result = ""
    reviewed = None
    if (w.today - filed).days >= 15:
        result = (
            FilingStatus.FILED if h < 880 else FilingStatus.CORRECTION if h < 960 else FilingStatus.REVOCATION
        )
        reviewed = min(filed + timedelta(days=7), w.today)
    return FilingPlan(
        agency=agency,
        decision_number=_("%(a)s重大执法决定〔%(y)s〕%(n)s号")
        % {"a": agency.org_unit.name[:20], "y": decided.year, "n": i + 1},
        decision_summary=_("对当事人作出%(d)s的决定") % {"d": DECISIONS[i % len(DECISIONS)]},
        decided=decided,
        filed=filed,
        result=result,
        reviewed=reviewed,
        reasons=REASONS.get(result, ""),
        late_reason=_("案件材料整理延误") if filed > bulk._compute("sup.filing", decided).due else "",
    )


def self_plan(w: World, campaign, i: int) -> FilePlan:
    agency = w.agencies[i % len(w.agencies)]
    k = i // len(w.agencies) + 1
    vetoes = (VetoItem.FEWER_OFFICERS,) if i % 97 == 13 else ()
    scored = SCOPE[1] + timedelta(days=30 + i % 30)
    return FilePlan(
        campaign=campaign,
        agency=agency,
        file_number=w.self_check_number % {"k": f"{k:05d}"},
        sampled=False,
        scored=scored,
        sheets=(Sheet(w.recorders[agency.pk], deductions_for(i), vetoes),),
        actor=w.recorders[agency.pk],
    )


def sample_plan(w: World, campaign, agency, file_number: str, j: int) -> FilePlan:
    """Two reviewers; one file in twelve more than 10 points apart (three in four of those settled by
    a consensus sheet), one in 25 with a veto hit."""
    a = deductions_for(10**6 + j)
    apart = j % 12 == 4
    b = deductions_for(10**6 + j, extra=12 if apart else 1)
    vetoes = (VetoItem.INSUFFICIENT_EVIDENCE,) if j % 25 == 3 else ()
    sheets = [Sheet(w.reviewer, a, vetoes), Sheet(w.second, b)]
    gap = abs(services.gates.compute_score(ITEMS, a) - services.gates.compute_score(ITEMS, b))
    if gap > CONSENSUS_GAP and j % 48 != 4:
        sheets.append(Sheet(w.reviewer, deductions_for(10**6 + j, extra=6), vetoes, True, _("合议评定")))
    return FilePlan(
        campaign=campaign,
        agency=agency,
        file_number=file_number,
        sampled=True,
        scored=date(2022, 9, 15) + timedelta(days=j % 40),
        sheets=tuple(sheets),
        actor=w.reviewer,
    )


# --- the run --------------------------------------------------------------------------------------------


def run(scale: int, stdout) -> None:
    w = World.load(timezone.localdate())
    if w is None:
        stdout.write(_("跳过行政执法监督演示数据：请先生成单位、演示用户和执法主体。"))
        return
    filings = _filings(w, volume(FILINGS, scale))
    rubric = _rubric(w)
    self_campaign, sample_campaign = _campaigns(w, rubric)
    files = _self_files(w, self_campaign, rubric, volume(SELF_FILES, scale))
    sampled = _sampled(w, self_campaign, sample_campaign, rubric, volume(SAMPLED, scale))
    _guiding(w, volume(GUIDING, scale), volume(GUIDING_DRAFTS, scale))
    _supervisors(w, volume(SUPERVISORS, scale))
    _notices(w, volume(NOTICES, scale))
    _selection(w, sample_campaign)
    stdout.write(
        _(
            "行政执法监督：备案 %(f)d 件（新增 %(nf)d），自查案卷 %(s)d 件，抽查案卷 %(p)d 件，"
            "指导案例 %(g)d 件，特邀监督员 %(v)d 人，监督通知书 %(n)d 件。"
        )
        % {
            "f": DecisionFiling.objects.count(),
            "nf": filings,
            "s": ReviewedFile.objects.filter(campaign=self_campaign).count() if files >= 0 else 0,
            "p": ReviewedFile.objects.filter(campaign=sample_campaign).count() if sampled >= 0 else 0,
            "g": GuidingCase.objects.filter(status=GuidingStatus.PUBLISHED).count(),
            "v": SpecialSupervisor.objects.count(),
            "n": SupervisionNotice.objects.count(),
        }
    )


def _filings(w: World, target: int) -> int:
    existing = DecisionFiling.objects.count()
    if existing >= target:
        return 0
    plans = [filing_plan(w, i, target) for i in range(existing, target)]
    driven = 0
    if existing == 0:
        # the most recent few of 天水市市场监督管理局 through the services
        for p in [p for p in plans[-60:] if p.agency.org_unit.short_code == "tsscj"][:DRIVEN]:
            bulk.drive_filing(p, filer=w.recorders[p.agency.pk], reviewer=w.reviewer)
            plans.remove(p)
            driven += 1
    for start in range(0, len(plans), 5000):
        chunk = plans[start : start + 5000]
        bulk.write_filings(chunk, filers=w.recorders, reviewer=w.reviewer)
    return len(plans) + driven


def _rubric(w: World) -> Rubric:
    name = _("天水市行政执法案卷评查标准")
    rubric = Rubric.objects.filter(org_unit=w.justice, name=name, version_label="2022").first()
    return rubric or services.rubric_create(
        actor=w.reviewer,
        unit=w.justice,
        name=name,
        version_label="2022",
        items=RUBRIC_ITEMS,
    )


def _campaigns(w: World, rubric):
    out = []
    for kind, title in (
        (CampaignKind.SELF, _("2022年度行政执法案卷自查")),
        (CampaignKind.SAMPLE, _("2022年度行政执法案卷抽查")),
    ):
        c = ReviewCampaign.objects.filter(title=title, year=2022).first()
        if c is None:
            c = services.campaign_create(
                actor=w.reviewer,
                unit=w.justice,
                title=title,
                year=2022,
                kind=kind,
                scope_start=SCOPE[0],
                scope_end=SCOPE[1],
                rubric=rubric,
                agencies=w.agencies,
            )
        out.append(c)
    return out


def _self_files(w: World, campaign, rubric, target: int) -> int:
    existing = ReviewedFile.objects.filter(campaign=campaign).count()
    if existing >= target:
        return 0
    indices = list(range(existing, target))
    if existing == 0:
        market = [
            i
            for i in indices[: 4 * len(w.agencies)]
            if w.agencies[i % len(w.agencies)].org_unit.short_code == "tsscj"
        ]
        for i in market[:DRIVEN]:
            bulk.drive_file(self_plan(w, campaign, i))
            indices.remove(i)
    thresholds = (rubric.excellent_from, rubric.pass_from)
    for start in range(0, len(indices), 20000):
        plans = [self_plan(w, campaign, i) for i in indices[start : start + 20000]]
        bulk.write_files(plans, items=ITEMS, thresholds=thresholds)
    return len(indices)


def _sampled(w: World, self_campaign, campaign, rubric, target: int) -> int:
    """抽查: N self-checked files per agency drawn with the campaign's recorded seed (gates.draw_sample)."""
    existing = set(ReviewedFile.objects.filter(campaign=campaign).values_list("agency_id", "file_number"))
    if len(existing) >= target:
        return 0
    if campaign.sample_seed is None:
        campaign.sample_seed = SAMPLE_SEED
        campaign.save(update_fields=["sample_seed"])
    n_agencies = len(w.agencies)
    by_agency: dict[int, list] = {}
    for pk, agency_id, number in (
        ReviewedFile.objects.filter(campaign=self_campaign)
        .values_list("pk", "agency_id", "file_number")
        .order_by("pk")
    ):
        by_agency.setdefault(agency_id, []).append((pk, number))
    plans = []
    j = len(existing)
    driven = 0
    have: dict[int, int] = {}
    for agency_id, _number in existing:
        have[agency_id] = have.get(agency_id, 0) + 1
    for idx, agency in enumerate(w.agencies):
        quota = target // n_agencies + (1 if idx < target % n_agencies else 0)
        need = quota - have.get(agency.pk, 0)
        if need <= 0:
            continue
        # only the shortfall, drawn among the files not sampled yet (a larger scale adds, never redraws)
        rows = {pk: n for pk, n in by_agency.get(agency.pk, ()) if (agency.pk, n) not in existing}
        for pk in services.gates.draw_sample(rows, need, campaign.sample_seed + agency.pk):
            j += 1
            plan = sample_plan(w, campaign, agency, rows[pk], j)
            if not existing and driven < DRIVEN and agency.org_unit.short_code == "tsscj":
                bulk.drive_file(plan)
                driven += 1
                continue
            plans.append(plan)
    bulk.write_files(plans, items=ITEMS, thresholds=(rubric.excellent_from, rubric.pass_from))
    return len(plans) + driven


def _guiding(w: World, published: int, drafts: int) -> None:
    existing = GuidingCase.objects.count()
    for k in range(existing, published + drafts):
        title, sector = GUIDING_TITLES[k % len(GUIDING_TITLES)]
        year = 2021 + k % 5
        case = services.guiding_create(
            actor=w.reviewer,
            unit=w.justice,
            number=_("天司指〔%(y)s〕%(n)s号") % {"y": year, "n": k + 1},
            title=title,
            sector=sector,
            summary=_("某执法机关在办理%(t)s案件中，依法查明事实、收集证据，作出行政处罚决定。")
            % {"t": title},
            key_points=_("行政机关应当以事实为依据，处罚与违法行为的事实、性质、情节以及社会危害程度相当。"),
        )
        if k < published:
            services.guiding_publish(actor=w.reviewer, case=case, on=date(year, 3 + k % 9, 10))


def _supervisors(w: World, target: int) -> None:
    existing = SpecialSupervisor.objects.count()
    for k in range(existing, target):
        start = date(2021 + (k % 3), 1, 1)
        person = services.supervisor_appoint(
            actor=w.reviewer,
            unit=w.justice,
            name=NAMES[k % len(NAMES)] + ("" if k < len(NAMES) else str(k // len(NAMES))),
            affiliation=AFFILIATIONS[k % len(AFFILIATIONS)],
            term_start=start,
            term_end=date(start.year + 3, 12, 31),
            certificate_number=_("天特监证%(n)s号") % {"n": f"{k + 1:04d}"},
        )
        kinds = list(ActivityKind.values)
        for a in range(3):
            on = min(start + timedelta(days=40 + 97 * a + k), w.today)
            services.supervisor_activity_record(
                actor=w.reviewer,
                supervisor=person,
                kind=kinds[(k + a) % len(kinds)],
                on=on,
                description=_("参加%(k)s") % {"k": ActivityKind(kinds[(k + a) % len(kinds)]).label},
            )


SPECIAL = "道路交通安全和运输执法领域突出问题专项整治"
NOTICE_ENDS = ("issued", "overdue", "replied", "rectified", "not_rectified", "issued")


def _notices(w: World, target: int) -> None:
    existing = SupervisionNotice.objects.exclude(source=NoticeSource.FOLLOW_UP).count()
    if existing >= target:
        return
    failed = list(
        ReviewedFile.objects.filter(campaign__kind=CampaignKind.SAMPLE, grade="fail")
        .select_related("agency__org_unit")
        .order_by("pk")[:target]
    )
    corrected = list(
        DecisionFiling.objects.filter(status=FilingStatus.CORRECTION)
        .select_related("agency__org_unit")
        .order_by("-filed_on")[:target]
    )
    special = SpecialCampaign.objects.filter(title=SPECIAL).first() or services.special_create(
        actor=w.reviewer,
        unit=w.justice,
        title=SPECIAL,
        sector=Sector.TRANSPORT,
        start_on=date(2024, 3, 1),
        end_on=date(2024, 12, 31),
        description=_("聚焦道路交通安全和运输执法领域逐利执法、粗暴执法、机械执法等突出问题。"),
    )
    for k in range(existing, target):
        end = NOTICE_ENDS[k % len(NOTICE_ENDS)]
        days_ago = {"issued": 5 + k % 10, "overdue": 60 + k % 20}.get(end, 90 + k % 200)
        issued = w.today - timedelta(days=days_ago)
        source, file, filing = NoticeSource.CAMPAIGN, None, None
        if k % 3 == 0 and failed:
            file = failed[k % len(failed)]
            agency, source = file.agency, NoticeSource.FILE_REVIEW
        elif k % 3 == 1 and corrected:
            filing = corrected[k % len(corrected)]
            agency, source = filing.agency, NoticeSource.FILING
        else:
            agency = w.agencies[(k * 7) % len(w.agencies)]
        notice = services.notice_issue(
            actor=w.reviewer,
            agency=agency,
            source=source,
            problem=_("执法案卷存在程序瑕疵，告知程序不完整。"),
            legal_basis=_("《中华人民共和国行政处罚法》第四十四条"),
            requirement=_("补正告知程序，建立健全案卷归档制度，并书面报告整改情况。"),
            issued_on=issued,
            reviewed_file=file,
            filing=filing,
            special_campaign=special if source == NoticeSource.CAMPAIGN else None,
        )
        if end in ("replied", "rectified", "not_rectified"):
            notice = services.notice_reply(
                actor=w.recorders[agency.pk], notice=notice, reply=_("已完成整改，相关制度已建立。"),
                on=issued + timedelta(days=20),
            )  # fmt: skip
        if end == "rectified":
            services.notice_verify(
                actor=w.reviewer, notice=notice, rectified=True, on=issued + timedelta(days=30)
            )
        if end == "not_rectified":
            services.notice_verify(
                actor=w.reviewer, notice=notice, rectified=False, note=_("整改材料不完整，未建立台账。"),
                on=issued + timedelta(days=30),
            )  # fmt: skip


__all__ = ["NoticeStatus", "World", "run"]


def _selection(w: World, sample_campaign) -> None:
    """2022年度优劣质执法案件评选: a few excellent and failed sampled files nominated, scored by the
    Bureau's two reviewers and published (through the services)."""
    title = _("2022年度优劣质执法案件评选")
    if QualitySelection.objects.filter(title=title).exists():
        return
    selection = services.selection_create(actor=w.reviewer, unit=w.justice, title=title, year=2022)
    files = ReviewedFile.objects.filter(campaign=sample_campaign).select_related("agency__org_unit")
    picks = [(NominationKind.GOOD, f) for f in files.filter(grade="excellent").order_by("-score", "pk")[:6]]
    picks += [(NominationKind.BAD, f) for f in files.filter(grade="fail").order_by("score", "pk")[:4]]
    for k, (kind, f) in enumerate(picks):
        reason = (
            _("案卷规范，证据确实充分，裁量适当。")
            if kind == NominationKind.GOOD
            else _("存在否决项或严重程序问题。")
        )
        n = services.nominate(actor=w.reviewer, selection=selection, file=f, kind=kind, reason=reason)
        base = Decimal(95 if kind == NominationKind.GOOD else 40)
        services.panel_score(actor=w.reviewer, nomination=n, score=base - k % 3)
        if k % 5 != 4:  # one in five scored by one member only: not listed
            services.panel_score(actor=w.second, nomination=n, score=base - k % 4)
    if picks:
        services.selection_publish(actor=w.reviewer, selection=selection, on=date(2022, 12, 20))
