"""The package's layout holds: six wings, each importing only the wings above it in
``WINGS``, no import cycle between modules, no module over 600 lines, a core without
third-party imports (numpy in ``core/batch.py`` only), and a CLI that never imports
charts or ui. Every import statement counts, function-level and ``TYPE_CHECKING``
ones included: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "interview_kit"
#: Each wing may import itself and the wings before it, never one after it.
WINGS = ("core", "journal", "learn", "charts", "ui", "cli")
#: Exceptions to the order: the command line never imports charts or ui.
FORBIDDEN = {"cli": {"charts", "ui"}}
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every name ``path`` imports, made absolute (``..core.x`` -> ``interview_kit.core.x``)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            out.add(module)
            out.update(f"{module}.{alias.name}" for alias in node.names)
    return out


def _internal(target: str) -> str | None:
    """The package module ``target`` names (a name inside a module: that module)."""
    while target:
        if target in MODULES:
            return target
        target = target.rpartition(".")[0]
    return None


GRAPH = {
    name: {t for t in map(_internal, _imports(name, path)) if t not in (None, name)}
    for name, path in MODULES.items()
}
THIRD_PARTY = {
    name: {
        t.split(".")[0]
        for t in _imports(name, path)
        if t
        and not t.startswith("interview_kit")
        and t.split(".")[0] not in sys.stdlib_module_names
    }
    for name, path in MODULES.items()
}


def _wing(module: str) -> str | None:
    """The wing a module belongs to. The top-level package is the core's face (it
    re-exports core names and ``__version__``); ``__main__`` runs the command line."""
    parts = module.split(".")
    if len(parts) == 1:
        return "core"
    if parts[1] == "__main__":
        return "cli"
    return parts[1] if parts[1] in WINGS else None


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in GRAPH[v]:
                found.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return found


def test_every_module_sits_in_a_wing():
    assert [m for m in MODULES if _wing(m) is None] == []
    assert {_wing(m) for m in MODULES} - {None} == set(WINGS)


def test_no_import_cycles():
    assert _cycles() == []


@pytest.mark.parametrize("wing", WINGS)
def test_a_wing_imports_only_the_wings_above_it(wing):
    allowed = set(WINGS[: WINGS.index(wing) + 1]) - FORBIDDEN.get(wing, set())
    wrong = sorted(
        f"{m} -> {t}"
        for m in MODULES
        if _wing(m) == wing
        for t in GRAPH[m]
        if _wing(t) not in allowed
    )
    assert wrong == []


def test_the_top_level_package_exposes_the_core_only():
    assert GRAPH["interview_kit"] and all(
        t.startswith("interview_kit.core.") for t in GRAPH["interview_kit"]
    )


def test_the_core_imports_the_standard_library_only():
    outside = {
        m: deps
        for m, deps in THIRD_PARTY.items()
        if _wing(m) == "core" and deps - ({"numpy"} if m.endswith(".batch") else set())
    }
    assert outside == {}


#: The dashboard's server process (``python -m interview_kit.cli.voila_server``, started
#: by ``interview-kit dashboard``): Voila itself, which the command line runs but never
#: imports (checked below).
SERVER_PROCESS = {"interview_kit.cli.voila_server"}


def test_the_command_line_imports_no_gui_stack():
    gui = {"matplotlib", "ipywidgets", "IPython", "traitlets", "voila"}
    assert {
        m: deps & gui
        for m, deps in THIRD_PARTY.items()
        if _wing(m) == "cli" and m not in SERVER_PROCESS and deps & gui
    } == {}


def test_nothing_imports_the_server_process():
    assert [m for m in MODULES if GRAPH[m] & SERVER_PROCESS] == []


def test_no_module_is_over_600_lines():
    long = {
        m: n
        for m, p in MODULES.items()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_rules_can_fail():
    """The checks above see a real violation: a cycle and a wrong-way import."""
    saved = {k: set(v) for k, v in GRAPH.items()}
    try:
        GRAPH["interview_kit.core.signals"].add("interview_kit.core.scoring")
        assert any("interview_kit.core.signals" in c for c in _cycles())
        GRAPH["interview_kit.core.signals"].add("interview_kit.ui.app")
        with pytest.raises(AssertionError):
            test_a_wing_imports_only_the_wings_above_it("core")
    finally:
        GRAPH.clear()
        GRAPH.update(saved)


def test_panels_get_the_session_not_the_app():
    """Nothing in the package imports the App: panels work on the session it hands them."""
    assert sorted(m for m, deps in GRAPH.items() if "interview_kit.ui.app" in deps) == []
