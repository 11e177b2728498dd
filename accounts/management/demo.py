"""Demo data of accounts: the Tianshui org tree and the demo users (used by `seed_demo`).

Everything is created through accounts.services and looked up by its stable key first (a unit's
`short_code`, a user's `username`), so running the seeder again changes nothing.

Where the tree puts courts and procuratorates: under the government of the territory they serve, so
a county's jurisdiction (accounts/jurisdiction.py) covers the county's court and procuratorate too. People's
mediation committees sit under the justice bureau that guides them (人民调解法第5条).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from accounts import services
from accounts.choices import Role, UnitKind
from accounts.models import OrgUnit, User
from core.demo import staff_name

#: Published demo password — demo mode only (seed_demo refuses to run otherwise).
DEMO_PASSWORD = "Tianshui@2026"  # noqa: S105 - published on purpose, demo mode only


@cache
def demo_password_hash() -> str:
    """DEMO_PASSWORD hashed once per process, for every demo user (`user_create(password_hash=…)`):
    the password is published anyway, and PBKDF2 costs about half a second a user."""
    return make_password(DEMO_PASSWORD)


CITY_DEPARTMENTS = [
    # (short code, name)
    ("tsfgw", "天水市发展和改革委员会"),
    ("tsjyj", "天水市教育局"),
    ("tsgaj", "天水市公安局"),
    ("tsmzj", "天水市民政局"),
    ("tsczj", "天水市财政局"),
    ("tsrsj", "天水市人力资源和社会保障局"),
    ("tszrzy", "天水市自然资源局"),
    ("tssthj", "天水市生态环境局"),
    ("tszjj", "天水市住房和城乡建设局"),
    ("tscgj", "天水市城市管理综合执法局"),
    ("tsjtj", "天水市交通运输局"),
    ("tsswj", "天水市水务局"),
    ("tsnyj", "天水市农业农村局"),
    ("tswlj", "天水市文化和旅游局"),
    ("tswjw", "天水市卫生健康委员会"),
    ("tsyjj", "天水市应急管理局"),
    ("tsscj", "天水市市场监督管理局"),
    ("tslcj", "天水市林业和草原局"),
    ("tsybj", "天水市医疗保障局"),
]

CITY_MEDIATION = [
    ("tstjwh", "天水市人民调解委员会"),
    ("tsyltj", "天水市医疗纠纷人民调解委员会"),
    ("tsjttj", "天水市道路交通事故纠纷人民调解委员会"),
]

COUNTY_DEPARTMENTS = [
    # (suffix of the short code, name after the county's name)
    ("scj", "市场监督管理局"),
    ("zrzy", "自然资源局"),
    ("zjj", "住房和城乡建设局"),
    ("rsj", "人力资源和社会保障局"),
    ("nyj", "农业农村局"),
    ("jtj", "交通运输局"),
]


@dataclass(frozen=True)
class County:
    code: str
    name: str
    townships: tuple[tuple[str, str], ...]


COUNTIES = [
    County("qz", "秦州区", (("dc", "大城街道"), ("zc", "中城街道"), ("yq", "玉泉镇"), ("tj", "太京镇"))),
    County("mj", "麦积区", (("db", "道北街道"), ("qn", "桥南街道"), ("mpq", "马跑泉镇"), ("gq", "甘泉镇"))),
    County("qs", "清水县", (("yq", "永清镇"), ("hb", "红堡镇"), ("bt", "白驼镇"))),
    County("qa", "秦安县", (("xg", "兴国镇"), ("lh", "莲花镇"), ("lc", "陇城镇"))),
    County("gg", "甘谷县", (("dxs", "大像山镇"), ("xx", "新兴镇"), ("pa", "磐安镇"))),
    County("ws", "武山县", (("cg", "城关镇"), ("lm", "洛门镇"), ("yy", "鸳鸯镇"))),
    County("zjc", "张家川回族自治县", (("zjc", "张家川镇"), ("ls", "龙山镇"), ("gm", "恭门镇"))),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    real_name: str
    unit: str  # short code
    role: str
    title: str
    phone: str
    is_unit_leader: bool = False


DEMO_USERS = [
    DemoUser("admin", "李明轩", "tssfj", Role.SYSTEM_ADMIN, "信息化管理员", "13893810021"),
    DemoUser("fzsh", "张慧敏", "tssfj", Role.LEGAL_REVIEWER, "法制审核科科员", "13893810032"),
    DemoUser("fzsh_head", "李建华", "tssfj", Role.LEGAL_REVIEWER, "法制审核科科长", "13893810154", True),
    DemoUser("fuyi", "王志强", "tssfj", Role.RECON_OFFICER, "行政复议科科员", "13893810043"),
    DemoUser("fuyi_head", "赵文华", "tssfj", Role.RECON_HEAD, "行政复议科科长", "13893810054", True),
    DemoUser("jiandu", "刘晓东", "tssfj", Role.SUPERVISOR, "执法监督科科员", "13893810065"),
    DemoUser("zhifa_scj", "陈丽娟", "tsscj", Role.ENFORCEMENT_STAFF, "法规科科员", "13993820076"),
    DemoUser("tiaojie", "杨秀兰", "tstjwh", Role.MEDIATOR, "专职人民调解员", "13993820087"),
    DemoUser("yingsu", "马海龙", "tssfj", Role.LITIGATION_STAFF, "行政应诉科科员", "13893810098"),
    DemoUser("leader", "孙国栋", "tsgov", Role.LEADER, "副市长", "13909381109", True),
    DemoUser("auditor", "周婷", "tssfj", Role.AUDIT_ADMIN, "安全审计员", "13893810110"),
    DemoUser("anquan", "韩立新", "tssfj", Role.SECURITY_ADMIN, "网络安全管理员", "13893810143"),
    DemoUser("fuyi_qinzhou", "郭建军", "qzsfj", Role.RECON_OFFICER, "行政复议股股长", "15193830121"),
    DemoUser("fuyi_maiji", "何雪梅", "mjsfj", Role.RECON_OFFICER, "行政复议股科员", "15193840132"),
    # one 复议机构负责人 per county body: a county's cases are approved by its own head
    DemoUser("fuyi_head_qinzhou", "马振华", "qzsfj", Role.RECON_HEAD, "行政复议股负责人", "15193830154"),
    DemoUser("fuyi_head_maiji", "李建平", "mjsfj", Role.RECON_HEAD, "行政复议股负责人", "15193840165"),
    DemoUser("fuyi_head_qingshui", "王晓燕", "qssfj", Role.RECON_HEAD, "行政复议股负责人", "15193850176"),
    DemoUser("fuyi_head_qinan", "张永红", "qasfj", Role.RECON_HEAD, "行政复议股负责人", "15193860187"),
    DemoUser("fuyi_head_gangu", "刘成军", "ggsfj", Role.RECON_HEAD, "行政复议股负责人", "15193870198"),
    DemoUser("fuyi_head_wushan", "陈玉兰", "wssfj", Role.RECON_HEAD, "行政复议股负责人", "15193880109"),
    DemoUser("fuyi_head_zhangjiachuan", "马志刚", "zjcsfj", Role.RECON_HEAD, "复议股负责人", "15193890110"),
]


def _name(seq: int) -> str:
    return staff_name(seq)


class _Seeder:
    def __init__(self, stdout):
        self.stdout = stdout
        self.units_created = 0
        self.users_created = 0
        self.units = {u.short_code: u for u in OrgUnit.objects.all()}

    def unit(self, code: str, name: str, kind: str, parent: OrgUnit | None, order: int = 0) -> OrgUnit:
        unit = self.units.get(code)
        if unit is None:
            unit = services.orgunit_create(
                actor=None, name=name, short_code=code, kind=kind, parent=parent, sort_order=order
            )
            self.units[code] = unit
            self.units_created += 1
        return unit

    def user(self, demo: DemoUser) -> User:
        existing = User.objects.filter(username=demo.username).first()
        if existing is not None:
            return existing
        unit = self.units[demo.unit]
        user = services.user_create(
            actor=None,
            username=demo.username,
            real_name=demo.real_name,
            unit=unit,
            password=DEMO_PASSWORD,
            password_hash=demo_password_hash(),
            roles=[demo.role],
            title=demo.title,
            phone=demo.phone,
            email=f"{demo.username}@{unit.short_code}.gov.cn",
            is_unit_leader=demo.is_unit_leader,
            # Demo users log in with the published password straight away (demo mode only).
            must_change_password=False,
        )
        self.users_created += 1
        return user

    def tree(self) -> None:
        U = UnitKind
        city = self.unit("tsgov", "天水市人民政府", U.GOVERNMENT, None)
        justice = self.unit("tssfj", "天水市司法局", U.JUSTICE, city, 1)
        for i, (code, name) in enumerate(CITY_MEDIATION):
            self.unit(code, name, U.MEDIATION, justice, i)
        for i, (code, name) in enumerate(CITY_DEPARTMENTS, start=10):
            self.unit(code, name, U.AGENCY, city, i)
        self.unit("tszy", "天水市中级人民法院", U.COURT, city, 80)
        self.unit("tsjcy", "天水市人民检察院", U.PROCURATORATE, city, 81)
        for i, county in enumerate(COUNTIES, start=100):
            c, n = county.code, county.name
            gov = self.unit(f"{c}gov", f"{n}人民政府", U.GOVERNMENT, city, i)
            cj = self.unit(f"{c}sfj", f"{n}司法局", U.JUSTICE, gov, 1)
            self.unit(f"{c}tjwh", f"{n}人民调解委员会", U.MEDIATION, cj, 1)
            for j, (suffix, dept) in enumerate(COUNTY_DEPARTMENTS, start=10):
                self.unit(f"{c}{suffix}", f"{n}{dept}", U.AGENCY, gov, j)
            for j, (suffix, town) in enumerate(county.townships, start=40):
                self.unit(f"{c}{suffix}", f"{n}{town}", U.TOWNSHIP, gov, j)
            self.unit(f"{c}fy", f"{n}人民法院", U.COURT, gov, 80)
            self.unit(f"{c}jcy", f"{n}人民检察院", U.PROCURATORATE, gov, 81)

    def staff(self, scale: int) -> None:
        """`scale` extra staff per county justice bureau (复议 and 执法监督 alternately)."""
        seq = 0
        for k, county in enumerate(COUNTIES):
            for i in range(1, scale + 1):
                seq += 1
                role = Role.RECON_OFFICER if i % 2 else Role.SUPERVISOR
                self.user(
                    DemoUser(
                        username=f"{county.code}sfj_{i:02d}",
                        real_name=_name(seq),
                        unit=f"{county.code}sfj",
                        role=role,
                        title="科员",
                        phone=f"1589383{k}{i:03d}",
                    )
                )


def seed_accounts(scale: int, stdout) -> None:
    """The Tianshui tree, the demo users and `scale` extra staff per county justice bureau."""
    seeder = _Seeder(stdout)
    seeder.tree()
    for demo in DEMO_USERS:
        seeder.user(demo)
    seeder.staff(scale)
    stdout.write(
        _("单位：新建 %(new_units)d 个，共 %(units)d 个；用户：新建 %(new_users)d 个，共 %(users)d 个。")
        % {
            "new_units": seeder.units_created,
            "units": OrgUnit.objects.count(),
            "new_users": seeder.users_created,
            "users": User.objects.count(),
        }
    )


def seed_calendar(scale: int, stdout) -> None:
    """The work calendar from the `chinesecalendar` package, when the deadlines app provides it."""
    try:
        call_command("sync_holidays", stdout=stdout)
    except CommandError as exc:
        stdout.write(_("跳过工作日历同步：%(reason)s") % {"reason": exc})
