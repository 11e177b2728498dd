"""Every comment, docstring and doc cites what a maintainer who clones the repository can open: the
statute with its article, a module, or a file under docs/ — never a document kept outside the
repository, nor a tracker item.

The patterns are assembled from pieces so this file does not match itself."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

#: Directories that are not the project's own text: environments, caches, vendored libraries.
SKIP_DIRS = {
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "htmlcov",
}
SKIP_PREFIXES = ("static/vendor/", "media/", "staticfiles/")
SUFFIXES = {
    ".py",
    ".html",
    ".txt",
    ".md",
    ".toml",
    ".yml",
    ".yaml",
    ".cfg",
    ".ini",
    ".sh",
    ".js",
    ".css",
    ".po",
}
NAMES = {"Makefile", "Dockerfile", "run", ".env.example"}  # `run`: .ci/run

OUTSIDE = re.compile(
    "|".join(
        [
            r"\b(?:DESIGN|DOMAIN|STYLE)" + r"\.md",  # the design notes the project was started from
            r"\.\." + r"/shared",  # the directory beside the repository that holds them
            r"\b[Ii]ssue" + r" ?#?[0-9]+",  # a tracker item by its number
            r"\(#" + r"[0-9]+\)",  # a pull request by its number
        ]
    )
)
DOCS_PATH = re.compile(r"\bdocs/[\w./-]+?\.md\b")


def _source_files():
    for path in sorted(ROOT.rglob("*")):
        rel = path.relative_to(ROOT)
        if any(part in SKIP_DIRS for part in rel.parts) or rel.as_posix().startswith(SKIP_PREFIXES):
            continue
        if path.is_file() and (path.suffix in SUFFIXES or path.name in NAMES):
            yield rel, path.read_text(encoding="utf-8", errors="replace")


def _hits(pattern):
    for rel, text in _source_files():
        for number, line in enumerate(text.splitlines(), 1):
            for match in pattern.finditer(line):
                yield rel.as_posix(), number, match.group(0), line.strip()


def test_the_walk_sees_the_project_files():
    # Guards the two tests below against passing because they read nothing.
    seen = {rel.as_posix() for rel, _text in _source_files()}
    assert {"deadlines/engine.py", "Makefile", "README.md", "docs/law/counting.md"} <= seen
    assert not any(name.startswith("static/vendor/") for name in seen)


def test_no_reference_points_outside_the_repository():
    hits = [f"{rel}:{number}: {found!r} in {line}" for rel, number, found, line in _hits(OUTSIDE)]
    assert not hits, "cite the statute, a module or docs/… instead:\n" + "\n".join(hits)


def test_every_cited_docs_file_exists():
    # Pages under docs/ may name a page still to be written ("write docs/law/<app>.md"); code may not.
    missing = [
        f"{rel}:{number}: {cited}"
        for rel, number, cited, _line in _hits(DOCS_PATH)
        if not rel.startswith("docs/") and not (ROOT / cited).is_file()
    ]
    assert not missing, "cited but not in the repository:\n" + "\n".join(missing)
