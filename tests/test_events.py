"""Given a sentence, this event comes out: the coder on short texts of the kinds readouts and news are made of."""

from __future__ import annotations

import pytest


def events(code, text, date="2024-03-14"):
    return [(e.cameo, [a.country for a in e.source], [a.country for a in e.target], e.modality)
            for e in code(text, date).events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Joe Biden spoke by phone with Prime Minister Fumio Kishida of Japan.",
         ("041", ["USA"], ["JPN"], "asserted")),
        ("Russia condemned the NATO exercises near its border.", ("111", ["RUS"], ["NATO"], "asserted")),
        ("The European Union imposed new sanctions on Iran.", ("163", ["EU"], ["IRN"], "asserted")),
        ("China urged the United States to stop arming Taiwan.", ("020", ["CHN"], ["USA"], "asserted")),
        ("Japan will provide humanitarian aid to Ukraine.", ("0333", ["JPN"], ["UKR"], "intended")),
        ("France will not lift the ban on British fishing boats.", ("1244", ["FRA"], ["GBR"], "asserted")),
        ("Turkey refused to release the detained Swedish journalists.", ("1243", ["TUR"], ["SWE"], "asserted")),
        ("Israeli forces attacked Hamas positions in Gaza.", ("190", ["ISR"], ["PSE"], "asserted")),
        ("India expelled two Pakistani diplomats.", ("166", ["IND"], ["PAK"], "asserted")),
        ("The Kremlin accused Ukraine of shelling civilians.", ("112", ["RUS"], ["UKR"], "asserted")),
        ("Germany praised Poland's decision to host the summit.", ("051", ["DEU"], ["POL"], "asserted")),
        ("Russia said it had expelled three Polish diplomats.", ("166", ["RUS"], ["POL"], "asserted")),
        ("Cambodian troops remained on alert near the border.", ("152", ["KHM"], [], "asserted")),
        ("Kenya and Ethiopia signed a memorandum on energy cooperation.", ("057", ["KEN", "ETH"], ["KEN", "ETH"],
                                                                           "asserted")),
    ],
)
def test_sentence_gives_event(code, text, expected):
    assert expected in events(code, text)


def test_unknown_names_are_kept_as_text(code):
    """A name the knowledge base lacks is an actor with no country, kept with its words."""
    found = code("The ACLU filed a lawsuit against Acme Holdings.", "2024-03-14").events
    sued = [e for e in found if e.cameo == "115"]
    assert sued and [a.text for a in sued[0].target] == ["Acme Holdings"] and sued[0].target[0].country is None
    text = "Since 2016, Erdogan has accused Gulen of attempting to overthrow the government."
    accused = [e for e in code(text, "2024-03-14").events if e.cameo.startswith("112")]
    assert accused and [(a.text, a.resolved_by) for a in accused[0].target] == [("Gulen", "text:unresolved")]


def test_a_date_after_called_is_no_appeal(code):
    assert ("041", ["ISR"], ["ETH"], "reported") in events(
        code, "President Isaac Herzog called Ethiopian Prime Minister Abiy Ahmed on Friday.")


def test_a_call_for_sanctions_denounces_their_target(code):
    assert ("111", ["POL"], ["RUS"], "asserted") in events(code, "Poland called for new sanctions against Moscow.")


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine and Estonia reject any attempts to create dividing lines in Europe.",  # no mutual rejection
        "As to whether a meeting between China and Russia will take place, I have not heard about that.",
        "Putin and Johnson reviewed several pressing items on the international agenda.",  # an adjective
        "China and India believe that both sides should facilitate exchanges.",  # no appeal to oneself
    ],
)
def test_no_asserted_event(code, text):
    assert [e for e in events(code, text) if e[3] == "asserted"] == []


@pytest.mark.parametrize("text", ["Japan and Australia provided humanitarian assistance.",
                                  "Japan and Australia will provide humanitarian assistance."])
def test_donors_named_together_do_not_aid_each_other(code, text):
    assert [e for e in events(code, text) if e[0].startswith(("07", "033"))] == []


def test_an_onlooker_is_not_a_participant(code):
    """China follows the summit; the summit itself is between the two sides its name gives."""
    found = events(code, "China said it was closely following the Russia-DPRK summit.")
    assert [(c, sorted(s), sorted(t)) for c, s, t, _ in found] == [("040", ["PRK", "RUS"], ["PRK", "RUS"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the phrase hangs on the object in the parse: "shared evidence with X"
        ("Swiss prosecutors shared evidence with their Chinese counterparts.", ("064", ["CHE"], ["CHN"])),
        ("The Prime Minister of Britain cancelled a planned visit to Washington.", ("164", ["GBR"], ["USA"])),
        # aid goes where its purpose lies
        ("Germany gave 300 million euros to promote economic development in Ethiopia.", ("070", ["DEU"], ["ETH"])),
        # an act with no named recipient falls on the place it names
        ("Libyan forces declared a ceasefire in Tripoli.", ("0871", ["LBY"], ["LBY"])),
        # "the two countries" are the two just named together
        ("Tensions between India and Pakistan rose. China called on the two countries to exercise restraint.",
         ("020", ["CHN"], ["IND", "PAK"])),
    ],
)
def test_targets_found_off_the_beaten_path(code, text, expected):
    assert expected in [found[:3] for found in events(code, text)]


def test_who_is_arrested_is_an_actor_even_unnamed(code):
    arrests = [e for e in code("Turkish police arrested 25 football fans in Istanbul.", "2024-03-14").events
               if e.cameo.startswith("17")]
    assert arrests and arrests[0].target[0].text == "25 football fans" and arrests[0].source[0].country == "TUR"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia threatened to cut gas supplies to Ukraine.", ("1311", ["RUS"], ["UKR"])),  # the threat's kind
        # a walkout, not an attack; the ministry is the one state the sentence names
        ("Teachers in Kenya staged a strike at the ministry.", ("143", ["KEN"], ["KEN"])),
        ("Russia and China held joint naval drills in the Sea of Japan.", ("062", ["RUS", "CHN"], ["RUS", "CHN"])),
        # "X said Y must ...": an appeal to Y
        ("Russia said Israel must end its attacks on Syria.", ("020", ["RUS"], ["ISR"])),
        # welcomed to the White House: a visit, the guest's and the host's side
        ("President Biden welcomed Chancellor Olaf Scholz of Germany to the White House.", ("042", ["DEU"], ["USA"])),
        # who is refused is who asked
        ("The Bank of Canada refused to respond to a request from the U.S. authorities.", ("120", ["CAN"], ["USA"])),
    ],
)
def test_codebook_conventions(code, text, expected):
    found = [e[:3] for e in events(code, text)]
    assert expected in found and not [e for e in found if e[0][:2] in ("15", "16", "19")], found


def test_recalled_visit_is_reported_with_its_own_date(code):
    found = code("President Emmanuel Macron said that in June last year he paid a state visit to Germany.",
                 "2024-03-14").events
    visit = next(e for e in found if e.cameo == "042")
    assert visit.modality == "reported" and visit.when.value == "2023-06"
    assert visit.attributed_to.person == "Emmanuel Macron"


def test_the_two_sides_are_the_meeting_parties(code):
    found = code("Foreign Minister Wang Yi met with Foreign Minister Penny Wong of Australia in Beijing. "
                 "The two sides agreed to resume dialogue on trade.", "2022-12-21").events
    visit = next(e for e in found if e.cameo == "043")
    assert visit.source[0].country == "CHN" and visit.where.name == "Beijing"
    intent = next(e for e in found if e.cameo.startswith("03"))
    assert {a.country for a in intent.source} == {"CHN", "AUS"} and intent.modality == "intended"


def test_no_event_in_a_question_or_a_domestic_proclamation(code):
    assert code("Will President Xi visit Russia next month?", "2023-02-01").events == []
    assert code("The President signed the infrastructure bill into law at the White House.", "2021-11-15").events == []


def test_we_in_a_joint_statement_are_all_its_signatories(code):
    coded = code("Joint Statement of Canada, Mexico and the United States.\n\nCanada, Mexico and the United States "
                 "met in Ottawa on June 2, 2023. We intend to deepen our cooperation on trade and energy.",
                 "2023-06-02")
    intents = [e for e in coded.events if e.cameo.startswith("03")]
    assert intents, [e.cameo for e in coded.events]
    assert {a.country for a in intents[0].source} == {"CAN", "MEX", "USA"}
    signed = [e for e in coded.events if e.cameo == "057"]  # the statement itself: agreed and issued together
    assert len(signed) == 1 and signed[0].mutual and {a.country for a in signed[0].source} == {"CAN", "MEX", "USA"}
    assert signed[0].evidence[0].rule == "joint-statement" and signed[0].when.start == "2023-06-02"
    plain = code("Canada, Mexico and the United States met in Ottawa on June 2, 2023. We intend to deepen our "
                 "cooperation on trade and energy.", "2023-06-02")
    # without "joint statement", "we" is not taken for the three (no speaker, no publisher: unknown)
    assert all({a.country for a in e.source} != {"CAN", "MEX", "USA"} for e in plain.events
               if e.cameo.startswith("03"))
    assert not [e for e in plain.events if e.evidence[0].rule == "joint-statement"]


def test_the_parties_are_all_the_states_the_opening_names_together(code):
    coded = code("Representatives of Brazil, India, South Africa, and Indonesia agreed in principle to establish a new "
                 "platform on food security. The parties agreed to meet in the coming months.", "2024-03-01")
    meet = [e for e in coded.events if e.cameo == "036"]
    assert meet and {a.country for a in meet[0].source} == {"BRA", "IND", "ZAF", "IDN"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("china and russia signed an agreement on energy cooperation.", ("057", ["CHN", "RUS"], ["CHN", "RUS"])),
        ("president biden spoke by phone with prime minister kishida of japan.", ("041", ["USA"], ["JPN"])),
        ("THE EUROPEAN UNION IMPOSED NEW SANCTIONS ON IRAN", ("163", ["EU"], ["IRN"])),
    ],
)
def test_text_in_one_case_is_coded_like_any_other(code, text, expected):
    coded = code(text, "2024-03-14")
    assert expected in [(e.cameo, [a.country for a in e.source], [a.country for a in e.target])
                        for e in coded.events]
    assert coded.events[0].evidence[0].text == text  # the evidence quotes the words as written


def test_recasing_changes_case_only():
    from readout.knowledge import load
    from readout.nlp.casing import Recaser

    recase = Recaser(load())
    text = "first line Stays As It Is.\nwang yi met sergey lavrov in almaty; nato and the eu were not there."
    out = recase(text)
    assert len(out) == len(text) and out.lower() == text.lower()
    assert out.split("\n")[0] == "first line Stays As It Is."
    assert "Wang Yi met Sergey Lavrov in" in out and "NATO" in out and "EU" in out


@pytest.mark.parametrize(
    ("name", "named", "country"),
    [
        ("Virginia", set(), "USA"),  # a US state, not a town of that name abroad
        ("Geneva", {"USA", "RUS"}, "CHE"),  # not a small Geneva in a country the text names
        ("Venezuela", set(), "VEN"),  # the country, not a town of that name
        ("Beijing", set(), "CHN"),
        ("Valencia", {"ESP"}, "ESP"),  # the text names Spain: Valencia in Spain, not the larger one in Venezuela
        ("Valencia", set(), "VEN"),
        ("Cordoba", {"ESP"}, "ARG"),  # a town beside a far larger city of its name does not win
    ],
)
def test_homonyms_go_where_the_text_points(name, named, country):
    from readout.nlp.where import geocoder

    assert geocoder().lookup(name, frozenset(named)).country == country


def test_a_party_a_joint_statement_addresses_is_never_a_signatory(coder):
    from readout.records import Document

    def code_document(text: str, **meta: str):
        return coder.code(Document(text=text, **meta))

    coded = code_document(
        "We, the leaders of France, Germany, Italy, the United Kingdom and the United States, condemn Russia's attack "
        "on Ukraine. We call on our partners to join us in supporting Ukraine. We will continue to coordinate "
        "closely with each other.", title="Joint Statement on Ukraine", date="2022-03-01", source="whitehouse.gov")
    five = {"FRA", "DEU", "ITA", "GBR", "USA"}
    joint = next(e for e in coded.events if e.evidence[0].rule == "joint-statement")
    assert {a.country for a in joint.source} == five == {a.country for a in joint.target}
    condemn = next(e for e in coded.events if e.cameo == "111")
    assert {a.country for a in condemn.source} == five and [a.country for a in condemn.target] == ["RUS"]
    assert all(not {"RUS", "UKR"} & {a.country for a in e.source} for e in coded.events if e.cameo != "190")
    cuba = code_document(
        "We, the Foreign Ministers of Austria, Brazil, Colombia, Croatia and Estonia, condemn the arrests of peaceful "
        "protesters. We call on Cuba to release them.", title="Joint Statement on Cuba", date="2021-07-20")
    appeal = next(e for e in cuba.events if e.cameo.startswith("02"))
    assert "CUB" not in {a.country for a in appeal.source} and [a.country for a in appeal.target] == ["CUB"]


def test_a_header_line_is_a_sentence_of_its_own(coder):
    """ "Office of the Spokesperson" above the text is not the subject of its first sentence, and the statement's
    signatories are read from the first sentence under the headers."""
    from readout.records import Document

    text = ("Office of the Spokesperson\nThe following statement was released by the Governments of Canada, Lithuania, "
            "Poland and the United Kingdom.\nBegin Text:\nWe condemn the Lukashenka regime's forced landing of the "
            "flight.")
    coded = coder.code(Document(text=text, title="Joint Statement on Belarus", date="2021-06-01"))
    four = {"CAN", "LTU", "POL", "GBR"}
    assert [({a.country for a in e.source}, [a.country for a in e.target]) for e in coded.events
            if e.cameo == "111"] == [(four, ["BLR"])]
    sentences = [s.text.strip() for s in coder.nlp(text).sents]
    assert sentences[:2] == ["Office of the Spokesperson", "The following statement was released by the Governments "
                             "of Canada, Lithuania, Poland and the United Kingdom."]
    wrapped = [s.text.strip() for s in coder.nlp("Canada and Lithuania agreed to\nexpand their trade.").sents]
    assert len(wrapped) == 1  # a line that goes on in lower case is the same sentence


def test_a_verb_tagged_as_a_noun_after_a_long_subject_is_still_a_verb(code):
    text = ("The Foreign Ministers of Canada, France, Germany, Italy, Japan, the United Kingdom and the United States "
            "of America and the High Representative of the European Union condemn in the strongest terms the action by "
            "the Belarusian authorities in arresting the journalist Raman Pratasevich.")
    coded = code(text, "2021-05-27")
    assert [(len(e.source), [a.country for a in e.target]) for e in coded.events if e.cameo == "111"] == [(7, ["BLR"])]
    # the arrest is the act of the authorities the action is "by", not of those who condemn it
    assert [[a.country for a in e.source] for e in coded.events if e.cameo == "173"] == [["BLR"]]


def test_who_acts_in_for_x_to_and_in_response_to(code):
    withdraw = code("It is time for Russia to withdraw its troops from Ukraine.", "2022-03-01").events
    assert [(e.cameo, [a.country for a in e.source]) for e in withdraw] == [("087", ["RUS"])]
    deploy = code("Lithuania stands ready for Poland to deploy troops to Vilnius.", "2022-03-01").events
    assert [[a.country for a in e.source] for e in deploy if e.cameo == "154"] == [["POL"]]
    # who reacts to an act did not do it
    reacted = code("Canada imposed sanctions in response to the arrest of journalist Raman Pratasevich.", "2021-05-27")
    assert not [e for e in reacted.events if e.cameo == "173"]


def test_an_appeal_with_no_addressee_is_not_made_to_each_other(code):
    assert code("China and Russia called for restraint.", "2021-05-27").events == []
    appeal = code("China and Russia called on Israel to show restraint.", "2021-05-27").events
    assert [({a.country for a in e.source}, [a.country for a in e.target]) for e in appeal] == \
        [({"CHN", "RUS"}, ["ISR"])]


def test_titled_people_of_a_trilateral_meeting(coder):
    """A possessive is not part of a name ("Deputy Secretary Sherman's Meeting": Sherman, of the United States);
    "the two vice foreign ministers" are the two the text named with those words, not the document's two sides."""
    from readout.records import Document

    text = ("Deputy Secretary Sherman met Japanese Vice Foreign Minister Mori and Republic of Korea First Vice Foreign "
            "Minister Choi in Tokyo. The Deputy Secretary and the two vice foreign ministers committed to deepening "
            "trilateral cooperation.")
    coded = coder.code(Document(text=text, title="Deputy Secretary Sherman's Meeting with Vice Foreign Ministers",
                                source="state.gov", date="2021-07-21"))
    sherman = [a for a in coded.actors if a.text.startswith("Deputy Secretary Sherman")]
    assert [(a.text, a.country) for a in sherman][:1] == [("Deputy Secretary Sherman", "USA")]
    committed = [e for e in coded.events if e.cameo == "030"]
    assert [{a.country for a in e.source} for e in committed] == [{"USA", "JPN", "KOR"}]


def test_the_subject_of_a_passive_does_what_it_is_dedicated_or_urged_to(code):
    events = code("Canada is dedicated to working with Ukraine on demining.", "2021-06-01").events
    assert [(e.cameo, [a.country for a in e.source], [a.country for a in e.target], e.modality) for e in events] == \
        [("030", ["CAN"], ["UKR"], "intended")]


def test_a_date_in_the_possessive_dates_the_noun_after_it(code):
    talks = code("Blinken and Stoltenberg discussed next month's NATO Summit on Thursday.", "2021-05-27").events
    assert [(e.cameo, e.when.start if e.when else None) for e in talks] == [("040", "2021-05-27")]


def test_one_quoted_in_the_middle_of_an_answer_does_not_speak_what_follows(coder):
    from readout.records import Document

    text = ("A: Hong Kong affairs are China's internal affairs. As we noted, President Trump also said previously "
            "that \"Hong Kong is a part of China.\" We hope the US side will keep its word.")
    coded = coder.code(Document(text=text, source="fmprc.gov.cn", date="2019-08-15"))
    assert [(e.cameo, [a.country for a in e.source], [a.country for a in e.target]) for e in coded.events
            if e.cameo.startswith("02")] == [("020", ["CHN"], ["USA"])]


def test_a_topic_of_talks_is_not_done_by_those_who_talk(code):
    text = ("President Biden spoke today with the Amir of Qatar. The two leaders discussed the urgent effort to secure "
            "the release of all remaining hostages held by Hamas.")
    assert not [e for e in code(text, "2023-12-26").events if e.cameo.startswith("08")]
    text = ("President Biden spoke today with President Putin of Russia. They discussed regional issues, including the "
            "intent of the United States and Russia to pursue a strategic stability dialogue.")
    intents = [e for e in code(text, "2021-04-13").events if e.cameo == "036"]
    assert [sorted({a.country for a in e.source}) for e in intents] == [["RUS", "USA"]]


def test_whose_act_a_noun_names(code):
    """The state of the act a noun names, over the one who speaks of it: "concern about Serbian military
    mobilizations" (Serbia mobilizes), "decisions by NATO to bolster its presence" (NATO decides and bolsters)."""
    events = code("Sullivan expressed concern about Serbian military mobilizations near the Kosovo border.",
                  "2023-09-29").events
    assert [[a.country for a in e.source] for e in events if e.cameo == "154"] == [["SRB"]]
    events = code("He noted recent decisions by NATO to bolster its presence in northern Kosovo.", "2023-09-29").events
    assert [[a.country for a in e.source] for e in events if e.cameo.startswith("15")] == [["NATO"]]


def test_a_transcripts_speaker_speaks_to_the_next_label(coder):
    """ "Name: ..." labels a speaker: "Thank you" is theirs and "you" is the other side; "Mr President," is whom they
    address, never the subject; a label may come with "(retranslated)" and mid-line where the line breaks are lost."""
    from readout.records import Document

    text = ("Beginning of Russian-Greek talks President of Russia Vladimir Putin: Mr Prime Minister, good afternoon. "
            "Thank you very much for accepting the invitation and coming to Russia. Welcome. Prime Minister of "
            "Greece Kyriakos Mitsotakis (retranslated): Mr President, Thank you very much for the invitation.")
    coded = coder.code(Document(text=text, title="Russian-Greek talks", source="kremlin.ru", date="2021-12-08"))
    thanks = [([a.country for a in e.source], [a.country for a in e.target]) for e in coded.events
              if e.cameo == "051"]
    assert thanks == [(["RUS"], ["GRC"]), (["GRC"], ["RUS"])]


def test_in_a_release_the_nameless_of_a_sector_beside_its_own_state_are_at_home(coder):
    """A governor or employers no state is named for, beside none but the White House, are American: a domestic act,
    no event. Armed groups of no named state are not taken for the publisher's."""
    from readout.records import Document

    text = ("The President thanked the governors for their leadership during the storm. The Department of Labor will "
            "provide grants to employers. The United States condemns the terrorists who attacked the convoy.")
    coded = coder.code(Document(text=text, source="whitehouse.gov", date="2023-05-02"))
    assert [(e.cameo, [a.code for a in e.source], [a.code for a in e.target]) for e in coded.events
            if e.cameo.startswith(("03", "05", "07", "11"))] == [("111", ["USA"], ["---REB"])]


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # an act on people that a title names is someone else's, not the publisher's
        ("Detention of Armenian Soldiers", "The United States is concerned by recent developments on the border."),
        # an opportunity seized is no property seized, and no assault
        ("", "We seize this opportunity to thank Qatar for hosting the talks."),
        # whoever opposes or is concerned by a repression is not its doer
        ("", "We oppose the use of network restrictions to suppress freedom of expression online."),
        ("", "We also have concerns with any efforts to repress the voices of the Tunisian people."),
    ],
)
def test_no_coercion_where_no_one_coerces(coder, title, text):
    from readout.records import Document

    coded = coder.code(Document(text=text, title=title, source="state.gov", date="2021-05-28"))
    assert [e.cameo for e in coded.events if e.cameo.startswith(("17", "18", "19"))] == []
