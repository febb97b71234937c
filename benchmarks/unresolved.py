"""Unresolved event actors, per file of ../shared/corpus: of the actors on either side of the events readout codes,
the share with no country (an organisation of states counts as a country), and the most frequent of them. Actors that
stand for many states ("the international community", "all parties": the phrases of the agents flagged ``many``) have
no one country by nature: they are counted in their own column and left out of the unresolved share.

    .venv/bin/python benchmarks/unresolved.py [--n 100] [--seed 7] [--top 15] [--json FILE]

Draws N documents of each corpus file with a fixed seed (the same documents on every checkout), codes them, and
prints one row per file: documents, event actors, unresolved, share; then the unresolved texts met most often across
the files (lowercased), which are where the knowledge tables are worth growing (`readout kb unknown --db DB` gives
the same list for a database a user has coded).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"


def sample(path: Path, n: int, seed: int) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    rows.sort(key=lambda r: str(r.get("id")))
    return random.Random(seed).sample(rows, min(n, len(rows)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--json", type=Path, help="write the figures here as JSON too")
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.glob("*.jsonl*"))
    if not files:
        print(f"no corpus files in {args.corpus}", file=sys.stderr)
        return 1
    from readout.coder import Coder
    from readout.knowledge import load
    from readout.records import Document

    coder = Coder()
    many_names = load().many_states()
    texts: Counter[str] = Counter()
    out: dict[str, dict[str, float | int]] = {}
    print(f"{'file':<36} {'docs':>5} {'actors':>7} {'no country':>10} {'many':>5} {'unresolved':>10} {'share':>6}")
    for path in files:
        docs = [Document.from_dict({k: v for k, v in r.items() if k in ("text", "id", "title", "date", "source",
                                                                       "url")} | {"id": str(r.get("id"))})
                for r in sample(path, args.n, args.seed)]
        total = missing = many = 0
        for coded in coder.code_many(docs):
            for e in coded.events:
                for a in (*e.source, *e.target):
                    total += 1
                    text = " ".join(a.text.lower().split())
                    if a.country:
                        continue
                    if text.removeprefix("the ") in many_names:
                        many += 1
                    else:
                        missing += 1
                        texts[text] += 1
        share = missing / total if total else 0.0
        out[path.name] = {"documents": len(docs), "actors": total, "many": many, "unresolved": missing,
                          "share": round(share, 4)}
        print(f"{path.name:<36} {len(docs):>5} {total:>7} {missing + many:>10} {many:>5} {missing:>10} {share:>6.3f}")
    total = sum(int(v["actors"]) for v in out.values())
    missing = sum(int(v["unresolved"]) for v in out.values())
    many = sum(int(v["many"]) for v in out.values())
    print(f"{'all':<36} {sum(int(v['documents']) for v in out.values()):>5} {total:>7} {missing + many:>10} "
          f"{many:>5} {missing:>10} {missing / max(total, 1):>6.3f}")
    print("\nmost frequent unresolved:", ", ".join(f"{t} ({n})" for t, n in texts.most_common(args.top)))
    print(f"\n    .venv/bin/python benchmarks/unresolved.py --n {args.n} --seed {args.seed}")
    if args.json:
        args.json.write_text(json.dumps({"files": out, "top": texts.most_common(args.top)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
