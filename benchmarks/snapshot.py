"""Everything the coder says about a fixed set of texts, as one JSON line a document, to tell whether a change that
should not change the coding (a refactoring, a speed-up) changed it.

    .venv/bin/python benchmarks/snapshot.py --out /tmp/before.jsonl                 # before the change
    .venv/bin/python benchmarks/snapshot.py --out /tmp/after.jsonl --against /tmp/before.jsonl

The texts: the documents of ``tests/gold/dev.jsonl`` (with their dates, titles and sources, as ``readout eval``
codes them), the sentences of ``../shared/dev-sets/plv-train.jsonl`` and the seed readout. ``--against`` prints
the documents whose events or actors differ, with the first difference, and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def documents(limit: int = 0) -> list:
    from readout.evaluate import read_gold
    from readout.records import Document

    out = []
    for d in read_gold(HERE.parent / "tests" / "gold" / "dev.jsonl"):
        if hasattr(d, "text"):
            out.append(Document(text=d.text, id=d.id, date=d.date, title=d.title, source=d.source))
    plv = SHARED / "dev-sets" / "plv-train.jsonl"
    if plv.exists():
        for i, line in enumerate(plv.open(encoding="utf-8")):
            out.append(Document(text=json.loads(line)["text"], id=f"plv-{i}"))
    for path in sorted((SHARED / "seed").glob("*.txt")):
        out.append(Document(text=path.read_text(encoding="utf-8"), id=f"seed-{path.stem}", date="2025-04-25"))
    return out[:limit] if limit else out


def snapshot(coder, docs) -> list[dict]:
    return [{"id": d.id, "events": [e.to_dict() for e in coded.events],
             "actors": [a.to_dict() for a in coded.actors],
             "when": coded.when.to_dict() if coded.when else None}
            for d, coded in zip(docs, coder.code_many(docs), strict=True)]


def first_difference(a, b, path: str = "") -> str:
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), f"{path}.{k}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path}: {a!r} != {b!r}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--against", type=Path)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    from readout.coder import Coder

    rows = snapshot(Coder(), documents(args.limit))
    with args.out.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"{len(rows)} documents, {sum(len(r['events']) for r in rows)} events -> {args.out}")
    if args.against is None:
        return 0
    before = {r["id"]: r for r in map(json.loads, args.against.open(encoding="utf-8"))}
    changed = 0
    for r in rows:
        old = before.get(r["id"])
        if old != json.loads(json.dumps(r)):
            changed += 1
            print(f"{r['id']}: {first_difference(old, json.loads(json.dumps(r)))}")
    print(f"{changed} of {len(rows)} documents differ from {args.against}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
