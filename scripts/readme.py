"""Regenerate the README's generated sections from the live program, so that they never disagree with it:
the CLI reference (from ``--help``) and the seed's table (from ``readout code``, where ../shared is present).

    .venv/bin/python scripts/readme.py
"""

from __future__ import annotations

import io
import os
import re
import sys
from contextlib import redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "wang-yi-meets-sirojiddin-muhriddin-2025-04-25.txt"
HELP_COLUMNS = "110"


def cli_help() -> str:
    """The help of every command, as the README shows it."""
    from readout.cli import _parser

    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = HELP_COLUMNS
    try:
        parser = _parser()
        parts = [parser.format_help()]
        sub = next(a for a in parser._actions if a.dest == "command")
        for name, p in sub.choices.items():
            parts.append(f"$ readout {name} --help\n" + p.format_help())
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before
    return "```\n$ readout --help\n" + "\n".join(parts).rstrip() + "\n```"


def seed_table() -> str:
    from readout.cli import main

    os.environ["COLUMNS"] = "160"
    out = io.StringIO()
    with redirect_stdout(out):
        main(["code", str(SEED)])
    return "```\n" + out.getvalue().rstrip() + "\n```"


def replace(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"<!-- {name} -->.*?(<!-- /{name} -->|$)", re.S)
    block = f"<!-- {name} -->\n{body}\n<!-- /{name} -->"
    if f"<!-- /{name} -->" not in text:
        return text.replace(f"<!-- {name} -->", block)
    return pattern.sub(lambda _: block, text)


def main() -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    text = replace(text, "CLI-HELP", cli_help())
    if SEED.exists():
        text = replace(text, "SEED-TABLE", seed_table())
    readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
