"""The attribute ruler and the lemmatizer over the Doc's arrays (``readout.nlp.attributes``): the ruler finds
exactly the matches spaCy's own ruler finds and the lemmatizer gives spaCy's lemmas, so the parts of speech,
morphology and lemmas the coder reads are the stock pipeline's, on text written to exercise their exceptions and on
real readouts and news."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from readout.nlp.attributes import FastAttributeRuler, FastLemmatizer, speed_up
from readout.settings import pipeline_name
from tests.conftest import need_shared

# contractions, auxiliaries, determiners used as pronouns, clause words and spaces: each an exception of the ruler
TEXTS = [
    "We're gonna meet them, y'all said, and let's not forget: he ain't sure it's done.",
    "That is what they did. Those who have doubts haven't said so; there are others whose views were heard.",
    "The President got a call and gets another today.  \n\nThe minister, who had met him, does not agree with it.",
    "Nothin' was agreed. C'mon, they gotta sign whether or not the talks succeed, though I doubt it will.",
    "The meeting was long, and they were meeting again; the talks talks of the leaders' leading role.",
    "",
    "Hi",
]


@pytest.fixture(scope="module")
def stock():
    return spacy.load(pipeline_name(), exclude=["senter"])


def fast_copy(nlp) -> FastAttributeRuler:
    fast = FastAttributeRuler(nlp.vocab, "attribute_ruler")
    fast.add_patterns(nlp.get_pipe("attribute_ruler").patterns)
    return fast


def same_matches(nlp, texts: list[str]) -> int:
    ruler, fast = nlp.get_pipe("attribute_ruler"), fast_copy(nlp)
    n = 0
    for doc in nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]):
        expected = ruler.match(doc)
        assert fast.match(doc) == expected, doc.text[:80]
        n += len(expected)
    return n


def test_the_same_matches_on_its_exceptions(stock):
    assert same_matches(stock, TEXTS) > 60
    fast = fast_copy(stock)
    doc = stock("We're gonna meet them, y'all.", disable=["attribute_ruler", "lemmatizer", "ner"])
    assert any(end - start == 2 for _, _, start, end in fast.match(doc))  # "gon na", "y' all": two-token rules


def test_the_same_annotation_as_the_stock_pipeline(stock):
    readout_nlp = spacy.load(pipeline_name(), exclude=["senter"])
    speed_up(readout_nlp)
    assert isinstance(readout_nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(readout_nlp.get_pipe("lemmatizer"), FastLemmatizer)
    assert not isinstance(stock.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert not isinstance(stock.get_pipe("lemmatizer"), FastLemmatizer)
    columns = [TAG, POS, MORPH, LEMMA, DEP]
    for a, b in zip(stock.pipe(TEXTS), readout_nlp.pipe(TEXTS), strict=True):
        assert (a.to_array(columns) == b.to_array(columns)).all()
        assert [t.morph for t in a] == [t.morph for t in b] and [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_the_same_matches_on_real_documents(stock):
    corpus = need_shared("corpus")
    texts = []
    for name in ("whitehouse-readouts.jsonl", "kremlin-news.jsonl", "fmprc-press-conferences.jsonl"):
        with (corpus / name).open(encoding="utf-8") as lines:
            texts += [json.loads(line)["text"] for _, line in zip(range(20), lines, strict=False)]
    assert same_matches(stock, texts) > 10_000


def test_patterns_it_cannot_compile_fall_back_to_the_matcher(stock):
    from spacy.pipeline import AttributeRuler

    fast = FastAttributeRuler(stock.vocab, "attribute_ruler")
    fast.add_patterns([{"patterns": [[{"LOWER": "talks", "OP": "+"}]], "attrs": {"LEMMA": "talk"}}])
    doc = stock.make_doc("talks talks")
    assert fast._rules() is None  # an operator: matched by spaCy's Matcher
    assert fast.match(doc) == AttributeRuler.match(fast, doc) and len(fast.match(doc)) == 3


def test_the_same_lemmas_on_real_documents(stock):
    corpus = need_shared("corpus")
    with (corpus / "kremlin-news.jsonl").open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(30), lines, strict=False)]
    readout_nlp = spacy.load(pipeline_name(), exclude=["senter"])
    speed_up(readout_nlp)
    ruled = list(stock.pipe(texts, disable=["lemmatizer"]))
    for lemmatize in (stock.get_pipe("lemmatizer"), readout_nlp.get_pipe("lemmatizer")):
        lemmas = [[t.lemma_ for t in lemmatize(doc.copy())] for doc in ruled]
        twice = [[t.lemma_ for t in lemmatize(doc.copy())] for doc in ruled]  # and again, from what it keeps
        assert lemmas == twice
        if lemmatize is stock.get_pipe("lemmatizer"):
            expected = lemmas
    assert lemmas == expected and sum(map(len, lemmas)) > 10_000
    assert {"meet", "be", "say"} <= {lemma for doc in lemmas for lemma in doc}
