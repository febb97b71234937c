"""Meetings against an independent record: the US Office of the Historian's lists of the 2021 trips abroad of the
President and the Secretary of State, and of foreign leaders' visits to the US in 2021-2023 (`../shared/truth`).

    .venv/bin/python benchmarks/truth.py [--slack 3] [--misses]

For each trip or visit, the White House readouts and State Department releases dated within it (plus --slack days
after) are coded, and the trip counts as found when one of them yields a meeting (CAMEO 04) between the United
States and the trip's country (the visitor's country for a visit), dated within the trip (a day either side), held
in the right country (the trip's country; the US for a visit). Prints recall per file: over every row; over the
rows whose counterpart country some document of the window names at all ("named"); and over the rows some document
of the window describes ("described": its title or opening names the country; or, for a visit, it names the
country and the visitor). Misses by cause: no (describing) document, actor (no such meeting coded),
date, place.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
CORPUS_FILES = ("whitehouse-readouts.jsonl", "state-dept-press-releases.jsonl")
CAUSES = ("no document", "actor", "date", "place")
OPENING = 600  # characters of a release's text that say what it is about


def day(value: str) -> date:
    return date.fromisoformat(value[:10])


def trips(folder: Path) -> list[dict]:
    """Rows of both files as {file, label, start, end, country name, place}: place "abroad" or "USA"."""
    out = []
    with (folder / "us-travels-2021.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out.append({"file": "us-travels-2021.csv", "label": f"{r['name']} to {r['country']} {r['start_date']}",
                        "start": day(r["start_date"]), "end": day(r["end_date"]), "country": r["country"],
                        "country_id": r["country_id"], "abroad": True, "names": []})
    with (folder / "visits-to-us-2021-2023.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            label = f"{r['visitor']} ({r['from']}) {r['start_date']}"
            out.append({"file": "visits-to-us-2021-2023.csv", "label": label,
                        "start": day(r["start_date"]), "end": day(r["end_date"]), "country": r["from"],
                        "country_id": r["from_id"], "abroad": False, "names": names_of(r["visitor"])})
    return out


def iso3(name: str, slug: str) -> str | None:
    from readout.knowledge import country_code, load

    kb = load()
    bare = re.sub(r"\s*\(.*?\)", "", name).replace("’", "'")  # "Democratic Republic of the Congo (Zaire)"
    for candidate in (name, bare, slug.replace("-", " "), " ".join(reversed(slug.split("-")))):
        code = country_code(candidate, kb)
        if code in kb.countries:
            return code
    names = {n.lower(): c.iso3 for c in kb.countries.values() for n in (c.name, *c.aliases)}
    close = difflib.get_close_matches(bare.lower(), list(names), n=1, cutoff=0.8)  # "Somoa" in the source
    return names[close[0]] if close else None


TITLES = {"president", "prime", "minister", "king", "queen", "sultan", "amir", "emir", "sheikh", "taoiseach",
          "premier", "chancellor", "haji", "bin", "jr", "sr", "al", "de", "da", "dos", "the", "of", "and", "his",
          "majesty", "highness", "crown", "prince", "general", "secretary", "vice", "governor", "dr", "mr", "mrs"}


def names_of(visitor: str) -> list[str]:
    """The words of a visitor's name a text may call them by ("Zelenskyy", "Abiy", "Lula"), titles left out."""
    words = re.findall(r"[A-Za-zÀ-ÿ'’.-]+", visitor)
    return [w.strip(".,") for w in words if len(w.strip(".,")) >= 3 and w.strip(".,").lower() not in TITLES]


def describes(row: dict, c, counterpart: str) -> bool:
    """A document describes a trip or visit when its title or opening names the country visited or visiting, or,
    for a visit, it names the visitor's country and the visitor (a release that only mentions the country in
    passing does not)."""
    if any(a.country == counterpart and (a.field == "title" or (a.span and a.span[0] < OPENING)) for a in c.actors):
        return True
    return bool(row["names"]) and any(a.country == counterpart for a in c.actors) and any(
        re.search(rf"(?<!\w){re.escape(n)}(?!\w)", c.document.text) for n in row["names"])


def judge(row: dict, coded: list, counterpart: str) -> str | None:
    """None when the trip is found, else the first cause that fails."""
    named = [c for c in coded if describes(row, c, counterpart)]
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
        tally["named"] += int(not counterpart or any(a.country == counterpart for d in windows[i]
                                                     for a in coded[d["id"]].actors))
        tally[cause or "found"] += 1
        if cause:
            misses.append((r["file"], r["label"], counterpart, cause))
    print(f"documents coded: {len(coded)} (dated within a trip or visit, or {args.slack} days after)")
    print(f"{'file':<28} {'rows':>5} {'found':>6} {'recall':>7} {'named':>6} {'recall':>7} {'described':>10} "
          f"{'recall':>7}  " + "  ".join(f"{c:>11}" for c in CAUSES))
    total = Counter()
    for name, t in [*results.items(), ("all", None)]:
        t = t if t is not None else total
        described = t["rows"] - t["no document"]
        print(f"{name:<28} {t['rows']:5d} {t['found']:6d} {t['found'] / t['rows']:7.3f} {t['named']:6d} "
              f"{(t['found'] / t['named'] if t['named'] else 0):7.3f} {described:10d} "
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
