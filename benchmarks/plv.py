"""Event types across every PLOVER root: code each sentence of ../shared/dev-sets/plv-train.jsonl end to end and look
for an event from the marked source to the marked target; score its PLOVER root.

    .venv/bin/python benchmarks/plv.py [--limit N] [--confusion]
    .venv/bin/python benchmarks/plv.py --cv [--cache /tmp/ours.pkl]

``--cv``: five-fold cross-validation of the pair classifier with plv-train in its training data. The sentences are
split in five folds; for each, the classifier is trained on the project's own data (``data/written``, the
annotated corpus candidates) and the marked pairs of the other four folds (their root as a CAMEO root), and the
fold's sentences are coded end to end with it. The model the package ships is never trained on plv-train (its
README asks that no model trained on it be shipped): without ``--cv`` the figures are those of the shipped model,
for which all of plv-train is unseen text.

Prints macro F1 over the 15 roots (YIELD covers CONCEDE and RETREAT), over the four quad classes, and for the binary
cooperation / conflict split, plus per-root precision, recall and F1. A sentence where no event links the two marked
actors counts as a miss for its gold root.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "dev-sets" / "plv-train.jsonl"
ROOTS = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
         "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "YIELD": 2, "REQUEST": 3, "ACCUSE": 3,
        "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4}


def root_of(plover_type: str | None) -> str | None:
    if plover_type in ("CONCEDE", "RETREAT"):
        return "YIELD"
    return plover_type


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    i = text.find(phrase)
    if i < 0:
        i = text.lower().find(phrase.lower())
    return None if i < 0 else (i, i + len(phrase))


def overlaps(span, region) -> bool:
    return span is not None and region is not None and span[0] < region[1] and region[0] < span[1]


def predict(coded, row) -> str | None:
    """The PLOVER root of the event that best links the marked source to the marked target."""
    text = row["text"]
    src, tgt = locate(text, row["source"]), locate(text, row["target"])
    best, best_score = None, -1
    for e in coded.events:
        s_hit = any(overlaps(a.span, src) for a in e.source) or (e.mutual and any(overlaps(a.span, src)
                                                                                  for a in e.target))
        t_hit = any(overlaps(a.span, tgt) for a in e.target) or (e.mutual and any(overlaps(a.span, tgt)
                                                                                  for a in e.source))
        score = 2 * s_hit + 2 * t_hit
        if score > best_score and e.plover_type:
            best, best_score = e, score
    if best is None or best_score < 2:
        return None
    return root_of(best.plover_type)


Row = tuple[float, float, float, int]


def f1_table(gold: list[str], pred: list[str | None], labels) -> tuple[float, dict[str, Row]]:
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred, strict=True):
        if p == g:
            tp[g] += 1
        else:
            fn[g] += 1
            if p is not None:
                fp[p] += 1
    rows = {}
    for lab in labels:
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        r = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows[lab] = (p, r, f, tp[lab] + fn[lab])
    return sum(v[2] for v in rows.values()) / len(rows), rows


CAMEO_ROOT = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07", "YIELD": "08",
              "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15",
              "SANCTION": "16", "COERCE": "17", "ASSAULT": "19"}  # a PLOVER root learnt as one CAMEO root


def plv_examples(nlp, rows):
    """Each sentence's marked pair as a training example, labelled with its root (other pairs are not annotated
    and give no example)."""
    from readout.nlp.build import doc_for
    from readout.nlp.linker import Linker, rule_code
    from readout.training.pairs import Example

    linker = Linker(nlp.get_pipe("readout_events").kb, None)
    out = {}
    for i, (r, doc) in enumerate(zip(rows, nlp.pipe(doc_for(nlp, r["text"]) for r in rows), strict=True)):
        src, tgt = locate(r["text"], r["source"]), locate(r["text"], r["target"])
        s = doc.char_span(*src, alignment_mode="expand") if src else None
        t = doc.char_span(*tgt, alignment_mode="expand") if tgt else None
        if s is None or t is None or (s.start < t.end and t.start < s.end):
            continue
        where = (s.sent.start_char, s.sent.end_char)
        feats, vector = linker.reading(s, t, rule_code(doc._.events or [], where, src, tgt), doc._.events or [])
        label = CAMEO_ROOT[root_of(r["plover_root"])]
        out[i] = Example(f"plv#{i}", f"plv#{i}", feats, label, label, "plv", vector)
    return out


def cross_validated(rows, cache: Path | None) -> list[str | None]:
    import pickle
    import random

    from readout.coder import Coder
    from readout.records import Document
    from readout.training.train import FOLDS, examples, fit, rules_only, written_files

    coder = Coder()
    nlp = coder.nlp
    if cache and cache.exists():
        ours = pickle.loads(cache.read_bytes())
    else:
        root = HERE.parent
        ours, _ = examples(nlp, written_files(root / "data" / "written"),
                           sorted((root / "data" / "candidates").glob("annotated-*.jsonl")),
                           [root.parent / "shared" / "corpus"])
        if cache:
            cache.write_bytes(pickle.dumps(ours))
    nlp.enable_pipe("readout_linker")
    with nlp.select_pipes(disable=["readout_linker"]):
        theirs = plv_examples(nlp, rows)
    fold = list(range(len(rows)))
    random.Random(0).shuffle(fold)
    fold_of = {i: k % FOLDS for k, i in enumerate(fold)}
    linker = nlp.get_pipe("readout_linker").linker
    pred: list[str | None] = [None] * len(rows)
    for k in range(FOLDS):
        linker.model = fit(ours + [x for i, x in theirs.items() if fold_of[i] != k])
        held = [i for i in range(len(rows)) if fold_of[i] == k]
        for i, coded in zip(held, coder.code_many(Document(text=rows[i]["text"]) for i in held), strict=True):
            pred[i] = predict(coded, rows[i])
    rules_only(nlp)
    return pred


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--confusion", action="store_true", help="print the confusion counts (gold -> predicted)")
    ap.add_argument("--cv", action="store_true", help="five-fold cross-validation with plv-train in the training data")
    ap.add_argument("--cache", type=Path, help="with --cv: keep the project's own training examples here")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"{args.data} is absent: this benchmark reads ../shared/dev-sets", file=sys.stderr)
        return 2
    from readout.coder import Coder
    from readout.records import Document

    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    gold = [root_of(r["plover_root"]) for r in rows]
    if args.cv:
        pred = cross_validated(rows, args.cache)
    else:
        coder = Coder()
        pred = [predict(c, r) for c, r in zip(coder.code_many(Document(text=r["text"]) for r in rows), rows,
                                               strict=True)]
    macro, table = f1_table(gold, pred, ROOTS)
    quad_macro, _ = f1_table([str(QUAD[g]) for g in gold], [str(QUAD[p]) if p else None for p in pred], "1234")
    binary = [("coop" if QUAD[g] <= 2 else "conf") for g in gold]
    bin_pred = [None if p is None else ("coop" if QUAD[p] <= 2 else "conf") for p in pred]
    bin_macro, _ = f1_table(binary, bin_pred, ("coop", "conf"))
    found = sum(p is not None for p in pred)
    print(f"sentences: {len(rows)}  with an event linking the marked actors: {found} ({found / len(rows):.1%})")
    print(f"macro F1  root: {macro:.3f}  quad: {quad_macro:.3f}  binary: {bin_macro:.3f}")
    print(f"{'root':<10} {'precision':>9} {'recall':>7} {'f1':>6} {'gold':>5}")
    for lab, (p, r, f, n) in table.items():
        print(f"{lab:<10} {p:9.3f} {r:7.3f} {f:6.3f} {n:5d}")
    if args.confusion:
        conf: dict[str, Counter] = defaultdict(Counter)
        for g, p in zip(gold, pred, strict=True):
            conf[g][p or "-"] += 1
        for g in ROOTS:
            print(g, dict(conf[g].most_common(5)))
    print("command: .venv/bin/python benchmarks/plv.py " + " ".join(sys.argv[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
