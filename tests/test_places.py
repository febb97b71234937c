"""Places beyond cities: the first-level divisions of every country (states, provinces, regions, oblasts; ISO 3166-2
from the pycountry package) are found, named with their kind or without, and a division word after a place is the
place's kind, never an actor. The real pipeline on sentences written for these tests."""

from __future__ import annotations

import pytest

from readout.nlp.where import geocoder


@pytest.mark.parametrize("name,prefer,country,region", [
    ("Borno State", set(), "NGA", "NG-BO"),   # a small German town of the name must not win
    ("Borno", set(), "NGA", "NG-BO"),
    ("Shan", set(), "MMR", "MM-17"),          # nor a Chinese one
    ("Sindh province", set(), "PAK", "PK-SD"),
    ("Punjab", {"PAK"}, "PAK", "PK-PB"),      # a name two countries' divisions share: the one the text names
    ("Punjab", {"IND"}, "IND", "IN-PB"),
    ("Xinjiang", set(), "CHN", "CN-XJ"),      # "Xinjiang Uygur Zizhiqu" in ISO 3166-2
])
def test_divisions_are_places(name, prefer, country, region):
    place = geocoder().lookup(name, prefer)
    assert place is not None and (place.country, place.region) == (country, region)


def test_a_city_keeps_its_name_over_a_division():
    place = geocoder().lookup("Kandahar")
    assert place is not None and place.country == "AFG" and place.geonames_id  # the city, with its geonames id


def test_a_division_gives_actors_their_state_and_is_not_an_actor_itself(code):
    coded = code("Gunmen attacked a village in Borno state, police said. "
                 "Troops clashed with insurgents in Rakhine state on Friday.")
    got = {a.text: a for a in coded.actors}
    assert got["Borno"].code == "NGA" and got["Borno"].resolved_by == "iso3166:NG-BO"
    assert got["police"].code == "NGACOP" and got["Gunmen"].code == "NGAREB"
    assert got["Rakhine"].country == "MMR" and got["Troops"].code == "MMRMIL"  # NER took "Rakhine" for a body
    assert "state" not in got


def test_a_place_taken_for_a_person_where_someone_goes(coder):
    """NER tags "Sochi" a person in "the invitation to visit Sochi": a place the publisher's country has, where
    someone goes, is that place; a name of no country the text names is left as it was ("visit Kennedy")."""
    from readout.records import Document

    text = "Mitsotakis thanked Putin for the invitation to visit Sochi."
    sochi = [a for a in coder.code(Document(text=text, source="kremlin.ru", date="2021-12-08")).actors
             if a.text == "Sochi"]
    assert [(a.country, a.resolved_by) for a in sochi] == [("RUS", "geonames:491422")]
    kennedy = [a for a in coder.code(Document(text="Biden will visit Kennedy next week.", source="whitehouse.gov",
                                              date="2021-12-08")).actors if a.text == "Kennedy"]
    assert [a.country for a in kennedy] == [None]
