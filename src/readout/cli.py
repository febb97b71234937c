"""The ``readout`` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TextIO

from readout.errors import InputError, ReadoutError
from readout.settings import MAX_DOCUMENT
from readout.version import __version__

CODE_EXAMPLES = """\
examples:
  readout code examples/readout-helsinki-2024-05-16.txt
  readout code readout.txt --date 2025-04-25 --format json
  readout code ../shared/corpus/kremlin-news.jsonl --format jsonl > coded.jsonl
  cat readout.txt | readout code - --format plover

Plain text and HTML files are one document each (an HTML page's main text, title and date are extracted); JSONL
(.jsonl, .jsonl.gz) and CSV/TSV files hold one document a line or row with at least a "text" field (and "id", "date",
"title", "url", "source"; --field maps other names); RSS/Atom files one document an entry. A record that cannot be
read is reported on stderr with its file and line, and the rest is still coded; the exit status is 1 if anything
could not be read.
"""

PIPELINE_EXAMPLES = """\
examples:
  readout pipeline readout-pipeline --knowledge my-knowledge
  readout code news.jsonl --pipeline readout-pipeline
  python -c "import spacy; nlp = spacy.load('readout-pipeline'); print(nlp('...')._.events)"
"""

EVAL_EXAMPLES = """\
examples:
  readout eval tests/gold/dev.jsonl
  readout eval tests/gold/dev.jsonl tests/gold/test.jsonl --both tests/gold/test-a.jsonl tests/gold/test-b.jsonl
  readout eval tests/gold/dev.jsonl --format json > scores.json

Each gold line is a document ("text", or "id" and "corpus" naming a file under ../shared/corpus or $READOUT_CORPUS),
its "date", and its expected "events"; see the README for the format.
"""


def _parser() -> argparse.ArgumentParser:
    from readout import cli_corpus, cli_kb, cli_train
    from readout.cli_corpus import KNOWLEDGE_HELP

    p = argparse.ArgumentParser(prog="readout", description="Political event data from diplomatic readouts and news: "
                                "who did what to whom, when, where, and who said so (CAMEO and PLOVER).")
    p.add_argument("--version", action="version", version=f"readout {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("code", help="code documents into events", description="Code documents into events.",
                       epilog=CODE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("files", nargs="*", default=["-"], metavar="FILE",
                   help="text, HTML, JSONL, CSV/TSV or RSS/Atom files, or folders; - (the default) reads stdin")
    c.add_argument("--date", help="the documents' date, YYYY-MM-DD, where they carry none")
    from readout.formats.writers import FORMATS

    c.add_argument("--format", default="table", choices=FORMATS,
                   help="table (default): readable; json/jsonl: the coded documents; plover: PLOVER JSONL events")
    c.add_argument("--encoding", default="utf-8", help="text encoding of the input (default utf-8)")
    c.add_argument("--max-chars", type=int, default=MAX_DOCUMENT, metavar="N",
                   help=f"the most characters a document may have; a longer one is reported and skipped (default "
                        f"{MAX_DOCUMENT:,}; longer texts are coded in pieces, in bounded memory)")
    c.add_argument("--field", action="append", default=[], metavar="OURS=THEIRS",
                   help="take a field from another column or key of JSONL/CSV input, e.g. text=body (repeatable)")
    c.add_argument("--pipeline", help="spaCy pipeline to use (default: $READOUT_PIPELINE or the installed English "
                   "one), or a folder `readout pipeline` saved")
    c.add_argument("--knowledge", metavar="DIR", help=KNOWLEDGE_HELP)

    e = sub.add_parser("eval", help="score the coder against a gold file", description="Code the documents of a gold "
                       "file and print precision, recall and F1.", epilog=EVAL_EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    e.add_argument("gold", nargs="+", help="gold JSONL file(s); several are scored side by side")
    e.add_argument("--both", nargs=2, metavar=("FIRST", "SECOND"),
                   help="two independent annotations of some of the documents (by id, adjudicated into the gold): "
                        "also score the recall of the dyads both wrote and the precision against either")
    e.add_argument("--format", default="table", choices=("table", "json"))
    e.add_argument("--misses", action="store_true",
                   help="also list, per document, missed dyads (with why) and spurious ones, then the missed "
                        "ones by why")
    e.add_argument("--pipeline", help="spaCy pipeline to use")
    e.add_argument("--knowledge", metavar="DIR", help=KNOWLEDGE_HELP)

    s = sub.add_parser("pipeline", help="save the coder as a spaCy pipeline folder", description="Save the whole "
                       "coder, the spaCy pipeline with readout's stages and the knowledge tables each is built from, "
                       "to a folder: spacy.load(DIR) codes as readout does in any Python that has readout installed, "
                       "and --pipeline DIR codes with it.", epilog=PIPELINE_EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("out", metavar="DIR", help="the folder to write (absent or empty)")
    s.add_argument("--pipeline", help="spaCy pipeline to build on (default: $READOUT_PIPELINE or the installed English "
                   "one)")
    s.add_argument("--knowledge", metavar="DIR", help=KNOWLEDGE_HELP)

    cli_corpus.add_parsers(sub)
    cli_kb.add_parsers(sub)
    cli_train.add_parsers(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "code":
            return cmd_code(args, sys.stdout, sys.stderr)
        if args.command == "eval":
            return cmd_eval(args, sys.stdout, sys.stderr)
        if args.command == "pipeline":
            return cmd_pipeline(args, sys.stdout)
        if args.command == "train":
            from readout import cli_train

            return cli_train.run(args, sys.stdout, sys.stderr)
        if args.command == "kb":
            from readout import cli_kb

            return cli_kb.run(args, sys.stdout, sys.stderr)
        if args.command:
            from readout import cli_corpus

            return cli_corpus.run(args, sys.stdout, sys.stderr)
    except ReadoutError as err:
        print(f"readout: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    _parser().print_help()
    return 0


def cmd_code(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from readout.cli_corpus import field_mapping, option_date, report_input
    from readout.coder import Coder
    from readout.formats.readers import read
    from readout.formats.writers import write
    from readout.knowledge import load
    from readout.records import CodedDocument, Document

    date = option_date(args.date)
    fields = field_mapping(args.field)
    failed = 0

    def documents() -> Iterator[Document]:
        nonlocal failed
        for path in args.files:
            for item in read(path, date=date, encoding=args.encoding, fields=fields, max_chars=args.max_chars):
                if isinstance(item, InputError):
                    failed += report_input(item, err)
                else:
                    yield item.document if isinstance(item, CodedDocument) else item  # coded already: code anew

    load(args.knowledge)  # a mistake in the user's tables is reported before the pipeline loads
    coder = Coder(pipeline=args.pipeline, knowledge=args.knowledge)
    write(coder.code_many(documents()), args.format, out, coder.kb)
    return 1 if failed else 0


def cmd_pipeline(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from readout.knowledge import load
    from readout.nlp.build import build_pipeline

    target = Path(args.out)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ReadoutError(f"{target}: exists and is not an empty folder")
    load(args.knowledge)  # a mistake in the user's tables is reported before the pipeline loads
    nlp = build_pipeline(args.pipeline, args.knowledge)
    nlp.to_disk(target)
    stages = [n for n in nlp.pipe_names if n.startswith("readout_")]
    print(f"saved {nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')} with {len(stages)} readout "
          f"stages and their knowledge tables to {target}", file=out)
    return 0


def cmd_eval(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from readout.coder import Coder
    from readout.evaluate import evaluate, format_misses, format_report, format_side_by_side, read_docs
    from readout.knowledge import load

    load(args.knowledge)  # a mistake in the user's tables is reported before the pipeline loads
    errors: list = []
    both = None
    if args.both:
        read = [read_docs(path) for path in args.both]
        errors += [e for _, bad in read for e in bad]
        both = ({d.id: d for d in read[0][0]}, {d.id: d for d in read[1][0]})
    coder = Coder(pipeline=args.pipeline, knowledge=args.knowledge)
    reports = {}
    for path in args.gold:
        reports[path], bad = evaluate(path, coder, both)
        errors += bad
    for e in errors:
        print(f"readout: error: {e}", file=err)
    if args.format == "json":
        shown = reports[args.gold[0]].as_dict() if len(reports) == 1 else {k: r.as_dict() for k, r in reports.items()}
        out.write(json.dumps(shown, indent=2) + "\n")
        return 1 if errors else 0
    out.write(format_report(reports[args.gold[0]]) if len(reports) == 1 else format_side_by_side(reports))
    for path, report in reports.items():
        if args.misses:
            out.write("\n" + (f"{path}\n" if len(reports) > 1 else "") + format_misses(report))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
