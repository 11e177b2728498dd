"""Excel export of 100k rows (docs/budgets.md: "streamed, in bounded memory").

Every list's `?export=xlsx` goes through `core.exports.xlsx_response`: a write-only openpyxl sheet fed
by a lazy iterator, zipped into a temporary file that the response streams. This figure exports the
`World.deadlines()` rows (DEADLINES_PER_SCALE × scale, 100k at scale 10) through that function and
reports the time and the Python heap's peak (tracemalloc) for the whole set and for a tenth of it.
Rows are never held: what grows is openpyxl's shared-string table (each distinct text once, about
170 bytes each), so the peak is stated per row and checked against a fixed ceiling for 100k rows.
The plain-way reference is the same rows written with `csv.writer` into memory (no spreadsheet).
"""

from __future__ import annotations

import csv
import io
import tracemalloc

from ..registry import Figure, benchmark, timed

COLUMNS = ("id", "subject", "rule_code", "trigger_date", "due_date", "status", "is_suspended")
HEADERS = ("编号", "事项", "规则", "起算日", "届满日", "状态", "中止")
#: The Python heap's peak for a 100k-row export stays under this ceiling.
PEAK_CEILING = 64 * 2**20


def _rows(limit: int):
    from deadlines.models import Deadline

    return Deadline.objects.order_by("pk").values_list(*COLUMNS)[:limit].iterator(chunk_size=2000)


def _export(request, limit: int):
    from core.exports import xlsx_response

    def run():
        response = xlsx_response(
            request=request,
            filename="期限.xlsx",
            headers=HEADERS,
            rows_iterable=_rows(limit),
            model_label="deadlines.deadline",
        )
        for _chunk in response.streaming_content:  # what the WSGI server does
            pass
        # Not response.close(): its request_finished signal would close the benchmark's connection.
        response.file_to_stream.close()

    return run


def _csv(limit: int):
    def run():
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(HEADERS)
        writer.writerows(_rows(limit))

    return run


def _peak(func) -> int:
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@benchmark("export.xlsx", order=900)
def export_xlsx(world) -> list[Figure]:
    """Excel export of the deadline rows (100k at scale 10): time and peak memory, all rows and a tenth."""
    from django.test import RequestFactory

    from accounts.models import User

    seeded = world.deadlines()
    request = RequestFactory().get("/deadlines/?export=xlsx")
    request.user = User.objects.filter(is_superuser=False).order_by("pk").first()
    n = seeded.deadlines
    tenth = max(1, n // 10)
    peak_all = _peak(_export(request, n))
    peak_tenth = _peak(_export(request, tenth))
    per_row = (peak_all - peak_tenth) / max(1, n - tenth)
    projected = peak_all + per_row * max(0, 100_000 - n)  # at 100k rows, when the run had fewer
    repeats = max(1, min(world.repeats, 3))  # each repeat writes the whole file
    note = (
        f"Python heap peak {peak_all / 2**20:.1f} MiB for {n:,} rows, {peak_tenth / 2**20:.1f} MiB for "
        f"{tenth:,} rows ({per_row:.0f} B per further row, the shared-string table); "
        f"{projected / 2**20:.1f} MiB at 100k rows, ceiling {PEAK_CEILING / 2**20:.0f} MiB: "
        f"{'OK' if projected <= PEAK_CEILING else 'EXCEEDED'}"
    )
    return [
        Figure(
            label="export.xlsx (all rows)",
            n=n,
            samples=timed(_export(request, n), repeats),
            reference=timed(_csv(n), repeats),
            reference_label="csv.writer into memory",
            note=note,
        )
    ]
