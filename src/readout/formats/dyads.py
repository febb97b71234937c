"""Events as analysts load them: one row per directed dyad, in the shape of ICEWS and POLECAT tables.

An event with several actors on a side ("China and Kazakhstan signed ...") or a mutual one (a meeting: each side acts
on the other) is several directed dyads. Each row carries the event's id, the dyad's number within it and whether the
event is compound, so that ``groupby("event_id")`` gives the events back. Source and target have their own country,
sector, name and actor id columns; dates are datetimes with their precision beside them; coordinates are floats;
codes are strings (CAMEO's leading zeros kept). ``readout.open(db).events()``, the CSV and Parquet exports and the
crosswalk to ICEWS and POLECAT names in ``docs/formats.md`` share these columns.

A pair is left out where it says nothing of who acts on whom: the same actor on both sides, or, in a compound
event, two actors of one country ("China and Kazakhstan" acting on "Kazakhstan"). Two actors of one country with
different sectors ("Ukraine's army" and "Ukrainian civilians") are a domestic dyad and kept, as ICEWS keeps them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from readout.knowledge import KnowledgeBase, country_name

if TYPE_CHECKING:
    import pandas as pd

DYAD_COLUMNS = [
    "event_id", "dyad", "n_dyads", "compound", "mutual", "date", "date_end", "date_precision",
    "source_country", "source_sector", "source_name", "source_actor_id",
    "target_country", "target_sector", "target_name", "target_actor_id",
    "cameo", "label", "root", "quad_class", "goldstein", "plover_type", "plover_mode", "contexts", "modality",
    "place", "place_kind", "place_country", "region", "geonames_id", "lat", "lon",
    "attributed_to", "n_mentions", "n_documents", "n_sources", "document", "url", "publisher", "published",
    "evidence", "rule",
]
#: pandas dtypes of the columns that are not text ("string"); dates are datetime64 (NaT where unknown)
DYAD_TYPES = {
    "event_id": "Int64", "dyad": "Int64", "n_dyads": "Int64", "compound": "boolean", "mutual": "boolean",
    "date": "datetime64[ns]", "date_end": "datetime64[ns]", "published": "datetime64[ns]",
    "quad_class": "Int64", "goldstein": "Float64", "geonames_id": "Int64", "lat": "Float64", "lon": "Float64",
    "n_mentions": "Int64", "n_documents": "Int64", "n_sources": "Int64",
}


def actor_key(person: str | None, country: str | None, code: str, name: str) -> str:
    """The id of an actor, as the corpus database keys its ``actors`` table: one per person (with their country),
    ``person:Wang Yi|CHN``; one per country and sector, ``code:CHNGOV``; else its name, ``name:...``."""
    if person:
        key = f"person:{person}|{country or '---'}"
    elif country:
        key = f"code:{code}"
    else:
        key = f"name:{name.strip().lower()}"
    if len(key) > 400:  # text that is no name (a URL, a run-on heading): keep the key short and unique
        key = key[:360] + "#" + hashlib.sha1(key.encode("utf-8")).hexdigest()
    return key


def actor_id(a: dict[str, Any]) -> str:
    """``actor_key`` of an actor record (``Actor.to_dict()``)."""
    return actor_key(a.get("person"), a.get("country"), a.get("code") or f"{a.get('country')}{a.get('sector') or ''}",
                     a.get("name") or a.get("text") or "")


def actor_name(a: dict[str, Any]) -> str:
    """The person, else the name the actor was resolved to, else its words."""
    return a.get("person") or a.get("name") or a.get("text") or ""


def actor_pairs(row: dict[str, Any]) -> list[tuple[dict, dict]]:
    """(source actor, target actor) pairs of an event: every pair across the sides, each reversed too when the event
    is mutual, leaving out the pairs the module says nothing of (the same actor twice; one country twice in a
    compound event)."""
    src = row.get("source_actors") or [{}]
    tgt = row.get("target_actors") or [{}]
    compound = len(src) > 1 or len(tgt) > 1
    pairs: list[tuple[dict, dict]] = []
    seen: set[tuple[str, str]] = set()
    for s in src:
        for t in tgt:
            if compound and s.get("country") and s.get("country") == t.get("country"):
                continue
            for a, b in ((s, t), (t, s)) if row.get("mutual") else ((s, t),):
                key = (_ident(a), _ident(b))
                if key not in seen and key[0] != key[1]:
                    seen.add(key)
                    pairs.append((a, b))
    return pairs


def _ident(a: dict) -> str:
    return f"{a.get('code', '')}|{a.get('person') or a.get('name') or a.get('text', '')}"


def place_kind(row: dict[str, Any], kb: KnowledgeBase | None = None) -> str | None:
    """``city`` for a place with coordinates other than a whole country; ``country`` for a country (named as the
    place, or the only thing known of it); none where the event has no place."""
    if not row.get("place") and not row.get("place_country"):
        return None
    whole = row.get("place_country") and (row.get("place") or "") in ("", row.get("place_country"),
                                                                      country_name(row.get("place_country"), kb)
                                                                      if kb is not None else "")
    return "city" if row.get("lat") is not None and not whole else "country"


def dyad_rows(row: dict[str, Any], kb: KnowledgeBase | None = None) -> list[dict[str, Any]]:
    """The directed dyads of an event row (``event_row(..., actors=True)``), one dict each with ``DYAD_COLUMNS``
    (dates as ISO text: ``dyad_frame`` types them). An event whose pairs are all left out gives none."""
    pairs = actor_pairs(row)
    compound = len(row.get("source_actors") or []) > 1 or len(row.get("target_actors") or []) > 1
    contexts = row.get("contexts")
    common = {
        "event_id": row.get("event_id"), "n_dyads": len(pairs), "compound": compound, "mutual": bool(row.get("mutual")),
        "date": row.get("date"), "date_end": row.get("date_end"), "date_precision": row.get("precision"),
        "cameo": row.get("cameo"), "label": row.get("label"), "root": row.get("root"),
        "quad_class": row.get("quad_class"), "goldstein": row.get("goldstein"), "plover_type": row.get("plover_type"),
        "plover_mode": row.get("plover_mode"),
        "contexts": ";".join(contexts) if isinstance(contexts, list | tuple) else contexts or None,
        "modality": row.get("modality"), "place": row.get("place"), "place_kind": place_kind(row, kb),
        "place_country": row.get("place_country"), "region": row.get("region"), "geonames_id": row.get("geonames_id"),
        "lat": row.get("lat"), "lon": row.get("lon"), "attributed_to": row.get("attributed_to"),
        "n_mentions": row.get("n_mentions"), "n_documents": row.get("n_documents"), "n_sources": row.get("n_sources"),
        "document": row.get("document"), "url": row.get("url"), "publisher": row.get("publisher"),
        "published": row.get("published"), "evidence": row.get("evidence"), "rule": row.get("rule"),
    }
    out = []
    for k, (s, t) in enumerate(pairs, start=1):
        out.append(common | {
            "dyad": k,
            "source_country": s.get("country"), "source_sector": s.get("sector"), "source_name": actor_name(s) or None,
            "source_actor_id": actor_id(s) if s else None,
            "target_country": t.get("country"), "target_sector": t.get("sector"), "target_name": actor_name(t) or None,
            "target_actor_id": actor_id(t) if t else None,
        })
    return out


def iter_dyads(rows: Iterable[dict[str, Any]], kb: KnowledgeBase | None = None) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield from dyad_rows(row, kb)


def dyad_frame(rows: Iterable[dict[str, Any]], kb: KnowledgeBase | None = None) -> pd.DataFrame:
    """A typed pandas DataFrame of the directed dyads of event rows (``DYAD_COLUMNS``, ``DYAD_TYPES``)."""
    import pandas as pd

    frame = pd.DataFrame(list(iter_dyads(rows, kb)), columns=DYAD_COLUMNS)
    return typed(frame)


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the dtypes of ``DYAD_TYPES``: dates as datetimes (a date of unknown day or month is its first
    day; ``date_precision`` says which), numbers as nullable numbers, the rest as text."""
    import pandas as pd

    for column in frame.columns:
        kind = DYAD_TYPES.get(column, "string")
        if kind.startswith("datetime"):
            frame[column] = pd.to_datetime(frame[column], errors="coerce", format="ISO8601")
        else:
            frame[column] = frame[column].astype(kind)
    return frame
