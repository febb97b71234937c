"""The pair classifier, cross-validated: five folds grouped by document over the annotated candidates of
``../shared/corpus`` and the written examples of ``data/written``, scored against the rules on the same candidates.
An event is found when the model's likeliest root other than none reaches the threshold; the root must also agree
for "+ root".

    .venv/bin/python benchmarks/pairs.py [--written data/written/*.jsonl]
        [--candidates data/candidates/annotated-*.jsonl] [--thresholds 0.3,0.4,0.5,0.6,0.7] [--cache /tmp/pairs.pkl]
        [--settings dense=0,epochs=20]
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def load(args: argparse.Namespace):
    """The examples: the corpus candidates' from ``--cache`` where it holds them (they change only with the
    pipeline), the written examples' always anew."""
    from readout.nlp import pipeline
    from readout.training.train import examples

    nlp = pipeline()
    corpus = None
    if args.cache and args.cache.exists():
        corpus = pickle.loads(args.cache.read_bytes())
    elif not CORPUS.exists():
        print(f"{CORPUS} is absent: the corpus candidates are left out", file=sys.stderr)
        corpus = []
    if corpus is None:
        corpus, bad = examples(nlp, [], args.candidates, [CORPUS])
        print(f"corpus candidates skipped: {len(bad)}", file=sys.stderr)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(corpus))
    written, bad = examples(nlp, args.written, [])
    for e in bad[:5]:
        print(f"skipped: {e}", file=sys.stderr)
    return corpus + written


def score(rows, decide) -> tuple:
    from readout.evaluate import Counts

    gold = [x for x in rows if x.label != "none"]
    coded = [x for x in rows if decide(x) is not None]
    found = [x for x in gold if decide(x) is not None]
    right = [x for x in gold if decide(x) == x.label]
    return Counts(len(found), len(gold), len(coded)), Counts(len(right), len(gold), len(coded))


def rule_of(x) -> str | None:
    """The root the rules coded for the example's pair (a feature of it), or None."""
    return next((f[5:] for f in x.features if f.startswith("rule:") and f != "rule:-"), None)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--written", type=Path, nargs="*", help="default: data/written/*.jsonl but overlap-*")
    ap.add_argument("--candidates", type=Path, nargs="*",
                    default=sorted((ROOT / "data" / "candidates").glob("annotated-*.jsonl")))
    ap.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7")
    ap.add_argument("--cache", type=Path, help="keep the corpus candidates' examples here (features of the current "
                                               "pipeline: remove the file when the pipeline changes)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--settings", default="", help="training settings, e.g. dense=0,epochs=20 (readout.training.train)")
    args = ap.parse_args()
    from readout.training.train import cross_validate, written_files

    if args.written is None:
        args.written = written_files(ROOT / "data" / "written")
    data = load(args)
    settings = {k: float(v) for k, v in (kv.split("=") for kv in args.settings.split(",") if kv)}
    predicted = cross_validate(data, seed=args.seed, **settings)
    parts = {"corpus": [x for x in data if x.source == "corpus"], "written": [x for x in data if x.source == "written"],
             "all": data}
    print(f"examples: {len(data)}  events: {sum(x.label != 'none' for x in data)}  "
          f"documents: {len({x.group for x in data})}  folds: 5 by document")
    print(f"{'part':<8} {'who':<14} {'':<7} precision  recall     f1    tp  gold  coded")
    for name, rows in parts.items():
        if not rows:
            continue
        rule = score(rows, rule_of)
        print(f"{name:<8} {'rules':<14} event   {rule[0].row()}")
        print(f"{'':<8} {'':<14} + root  {rule[1].row()}")
        for t in (float(v) for v in args.thresholds.split(",")):
            def decide(x, t=t):
                p = predicted[x.key]
                return p.label if p.p >= t else None
            model = score(rows, decide)
            print(f"{'':<8} {f'model >= {t}':<14} event   {model[0].row()}")
            print(f"{'':<8} {'':<14} + root  {model[1].row()}")
            both = score(rows, lambda x, decide=decide: rule_of(x) or decide(x))
            print(f"{'':<8} {'rules, + model':<14} event   {both[0].row()}")
            print(f"{'':<8} {'':<14} + root  {both[1].row()}")
    per_root: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for x in data:
        p = predicted[x.key]
        guess = p.label if p.p >= 0.5 else "none"
        if x.label != "none":
            per_root[x.label][1] += 1
        if guess != "none":
            per_root[guess][2] += 1
        if guess == x.label != "none":
            per_root[x.label][0] += 1
    print("per root at 0.5 (tp / gold / coded): " + ", ".join(f"{k} {v[0]}/{v[1]}/{v[2]}"
                                                             for k, v in sorted(per_root.items())))
    print("command: .venv/bin/python benchmarks/pairs.py " + " ".join(sys.argv[1:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
