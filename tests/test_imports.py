"""The stages' modules import one another without a circle: every import counts, inside functions and under
``TYPE_CHECKING`` too, so that each collaborator of a stage can be read, built and tested on its own."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "readout"


def imports(path: Path, package: str) -> set[str]:
    """The ``readout`` modules a file imports anywhere in it (``from readout.nlp import grammar`` names
    ``readout.nlp.grammar`` where that is a module)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("readout"))
        elif isinstance(node, ast.ImportFrom) and node.module:
            parts = package.split(".")
            base = node.module if node.level == 0 else ".".join([*parts[: len(parts) - node.level + 1], node.module])
            if not base.startswith("readout"):
                continue
            for a in node.names:
                sub = f"{base}.{a.name}"
                out.add(sub if _module_path(sub) is not None else base)
    return out


def _module_path(name: str) -> Path | None:
    rel = Path(*name.split(".")[1:])
    for p in (PACKAGE / rel.with_suffix(".py"), PACKAGE / rel / "__init__.py"):
        if p.exists():
            return p
    return None


def graph(folder: Path) -> dict[str, set[str]]:
    out = {}
    for path in sorted(folder.glob("*.py")):
        name = "readout." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        name = name.removesuffix(".__init__")
        out[name] = {m for m in imports(path, name.rsplit(".", 1)[0]) if m != name}
    return out


def cycle(edges: dict[str, set[str]]) -> list[str]:
    """One circle of imports among the modules of ``edges``, or an empty list."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str]:
        state[n] = 1
        stack.append(n)
        for m in sorted(edges.get(n, ())):
            if m not in edges:
                continue
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return []

    for n in sorted(edges):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return []


def test_nlp_modules_import_no_circle():
    edges = graph(PACKAGE / "nlp")
    # the package's __init__ imports the stages to register them; the stages import it for nothing but that
    edges = {k: {m for m in v if m != "readout.nlp"} for k, v in edges.items()}
    assert cycle(edges) == []


def test_the_events_stage_is_composed_not_mixed():
    from readout.nlp.events import EventCoder

    assert EventCoder.__mro__ == (EventCoder, object)
    from readout.nlp.actors import ActorResolver

    assert ActorResolver.__mro__ == (ActorResolver, object)


def test_the_cycle_finder_finds_one():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
