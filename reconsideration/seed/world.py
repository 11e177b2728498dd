"""Who and where: the bodies (复议机关) with their respondents, officers and panel, and the
experts and 府院联动 records every run needs (created through the services, looked up first)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.choices import Role, UnitKind
from accounts.models import OrgUnit, User

from .. import services
from ..choices import LinkageKind
from ..models import ExpertConsultant, LinkageRecord, ReconsiderationCase, SignerAuthorisation
from ..selectors import body_staff
from .data import BODY_WEIGHTS, EXPERTS


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
        heads_by_unit = {
            u.unit_id: u
            for u in User.objects.filter(is_active=True, groups__name=Role.RECON_HEAD.value).order_by(
                "-username"
            )
        }
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
            # a county body's cases go to the county's own 复议机构负责人 (docs/workflow.md "Four eyes")
            body_head = heads_by_unit.get(justice.pk, head) if justice else head
            panel = [u for u in body_staff(gov) if u.pk not in (head.pk, body_head.pk)]
            bodies[code] = Body(
                unit=gov, respondents=respondents, officers=staff or [author], head=body_head, panel=panel
            )
            _authorise(gov, body_head)
        return cls(
            today=timezone.localdate(),
            bodies=bodies,
            head=head,
            author=author,
            ct_case=ContentType.objects.get_for_model(ReconsiderationCase),
        )


def _authorise(body, head) -> None:
    """The body authorised its 复议机构负责人 to sign decisions (复议法第六十一条第一款), on record."""
    if not SignerAuthorisation.objects.filter(body=body, authorised=head).exists():
        SignerAuthorisation.objects.create(
            body=body, authorised=head, valid_from=date(2020, 1, 1), reference=_("签发授权书")
        )


def seed_experts(world: World) -> None:
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


def _partners_of(unit: OrgUnit) -> tuple[OrgUnit | None, OrgUnit | None]:
    """The court and the procuratorate of a government's own level (天水市中级人民法院 for the city,
    秦州区人民法院 for 秦州区)."""
    children = OrgUnit.objects.filter(parent=unit, kind__in=(UnitKind.COURT, UnitKind.PROCURATORATE))
    court = next((u for u in children if u.kind == UnitKind.COURT), None)
    procuratorate = next((u for u in children if u.kind == UnitKind.PROCURATORATE), None)
    return court, procuratorate


#: The city's 府院联动 with the intermediate court (and the procuratorate).
CITY_LINKAGE = (
    (LinkageKind.JOINT_MEETING, date(2023, 3, 16), "府院联动联席会议（2023年第一次）", True, ""),
    (
        LinkageKind.JOINT_DOCUMENT,
        date(2023, 6, 8),
        "关于建立行政争议实质性化解府院联动机制的意见",
        False,
        "天政发〔2023〕41号",
    ),
    (LinkageKind.CASE_CONSULTATION, date(2024, 4, 22), "征收补偿类行政争议案件会商", False, ""),
    (LinkageKind.REFERRAL, date(2024, 9, 12), "诉前调解委托移送行政复议机构化解", False, ""),
    (LinkageKind.JOINT_MEETING, date(2025, 5, 20), "行政复议与行政审判工作联席会议", True, ""),
)

#: Each county's with its own basic-level court: one meeting and one consultation a year apart.
COUNTY_LINKAGE = (
    (LinkageKind.JOINT_MEETING, date(2024, 6, 18), "府院联动联席会议（2024年）", True, ""),
    (LinkageKind.CASE_CONSULTATION, date(2025, 3, 26), "行政争议案件会商", False, ""),
)


def seed_linkage(world: World) -> None:
    """府院联动 records spread over the courts: the city with 天水市中级人民法院, each county with its
    own people's court (and procuratorate), recorded by the body's own officer."""
    for code, body in world.bodies.items():
        court, procuratorate = _partners_of(body.unit)
        if court is None:
            continue
        plan = CITY_LINKAGE if code == "tsgov" else COUNTY_LINKAGE
        have = set(LinkageRecord.objects.filter(org_unit=body.unit).values_list("title", flat=True))
        actor = world.author if code == "tsgov" else body.officers[0]
        for kind, on, title, with_procuratorate, number in plan:
            if title in have or on > world.today:
                continue
            parts = [court, procuratorate] if with_procuratorate and procuratorate else [court]
            services.linkage_create(
                actor=actor,
                body=body.unit,
                kind=kind,
                date=on,
                title=title,
                summary=_("通报行政复议、行政诉讼案件情况，研究行政争议实质性化解的重点问题。"),
                partners=parts,
                document_number=number,
            )
