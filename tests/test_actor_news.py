"""Actors as wire copy names them, with the real pipeline on sentences written for these tests: a named body with
the words that describe it, bodies of no one state, surnames NER takes for organisations, full names that are not the
person of the same surname, a given name spelt like a title, party offices, an agency's director and an ousted
president."""

from __future__ import annotations

from readout.records import Document


def actors(coder, text: str, date: str = "2024-03-01") -> dict[str, object]:
    return {a.text: a for a in coder.code(Document(text=text, date=date)).actors}


def test_a_named_body_takes_the_words_that_describe_it(coder):
    got = actors(coder, "TUNIS, March 1 (wire) - Police detained a leader of the Islamist Ennahda party. "
                        "The Palestinian group Hamas praised the opposition Move Forward Party.")
    assert got["the Islamist Ennahda party"].code == "TUNPTY"
    assert got["The Palestinian group Hamas"].code == "PSEREB"
    assert got["the opposition Move Forward Party"].code == "THAPTY"
    assert "Palestinian" not in got and "the Islamist" not in got  # no second actor inside the body's mention


def test_a_body_the_tables_hold_of_no_one_state_takes_none_from_the_sentence(coder):
    got = actors(coder, "TUNIS, March 1 (wire) - Human Rights Watch said Tunisian police beat protesters. "
                        "In Manila, the Islamic State claimed a bombing in the Philippines.")
    assert got["Human Rights Watch"].country is None and got["Human Rights Watch"].sector == "HRI"
    assert got["Islamic State"].country is None
    assert got["Tunisian police"].code == "TUNCOP"


def test_a_surname_ner_takes_for_an_organisation_is_the_person_named_before(coder):
    got = actors(coder, "LA PAZ, June 27 (wire) - Bolivian President Luis Arce named a new army commander. "
                        "Arce said democracy had held.", date="2024-06-27")
    assert got["Arce"].code == "BOLGOV" and got["Arce"].person == "Luis Arce"


def test_a_full_name_is_not_another_person_of_that_surname(coder):
    coded = coder.code(Document(text="HONG KONG, Jan 2 (wire) - Media tycoon Jimmy Lai went on trial. Lai denies the "
                                     "charges.", date="2024-01-02"))
    lai = [a for a in coded.actors if a.text.endswith("Lai")]
    assert [a.person for a in lai] == ["Jimmy Lai", "Jimmy Lai"]
    assert {a.code for a in lai} == {"HKGBUS"}  # not Taiwan's Lai Ching-te, and no "Media" beside the tycoon
    assert "Media" not in {a.text for a in coded.actors}


def test_amir_before_a_name_is_a_given_name_unless_the_tables_know_an_emir(coder):
    got = actors(coder, "TEHRAN, Jan 5 (wire) - Amir Ali Hajizadeh said Iran's missiles were ready. "
                        "Amir Tamim bin Hamad Al Thani called for calm.", date="2024-01-05")
    assert got["Amir Ali Hajizadeh"].role != "Head of State"
    assert got["Amir Tamim bin Hamad Al Thani"].code == "QATGOV"
    assert got["Amir Tamim bin Hamad Al Thani"].role == "Head of State"


def test_a_party_office_of_a_party_leader_is_the_partys(coder):
    coded = coder.code(Document(text="BERLIN, Feb 1 (wire) - AfD co-leader Alice Weidel rejected the plan. RN "
                                     "president Jordan Bardella agreed.", date="2024-02-01"))
    by_person = {a.person: a for a in coded.actors if a.person}
    assert by_person["Alice Weidel"].code == "DEUPTY" and by_person["Jordan Bardella"].code == "FRAPTY"
    assert by_person["Jordan Bardella"].role == "Party Leader"


def test_a_title_after_a_named_agency_takes_the_agencys_sector(coder):
    got = actors(coder, "CAIRO, Jan 5 (wire) - CIA Director William Burns met FBI Director Christopher Wray.",
                 date="2024-01-05")
    assert got["CIA Director William Burns"].code == "USASPY"
    assert got["FBI Director Christopher Wray"].code == "USACOP"


def test_an_ousted_president_is_an_elite_but_not_the_one_being_ousted(coder):
    got = coder.code(Document(text="NIAMEY, Jan 5 (wire) - The junta said ousted President Mohamed Bazoum would be "
                                   "tried. Soldiers ousted President Mohamed Bazoum in July.", date="2024-01-05"))
    sectors = [a.sector for a in got.actors if a.person == "Mohamed Bazoum"]
    assert sectors == ["ELI", "GOV"]


def test_people_displaced_within_a_state_are_its_refugees_are_not_the_sentences(coder):
    got = actors(coder, "KHARTOUM, May 2 (wire) - Sudan's army shelled a camp, and displaced residents fled. "
                        "Poland said refugees were arriving.", date="2024-05-02")
    assert got["displaced residents"].code == "SDNREF"
    assert got["refugees"].country is None  # of the state they left, which the sentence does not name


def test_a_surname_written_without_its_accents_is_the_person_and_a_groups_founder_is_the_groups(coder):
    got = actors(coder, "ANKARA, Feb 27 (wire) - Jailed founder Abdullah Ocalan called on the PKK to disarm. "
                        "Ocalan has been held since 1999.", date="2025-02-27")
    assert got["Ocalan"].person == "Abdullah Öcalan" and got["Ocalan"].code == "TURREB"
    assert got["founder Abdullah Ocalan"].code == "TURREB"


def test_a_sectors_noun_before_a_name_gives_the_person_that_sector_and_its_country_word(coder):
    got = actors(coder, "OSLO, Oct 7 (wire) - The prize went to jailed Belarusian rights activist Ales Bialiatski, "
                        "and businessman Jack Ma applauded.", date="2022-10-07")
    assert got["Belarusian rights activist Ales Bialiatski"].code == "BLROPP"
    assert got["businessman Jack Ma"].sector == "BUS"


def test_a_title_of_an_office_that_speaks_after_a_name_is_not_the_persons(coder):
    got = actors(coder, "MEXICO CITY, Feb 27 (wire) - Mexico sent drug lord Rafael Caro Quintero to the United States, "
                        "the Attorney General's Office said.", date="2025-02-27")
    quintero = next(a for a in got.values() if a.person and a.person.endswith("Caro Quintero"))
    assert quintero.role is None and quintero.code == "MEXCRM"
