"""The pair classifier: the linear model it is made of, the features it reads, the stage in the real pipeline, its
serialization with the pipeline, and how it is trained (``readout train``) and cross-validated."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from readout.models.linear import LinearModel
from readout.nlp.linker import label_of, model_path, rule_code
from readout.records import Actor, Event, Evidence
from readout.training.pairs import Example
from readout.training.train import cross_validate, fit, fold_of

TOY = [(["verb:attack", "subj"], "19"), (["verb:attack", "obj"], "none"), (["verb:meet", "subj"], "04"),
       (["verb:meet", "obj"], "04"), (["verb:say"], "none"), (["verb:shell", "subj"], "19")] * 10


def test_the_linear_model_learns_separable_data_and_saves_it_exactly():
    model = LinearModel.fit([f for f, _ in TOY], [y for _, y in TOY], epochs=20, min_count=1)
    assert [model.predict(f)[0] for f, _ in TOY[:6]] == [y for _, y in TOY[:6]]
    assert abs(float(model.proba(["verb:meet"]).sum()) - 1.0) < 1e-6
    buf = io.BytesIO()
    model.save(buf)
    again = LinearModel.load(io.BytesIO(buf.getvalue()))
    assert again.classes == model.classes
    for feats, _ in TOY[:6]:  # weights are kept as float16: probabilities agree to a few decimals
        assert np.allclose(again.proba(feats), model.proba(feats), atol=2e-3)
    assert LinearModel.from_bytes(model.to_bytes()).predict(["verb:shell", "subj"])[0] == "19"


def test_training_is_deterministic_for_a_seed_and_drops_rare_features():
    a = LinearModel.fit([f for f, _ in TOY], [y for _, y in TOY], seed=3)
    b = LinearModel.fit([f for f, _ in TOY], [y for _, y in TOY], seed=3)
    assert np.array_equal(a.weights, b.weights)
    rare = LinearModel.fit([["once"], *[f for f, _ in TOY]], ["19", *[y for _, y in TOY]], min_count=2)
    assert "once" not in rare.index and "verb:attack" in rare.index


def test_folds_never_split_a_document_and_every_example_is_predicted_once():
    data = [Example(f"doc{i % 7}", f"k{i}", f, y, y) for i, (f, y) in enumerate(TOY)]
    where = fold_of(data, 5)
    assert set(where.values()) == set(range(5)) and len(where) == 7
    predicted = cross_validate(data, folds=5, min_count=1, epochs=5)
    assert set(predicted) == {x.key for x in data}
    assert all(p.label != "none" and 0 < p.p <= 1 for p in predicted.values())
    model = fit(data, min_count=1)
    assert model.classes == ["04", "19", "none"]


def test_a_code_is_learnt_as_its_root():
    assert [label_of(c) for c in ("042", "1952", "none", None)] == ["04", "19", "none", "none"]


def test_the_rules_code_of_a_pair_follows_direction_and_mutual_events():
    def event(cameo: str, mutual: bool = False, rule: str = "pattern:x") -> Event:
        return Event(source=[Actor("A", country="AAA", span=(0, 1))], target=[Actor("B", country="BBB", span=(5, 6))],
                     cameo=cameo, mutual=mutual, evidence=[Evidence(sentence=(0, 10), trigger=(2, 3), rule=rule)])
    assert rule_code([event("111")], (0, 10), (0, 1), (5, 6)) == "111"
    assert rule_code([event("111")], (0, 10), (5, 6), (0, 1)) is None
    assert rule_code([event("040", mutual=True)], (0, 10), (5, 6), (0, 1)) == "040"
    assert rule_code([event("111")], (20, 30), (0, 1), (5, 6)) is None  # another sentence
    assert rule_code([event("190", rule="model:19")], (0, 10), (0, 1), (5, 6)) is None  # the model's own


@pytest.fixture(scope="module")
def nlp():
    from readout.nlp import pipeline

    return pipeline()


def test_features_read_the_path_the_trigger_patterns_and_negation(nlp):
    from readout.nlp.build import doc_for

    doc = nlp(doc_for(nlp, "Russian troops did not shell the town of Kupiansk, Ukraine's army said."))
    linker = nlp.get_pipe("readout_linker").linker
    troops, army = doc[0:2], doc[10:13]
    assert army.text == "Ukraine's army"
    feats = linker.features(troops, army, None, None)
    assert "top:say" in feats and "neg" in feats and "order:st" in feats
    assert "on:shell" in feats and "trig:19" in feats  # the path climbs from "shell" to "said"
    assert "toptrig:19" not in feats
    alone = linker.features(troops, None, None, None)
    assert "notarget" in alone and "gov:shell" in alone and "govtrig:19" in alone and "neg" in alone


@pytest.mark.skipif(not model_path().exists(), reason="the package's pair model is not built (readout train)")
def test_the_shipped_model_adds_events_the_rules_miss_and_saves_with_the_pipeline(nlp, tmp_path):
    import spacy

    from readout.nlp.build import doc_for

    text = "Hungary blocked the European Union's new sanctions package against Russia."
    with nlp.select_pipes(disable=["readout_linker"]):
        assert nlp(doc_for(nlp, text))._.events == []  # no pattern of the rules says "blocked"
    doc = nlp(doc_for(nlp, text))
    ours = [e for e in doc._.events if any(x.rule.startswith("model:") for x in e.evidence)]
    rejects = [e for e in ours if e.cameo[:2] == "12"]
    assert [(e.dyads(), e.plover_type) for e in rejects] == [([("HUN", "EU")], "REJECT")]
    assert rejects[0].evidence[0].rule == "model:12" and doc.text[slice(*rejects[0].evidence[0].trigger)] == "blocked"
    nlp.to_disk(tmp_path / "p")
    assert (tmp_path / "p" / "readout_linker" / "model.npz").is_file()
    again = spacy.load(tmp_path / "p")
    doc2 = again(doc_for(again, text))
    assert [(e.cameo, e.dyads()) for e in doc2._.events] == [(e.cameo, e.dyads()) for e in doc._.events]
    stage = again.get_pipe("readout_linker")
    assert stage.from_bytes(nlp.get_pipe("readout_linker").to_bytes()).linker.model.classes == \
        nlp.get_pipe("readout_linker").linker.model.classes


def test_readout_train_builds_a_model_from_written_examples(tmp_path, capsys):
    from readout.cli import main

    rows = [
        {"id": "t-1", "text": "Police in Lagos arrested twelve protesters on Monday.",
         "mentions": ["Police", "twelve protesters"],
         "events": [{"source": "Police", "target": "twelve protesters", "cameo": "173", "modality": "asserted"}]},
        {"id": "t-2", "text": "France condemned Iran over the seizure of a tanker.", "mentions": ["France", "Iran"],
         "events": [{"source": "France", "target": "Iran", "cameo": "111", "modality": "asserted"}]},
        {"id": "t-3", "text": "Kenya and Uganda held talks in Nairobi.", "mentions": ["Kenya", "Uganda"],
         "events": [{"source": "Kenya", "target": "Uganda", "cameo": "046", "modality": "asserted"},
                    {"source": "Uganda", "target": "Kenya", "cameo": "046", "modality": "asserted"}]},
    ]
    written = tmp_path / "w.jsonl"
    written.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "m.npz"
    assert main(["train", "--written", str(written), "--candidates", "--out", str(out)]) == 0
    assert "examples" in capsys.readouterr().out
    model = LinearModel.load(out)
    assert set(model.classes) == {"04", "11", "17", "none"} and model.meta["events"] == "4"


def biased(root: str) -> LinearModel:
    """A model that finds an event of ``root`` in every candidate, whatever it reads."""
    classes = sorted({root, "17", "none"})
    return LinearModel(classes, [], np.zeros((0, len(classes))), np.array([8.0 if c == root else 0.0
                                                                           for c in classes]))


def test_the_rules_code_stands_unless_the_model_is_set_to_recode(nlp):
    from readout.nlp.build import doc_for
    from readout.nlp.linker import Linker

    kb = nlp.get_pipe("readout_events").kb
    text = "Colombian police detained three Venezuelan nationals near the border."
    with nlp.select_pipes(disable=["readout_linker", "readout_scene"]):
        rules = nlp(doc_for(nlp, text))._.events
        assert [(e.cameo, e.dyads()) for e in rules] == [("173", [("COL", "VEN")])]
        doc = nlp(doc_for(nlp, text))
    kept = Linker(kb, biased("11"))(doc)._.events
    assert (kept[0].cameo, [x.rule for x in kept[0].evidence]) == ("173", ["arrest.verb"])
    assert all([x.rule for x in e.evidence] == ["model:11"] and e.dyads() != [("COL", "VEN")] for e in kept[1:])
    with nlp.select_pipes(disable=["readout_linker", "readout_scene"]):
        doc = nlp(doc_for(nlp, text))
    recoded = Linker(kb, biased("11"), recode_above=0.5)(doc)._.events
    assert recoded[0].cameo[:2] == "11" and recoded[0].plover_type == "ACCUSE"
    assert [x.rule for x in recoded[0].evidence] == ["arrest.verb", "model:11"]


def test_the_model_adds_no_fact_the_document_already_states_and_only_between_known_countries(nlp):
    from readout.nlp.build import doc_for
    from readout.nlp.linker import Linker
    from readout.records import Document

    kb = nlp.get_pipe("readout_events").kb
    text = "Kenya criticised Uganda on Monday. Kenya's foreign minister also criticised Uganda's army."
    with nlp.select_pipes(disable=["readout_linker", "readout_scene"]):
        doc = nlp(doc_for(nlp, Document(text=text, source="https://www.state.gov/")))
    # two criticisms in two sentences are two statements (docs/coding-guide.md)
    assert [(e.cameo, e.dyads()) for e in doc._.events] == [("111", [("KEN", "UGA")])] * 2
    events = Linker(kb, biased("11"))(doc)._.events
    # the model finds 11 for every pair: Kenya -> Uganda is told already, Uganda -> Kenya is new
    assert [(e.cameo, e.dyads(), e.evidence[-1].rule) for e in events] == [
        ("111", [("KEN", "UGA")], "criticize.verb"), ("111", [("KEN", "UGA")], "criticize.verb"),
        ("111", [("UGA", "KEN")], "model:11")]
    def unknown(source: str | None, known_only: bool = True) -> list[bool]:
        with nlp.select_pipes(disable=["readout_linker", "readout_scene"]):
            doc = nlp(doc_for(nlp, Document(text="Gunmen attacked a bus in Kenya, and protesters blamed Uganda.",
                                            source=source)))
        return ["---" in pair for e in Linker(kb, biased("11"), known_only=known_only)(doc)._.events
                if e.evidence[-1].rule == "model:11" for pair in e.dyads()]

    released = unknown("https://www.state.gov/")
    assert released and not any(released)  # a government's release: only between known countries
    assert any(unknown("https://www.state.gov/", known_only=False))
    assert any(unknown(None))  # news: gunmen and protesters of no known state are actors too


def test_a_state_acts_on_its_own_army_or_people_in_news_but_not_in_its_own_release(nlp):
    from readout.nlp.build import doc_for
    from readout.nlp.linker import Linker
    from readout.records import Document

    kb = nlp.get_pipe("readout_events").kb
    text = "The Colombian army fought the Colombian police near the border."

    def added(source: str | None) -> list[tuple[str, str]]:
        with nlp.select_pipes(disable=["readout_linker", "readout_scene"]):
            doc = nlp(doc_for(nlp, Document(text=text, source=source)))
        return [(e.source[0].code, e.target[0].code) for e in Linker(kb, biased("19"))(doc)._.events
                if e.evidence[-1].rule == "model:19" and e.target]

    news = added(None)
    assert news == [("COLMIL", "COLCOP")]  # two sectors of one state (one fact a document: the pair's countries)
    assert added("https://www.state.gov/") == []  # a government's release codes no state acting on itself


@pytest.mark.skipif(not model_path().exists(), reason="the package's pair model is not built (readout train)")
def test_the_shipped_model_is_rebuilt_the_same_by_readout_train(tmp_path, monkeypatch):
    """The model in the package is what ``readout train`` makes of the data in the repository (and the corpus the
    candidates refer to): anyone rebuilds it the same."""
    from pathlib import Path

    from readout.cli import main

    from .conftest import ROOT, need_shared

    corpus = need_shared("corpus")
    monkeypatch.chdir(ROOT)
    out = tmp_path / "pairs.npz"
    assert main(["train", "--corpus", str(corpus), "--out", str(out)]) == 0
    fresh, shipped = LinearModel.load(out), LinearModel.load(model_path())
    assert fresh.classes == shipped.classes and fresh.index == shipped.index
    assert fresh.meta == shipped.meta and int(fresh.meta["events"]) > 3000
    # the weights are saved as float16: the last bit of a weight may differ where the document vectors the training
    # reads differ in their last float32 bits (the order of a sum on another CPU), so two float16 steps are allowed
    close = {"rtol": 2 ** -9, "atol": 1e-3}
    assert np.allclose(fresh.weights, shipped.weights, **close) and np.allclose(fresh.dense, shipped.dense, **close)
    assert Path(model_path()).stat().st_size < 5_000_000  # small enough to ship in the package


def test_in_news_two_office_holders_of_one_state_act_on_each_other_but_a_state_never_on_its_own_leader(nlp):
    from readout.nlp.build import doc_for
    from readout.nlp.linker import Linker
    from readout.records import Document

    kb = nlp.get_pipe("readout_events").kb

    def added(text: str, source: str | None = None) -> list[tuple[str, str]]:
        with nlp.select_pipes(disable=["readout_linker", "readout_scene"]):
            doc = nlp(doc_for(nlp, Document(text=text, source=source)))
        return [(e.source[0].text, e.target[0].text) for e in Linker(kb, biased("12"))(doc)._.events
                if e.evidence[-1].rule == "model:12" and e.target]

    two = "Iceland's president dismissed Iceland's prime minister on Monday."
    assert ("Iceland's president", "Iceland's prime minister") in added(two)  # two offices of one state: two actors
    assert added(two, "https://www.state.gov/") == []  # a government's release: no state acting on itself
    assert added("President William Ruto dismissed Kenya on Monday.") == []  # a leader and his own state
    assert added("Iceland's president met Iceland's president.") == []  # one office named twice


def test_the_model_takes_no_doer_of_the_linking_word_for_a_target_and_codes_no_bare_saying(nlp):
    from readout.nlp.build import doc_for
    from readout.nlp.linker import Linker
    from readout.records import Document

    kb = nlp.get_pipe("readout_events").kb

    def added(text: str, root: str) -> list[tuple[str, str, str]]:
        with nlp.select_pipes(disable=["readout_linker", "readout_scene"]):
            doc = nlp(doc_for(nlp, Document(text=text, source="https://www.state.gov/")))
        return [(e.source[0].country, e.target[0].country, e.cameo) for e in Linker(kb, biased(root))(doc)._.events
                if e.evidence[-1].rule == f"model:{root}" and e.target]

    said = "Kenya's foreign minister said that Uganda's army had shelled villages near the border with Tanzania."
    assert ("UGA", "KEN", "120") not in added(said, "12")  # the speaker is no target of what he reports
    assert ("KEN", "UGA", "120") in added(said, "12")
    invited = "The President of Kenya invited Uganda's president to visit Nairobi."
    assert ("UGA", "KEN", "120") in added(invited, "12")  # but of what the one he addresses is to do
    assert added(said, "01") == []  # saying is no act on those the words name (no bare 010)


def test_the_model_links_no_source_to_what_another_subject_does(nlp):
    from readout.nlp.build import doc_for
    from readout.nlp.linker import Linker
    from readout.records import Document

    kb = nlp.get_pipe("readout_events").kb

    def added(text: str) -> list[tuple[str, str]]:
        with nlp.select_pipes(disable=["readout_linker", "readout_scene"]):
            doc = nlp(doc_for(nlp, Document(text=text)))
        return [(e.source[0].country, e.target[0].country) for e in Linker(kb, biased("18"))(doc)._.events
                if e.evidence[-1].rule == "model:18" and e.target]

    pairs = added("Kenya criticised Uganda, and Tanzania detained Rwandan traders.")
    assert ("KEN", "RWA") not in pairs and ("UGA", "RWA") not in pairs  # Tanzania's clause: Tanzania's act
    hopes = added("Kenya hopes Uganda will release the detained traders.")
    assert ("KEN", "UGA") in hopes  # the target's own clause is still the source's business
