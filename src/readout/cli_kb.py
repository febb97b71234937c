"""``readout kb``: import CAMEO/TABARI/PETRARCH dictionaries into a knowledge folder, and show how a phrase
resolves on a date and why."""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from readout.errors import ReadoutError

TABLES = ("countries.tsv", "igos.tsv", "agents.tsv", "officials.tsv", "names.tsv", "events.tsv", "contexts.tsv",
          "cues.tsv", "publishers.tsv")

KB_EXAMPLES = """\
examples:
  readout kb show "Tajikistan's Foreign Minister Sirojiddin Muhriddin" --date 2025-04-25
  readout kb show "the Secretary" --date 2021-06-01 --source state.gov --format json
  readout kb import ../shared/reference/Phoenix.*.txt --into my-knowledge
  readout code news.jsonl --knowledge my-knowledge

`kb import` writes a complete knowledge folder: readout's own tables with the dictionaries' entries added (people
with their dated codes as officials, groups and institutions as names, nouns as agents, other names for countries
and organisations as aliases). Use it with --knowledge. Lines that cannot be read are reported with their line
number; the exit status is 1 if there were any.
"""


def add_parsers(sub: Any) -> None:
    kb = sub.add_parser("kb", help="the knowledge base: show how a phrase resolves, import dictionaries",
                        description="Show how a name or phrase resolves, or import CAMEO actor and agent "
                                    "dictionaries.", epilog=KB_EXAMPLES,
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    kbsub = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)
    show = kbsub.add_parser("show", help="how a name or phrase resolves on a date, and why")
    show.add_argument("text", help="a name or phrase, or a sentence")
    show.add_argument("--date", help="the date it is read on, YYYY-MM-DD (default: no date)")
    show.add_argument("--source", help="the publisher, e.g. state.gov (bare titles are the publisher's own)")
    show.add_argument("--format", default="table", choices=("table", "json"))
    show.add_argument("--knowledge", metavar="DIR", help="knowledge folder to use instead of the built-in one")
    imp = kbsub.add_parser("import", help="import TABARI/PETRARCH .actors and .agents dictionaries")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--into", required=True, metavar="DIR", help="knowledge folder to write (created if missing)")
    imp.add_argument("--knowledge", metavar="DIR", help="knowledge folder to extend (default: the built-in one)")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.kb_command == "show":
        return cmd_show(args, out)
    return cmd_import(args, out, err)


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from readout.cli_corpus import option_date
    from readout.coder import Coder
    from readout.records import Document

    date = option_date(args.date)
    coded = Coder(knowledge=args.knowledge).code(Document(text=args.text, date=date, source=args.source or ""))
    rows = [{"text": a.text, "country": a.country, "sector": a.sector, "code": a.code, "person": a.person,
             "role": a.role, "decided_by": a.resolved_by} for a in coded.actors]
    if args.format == "json":
        out.write(json.dumps({"text": args.text, "date": date, "actors": rows}, ensure_ascii=False, indent=2) + "\n")
        return 0
    if not rows:
        out.write(f"{args.text!r}: no actor found\n")
        return 0
    import pandas as pd

    from readout.cli_corpus import text_table

    out.write(text_table(pd.DataFrame(rows), {"text": 50, "decided_by": 70}) + "\n")
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from readout.knowledge import load, read_table
    from readout.knowledge.tabari import import_file

    base = Path(args.knowledge) if args.knowledge else None
    kb = load(args.knowledge)
    tables = {name: read_table(name, base) for name in TABLES}
    bad = 0
    for f in args.files:
        path = Path(f)
        if not path.is_file():
            raise ReadoutError(f"{f}: no such file")
        got = import_file(path, kb)
        for lineno, what in got.errors:
            print(f"readout: error: {f}:{lineno}: {what}", file=err)
        bad += len(got.errors)
        tables["officials.tsv"] += got.officials
        tables["names.tsv"] += [{k: r[k] for k in ("id", "name", "aliases", "country", "sector", "start", "end")}
                                for r in got.names]
        tables["agents.tsv"] += got.agents
        _add_aliases(tables["countries.tsv"], "iso3", got.country_aliases)
        _add_aliases(tables["igos.tsv"], "id", got.organisation_aliases)
        counts = ", ".join(f"{k} {v}" for k, v in got.counts().items())
        out.write(f"{f}: {counts}\n")
    target = Path(args.into)
    target.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        (target / name).write_text(_tsv(rows, name, base), encoding="utf-8")
    out.write(f"wrote {target}/ ({', '.join(f'{n} {len(r)}' for n, r in tables.items() if n in _GROWN)}); "
              f"use it with --knowledge {target}\n")
    return 1 if bad else 0


_GROWN = ("officials.tsv", "names.tsv", "agents.tsv", "countries.tsv", "igos.tsv")


def _add_aliases(rows: list[dict[str, str]], key: str, extra: dict[str, list[str]]) -> None:
    by_key = {r[key]: r for r in rows}
    for k, names in extra.items():
        row = by_key.get(k)
        if row is None:
            continue
        have = set(row["aliases"].split("|")) | {row.get("name", "")}
        new = [n for n in dict.fromkeys(names) if n not in have]
        row["aliases"] = "|".join([a for a in row["aliases"].split("|") if a] + new)


def _header(name: str, base: Path | None) -> list[str]:
    text = (base / name).read_text(encoding="utf-8") if base else \
        resources.files("readout.knowledge").joinpath("data", name).read_text(encoding="utf-8")
    return text.splitlines()[0].split("\t")


def _tsv(rows: list[dict[str, str]], name: str, base: Path | None) -> str:
    columns = _header(name, base)
    lines = ["\t".join(columns)]
    lines += ["\t".join(" ".join(str(r.get(c, "") or "").split()) for c in columns) for r in rows]
    return "\n".join(lines) + "\n"
