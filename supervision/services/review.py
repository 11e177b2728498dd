"""案卷评查: rubric, campaigns, files, sampling and scoring (docs/law/supervision.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.workflow import lock, service
from enforcement.models import EnforcementCase

from ..choices import PERM_SUPERVISE, SECTION_POINTS, RubricSection
from ..models import ReviewCampaign, ReviewedFile, Rubric, RubricItem, ScoreSheet
from . import gates
from ._common import check, check_date, require_text, text, today


@service
def rubric_create(
    *,
    actor,
    unit,
    name: str,
    version_label: str,
    items: Iterable[tuple[str, str, str, Decimal]],
    excellent_from: Decimal | None = None,
    pass_from: Decimal | None = None,
) -> Rubric:
    """评查标准: items (section, code, label, points) whose points make 卷面 20 and 内容 80."""
    check(actor, PERM_SUPERVISE, unit)
    rubric = Rubric(
        org_unit=unit, created_by=actor, name=require_text(name, field="name", message=_("请填写名称。"))
    )
    rubric.version_label = text(version_label) or "1"
    if excellent_from is not None:
        rubric.excellent_from = excellent_from
    if pass_from is not None:
        rubric.pass_from = pass_from
    rubric.full_clean()
    rubric.save()
    totals = dict.fromkeys(RubricSection.values, Decimal("0"))
    for section, code, label, points in items:
        item = RubricItem(rubric=rubric, section=section, code=code, label=label, points=Decimal(points))
        item.full_clean()
        item.save()
        totals[section] += item.points
    for section, expected in SECTION_POINTS.items():
        if totals[section] != expected:
            raise ApplicationError(
                _("%(section)s项目合计须为%(n)s分。")
                % {"section": RubricSection(section).label, "n": expected},
                field="items",
            )
    return rubric


@service
def campaign_create(
    *, actor, unit, title: str, year: int, kind: str, scope_start: date, scope_end: date, rubric, agencies=()
) -> ReviewCampaign:
    check(actor, PERM_SUPERVISE, unit)
    campaign = ReviewCampaign(
        org_unit=unit,
        created_by=actor,
        title=require_text(title, field="title", message=_("请填写活动名称。")),
        year=year,
        kind=kind,
        scope_start=scope_start,
        scope_end=scope_end,
        rubric=rubric,
    )
    campaign.full_clean()
    campaign.save()
    campaign.agencies.set(agencies)
    return campaign


@service
def file_add(
    *, actor, campaign, agency, file_number: str = "", case=None, sampled: bool = False
) -> ReviewedFile:
    """A file enters the campaign: sampled by the Bureau, or self-checked by its agency."""
    check(actor, PERM_SUPERVISE if sampled else "supervision.view_reviewedfile", agency.org_unit)
    if case is not None:
        if case.agency_id != agency.pk:
            raise ApplicationError(_("案卷不属于该执法主体。"), field="case")
        file_number = file_number or case.number
    f = ReviewedFile(
        campaign=campaign,
        agency=agency,
        case=case,
        file_number=require_text(file_number, field="file_number", message=_("请填写案卷号。")),
        sampled=sampled,
        created_by=actor,
    )
    f.full_clean()
    f.save()
    return f


@service
def sample_draw(*, actor, campaign, agency, n: int, seed: int) -> list[ReviewedFile]:
    """抽查: N of the agency's cases decided within the scope window, drawn with `seed` (recorded on
    the campaign) so the draw can be reproduced and audited."""
    campaign = lock(campaign)
    check(actor, PERM_SUPERVISE, campaign.org_unit)
    if n < 1:
        raise ApplicationError(_("抽取数量须大于零。"), field="n")
    candidates = EnforcementCase.objects.filter(
        agency=agency, decided_on__gte=campaign.scope_start, decided_on__lte=campaign.scope_end
    ).values_list("id", flat=True)
    drawn = gates.draw_sample(candidates, n, seed)
    if campaign.sample_seed is not None and campaign.sample_seed != seed:
        raise ApplicationError(_("本活动已用种子%(s)s抽样。") % {"s": campaign.sample_seed}, field="seed")
    campaign.sample_seed = seed
    campaign.save(update_fields=["sample_seed"])
    cases = EnforcementCase.objects.in_bulk(drawn)
    files = [
        ReviewedFile(
            campaign=campaign,
            agency=agency,
            case=cases[i],
            file_number=cases[i].number,
            sampled=True,
            created_by=actor,
        )
        for i in drawn
    ]
    for f in files:
        f.full_clean()
    return ReviewedFile.objects.bulk_create(files)


def _refresh(file: ReviewedFile) -> ReviewedFile:
    rubric = file.campaign.rubric
    sheets = list(file.sheets.order_by("id"))
    score, vetoes, needs = gates.combine(sheets, sampled=file.sampled)
    file.score = score
    file.vetoes = vetoes
    file.needs_consensus = needs
    file.grade = gates.grade_for(
        None if needs else score, vetoes, excellent_from=rubric.excellent_from, pass_from=rubric.pass_from
    )
    file.save(update_fields=["score", "vetoes", "needs_consensus", "grade"])
    return file


@service
def file_score(
    *,
    actor,
    file,
    deductions: Mapping[str, object],
    vetoes: Iterable[str] = (),
    note: str = "",
    on: date | None = None,
    consensus: bool = False,
) -> ReviewedFile:
    """评分: one reviewer's sheet; the file's score and grade follow (veto → 不合格; two reviewers
    more than 10 points apart → 待定 until the consensus sheet)."""
    file = lock(file, related=("agency__org_unit", "campaign__rubric"))
    perm = PERM_SUPERVISE if file.sampled or consensus else "supervision.view_reviewedfile"
    check(actor, perm, file.agency.org_unit)
    gates.check_reviewer(file, actor, consensus=consensus)
    items = dict(file.campaign.rubric.items.values_list("code", "points"))
    score = gates.compute_score(items, deductions)
    sheet = ScoreSheet(
        file=file,
        reviewer=actor,
        deductions={k: str(v) for k, v in deductions.items() if Decimal(str(v)) != 0},
        vetoes=gates.check_vetoes(vetoes),
        score=score,
        is_consensus=consensus,
        scored_on=check_date(on or today(), field="on", label=_("评分日期")),
        note=text(note),
        created_by=actor,
    )
    sheet.full_clean()
    sheet.save()
    return _refresh(file)


@service
def self_check_import(*, actor, campaign, agency, rows, on: date | None = None) -> list[ReviewedFile]:
    """自查结果导入: the agency records its own files' results — each row (file number, deductions by
    item code, veto codes). All or nothing: one refused row stores none, and names its row."""
    check(actor, "supervision.view_reviewedfile", agency.org_unit)
    files = []
    for n, (file_number, deductions, vetoes) in enumerate(rows, start=1):
        try:
            f = file_add.__wrapped__(actor=actor, campaign=campaign, agency=agency, file_number=file_number)
            files.append(
                file_score.__wrapped__(
                    actor=actor, file=f, deductions=deductions or {}, vetoes=vetoes or (), on=on
                )
            )
        except ApplicationError as exc:
            raise ApplicationError(
                _("第%(n)s行：%(msg)s") % {"n": n, "msg": exc.message}, field=exc.field
            ) from exc
    return files
