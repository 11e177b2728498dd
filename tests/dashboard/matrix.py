"""Permission-matrix rows for the dashboard (tests/matrix.py explains the fields)."""

from ..matrix import Row

ROWS = [
    Row("dashboard:index", permitted="leader", noperm="fuyi"),
    Row("dashboard:assessment", permitted="leader", noperm="fuyi"),
    Row("dashboard:export_xlsx", permitted="leader", noperm="fuyi"),
    Row("dashboard:export_pdf", permitted="leader", noperm="fuyi"),
    # Read-only: a POST, even from a leader, is refused.
    Row("dashboard:index", permitted=None, noperm="leader", method="post"),
    Row("dashboard:assessment", permitted=None, noperm="leader", method="post"),
]
