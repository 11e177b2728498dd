"""Supervision records for tests, built through the services.

s = supervision_world(tree, users)   # the enforcement world + a rubric (卷面 20, 内容 80) and a campaign
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from supervision import services
from supervision.choices import CampaignKind, NoticeSource, RubricSection

from ..enforcement.factories import enforcement_world

ITEMS = (
    (RubricSection.FORM, "A1", "卷宗装订规范", Decimal("10")),
    (RubricSection.FORM, "A2", "文书填写完整", Decimal("10")),
    (RubricSection.CONTENT, "B1", "证据确实充分", Decimal("30")),
    (RubricSection.CONTENT, "B2", "程序合法", Decimal("30")),
    (RubricSection.CONTENT, "B3", "裁量适当", Decimal("20")),
)


def make_rubric(unit, **kwargs):
    return services.rubric_create(
        actor=None, unit=unit, name="行政执法案卷评查标准", version_label="2022", items=ITEMS, **kwargs
    )


def supervision_world(tree, users):
    w = enforcement_world(tree, users)
    w.rubric = make_rubric(tree.city_justice)
    w.campaign = services.campaign_create(
        actor=None,
        unit=tree.city_justice,
        title="2022年度行政执法案卷评查",
        year=2022,
        kind=CampaignKind.SAMPLE,
        scope_start=date(2021, 7, 1),
        scope_end=date(2026, 6, 30),
        rubric=w.rubric,
        agencies=[w.agency],
    )
    return w


def sampled_file(w, number="市监罚〔2025〕1号"):
    return services.file_add(
        actor=None, campaign=w.campaign, agency=w.agency, file_number=number, sampled=True
    )


def external_filing(w, *, decided_on=date(2025, 7, 1), filed_on=date(2025, 7, 10), actor=None):
    return services.filing_submit(
        actor=actor,
        agency=w.agency,
        decision_number="天市监罚〔2025〕8号",
        decision_summary="吊销食品经营许可证",
        decided_on=decided_on,
        filed_on=filed_on,
    )


def issued_notice(w, *, actor=None, issued_on=date(2025, 8, 1)):
    return services.notice_issue(
        actor=actor,
        agency=w.agency,
        source=NoticeSource.FILE_REVIEW,
        problem="案卷缺少听证告知书。",
        legal_basis="《中华人民共和国行政处罚法》第六十三条",
        requirement="补正告知程序并建立听证告知台账。",
        issued_on=issued_on,
    )


__all__ = ["SimpleNamespace", "supervision_world"]
