"""The project's modules import each other without a cycle, and every function-level import says why.

The graph is read from the source (``ast``), not from ``sys.modules``: an edge A → B is an import of
project module B executed while A itself is being imported — the module body, class bodies and
``if``/``try``/``with`` blocks, but not function bodies and not ``if TYPE_CHECKING:`` blocks. Importing
``a.b.c`` also runs ``a/__init__.py`` and ``a/b/__init__.py``, so those are edges too.

A function-level import is allowed only to break a real cycle or to defer a heavy optional import, and
then a comment on its line (or the line just above) says which; an import without one is reported.
Tests and migrations are not walked.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {"tests", "migrations", "__pycache__", ".venv", "node_modules"}


def _packages():
    return sorted(
        p.name
        for p in ROOT.iterdir()
        if p.is_dir() and p.name not in SKIP_DIRS and (p / "__init__.py").exists()
    )


def _modules():
    """Dotted module name → source path for every project module."""
    found = {}
    for package in _packages():
        for path in (ROOT / package).rglob("*.py"):
            rel = path.relative_to(ROOT)
            if SKIP_DIRS.intersection(rel.parts[:-1]):
                continue
            parts = list(rel.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(nodes, *, in_function, function=None):
    """Yield (import node, the enclosing function's name or None) for every import under ``nodes``."""
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, function if in_function else None
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            name = getattr(node, "name", "<lambda>")
            yield from _walk(ast.iter_child_nodes(node), in_function=True, function=name)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _walk(node.orelse, in_function=in_function, function=function)
        else:
            yield from _walk(ast.iter_child_nodes(node), in_function=in_function, function=function)


def _base_package(module, path, level):
    parts = module.split(".")
    if path.name != "__init__.py":
        parts = parts[:-1]
    if level > 1:
        parts = parts[: len(parts) - (level - 1)]
    return ".".join(parts)


def _ancestors(module):
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts))}


def _targets(node, module, path, modules):
    """Project modules whose import the statement executes.

    Importing ``a.b.c`` runs ``a`` and ``a.b`` first, so they are targets too — except the importing
    module's own ancestors: Python has already started them before the module runs, so an edge back to
    them is not a cycle. ``from . import name`` of a name (not a submodule) does read the package's
    namespace and stays an edge.
    """
    if isinstance(node, ast.Import):
        wanted = {alias.name for alias in node.names}
    else:
        if node.level:
            base = _base_package(module, path, node.level)
            source = f"{base}.{node.module}" if node.module and base else (node.module or base)
        else:
            source = node.module
        submodules = {f"{source}.{alias.name}" for alias in node.names} & modules.keys()
        wanted = set(submodules)
        if len(submodules) < len(node.names):
            wanted.add(source)
    own_ancestors = _ancestors(module)
    targets = set()
    for name in wanted:
        parts = name.split(".")
        for i in range(1, len(parts) + 1):
            candidate = ".".join(parts[:i])
            if candidate not in modules or candidate == module:
                continue
            if candidate in own_ancestors and candidate != name:
                continue
            targets.add(candidate)
    return targets


def _parse(modules):
    return {
        module: ast.parse(path.read_text(encoding="utf-8"), str(path)) for module, path in modules.items()
    }


def import_graph():
    modules = _modules()
    graph = {}
    for module, tree in _parse(modules).items():
        edges = set()
        for node, function in _walk(tree.body, in_function=False):
            if function is None:
                edges |= _targets(node, module, modules[module], modules)
        graph[module] = edges
    return graph


def find_cycles(graph):
    """One cycle path per strongly connected component of more than one module (Tarjan)."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return [_cycle_path(graph, component) for component in components]


def _cycle_path(graph, component):
    """A shortest path from the component's first module back to itself, inside the component."""
    start = min(component)
    previous = {start: None}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v] & component):
            if w == start:
                path = [v]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if w not in previous:
                previous[w] = v
                queue.append(w)
    return sorted(component)


def _has_reason(lines, lineno):
    line = lines[lineno - 1]
    if "#" in line:
        return True
    above = lines[lineno - 2].strip() if lineno >= 2 else ""
    return above.startswith("#")


def _exempt(path):
    """Local imports whose reason is structural, so they need no comment of their own:

    - ``apps.py``: Django imports every app's config before any model (``AppConfig.ready()`` is the
      documented place for the hooks), so a function there cannot import models at the top;
    - ``bench/``: the benchmark runner imports project code only after it configured and set up Django
      itself (bench/run.py), so its figures import models inside the measuring functions.
    """
    rel = path.relative_to(ROOT)
    return rel.parts[0] == "bench" or rel.name == "apps.py"


def unexplained_local_imports():
    modules = _modules()
    found = []
    for module, tree in _parse(modules).items():
        path = modules[module]
        lines = path.read_text(encoding="utf-8").splitlines()
        for node, function in _walk(tree.body, in_function=False):
            if function is None or _exempt(path):
                continue
            if not _has_reason(lines, node.lineno):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()}")
    return found


def test_the_walker_sees_the_project():
    graph = import_graph()
    assert "reconsideration.models.case" in graph["reconsideration.models"]
    assert "core.models" in graph["reconsideration.models.case"]
    assert not any(m.startswith(("tests.", "tests")) for m in graph)
    assert not any(".migrations" in m for m in graph)


def test_a_cycle_is_found_and_shown():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_project_modules():
    cycles = find_cycles(import_graph())
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles)


def test_every_function_level_import_says_why():
    found = unexplained_local_imports()
    assert not found, (
        "function-level imports without a comment (move them to the top, or say which cycle or heavy "
        "optional import forces them):\n" + "\n".join(found)
    )
