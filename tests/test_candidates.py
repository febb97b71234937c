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
