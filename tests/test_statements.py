"""Group statements, charges a speaker makes, and what a journalist's question frames (docs/coding-guide.md)."""

import pytest

SEVEN = ["DNK", "NOR", "PRT", "CHL", "GHA", "MEX", "USA"]


@pytest.fixture(scope="module")
def document(coder):
    from readout.records import Document

    def run(text: str, **meta: str):
        return coder.code(Document(text=text, **meta))

    return run


def dyads(coded, root: str) -> list[tuple[list[str], list[str]]]:
    return [([a.country for a in e.source], [a.country for a in e.target]) for e in coded.events
            if e.cameo.startswith(root)]


def test_the_authors_line_of_a_statement_names_its_signatories_without_the_words_joint_statement(document):
    text = ("Office of the Spokesperson\nThe text of the following statement was released by the Governments of "
            "Denmark, Norway, Portugal, Chile, Ghana, Mexico, and the United States of America.\nBegin Text:\n"
            "We call on the Iranian authorities to release all journalists detained for their work.\n"
            "We urge Iran to respect its international human rights obligations.\nEnd Text.")
    coded = document(text, title="Press Freedom Group Statement on Iran", date="2022-03-01", source="state.gov")
    assert dyads(coded, "02") == [(SEVEN, ["IRN"]), (SEVEN, ["IRN"])]
    # seven signatories: no n*(n-1) dyads of them signing with, or acting on, each other
    assert not [e for e in coded.events if {a.country for a in e.target} & set(SEVEN)]
    assert not [e for e in coded.events if e.cameo == "057"]


def test_a_sign_off_line_names_the_signatories_and_the_undersigned_are_they(document):
    text = ("The undersigned members of the Press Freedom Group express their strong concerns about the arrest of "
            "journalists by the Iranian authorities.\n"
            "Signed by the Governments of Denmark, Norway, Portugal, Chile, Ghana, Mexico, United States of America.")
    coded = document(text, title="Press Freedom Group Statement on Iran", date="2022-03-01", source="state.gov")
    assert dyads(coded, "11") == [(SEVEN, ["IRN"])]
    unsigned = document(text.split("\n")[0], title="Press Freedom Group Statement on Iran", date="2022-03-01",
                        source="state.gov")
    assert all(len(e.source) == 1 for e in unsigned.events)  # no sign-off line: no signatories


def test_a_small_joint_statement_is_still_an_agreement_among_its_signatories(document):
    coded = document("We, the leaders of France, Germany and Italy, condemn Russia's attack on Ukraine.",
                     title="Joint Statement on Ukraine", date="2022-03-01")
    signed = [e for e in coded.events if e.cameo == "057"]
    assert len(signed) == 1 and {a.country for a in signed[0].source} == {"FRA", "DEU", "ITA"}


def test_the_agent_of_a_noun_is_read_where_the_parse_hangs_it_on_the_object(document):
    coded = document("We express our strong concerns about the closure of the newspaper, and the arrest of its staff "
                     "by the Hong Kong authorities.", date="2021-07-01", source="state.gov")
    assert [(e.cameo, [a.country for a in e.source], [a.country for a in e.target]) for e in coded.events] == \
        [("111", ["USA"], ["HKG"])]
    assert not [e for e in coded.events if e.cameo.startswith("17")]  # the authorities arrest, not "we"


@pytest.mark.parametrize("text, rule", [
    ("US arms sales to Taiwan severely violate the one-China principle.", "charge.violate"),
    ("The US has abused the concept of national security.", "charge.abuse"),
    ("Such moves by the US go against the consensus of the two sides.", "charge.against"),
])
def test_a_wrongdoing_the_speaker_states_accuses_its_doer(document, text, rule):
    coded = document(text, date="2019-08-16", source="fmprc.gov.cn")
    assert [(e.cameo, [a.country for a in e.source], [a.country for a in e.target], e.evidence[0].rule)
            for e in coded.events if e.evidence[0].rule == rule] == [("112", ["CHN"], ["USA"], rule)]


def test_no_charge_against_the_speakers_own_side_and_a_reported_one_is_the_speakers(document):
    assert not document("China has never violated its commitments.", date="2019-08-16",
                        source="fmprc.gov.cn").events
    coded = document("Russia said Ukraine had violated the agreement.", date="2019-08-16", source="state.gov")
    assert dyads(coded, "112") == [(["RUS"], ["UKR"])]


def test_a_pronoun_a_judging_word_governs_stands_for_the_act_before(document):
    coded = document("The US announced new sanctions on Chinese firms. China firmly opposes that.",
                     date="2019-08-16", source="fmprc.gov.cn")
    assert dyads(coded, "11") == [(["CHN"], ["USA"])]
    coded = document("Japan decided to release the water. We welcome this.", date="2023-08-16",
                     source="fmprc.gov.cn")
    assert dyads(coded, "05") == [(["CHN"], ["JPN"])]


def test_a_journalists_question_reports_facts_but_its_framing_is_not_coded(document):
    text = ("Q: The US has urged Japan to impose sanctions on Iran. Also, the Russian and Turkish presidents met in "
            "Sochi today. What is your comment?\n"
            "A: China urges the US to stop its unilateral sanctions.")
    coded = document(text, date="2019-08-16", source="fmprc.gov.cn")
    assert dyads(coded, "02") == [(["CHN"], ["USA"])]  # the answer's appeal, not the question's
    met = dyads(coded, "04")
    assert met and all(set(s) | set(t) == {"RUS", "TUR"} for s, t in met)  # a fact the question reports
    import spacy

    from readout.nlp.transcripts import question_spans

    doc = spacy.blank("en")(text)
    spans = question_spans(doc, {"Q"})
    assert len(spans) == 1 and text[spans[0][0]:spans[0][1]].startswith("Q: The US") and \
        text[spans[0][1]:].startswith("A: China")


def test_an_appeal_for_the_release_of_people_aims_at_whoever_holds_them(document):
    held_in = document("We demand the immediate release of all political prisoners in Belarus.", date="2021-06-01",
                       source="state.gov")
    assert dyads(held_in, "10") == [(["USA"], ["BLR"])]
    held_by = document("We call for the immediate release of the journalist detained by the Iranian authorities.",
                       date="2021-06-01", source="state.gov")
    assert [(e.cameo, [a.country for a in e.target], [a.sector for a in e.target]) for e in held_by.events] == \
        [("020", ["IRN"], ["GOV"])]  # the authorities, not the journalist


def test_a_name_the_text_gives_the_states_it_lists_stands_for_them(document):
    text = ("Pursuant to this Memorandum, the Governments of Greece, the Republic of Cyprus, the United Arab Emirates "
            "(UAE), Egypt and Jordan (the “Participants”) commit to work together to build a power line. "
            "The Participants intend to meet within the next sixty days.")
    coded = document(text, title="Memorandum of Understanding on an Energy Corridor", date="2023-09-09")
    five = {"GRC", "CYP", "ARE", "EGY", "JOR"}
    meet = [e for e in coded.events if e.cameo == "036"]
    assert meet and {a.country for a in meet[0].source} == five == {a.country for a in meet[0].target}
    # the states of a list are not linked to one another by the pair model
    assert not [e for e in coded.events if e.evidence[0].rule.startswith("model:")]


def test_working_together_is_done_together(code):
    coded = code("Chile and Peru will work together to expand trade.", "2023-09-09")
    assert [({a.country for a in e.source}, {a.country for a in e.target}, e.cameo[:2], e.mutual, e.modality)
            for e in coded.events if e.evidence[0].rule == "work.together"] == \
        [({"CHL", "PER"}, {"CHL", "PER"}, "03", True, "intended")]


def test_a_pejorative_noun_in_the_speakers_voice_accuses_its_doer_now(document):
    coded = document("The pressuring or blackmail by the United States will never work.", date="2019-08-16",
                     source="fmprc.gov.cn")
    assert [(e.cameo, [a.country for a in e.source], [a.country for a in e.target], e.modality)
            for e in coded.events] == [("111", ["CHN"], ["USA"], "asserted")]
    assert not document("Russia did not violate the agreement.", date="2019-08-16", source="fmprc.gov.cn").events


def test_a_pejorative_word_on_an_act_accuses_whoever_does_it(document):
    coded = document("This again reflects the erroneous attitude of some senior Japanese politicians toward history.",
                     date="2019-08-16", source="fmprc.gov.cn")
    assert [(e.cameo, [a.country for a in e.source], [a.country for a in e.target], e.evidence[0].rule)
            for e in coded.events] == [("111", ["CHN"], ["JPN"], "pejorative.adj")]
    assert not document("China will take the necessary measures.", date="2019-08-16", source="fmprc.gov.cn").events


def test_we_in_apposition_with_the_signatories_are_they_without_a_statement_title(document):
    coded = document("We, the Foreign Ministers of Australia, Canada and Japan, condemn Iran's missile attacks on "
                     "Israel.", date="2024-04-15")
    assert dyads(coded, "11") == [(["AUS", "CAN", "JPN"], ["IRN"])]
    assert dyads(coded, "19") == [(["IRN"], ["ISR"])]


def test_a_plural_head_of_a_list_of_states_is_each_of_them_even_where_the_parse_splits_the_list(document):
    coded = document("The Governments of Australia, Canada, France, Germany, Italy, Japan, New Zealand, Norway, the "
                     "Republic of Korea, the United Kingdom, and the United States strongly condemn the missile "
                     "launches by North Korea.", date="2023-07-13")
    assert dyads(coded, "11") == [(["AUS", "CAN", "FRA", "DEU", "ITA", "JPN", "NZL", "NOR", "KOR", "GBR", "USA"],
                                   ["PRK"])]
    # a plural head that is not of sides takes only the state it names: "permanent members of the UN Security Council"
    one = document("As permanent members of the UN Security Council, China and Russia have maintained close "
                   "communication on the Peninsula issue.", date="2019-04-25")
    assert not [e for e in one.events if "UN" in {a.country for a in e.source}]


def test_a_signatories_line_followed_by_one_state_a_line_names_them(document):
    text = ("Joint Statement on Belarus\n\nBegin Text:\n\nWe strongly condemn the continued detention of journalists "
            "by the Lukashenko regime.\n\nSignatories:\nAlbania\nAustralia\nCanada\nDenmark\nthe United Kingdom\n"
            "Estonia\n\nEnd Text.")
    coded = document(text, date="2023-05-02", source="state.gov")
    # the doer of the act condemned is the target, not whom it is done to
    assert [(s, t) for s, t in dyads(coded, "11")] == [(["ALB", "AUS", "CAN", "DNK", "GBR", "EST"], ["BLR"])]
    assert [a.sector for e in coded.events for a in e.target] == ["GOV"]


def test_the_authors_line_may_follow_a_heading_line_of_the_text(document):
    text = ("Joint Statement on the Detention of Journalists in Belarus\n\nThe following statement was released by "
            "the Governments of Albania, Australia, Canada, Denmark, Estonia, the United Kingdom, and the United "
            "States.\n\nBegin Text:\n\nWe call on the Belarusian authorities to release all journalists.\n\nEnd Text.")
    coded = document(text, date="2023-05-02", source="state.gov")
    assert dyads(coded, "02") == [(["ALB", "AUS", "CAN", "DNK", "EST", "GBR", "USA"], ["BLR"])]


def test_the_states_a_closing_list_names_as_joining_the_statement_sign_it(document):
    text = ("We strongly condemn the continued detention of journalists by the Lukashenko regime.\n\n"
            "The following countries have joined this statement:\nAlbania\nAustralia\nCanada\nDenmark\n")
    coded = document(text, title="Joint Statement on Belarus", date="2023-05-02", source="state.gov")
    assert dyads(coded, "11") == [(["ALB", "AUS", "CAN", "DNK"], ["BLR"])]


def test_a_must_in_the_texts_own_voice_is_an_appeal_from_whoever_speaks(document):
    """ "X must ..." said by no one in the sentence is said by the text: its publisher, or the signatories of a group
    statement, appeal to X, and what they ask for is not an event; "we must" and "both sides should" appeal to no
    one, "if X should" and "should X fear" are conditions, "civilians must never be the target" appeals to no one,
    and "the Venezuelan affairs should be decided" tells no one."""
    text = ("Office of the Spokesperson\nWe condemn the Russian attack on Kyiv. The Russian Federation must "
            "immediately withdraw its forces from Ukraine. We must work closely with our allies. Both sides should "
            "exercise restraint. If Iran should attack Israel, we would respond. The Venezuelan affairs should be "
            "decided by its people. Syrian civilians must never be the target of military action. We offer safe "
            "haven should Syrian refugees fear returning.")
    coded = document(text, date="2022-03-01", source="state.gov")
    assert dyads(coded, "02") == [(["USA"], ["RUS"])]
    assert not [e for e in coded.events if e.cameo.startswith("08")]
    assert [e.modality for e in coded.events if [a.country for a in e.source] == ["IRN"]] == ["hypothetical"]
    text = ("The undersigned members of the Press Freedom Group are concerned by the arrest of journalists.\n"
            "The Iranian authorities should release them and respect the freedom of the press.\n"
            "Signed by the Governments of Denmark, Norway, Portugal, Chile, Ghana, Mexico, United States of America.")
    coded = document(text, title="Press Freedom Group Statement on Iran", date="2022-03-01", source="state.gov")
    assert (SEVEN, ["IRN"]) in dyads(coded, "02")


def test_the_people_a_joint_statements_title_names_are_its_signatories(document):
    """ "Joint Statement by President Biden and President von der Leyen": "we" are the United States and the EU, not
    the states its first sentence names."""
    text = ("We are united in our condemnation of Russia's unprovoked war of aggression against Ukraine. We stand in "
            "solidarity with the Ukrainian people.")
    coded = document(text, title="Joint Statement by President Biden and President von der Leyen",
                     date="2022-03-24", source="whitehouse.gov")
    assert [(sorted(s), t) for s, t in dyads(coded, "11")] == [(["EU", "USA"], ["RUS"])]


def test_a_joint_statements_title_names_its_authors_before_its_topic(document):
    """ "... from the United States and the European Union on Support for Zambia and the DRC": Zambia and the DRC are
    what the statement is about, not among those who issue it."""
    coded = document("We welcome the commitment of Zambia and the Democratic Republic of the Congo to reform.",
                     title="Joint Statement from the United States and the European Union on Support for Zambia and "
                           "the Democratic Republic of the Congo", date="2023-06-01", source="whitehouse.gov")
    welcomed = dyads(coded, "051")
    assert [sorted(s) for s, _ in welcomed] == [["EU", "USA"]] and "ZMB" in welcomed[0][1]
    assert [(sorted(s), sorted(t)) for s, t in dyads(coded, "057")] == [(["EU", "USA"], ["EU", "USA"])]
