"""The corpus commands of ``readout``: ingest, events, actors, dyad, export, status. Each is a thin edge over
``readout.store``; none of them codes or queries by itself."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any, TextIO

from readout.cli_frames import text_table, write_frame
from readout.errors import InputError, InputWarning, ReadoutError
from readout.settings import MAX_DOCUMENT

if TYPE_CHECKING:
    from readout.store import Filters

KNOWLEDGE_HELP = "folder of knowledge tables: each adds rows to the built-in table of its name, or replaces it"

DB_HELP = "database: a file path (SQLite) or a URL such as postgresql://user@host/name (default $READOUT_DB or " \
          "./readout.db)"

INGEST_EXAMPLES = """\
examples:
  readout ingest ../shared/corpus/kremlin-news.jsonl
  readout ingest feeds/ --db postgresql://readout@127.0.0.1/readout
  readout ingest export.csv --field text=body --field date=published_at
  readout code news.jsonl --format jsonl | readout ingest -
  readout ingest ../shared/corpus --workers 2
  readout ingest feeds/ --scheduler tcp://10.0.0.5:8786 --db postgresql://readout@10.0.0.5/readout

Reads text, HTML, JSONL (.jsonl, .jsonl.gz), CSV/TSV, RSS/Atom files and folders, codes each document and stores it.
Running it again adds nothing already stored; after an interruption it codes only what is missing. Already coded
JSONL (readout code --format jsonl) is stored as it is. A record that cannot be read is reported with its file and
line and skipped; the exit status is 1 if any was. With --workers or --scheduler the documents are coded by Dask
workers (each loads the pipeline once) and stored here in input order: the database ends up as one process leaves it.
"""

QUERY_EXAMPLES = """\
examples:
  readout events --dyad CHN,TJK --cameo 04
  readout events --actor "Wang Yi" --since 2025-01 --format csv > wang-yi.csv
  readout events --plover CONSULT --country UKR --text phone
"""


def add_parsers(sub: Any) -> None:
    _ingest_parser(sub)
    _query_parsers(sub)


def _ingest_parser(sub: Any) -> None:
    i = sub.add_parser("ingest", help="code documents and store them in a corpus database",
                       description="Code documents and store them in a corpus database.", epilog=INGEST_EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    i.add_argument("files", nargs="+", metavar="PATH", help="files or folders; - reads stdin")
    i.add_argument("--db", help=DB_HELP)
    i.add_argument("--date", help="the documents' date, YYYY-MM-DD, where they carry none")
    i.add_argument("--encoding", default="utf-8", help="text encoding of the input (default utf-8)")
    i.add_argument("--field", action="append", default=[], metavar="OURS=THEIRS",
                   help="take a field from another column or key of JSONL/CSV input, e.g. text=body (repeatable)")
    i.add_argument("--max-chars", type=int, default=MAX_DOCUMENT, metavar="N",
                   help=f"the most characters a document may have; a longer one is reported and skipped (default "
                        f"{MAX_DOCUMENT:,})")
    i.add_argument("--chunk", type=int, default=64, help="documents coded and committed together (default 64)")
    i.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (default: when stderr is a terminal)")
    i.add_argument("--pipeline", help="spaCy pipeline to use")
    i.add_argument("--knowledge", metavar="DIR", help=KNOWLEDGE_HELP)
    d = i.add_argument_group("coding on Dask (pip install 'readout[dask]')")
    d.add_argument("--workers", type=int, metavar="N", help="code in N local worker processes (a Dask LocalCluster)")
    d.add_argument("--scheduler", metavar="ADDRESS",
                   help="code on the Dask cluster whose scheduler is at ADDRESS, e.g. tcp://10.0.0.5:8786")
    d.add_argument("--partition", type=int, default=8, metavar="N", help="documents per Dask task (default 8)")
    d.add_argument("--threads", type=int, default=1, metavar="N",
                   help="threads per local worker, each with its own pipeline (default 1)")
    d.add_argument("--worker-memory", default="auto", metavar="SIZE",
                   help="memory limit per local worker, e.g. 2GB (default: this machine's memory shared out)")


def _query_parsers(sub: Any) -> None:
    e = sub.add_parser("events", help="query the events of a corpus database",
                       description="List the events of a corpus database, filtered.", epilog=QUERY_EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    _filters(e)
    e.add_argument("--limit", type=int, help="at most this many events")
    e.add_argument("--format", default="table", choices=("table", "csv", "jsonl"))

    a = sub.add_parser("actors", help="list the actors of a corpus database and their aliases",
                       description="List actors with their mentions and the aliases they were learned under.")
    a.add_argument("--db", help=DB_HELP)
    a.add_argument("--name", help="a name or alias, or part of one")
    a.add_argument("--country", help="a country code or name")
    a.add_argument("--limit", type=int, default=None)
    a.add_argument("--format", default="table", choices=("table", "csv", "jsonl"))
    a.add_argument("--knowledge", metavar="DIR", help=KNOWLEDGE_HELP)

    d = sub.add_parser("dyad", help="a dyad's events by month and QuadClass",
                       description="Count the events from one country to another by month (or year) and QuadClass, "
                                   "with the mean Goldstein score.")
    d.add_argument("source", help="source country (code or name)")
    d.add_argument("target", help="target country (code or name)")
    d.add_argument("--db", help=DB_HELP)
    d.add_argument("--both", action="store_true", help="both directions")
    d.add_argument("--by", default="month", choices=("day", "month", "year"))
    d.add_argument("--since", help="events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    d.add_argument("--until", help="events on or before this date")
    d.add_argument("--format", default="table", choices=("table", "csv", "jsonl"))
    d.add_argument("--events", type=int, default=0, metavar="N",
                   help="face validity: each QuadClass's share, and under each row the N events behind it that the "
                        "most documents report")
    d.add_argument("--knowledge", metavar="DIR", help=KNOWLEDGE_HELP)

    x = sub.add_parser("export", help="export events as PLOVER JSONL, ICEWS or GDELT TSV, CSV or Parquet",
                       description="Export the events of a corpus database in the field's formats (see "
                                   "docs/formats.md for their columns).")
    from readout.formats.exports import EXPORT_FORMATS

    x.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    x.add_argument("--output", "-o", help="file to write (default stdout; required for parquet)")
    _filters(x)

    s = sub.add_parser("status", help="what a corpus database holds, and its ingest runs",
                       description="Show the schema revision, the number of rows, and the latest ingest runs.")
    s.add_argument("--db", help=DB_HELP)
    w = sub.add_parser("serve", help="serve the HTTP API over a corpus database",
                       description="Serve the HTTP API over a corpus database (OpenAPI at /api/openapi.json). "
                                   "Read-only unless an ingestion token is given; binds 127.0.0.1 by default.")
    w.add_argument("--db", help=DB_HELP)
    w.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    w.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    w.add_argument("--ingest-token", default=os.environ.get("READOUT_INGEST_TOKEN"),
                   help="enable POST /api/ingest for requests carrying this Bearer token "
                        "(default $READOUT_INGEST_TOKEN; none: read-only)")
    w.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                   help="a web origin allowed cross-origin access (repeatable; default none)")
    w.add_argument("--max-body", type=int, default=5_000_000, metavar="BYTES",
                   help="largest request body accepted; larger ones get 413 (default 5000000)")
    w.add_argument("--knowledge", metavar="DIR", help=KNOWLEDGE_HELP)


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--actor", help="a name, alias or actor code on either side (\"Wang Yi\", CHNGOV)")
    p.add_argument("--country", help="a country on either side (code or name)")
    p.add_argument("--dyad", metavar="SOURCE,TARGET", help="a directed country pair, e.g. CHN,TJK")
    p.add_argument("--cameo", help="a CAMEO code or prefix, e.g. 04")
    p.add_argument("--plover", help="a PLOVER event type, e.g. CONSULT")
    p.add_argument("--since", help="events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", help="events on or before this date")
    p.add_argument("--text", help="words in the evidence")
    p.add_argument("--modality", metavar="M[,M...]",
                   help="one modality or several, comma-separated: asserted, reported, intended, hypothetical, "
                        "negated (default all; asserted,reported for facts only)")
    p.add_argument("--knowledge", metavar="DIR", help=KNOWLEDGE_HELP + " (country names, PLOVER contexts)")


def _filter_values(args: argparse.Namespace) -> Filters:
    from readout.store import Filters

    dyad = None
    if args.dyad:
        parts = [p for p in args.dyad.replace(" ", "").split(",") if p]
        if len(parts) != 2:
            raise ReadoutError(f"--dyad {args.dyad!r}: give two countries, SOURCE,TARGET (e.g. CHN,TJK)")
        dyad = (parts[0], parts[1])
    return Filters(actor=args.actor, country=args.country, dyad=dyad, cameo=args.cameo, plover=args.plover,
                   since=args.since, until=args.until, text=args.text, modality=args.modality)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from readout.cli_dyad import cmd_dyad

    handler = {"ingest": cmd_ingest, "events": cmd_events, "actors": cmd_actors, "dyad": cmd_dyad,
               "export": cmd_export, "status": cmd_status, "serve": cmd_serve}[args.command]
    return handler(args, out, err)


def option_date(value: str | None) -> str | None:
    """A ``--date`` option as YYYY-MM-DD (None when not given); an unreadable one is a usage error."""
    if not value:
        return None
    from readout.formats.readers import normalise_date

    date = normalise_date(value)
    if date is None:
        raise ReadoutError(f"--date {value!r}: not a date readout can read (expected a calendar day, YYYY-MM-DD)")
    return date


def report_input(e: InputError, err: TextIO) -> bool:
    """Print a record that could not be read as one line; True when it is an error (not a warning)."""
    kind = "warning" if isinstance(e, InputWarning) else "error"
    print(f"readout: {kind}: {e}", file=err, flush=True)
    return kind == "error"


def field_mapping(options: list[str]) -> dict[str, str] | None:
    """``--field text=body`` options as {"text": "body"}; unknown field names are a usage error."""
    from readout.formats.readers import check_fields

    fields = {}
    for f in options:
        ours, sep, theirs = f.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise ReadoutError(f"--field {f!r}: expected OURS=THEIRS, e.g. text=body")
        fields[ours.strip()] = theirs.strip()
    try:
        return check_fields(fields) or None
    except ValueError as err:
        raise ReadoutError(f"--field: {err}") from None


def cmd_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from readout.store.database import connect, display_url, resolve_url
    from readout.store.ingest import ingest

    date = option_date(args.date)
    fields = field_mapping(args.field)
    engine = connect(args.db)

    def report(e: InputError) -> None:
        report_input(e, err)

    if args.knowledge:
        from readout.knowledge import load

        load(args.knowledge)  # a mistake in the user's tables is reported before any pipeline loads
    coder = coding = None
    if args.workers is not None or args.scheduler:
        from readout.cluster import DaskCoding

        coding = DaskCoding(args.workers, args.scheduler, pipeline=args.pipeline, knowledge=args.knowledge,
                            partition=args.partition, chunk=max(1, args.chunk), threads=max(1, args.threads),
                            memory_limit=args.worker_memory)
    elif args.pipeline or args.knowledge:
        from readout.coder import Coder

        coder = Coder(pipeline=args.pipeline, knowledge=args.knowledge)
    progress = err.isatty() if args.progress is None else args.progress
    try:
        summary = ingest(args.files, coder=coder, date=date, encoding=args.encoding, fields=fields,
                         chunk=max(1, args.chunk), progress=err if progress else False, on_error=report, engine=engine,
                         coding=coding, max_chars=args.max_chars)
    except ValueError as e:
        raise ReadoutError(str(e)) from None
    finally:
        if coding is not None:
            coding.close()
    print(f"readout: {summary.line()} into {display_url(resolve_url(args.db))}", file=err)
    return 1 if summary.skipped else 0


def cmd_events(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from readout.store import Corpus

    with Corpus(args.db, knowledge=getattr(args, "knowledge", None)) as corpus:  # a table: one line an event; the
        pick = corpus.event_rows if args.format == "table" else corpus.events  # formats: one row a directed dyad
        df = pick(limit=args.limit, **vars(_filter_values(args)))
    if args.format == "table":
        df = df[["event_id", "date", "cameo", "label", "source", "target", "modality", "place", "n_documents",
                 "evidence"]].rename(columns={"event_id": "id", "n_documents": "docs"})
        write_frame(df, "table", out, {"label": 28, "evidence": 70, "place": 16, "source": 16, "target": 16})
        print(f"{len(df)} events", file=err)
    else:
        write_frame(df, args.format, out)
    return 0


def cmd_actors(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from readout.store import Corpus

    with Corpus(args.db, knowledge=getattr(args, "knowledge", None)) as corpus:
        df = corpus.actors(name=args.name, country=args.country, limit=args.limit)
    if args.format == "table":
        df = df.assign(aliases=[", ".join(f"{a['alias']} ({a['n']})" for a in al) for al in df["aliases"]])
        df = df[["name", "code", "role", "n_mentions", "aliases"]].rename(columns={"n_mentions": "mentions"})
        write_frame(df, "table", out, {"name": 32, "role": 24, "aliases": 80})
    else:
        write_frame(df, args.format, out)
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from readout.formats.exports import export
    from readout.store import Corpus

    filters = _filter_values(args)
    with Corpus(args.db, knowledge=getattr(args, "knowledge", None)) as corpus:
        rows = corpus.iter_events(filters)
        if args.format == "parquet":
            if not args.output:
                raise ReadoutError("--format parquet writes a file: give --output PATH")
            n = export(rows, "parquet", args.output, kb=corpus.kb)
        elif args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                n = export(rows, args.format, fh, sources=corpus.sources, kb=corpus.kb)
        else:
            n = export(rows, args.format, out, sources=corpus.sources, kb=corpus.kb)
    print(f"readout: exported {n} records as {args.format}" + (f" to {args.output}" if args.output else ""),
          file=err)
    return 0


def cmd_status(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import pandas as pd
    from sqlalchemy import select

    from readout.store import Corpus
    from readout.store import schema as t
    from readout.store.database import current, display_url

    with Corpus(args.db, knowledge=getattr(args, "knowledge", None)) as corpus:
        out.write(f"database  {display_url(corpus.engine.url.render_as_string(hide_password=False))}\n")
        out.write(f"schema    revision {current(corpus.engine)}\n")
        for name, n in corpus.counts().items():
            out.write(f"{name:<10}{n}\n")
        with corpus.engine.connect() as conn:
            runs = conn.execute(select(t.runs.c.id, t.runs.c.started_at, t.runs.c.status, t.runs.c.read,
                                       t.runs.c.coded, t.runs.c.unchanged, t.runs.c.duplicates, t.runs.c.skipped,
                                       t.runs.c.events).order_by(t.runs.c.id.desc()).limit(10)).mappings().all()
    if runs:
        out.write("\nlatest ingest runs\n" + text_table(pd.DataFrame(runs), {}) + "\n")
    return 0



def cmd_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import uvicorn

    from readout.web import create_app

    app = create_app(args.db, ingest_token=args.ingest_token, allow_origins=args.allow_origin,
                     max_body=args.max_body, knowledge=args.knowledge)
    print(f"readout: serving {args.db or os.environ.get('READOUT_DB', 'readout.db')} on http://{args.host}:"
          f"{args.port} ({'ingestion enabled' if args.ingest_token else 'read-only'})", file=err)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
