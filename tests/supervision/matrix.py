"""Permission-matrix rows of the supervision pages (tests/test_permission_matrix.py).

The objects concern 天水市市场监督管理局 (filings, files, notices) or belong to the city justice bureau
(campaigns, guiding cases, supervisors): `jiandu` (执法监督人员 of the city) may see them;
`fuyi_qinzhou` (秦州区) may not (404); `nobody` of the city's justice bureau sees them without any
permission (403).
"""

from datetime import date

from enforcement.choices import Sector
from supervision import services

from ..matrix import Row
from .factories import external_filing, issued_notice, sampled_file, supervision_world

P = "jiandu"
OTHER = "fuyi_qinzhou"


def sw(world):
    if not hasattr(world, "sup"):
        world.sup = supervision_world(world.tree, world.users)
    return world.sup


def filing(world):
    if not hasattr(world, "sup_filing"):
        world.sup_filing = external_filing(sw(world))
    return world.sup_filing


def file(world):
    if not hasattr(world, "sup_file"):
        world.sup_file = sampled_file(sw(world))
    return world.sup_file


def notice(world):
    if not hasattr(world, "sup_notice"):
        world.sup_notice = issued_notice(sw(world))
    return world.sup_notice


def guiding(world):
    if not hasattr(world, "sup_guiding"):
        world.sup_guiding = services.guiding_create(
            actor=None, unit=world.tree.city_justice, number="TSZD-1", title="超过保质期食品的处罚",
            sector=Sector.MARKET, summary="案情", key_points="要点",
        )  # fmt: skip
    return world.sup_guiding


def supervisor(world):
    if not hasattr(world, "sup_person"):
        world.sup_person = services.supervisor_appoint(
            actor=None, unit=world.tree.city_justice, name="张敏", affiliation="天水师范学院",
            term_start=date(2024, 1, 1), term_end=date(2026, 12, 31), certificate_number="TSJD-001",
        )  # fmt: skip
    return world.sup_person


def selection(world):
    if not hasattr(world, "sup_selection"):
        world.sup_selection = services.selection_create(
            actor=None, unit=world.tree.city_justice, title="2025年度评选", year=2025
        )
    return world.sup_selection


def nomination(world):
    if not hasattr(world, "sup_nomination"):
        from supervision.models import Nomination

        f = file(world)
        f.grade = "fail"
        f.save(update_fields=["grade"])
        world.sup_nomination = Nomination.objects.create(
            selection=selection(world), file=f, kind="bad", reason="不合格"
        )
    return world.sup_nomination


def special(world):
    if not hasattr(world, "sup_special"):
        world.sup_special = services.special_create(
            actor=None, unit=world.tree.city_justice, title="道路交通安全和运输执法领域突出问题专项整治",
            start_on=date(2025, 3, 1), end_on=date(2025, 12, 31),
        )  # fmt: skip
    return world.sup_special


ROWS = [
    Row("supervision:index", permitted=P),
    Row("supervision:filing_create", permitted="zhifa_scj"),
    Row("supervision:filing_detail", permitted=P, other=OTHER, kwargs=lambda w: {"pk": filing(w).pk}),
    Row(
        "supervision:filing_review",
        permitted=P,
        noperm="zhifa_scj",
        other=OTHER,
        kwargs=lambda w: {"pk": filing(w).pk},
    ),
    Row("supervision:campaign_list", permitted=P),
    Row("supervision:campaign_detail", permitted=P, other=OTHER, kwargs=lambda w: {"pk": sw(w).campaign.pk}),
    Row("supervision:campaign_sample", permitted=P, other=OTHER, kwargs=lambda w: {"pk": sw(w).campaign.pk}),
    Row("supervision:campaign_files", permitted=P, other=OTHER, kwargs=lambda w: {"pk": sw(w).campaign.pk}),
    Row("supervision:file_detail", permitted=P, other=OTHER, kwargs=lambda w: {"pk": file(w).pk}),
    Row("supervision:file_score", permitted=P, other=OTHER, kwargs=lambda w: {"pk": file(w).pk}),
    Row("supervision:notice_list", permitted=P),
    Row("supervision:notice_create", permitted=P, noperm="zhifa_scj"),
    Row("supervision:notice_detail", permitted=P, other=OTHER, kwargs=lambda w: {"pk": notice(w).pk}),
    Row("supervision:notice_document", permitted=P, other=OTHER, kwargs=lambda w: {"pk": notice(w).pk}),
    Row(
        "supervision:notice_reply",
        permitted="zhifa_scj",
        noperm=P,
        other=OTHER,
        kwargs=lambda w: {"pk": notice(w).pk},
    ),
    Row(
        "supervision:notice_verify",
        permitted=P,
        noperm="zhifa_scj",
        other=OTHER,
        kwargs=lambda w: {"pk": notice(w).pk},
    ),
    Row("supervision:guiding_list", permitted=P),
    Row("supervision:guiding_detail", permitted=P, other=OTHER, kwargs=lambda w: {"pk": guiding(w).pk}),
    Row("supervision:supervisor_list", permitted=P),
    Row("supervision:supervisor_detail", permitted=P, other=OTHER, kwargs=lambda w: {"pk": supervisor(w).pk}),
    Row("supervision:file_list", permitted=P),
    Row(
        "supervision:campaign_report",
        permitted=P,
        other=OTHER,
        kwargs=lambda w: {"pk": sw(w).campaign.pk, "fmt": "xlsx"},
    ),
    Row("supervision:campaign_import", permitted=P, other=OTHER, kwargs=lambda w: {"pk": sw(w).campaign.pk}),
    Row(
        "supervision:campaign_import_template",
        permitted=P,
        other=OTHER,
        kwargs=lambda w: {"pk": sw(w).campaign.pk},
    ),
    Row("supervision:disparity", permitted=P, noperm="zhifa_scj"),
    Row("supervision:special_list", permitted=P),
    Row("supervision:special_create", permitted=P, noperm="zhifa_scj"),
    Row("supervision:special_detail", permitted=P, other=OTHER, kwargs=lambda w: {"pk": special(w).pk}),
    Row("supervision:selection_list", permitted=P),
    Row("supervision:selection_create", permitted=P, noperm="zhifa_scj"),
    Row("supervision:selection_detail", permitted=P, other=OTHER, kwargs=lambda w: {"pk": selection(w).pk}),
    Row(
        "supervision:selection_publish",
        permitted=P,
        other=OTHER,
        kwargs=lambda w: {"pk": selection(w).pk},
    ),
    Row("supervision:file_nominate", permitted=P, other=OTHER, kwargs=lambda w: {"pk": file(w).pk}),
    Row(
        "supervision:nomination_score",
        permitted=P,
        noperm="zhifa_scj",
        other=OTHER,
        kwargs=lambda w: {"pk": nomination(w).pk},
    ),
    Row("supervision:rubric_create", permitted=P, noperm="zhifa_scj"),
    Row("supervision:campaign_create", permitted=P, noperm="zhifa_scj"),
    Row("supervision:guiding_create", permitted=P, noperm="zhifa_scj"),
    Row(
        "supervision:guiding_publish",
        permitted=P,
        other=OTHER,
        kwargs=lambda w: {"pk": guiding(w).pk},
    ),
    Row("supervision:supervisor_create", permitted=P, noperm="zhifa_scj"),
    Row(
        "supervision:supervisor_activity",
        permitted=P,
        other=OTHER,
        kwargs=lambda w: {"pk": supervisor(w).pk},
    ),
]
