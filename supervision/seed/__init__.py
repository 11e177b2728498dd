"""Demo data of enforcement supervision (filled in by supervision/seed/data.py)."""

from .data import run


def seed(scale: int, stdout) -> None:
    run(scale, stdout)
