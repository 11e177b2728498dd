# ruff: noqa: S311 - deterministic demo data (random.Random(seed)), never security
"""Demo data of administrative reconsideration (行政复议) for `seed_demo`: `reconsideration.seed.seed`.

≥ 2,000 × scale cases received 2021 – today across 天水市人民政府 and the seven county governments,
each in its own jurisdiction, with a realistic mix of procedures, outcomes, hearings, committee
consultations, mediations, suspensions and extensions.

Two layers:
- a representative set of recent cases (about forty) driven step by step through the services — every
  status of the workflow, with its clocks, events, documents and gates exactly as officers produce them;
- the history in bulk (`bulk_create`), in the same shapes the services give: the status with its
  dates, the CaseEvents with their legal basis, the decision with its computed correction
  classification, opinions of the three tiers, hearings, committee meetings and consultations,
  mediation sessions, suspensions, and every statutory clock as a `deadlines.Deadline` whose due
  date and derivation come from the deadline engine (met / missed / cancelled / open as the services
  would leave it), numbered from the same per-body, per-year series as `numbering.py`.

Idempotent: a rerun creates only what is missing to reach 2,000 × scale cases (nothing on a second
run at the same scale). Deterministic: case i of the history is drawn from `random.Random(i)`.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role, UnitKind
from accounts.models import OrgUnit, User
from core import numbering as sequences
from core.demo import person_name
from core.exceptions import ApplicationError
from core.workflow import composed
from deadlines.calendar import add_workdays
from deadlines.choices import DeadlineEventKind, DeadlineStatus
from deadlines.engine import compute
from deadlines.models import Deadline, DeadlineEvent
from deadlines.rules import get_rule
from disputes import services as dispute_services
from disputes.choices import ActType, DisputeStatus, PartyKind, PartyRole, Sector
from disputes.models import Dispute, Party
from disputes.validators import id_number_check_char

from . import deadlines as clocks
from . import numbering, services
from .choices import (
    DIRECTLY_CORRECTING_OUTCOMES,
    CaseStatus,
    DecisionOutcome,
    DocumentKind,
    EventKind,
    IntakeChannel,
    LinkageKind,
    MediationResult,
    NoEvidenceDisposition,
    OpinionTier,
    Procedure,
    SimpleGround,
    SuspensionGround,
    TerminationGround,
    correction_kind,
)
from .models import (
    CaseDecision,
    CaseEvent,
    CaseOpinion,
    CaseSuspension,
    CommitteeConsultation,
    CommitteeMeeting,
    ExpertConsultant,
    Hearing,
    LinkageRecord,
    MediationSession,
    ReconsiderationCase,
)
from .selectors import body_staff

BASE_CASES = 2000
FIRST_YEAR = 2021
LAW = "《行政复议法》"
S = CaseStatus
OUT = DecisionOutcome

# Shares of the history (weights).
BODY_WEIGHTS = {
    "tsgov": 34,
    "qzgov": 14,
    "mjgov": 13,
    "qsgov": 7,
    "qagov": 9,
    "gggov": 9,
    "wsgov": 7,
    "zjcgov": 7,
}
ACT_WEIGHTS = {
    ActType.PENALTY: 34,
    ActType.INFO_DISCLOSURE: 12,
    ActType.LICENSING: 9,
    ActType.COERCION: 8,
    ActType.EXPROPRIATION: 9,
    ActType.CONFIRMATION: 7,
    ActType.NONPERFORMANCE: 8,
    ActType.BENEFIT: 5,
    ActType.AGREEMENT: 3,
    ActType.OTHER: 5,
}
SECTOR_BY_ACT = {
    ActType.PENALTY: [
        Sector.MARKET,
        Sector.TRANSPORT,
        Sector.ECOLOGY,
        Sector.FOOD_DRUG,
        Sector.PUBLIC_HEALTH,
    ],
    ActType.INFO_DISCLOSURE: [Sector.OTHER, Sector.NATURAL_RESOURCES, Sector.HOUSING],
    ActType.LICENSING: [Sector.MARKET, Sector.HOUSING, Sector.FOOD_DRUG],
    ActType.COERCION: [Sector.ECOLOGY, Sector.MARKET, Sector.HOUSING],
    ActType.EXPROPRIATION: [Sector.HOUSING, Sector.NATURAL_RESOURCES],
    ActType.CONFIRMATION: [Sector.LABOUR, Sector.NATURAL_RESOURCES],
    ActType.NONPERFORMANCE: [Sector.LABOUR, Sector.HOUSING, Sector.OTHER],
    ActType.BENEFIT: [Sector.LABOUR],
    ActType.AGREEMENT: [Sector.HOUSING, Sector.NATURAL_RESOURCES],
    ActType.OTHER: [Sector.OTHER],
}
DECISION_WEIGHTS = {
    OUT.UPHOLD: 50,
    OUT.DISMISS_REQUEST: 10,
    OUT.DISMISS_APPLICATION: 8,
    OUT.REVOKE: 9,
    OUT.PARTIAL_REVOKE: 2,
    OUT.CONFIRM_ILLEGAL: 5,
    OUT.ORDER_PERFORM: 4,
    OUT.VARY: 2,
    OUT.CONFIRM_VOID: 1,
    OUT.NO_EVIDENCE: 1,
    OUT.COMPENSATION: 1,
    OUT.AGREEMENT: 1,
}
ACT_LABELS = dict(ActType.choices)
COMPANIES = ["陇原", "麦积山", "伏羲", "秦州", "羲皇", "渭河", "天河", "关山", "陇东南", "大地湾"]
COMPANY_KINDS = [
    "商贸有限公司",
    "建筑工程有限公司",
    "农业开发合作社",
    "餐饮服务有限公司",
    "运输有限公司",
    "物业管理有限公司",
]
REQUESTS = {
    ActType.PENALTY: "请求撤销被申请人作出的行政处罚决定。",
    ActType.INFO_DISCLOSURE: "请求责令被申请人依法公开申请人申请的政府信息。",
    ActType.LICENSING: "请求撤销被申请人作出的不予许可决定，责令其重新作出许可决定。",
    ActType.COERCION: "请求确认被申请人实施的查封、扣押行为违法。",
    ActType.EXPROPRIATION: "请求撤销被申请人作出的房屋征收补偿决定。",
    ActType.CONFIRMATION: "请求撤销被申请人作出的工伤认定决定。",
    ActType.NONPERFORMANCE: "请求责令被申请人履行法定职责。",
    ActType.BENEFIT: "请求责令被申请人依法给付最低生活保障待遇。",
    ActType.AGREEMENT: "请求责令被申请人继续履行征收补偿协议。",
    ActType.OTHER: "请求撤销被申请人作出的行政行为。",
}
COMMON_REASONS = [
    "被申请人认定事实不清、证据不足，适用法律错误。",
    "被申请人未履行告知义务，剥夺了申请人陈述、申辩的权利，程序违法。",
]
REASONS_BY_ACT = {
    ActType.PENALTY: ["处罚明显不当，与违法行为的事实、性质、情节以及社会危害程度不相当。"],
    ActType.INFO_DISCLOSURE: ["被申请人以信息不存在为由不予公开，未尽检索义务。"],
    ActType.LICENSING: ["申请人提交的材料齐全、符合法定形式，被申请人不予许可没有法律依据。"],
    ActType.COERCION: ["查封、扣押的财物与违法行为无关，超出了必要限度。"],
    ActType.EXPROPRIATION: ["补偿标准明显低于同类房屋的市场价格。"],
    ActType.CONFIRMATION: ["申请人系在工作时间和工作场所内因工作原因受到伤害，应当认定为工伤。"],
    ActType.NONPERFORMANCE: ["申请人已依法提出申请，被申请人逾期未予答复。"],
    ActType.BENEFIT: ["申请人家庭人均收入低于当地最低生活保障标准，被申请人停发待遇没有依据。"],
    ActType.AGREEMENT: ["被申请人未按照征收补偿协议的约定支付补偿款。"],
    ActType.OTHER: [],
}


def _reason(rng: random.Random, act_type: str) -> str:
    return rng.choice(REASONS_BY_ACT.get(act_type, []) + COMMON_REASONS)


# =====================================================================================================
# Who and where
# =====================================================================================================


@dataclass
class Body:
    unit: OrgUnit
    respondents: list[OrgUnit]
    officers: list[User]
    head: User | None
    panel: list[User] = field(default_factory=list)  # hearing officers and committee members


@dataclass
class World:
    today: date
    bodies: dict[str, Body]
    head: User
    author: User
    ct_case: ContentType
    experts: dict[int, list[ExpertConsultant]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> World | None:
        units = {u.short_code: u for u in OrgUnit.objects.all()}
        head = User.objects.filter(username="fuyi_head").first()
        author = User.objects.filter(username="fuyi").first()
        if "tsgov" not in units or head is None or author is None:
            return None
        officers_by_unit: dict[int, list[User]] = defaultdict(list)
        for user in (
            User.objects.filter(is_active=True, groups__name=Role.RECON_OFFICER.value)
            .select_related("unit")
            .order_by("username")
        ):
            officers_by_unit[user.unit_id].append(user)
        bodies = {}
        for code in BODY_WEIGHTS:
            gov = units.get(code)
            if gov is None:
                continue
            children = list(OrgUnit.objects.filter(parent=gov, is_active=True).order_by("sort_order", "id"))
            respondents = [
                u
                for u in children
                if u.kind in (UnitKind.AGENCY, UnitKind.TOWNSHIP) or u.kind == UnitKind.GOVERNMENT
            ]
            justice = next((u for u in children if u.kind == UnitKind.JUSTICE), None)
            staff = officers_by_unit.get(justice.pk, []) if justice else []
            if not respondents:
                continue
            panel = [u for u in body_staff(gov) if u.pk != head.pk]
            bodies[code] = Body(
                unit=gov, respondents=respondents, officers=staff or [author], head=head, panel=panel
            )
        return cls(
            today=timezone.localdate(),
            bodies=bodies,
            head=head,
            author=author,
            ct_case=ContentType.objects.get_for_model(ReconsiderationCase),
        )


def _person_name(rng: random.Random) -> str:
    return person_name(rng)


def _id_number(rng: random.Random) -> str:
    region = rng.choice(["620502", "620503", "620521", "620522", "620523", "620524", "620525"])
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 52))
    first17 = f"{region}{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + id_number_check_char(first17)


def _party(rng: random.Random) -> dict:
    if rng.random() < 0.15:
        name = f"天水{rng.choice(COMPANIES)}{rng.choice(COMPANY_KINDS)}"
        return {
            "role": PartyRole.CLAIMANT,
            "kind": PartyKind.ORGANISATION,
            "name": name,
            "address": "甘肃省天水市",
        }
    return {
        "role": PartyRole.CLAIMANT,
        "kind": PartyKind.PERSON,
        "name": _person_name(rng),
        "id_number": _id_number(rng),
        "phone": f"139{rng.randrange(10**7, 10**8)}",
        "address": f"甘肃省天水市{rng.choice(DISTRICTS)}{rng.randrange(1, 200)}号",
    }


DISTRICTS = ["秦州区", "麦积区", "甘谷县", "秦安县"]
ACT_MARKS = {
    ActType.PENALTY: "罚",
    ActType.LICENSING: "许",
    ActType.COERCION: "强",
    ActType.EXPROPRIATION: "征",
    ActType.CONFIRMATION: "认",
    ActType.BENEFIT: "给",
    ActType.AGREEMENT: "协",
    ActType.INFO_DISCLOSURE: "公开",
    ActType.NONPERFORMANCE: "复",
    ActType.OTHER: "决",
}


def _act_number(respondent: OrgUnit, act_type: str, year: int, serial: int) -> str:
    """A plausible document number of the contested act, e.g. 天市场罚〔2025〕12号."""
    name = respondent.name
    place = name[0]
    for prefix in ("天水市", "张家川回族自治县", "秦州区", "麦积区", "清水县", "秦安县", "甘谷县", "武山县"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return f"{place}{name[:2]}{ACT_MARKS.get(act_type, '决')}〔{year}〕{serial}号"


def _weighted(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys], k=1)[0]


# =====================================================================================================
# Number series shared with numbering.py
# =====================================================================================================


class Serials:
    """Per (body, year, kind) serials taken in bulk; written back to the kernel sequences at the end."""

    def __init__(self):
        self.last: dict[tuple[int, int, str], int] = {}

    def take(self, body: OrgUnit, year: int, kind: str) -> int:
        key = (body.pk, year, kind)
        if key not in self.last:
            self.last[key] = sequences.last_serial(scope=numbering.scope(body), year=year, series=kind)
        self.last[key] += 1
        return self.last[key]

    def number(self, body: OrgUnit, year: int, kind: str) -> str:
        return numbering.format_number(body, year, self.take(body, year, kind), kind)

    def save(self):
        for (body_id, year, kind), value in self.last.items():
            sequences.advance_to(scope=numbering.scope(body_id), year=year, series=kind, value=value)


# =====================================================================================================
# Entry point
# =====================================================================================================


def seed(scale: int, stdout) -> None:
    # the services run in one transaction with the seeder's bulk rows (core.workflow.composed)
    with composed():
        _seed(scale, stdout)


def _seed(scale: int, stdout) -> None:
    world = World.load()
    if world is None:
        stdout.write(_("跳过行政复议演示数据：请先生成单位和演示用户。"))
        return
    target = BASE_CASES * scale
    existing = ReconsiderationCase.objects.count()
    if existing >= target:
        stdout.write(_("行政复议：已有 %(n)d 件案件，无需新增。") % {"n": existing})
        return
    _seed_experts(world)
    through_services = 0
    if existing == 0:
        through_services = _seed_through_services(world, stdout)
        _seed_linkage(world)
    remaining = target - ReconsiderationCase.objects.count()
    bulk = _seed_history(world, start=existing, count=remaining) if remaining > 0 else 0
    stdout.write(
        _("行政复议：经业务流程办理 %(a)d 件，批量生成历史案件 %(b)d 件，共 %(n)d 件。")
        % {"a": through_services, "b": bulk, "n": ReconsiderationCase.objects.count()}
    )


# =====================================================================================================
# Experts and 府院联动 (through the services, looked up by name first)
# =====================================================================================================

EXPERTS = [
    ("孙立群", "行政法学", "兰州大学法学院", "教授"),
    ("马文涛", "土地管理", "天水师范学院", "副教授"),
    ("杨海燕", "环境保护", "甘肃省环境科学研究院", "高级工程师"),
    ("刘建国", "劳动和社会保障", "甘肃天水律师事务所", "律师"),
    ("陈思远", "城乡规划", "天水市规划设计院", "高级工程师"),
    ("赵明德", "财税金融", "天水市注册会计师协会", "注册会计师"),
]


def _seed_experts(world: World) -> None:
    for code, body in world.bodies.items():
        have = {e.name for e in ExpertConsultant.objects.filter(org_unit=body.unit)}
        pool = EXPERTS if code == "tsgov" else EXPERTS[:3]
        for name, field_, org, title in pool:
            if name in have:
                continue
            services.expert_consultant_create(
                actor=world.head, body=body.unit, name=name, field=field_, organisation=org, title=title
            )
        world.experts[body.unit.pk] = list(
            ExpertConsultant.objects.filter(org_unit=body.unit, is_active=True)
        )


def _seed_linkage(world: World) -> None:
    city = world.bodies["tsgov"].unit
    partners = list(
        OrgUnit.objects.filter(kind__in=(UnitKind.COURT, UnitKind.PROCURATORATE)).order_by("path")
    )
    if not partners:
        return
    court = next((p for p in partners if p.kind == UnitKind.COURT), partners[0])
    procuratorate = next((p for p in partners if p.kind == UnitKind.PROCURATORATE), partners[0])
    records = [
        (
            LinkageKind.JOINT_MEETING,
            date(2023, 3, 16),
            "府院联动联席会议（2023年第一次）",
            [court, procuratorate],
            "",
        ),
        (
            LinkageKind.JOINT_DOCUMENT,
            date(2023, 6, 8),
            "关于建立行政争议实质性化解府院联动机制的意见",
            [court],
            "天政发〔2023〕41号",
        ),
        (LinkageKind.CASE_CONSULTATION, date(2024, 4, 22), "征收补偿类行政争议案件会商", [court], ""),
        (LinkageKind.REFERRAL, date(2024, 9, 12), "诉前调解委托移送行政复议机构化解", [court], ""),
        (
            LinkageKind.JOINT_MEETING,
            date(2025, 5, 20),
            "行政复议与行政审判工作联席会议",
            [court, procuratorate],
            "",
        ),
    ]
    have = set(LinkageRecord.objects.filter(org_unit=city).values_list("title", flat=True))
    for kind, on, title, parts, number in records:
        if title in have or on > world.today:
            continue
        services.linkage_create(
            actor=world.author,
            body=city,
            kind=kind,
            date=on,
            title=title,
            summary=_("通报行政复议、行政诉讼案件情况，研究行政争议实质性化解的重点问题。"),
            partners=parts,
            document_number=number,
        )


# =====================================================================================================
# Recent cases through the services
# =====================================================================================================


@dataclass(frozen=True)
class Scenario:
    body: str
    status: str
    ago: int  # working days between receipt and today
    act_type: str = ActType.PENALTY
    procedure: str = Procedure.ORDINARY
    outcome: str = OUT.UPHOLD
    major: bool = False
    technical: bool = False
    correction: bool = False
    reply: bool = True
    deemed: bool = False
    suspend_ground: str = ""
    extend: bool = False
    hearing: bool = False
    mediation: bool = False
    settlement: bool = False
    amount: int | None = None


SCENARIOS = [
    Scenario("tsgov", S.RECEIVED, 1),
    Scenario("tsgov", S.UNDER_REVIEW, 2),
    Scenario("tsgov", S.UNDER_REVIEW, 4, act_type=ActType.INFO_DISCLOSURE),
    Scenario("tsgov", S.UNDER_REVIEW, 8),  # review period expired: 视为受理 falls due (beat task)
    Scenario("tsgov", S.AWAITING_CORRECTION, 5, correction=True),
    Scenario("tsgov", S.ABANDONED, 30, correction=True),
    Scenario("tsgov", S.REJECTED, 12),
    Scenario("tsgov", S.ACCEPTED, 4),
    Scenario("tsgov", S.ACCEPTED, 14, deemed=True),
    Scenario("tsgov", S.IN_TRIAL, 12),
    Scenario("tsgov", S.IN_TRIAL, 20, reply=False),
    Scenario("tsgov", S.IN_TRIAL, 10, procedure=Procedure.SIMPLE, act_type=ActType.INFO_DISCLOSURE),
    Scenario("tsgov", S.IN_TRIAL, 30, extend=True, major=True, hearing=True),
    Scenario("tsgov", S.SUSPENDED, 25, suspend_ground=SuspensionGround.MEDIATION),
    Scenario("tsgov", S.DRAFTED, 28, act_type=ActType.EXPROPRIATION),
    Scenario(
        "tsgov",
        S.PENDING_APPROVAL,
        35,
        major=True,
        hearing=True,
        act_type=ActType.EXPROPRIATION,
        outcome=OUT.REVOKE,
    ),
    Scenario("tsgov", S.PENDING_APPROVAL, 33, technical=True, outcome=OUT.CONFIRM_ILLEGAL),
    Scenario("tsgov", S.DECIDED, 36, outcome=OUT.REVOKE, correction=True),
    Scenario("tsgov", S.DECIDED, 38, outcome=OUT.NO_EVIDENCE, reply=False),
    Scenario("tsgov", S.MEDIATED, 30, mediation=True),
    Scenario("tsgov", S.TERMINATED, 26, settlement=True),
    Scenario("tsgov", S.CLOSED, 40, outcome=OUT.UPHOLD),
    Scenario("qzgov", S.UNDER_REVIEW, 1),
    Scenario("qzgov", S.AWAITING_CORRECTION, 6, correction=True),
    Scenario("qzgov", S.IN_TRIAL, 9, procedure=Procedure.SIMPLE, amount=2000),
    Scenario("qzgov", S.SUSPENDED, 30, suspend_ground=SuspensionGround.APPLICANT_DIED),
    Scenario("qzgov", S.DRAFTED, 25),
    Scenario("qzgov", S.PENDING_APPROVAL, 32, outcome=OUT.VARY),
    Scenario("qzgov", S.DECIDED, 40, outcome=OUT.UPHOLD),
    Scenario("mjgov", S.UNDER_REVIEW, 3, act_type=ActType.LICENSING),
    Scenario("mjgov", S.IN_TRIAL, 15, act_type=ActType.NONPERFORMANCE),
    Scenario("mjgov", S.PENDING_APPROVAL, 34, outcome=OUT.ORDER_PERFORM, act_type=ActType.NONPERFORMANCE),
    Scenario("mjgov", S.MEDIATED, 28, mediation=True, act_type=ActType.COERCION),
    Scenario("qagov", S.IN_TRIAL, 18),
    Scenario("gggov", S.DECIDED, 39, outcome=OUT.CONFIRM_ILLEGAL),
    Scenario("wsgov", S.UNDER_REVIEW, 2),
    Scenario("zjcgov", S.IN_TRIAL, 14, act_type=ActType.CONFIRMATION),
    Scenario("qsgov", S.DRAFTED, 24),
]

TRIAL_ORDER = [S.IN_TRIAL, S.SUSPENDED, S.DRAFTED, S.PENDING_APPROVAL, S.DECIDED, S.CLOSED, S.ARCHIVED]


def _seed_through_services(world: World, stdout) -> int:
    done = 0
    for i, scenario in enumerate(SCENARIOS):
        body = world.bodies.get(scenario.body)
        if body is None:
            continue
        try:
            with composed():
                _drive(world, body, scenario, random.Random(10_000 + i))
            done += 1
        except ApplicationError as exc:  # a calendar edge on an unusual "today": skip that one
            stdout.write(_("跳过演示案件（%(status)s）：%(why)s") % {"status": scenario.status, "why": exc})
    return done


def _wd(d: date, n: int) -> date:
    return add_workdays(d, n)


def _drive(world: World, body: Body, sc: Scenario, rng: random.Random) -> ReconsiderationCase:
    today = world.today
    officer = body.officers[0]
    head = world.head
    respondent = rng.choice(
        [r for r in body.respondents if r.kind != UnitKind.GOVERNMENT] or body.respondents
    )
    received = _wd(today, -sc.ago)
    knew = received - timedelta(days=rng.randrange(5, 40))
    act_date = knew - timedelta(days=rng.randrange(0, 5))
    dispute = dispute_services.dispute_create(
        actor=officer,
        respondent=respondent,
        act_type=sc.act_type,
        sector=rng.choice(SECTOR_BY_ACT[sc.act_type]),
        act_date=act_date,
        act_document_number=_act_number(respondent, sc.act_type, act_date.year, rng.randrange(1, 300)),
        summary=REQUESTS[sc.act_type],
        parties=[_party(rng)],
    )
    simple_ground = ""
    if sc.procedure == Procedure.SIMPLE:
        simple_ground = (
            SimpleGround.INFO_DISCLOSURE
            if sc.act_type == ActType.INFO_DISCLOSURE
            else SimpleGround.SMALL_AMOUNT
        )
    case = services.case_register(
        actor=officer,
        body=body.unit,
        dispute=dispute,
        channel=rng.choice([IntakeChannel.IN_PERSON, IntakeChannel.MAIL, IntakeChannel.ONLINE]),
        received_on=received,
        knew_of_act_on=knew,
        requests=REQUESTS[sc.act_type],
        facts_and_reasons=_reason(rng, sc.act_type),
        act_amount=Decimal(sc.amount) if sc.amount is not None else None,
        is_major_difficult_complex=sc.major,
        is_highly_technical=sc.technical,
        hearing_requested=sc.hearing and not sc.major,
        handler=None if sc.status == S.RECEIVED else officer,
    )
    if sc.status in (S.RECEIVED, S.UNDER_REVIEW):
        return case
    start = received
    if sc.correction:
        services.case_request_correction(
            case=case,
            actor=officer,
            items="1. 申请人身份证明复印件；\n2. 被申请复议的行政行为的相关材料。",
            notice_sent_on=_wd(received, 1),
            applicant_received_on=_wd(received, 2),
        )
        if sc.status == S.AWAITING_CORRECTION:
            return case
        if sc.status == S.ABANDONED:
            services.case_deem_abandoned(case=case, today=today)
            return case
        start = _wd(received, 4)
        services.case_receive_correction(case=case, actor=officer, received_on=start)
    if sc.status == S.REJECTED:
        services.case_reject(
            case=case,
            actor=officer,
            rejected_on=_wd(start, 3),
            reasoning="申请人与被申请复议的行政行为没有利害关系，不符合《行政复议法》第三十条第一款第二项规定的受理条件。",
            document_number=numbering.next_document_number(
                body=body.unit, year=_wd(start, 3).year, kind=DocumentKind.NOT_ACCEPTED
            ),
        )
        return case
    if sc.deemed:
        services.case_deem_accepted(case=case, today=today)
    else:
        services.case_accept(
            case=case,
            actor=officer,
            accepted_on=_wd(start, 2),
            procedure=sc.procedure,
            simple_ground=simple_ground,
        )
    case.refresh_from_db()
    accepted = case.accepted_on
    if sc.status == S.ACCEPTED:
        return case
    services.case_send_copy(
        case=case, actor=officer, sent_on=_wd(accepted, 1), respondent_received_on=_wd(accepted, 2)
    )
    if sc.reply:
        services.case_receive_reply(
            case=case, actor=officer, received_on=_wd(accepted, 6), with_evidence=True
        )
    if sc.extend:
        services.case_extend(
            case=case,
            actor=officer,
            days=30,
            reference=numbering.next_document_number(
                body=body.unit, year=today.year, kind=DocumentKind.EXTENSION_NOTICE
            ),
            reason="案情复杂，需要进一步调查核实。",
            approved_by=head,
        )
    if sc.hearing:
        hearing_day = _wd(accepted, 14)
        if hearing_day <= today:
            panel = [u for u in body.panel if u.pk != officer.pk][:2]
            if len(panel) >= 2:
                hearing = services.hearing_schedule(
                    case=case,
                    actor=officer,
                    date=hearing_day,
                    place="行政复议听证室",
                    matters="被申请人作出行政行为的事实和证据",
                    presiding=head,
                    officers=panel,
                    clerk=officer,
                    notice_sent_on=_wd(hearing_day, -6),
                    notice_number=numbering.next_document_number(
                        body=body.unit, year=hearing_day.year, kind=DocumentKind.HEARING_NOTICE
                    ),
                )
                services.hearing_record(
                    hearing=hearing,
                    actor=officer,
                    respondent_head_attended=True,
                    record_summary="双方围绕事实认定和法律适用进行了陈述和辩论。",
                )
    if sc.major or sc.technical:
        meeting_day = _wd(accepted, 16)
        if meeting_day <= today:
            meeting = services.committee_meeting_create(
                actor=officer,
                body=body.unit,
                date=meeting_day,
                topic="行政复议委员会案件咨询会",
                place="行政复议委员会会议室",
                chaired_by=head,
                members=[head, *body.panel[:4]],
                experts=world.experts.get(body.unit.pk, [])[:2],
            )
            corrected = sc.outcome in DIRECTLY_CORRECTING_OUTCOMES
            services.committee_consult(
                meeting=meeting,
                case=case,
                actor=officer,
                question="被申请人作出的行政行为是否合法、适当",
                opinion="委员会经讨论认为，被申请人作出的行政行为"
                + ("主要事实不清、证据不足。" if corrected else "认定事实清楚，适用依据正确。"),
                majority_view="建议撤销原行政行为" if corrected else "建议维持原行政行为",
                votes_for=5,
                votes_against=1,
            )
    if sc.suspend_ground:
        services.case_suspend(
            case=case,
            actor=officer,
            ground=sc.suspend_ground,
            suspended_on=_wd(accepted, 8),
            reason="当事人正在协商和解。"
            if sc.suspend_ground == SuspensionGround.MEDIATION
            else "申请人死亡，其近亲属尚未确定是否参加。",
            notice_number=numbering.next_document_number(
                body=body.unit, year=today.year, kind=DocumentKind.SUSPENSION_NOTICE
            ),
        )
        return case
    if sc.mediation or sc.settlement:
        services.mediation_session_record(
            case=case,
            actor=officer,
            held_on=_wd(accepted, 10),
            participants_note="申请人、被申请人负责人、承办人",
            result=MediationResult.AGREED if sc.mediation else MediationResult.SETTLED,
            note="经释法说理，双方达成一致。",
        )
        if sc.mediation:
            services.case_conclude_by_mediation(
                case=case,
                actor=officer,
                concluded_on=_wd(accepted, 12),
                agreement_summary="被申请人将罚款数额变更为原数额的二分之一；申请人撤回其他复议请求。",
                agency_changed_act=True,
                document_number=numbering.next_document_number(
                    body=body.unit, year=_wd(accepted, 12).year, kind=DocumentKind.MEDIATION
                ),
            )
        else:
            services.case_terminate(
                case=case,
                actor=head,
                ground=TerminationGround.WITHDRAWN,
                terminated_on=_wd(accepted, 12),
                reasoning="双方自愿达成和解，被申请人撤销原决定，申请人撤回行政复议申请。",
                is_settlement=True,
                agency_changed_act=True,
                document_number=numbering.next_document_number(
                    body=body.unit, year=_wd(accepted, 12).year, kind=DocumentKind.TERMINATION
                ),
            )
        return case
    if sc.status == S.IN_TRIAL:
        return case
    drafted_on = min(_wd(accepted, 20), _wd(today, -3))
    services.case_set_mediation(
        case=case,
        actor=officer,
        attempted=False,
        reason_not_attempted="被申请人认为原行政行为合法，不同意调解。",
        on=drafted_on,
    )
    services.opinion_draft(
        case=case,
        actor=officer,
        text="经审查，建议" + DecisionOutcome(sc.outcome).label.split("（")[0] + "。",
        proposed_outcome=sc.outcome,
        on=drafted_on,
    )
    if sc.status == S.DRAFTED:
        return case
    services.opinion_review(
        case=case, actor=head, text="同意承办人意见。", agrees=True, on=_wd(drafted_on, 1)
    )
    services.case_submit_for_approval(case=case, actor=officer, on=_wd(drafted_on, 2))
    if sc.status == S.PENDING_APPROVAL:
        return case
    services.case_decide(
        case=case,
        actor=head,
        outcome=sc.outcome,
        decided_on=today,
        reasoning="被申请人作出的行政行为主要事实不清、证据不足。"
        if sc.outcome in DIRECTLY_CORRECTING_OUTCOMES
        else "被申请人作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。",
        legal_basis=f"{LAW}第六十一条",
        signed_by=head,
        no_evidence_disposition=NoEvidenceDisposition.REVOKE if sc.outcome == OUT.NO_EVIDENCE else "",
        order_redo=sc.outcome == OUT.REVOKE,
        document_number=numbering.next_document_number(
            body=body.unit, year=today.year, kind=DocumentKind.DECISION
        ),
    )
    if sc.status == S.DECIDED:
        return case
    services.case_close(case=case, actor=officer, closed_on=today, served_on=today)
    return case


# =====================================================================================================
# The history in bulk
# =====================================================================================================


@dataclass
class Plan:
    """One historical case: every date and fact the services would have recorded."""

    index: int
    body: Body
    respondent: OrgUnit
    officer: User
    act_type: str
    sector: str
    received: date
    knew: date
    act_date: date
    procedure: str
    simple_ground: str
    amount: Decimal | None
    major: bool
    technical: bool
    status: str
    correction: tuple[date, date, date] | None = None  # sent, applicant received, materials received
    accepted: date | None = None
    deemed: bool = False
    copy_sent: date | None = None
    copy_received: date | None = None
    reply: date | None = None
    suspension: tuple[str, date, date | None] | None = None
    extension_days: int = 0
    extension_on: date | None = None
    hearing: date | None = None
    committee: date | None = None
    mediation_attempted: bool = False
    mediation_result: str = ""
    outcome: str = ""
    concluded: date | None = None
    served: date | None = None
    closed: date | None = None
    archived: date | None = None
    party: dict = field(default_factory=dict)
    reason: str = ""


def _plan(world: World, index: int, bodies: list[str]) -> Plan:
    rng = random.Random(index)
    today = world.today
    body = world.bodies[_weighted(rng, {k: BODY_WEIGHTS[k] for k in bodies})]
    respondent = rng.choice(body.respondents)
    act_type = _weighted(rng, ACT_WEIGHTS)
    # Receipt: spread over FIRST_YEAR .. today, a little more in recent years; the last 60 days are
    # left mostly to active cases.
    span = (today - date(FIRST_YEAR, 1, 5)).days
    received = date(FIRST_YEAR, 1, 5) + timedelta(days=int(span * (rng.random() ** 0.85)))
    received = min(received, today - timedelta(days=1))
    knew = received - timedelta(days=rng.randrange(3, 55))
    act_date = knew - timedelta(days=rng.randrange(0, 6))
    amount = None
    if act_type == ActType.PENALTY:
        amount = Decimal(rng.choice([200, 500, 1000, 2000, 3000, 5000, 10000, 20000, 50000, 200000]))
    simple_ground = ""
    if act_type == ActType.INFO_DISCLOSURE and rng.random() < 0.7:
        simple_ground = SimpleGround.INFO_DISCLOSURE
    elif amount is not None and amount <= 3000 and rng.random() < 0.6:
        simple_ground = SimpleGround.SMALL_AMOUNT
    procedure = Procedure.SIMPLE if simple_ground else Procedure.ORDINARY
    major = procedure == Procedure.ORDINARY and (
        rng.random() < (0.3 if act_type in (ActType.EXPROPRIATION, ActType.AGREEMENT) else 0.06)
    )
    technical = procedure == Procedure.ORDINARY and not major and rng.random() < 0.05
    plan = Plan(
        index=index,
        body=body,
        respondent=respondent,
        officer=rng.choice(body.officers),
        act_type=act_type,
        sector=rng.choice(SECTOR_BY_ACT[act_type]),
        received=received,
        knew=knew,
        act_date=act_date,
        procedure=procedure,
        simple_ground=simple_ground,
        amount=amount,
        major=major,
        technical=technical,
        status=S.RECEIVED,
        party=_party(rng),
        reason=_reason(rng, act_type),
    )
    age = (today - received).days
    start = received
    if rng.random() < 0.12:  # 补正
        sent, got = _wd(received, rng.randrange(1, 5)), None
        got = _wd(sent, rng.randrange(1, 3))
        if age < 20 and rng.random() < 0.6:
            plan.correction = (sent, got, None)
            plan.status = S.AWAITING_CORRECTION
            return _not_after_today(plan, today)
        if rng.random() < 0.15 and _wd(got, 10) + timedelta(days=1) < today:
            plan.correction = (sent, got, None)
            plan.status = S.ABANDONED
            plan.concluded = _wd(got, 10) + timedelta(days=1)
            plan.closed = plan.concluded + timedelta(days=rng.randrange(1, 10))
            plan.status = S.CLOSED
            return _not_after_today(plan, today)
        start = _wd(got, rng.randrange(2, 9))
        plan.correction = (sent, got, start)
    if age < 8 and rng.random() < 0.8:
        plan.status = S.UNDER_REVIEW if rng.random() < 0.85 else S.RECEIVED
        return _not_after_today(plan, today)
    if rng.random() < 0.08:  # 不予受理
        plan.status = S.REJECTED
        plan.outcome = OUT.NOT_ACCEPTED
        plan.concluded = _wd(start, rng.randrange(2, 6))
        plan.served = plan.concluded + timedelta(days=rng.randrange(1, 6))
        plan.closed = plan.served + timedelta(days=rng.randrange(0, 10))
        plan.status = S.CLOSED
        return _not_after_today(plan, today)
    if rng.random() < 0.03:
        plan.deemed = True
        plan.accepted = _wd(start, 5)
        plan.procedure, plan.simple_ground = Procedure.ORDINARY, ""
    else:
        plan.accepted = _wd(start, rng.randrange(1, 6))
    simple = plan.procedure == Procedure.SIMPLE
    plan.copy_sent = _wd(
        plan.accepted, rng.randrange(1, 3 if simple else 7) + (1 if rng.random() < 0.05 else 0)
    )
    plan.copy_received = _wd(plan.copy_sent, rng.randrange(1, 3))
    if rng.random() > 0.03:
        plan.reply = _wd(plan.copy_received, rng.randrange(2, 5 if simple else 10))
    limit = 30 if simple else 60
    if not simple and rng.random() < 0.12:
        plan.extension_days = rng.choice([15, 20, 30])
    if not simple and rng.random() < 0.06:
        ground = rng.choice(
            [SuspensionGround.MEDIATION, SuspensionGround.OTHER_CASE, SuspensionGround.FORCE_MAJEURE]
        )
        suspended = plan.accepted + timedelta(days=rng.randrange(10, 30))
        plan.suspension = (ground, suspended, suspended + timedelta(days=rng.randrange(10, 45)))
    suspended_days = (plan.suspension[2] - plan.suspension[1]).days if plan.suspension else 0
    decision_span = limit + plan.extension_days + suspended_days
    if plan.extension_days:
        plan.extension_on = plan.accepted + timedelta(days=rng.randrange(40, 55))
    base = plan.reply or plan.copy_received
    if plan.major:
        plan.hearing = _wd(base, rng.randrange(5, 12))
    if plan.major or plan.technical:
        plan.committee = (plan.hearing or base) + timedelta(days=rng.randrange(3, 14))
    # How the case ended (or where it stands).
    plan.mediation_attempted = rng.random() < 0.55
    fate = rng.random()
    if fate < 0.09:
        plan.outcome = OUT.MEDIATION
        plan.mediation_attempted = True
        plan.mediation_result = MediationResult.AGREED
    elif fate < 0.17:
        plan.outcome = OUT.TERMINATION
        plan.mediation_attempted = True
        plan.mediation_result = MediationResult.SETTLED
    else:
        plan.outcome = _weighted(rng, DECISION_WEIGHTS)
        if plan.outcome == OUT.NO_EVIDENCE:
            plan.reply = None
        elif plan.reply is None:
            plan.reply = _wd(plan.copy_received, 3)
        if plan.mediation_attempted:
            plan.mediation_result = MediationResult.FAILED
    on_time = rng.random() < 0.96
    concluded = plan.accepted + timedelta(
        days=rng.randrange(20, max(21, decision_span - 1))
        if on_time
        else decision_span + rng.randrange(2, 20)
    )
    concluded = max(concluded, (plan.reply or plan.copy_received) + timedelta(days=5))
    if plan.outcome in (OUT.MEDIATION, OUT.TERMINATION):
        concluded = plan.accepted + timedelta(days=rng.randrange(15, max(16, limit - 5)))
        plan.extension_days, plan.extension_on, plan.hearing, plan.committee = 0, None, None, None
    for attr in ("hearing", "committee"):
        value = getattr(plan, attr)
        if value is not None and value >= concluded:
            setattr(plan, attr, None)
    if plan.extension_on and plan.extension_on >= concluded:
        plan.extension_days, plan.extension_on = 0, None
    if plan.suspension and plan.suspension[2] >= concluded:
        plan.suspension = None
    if (
        plan.major
        and (plan.hearing is None or plan.committee is None)
        and plan.outcome not in (OUT.MEDIATION, OUT.TERMINATION)
    ):
        # Arts 50, 52: a major case is decided only after its hearing and consultation.
        plan.hearing = _wd(base, 5)
        plan.committee = plan.hearing + timedelta(days=3)
        concluded = max(concluded, plan.committee + timedelta(days=7))
    if plan.technical and plan.committee is None and plan.outcome not in (OUT.MEDIATION, OUT.TERMINATION):
        plan.committee = base + timedelta(days=5)
        concluded = max(concluded, plan.committee + timedelta(days=7))
    if concluded >= today:
        # Still being handled today.
        plan.outcome = ""
        plan.mediation_result = "" if not plan.mediation_attempted else MediationResult.CONTINUING
        stage = rng.random()
        if plan.suspension and plan.suspension[1] < today and rng.random() < 0.3:
            plan.suspension = (plan.suspension[0], plan.suspension[1], None)
            plan.status = S.SUSPENDED
        elif plan.copy_sent > today:
            plan.status = S.ACCEPTED
        elif stage < 0.6:
            plan.status = S.IN_TRIAL
        elif stage < 0.85:
            plan.status = S.DRAFTED
        else:
            plan.status = S.PENDING_APPROVAL
        if plan.suspension and plan.suspension[2] is not None and plan.suspension[2] >= today:
            plan.suspension = None
        return _not_after_today(plan, today)
    plan.concluded = concluded
    plan.status = {OUT.MEDIATION: S.MEDIATED, OUT.TERMINATION: S.TERMINATED}.get(plan.outcome, S.DECIDED)
    plan.served = concluded + timedelta(days=rng.randrange(1, 8))
    if plan.served < today - timedelta(days=10):
        plan.status = S.CLOSED
        plan.closed = plan.served + timedelta(days=rng.randrange(0, 10))
        if plan.closed < today - timedelta(days=120) and rng.random() < 0.8:
            plan.status = S.ARCHIVED
            plan.archived = plan.closed + timedelta(days=rng.randrange(10, 60))
    return _not_after_today(plan, today)


def _not_after_today(plan: Plan, today: date) -> Plan:
    """Drop every step that would lie in the future (the plan stops at today's stage)."""
    for attr in (
        "copy_sent",
        "copy_received",
        "reply",
        "hearing",
        "committee",
        "extension_on",
        "served",
        "closed",
        "archived",
    ):
        value = getattr(plan, attr)
        if value is not None and value > today:
            setattr(plan, attr, None)
    if plan.copy_sent is None:
        plan.copy_received = plan.reply = None
        if plan.status in (S.IN_TRIAL, S.DRAFTED, S.PENDING_APPROVAL, S.SUSPENDED):
            plan.status = S.ACCEPTED
            plan.suspension = None
    if plan.copy_received is None:
        plan.reply = None
    if plan.extension_on is None:
        plan.extension_days = 0
    if plan.status == S.ARCHIVED and plan.archived is None:
        plan.status = S.CLOSED
    if plan.status == S.CLOSED and plan.closed is None:
        plan.status = {
            OUT.MEDIATION: S.MEDIATED,
            OUT.TERMINATION: S.TERMINATED,
            OUT.NOT_ACCEPTED: S.REJECTED,
        }.get(plan.outcome, S.ABANDONED if plan.outcome == "" else S.DECIDED)
    return plan


class Bulk:
    """Rows collected for one batch and written with bulk_create."""

    def __init__(self, world: World):
        self.world = world
        self.serials = Serials()
        self.meetings: dict[tuple[int, date], CommitteeMeeting] = {}

    # --- clocks ------------------------------------------------------------------------------------

    def clock(
        self,
        plan: Plan,
        case_number: str,
        rule_code: str,
        trigger: date,
        *,
        closed: date | None = None,
        cancelled: date | None = None,
        cancel_reason: str = "",
        extension_days: int = 0,
        extension_on: date | None = None,
        suspensions=(),
        open_suspended_on: date | None = None,
    ):
        result = compute(rule_code, trigger, extension_days=extension_days, suspensions=suspensions)
        deadline = Deadline(
            content_type=self.world.ct_case,
            org_unit=plan.body.unit,
            rule_code=rule_code,
            subject=f"{case_number} {get_rule(rule_code).label}",
            trigger_date=trigger,
            raw_end=result.raw_end,
            due_date=result.due,
            extension_days=extension_days,
            trace=[str(x) for x in result.trace],
            calendar_verified=result.calendar_verified,
        )
        events = [
            DeadlineEvent(
                kind=DeadlineEventKind.START, date=trigger, actor=plan.officer, due_after=result.due
            )
        ]
        for suspended_on, resumed_on in suspensions:
            events.append(
                DeadlineEvent(
                    kind=DeadlineEventKind.SUSPEND, date=suspended_on, actor=plan.officer, reason="中止审理"
                )
            )
            events.append(
                DeadlineEvent(
                    kind=DeadlineEventKind.RESUME,
                    date=resumed_on,
                    days=(resumed_on - suspended_on).days,
                    actor=plan.officer,
                    due_after=result.due,
                )
            )
        if extension_days:
            before = compute(rule_code, trigger, suspensions=suspensions).due
            events.append(
                DeadlineEvent(
                    kind=DeadlineEventKind.EXTEND,
                    date=extension_on,
                    days=extension_days,
                    reference=self.serials.number(
                        plan.body.unit, extension_on.year, DocumentKind.EXTENSION_NOTICE
                    ),
                    reason="案情复杂，不能在规定期限内作出决定。",
                    actor=plan.officer,
                    approved_by=self.world.head,
                    due_before=before,
                    due_after=result.due,
                )
            )
        if open_suspended_on is not None:
            deadline.is_suspended = True
            events.append(
                DeadlineEvent(
                    kind=DeadlineEventKind.SUSPEND,
                    date=open_suspended_on,
                    actor=plan.officer,
                    reason="中止审理",
                )
            )
        if cancelled is not None:
            deadline.status = DeadlineStatus.CANCELLED
            deadline.closed_on = cancelled
            events.append(
                DeadlineEvent(
                    kind=DeadlineEventKind.CANCEL, date=cancelled, actor=plan.officer, reason=cancel_reason
                )
            )
        elif closed is not None:
            met = closed <= result.due
            deadline.status = DeadlineStatus.MET if met else DeadlineStatus.MISSED
            deadline.closed_on = closed
            events.append(
                DeadlineEvent(
                    kind=DeadlineEventKind.MEET if met else DeadlineEventKind.MISS,
                    date=closed,
                    actor=plan.officer,
                )
            )
        return deadline, events


def _seed_history(world: World, *, start: int, count: int, batch: int = 250) -> int:
    bodies = [code for code in BODY_WEIGHTS if code in world.bodies]
    made = 0
    index = start
    while made < count:
        n = min(batch, count - made)
        plans = [_plan(world, index + k, bodies) for k in range(n)]
        with transaction.atomic():
            _write(world, plans)
        index += n
        made += n
    return made


def _dispute_numbers(n: int, year: int) -> list[str]:
    serials = sequences.reserve(scope=dispute_services.NUMBER_SCOPE, year=year, count=n)
    return [dispute_services.format_dispute_number(year, v) for v in serials]


def _write(world: World, plans: list[Plan]) -> None:
    bulk = Bulk(world)
    today = world.today
    head = world.head
    # 1. Disputes and their claimants (numbered in this year's dispute series, like dispute_create).
    numbers = _dispute_numbers(len(plans), today.year)
    disputes = []
    for plan, number in zip(plans, numbers, strict=True):
        concluded = plan.status in (
            S.DECIDED,
            S.MEDIATED,
            S.TERMINATED,
            S.CLOSED,
            S.ARCHIVED,
            S.REJECTED,
            S.ABANDONED,
        )
        resolved = (
            plan.outcome in (OUT.MEDIATION, OUT.TERMINATION) or plan.outcome in DIRECTLY_CORRECTING_OUTCOMES
        )
        status = DisputeStatus.OPEN
        if concluded and plan.concluded:
            status = DisputeStatus.RESOLVED if resolved else DisputeStatus.CLOSED
        disputes.append(
            Dispute(
                number=number,
                org_unit=plan.respondent,
                created_by=plan.officer,
                respondent=plan.respondent,
                act_type=plan.act_type,
                sector=plan.sector,
                act_date=plan.act_date,
                act_document_number=_act_number(
                    plan.respondent, plan.act_type, plan.act_date.year, plan.index % 300 + 1
                ),
                summary=REQUESTS[plan.act_type],
                status=status,
                resolved_at=plan.concluded if status != DisputeStatus.OPEN else None,
                resolved_substantively=True
                if status == DisputeStatus.RESOLVED and plan.outcome in (OUT.MEDIATION, OUT.TERMINATION)
                else None,
            )
        )
    Dispute.objects.bulk_create(disputes)
    Party.objects.bulk_create(
        [Party(dispute=d, created_by=p.officer, **p.party) for p, d in zip(plans, disputes, strict=True)]
    )

    # 2. Cases.
    cases = []
    for plan, dispute in zip(plans, disputes, strict=True):
        year = plan.received.year
        serial = bulk.serials.take(plan.body.unit, year, DocumentKind.CASE)
        period = services.application_period(knew_of_act_on=plan.knew, submitted_on=plan.received)
        correction = plan.correction
        case = ReconsiderationCase(
            number=numbering.format_number(plan.body.unit, year, serial),
            year=year,
            serial=serial,
            org_unit=plan.body.unit,
            created_by=plan.officer,
            dispute=dispute,
            handler=None if plan.status == S.RECEIVED else plan.officer,
            respondent=plan.respondent,
            act_type=plan.act_type,
            act_date=plan.act_date,
            act_document_number=dispute.act_document_number,
            act_amount=plan.amount,
            requests=REQUESTS[plan.act_type],
            facts_and_reasons=plan.reason,
            channel=random.Random(plan.index * 7).choice(IntakeChannel.values[:3]),
            submitted_on=plan.received,
            received_on=plan.received,
            knew_of_act_on=plan.knew,
            application_due_on=period.due,
            application_trace=period.trace,
            is_late=period.late,
            delay_reason="申请人因住院治疗耽误申请期限。" if period.late else "",
            correction_items="1. 申请人身份证明；\n2. 行政行为的有关材料。" if correction else "",
            correction_notice_sent_on=correction[0] if correction else None,
            correction_notice_received_on=correction[1] if correction else None,
            correction_received_on=correction[2] if correction else None,
            accepted_on=plan.accepted,
            is_deemed_accepted=plan.deemed,
            procedure=plan.procedure,
            simple_ground=plan.simple_ground,
            is_major_difficult_complex=plan.major,
            is_highly_technical=plan.technical,
            copy_sent_on=plan.copy_sent,
            respondent_received_copy_on=plan.copy_received,
            reply_received_on=plan.reply,
            reply_with_evidence=True if plan.reply else None,
            mediation_attempted=plan.mediation_attempted,
            mediation_not_attempted_reason=""
            if plan.mediation_attempted
            or plan.status not in (S.DRAFTED, S.PENDING_APPROVAL, S.DECIDED, S.CLOSED, S.ARCHIVED)
            else "被申请人不同意调解。",
            status=plan.status,
            concluded_on=plan.concluded,
            closed_on=plan.closed,
            archived_on=plan.archived,
            archive_number=f"FY-{plan.archived.year}-{serial:04d}" if plan.archived else "",
        )
        cases.append(case)
    ReconsiderationCase.objects.bulk_create(cases)

    # 3. Everything hanging on the case.
    events, decisions, opinions, suspensions, sessions, hearings, consultations = [], [], [], [], [], [], []
    hearing_panels = []
    clock_rows: list[tuple[Deadline, list[DeadlineEvent], User | None]] = []
    for plan, case in zip(plans, cases, strict=True):
        body, officer, number = plan.body.unit, plan.officer, case.number

        def ev(kind, on, note="", basis="", frm="", to="", actor=officer, _case=case):
            events.append(
                CaseEvent(
                    case=_case,
                    kind=kind,
                    date=on,
                    actor=actor,
                    note=note,
                    basis=basis,
                    from_status=frm,
                    to_status=to,
                )
            )

        ev(
            EventKind.REGISTER,
            plan.received,
            f"申请期限届满日 {case.application_due_on:%Y-%m-%d}；在申请期限内。",
            f"{LAW}第二十条、第二十二条",
            to=S.RECEIVED,
        )
        if plan.status != S.RECEIVED:
            ev(
                EventKind.START_REVIEW,
                plan.received,
                f"承办人：{officer.display_name}",
                f"{LAW}第三十条第一款",
                S.RECEIVED,
                S.UNDER_REVIEW,
            )
        review_trigger = plan.received
        if plan.correction:
            sent, got, back = plan.correction
            ev(
                EventKind.REQUEST_CORRECTION,
                sent,
                case.correction_items,
                f"{LAW}第三十一条第一款",
                S.UNDER_REVIEW,
                S.AWAITING_CORRECTION,
            )
            ev(EventKind.NOTICE_RECEIVED, got, basis=f"{LAW}第三十一条第二款")
            clock_rows.append(
                (
                    *bulk.clock(
                        plan,
                        number,
                        clocks.ACCEPTANCE_REVIEW,
                        plan.received,
                        cancelled=sent,
                        cancel_reason="已通知补正",
                    ),
                    None,
                )
            )
            clock_rows.append(
                (*bulk.clock(plan, number, clocks.CORRECTION_NOTICE, plan.received, closed=sent), None)
            )
            if back is None and plan.status == S.AWAITING_CORRECTION:
                clock_rows.append((*bulk.clock(plan, number, clocks.CORRECTION_REPLY, got), officer))
                continue
            if back is None:  # 视为放弃
                ev(
                    EventKind.DEEM_ABANDONED,
                    plan.concluded,
                    "补正期限届满，申请人逾期未补正，视为放弃行政复议申请。",
                    f"{LAW}第三十一条第二款",
                    S.AWAITING_CORRECTION,
                    S.ABANDONED,
                    actor=None,
                )
                clock_rows.append(
                    (*bulk.clock(plan, number, clocks.CORRECTION_REPLY, got, closed=plan.concluded), None)
                )
                if plan.closed:
                    ev(EventKind.CLOSE, plan.closed, basis=f"{LAW}第七十五条", frm=S.ABANDONED, to=S.CLOSED)
                continue
            ev(
                EventKind.RECEIVE_CORRECTION,
                back,
                basis=f"{LAW}第三十一条第三款",
                frm=S.AWAITING_CORRECTION,
                to=S.UNDER_REVIEW,
            )
            clock_rows.append((*bulk.clock(plan, number, clocks.CORRECTION_REPLY, got, closed=back), None))
            review_trigger = back
        intake = plan.status in (S.RECEIVED, S.UNDER_REVIEW)
        decided_review = plan.accepted or (
            plan.concluded
            if plan.status in (S.REJECTED, S.CLOSED) and plan.outcome == OUT.NOT_ACCEPTED
            else None
        )
        clock_rows.append(
            (
                *bulk.clock(
                    plan,
                    number,
                    clocks.ACCEPTANCE_REVIEW,
                    review_trigger,
                    closed=None if intake else decided_review,
                ),
                officer if intake else None,
            )
        )
        if not plan.correction:
            if intake:
                clock_rows.append(
                    (*bulk.clock(plan, number, clocks.CORRECTION_NOTICE, plan.received), officer)
                )
            else:
                clock_rows.append(
                    (
                        *bulk.clock(
                            plan,
                            number,
                            clocks.CORRECTION_NOTICE,
                            plan.received,
                            cancelled=decided_review,
                            cancel_reason="申请已受理，无需补正" if plan.accepted else "已决定不予受理",
                        ),
                        None,
                    )
                )
        if intake:
            continue
        if plan.outcome == OUT.NOT_ACCEPTED:
            ev(
                EventKind.REJECT,
                plan.concluded,
                "不属于本机关受理范围。",
                f"{LAW}第三十条第二款",
                S.UNDER_REVIEW,
                S.REJECTED,
            )
            decisions.append(
                CaseDecision(
                    case=case,
                    outcome=OUT.NOT_ACCEPTED,
                    decided_on=plan.concluded,
                    reasoning="申请人与被申请复议的行政行为没有利害关系，不符合受理条件。",
                    legal_basis=f"{LAW}第三十条",
                    document_number=bulk.serials.number(body, plan.concluded.year, DocumentKind.NOT_ACCEPTED),
                    served_on=plan.served,
                    signed_by=head,
                    created_by=officer,
                )
            )
            if plan.closed:
                ev(EventKind.CLOSE, plan.closed, basis=f"{LAW}第七十五条", frm=S.REJECTED, to=S.CLOSED)
            continue
        # accepted
        if plan.deemed:
            ev(
                EventKind.DEEM_ACCEPTED,
                plan.accepted,
                f"受理审查期限于 {plan.accepted:%Y-%m-%d} 届满，未作出不予受理决定，"
                "自届满之日起视为受理；按普通程序审理。",
                f"{LAW}第三十条第三款",
                S.UNDER_REVIEW,
                S.ACCEPTED,
                actor=None,
            )
        else:
            note = case.get_procedure_display() + (
                f"：{case.get_simple_ground_display()}" if plan.simple_ground else ""
            )
            ev(EventKind.ACCEPT, plan.accepted, note, f"{LAW}第三十条第一款", S.UNDER_REVIEW, S.ACCEPTED)
        simple = plan.procedure == Procedure.SIMPLE
        active = plan.concluded is None
        copy_rule = clocks.COPY_SIMPLE if simple else clocks.COPY
        clock_rows.append(
            (
                *bulk.clock(plan, number, copy_rule, plan.accepted, closed=plan.copy_sent),
                officer if plan.copy_sent is None else None,
            )
        )
        if plan.copy_sent:
            ev(
                EventKind.SEND_COPY,
                plan.copy_sent,
                basis=f"{LAW}第四十八条、第五十四条",
                frm=S.ACCEPTED,
                to=S.IN_TRIAL,
            )
        if plan.copy_received:
            ev(EventKind.COPY_RECEIVED, plan.copy_received, basis=f"{LAW}第四十八条、第五十四条")
            reply_rule = clocks.REPLY_SIMPLE if simple else clocks.REPLY
            if plan.reply:
                ev(EventKind.REPLY_RECEIVED, plan.reply, basis=f"{LAW}第四十八条、第七十条")
                clock_rows.append(
                    (*bulk.clock(plan, number, reply_rule, plan.copy_received, closed=plan.reply), None)
                )
            elif active:
                clock_rows.append((*bulk.clock(plan, number, reply_rule, plan.copy_received), officer))
            else:
                clock_rows.append(
                    (
                        *bulk.clock(
                            plan,
                            number,
                            reply_rule,
                            plan.copy_received,
                            cancelled=plan.concluded,
                            cancel_reason="案件已审结",
                        ),
                        None,
                    )
                )
        # suspension, extension, hearing, committee, mediation
        pairs = []
        open_suspended = None
        if plan.suspension:
            ground, suspended_on, resumed_on = plan.suspension
            suspensions.append(
                CaseSuspension(
                    case=case,
                    ground=ground,
                    reason="当事人正在协商和解。"
                    if ground == SuspensionGround.MEDIATION
                    else "需要以相关案件的审理结果为依据。",
                    suspended_on=suspended_on,
                    resumed_on=resumed_on,
                    notice_number=bulk.serials.number(
                        body, suspended_on.year, DocumentKind.SUSPENSION_NOTICE
                    ),
                    resume_notice_number=bulk.serials.number(
                        body, resumed_on.year, DocumentKind.RESUMPTION_NOTICE
                    )
                    if resumed_on
                    else "",
                    created_by=officer,
                )
            )
            ev(
                EventKind.SUSPEND,
                suspended_on,
                SuspensionGround(ground).label,
                f"{LAW}第三十九条第一款",
                S.IN_TRIAL,
                S.SUSPENDED,
            )
            if resumed_on:
                ev(
                    EventKind.RESUME,
                    resumed_on,
                    basis=f"{LAW}第三十九条第二款",
                    frm=S.SUSPENDED,
                    to=S.IN_TRIAL,
                )
                pairs.append((suspended_on, resumed_on))
            else:
                open_suspended = suspended_on
        if plan.extension_days:
            ev(
                EventKind.EXTEND,
                plan.extension_on,
                f"延长{plan.extension_days}日，经{head.display_name}批准",
                f"{LAW}第六十二条第一款",
            )
        if plan.mediation_attempted and plan.mediation_result:
            held = plan.accepted + timedelta(days=12)
            if held <= today:
                sessions.append(
                    MediationSession(
                        case=case,
                        held_on=held,
                        participants_note="申请人、被申请人代表、承办人",
                        result=plan.mediation_result,
                        note="",
                        created_by=officer,
                    )
                )
                ev(
                    EventKind.MEDIATION_SESSION,
                    held,
                    MediationResult(plan.mediation_result).label,
                    f"{LAW}第五条",
                )
        if plan.hearing:
            hearing = Hearing(
                case=case,
                org_unit=body,
                date=plan.hearing,
                place="行政复议听证室",
                matters="被申请人作出行政行为的事实、证据和法律依据",
                presiding=head,
                clerk=officer,
                notice_sent_on=_wd(plan.hearing, -6),
                notice_number=bulk.serials.number(
                    body, _wd(plan.hearing, -6).year, DocumentKind.HEARING_NOTICE
                ),
                held=True,
                respondent_head_attended=random.Random(plan.index).random() < 0.85,
                record_summary="双方围绕争议焦点进行了陈述、举证、质证和辩论。",
                created_by=officer,
            )
            if not hearing.respondent_head_attended:
                hearing.respondent_head_absence_reason = "负责人公务出差。"
                hearing.respondent_delegate = "法制科科长"
            hearings.append(hearing)
            hearing_panels.append((hearing, plan.body))
            ev(
                EventKind.HEARING_SCHEDULED,
                hearing.notice_sent_on,
                f"听证日期 {plan.hearing:%Y-%m-%d}",
                f"{LAW}第五十条、第五十一条",
            )
            ev(
                EventKind.HEARING_HELD,
                plan.hearing,
                "被申请人负责人参加" if hearing.respondent_head_attended else "被申请人负责人未参加",
                f"{LAW}第五十一条",
            )
        if plan.committee:
            meeting = bulk.meetings.get((body.pk, plan.committee))
            if meeting is None:
                meeting = CommitteeMeeting(
                    org_unit=body,
                    created_by=officer,
                    date=plan.committee,
                    place="行政复议委员会会议室",
                    topic="行政复议委员会案件咨询会",
                    chaired_by=head,
                )
                bulk.meetings[(body.pk, plan.committee)] = meeting
            corrected = plan.outcome in DIRECTLY_CORRECTING_OUTCOMES
            consultations.append(
                (
                    meeting,
                    CommitteeConsultation(
                        case=case,
                        question="被申请人作出的行政行为是否合法、适当",
                        opinion="委员会经讨论，多数委员认为原行政行为"
                        + ("存在违法情形。" if corrected else "合法适当。"),
                        majority_view="建议撤销" if corrected else "建议维持",
                        votes_for=5,
                        votes_against=2,
                        created_by=officer,
                    ),
                )
            )
            ev(
                EventKind.COMMITTEE_CONSULTED,
                plan.committee,
                "建议撤销" if corrected else "建议维持",
                f"{LAW}第五十二条",
            )
        # three tiers
        if plan.status in (S.DRAFTED, S.PENDING_APPROVAL) or (
            plan.concluded and plan.outcome not in (OUT.MEDIATION, OUT.TERMINATION)
        ):
            end = plan.concluded or today
            last_step = max(
                d
                for d in (
                    plan.accepted,
                    plan.copy_received,
                    plan.reply,
                    plan.hearing,
                    plan.committee,
                    plan.suspension[2] if plan.suspension and plan.suspension[2] else None,
                )
                if d is not None
            )
            draft_on = min(
                max(end - timedelta(days=6), last_step + timedelta(days=1)), end - timedelta(days=2)
            )
            proposed = plan.outcome or OUT.UPHOLD
            opinions.append(
                CaseOpinion(
                    case=case,
                    tier=OpinionTier.HANDLER,
                    author=officer,
                    text=f"经审查，建议{DecisionOutcome(proposed).label.split('（')[0]}。",
                    proposed_outcome=proposed,
                    written_on=draft_on,
                )
            )
            ev(
                EventKind.DRAFT,
                draft_on,
                DecisionOutcome(proposed).label,
                f"{LAW}第六十一条第一款",
                S.IN_TRIAL,
                S.DRAFTED,
            )
            if plan.status != S.DRAFTED:
                opinions.append(
                    CaseOpinion(
                        case=case,
                        tier=OpinionTier.OFFICE,
                        author=head,
                        text="同意承办人意见。",
                        agrees=True,
                        proposed_outcome=proposed,
                        written_on=draft_on + timedelta(days=1),
                    )
                )
                ev(
                    EventKind.OPINION_REVIEW,
                    draft_on + timedelta(days=1),
                    "同意承办人意见",
                    f"{LAW}第六十一条第一款",
                    actor=head,
                )
                ev(
                    EventKind.SUBMIT,
                    draft_on + timedelta(days=2),
                    basis=f"{LAW}第六十一条第一款",
                    frm=S.DRAFTED,
                    to=S.PENDING_APPROVAL,
                )
        # the decision clock
        decision_rule = clocks.DECISION_SIMPLE if simple else clocks.DECISION
        clock_rows.append(
            (
                *bulk.clock(
                    plan,
                    number,
                    decision_rule,
                    plan.accepted,
                    closed=plan.concluded,
                    extension_days=plan.extension_days,
                    extension_on=plan.extension_on,
                    suspensions=pairs,
                    open_suspended_on=open_suspended,
                ),
                officer if active else None,
            )
        )
        if active:
            continue
        # conclusion
        outcome = plan.outcome
        decision = CaseDecision(
            case=case,
            outcome=outcome,
            decided_on=plan.concluded,
            served_on=plan.served,
            created_by=officer,
        )
        if outcome == OUT.MEDIATION:
            decision.reasoning = "被申请人变更原行政行为，申请人放弃其他复议请求。"
            decision.legal_basis = f"{LAW}第五条、第七十三条"
            decision.agency_changed_act = True
            decision.document_number = bulk.serials.number(body, plan.concluded.year, DocumentKind.MEDIATION)
            ev(
                EventKind.MEDIATE,
                plan.concluded,
                decision.reasoning,
                f"{LAW}第七十三条",
                S.IN_TRIAL,
                S.MEDIATED,
            )
        elif outcome == OUT.TERMINATION:
            decision.termination_ground = TerminationGround.WITHDRAWN
            decision.is_settlement = True
            decision.agency_changed_act = random.Random(plan.index * 3).random() < 0.6
            decision.reasoning = "当事人自愿达成和解，申请人撤回行政复议申请。"
            decision.legal_basis = f"{LAW}第四十一条、第七十四条"
            decision.signed_by = head
            decision.document_number = bulk.serials.number(
                body, plan.concluded.year, DocumentKind.TERMINATION
            )
            ev(
                EventKind.TERMINATE,
                plan.concluded,
                TerminationGround.WITHDRAWN.label,
                f"{LAW}第四十一条",
                S.IN_TRIAL,
                S.TERMINATED,
                actor=head,
            )
        else:
            decision.reasoning = (
                "被申请人作出的行政行为主要事实不清、证据不足。"
                if outcome in DIRECTLY_CORRECTING_OUTCOMES
                else "被申请人作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，内容适当。"
            )
            decision.legal_basis = f"{LAW}第六十一条"
            decision.signed_by = head
            decision.order_redo = outcome == OUT.REVOKE and random.Random(plan.index * 5).random() < 0.5
            if outcome == OUT.NO_EVIDENCE:
                decision.no_evidence_disposition = NoEvidenceDisposition.REVOKE
            decision.document_number = bulk.serials.number(body, plan.concluded.year, DocumentKind.DECISION)
            ev(
                EventKind.DECIDE,
                plan.concluded,
                f"{DecisionOutcome(outcome).label}，经{head.display_name}签发",
                f"{LAW}第六十一条",
                S.PENDING_APPROVAL,
                S.DECIDED,
                actor=head,
            )
        kind = correction_kind(outcome, agency_changed_act=decision.agency_changed_act)
        decision.is_directly_corrected = kind == "direct"
        decision.is_indirectly_corrected = kind == "indirect"
        decisions.append(decision)
        if plan.served:
            ev(EventKind.SERVED, plan.served, basis=f"{LAW}第七十五条")
        if plan.closed:
            ev(
                EventKind.CLOSE,
                plan.closed,
                basis=f"{LAW}第七十五条",
                frm=plan_status_before_close(outcome),
                to=S.CLOSED,
            )
        if plan.archived:
            ev(EventKind.ARCHIVE, plan.archived, case.archive_number, frm=S.CLOSED, to=S.ARCHIVED)

    CaseEvent.objects.bulk_create(events)
    CaseDecision.objects.bulk_create(decisions)
    CaseOpinion.objects.bulk_create(opinions)
    CaseSuspension.objects.bulk_create(suspensions)
    MediationSession.objects.bulk_create(sessions)
    Hearing.objects.bulk_create(hearings)
    through = Hearing.officers.through
    panel_rows = []
    for hearing, body in hearing_panels:
        staff = [u for u in body.panel if u.pk not in (hearing.clerk_id, hearing.presiding_id)][:2]
        panel_rows += [through(hearing_id=hearing.pk, user_id=u.pk) for u in staff]
    through.objects.bulk_create(panel_rows, ignore_conflicts=True)
    new_meetings = list(bulk.meetings.values())
    CommitteeMeeting.objects.bulk_create(new_meetings)
    members = CommitteeMeeting.members.through
    experts = CommitteeMeeting.experts.through
    member_rows, expert_rows = [], []
    for meeting in new_meetings:
        panel = next((b.panel for b in world.bodies.values() if b.unit.pk == meeting.org_unit_id), [])
        people = {head.pk} | {u.pk for u in panel[:4]}
        member_rows += [members(committeemeeting_id=meeting.pk, user_id=pk) for pk in people]
        expert_rows += [
            experts(committeemeeting_id=meeting.pk, expertconsultant_id=e.pk)
            for e in world.experts.get(meeting.org_unit_id, [])[:2]
        ]
    members.objects.bulk_create(member_rows, ignore_conflicts=True)
    experts.objects.bulk_create(expert_rows, ignore_conflicts=True)
    rows = []
    for meeting, consultation in consultations:
        consultation.meeting = meeting
        rows.append(consultation)
    CommitteeConsultation.objects.bulk_create(rows)
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
            for c in rows
        ]
    )
    # clocks: object ids are known now
    deadlines, responsible = [], []
    for (deadline, _events, _person), case in zip(
        clock_rows, _clock_cases(clock_rows, plans, cases), strict=True
    ):
        deadline.object_id = case.pk
        deadlines.append(deadline)
    Deadline.objects.bulk_create(deadlines)
    deadline_events = []
    for deadline, evs, person in clock_rows:
        for e in evs:
            e.deadline = deadline
            deadline_events.append(e)
        if person is not None and deadline.status == DeadlineStatus.OPEN:
            responsible.append(Deadline.responsible.through(deadline_id=deadline.pk, user_id=person.pk))
    DeadlineEvent.objects.bulk_create(deadline_events)
    Deadline.responsible.through.objects.bulk_create(responsible, ignore_conflicts=True)
    bulk.serials.save()


def plan_status_before_close(outcome: str) -> str:
    return {OUT.MEDIATION: S.MEDIATED, OUT.TERMINATION: S.TERMINATED, OUT.NOT_ACCEPTED: S.REJECTED}.get(
        outcome, S.DECIDED
    )


def _clock_cases(clock_rows, plans, cases):
    """The case of each clock row, matched through the subject's case number."""
    by_number = {c.number: c for c in cases}
    return [by_number[deadline.subject.split(" ", 1)[0]] for deadline, _e, _p in clock_rows]
