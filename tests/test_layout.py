"""The code stays readable in pieces: no module of readout over 400 lines, no function over 80 (split by meaning
when one grows past them; see docs/architecture.md for where things go)."""

from __future__ import annotations

import ast
from pathlib import Path

import readout

ROOT = Path(readout.__file__).parent
MODULE_LINES, FUNCTION_LINES = 400, 80


def sources() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)


def test_no_module_is_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in sources() if (n := p.read_text().count("\n")) > MODULE_LINES}
    assert len(sources()) > 40 and long == {}


def test_no_function_is_over_80_lines():
    long = {}
    for p in sources():
        for node in ast.walk(ast.parse(p.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                n = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if n > FUNCTION_LINES:
                    long[f"{p.relative_to(ROOT)}:{node.lineno} {node.name}"] = n
    assert long == {}
