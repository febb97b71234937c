"""Training and cross-validating the pair classifier: examples from the annotated data (``readout.training.pairs``),
folds grouped by document, and the model the package ships (``readout train``)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language

from readout.errors import InputError
from readout.models.linear import LinearModel
from readout.nlp.factories import Stage
from readout.nlp.linker import NONE, Decision, Linker
from readout.training.pairs import Example, corpus_examples, written_examples

FOLDS = 5
SETTINGS = {"epochs": 12, "rate": 0.3, "l2": 1e-5, "min_count": 2, "dense": 1}


def written_files(folder: Path) -> list[Path]:
    """The written example files of a folder, without the second annotations kept to measure agreement
    (``overlap-*``)."""
    return sorted(p for p in folder.glob("*.jsonl") if not p.name.startswith("overlap-"))


def rules_only(nlp: Language) -> Language:
    """The pipeline without the pair classifier: the rules' events, which are features of the examples."""
    if "readout_linker" in nlp.pipe_names:
        nlp.disable_pipe("readout_linker")
    return nlp


def examples(nlp: Language, written: Sequence[Path], candidates: Sequence[Path],
             dirs: list[Path] | None = None) -> tuple[list[Example], list[InputError]]:
    """Every labelled example of the written texts and the annotated candidates, and the lines that could not be
    used."""
    nlp = rules_only(nlp)
    stage = nlp.get_pipe("readout_events")
    assert isinstance(stage, Stage)
    linker = Linker(stage.kb, None)
    good: list[Example] = []
    bad: list[InputError] = []
    sources = [written_examples(nlp, linker, written)]
    if candidates:
        sources.append(corpus_examples(nlp, linker, candidates, dirs))
    for found in sources:
        for x in found:
            (bad if isinstance(x, InputError) else good).append(x)  # type: ignore[arg-type]
    return good, bad


def fit(data: Sequence[Example], seed: int = 0, **settings: float) -> LinearModel:
    """The model of the examples; ``settings`` override ``SETTINGS`` (``dense``: 0 leaves the vectors out)."""
    s = {**SETTINGS, **settings}
    classes = sorted({x.label for x in data})
    vectors = [x.vector for x in data]
    dense = bool(s["dense"]) and all(v is not None for v in vectors)
    return LinearModel.fit([x.features for x in data], [x.label for x in data], epochs=int(s["epochs"]),
                           rate=float(s["rate"]), l2=float(s["l2"]), min_count=int(s["min_count"]), seed=seed,
                           classes=classes, vectors=[v for v in vectors if v is not None] if dense else None)


def fold_of(data: Sequence[Example], folds: int = FOLDS, seed: int = 0) -> dict[str, int]:
    """Document -> fold: every example of a document falls in one fold."""
    groups = sorted({x.group for x in data})
    random.Random(seed).shuffle(groups)
    return {grp: i % folds for i, grp in enumerate(groups)}


def cross_validate(data: Sequence[Example], folds: int = FOLDS, seed: int = 0,
                   train_only: Sequence[Example] = (), **settings: float) -> dict[str, Decision]:
    """Each example's prediction by a model trained on the folds it is not in (and on ``train_only``, examples
    that are never scored)."""
    where = fold_of(data, folds, seed)
    out: dict[str, Decision] = {}
    for k in range(folds):
        model = fit([x for x in data if where[x.group] != k] + list(train_only), seed, **settings)
        for x in data:
            if where[x.group] == k:
                out[x.key] = Decision(*model.likeliest(x.features, x.vector, but=NONE))
    return out
