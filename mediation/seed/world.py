"""Who and where for the mediation demo data: the seven 诉调对接中心, the mediation organisations,
their mediators, the seventeen partner departments and their fourteen joint documents — created
through the services (accounts.services, mediation.services) and looked up first, so a rerun adds
nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts import services as account_services
from accounts.choices import Role, UnitKind
from accounts.management.demo import COUNTIES, DEMO_PASSWORD, demo_password_hash
from accounts.models import OrgUnit, User

from .. import services
from ..models import MediationCase, Mediator, PartnerAgreement

#: The seven docking centres (诉调对接中心), one beside each county's court, guided by its justice bureau.
CENTRE_SUFFIX = "sdzx"

#: The seventeen partner departments of the joint documents (by short code): the eight courts, the
#: procuratorate, public security, the labour-arbitration, market, health, housing, transport,
#: medical-insurance and natural-resources departments.
PARTNERS = (
    "tszy",
    "qzfy",
    "mjfy",
    "qsfy",
    "qafy",
    "ggfy",
    "wsfy",
    "zjcfy",
    "tsjcy",
    "tsgaj",
    "tsrsj",
    "tsscj",
    "tswjw",
    "tszjj",
    "tsjtj",
    "tsybj",
    "tszrzy",
)

#: The fourteen joint documents (诉调对接文件): title, number, date, partner codes.
JOINT_DOCUMENTS = (
    ("关于建立诉调对接工作机制的意见", "天司联〔2021〕1号", date(2021, 3, 15), ("tszy",)),
    (
        "关于推进人民调解与行政调解、司法调解衔接联动的实施意见",
        "天司联〔2021〕5号",
        date(2021, 6, 8),
        ("tszy", "tsgaj"),
    ),
    ("关于开展特邀调解工作的实施办法", "天中法联〔2021〕3号", date(2021, 9, 2), ("tszy", "qzfy", "mjfy")),
    (
        "关于建立道路交通事故损害赔偿纠纷“网上数据一体化处理”机制的意见",
        "天司联〔2022〕2号",
        date(2022, 2, 20),
        ("tszy", "tsgaj", "tsjtj"),
    ),
    (
        "关于医疗纠纷人民调解与保险理赔衔接工作的意见",
        "天司联〔2022〕4号",
        date(2022, 4, 11),
        ("tswjw", "tsybj"),
    ),
    ("关于劳动人事争议仲裁与调解衔接的意见", "天司联〔2022〕7号", date(2022, 7, 19), ("tsrsj", "tszy")),
    ("关于消费纠纷诉调对接工作的实施意见", "天司联〔2022〕9号", date(2022, 10, 10), ("tsscj", "tszy")),
    ("关于物业服务和房地产纠纷多元化解的意见", "天司联〔2023〕1号", date(2023, 1, 16), ("tszjj", "tszy")),
    ("关于检调对接工作的实施办法", "天司联〔2023〕3号", date(2023, 3, 28), ("tsjcy",)),
    (
        "关于土地权属争议调处与调解衔接的意见",
        "天司联〔2023〕6号",
        date(2023, 6, 30),
        ("tszrzy", "qsfy", "qafy"),
    ),
    (
        "关于在基层人民法院设立诉调对接中心的通知",
        "天司联〔2023〕8号",
        date(2023, 9, 5),
        ("qzfy", "mjfy", "qsfy", "qafy"),
    ),
    (
        "关于诉前调解案件司法确认工作的规定",
        "天中法联〔2024〕2号",
        date(2024, 2, 26),
        ("tszy", "ggfy", "wsfy", "zjcfy"),
    ),
    ("关于行政争议诉前化解工作的实施意见", "天司联〔2024〕5号", date(2024, 6, 12), ("tszy", "tsjcy")),
    ("关于“三调联动”工作考核办法", "天司联〔2025〕2号", date(2025, 3, 3), ("tszy", "tsgaj", "tsjcy")),
)

MEDIATOR_NAMES = ("王桂兰", "李建国", "张秀英", "刘明德", "陈玉珍", "杨志强", "赵春梅", "黄文军")
SPECIALTIES = (
    "婚姻家庭、邻里纠纷",
    "合同、债务纠纷",
    "道路交通事故",
    "医疗纠纷",
    "劳动争议",
    "物业、消费纠纷",
)


@dataclass
class Organisation:
    unit: OrgUnit
    mediators: list[Mediator]
    county: str  # short code of the county (or "ts" for the city)


@dataclass
class World:
    today: date
    actor: User  # the city justice bureau's mediation officer: the whole city is its jurisdiction
    organisations: list[Organisation]
    centres: list[OrgUnit]
    courts: dict[str, OrgUnit]  # county code → court
    ct_case: ContentType

    def by_county(self, county: str) -> list[Organisation]:
        return [o for o in self.organisations if o.county == county]


def _actor(units) -> User:
    user = User.objects.filter(username="tiaojie_sfj").first()
    if user is None:
        user = account_services.user_create(
            actor=None,
            username="tiaojie_sfj",
            real_name="吴建平",
            unit=units["tssfj"],
            password=DEMO_PASSWORD,
            password_hash=demo_password_hash(),
            roles=[Role.MEDIATOR],
            title="人民参与和促进法治科科长",
            phone="13893810176",
            email="tiaojie_sfj@tssfj.gov.cn",
            must_change_password=False,
        )
    return user


def _mediators(actor, unit, k: int) -> list[Mediator]:
    existing = list(Mediator.objects.filter(org_unit=unit).order_by("id"))
    if existing:
        return existing
    linked = User.objects.filter(username="tiaojie", unit=unit).first()
    return [
        services.mediator_create(
            actor=actor,
            unit=unit,
            name=MEDIATOR_NAMES[(k * 2 + i) % len(MEDIATOR_NAMES)],
            specialties=SPECIALTIES[(k + i) % len(SPECIALTIES)],
            user=linked if i == 0 else None,
        )
        for i in range(2)
    ]


def load() -> World | None:
    units = {u.short_code: u for u in OrgUnit.objects.all()}
    if "tssfj" not in units or not User.objects.filter(username="tiaojie").exists():
        return None
    actor = _actor(units)
    centres = []
    for i, county in enumerate(COUNTIES):
        code = f"{county.code}{CENTRE_SUFFIX}"
        if code not in units:
            units[code] = account_services.orgunit_create(
                actor=None,
                name=f"{county.name}诉调对接中心",
                short_code=code,
                kind=UnitKind.MEDIATION,
                parent=units[f"{county.code}sfj"],
                sort_order=2 + i,
            )
        centres.append(units[code])
    organisations = []
    mediation_units = OrgUnit.objects.filter(kind=UnitKind.MEDIATION, is_active=True).order_by("path")
    for k, unit in enumerate(mediation_units):
        county = next((c.code for c in COUNTIES if unit.name.startswith(c.name)), "ts")
        organisations.append(Organisation(unit, _mediators(actor, unit, k), county))
    for title, number, signed_on, codes in JOINT_DOCUMENTS:
        if not PartnerAgreement.objects.filter(title=title).exists():
            services.partner_agreement_create(
                actor=actor,
                unit=units["tssfj"],
                title=title,
                document_number=number,
                signed_on=signed_on,
                parties=[units[c] for c in codes if c in units],
            )
    courts = {"ts": units.get("tszy"), **{c.code: units.get(f"{c.code}fy") for c in COUNTIES}}
    return World(
        today=timezone.localdate(),
        actor=actor,
        organisations=organisations,
        centres=centres,
        courts=courts,
        ct_case=ContentType.objects.get_for_model(MediationCase),
    )
