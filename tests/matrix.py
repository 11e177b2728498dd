"""Permission matrix rows (one matrix that fails when a URL has no row).

Each app lists its URLs in `tests/<app>/matrix.py` as `ROWS = [Row(...), ...]`.
For every row the matrix test checks four callers:
  anonymous → `anonymous` (default: redirect to the login page)
  `other`   → 404 (a user whose jurisdiction does not contain the object; object URLs only)
  `noperm`  → 403 (inside the jurisdiction, without the permission)
  `permitted` → `ok` (default 200)
`kwargs(world)` builds the URL kwargs; `world` is a SimpleNamespace with `tree`, `users` and
anything a row's `setup(world)` puts on it (create objects there, in the permitted user's jurisdiction).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    name: str
    permitted: str | None
    noperm: str | None = "nobody"
    other: str | None = None
    kwargs: Callable | None = None
    setup: Callable | None = None
    method: str = "get"
    data: Callable | None = None
    ok: int | tuple = 200
    anonymous: int | str = "login"
    query: str = ""

    @property
    def id(self):
        return f"{self.method}:{self.name}"
