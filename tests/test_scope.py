"""What is an event, and in what mood: a prospect discussed and a stated need are intentions, not facts; a meeting
with no counterpart of known country is domestic; a state acting on a part of its own society is an event."""


def moods(code, text: str, rule: str) -> list[tuple[str, str]]:
    return [(e.cameo, e.modality) for e in code(text, "2021-03-02").events if e.evidence[0].rule == rule]


def test_what_is_discussed_or_needed_is_intended(code):
    assert moods(code, "Chile and Peru work together to fight fires.", "work.together") == [("060", "asserted")]
    assert moods(code, "Chile and Peru discussed working together to fight fires.", "work.together") == \
        [("030", "intended")]
    assert moods(code, "They stressed the need for Chile and Peru to work together on fires.", "work.together") == \
        [("030", "intended")]


def test_a_meeting_with_no_counterpart_of_known_country_is_domestic(coder):
    from readout.records import Document

    home = coder.code(Document(text="The President met with state legislative leaders to discuss red flag laws.",
                               date="2022-08-01", source="https://www.whitehouse.gov/briefing-room/"))
    assert not [e for e in home.events if e.cameo.startswith("04")]
    abroad = coder.code(Document(text="The President met with Kenyan legislators to discuss trade.",
                                 date="2022-08-01", source="https://www.whitehouse.gov/briefing-room/"))
    met = [sorted({a.country for a in (*e.source, *e.target)}) for e in abroad.events if e.cameo.startswith("04")]
    assert met and all(sides == ["KEN", "USA"] for sides in met)


def test_a_state_acting_on_its_own_society_is_an_event_and_korean_is_south_korean(code):
    released = code("Venezuela releases dozens of political activists.", "2020-08-31").events
    assert [(e.cameo, [a.country for a in e.source], [a.code for a in e.target]) for e in released] == \
        [("0841", ["VEN"], ["VENOPP"])]
    assert not code("Venezuela thanked the Venezuelan government.", "2020-08-31").events  # itself
    agreed = code("The Korean government has agreed to provide Sri Lanka with the appropriate technology.",
                  "2020-08-31").events
    assert [(e.cameo[:2], [a.code for a in e.source], [a.country for a in e.target]) for e in agreed] == \
        [("03", ["KORGOV"], ["LKA"])]


def test_who_acts_through_a_causative_a_shared_possessive_and_an_agentless_expulsion(code):
    def dyads(text):
        return [(e.cameo, sorted(a.country for a in e.source), sorted(a.country or "" for a in e.target))
                for e in code(text, "2020-08-31").events]

    assert dyads("Ethiopia let free some 74 political prisoners.")[0][:2] == ("0841", ["ETH"])
    assert dyads("Russia and Turkey's foreign ministers met briefly today.") == \
        [("040", ["RUS", "TUR"], ["RUS", "TUR"])]
    assert dyads("Three Russian diplomats were expelled from Poland.") == [("166", ["POL"], ["RUS"])]


def test_bilateral_and_our_trade_and_trade_between_the_two_countries_are_the_two_sides(coder):
    from readout.records import Document

    opening = "President Biden spoke with Emir Mishal of Kuwait. "
    for sentence in ("Bilateral trade reached 4.5 billion dollars in 2019.",
                     "The leaders noted the positive dynamics of trade between the two countries.",
                     "Our trade has grown by 87 percent."):
        coded = coder.code(Document(text=opening + sentence, date="2023-11-06",
                                    source="https://www.whitehouse.gov/briefing-room/"))
        trade = [e for e in coded.events if e.evidence[0].rule == "trade.noun"]
        assert [({a.country for a in e.source}, {a.country for a in e.target}, e.cameo) for e in trade] == \
            [({"USA", "KWT"}, {"USA", "KWT"}, "061")], sentence


def test_an_act_an_indirect_question_names_is_not_coded(code):
    text = "As to whether a meeting between China and Russia will take place next month, I have not heard about that."
    assert not [e for e in code(text, "2018-06-05").events if e.cameo.startswith(("03", "04"))]
    said = "China and Russia will hold a meeting next month."
    assert [e.cameo for e in code(said, "2018-06-05").events if e.cameo.startswith(("03", "04"))] == ["036"]


def test_talks_that_name_their_two_sides_are_theirs_not_those_who_discuss_them(coder):
    from readout.records import Document

    text = ("Vladimir Putin had a telephone conversation with President of Finland Sauli Niinisto. The presidents had "
            "a detailed exchange of opinions regarding European security in the context of recent Russian-US talks "
            "in Geneva.")
    coded = coder.code(Document(text=text, date="2022-01-21", source="kremlin.ru"))
    talks = [e for e in coded.events if e.evidence[0].rule == "meet.noun"]
    assert [({a.country for a in e.source}, {a.country for a in e.target}) for e in talks] == \
        [({"RUS", "USA"}, {"RUS", "USA"})]


def test_who_briefs_on_a_summit_is_not_in_it_and_a_target_is_named_once(coder):
    from readout.records import Document

    text = ("A: The Foreign Ministry already gave a briefing on the Shanghai Cooperation Organization (SCO) Summit in "
            "Qingdao to Chinese and foreign press on May 28.")
    coded = coder.code(Document(text=text, date="2018-06-05", source="fmprc.gov.cn"))
    assert not [e for e in coded.events if "CHN" in {a.country for a in e.source} and e.cameo.startswith("04")]
    met = coder.code(Document(text="Chinese and Russian leaders held talks with the Shanghai Cooperation "
                                   "Organization (SCO) Secretary-General.", date="2018-06-05"))
    assert all(len({a.country for a in e.target}) == len(e.target) for e in met.events)


def test_an_act_inside_a_container_noun_is_an_event_with_the_containers_partner(coder):
    from readout.records import Document

    def coded(text):
        doc = coder.code(Document(text=text, date="2023-02-07", source="https://www.whitehouse.gov/briefing-room/"))
        return [(e.cameo, [a.country for a in e.target]) for e in doc.events]

    assert coded("We feel a sense of solidarity with Ukraine.") == [("051", ["UKR"])]
    assert coded("President Biden sent a message of support to the people of Turkey.") == [("051", ["TUR"])]


def test_talks_an_agreement_was_reached_in_were_held_and_a_venue_is_no_party(code):
    during = code("Russia and the United States agreed during their talks in Geneva to restore the ambassadors.",
                  "2021-06-16").events
    assert [(e.cameo, e.modality) for e in during if e.evidence[0].rule == "meet.noun"] == [("044", "asserted")]
    venue = code("Russia and the United States agreed on talks in Geneva.", "2021-06-16").events
    assert not [e for e in venue if "CHE" in {a.country for a in (*e.source, *e.target)}]


def test_a_scheduled_meeting_and_one_looked_forward_to_are_intended(code):
    scheduled = code("Secretary Blinken and Foreign Minister Lavrov are scheduled to meet later this week in Europe.",
                     "2022-01-18").events
    assert [(e.cameo, e.modality) for e in scheduled if e.cameo.startswith(("03", "04"))] == [("036", "intended")]
    awaited = code("The United States and India look forward to the next meeting in New Delhi later in 2023.",
                   "2023-06-22").events
    assert [(e.cameo, e.modality) for e in awaited if e.cameo.startswith(("03", "04"))] == [("036", "intended")]


def test_meeting_a_need_a_goal_or_a_challenge_is_no_meeting(code):
    assert moods(code, "The Ministers of Egypt, Sudan and Ethiopia stressed the importance of meeting the "
                       "humanitarian needs of Syrians.", "meet.verb") == []
    assert moods(code, "Ethiopia and Sudan pledged to meet the goals of the agreement.", "meet.verb") == []
    assert moods(code, "The Foreign Minister of Egypt met the Foreign Minister of Sudan in Cairo.", "meet.verb") \
        == [("042", "asserted"), ("043", "asserted")]


def test_an_abbreviation_and_a_name_joined_by_a_hyphen_are_two_states(code):
    talks = code("The U.S.-China talks in Geneva were productive.", "2019-05-10").events
    assert [(e.cameo[:2], sorted(a.country for a in e.source), e.mutual) for e in talks] == \
        [("04", ["CHN", "USA"], True)]
    pledged = code("President Biden met President El-Sisi of Egypt. They emphasized their commitment to the "
                   "U.S.-Egypt strategic partnership.", "2022-11-11").events
    committed = [e for e in pledged if e.cameo.startswith("03")]
    assert committed and {a.country for a in committed[0].target} == {"USA", "EGY"}


def test_an_organisation_that_acts_as_one_can_be_a_side_of_the_document(code):
    coded = code("The United States and the European Union represent 780 million people.\n\nThe leaders will "
                 "reiterate support for COVAX and commit to reforming the World Health Organization.", "2021-06-15")
    found = [({a.country for a in e.source}, {a.country for a in e.target}) for e in coded.events]
    assert ({"USA", "EU"}, {"WHO"}) in found and all(source == {"USA", "EU"} for source, _ in found)


def test_an_act_someone_welcomes_is_still_the_act_of_whose_it_is(code):
    coded = code("We welcome the United States' donation of vaccine doses to South Africa.", "2021-07-30").events
    assert [(e.cameo[:2], [a.country for a in e.source], [a.country for a in e.target]) for e in coded
            if e.cameo.startswith("07")] == [("07", ["USA"], ["ZAF"])]
    # what is discussed is a topic, not a meeting held: "discussed next month's NATO Summit"
    talks = code("Blinken and Stoltenberg discussed next month's NATO Summit.", "2021-05-20").events
    assert [e.evidence[0].rule for e in talks] == ["discuss.verb"]
