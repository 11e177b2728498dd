"""Demo data of 重大行政决策 and 合法性审查 for `seed_demo`, nothing dated after today.

At scale 1 (figures below): major decisions proposed 2021 – this year, one in every state, driven
through the services with their half-yearly post-evaluations; 644 legal-affairs matters (a few per
state through the services, the bulk history written by seed/bulk.py — the same rows, checked by
tests/decisions/test_seed_parity.py) with their signed opinions; 186 adviser consultations; 48
post-evaluations; a register of 15 advisers. `--scale N` multiplies them. Idempotent: a second run
at the same scale adds nothing.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgUnit
from core.workflow import composed

from .. import services
from ..choices import DecisionCategory, DecisionStatus, MatterKind, MatterStatus, MeetingKind, RiskLevel
from ..models import (
    AdvisorConsultation,
    LegalAdvisor,
    LegalAffairsMatter,
    MajorDecision,
    PostEvaluation,
    ReviewOpinion,
)
from . import bulk
from .bulk import MatterPlan, drive_matter

#: Figures at scale 1: 644 matters of which the older ones are signed (at least 130 signed opinions),
#: 186 consultations, 48 evaluations. The decisions go through the services (about 0.3 s each on
#: SQLite), so their number stays modest.
DECISIONS = 17  # every state, seven implemented (their evaluations make the 48)
MATTERS = 644
SIGNED = 600
CONSULTATIONS = 186
EVALUATIONS = 48
ADVISORS = 15

S = DecisionStatus
#: the state each demo decision is driven to, in turn (every state of the table appears)
TARGETS = (
    S.EVALUATING,
    S.IMPLEMENTING,
    S.ARCHIVED,
    S.HALTED,
    S.PUBLISHED,
    S.DISCUSSION,
    S.REVIEW,
    S.RISK,
    S.ARGUMENTATION,
    S.PARTICIPATION,
    S.DRAFTING,
    S.PROPOSED,
    S.DEFERRED,
    S.DECLINED,
    S.EVALUATING,
    S.IMPLEMENTING,
    S.EVALUATING,
    S.ARCHIVED,
    S.DISCUSSION,
    S.REVIEW,
)
DEEP = (S.IMPLEMENTING, S.EVALUATING, S.ARCHIVED, S.HALTED)
ORDER = (
    S.PROPOSED,
    S.DRAFTING,
    S.PARTICIPATION,
    S.ARGUMENTATION,
    S.RISK,
    S.REVIEW,
    S.DISCUSSION,
    S.PUBLISHED,
    S.IMPLEMENTING,
    S.EVALUATING,
)
TITLES = (
    "城区公共停车收费标准调整",
    "城乡居民基本医疗保险市级统筹实施方案",
    "中心城区供热价格调整",
    "渭河天水段生态保护规划",
    "老旧小区改造三年行动计划",
    "城市公交线网优化方案",
    "农村集中供水工程建设",
    "天水市国土空间总体规划",
    "中小学校布局调整规划",
    "天水麻辣烫产业发展扶持政策",
    "城市生活垃圾分类实施方案",
    "羲皇大道快速路建设项目",
)
MATTER_TITLES = {
    MatterKind.NORMATIVE: "关于进一步规范{}的通知",
    MatterKind.CONTRACT: "{}特许经营协议",
    MatterKind.KEY_PROJECT: "{}建设项目实施方案",
    MatterKind.PETITION: "关于{}信访事项的处理意见",
    MatterKind.OTHER: "关于{}有关问题的请示",
}
TOPICS = (
    "城市道路占用",
    "校外培训机构",
    "住房公积金提取",
    "集贸市场管理",
    "农村宅基地审批",
    "网约车经营",
    "户外广告设置",
)
UNITS = ("tsfgw", "tsjyj", "tszjj", "tscgj", "tsjtj", "tsswj", "tsnyj", "tssthj", "tsscj", "tszrzy")


class World:
    def __init__(self, drafter, signer, body, units):
        self.drafter, self.signer, self.body, self.units = drafter, signer, body, units
        self.today = timezone.localdate()
        self.advisors = []

    @classmethod
    def load(cls):
        """The demo accounts' world: `fzsh` drafts, `fzsh_head` (accounts/management/demo.py) signs."""
        User = get_user_model()
        people = {u.username: u for u in User.objects.filter(username__in=("fzsh", "fzsh_head"))}
        body = OrgUnit.objects.filter(short_code="tsgov").first()
        justice = OrgUnit.objects.filter(short_code="tssfj").first()
        if len(people) < 2 or body is None or justice is None:
            return None
        units = list(OrgUnit.objects.filter(short_code__in=UNITS).order_by("short_code")) or [justice]
        return cls(people["fzsh"], people["fzsh_head"], body, units)


def _advisors(w: World):
    names = (
        "王立新",
        "刘晓燕",
        "陈志刚",
        "杨丽",
        "赵强",
        "孙敏",
        "周涛",
        "吴芳",
        "郑伟",
        "冯雪",
        "何军",
        "马丽",
        "韩冬",
        "朱琳",
        "高峰",
    )
    existing = list(LegalAdvisor.objects.filter(org_unit=w.body).order_by("id"))
    for i, name in enumerate(names[len(existing) : ADVISORS]):
        n = len(existing) + i
        existing.append(
            services.advisor_create(
                actor=w.drafter,
                body=w.body,
                name=name,
                kind="public_lawyer" if n % 3 == 2 else "counsel",
                firm_or_unit="天水市司法局" if n % 3 == 2 else "甘肃陇原律师事务所",
                specialties="行政法",
                term_start=date(2021, 1, 1),
                term_end=date(2026, 12, 31),
            )
        )
    w.advisors = existing


def _consult(w: World, rng, on: date, *, matter=None, decision=None):
    services.consultation_record(
        actor=w.drafter,
        advisor=rng.choice(w.advisors),
        matter=matter,
        decision=decision,
        question=_("决策草案的合法性"),
        opinion=_("经审查，草案主体适格、权限合法，建议完善法律依据表述。"),
        consulted_on=on,
        hours=rng.choice((1, 2, 3)),
    )


def _sign(w: World, matter, day: date, conclusion="lawful"):
    findings = (
        {}
        if conclusion == "lawful"
        else {"basis": "problem", "basis_text": _("部分条款法律依据引用不准确。")}
    )
    services.opinion_draft(matter=matter, actor=w.drafter, findings=findings, conclusion=conclusion, on=day)
    services.opinion_submit(matter=matter, actor=w.drafter, on=day)
    services.opinion_sign(matter=matter, actor=w.signer, on=day + timedelta(days=2))


def _drive_decision(w: World, rng, i: int, target, budget: int) -> int:
    """One decision driven through the services to `target`; returns the evaluations started."""
    deep = target in (S.IMPLEMENTING, S.EVALUATING, S.ARCHIVED, S.HALTED)
    # an implemented decision is proposed early enough (2021–2022) for its evaluation rounds
    span = 540 if deep else (w.today - timedelta(days=120) - date(2021, 1, 4)).days
    p = date(2021, 1, 4) + timedelta(days=rng.randrange(max(span, 1)))
    if p.year < 2021:
        p = date(2021, 1, 4)
    a, unit = w.drafter, w.units[i % len(w.units)]
    d = services.decision_propose(
        actor=a,
        body=w.body,
        title=f"{TITLES[i % len(TITLES)]}（{p.year}）",
        category=list(DecisionCategory)[i % 5],
        undertaking_unit=unit,
        catalogue_year=p.year,
        summary=_("列入年度重大行政决策事项目录。"),
        proposed_on=p,
    )
    stop = ORDER.index(target) if target in ORDER else {S.DEFERRED: 3, S.DECLINED: 5}.get(target, 9)
    if target == S.ARCHIVED:
        stop = 8
    if stop >= 1:
        services.decision_start_drafting(decision=d, actor=a, on=p + timedelta(days=1))
    if stop >= 2:
        services.participation_open(
            decision=d,
            actor=a,
            methods=_("政府网站公开征求意见"),
            opens_on=p + timedelta(days=3),
            closes_on=p + timedelta(days=38),
        )
    if stop >= 3 and target != S.DEFERRED:
        services.participation_complete(
            decision=d,
            actor=a,
            opinions_received=rng.randrange(3, 60),
            adoption_account=_("采纳合理意见，未采纳的已说明理由。"),
            completed_on=p + timedelta(days=39),
        )
    if stop >= 4:
        services.expert_opinion_add(
            decision=d,
            actor=a,
            expert_name="李教授",
            field="公共管理",
            affiliation="兰州大学",
            independence_declared=True,
            opinion=_("方案总体可行。"),
            signed_on=p + timedelta(days=42),
        )
        services.argumentation_complete(decision=d, actor=a, on=p + timedelta(days=43))
    if stop >= 5:
        services.risk_assess(
            decision=d,
            actor=a,
            assessor=unit.name,
            assessor_unit=unit,
            level=rng.choice(list(RiskLevel)),
            risk_points=_("群众接受度"),
            measures=_("分步实施，做好解释"),
            assessed_on=p + timedelta(days=46),
        )
    if stop >= 6:
        _consult(w, rng, p + timedelta(days=48), decision=d)
        matter = services.decision_send_for_review(decision=d, actor=a, sent_on=p + timedelta(days=48))
        _sign(w, matter, p + timedelta(days=50), conclusion=rng.choice(("lawful", "amended")))
        services.discussion_schedule(
            decision=d,
            actor=a,
            meeting_kind=MeetingKind.EXECUTIVE,
            meeting_on=p + timedelta(days=65),
            on=p + timedelta(days=56),
        )
    if stop >= 7:
        services.discussion_record(
            decision=d,
            actor=a,
            result="passed",
            attendees=_("市长、副市长、秘书长"),
            chief_conclusion=_("同意实施。"),
        )
        services.decision_publish(
            decision=d, actor=a, published_on=p + timedelta(days=70), channel=_("市政府网站")
        )
    if stop >= 8:
        services.decision_implement(decision=d, actor=a, implemented_on=p + timedelta(days=75))
    deep = target in DEEP
    started = _evaluate(w, rng, d, p, target, budget) if deep else 0
    _end(w, d, p, i, target)
    return started


def _evaluate(w: World, rng, d, p: date, target, budget: int) -> int:
    """决策后评估 rounds of an implemented decision (half-yearly, as many as the budget and today
    allow — an archived decision's end before its archiving); returns how many were started."""
    a = w.drafter
    limit = p + timedelta(days=530) if target == S.ARCHIVED else w.today
    rounds = 0
    while rounds < max(budget, 1) and p + timedelta(days=200 + 120 * rounds + 80) <= limit:
        rounds += 1
    rounds = max(rounds, 1)
    for r in range(rounds):
        start = p + timedelta(days=200 + 120 * r)
        services.evaluation_start(
            decision=d,
            actor=a,
            trigger=rng.choice(("scheduled", "objections", "necessary")),
            evaluator=_("天水师范学院"),
            planned_on=start + timedelta(days=90),
            on=start,
        )
        if r == rounds - 1 and target == S.EVALUATING:
            break
        conclusion = "stop" if target == S.HALTED and r == rounds - 1 else "continue"
        services.evaluation_complete(
            decision=d,
            actor=a,
            report=_("决策实施效果良好。"),
            conclusion=conclusion,
            completed_on=start + timedelta(days=80),
        )
    return rounds


def _end(w: World, d, p: date, i: int, target) -> None:
    a = w.drafter
    if target == S.DEFERRED:
        services.decision_defer(
            decision=d, actor=a, reason=_("上级政策调整，暂缓决策"), on=p + timedelta(days=45)
        )
    if target == S.DECLINED:
        services.decision_decline(decision=d, actor=a, reason=_("经研究不予决策"), on=p + timedelta(days=60))
    if target == S.ARCHIVED:
        services.decision_archive(
            decision=d,
            actor=a,
            archive_number=f"JC-{p.year}-{i:03d}",
            complete=True,
            on=p + timedelta(days=540),
        )


def _matter_plans(w: World, count: int, first: int, signed_goal: int, consultations: int):
    """`count` matters received 2021 – today: the older ones signed (and mostly closed), the last
    weeks' still in the office; `consultations` advisers' opinions spread over them."""
    kinds = list(MATTER_TITLES)
    start = date(2021, 1, 4)
    recent = w.today - timedelta(days=40)
    plans = []
    for j in range(count):
        n = first + j
        rng = random.Random(10_000 + n)  # noqa: S311 - deterministic demo data
        kind = MatterKind.NORMATIVE if n % 5 < 2 else kinds[n % len(kinds)]
        done = j < signed_goal
        if done:
            day = start + timedelta(days=(recent - start).days * j // max(signed_goal, 1))
            end = MatterStatus.CLOSED if n % 4 else MatterStatus.SIGNED
        else:
            day = recent + timedelta(days=rng.randrange(40))
            end = MatterStatus.REVIEWING if n % 2 else MatterStatus.RECEIVED
        plans.append(
            MatterPlan(
                kind=kind,
                title=MATTER_TITLES[kind].format(TOPICS[n % len(TOPICS)]),
                unit_index=n,
                received=day,
                end=end,
                conclusion=rng.choice(("lawful", "lawful", "amended", "unlawful")),
                consult=(j + 1) * consultations // count - j * consultations // count,
                advisor_index=n,
                hours=rng.choice((1, 2, 3)),
            )
        )
    return plans


#: the matters driven through the services, one per end state (the rest is written in bulk)
DRIVEN = (
    MatterStatus.RECEIVED,
    MatterStatus.REVIEWING,
    MatterStatus.DRAFTING,
    MatterStatus.PENDING_SIGN,
    MatterStatus.SIGNED,
    MatterStatus.CLOSED,
)
OPEN_DRIVEN = DRIVEN[:4]


def run(scale: int, stdout) -> None:
    w = World.load()
    if w is None:
        stdout.write(_("跳过重大行政决策演示数据：请先生成单位和演示用户。"))
        return
    target = DECISIONS * scale
    if MajorDecision.objects.count() >= target:
        stdout.write(_("重大行政决策：已有演示数据，无需新增。"))
        return
    with composed():
        _advisors(w)
    start = MajorDecision.objects.count()
    evaluations = PostEvaluation.objects.count()
    deep_left = sum(1 for i in range(start, target) if TARGETS[i % len(TARGETS)] in DEEP)
    for i in range(start, target):
        rng = random.Random(i)  # noqa: S311 - deterministic demo data
        goal = TARGETS[i % len(TARGETS)]
        budget = 0
        if goal in DEEP:
            budget = -(-(EVALUATIONS * scale - evaluations) // max(deep_left, 1))
            deep_left -= 1
        with composed():
            evaluations += _drive_decision(w, rng, i, goal, budget)
    _matters(w, scale)
    stdout.write(
        _(
            "重大行政决策：%(d)d 项决策，%(m)d 件合法性审查事项（已签发意见 %(s)d 件），"
            "法律顾问意见 %(c)d 条，决策后评估 %(e)d 项。"
        )
        % {
            "d": MajorDecision.objects.count(),
            "m": LegalAffairsMatter.objects.count(),
            "s": ReviewOpinion.objects.filter(signed_at__isnull=False).count(),
            "c": AdvisorConsultation.objects.count(),
            "e": PostEvaluation.objects.count(),
        }
    )


def _matters(w: World, scale: int) -> None:
    """A few matters per state through the services (and one returned for materials), the rest of
    the figures written in bulk (seed/bulk.py) — the same rows."""
    first = LegalAffairsMatter.objects.count()
    left = MATTERS * scale - first
    if left <= 0:
        return
    signed = ReviewOpinion.objects.filter(signed_at__isnull=False).count()
    driven = len(DRIVEN) + 1
    consultations = CONSULTATIONS * scale - AdvisorConsultation.objects.count() - driven + 1
    with composed():
        bulk.write(
            w,
            _matter_plans(
                w, left - driven, first, max(SIGNED * scale - signed - 2, 0), max(consultations, 0)
            ),
        )
    today = w.today
    with composed():
        for k, end in enumerate(DRIVEN):
            day = today - timedelta(days=30 - 5 * k if end in OPEN_DRIVEN else 20 + k)
            drive_matter(
                w,
                MatterPlan(
                    kind=MatterKind.NORMATIVE,
                    title=MATTER_TITLES[MatterKind.NORMATIVE].format(TOPICS[k]),
                    unit_index=k,
                    received=day,
                    end=end,
                    conclusion="amended" if k % 2 else "lawful",
                    consult=1,
                    advisor_index=k,
                ),
            )
        returned = drive_matter(
            w,
            MatterPlan(
                kind=MatterKind.CONTRACT,
                title=MATTER_TITLES[MatterKind.CONTRACT].format(TOPICS[5]),
                unit_index=5,
                received=today - timedelta(days=12),
                end=MatterStatus.REVIEWING,
            ),
        )
        services.matter_return_for_materials(
            matter=returned,
            actor=w.drafter,
            materials=_("起草说明及征求意见情况"),
            on=today - timedelta(days=9),
        )
