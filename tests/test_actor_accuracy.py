"""Actor resolution measured with the real pipeline on the team's gold: the news paragraphs written for development
(``tests/gold/actors-news-dev.jsonl``: parties, forces, agencies, armed and criminal groups, officials of 2022-2026)
and the readouts' own actors (``tests/gold/actors.jsonl``, which needs ``../shared/corpus``). Floors a little under
what the coder scores today, so that a change that loses actors fails here; the frozen test set
(``actors-news.jsonl``) is only ever scored by ``readout eval``, never held to a floor by a test."""

from __future__ import annotations

from pathlib import Path

from readout.evaluate import evaluate
from tests.conftest import need_shared

GOLD = Path(__file__).resolve().parent / "gold"


def test_news_actors_of_the_development_set(coder):
    report, errors = evaluate(GOLD / "actors-news-dev.jsonl", coder)
    scores = report.actors
    assert errors == [] and scores.totals["country"] >= 300
    assert scores.accuracy("found") >= 0.95
    assert scores.accuracy("country") >= 0.88
    assert scores.accuracy("sector") >= 0.84


def test_the_readouts_own_actors(coder):
    need_shared("corpus")  # the readouts' actor gold names documents there
    report, errors = evaluate(GOLD / "actors.jsonl", coder)
    scores = report.actors
    assert errors == [] and scores.totals["country"] >= 400
    assert scores.accuracy("country") >= 0.96
    assert scores.accuracy("sector") >= 0.93
