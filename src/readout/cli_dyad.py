"""``readout dyad``: a dyad's events by period and QuadClass, with the mean Goldstein score; with ``--events N``, the
face-validity view (each QuadClass's share, and the events behind each row)."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from readout.cli_frames import text_table, write_frame

QUAD_NOTE = "q1-q4 are QuadClasses: verbal cooperation, material cooperation, verbal conflict, material conflict"


def cmd_dyad(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from readout.store import Corpus

    with Corpus(args.db, knowledge=getattr(args, "knowledge", None)) as corpus:
        if not args.events:
            df = corpus.dyad(args.source, args.target, both=args.both, by=args.by, since=args.since, until=args.until)
        else:
            df = corpus.validity(args.source, args.target, both=args.both, by=args.by, since=args.since,
                                 until=args.until, events=args.events)
    if not args.events or args.format == "jsonl":
        write_frame(df, args.format, out)
    elif args.format == "csv":  # the events behind a row as JSON in one cell
        write_frame(df.assign(top_events=[json.dumps(v, default=str) for v in df["top_events"]]), "csv", out)
    else:  # the table, each row with the events behind it under it
        lines = text_table(df.drop(columns="top_events"), {}).splitlines()
        out.write("\n".join(lines[:2]) + "\n")
        for line, events in zip(lines[2:], df["top_events"], strict=True):
            out.write(line + "\n")
            for e in events:
                g = "" if e["goldstein"] is None else f"{e['goldstein']:+.1f}"
                evidence = " ".join(str(e["evidence"] or "").split())
                out.write(f"    {e['date']}  {e['cameo']:<4} {e['label'][:34]:<34} {g:>5}  {e['modality']:<12} "
                          f"{e['n_documents']} doc(s)  {evidence[:90]}\n")
    if args.format == "table" and len(df):
        print(f"{int(df['events'].sum())} events; {QUAD_NOTE}", file=err)
    return 0

