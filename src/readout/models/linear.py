"""A multinomial logistic regression over sparse string features: small (a row of weights per feature kept), fast on
a CPU (a prediction is a sum of rows), trained by AdaGrad with L2 in a few seconds, and deterministic for a seed.
Saved as one ``.npz`` file of plain arrays (no pickles), so that a model shipped in the package loads anywhere.
"""

from __future__ import annotations

import io
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np


class LinearModel:
    """``classes``: the labels; ``features``: feature -> row of ``weights`` (features x classes); ``dense``: the
    weights of a dense vector given beside the features (dimensions x classes; none where the model reads none);
    ``bias``."""

    def __init__(self, classes: Sequence[str], features: Sequence[str], weights: np.ndarray, bias: np.ndarray,
                 meta: dict[str, str] | None = None, dense: np.ndarray | None = None):
        self.classes = list(classes)
        self.index = {f: i for i, f in enumerate(features)}
        self.weights, self.bias = weights.astype(np.float32), bias.astype(np.float32)
        self.dense = (dense if dense is not None else np.zeros((0, len(self.classes)))).astype(np.float32)
        self.meta = dict(meta or {})

    # -- use ---------------------------------------------------------------------------------------------------
    def rows(self, feats: Sequence[str]) -> list[int]:
        return sorted({self.index[f] for f in feats if f in self.index})

    def scores(self, rows: list[int], vector: np.ndarray | None) -> np.ndarray:
        scores = self.bias + (self.weights[rows].sum(axis=0) if rows else 0.0)
        if vector is not None and len(self.dense):
            scores = scores + vector @ self.dense
        return scores

    def proba(self, feats: Sequence[str], vector: np.ndarray | None = None) -> np.ndarray:
        """The probability of each class (in the order of ``classes``) for one example."""
        scores = self.scores(self.rows(feats), vector)
        scores = scores - scores.max()
        e = np.exp(scores)
        return e / e.sum()

    def predict(self, feats: Sequence[str], vector: np.ndarray | None = None) -> tuple[str, float]:
        p = self.proba(feats, vector)
        k = int(p.argmax())
        return self.classes[k], float(p[k])

    def likeliest(self, feats: Sequence[str], vector: np.ndarray | None = None, but: str = "") -> tuple[str, float]:
        """The likeliest class other than ``but``, and its probability."""
        p = self.proba(feats, vector)
        k = max((i for i, c in enumerate(self.classes) if c != but), key=lambda i: p[i])
        return self.classes[k], float(p[k])

    # -- training ----------------------------------------------------------------------------------------------
    @classmethod
    def fit(cls, examples: Sequence[Sequence[str]], labels: Sequence[str], epochs: int = 12, rate: float = 0.3,
            l2: float = 1e-5, min_count: int = 2, seed: int = 0, classes: Sequence[str] | None = None,
            vectors: Sequence[np.ndarray] | None = None) -> LinearModel:
        """Train on ``examples`` (feature lists), with a dense vector each where ``vectors`` are given, and their
        ``labels``; features seen fewer than ``min_count`` times are dropped."""
        counts = Counter(f for ex in examples for f in set(ex))
        features = sorted(f for f, n in counts.items() if n >= min_count)
        classes = list(classes) if classes is not None else sorted(set(labels))
        width = len(vectors[0]) if vectors is not None and len(vectors) else 0
        model = cls(classes, features, np.zeros((len(features), len(classes))), np.zeros(len(classes)),
                    dense=np.zeros((width, len(classes))))
        vecs: list[np.ndarray | None] = list(vectors) if vectors is not None and width else [None] * len(examples)
        data = [(model.rows(ex), model.classes.index(y), v) for ex, y, v in zip(examples, labels, vecs, strict=True)]
        model.train(data, epochs, rate, l2, seed)
        return model

    def train(self, data: Sequence[tuple[list[int], int, np.ndarray | None]], epochs: int, rate: float, l2: float,
              seed: int) -> None:
        """AdaGrad on the log loss, with L2, over (rows, class, vector) examples in a seeded random order."""
        w, b, d = self.weights, self.bias, self.dense
        gw, gb, gd = np.full_like(w, 1e-6), np.full_like(b, 1e-6), np.full_like(d, 1e-6)
        order = list(range(len(data)))
        rng = random.Random(seed)
        for _ in range(epochs):
            rng.shuffle(order)
            for i in order:
                rows, y, vector = data[i]
                scores = self.scores(rows, vector)
                scores -= scores.max()
                p = np.exp(scores)
                p /= p.sum()
                p[y] -= 1.0  # the gradient of the log loss with respect to the scores
                gb += p * p
                b -= rate * p / np.sqrt(gb)
                if rows:
                    g = p[None, :] + l2 * w[rows]
                    gw[rows] += g * g
                    w[rows] -= rate * g / np.sqrt(gw[rows])
                if vector is not None and len(d):
                    g = np.outer(vector, p) + l2 * d
                    gd += g * g
                    d -= rate * g / np.sqrt(gd)

    # -- files -------------------------------------------------------------------------------------------------
    def save(self, path: str | Path | BinaryIO) -> None:
        """Write the model as an ``.npz`` file (to a path or a binary file object)."""
        features = sorted(self.index, key=lambda f: self.index[f])
        keep = np.abs(self.weights).max(axis=1) > 1e-4  # features the training never moved say nothing
        meta = sorted(self.meta.items())
        target = path if not isinstance(path, str) else Path(path)
        np.savez_compressed(target, classes=np.array(self.classes), bias=self.bias,
                            features=np.array([f for f, k in zip(features, keep, strict=True) if k]),
                            weights=self.weights[keep].astype(np.float16), dense=self.dense.astype(np.float16),
                            meta=np.array([f"{k}={v}" for k, v in meta]))

    @classmethod
    def load(cls, path: str | Path | BinaryIO) -> LinearModel:
        with np.load(path if not isinstance(path, str) else Path(path), allow_pickle=False) as z:
            meta = dict(str(m).split("=", 1) for m in z["meta"])
            return cls([str(c) for c in z["classes"]], [str(f) for f in z["features"]], z["weights"], z["bias"],
                       meta, z["dense"] if "dense" in z.files else None)

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.save(buf)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LinearModel:
        return cls.load(io.BytesIO(data))
