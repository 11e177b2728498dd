"""Demo data of 重大行政决策 and 合法性审查 (filled in by decisions/seed/data.py)."""


def seed(scale: int, stdout) -> None:
    from .data import run

    run(scale, stdout)
