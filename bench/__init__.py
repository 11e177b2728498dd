"""Benchmark harness (`make bench`, docs/budgets.md): figures measured beside the plain way of doing them.

    DJANGO_SETTINGS_MODULE=tianshui_cases.settings.base \
    DATABASE_URL=postgres://user@host:5432/dbname python -m bench.run --scale 10

Figures live in `bench/figures/*.py`, registered with `@benchmark(...)` (bench.registry); each gets a
`World` (bench.world) that seeds what the figure needs inside one transaction rolled back at the end,
so a run leaves the database as it found it.
"""
