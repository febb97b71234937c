"""Exports of a corpus's events in the formats the field reads: PLOVER JSONL (POLECAT's record), ICEWS-style and
GDELT-style TSV, CSV and Parquet. Each format's columns and how readout fills them are in ``docs/formats.md``.

ICEWS and GDELT records are dyadic (one source actor, one target actor): an event with several actors on a side is
written once per pair, and a mutual event (a meeting, a call) once in each direction, as ``readout dyad`` counts it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from readout.formats.dyads import DYAD_COLUMNS, DYAD_TYPES, actor_name, actor_pairs, iter_dyads, place_kind
from readout.knowledge import KnowledgeBase, country_name
from readout.ontology import cameo

if TYPE_CHECKING:
    import pyarrow as pa

EXPORT_FORMATS = ("plover-jsonl", "icews-tsv", "gdelt-tsv", "csv", "parquet")

ICEWS_COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
]
#: what readout adds after a format's own columns: whether the event happened (asserted, negated, intended, ...)
#: and how precise its date is (day, week, month, year: a month is written as its first day)
EXTRA_COLUMNS = ["Modality", "Date Precision"]

_GDELT_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                "Type1Code", "Type2Code", "Type3Code"]
_GDELT_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _GDELT_ACTOR] + [f"Actor2{c}" for c in _GDELT_ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
       "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GDELT_GEO] + [f"Actor2Geo_{c}" for c in _GDELT_GEO]
    + [f"ActionGeo_{c}" for c in _GDELT_GEO]
    + ["DATEADDED", "SOURCEURL"]
)

CSV_COLUMNS = DYAD_COLUMNS  # one row per directed dyad, as ``readout.open(db).events()``


def export(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO | BinaryIO | str | Path,
           sources: Any = None, *, kb: KnowledgeBase) -> int:
    """Write event rows (``Corpus.iter_events``) in ``fmt`` to ``out`` (a text stream, or a path for Parquet);
    ``sources(event_ids)`` gives each event's documents for PLOVER's cite_info; ``kb`` (the corpus's, ``Corpus.kb``)
    names countries and rolls contexts up to PLOVER's. Returns the records written."""
    if fmt == "parquet":
        return write_parquet(rows, out, kb)
    writer = {"plover-jsonl": lambda r, o: write_plover(r, o, kb, sources),
              "icews-tsv": lambda r, o: write_icews(r, o, kb), "gdelt-tsv": lambda r, o: write_gdelt(r, o, kb),
              "csv": lambda r, o: write_csv(r, o, kb)}.get(fmt)
    if writer is None:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    return writer(rows, out)


# -- actors -------------------------------------------------------------------------------------------------------


def _alpha2(code: str | None) -> str:
    if not code:
        return ""
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return found.alpha_2 if found else ""


# -- PLOVER ---------------------------------------------------------------------------------------------------------


def write_plover(rows: Iterable[dict[str, Any]], out: TextIO, kb: KnowledgeBase, sources: Any = None) -> int:
    """One PLOVER record per event, citing every document that reports it."""
    from readout.formats.writers import plover_record
    from readout.records import Event
    from readout.version import __version__

    n = 0
    for batch in _batches(rows, 500):
        cites = sources([r["event_id"] for r in batch]) if sources else {}
        for r in batch:
            event = Event.from_dict(r["record"])
            rec = plover_record(event, str(r["event_id"]), cites.get(r["event_id"], []),
                                f"readout {__version__}", kb)
            rec.update({"num_mentions": r["n_mentions"], "num_articles": r["n_documents"],
                        "num_sources": r["n_sources"]})
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for r in rows:
        batch.append(r)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- ICEWS and GDELT ------------------------------------------------------------------------------------------------


def _tsv(out: TextIO, columns: list[str], records: Iterable[list[Any]]) -> int:
    w = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(columns)
    n = 0
    for rec in records:
        w.writerow(["" if v is None else (" ".join(v.split()) if isinstance(v, str) else v) for v in rec])
        n += 1
    return n


def icews_records(rows: Iterable[dict[str, Any]], kb: KnowledgeBase) -> Iterator[list[Any]]:
    for r in rows:
        if not r.get("date"):
            continue  # ICEWS records are dated
        pairs = actor_pairs(r)
        for k, (s, t) in enumerate(pairs):
            yield [
                r["event_id"] if len(pairs) == 1 else f"{r['event_id']}-{k + 1}", r["date"],
                actor_name(s), cameo.sector_label(s.get("sector")) or s.get("sector") or "",
                country_name(s.get("country"), kb),
                r["label"], r["cameo"], r["goldstein"],
                actor_name(t), cameo.sector_label(t.get("sector")) or t.get("sector") or "",
                country_name(t.get("country"), kb),
                r["document"], "", r["publisher"], r["place"] if place_kind(r, kb) == "city" else "", "", "",
                country_name(r["place_country"], kb), r["lat"], r["lon"], r["modality"], r["precision"],
            ]


def write_icews(rows: Iterable[dict[str, Any]], out: TextIO, kb: KnowledgeBase) -> int:
    return _tsv(out, ICEWS_COLUMNS + EXTRA_COLUMNS, icews_records(rows, kb))


def gdelt_records(rows: Iterable[dict[str, Any]], kb: KnowledgeBase) -> Iterator[list[Any]]:
    for r in rows:
        if not r.get("date"):
            continue
        day = Date.fromisoformat(r["date"])
        fraction = round(day.year + (day.timetuple().tm_yday - 1) / 365.0, 4)
        pairs = actor_pairs(r)
        for k, (s, t) in enumerate(pairs):
            geo_type = 4 if r["lat"] is not None else (1 if r["place_country"] else 0)
            country = country_name(r["place_country"], kb)
            place = f"{r['place']}, {country}" if r["place"] and country and r["place"] != country else (
                r["place"] or country)
            published = (r.get("published") or r["date"]).replace("-", "")
            yield [
                r["event_id"] * 100 + k, day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, fraction,
                *_gdelt_actor(s, kb), *_gdelt_actor(t, kb),
                1 if _in_lead(r) else 0,
                r["cameo"], r["cameo"][:3], r["root"], r["quad_class"], r["goldstein"], r["n_mentions"],
                r["n_sources"], r["n_documents"], "",
                *([""] * 8), *([""] * 8),
                geo_type if geo_type else "", place, _alpha2(r["place_country"]), "", "", r["lat"], r["lon"],
                r.get("geonames_id") or "",
                published + "000000", r["url"] or r["document"], r["modality"], r["precision"],
            ]


def _in_lead(r: dict[str, Any]) -> bool:
    """GDELT's IsRootEvent: the event is told in the headline or the first sentence."""
    evidence = (r.get("record") or {}).get("evidence") or [{}]
    first = evidence[0]
    return first.get("field") == "title" or (first.get("sentence") or [None])[0] == 0


def _gdelt_actor(a: dict, kb: KnowledgeBase) -> list[Any]:
    country = a.get("country")
    igo = country if country in kb.organisations else ""
    cameo_country = kb.countries[country].cameo if country in kb.countries else ""
    code = (igo or cameo_country) + (a.get("sector") or "" if a.get("sector") != "IGO" else "")
    return [code, actor_name(a).upper(), cameo_country, igo, "", "", "", a.get("sector") or "", "", ""]


def write_gdelt(rows: Iterable[dict[str, Any]], out: TextIO, kb: KnowledgeBase) -> int:
    return _tsv(out, GDELT_COLUMNS + EXTRA_COLUMNS, gdelt_records(rows, kb))


# -- CSV and Parquet ------------------------------------------------------------------------------------------------


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO, kb: KnowledgeBase | None = None) -> int:
    """One row per directed dyad (``DYAD_COLUMNS``). Read it back with ``dtype=str`` (or at least
    ``dtype={"cameo": str, "root": str}``): CAMEO codes have leading zeros."""
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for d in iter_dyads(rows, kb):
        w.writerow(d)
        n += 1
    return n


def parquet_schema() -> pa.Schema:
    import pyarrow as pa

    kinds = {"Int64": pa.int64(), "Float64": pa.float64(), "boolean": pa.bool_(), "datetime64[ns]": pa.date32()}
    return pa.schema([(c, kinds.get(DYAD_TYPES.get(c, ""), pa.string())) for c in CSV_COLUMNS])


def write_parquet(rows: Iterable[dict[str, Any]], path: str | Path | TextIO | BinaryIO,
                  kb: KnowledgeBase | None = None) -> int:
    """Parquet with typed columns (dates as dates, numbers as numbers), one row per directed dyad, written in row
    groups of 10,000 to the file ``path`` (a stream is refused: ValueError)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not isinstance(path, str | Path):
        raise ValueError("Parquet is written to a file: give --output PATH")
    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for batch in _batches(iter_dyads(rows, kb), 10_000):
            cols = {c: [_parquet_value(c, r.get(c)) for r in batch] for c in CSV_COLUMNS}
            writer.write_table(pa.table(cols, schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(pa.table({c: [] for c in CSV_COLUMNS}, schema=schema))
    return n


def _parquet_value(column: str, value: Any) -> Any:
    if value is None or DYAD_TYPES.get(column) != "datetime64[ns]":
        return value
    return Date.fromisoformat(str(value)[:10])
