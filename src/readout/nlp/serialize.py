"""readout's results on a Doc (gazetteer hits, actor mentions, dates, places, events) survive ``Doc.to_bytes``,
``DocBin`` and spaCy's ``nlp.pipe(n_process=N)``, which all write ``doc.user_data`` as msgpack: each record type is
written as a map that names its type, through srsly's msgpack encoder and decoder registries (the way thinc sends
numpy arrays). A record's fields come back of the kind they are declared (spans as tuples, lists as lists, sets as
frozensets); a list of tuples stored directly on the Doc (``doc._.dates``) comes back as a sequence of sequences, which
unpacks the same. Only readout's own types are handled: other values (a set in a thinc model's attributes) are left
to the encoders that were there before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import srsly

from readout.nlp.gazetteer import Hit
from readout.nlp.people import Mention
from readout.nlp.scene import Seen
from readout.records import Actor, Document, Event, Evidence, Place, When

TYPES: dict[str, type] = {cls.__name__: cls for cls in (Actor, Document, Event, Evidence, Hit, Mention, Place, Seen,
                                                       When)}
_TYPE, _FIELDS, _SET = "__readout__", "fields", "__frozenset__"


def _plain(value: Any) -> Any:
    """``value`` with its sets marked, so that they come back as sets."""
    if isinstance(value, frozenset | set):
        return {_SET: [_plain(v) for v in sorted(value, key=repr)]}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def encode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    name = type(obj).__name__
    if TYPES.get(name) is type(obj):
        return {_TYPE: name, _FIELDS: {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}}
    return obj if chain is None else chain(obj)


def decode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, dict):
        if _TYPE in obj and obj[_TYPE] in TYPES:
            return _record(TYPES[obj[_TYPE]], obj[_FIELDS])
        if _SET in obj and len(obj) == 1:
            return frozenset(obj[_SET])
    return obj if chain is None else chain(obj)


def _record(cls: type, values: dict[str, Any]) -> Any:
    """A record from its fields, each of the kind its annotation says: a span or a tuple field a tuple, any other
    sequence a list (msgpack knows only one kind of sequence, and ``DocBin`` reads every one as a tuple)."""
    for f in dataclasses.fields(cls):
        value = values.get(f.name)
        if isinstance(value, list | tuple):
            values[f.name] = tuple(value) if _is_tuple(str(f.type)) else _lists(value)
        elif isinstance(value, dict):
            values[f.name] = _lists(value)
    return cls(**values)


def _is_tuple(annotation: str) -> bool:
    return annotation.startswith(("Span", "tuple"))


def _lists(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


def register_encoders() -> None:
    """Let srsly's msgpack write and read readout's records (done once, when this module is imported)."""
    srsly.msgpack_encoders.register("readout", func=encode)
    srsly.msgpack_decoders.register("readout", func=decode)


register_encoders()
