"""What a group or title with no country of its own takes from around it, with the real pipeline on sentences written
for these tests: the one state its sentence names, the publisher's own capitalised bodies ("Congress" on
whitehouse.gov), and phrases that stand for many states, which keep no country and are counted apart."""

from __future__ import annotations

from readout.records import Document


def actors(coder, text: str, source: str = "", date: str = "2023-06-01") -> dict[str, object]:
    return {a.text: a for a in coder.code(Document(text=text, date=date, source=source)).actors}


def test_a_bare_group_takes_the_one_state_its_sentence_names(coder):
    got = actors(coder, "Kenya's president said prosecutors would charge the officers who fired on protesters.")
    assert (got["prosecutors"].country, got["prosecutors"].sector) == ("KEN", "JUD")
    assert "sentence:KEN" in got["prosecutors"].resolved_by


def test_in_a_release_the_other_state_of_the_sentence(coder):
    """A White House readout: the sentence names the United States and Tunisia; "parliament" is Tunisia's."""
    text = "Sullivan and President Saied of Tunisia discussed a swift return to an elected parliament."
    got = actors(coder, text, source="https://www.whitehouse.gov/briefing-room/", date="2021-07-31")
    assert got["parliament"].code == "TUNLEG"


def test_no_state_from_context_where_the_words_point_beyond_one(coder):
    text = ("Poland said migrants were pushed to the border. Germany said other officials must help. "
            "France and Italy said lawmakers would vote.")
    got = actors(coder, text)
    assert got["migrants"].country is None  # refugees belong to the state they left
    assert got["officials"].country is None  # "other officials"
    assert got["lawmakers"].country is None  # two states in the sentence: no way to tell


def test_the_publishers_own_capitalised_bodies(coder):
    text = "We urge Congress to pass the bill. The President thanked the Government of Japan."
    got = actors(coder, text, source="whitehouse.gov", date="2023-06-01")
    assert got["Congress"].code == "USALEG"
    assert got["Government of Japan"].country == "JPN"
    kremlin = actors(coder, "I would like to ask your Government to act.", source="kremlin.ru")
    assert kremlin["Government"].country != "RUS"


def test_phrases_for_many_states_keep_no_country(coder):
    got = actors(coder, "China called on the international community and all parties to show restraint.")
    for text in ("international community", "all parties"):
        assert got[text].country is None and got[text].resolved_by == "agent:g.many_states", text


def test_wire_copy_roles_in_lower_case(coder):
    got = actors(coder, "Hezbollah leader Naim Qassem spoke on Sunday. Taliban spokesman Zabihullah Mujahid denied "
                        "it. Kenya's army chief Charles Kahariri and former prime minister Raila Odinga met.",
                 date="2024-12-01")
    assert got["Hezbollah leader Naim Qassem"].code == "LBNREB"  # the named body gives country and sector
    assert got["Kenya's army chief Charles Kahariri"].code == "KENMIL"  # "army" gives the sector
    assert got["prime minister Raila Odinga"].sector == "ELI"  # "former": an elite


def test_a_surname_ner_missed_is_the_person_named_before(coder):
    text = "Kenya's Interior Minister Kipchumba Murkomen defended the police. Murkomen said stations were attacked."
    found = [a for a in coder.code(Document(text=text, date="2025-07-08")).actors if a.person == "Kipchumba Murkomen"]
    assert len(found) == 2 and all(a.code == "KENGOV" for a in found)


def test_a_body_no_table_knows_takes_its_sector_from_its_name(coder):
    got = actors(coder, "In Nigeria, the Labour Party rejected the result. Ghana's Electoral Commission will meet.")
    assert got["the Labour Party"].code == "NGAPTY"
    assert got["Ghana's Electoral Commission"].code == "GHAGOV"


def test_the_agency_is_the_body_named_in_a_title_before(coder):
    text = "Israel's cabinet dismissed Shin Bet director Ronen Bar on Friday. The agency said it would comply."
    got = actors(coder, text, date="2025-03-21")
    assert got["Shin Bet director Ronen Bar"].code == "ISRSPY"
    assert got["The agency"].code == "ISRSPY"


def test_members_of_a_named_group_are_of_the_group(coder):
    got = actors(coder, "FARC dissidents attacked a police station. Hamas fighters fired rockets.")
    assert got["dissidents"].code == "COLREB"  # "FARC dissidents"
    assert got["fighters"].code == "PSEREB"  # "Hamas fighters"


def test_a_titled_person_in_a_release_is_of_the_publisher(coder):
    got = actors(coder, "Finance Minister Anton Siluanov reported on the budget.", source="kremlin.ru",
                 date="2021-11-03")
    assert got["Finance Minister Anton Siluanov"].code == "RUSGOV"
    wire = actors(coder, "Finance Minister Anton Siluanov reported on the budget.", date="2021-11-03")
    assert wire["Finance Minister Anton Siluanov"].country in (None, "RUS")  # from the list of officials, if at all


def test_a_titled_person_across_the_table_from_another_state_is_of_the_publisher(coder):
    """In a government's release, a titled person the tables do not know, in a sentence whose other state is named
    only in other officials, is the publisher's side; joined to one of them, they are of that official's state."""
    got = actors(coder, "Deputy Secretary Campbell met with Japanese Vice Foreign Minister Funakoshi on Monday. "
                        "Under Secretary Jenkins discussed the war with the Ukrainian ambassador.", source="state.gov")
    assert got["Deputy Secretary Campbell"].country == "USA"
    assert got["Japanese Vice Foreign Minister Funakoshi"].country == "JPN"
    assert (got["Under Secretary Jenkins"].country, got["Under Secretary Jenkins"].sector) == ("USA", "GOV")
    joined = actors(coder, "President Ruto of Kenya and Foreign Minister Mudavadi met the delegation.",
                    source="state.gov")
    assert joined["Foreign Minister Mudavadi"].country == "KEN"


def test_a_dateline_place_is_no_actor_and_gives_a_state_to_the_story(coder):
    """The dateline's city is where the story was filed: not an actor, not a second state beside the one the story
    names, and the state of a bare group where no sentence names one."""
    text = ("LIMA, March 3 (wire) - Police detained dozens of miners on Tuesday after a road blockade. "
            "Ecuador's president said soldiers would guard the border. The governor said lawmakers would meet.")
    got = actors(coder, text)
    assert "LIMA" not in got
    assert (got["Police"].country, got["Police"].sector) == ("PER", "COP")
    assert "dateline:PER" in got["Police"].resolved_by
    assert got["soldiers"].country == "ECU"  # the sentence's own state first


def test_a_dateline_chooses_among_the_states_a_sentence_names(coder):
    text = ("NAIROBI, May 2 (wire) - Kenyan police and Somali militants clashed near the border. "
            "Officers said two people were hurt.")
    got = actors(coder, text)
    assert got["Officers"].country == "KEN"  # the sentence before names two states: the dateline's is one of them
    text = ("PARIS, May 2 (wire) - Kenyan police and Somali militants clashed near the border. "
            "Officers said two people were hurt.")
    assert actors(coder, text)["Officers"].country is None  # the dateline's state is neither: no way to tell


def test_the_plural_group_named_again_is_the_one_named_before(coder):
    """'the pirates' stands for the 'Somali pirates' named before; its borrowed country is not a state its
    sentence names for the spokesman beside it."""
    text = ("MUMBAI, June 4 (wire) - The Indian Navy said 20 Somali pirates had surrendered. "
            "Navy spokesman Arjun Pillai said the pirates had fired at a drone.")
    got = actors(coder, text)
    assert got["pirates"].country == "SOM" and "back:" in got["pirates"].resolved_by
    spokesman = next(a for t, a in got.items() if "Arjun Pillai" in t)
    assert spokesman.country == "IND"


def test_the_state_a_document_is_about_decides_among_several_a_sentence_names(coder):
    text = ("The Arakan Army and the Myanmar military clashed near the Bangladesh border on Monday. "
            "The junta said it had repelled the attack.")
    got = actors(coder, text)
    assert got["junta"].code == "MMRGOV" and "document:MMR" in got["junta"].resolved_by
    alone = actors(coder, "The Arakan Army, Myanmar troops and Bangladesh guards met the junta near the border.")
    assert alone["junta"].country is None  # one sentence naming two states does not decide by itself


def test_a_former_official_takes_the_state_of_the_sentence(coder):
    got = actors(coder, "A Singapore court sentenced former transport minister S. Iswaran to 12 months in jail.")
    assert got["transport minister S. Iswaran"].code == "SGPELI"


def test_a_body_named_with_its_country_in_front(coder):
    """The table names it "National Security Committee of Kazakhstan"; news writes the country first."""
    got = actors(coder, "Kazakhstan's National Security Committee detained two men in Almaty on Monday. "
                        "Kazakh National Security Committee officers searched their homes.")
    assert got["Kazakhstan's National Security Committee"].code == "KAZSPY"
    assert any(a.code == "KAZSPY" and a.text.startswith("Kazakh National") for a in got.values())


def test_a_counterpart_is_a_government_official(coder):
    got = actors(coder, "Prime Minister Narendra Modi met his Armenian counterpart in New Delhi.")
    assert got["Armenian counterpart"].code == "ARMGOV"


def test_a_states_envoy_to_an_organisation_is_the_states(coder):
    got = actors(coder, "Israel's U.N. ambassador Gilad Erdan called for a vote. Russia's UN envoy Vassily Nebenzia "
                        "rejected the draft. The EU ambassador to China Jorge Toledo met officials.")
    assert got["Israel's U.N. ambassador Gilad Erdan"].code == "ISRGOV"
    assert got["Russia's UN envoy Vassily Nebenzia"].code == "RUSGOV"
    assert got["EU ambassador to China Jorge Toledo"].country == "EU"  # the organisation's own envoy


def test_a_body_no_table_knows_takes_the_country_in_front_of_it(coder):
    got = actors(coder, "Georgia's Special Tasks Department detained the protest leaders.")
    assert got["Special Tasks Department"].country == "GEO"
    assert "ner:ORG+text:GEO" == got["Special Tasks Department"].resolved_by


def test_the_body_before_a_title_gives_the_sector(coder):
    got = actors(coder, "Indian Navy spokesman Vivek Madhwal said the ship was safe. Opposition leader Juan Perez of "
                        "Chile criticised the plan. In Albania, Democratic Party leader Sali Berisha alleged fraud.")
    assert got["Indian Navy spokesman Vivek Madhwal"].code == "INDMIL"
    assert got["Opposition leader Juan Perez"].code == "CHLOPP"
    assert got["Party leader Sali Berisha"].code == "ALBPTY"  # a party leader takes the state of the sentence


def test_the_sides_and_people_around_the_world_take_no_state_and_an_organisation_can_be_a_side(coder):
    text = ("The United States and the European Union held a summit in Brussels. The leaders will reiterate support "
            "for the WHO. The U.S. will work with the EU on Russia. They will launch dialogues on Russia.")
    got = actors(coder, text, source="https://www.whitehouse.gov/briefing-room/", date="2021-06-15")
    assert got["leaders"].country is None  # not Russia, the one state named twice: the EU is named as often
    coded = coder.code(Document(text=text, date="2021-06-15", source="https://www.whitehouse.gov/briefing-room/"))
    dialogue = [e for e in coded.events if e.cameo == "036"]
    assert dialogue and {a.country for a in dialogue[0].source} == {"USA", "EU"}  # "they": the two sides
    people = actors(coder, "Kenya marked the day. I join people around the world in honoring the victims.")
    assert people["people"].country is None


def test_a_us_state_named_like_a_country_is_the_state_where_the_words_around_it_say_so(coder):
    def countries(text: str) -> list[tuple[str, str | None]]:
        coded = coder.code(Document(text=text, date="2023-06-01", source="https://www.whitehouse.gov/"))
        return [(a.text, a.country) for a in coded.actors if a.text == "Georgia"]

    assert countries("The President spoke in Atlanta, Georgia, about jobs.") == [("Georgia", "USA")]
    assert countries("The President thanked Georgia and Wisconsin for their work.") == [("Georgia", "USA")]
    assert countries("Georgia Republicans praised the bill.") == [("Georgia", "USA")]
    assert countries("Georgia and Ukraine signed an agreement in Tbilisi.") == [("Georgia", "GEO")]


def test_his_government_is_that_of_the_person_his_stands_for(coder):
    """ "his administration" at whitehouse.gov after President Biden is the American one; "his government" after
    President Macron, the French one (not the sentence's other state, nor the publisher's)."""
    text = ("President Biden spoke today with Prime Minister Bennett of Israel. The President conveyed that his "
            "administration intends to work closely with the Israeli government. President Macron said his government "
            "will send aid to Ukraine.")
    got = actors(coder, text, source="whitehouse.gov", date="2021-08-27")
    assert got["administration"].code == "USAGOV" and "poss:USA" in got["administration"].resolved_by
    assert got["government"].code == "FRAGOV"


def test_a_group_word_before_a_named_body_is_that_body(coder):
    got = actors(coder, "Seoul said state news agency KCNA lied, and the militant group Hamas denied it.")
    assert got["KCNA"].code == "PRKGOVMED" and got["the militant group Hamas"].code == "PSEREB"
    assert "state news agency" not in got and "militant group" not in got  # no nameless actor beside the body


def test_a_force_chief_is_of_the_force_and_troops_are_of_whoever_sends_them(coder):
    got = actors(coder, "Sudan's army chief said troops had withdrawn. Indonesia's national police chief apologised. "
                        "North Korea has deployed soldiers to Russia.", date="2024-11-01")
    assert got["Sudan's army chief"].code == "SDNMIL" and got["Sudan's army chief"].role == "Army Chief"
    assert got["Indonesia's national police chief"].code == "IDNCOP"
    assert got["soldiers"].code == "PRKMIL" and "sender:PRK" in got["soldiers"].resolved_by
    it = actors(coder, "North Korea confirmed that it had sent troops to Russia.", date="2024-11-01")
    assert it["troops"].code == "PRKMIL"  # "it": the state named before
    attacked = actors(coder, "North Korea has attacked soldiers.", date="2024-11-01")
    assert "sender" not in attacked["soldiers"].resolved_by  # whom a state attacks are not its own
    kenya = actors(coder, "Kenya's army chief Charles Kahariri met the press.", date="2024-12-01")
    assert kenya["Kenya's army chief Charles Kahariri"].code == "KENMIL"  # a lower-case role: its title's sector


def test_peacekeeping_missions_are_their_organisations(coder):
    got = actors(coder, "UNIFIL said its headquarters was hit. AUSSOM replaced ATMIS in Somalia.", date="2025-01-02")
    assert got["UNIFIL"].country == "UN"
    assert got["AUSSOM"].country == "AU" and got["ATMIS"].country == "AU"


def test_a_place_taken_or_fought_near_is_no_person(coder):
    for text in ("Congolese rebels took Goma on Monday.", "Fighting raged near Goma in Congo's east, Kinshasa said."):
        coded = coder.code(Document(text=text, date="2025-01-27")).actors
        goma = next(a for a in coded if a.text == "Goma")
        assert goma.person is None and goma.resolved_by.startswith("geonames:"), text


def test_in_news_a_bare_name_no_table_knows_is_of_where_the_story_is_filed(coder):
    text = "ROME, Jan 16 (wire) - Police arrested Giovanni Rinaldi on Monday after 30 years on the run."
    got = actors(coder, text, date="2023-01-16")
    assert got["Giovanni Rinaldi"].country == "ITA" and "dateline:ITA" in got["Giovanni Rinaldi"].resolved_by
    release = actors(coder, "Secretary Blinken met Giovanni Rinaldi.", source="https://www.state.gov/",
                     date="2023-01-16")
    assert release["Giovanni Rinaldi"].country is None  # a government's release: no dateline to go by


def test_a_name_after_members_of_a_body_is_not_of_that_body(coder):
    got = actors(coder, "Strikes killed 11 members of Tren de Aragua, Trump said.", date="2025-09-02")
    assert got["Trump"].country == "USA" and got["Tren de Aragua"].code == "VENCRM"
    titled = actors(coder, "The President of Ukraine, Volodymyr Zelensky, said it.", date="2024-01-02")
    assert titled["President of Ukraine, Volodymyr Zelensky"].code == "UKRGOV"  # an office "of" it: one mention


def test_people_of_everyday_news_are_civilians_of_where_they_are(coder):
    got = actors(coder, "JAKARTA, Aug 29 (wire) - A police vehicle killed a delivery driver, and passengers fled.",
                 date="2025-08-29")
    assert got["driver"].code == "IDNCVL" and got["passengers"].code == "IDNCVL"


def test_a_dateline_place_is_never_a_side_of_an_event(coder):
    text = "JERUSALEM, May 3 (wire) - Israeli forces killed three Palestinians in Jenin, officials said."
    events = coder.code(Document(text=text, date="2024-05-03")).events
    kill = next(e for e in events if e.cameo.startswith("18"))
    assert [a.code for a in kill.source] == ["ISRMIL"]  # not "JERUSALEM" beside them


def test_claiming_an_attack_is_no_accusation_and_the_sdf_is_syrian(coder):
    coded = coder.code(Document(text="Islamic State claimed the attack. The SDF denied it.", date="2024-05-03"))
    assert not [e for e in coded.events if e.cameo.startswith("11")]
    assert any(a.text == "SDF" and a.code == "SYRREB" for a in coded.actors)
