"""``readout train``: rebuild the pair classifier the package ships from the project's annotated data."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from readout.errors import ReadoutError

TRAIN_EXAMPLES = """\
examples:
  readout train
  readout train --written data/written/*.jsonl --candidates data/candidates/annotated-*.jsonl --out pairs.npz

Run from the project's root: the defaults are its data/written and data/candidates files, and the model is written
where the package reads it (src/readout/models/data/pairs.npz). The candidates are references into ../shared/corpus,
read back from there; without it only the written examples are used (and the command says so). The same data and
seed give the same model.
"""


def add_parsers(sub: Any) -> None:
    t = sub.add_parser("train", help="rebuild the pair classifier from the annotated data",
                       description="Train the pair classifier (the readout_linker stage) on the written examples "
                                   "and the annotated corpus candidates, and save it.", epilog=TRAIN_EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    t.add_argument("--written", type=Path, nargs="*",
                   help="written example files (default: data/written/*.jsonl but the second annotations, overlap-*)")
    t.add_argument("--candidates", type=Path, nargs="*",
                   help="annotated candidate files (default: data/candidates/annotated-*.jsonl)")
    t.add_argument("--corpus", type=Path, default=Path("../shared/corpus"),
                   help="the folder the candidates refer to (default: ../shared/corpus)")
    t.add_argument("--out", type=Path, default=Path("src/readout/models/data/pairs.npz"))
    t.add_argument("--seed", type=int, default=0)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from readout.nlp import pipeline
    from readout.training.train import examples, fit, written_files

    written = args.written if args.written is not None else written_files(Path("data/written"))
    candidates = args.candidates if args.candidates is not None else sorted(
        Path("data/candidates").glob("annotated-*.jsonl"))
    if not written and not candidates:
        raise ReadoutError("no training data: give --written or --candidates files (or run from the project's root)")
    if candidates and not args.corpus.is_dir():
        print(f"readout: {args.corpus} is absent: training on the written examples only", file=err)
        candidates = []
    data, bad = examples(pipeline(), written, candidates, [args.corpus])
    for e in bad:
        print(f"readout: skipped {e}", file=err)
    if not data:
        raise ReadoutError("no usable training examples")
    model = fit(data, seed=args.seed)
    model.meta.update({"examples": str(len(data)), "events": str(sum(x.label != "none" for x in data)),
                       "written": str(len(written)), "candidates": str(len(candidates)), "seed": str(args.seed)})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"{args.out}: {len(data)} examples ({model.meta['events']} events), {len(model.index)} features, "
          f"{len(model.classes)} classes", file=out)
    return 0
