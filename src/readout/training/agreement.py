"""How far two annotators agree on labels of the same items (Cohen's kappa: agreement beyond chance)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two label sequences over the same items: 1 for full agreement, 0 for chance."""
    if len(a) != len(b) or not a:
        raise ValueError("two label sequences of the same, non-zero length are needed")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)
