"""Meetings against an independent record: the US Office of the Historian's lists of the 2021 trips abroad of the
President and the Secretary of State, and of foreign leaders' visits to the US in 2021-2023 (`../shared/truth`).

    .venv/bin/python benchmarks/truth.py [--slack 3] [--misses]

For each trip or visit, the White House readouts and State Department releases dated within it (plus --slack days
after) are coded, and the trip counts as found when one of them yields a meeting (CAMEO 04) between the United
States and the trip's country (the visitor's country for a visit), dated within the trip (a day either side), held
in the right country (the trip's country; the US for a visit). Prints recall per file, over every row and over the
rows that some document of the window describes (names the counterpart country at all), and the misses by cause:
no document, actor (no such meeting coded), date, place.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
CORPUS_FILES = ("whitehouse-readouts.jsonl", "state-dept-press-releases.jsonl")
CAUSES = ("no document", "actor", "date", "place")


def day(value: str) -> date:
    return date.fromisoformat(value[:10])


def trips(folder: Path) -> list[dict]:
    """Rows of both files as {file, label, start, end, country name, place}: place "abroad" or "USA"."""
    out = []
    with (folder / "us-travels-2021.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.append({"file": "us-travels-2021.csv", "label": f"{r['name']} to {r['country']} {r['start_date']}",
                        "start": day(r["start_date"]), "end": day(r["end_date"]), "country": r["country"],
                        "country_id": r["country_id"], "abroad": True})
    with (folder / "visits-to-us-2021-2023.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            label = f"{r['visitor']} ({r['from']}) {r['start_date']}"
            out.append({"file": "visits-to-us-2021-2023.csv", "label": label,
                        "start": day(r["start_date"]), "end": day(r["end_date"]), "country": r["from"],
                        "country_id": r["from_id"], "abroad": False})
    return out


def iso3(name: str, slug: str) -> str | None:
    from readout.knowledge import country_code, load

    kb = load()
    for candidate in (name, slug.replace("-", " "), " ".join(reversed(slug.split("-")))):
        code = country_code(candidate)
        if code in kb.countries:
            return code
    return None


def judge(row: dict, coded: list, counterpart: str) -> str | None:
    """None when the trip is found, else the first cause that fails."""
    named = [c for c in coded if any(a.country == counterpart for a in c.actors)]
    if not named:
        return "no document"
    meetings = [e for c in named for e in c.events if e.cameo.startswith("04")
                and {("USA", counterpart), (counterpart, "USA")} & set(e.dyads())]
    if not meetings:
        return "actor"
    lo, hi = row["start"] - timedelta(days=1), row["end"] + timedelta(days=1)
    dated = [e for e in meetings if e.when is not None and day(e.when.start) <= hi and day(e.when.end) >= lo]
    if not dated:
        return "date"
    where = counterpart if row["abroad"] else "USA"
    if not any(e.where is not None and e.where.country == where for e in dated):
        return "place"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--slack", type=int, default=3, help="days after a trip whose documents still count")
    ap.add_argument("--misses", action="store_true", help="list every missed trip with its cause")
    args = ap.parse_args()
    truth, corpus = args.shared / "truth", args.shared / "corpus"
    if not truth.exists() or not corpus.exists():
        print(f"{truth} or {corpus} is absent: this benchmark reads ../shared", file=sys.stderr)
        return 2
    from readout.coder import Coder
    from readout.records import Document

    rows = trips(truth)
    docs = []
    for name in CORPUS_FILES:
        with (corpus / name).open(encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                if d.get("date"):
                    docs.append(d)
    windows = {i: [d for d in docs if r["start"] <= day(d["date"]) <= r["end"] + timedelta(days=args.slack)]
               for i, r in enumerate(rows)}
    wanted = {d["id"]: d for ds in windows.values() for d in ds}
    coder = Coder()
    coded = {c.document.id: c for c in coder.code_many(
        Document(text=d["text"], id=d["id"], date=d["date"], title=d.get("title", ""), source=d.get("source", ""))
        for d in wanted.values())}
    results: dict[str, Counter] = {}
    misses = []
    for i, r in enumerate(rows):
        counterpart = iso3(r["country"], r["country_id"])
        cause = judge(r, [coded[d["id"]] for d in windows[i]], counterpart) if counterpart else "actor"
        tally = results.setdefault(r["file"], Counter())
        tally["rows"] += 1
        tally[cause or "found"] += 1
        if cause:
            misses.append((r["file"], r["label"], counterpart, cause))
    print(f"documents coded: {len(coded)} (dated within a trip or visit, or {args.slack} days after)")
    print(f"{'file':<28} {'rows':>5} {'found':>6} {'recall':>7} {'described':>10} {'recall':>7}  "
          + "  ".join(f"{c:>11}" for c in CAUSES))
    total = Counter()
    for name, t in [*results.items(), ("all", None)]:
        t = t if t is not None else total
        described = t["rows"] - t["no document"]
        print(f"{name:<28} {t['rows']:5d} {t['found']:6d} {t['found'] / t['rows']:7.3f} {described:10d} "
              f"{(t['found'] / described if described else 0):7.3f}  " + "  ".join(f"{t[c]:11d}" for c in CAUSES))
        if name != "all":
            total.update(t)
    if args.misses:
        for file, label, counterpart, cause in misses:
            print(f"  {cause:<12} {counterpart or '?':<4} {label}  [{file}]")
    print("command: .venv/bin/python benchmarks/truth.py" + (f" --slack {args.slack}" if args.slack != 3 else "")
          + (" --misses" if args.misses else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
