"""An event as one flat row: what ``readout events`` lists, the exports write, the API returns and the Dask events
dataframe holds, and (under three other column names) what the corpus database stores of an event.

``event_row`` makes the row of an ``Event`` (coded now) or of a stored event (a database row with the same names);
``event_facts`` is the part that comes from the ``Event`` itself, before labels and names are added.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from readout.ontology import cameo
from readout.records import Actor, Document, Event

EVENT_COLUMNS = [
    "event_id", "date", "date_end", "precision", "cameo", "label", "root", "quad_class", "goldstein",
    "plover_type", "plover_mode", "contexts", "source", "source_name", "target", "target_name", "mutual", "modality",
    "place", "place_country", "region", "lat", "lon", "geonames_id", "attributed_to", "n_mentions", "n_documents",
    "n_sources",
    "document", "url", "published", "publisher", "evidence", "rule",
]

# A stored event's row: a dict, or the RowMapping SQLAlchemy reads it as (keyed by column names and by columns).
StoredEvent = Mapping[Any, Any]


def side_code(actors: list[Actor]) -> str:
    """The actor codes of one side, sorted and joined: ``CHNGOV``, ``RUSGOV;UKRGOV``; ``---`` for nobody."""
    return ";".join(sorted({a.code for a in actors})) or "---"


def event_facts(e: Event, record: dict[str, Any] | None = None) -> dict[str, Any]:
    """What an event says, flat: codes, sides (their codes and actor records), date, place, attribution, details and
    the first evidence. ``record``: the event's ``to_dict()`` as JSON gives it back, if the caller has it."""
    if record is None:
        record = json.loads(json.dumps(e.to_dict()))
    place, when = e.where, e.when
    first = e.evidence[0] if e.evidence else None
    return {
        "cameo": e.cameo, "root": e.root, "quad_class": e.quad_class, "goldstein": e.goldstein,
        "plover_type": e.plover_type, "plover_mode": e.plover_mode, "contexts": e.contexts or None,
        "source": side_code(e.source), "target": side_code(e.target),
        "source_actors": record["source"], "target_actors": record["target"],
        "mutual": e.mutual, "modality": e.modality,
        "date": when.start if when else None, "date_end": when.end if when else None,
        "precision": when.precision if when else None,
        "place": place.name if place else None, "place_country": place.country if place else None,
        "region": place.region if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "geonames_id": place.geonames_id if place else None,
        "attributed_to": record["attributed_to"], "details": record["values"] or None,
        "evidence": first.text if first else None, "rule": first.rule if first else None,
    }


def event_row(event: Event | StoredEvent, *, document: Document | None = None,
              actors: bool = False) -> dict[str, Any]:
    """The row of an event for users (``EVENT_COLUMNS``): codes with their label, the names on each side, who it is
    attributed to. ``event``: an ``Event`` (with the ``document`` it was coded from, if any) or a stored event's
    row; ``actors``: add the actor records of each side and the mention's ``record`` (for the exports)."""
    if isinstance(event, Event):
        r: Mapping[str, Any] = event_facts(event)
        if document is not None:
            r = {**r, "document": document.id, "url": document.url, "published": document.date,
                 "publisher": document.source}
    else:
        r = event
    row = {k: r[k] for k in EVENT_COLUMNS if k in r}
    row["label"] = cameo.label(r["cameo"]) if cameo.is_code(r["cameo"]) else ""
    row["source_name"] = _names(r["source_actors"])
    row["target_name"] = _names(r["target_actors"])
    row["attributed_to"] = (r["attributed_to"] or {}).get("person") or (r["attributed_to"] or {}).get("text")
    row["mutual"] = bool(r["mutual"])
    if actors:
        row["source_actors"] = r["source_actors"] or []
        row["target_actors"] = r["target_actors"] or []
        row["record"] = r.get("record")
    return row


def _names(actors: list[dict] | None) -> str:
    return "; ".join(dict.fromkeys(a.get("identifier_text") or a.get("person") or a.get("name") or a.get("text", "")
                                   for a in actors or []))
