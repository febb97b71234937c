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
