"""Demo data of 重大行政决策 and 合法性审查 (filled in by decisions/seed/data.py)."""

from .data import run


def seed(scale: int, stdout) -> None:
    run(scale, stdout)
