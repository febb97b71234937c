"""The modules of readout import each other in one direction only: no import circle, counting imports inside functions
and those made only for type checking, so that each module can be read, built and tested on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import readout

ROOT = Path(readout.__file__).parent


def module_imports() -> dict[str, set[str]]:
    """Each module of readout -> the modules of readout it imports (a package only when a name of its own is)."""
    files = {}
    for f in ROOT.rglob("*.py"):
        parts = list(f.relative_to(ROOT.parent).with_suffix("").parts)
        files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = f
    graph: dict[str, set[str]] = {}
    for name, f in files.items():
        deps: set[str] = set()
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in files and node.level == 0:
                subs = {f"{node.module}.{a.name}" for a in node.names} & files.keys()
                deps |= subs
                if len(subs) < len(node.names):
                    deps.add(node.module)
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name in files}
        graph[name] = deps - {name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or not (strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_module_of_readout_imports_itself_round_a_circle():
    graph = module_imports()
    assert "readout.formats.documents" in graph["readout.formats.markup"]  # the graph sees these imports
    assert "readout.formats.markup" in graph["readout.formats.readers"]  # ... and those inside functions
    assert "readout.nlp.filling" in graph["readout.nlp.events"] and "readout.nlp.build" in graph["readout.nlp"]
    assert circles(graph) == []


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
