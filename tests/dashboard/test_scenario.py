"""`seed_demo --scenario tianshui-2023`: the dashboard shows the article's figures, computed by the same
selectors from the seeded records (docs/indicators.md). By default only the seeders the 行政应诉
figures need (accounts, calendar, litigation: about 45 s at scale 1) run here, under the scenario's
day; the decisions, mediation and enforcement seeders take about a minute each or more (measured
55 s, 44 s and several minutes on the shared machine), so their figures are checked with
SCENARIO_FULL=1, which runs every registered seeder (行政监督's too)."""

import os
import time
from io import StringIO

import pytest
from django.utils import timezone

from accounts.models import User
from core.demo import scenario
from core.registry import seeders

pytestmark = pytest.mark.django_db

FAST = ("accounts", "calendar", "litigation")
FULL = bool(os.environ.get("SCENARIO_FULL"))


def _seed(names=None):
    out = StringIO()
    with scenario("tianshui-2023"):
        for seeder in seeders():
            if names is None or seeder.name in names:
                started = time.monotonic()
                seeder.func(1, out)
                print(seeder.name, round(time.monotonic() - started, 1), "s")


def _figures(client, params) -> dict[str, object]:
    client.force_login(User.objects.get(username="leader"), backend="accounts.backends.AccountsBackend")
    response = client.get("/dashboard/", params)
    assert response.status_code == 200
    page = response.content.decode()
    figures = {}
    for panel in response.context["panels"]:
        for figure in panel.figures:
            figures[f"{panel.key}:{figure.label}"] = figure
            shown = (
                ("—" if figure.value is None else f"{figure.value}%") if figure.is_rate else str(figure.value)
            )
            assert shown in page, (panel.key, figure.label, shown)  # as displayed
    return figures


def _check_litigation(client):
    year_2023 = _figures(client, {"period": "year", "year": "2023"})
    attendance = year_2023["litigation:负责人出庭应诉率"]
    assert str(attendance.value) == "100.00"
    lost = year_2023["litigation:败诉率（被纠错率）"]
    assert "较上年 -10.39 个百分点" in lost.hint


def _check_since_2021(client):
    since_2021 = {"period": "range", "start": "2021-01-01", "end": f"{timezone.localdate():%Y-%m-%d}"}
    f = _figures(client, since_2021)
    assert f["decisions:合法性审查收文"].value == 644
    assert f["decisions:出具审查意见"].value >= 130
    assert f["decisions:法律顾问意见"].value == 186
    assert f["decisions:决策后评估"].value == 48
    assert f["mediation:诉调对接单位"].value == 17
    assert f["mediation:诉调对接文件"].value == 14
    assert f["mediation:诉调对接中心（站）"].value == 7
    return f


@pytest.mark.skipif(FULL, reason="SCENARIO_FULL=1 runs the full scenario instead")
def test_the_scenario_shows_the_articles_figures(client):
    _seed(FAST)
    _check_litigation(client)


@pytest.mark.skipif(
    not FULL,
    reason="opt-in (SCENARIO_FULL=1): seeding every mechanism's full scenario takes many minutes; "
    "the 行政应诉 figures are checked by test_the_scenario_shows_the_articles_figures, the other "
    "seeders' parity and counts by tests/*/test_seed_parity.py",
)
def test_the_full_scenario_shows_every_article_figure(client):
    _seed()
    _check_litigation(client)
    f = _check_since_2021(client)
    assert f["enforcement:执法主体"].value == 327
    assert f["enforcement:执法证件"].value == 9049
    assert f["enforcement:参训执法人员"].value >= 8900
    assert f["supervision:重大执法决定备案"].value == 1851
    assert f["supervision:发布指导案例"].value == 19
    assert f["supervision:特邀监督员"].value == 36
    review_2022 = _figures(client, {"period": "year", "year": "2022"})
    assert review_2022["supervision_review:自查案卷"].value >= 50000
    assert review_2022["supervision_review:抽查案卷"].value == 1499
