"""A first measurement for the trained event stage: how far a small spaCy text classifier, trained on the annotated
candidates alone (``docs/candidates.md``), decides event or none and the CAMEO root, against the rules on the same
candidates. Five folds grouped by document (no document in both the training and the scored part of a fold); the
sentence is given with its two mentions marked. Nothing here is shipped: it is the measurement the choice of model
starts from.

    .venv/bin/python benchmarks/probe.py data/candidates/annotated-0*.jsonl [--epochs 8] [--arch bow|ensemble]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
FOLDS = 5


def marked(r: dict) -> str:
    """The sentence with its source mention marked [S ... ] and its target [T ... ] (or "[T none ]" at the end)."""
    s0 = r["sentence"][0]
    text = r["text"]
    spans = [(r["source"][0] - s0, r["source"][1] - s0, "S")]
    if r["target"]:
        spans.append((r["target"][0] - s0, r["target"][1] - s0, "T"))
    for a, b, tag in sorted(spans, reverse=True):
        text = f"{text[:a]} [{tag} {text[a:b]} ] {text[b:]}"
    return " ".join(text.split()) + ("" if r["target"] else " [T none ]")


def label(r: dict) -> str:
    return "none" if r["cameo"] == "none" else r["cameo"][:2]


def train(rows: list[dict], labels: list[str], arch: str, epochs: int, seed: int):
    import spacy
    from spacy.training import Example

    nlp = spacy.blank("en")
    model = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 2,
             "no_output_layer": False} if arch == "bow" else None
    textcat = nlp.add_pipe("textcat", config={"model": model} if model else {})
    for lab in labels:
        textcat.add_label(lab)
    examples = [Example.from_dict(nlp.make_doc(marked(r)), {"cats": {lab: float(label(r) == lab) for lab in labels}})
                for r in rows]
    optimizer = nlp.initialize(lambda: examples, sgd=None)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for i in range(0, len(examples), 32):
            nlp.update(examples[i:i + 32], sgd=optimizer, drop=0.2)
    return nlp


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", type=Path, nargs="+")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--arch", choices=("bow", "ensemble"), default="bow")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} is absent: this benchmark reads ../shared/corpus", file=sys.stderr)
        return 2
    from readout.evaluate import Counts
    from readout.training.data import read_candidates

    rows = [r for p in args.files for r in read_candidates(p, [CORPUS]) if isinstance(r, dict)]
    docs = sorted({r["doc"] for r in rows})
    random.Random(args.seed).shuffle(docs)
    fold_of = {d: i % FOLDS for i, d in enumerate(docs)}
    labels = sorted({label(r) for r in rows})
    predicted: dict[str, str] = {}
    for k in range(FOLDS):
        nlp = train([r for r in rows if fold_of[r["doc"]] != k], labels, args.arch, args.epochs, args.seed)
        held = [r for r in rows if fold_of[r["doc"]] == k]
        for r, doc in zip(held, nlp.pipe(marked(r) for r in held), strict=True):
            predicted[r["key"]] = max(doc.cats, key=doc.cats.get)
    gold_events = [r for r in rows if label(r) != "none"]
    coded = [r for r in rows if predicted[r["key"]] != "none"]
    found = [r for r in gold_events if predicted[r["key"]] != "none"]
    right = [r for r in gold_events if predicted[r["key"]] == label(r)]
    per_root: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, gold, predicted
    for r in rows:
        g, p = label(r), predicted[r["key"]]
        if g != "none":
            per_root[g][1] += 1
        if p != "none":
            per_root[p][2] += 1
        if g == p != "none":
            per_root[g][0] += 1
    print(f"candidates: {len(rows)}  documents: {len(docs)}  events: {len(gold_events)}  folds: {FOLDS} by document")
    print(f"classifier ({args.arch}, {args.epochs} epochs)  precision  recall     f1    tp  gold  coded")
    print(f"  event                  {Counts(len(found), len(gold_events), len(coded)).row()}")
    print(f"  + CAMEO root           {Counts(len(right), len(gold_events), len(coded)).row()}")
    roots = ", ".join(f"{k} {v[0]}/{v[1]}/{v[2]}" for k, v in sorted(per_root.items()))
    print(f"per root (tp / gold / coded): {roots}")
    print("command: .venv/bin/python benchmarks/probe.py " + " ".join(sys.argv[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
