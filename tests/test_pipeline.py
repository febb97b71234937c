"""The spaCy pipeline is the coder: ``nlp(doc)`` gives what ``Coder.code`` gives, results survive ``DocBin`` and
``Doc.to_bytes``, and a pipeline saved with ``nlp.to_disk`` codes the same in a fresh process that loads it with
``spacy.load`` alone (the stages found through the ``spacy_factories`` entry point), with the tables it was saved with.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from spacy.tokens import Doc, DocBin

from readout.evaluate import read_gold
from readout.knowledge import TABLES
from readout.nlp import STAGES
from readout.nlp.build import doc_for
from readout.records import Document

GOLD = Path(__file__).parent / "gold" / "dev.jsonl"
G20 = "On the margins of the G20 Summit, President Joe Biden met with President Xi Jinping."


def gold_documents() -> list[Document]:
    return [Document(text=d.text, id=d.id, date=d.date, title=d.title, source=d.source)
            for d in read_gold(GOLD) if hasattr(d, "text")]


def as_dicts(events) -> list[dict]:
    return [e.to_dict() for e in events or []]


def test_nlp_of_a_document_codes_what_the_coder_codes_over_the_dev_gold(coder):
    documents = gold_documents()
    assert len(documents) == 64
    coded = list(coder.code_many(documents))
    same = 0
    for document, by_coder in zip(documents, coded, strict=True):
        doc = coder.nlp(doc_for(coder.nlp, document))  # spans index the title and text as the Doc joins them
        assert as_dicts(coder.result(doc, document).events) == as_dicts(by_coder.events), document.id
        same += 1
    assert same == 64 and sum(len(c.events) for c in coded) > 300


def test_nlp_of_a_bare_text_codes_what_the_coder_codes(coder):
    for document in gold_documents()[:12]:
        assert as_dicts(coder.nlp(document.text)._.events) == as_dicts(coder.code(document.text).events)


def test_the_scene_is_a_stage_of_the_pipeline(coder):
    doc = coder.nlp.make_doc(G20)
    doc._.doc_date = "2022-11-14"
    events = coder.nlp(doc)._.events
    assert [(e.cameo, e.where.name, e.where.country) for e in events] == [("044", "Bali", "IDN")]
    assert coder.nlp.pipe_names[0] == "readout_text" and coder.nlp.pipe_names[-1] == "readout_scene"
    assert [n for n in coder.nlp.pipe_names if n.startswith("readout_")] == list(STAGES)


def test_text_in_one_case_is_recased_by_the_first_stage(coder):
    doc = coder.nlp("china and russia signed an agreement on trade in moscow on friday.")
    assert doc.text.startswith("China and Russia") and doc.user_data["readout_original"].startswith("china")
    events = doc._.events
    assert events and {a.country for e in events for a in e.source} <= {"CHN", "RUS"}
    assert events[0].evidence[0].text.startswith("china and russia")  # evidence quotes the words as written


def test_results_survive_docbin_and_to_bytes(coder):
    documents = gold_documents()[:20]
    docs = [coder.nlp(doc_for(coder.nlp, d)) for d in documents]
    bin_ = DocBin(store_user_data=True, docs=docs)
    back = list(DocBin().from_bytes(bin_.to_bytes()).get_docs(coder.nlp.vocab))
    for doc, again in zip(docs, back, strict=True):
        assert as_dicts(again._.events) == as_dicts(doc._.events)
        assert [m.actor.to_dict() for m in again._.actors] == [m.actor.to_dict() for m in doc._.actors]
        once_more = Doc(coder.nlp.vocab).from_bytes(doc.to_bytes())
        assert as_dicts(once_more._.events) == as_dicts(doc._.events)
        assert once_more._.doc_when == doc._.doc_when and once_more._.learned is None
    assert sum(len(d._.events) for d in back) > 50


def test_components_declare_what_they_read_and_write(coder):
    analysis = coder.nlp.analyze_pipes()
    assert all(not problems for problems in analysis["problems"].values()), analysis["problems"]
    meta = coder.nlp.get_pipe_meta("readout_events")
    assert "doc._.events" in meta.assigns and "doc._.actors" in meta.requires
    assert {e.name for e in entry_points(group="spacy_factories")} >= set(STAGES)


FRESH = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
assert "readout" not in {m.split(".")[0] for m in sys.modules if m.startswith("readout.coder")}
out = []
for line in sys.stdin:
    d = json.loads(line)
    doc = nlp.make_doc(d["text"])
    doc._.doc_date = d["date"]
    out.append([e.to_dict() for e in nlp(doc)._.events])
print(json.dumps(out))
"""


def code_in_fresh_process(path: Path, items: list[dict]) -> list:
    run = subprocess.run([sys.executable, "-c", FRESH, str(path)], input="\n".join(map(json.dumps, items)),
                         capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_a_saved_pipeline_codes_the_same_in_a_fresh_process(coder, tmp_path):
    documents = gold_documents()[:8]
    coder.nlp.to_disk(tmp_path / "pipeline")
    saved = sorted(p.name for p in (tmp_path / "pipeline" / "readout_events" / "knowledge").iterdir())
    assert saved == sorted(TABLES)
    items = [{"text": d.text, "date": d.date} for d in documents] + [{"text": G20, "date": "2022-11-14"}]
    expected = []
    for item in items:
        doc = coder.nlp.make_doc(item["text"])
        doc._.doc_date = item["date"]
        expected.append(json.loads(json.dumps(as_dicts(coder.nlp(doc)._.events))))
    got = code_in_fresh_process(tmp_path / "pipeline", items)
    assert got == expected
    assert got[-1][0]["cameo"] == "044" and got[-1][0]["where"]["name"] == "Bali"


@pytest.fixture(scope="module")
def own_tables(tmp_path_factory) -> Path:
    """A knowledge folder with one table, officials.tsv, of one official the built-in tables do not know (added to
    the built-in officials)."""
    folder = tmp_path_factory.mktemp("knowledge")
    row = {"id": "zorblat-quux.fm", "name": "Zorblat Quux", "aliases": "", "country": "TJK", "sector": "GOV",
           "role": "Foreign Minister", "start": "2024-01-01", "end": ""}
    (folder / "officials.tsv").write_text("\t".join(row) + "\n" + "\t".join(row.values()) + "\n", encoding="utf-8")
    return folder


def test_a_saved_pipeline_keeps_the_tables_it_was_built_from(own_tables, tmp_path):
    from readout.nlp import pipeline

    text = "Zorblat Quux met Wang Yi in Beijing."
    nlp = pipeline(knowledge=str(own_tables))
    doc = nlp.make_doc(text)
    doc._.doc_date = "2024-05-03"
    actors = {m.actor.person: m.actor.country for m in nlp(doc)._.actors}
    assert actors.get("Zorblat Quux") == "TJK"
    nlp.to_disk(tmp_path / "own")
    saved = (tmp_path / "own" / "readout_actors" / "knowledge" / "officials.tsv").read_text()
    assert "Zorblat Quux" in saved and "Wang Yi" in saved  # the merged table: the built-in rows and the user's
    got = code_in_fresh_process(tmp_path / "own", [{"text": text, "date": "2024-05-03"}])
    assert got == [json.loads(json.dumps(as_dicts(nlp(doc)._.events)))]
    sides = {a["country"] for e in got[0] for a in (*e["source"], *e["target"])}
    assert sides == {"TJK", "CHN"}


def test_the_cli_saves_a_pipeline_that_codes_with_its_tables(own_tables, tmp_path, capsys):
    from readout.cli import main
    from readout.coder import Coder
    from readout.errors import ReadoutError

    saved = tmp_path / "readout-pipeline"
    assert main(["pipeline", str(saved), "--knowledge", str(own_tables)]) == 0
    assert "8 readout stages" in capsys.readouterr().out
    assert (saved / "config.cfg").exists()
    assert "Zorblat Quux" in (saved / "readout_events" / "knowledge" / "officials.tsv").read_text()
    text = tmp_path / "readout.txt"
    text.write_text("Zorblat Quux met Wang Yi in Beijing.", encoding="utf-8")
    assert main(["code", str(text), "--date", "2024-05-03", "--format", "json", "--pipeline", str(saved)]) == 0
    coded = json.loads(capsys.readouterr().out)
    people = {a["person"]: a["country"] for a in coded[0]["actors"] if a.get("person")}
    assert people["Zorblat Quux"] == "TJK"  # the saved tables, with no --knowledge given
    assert main(["pipeline", str(saved)]) == 2  # a folder that is not empty is never overwritten
    assert "not an empty folder" in capsys.readouterr().err
    with pytest.raises(ReadoutError, match="saved readout pipeline"):
        Coder(pipeline=str(saved), knowledge=str(own_tables))
    assert Coder(pipeline=str(saved)).kb.officials[-1].name == "Zorblat Quux"
