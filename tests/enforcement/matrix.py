"""Permission-matrix rows of the enforcement pages (tests/test_permission_matrix.py).

The objects belong to 天水市市场监督管理局: `zhifa_scj` (its staff) and `jiandu` (执法监督人员 of the
city) may see them; `fuyi_qinzhou` (秦州区) may not (404); `nobody` of the city's justice bureau sees
them without any permission (403).
"""

from datetime import date

from enforcement import services

from ..matrix import Row
from .factories import FILED, enforcement_world, file_case

P = "zhifa_scj"
OTHER = "fuyi_qinzhou"


def ew(world):
    if not hasattr(world, "enf"):
        world.enf = enforcement_world(world.tree, world.users)
    return world.enf


def case(world):
    if not hasattr(world, "enf_case"):
        world.enf_case = file_case(ew(world))
    return world.enf_case


def decided_case(world):
    if not hasattr(world, "enf_decided"):
        c = file_case(ew(world))
        services.case_inform(actor=world.users.zhifa_scj, case=c, on=FILED, hearing_right_told=False)
        world.enf_decided = services.case_decide(
            actor=world.users.zhifa_scj, case=c, decided_on=date(2025, 7, 20), summary="罚款六万元"
        )
    return world.enf_decided


def applied_cert(world):
    if not hasattr(world, "enf_cert"):
        w = ew(world)
        cert = services.certificate_apply(actor=None, officer=w.c, applied_on=date(2025, 3, 1))
        world.enf_cert = services.certificate_submit(actor=w.issuer, certificate=cert, on=date(2025, 3, 1))
    return world.enf_cert


ROWS = [
    Row("enforcement:index", permitted=P),
    Row("enforcement:statistics", permitted=P),
    Row("enforcement:case_create", permitted=P, noperm="jiandu"),
    Row("enforcement:case_detail", permitted=P, other=OTHER, kwargs=lambda w: {"pk": case(w).pk}),
    Row(
        "enforcement:case_record",
        permitted=P,
        noperm="jiandu",
        other=OTHER,
        kwargs=lambda w: {"pk": case(w).pk},
    ),
    Row(
        "enforcement:case_action",
        permitted=P,
        noperm="jiandu",
        other=OTHER,
        kwargs=lambda w: {"pk": case(w).pk, "action": "inform"},
    ),
    Row(
        "enforcement:case_document",
        permitted=P,
        other=OTHER,
        kwargs=lambda w: {"pk": decided_case(w).pk, "kind": "decision"},
    ),
    Row("enforcement:agency_list", permitted=P),
    Row("enforcement:agency_detail", permitted=P, other=OTHER, kwargs=lambda w: {"pk": ew(w).agency.pk}),
    Row("enforcement:officer_list", permitted=P),
    Row("enforcement:officer_create", permitted=P, noperm="jiandu"),
    Row("enforcement:officer_detail", permitted=P, other=OTHER, kwargs=lambda w: {"pk": ew(w).a.pk}),
    Row(
        "enforcement:officer_edit",
        permitted=P,
        noperm="jiandu",
        other=OTHER,
        kwargs=lambda w: {"pk": ew(w).a.pk},
    ),
    Row(
        "enforcement:certificate_apply",
        permitted=P,
        noperm="jiandu",
        other=OTHER,
        kwargs=lambda w: {"pk": ew(w).a.pk},
    ),
    Row("enforcement:certificate_list", permitted=P),
    Row("enforcement:certificate_check", permitted=P, query="?number=X"),
    Row(
        "enforcement:certificate_detail",
        permitted=P,
        other=OTHER,
        kwargs=lambda w: {"pk": ew(w).a.certificate.pk},
    ),
    Row(
        "enforcement:certificate_action",
        permitted="jiandu",
        noperm=P,
        other=OTHER,
        kwargs=lambda w: {"pk": applied_cert(w).pk, "action": "issue"},
    ),
    Row("enforcement:import", permitted=P),
    Row("enforcement:import_template", permitted=P, kwargs=lambda w: {"kind": "officers"}),
]
