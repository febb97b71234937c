"""``readout kb``: import CAMEO/TABARI/PETRARCH dictionaries into a knowledge folder, and show how a phrase
resolves on a date and why."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from readout.cli_corpus import DB_HELP, KNOWLEDGE_HELP
from readout.errors import ReadoutError
from readout.knowledge import read_tables, tables
from readout.knowledge.tables import SPECS, TABLES, Row

KB_EXAMPLES = """\
examples:
  readout kb show "Tajikistan's Foreign Minister Sirojiddin Muhriddin" --date 2025-04-25
  readout kb show "the Secretary" --date 2021-06-01 --source state.gov --format json
  readout kb import ../shared/reference/Phoenix.*.txt --into my-knowledge
  readout code news.jsonl --knowledge my-knowledge
  readout kb unknown --db corpus.db --top 40

`kb unknown` lists the actors of a coded corpus's events that have no country, most frequent first, with an
example each: the names worth adding to a knowledge folder (names.tsv, organisations.tsv, officials.tsv). Actors
that stand for many states ("the international community", "all parties": agents.tsv, flag many) are counted apart.

`kb import` writes the dictionaries' entries into a knowledge folder as readout's tables (people with their dated
codes as officials, groups and institutions as names, nouns as agents, other names for countries and organisations
as aliases of their rows), with the tables of the --knowledge folder it extends. Use it with --knowledge: a table in
the folder adds rows to the built-in one and replaces those of the same id; a table it lacks is the built-in one.
Lines that cannot be read are reported with their line number; the exit status is 1 if there were any.
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
    show.add_argument("--knowledge", metavar="DIR", help=KNOWLEDGE_HELP)
    unk = kbsub.add_parser("unknown", help="the event actors of a database that have no country, most frequent first")
    unk.add_argument("--db", help=DB_HELP)
    unk.add_argument("--top", type=int, default=30, help="how many to list (default 30)")
    unk.add_argument("--format", default="table", choices=("table", "json"))
    imp = kbsub.add_parser("import", help="import TABARI/PETRARCH .actors and .agents dictionaries")
    imp.add_argument("files", nargs="+", metavar="FILE")
    imp.add_argument("--into", required=True, metavar="DIR", help="knowledge folder to write (created if missing)")
    imp.add_argument("--knowledge", metavar="DIR", help="knowledge folder to extend (default: none)")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.kb_command == "show":
        return cmd_show(args, out)
    if args.kb_command == "unknown":
        return cmd_unknown(args, out)
    return cmd_import(args, out, err)


def cmd_unknown(args: argparse.Namespace, out: TextIO) -> int:
    from readout.cli_frames import text_table
    from readout.knowledge import load
    from readout.store.queries import Corpus

    apart = load().many_states()
    with Corpus(args.db) as corpus:
        df = corpus.unknown_actors(limit=max(1, args.top), apart=apart)
    share, unknown, slots, many = df.attrs["share"], df.attrs["unknown"], df.attrs["slots"], df.attrs["many"]
    if args.format == "json":
        out.write(json.dumps({"unknown": unknown, "many_states": many, "actors": slots, "share": round(share, 4),
                              "top": df.to_dict(orient="records")}, ensure_ascii=False, indent=2) + "\n")
        return 0
    out.write(f"event actors with no country: {unknown} of {slots} ({share:.1%}), and {many} that stand for many "
              "states (\"the international community\", \"all parties\")\n")
    if len(df):
        out.write(text_table(df, {"name": 40, "document": 40, "evidence": 80}) + "\n")
    return 0


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    from readout.cli_corpus import option_date
    from readout.coder import Coder
    from readout.knowledge import load
    from readout.records import Document

    date = option_date(args.date)
    load(args.knowledge)  # a mistake in the user's tables is reported before the pipeline loads
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

    from readout.cli_frames import text_table

    out.write(text_table(pd.DataFrame(rows), {"text": 50, "decided_by": 70}) + "\n")
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from readout.knowledge import load
    from readout.knowledge.tabari import import_file

    kb = load(args.knowledge)
    added: dict[str, dict[str, dict[str, str]]] = {name: {} for name in _GROWN}  # table -> id -> row
    bad = 0
    for f in args.files:
        path = Path(f)
        if not path.is_file():
            raise ReadoutError(f"{f}: no such file")
        got = import_file(path, kb)
        for lineno, what in got.errors:
            print(f"readout: error: {f}:{lineno}: {what}", file=err)
        bad += len(got.errors)
        for name, rows in (("officials.tsv", got.officials), ("names.tsv", got.names), ("agents.tsv", got.agents)):
            added[name].update((r["id"], {c: r.get(c, "") for c in SPECS[name].columns}) for r in rows)
        _add_aliases(kb.tables["countries.tsv"], "iso3", got.country_aliases, added["countries.tsv"])
        _add_aliases(kb.tables["igos.tsv"], "id", got.organisation_aliases, added["igos.tsv"])
        counts = ", ".join(f"{k} {v}" for k, v in got.counts().items())
        out.write(f"{f}: {counts}\n")
    target = Path(args.into)
    written = _write_folder(target, Path(args.knowledge) if args.knowledge else None, added)
    read_tables(target)  # the folder loads: its rows are checked as --knowledge will check them
    out.write(f"wrote {target}/ ({', '.join(f'{n} {k}' for n, k in written.items() if n in _GROWN)}); "
              f"use it with --knowledge {target}\n")
    return 1 if bad else 0


_GROWN = ("officials.tsv", "names.tsv", "agents.tsv", "countries.tsv", "igos.tsv")


def _add_aliases(rows: list[Row], key: str, extra: dict[str, list[str]], changed: dict[str, dict[str, str]]) -> None:
    """Add other names to the rows of ``rows`` they belong to, as changed copies in ``changed`` (id -> row)."""
    by_key = {r[key]: r for r in rows}
    for k, names in extra.items():
        if k not in by_key:
            continue
        row = changed.setdefault(k, dict(by_key[k]))
        have = set(row["aliases"].split("|")) | {row.get("name", "")}
        new = [n for n in dict.fromkeys(names) if n not in have]
        row["aliases"] = "|".join([a for a in row["aliases"].split("|") if a] + new)


def _write_folder(target: Path, base: Path | None, added: dict[str, dict[str, dict[str, str]]]) -> dict[str, int]:
    """Write into ``target`` the tables of the folder ``base`` (if any) with the ``added`` rows merged in by id, and
    the tables only ``added`` has; a table neither has stays the built-in one. Returns the rows written a table."""
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in TABLES:
        own = tables.read(name, base) if base is not None and (base / name).is_file() else None
        new = [Row(r) for r in added.get(name, {}).values()]
        if own is None and not new:
            continue
        rows = tables.merge(own.rows if own else [], new, SPECS[name].id)
        columns = own.columns if own else list(SPECS[name].columns)
        (target / name).write_text(tables.to_tsv(columns, rows, replace=bool(own and own.replace)), encoding="utf-8")
        written[name] = len(rows)
    return written
