"""Candidates: every ordered pair of actor mentions in a sentence and every mention alone, with what the rules say."""

from __future__ import annotations

from readout.training.candidates import candidates


def test_every_ordered_pair_and_every_mention_alone_is_a_candidate(coder):
    text = "President Joe Biden condemned Iran. The United States and France signed an agreement."
    doc = coder.nlp(text)
    found = list(candidates(doc, "d1"))
    first = [c for c in found if c.sentence[0] == 0]
    second = [c for c in found if c.sentence[0] > 0]
    pairs = {(c.source_text, c.target_text) for c in first}
    assert pairs == {("President Joe Biden", "Iran"), ("Iran", "President Joe Biden"), ("President Joe Biden", ""),
                     ("Iran", "")}
    assert len(second) == 4  # two mentions: two pairs and two alone
    rules = {(c.source_text, c.target_text): c.rule_cameo for c in found}
    assert rules[("President Joe Biden", "Iran")] == "111" and rules[("Iran", "President Joe Biden")] is None
    assert rules[("United States", "France")] == rules[("France", "United States")] == "057"  # mutual
    assert {c.rule_root for c in found if c.rule_cameo == "111"} == {"ACCUSE"}
    c = next(c for c in found if c.source_text == "Iran" and c.target is None)
    assert text[c.source[0]:c.source[1]] == "Iran" and c.key == f"d1#{c.source[0]}-{c.source[1]}>none"
    assert "rule_cameo" not in c.to_dict(rules=False) and c.to_dict()["text"] == "President Joe Biden condemned Iran."


def test_cohen_kappa_is_agreement_beyond_chance():
    import pytest

    from readout.training.agreement import cohen_kappa

    assert cohen_kappa(["11", "none", "04"], ["11", "none", "04"]) == 1.0
    assert round(cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"]), 3) == 0.5  # 0.75 observed, 0.5 by chance
    assert cohen_kappa(["a", "b"], ["b", "a"]) == -1.0
    with pytest.raises(ValueError):
        cohen_kappa(["a"], [])


def test_candidates_are_kept_as_references_and_read_back_from_the_corpus(tmp_path):
    import json

    from readout.errors import InputError
    from readout.training.data import read_candidates, reference

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    doc = {"id": "d1", "title": "Call with France", "text": "President Biden spoke with President Macron."}
    (corpus / "c.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    text = "Call with France.\nPresident Biden spoke with President Macron."  # the title in front, as a sentence
    row = {"key": "d1#28-33>55-61", "doc": "d1", "corpus": "c.jsonl", "date": None, "sentence": [18, 62],
           "source": [28, 33], "target": [55, 61], "cameo": "041", "modality": "asserted", "text": "ignored"}
    kept = reference(row)
    assert "text" not in kept and kept["cameo"] == "041"
    refs = tmp_path / "refs.jsonl"
    bad = {**kept, "doc": "d2"}
    refs.write_text(json.dumps(kept) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    back = list(read_candidates(refs, [corpus]))
    assert back[0]["text"] == text[18:62] == "President Biden spoke with President Macron."
    assert (back[0]["source_text"], back[0]["target_text"]) == ("Biden", "Macron")
    assert back[0]["before"] == "Call with France.\n"
    assert isinstance(back[1], InputError) and "d2" in str(back[1]) and ":2" in str(back[1])
