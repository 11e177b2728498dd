"""bench/results/latest.json: what `make bench` leaves behind for the next run to compare against."""

import json

from bench.registry import Figure
from bench.run import results_document, write_results
from bench.world import DemoWorld

RUN = {
    "scale": 10,
    "repeats": 5,
    "today": "2026-06-10",
    "database": "tianshui_bench",
    "started_at": "2026-11-29T09:35:00+00:00",
    "seconds": 1234.5,
    "commit": "0123abcd",
    "only": None,
}


def _figures():
    return [
        Figure(
            label="list.reconsideration",
            n=20_000,
            samples=[0.050, 0.040, 0.030, 0.045, 0.070],
            reference=[0.020, 0.025, 0.010],
            reference_label="admin changelist",
            budget=0.060,
            note="filters: 收案日期",
        ),
        Figure(label="reminder scan", n=100_000, samples=[4.0, 3.0, 5.0], budget=10.0),
        Figure(label="export", n=100_000, samples=[2.0]),
    ]


def test_latest_json_records_each_figure_with_its_reference_ratio_and_budget(tmp_path):
    path = tmp_path / "results" / "latest.json"  # the directory does not exist yet
    demo = DemoWorld(scale=10, seeded=True, seconds=1500.0, counts={})

    write_results(path, results_document(_figures(), run=RUN, demo=demo))

    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["run"] == RUN
    assert doc["demo"] == {"scale": 10, "reused": False, "seeding_seconds": 1500.0}
    listed, scan, export = doc["figures"]
    assert listed == {
        "label": "list.reconsideration",
        "n": 20_000,
        "repeats": 5,
        "min": 0.030,
        "p50": 0.045,
        "p95": 0.070,  # five repeats: the nearest-rank p95 is the slowest one
        "reference": {"label": "admin changelist", "median": 0.020},
        "ratio": 0.045 / 0.020,
        "budget": 0.060,
        "within_budget": False,  # the p95, not the median, is held to the budget (docs/budgets.md)
        "note": "filters: 收案日期",
    }
    assert (scan["p50"], scan["p95"], scan["within_budget"]) == (4.0, 5.0, True)
    assert scan["reference"] is None and scan["ratio"] is None
    assert (export["budget"], export["within_budget"]) == (None, None)
    assert not list(path.parent.glob("*.tmp"))  # written whole, then renamed


def test_a_reused_demo_database_and_a_run_without_demo_data_are_told_apart(tmp_path):
    path = tmp_path / "latest.json"
    reused = DemoWorld(scale=10, seeded=False, seconds=0.0, counts={})
    write_results(path, results_document(_figures(), run=RUN, demo=reused))
    assert json.loads(path.read_text())["demo"] == {"scale": 10, "reused": True, "seeding_seconds": 0.0}

    write_results(path, results_document(_figures()[:1], run=RUN, demo=None))  # overwrites the last run
    doc = json.loads(path.read_text())
    assert doc["demo"] is None
    assert [f["label"] for f in doc["figures"]] == ["list.reconsideration"]
