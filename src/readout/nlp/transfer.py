"""Crossing processes with spaCy's own ``nlp.pipe(n_process=N)``: a Doc travels as ``Doc.to_bytes``, whose user data
must be plain msgpack, so readout's inputs and results (actors, dates, events: dataclasses) travel pickled.
``readout_unpack`` (first in the pipeline) restores the inputs in the child process; ``readout_pack`` (last) packs the
results, which ``unpack_results`` restores in the parent."""

from __future__ import annotations

import pickle

from spacy.language import Language
from spacy.tokens import Doc

INPUTS = ("learned",)
RESULTS = ("gazetteer", "actors", "actor_at", "doc_when", "dates", "places", "dateline", "events")
_IN, _OUT = "readout_inputs", "readout_results"


def pack_inputs(doc: Doc) -> None:
    doc.user_data[_IN] = pickle.dumps({name: doc._.get(name) for name in INPUTS}, protocol=pickle.HIGHEST_PROTOCOL)
    for name in INPUTS:
        doc._.set(name, None)


@Language.component("readout_unpack")
def unpack_inputs(doc: Doc) -> Doc:
    for name, value in pickle.loads(doc.user_data.pop(_IN, pickle.dumps({}))).items():
        doc._.set(name, value)
    return doc


@Language.component("readout_pack")
def pack_results(doc: Doc) -> Doc:
    cached = [k for k in doc.user_data if isinstance(k, str) and k.startswith("readout_") and k != "readout_original"]
    packed = ({name: doc._.get(name) for name in RESULTS}, {k: doc.user_data.pop(k) for k in cached})
    doc.user_data[_OUT] = pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL)
    for name in (*RESULTS, *INPUTS):
        doc._.set(name, None)
    return doc


def unpack_results(doc: Doc) -> Doc:
    packed = doc.user_data.pop(_OUT, None)
    if packed is not None:
        results, cached = pickle.loads(packed)
        for name, value in results.items():
            doc._.set(name, value)
        doc.user_data.update(cached)  # what the stages worked out once per document (readout_named ...)
    return doc
