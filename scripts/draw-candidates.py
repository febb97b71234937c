"""Draw candidates to annotate (``docs/candidates.md``): documents drawn with a fixed seed from the six files of
../shared/corpus (none of the dev gold, the test split or the negative control's checked sample), coded by the
pipeline, and from each file ``--per-file`` candidates of their sentences (four in five with a target), written
without what the rules say of them, so that annotators label them blind. ``--conflict``: only pairs in sentences
that hold a word of conflict (a trigger lemma of a pattern of CAMEO roots 09-20, or a noun of fighting), since
readouts hold few: the draw then over-represents conflict on purpose, and says so in its name.

The output quotes the corpus: keep it outside the project, and keep only its references once labelled
(``scripts/keep-candidates.py``).

    .venv/bin/python scripts/draw-candidates.py --seed 1 --per-file 200 --out /tmp/draw-01.jsonl
    .venv/bin/python scripts/draw-candidates.py --seed 2 --per-file 200 --conflict --out /tmp/draw-02-conflict.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FILES = ("whitehouse-readouts.jsonl", "state-dept-press-releases.jsonl", "kremlin-news.jsonl",
         "ukraine-president-news.jsonl", "fmprc-press-conferences.jsonl", "whitehouse-other.jsonl.gz")
CONTEXT = 300  # characters before the sentence shown with it
FIGHTING = {"war", "attack", "strike", "shelling", "invasion", "aggression", "missile", "drone", "troops", "sanction",
            "sanctions", "protest", "threat", "arrest", "killed", "occupation", "offensive", "bombing", "terrorist"}


def conflict_words() -> set[str]:
    """Trigger lemmas of the patterns of conflict (CAMEO roots 09-20), and nouns of fighting."""
    from readout.knowledge import load

    return {lemma.lower() for p in load().patterns if "09" <= p.cameo[:2] <= "20" for lemma in p.lemmas} | FIGHTING


def rows(name: str) -> list[dict]:
    from readout.evaluate import corpus_records

    return list(corpus_records(CORPUS / name))


def seen_documents() -> set[str]:
    gold = ROOT / "tests" / "gold"
    seen = {json.loads(line)["doc"] for line in (gold / "negative-sample.jsonl").open(encoding="utf-8")}
    for name in ("dev.jsonl", "test.jsonl"):
        seen |= {json.loads(line)["id"] for line in (gold / name).open(encoding="utf-8")}
    return seen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--per-file", type=int, default=200)
    ap.add_argument("--documents", type=int, default=40, help="documents drawn per file")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--conflict", action="store_true", help="only pairs in sentences with a word of conflict")
    args = ap.parse_args()
    from readout.coder import Coder
    from readout.nlp.build import doc_for
    from readout.records import Document
    from readout.training.candidates import candidates

    rng = random.Random(args.seed)
    nlp = Coder().nlp
    words = conflict_words() if args.conflict else set()
    seen = seen_documents()
    out = []
    for name in FILES:
        fit = [r for r in rows(name) if r["id"] not in seen and 200 <= len(r.get("text") or "") <= 8000]
        found = []
        for r in rng.sample(fit, min(args.documents, len(fit))):
            doc = nlp(doc_for(nlp, Document(text=r["text"], id=r["id"], date=r.get("date"), title=r.get("title", ""),
                                            source=r.get("source", ""))))
            conflict = {s.start_char for s in doc.sents if words & {t.lemma_.lower() for t in s}}
            for c in candidates(doc, r["id"]):
                if args.conflict and (c.sentence[0] not in conflict or c.target is None):
                    continue
                found.append({**c.to_dict(rules=False), "corpus": name, "date": r.get("date"),
                              "before": doc.text[max(0, c.sentence[0] - CONTEXT):c.sentence[0]]})
        paired = [c for c in found if c["target"] is not None]
        alone = [c for c in found if c["target"] is None]
        k = min(len(paired), args.per_file * 4 // 5)
        out += rng.sample(paired, k) + rng.sample(alone, min(len(alone), args.per_file - k))
    rng.shuffle(out)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for c in out:
            f.write(json.dumps({**c, "root": None, "cameo": None}, ensure_ascii=False) + "\n")
    print(f"{len(out)} candidates -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
