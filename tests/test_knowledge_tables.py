"""A user's knowledge folder adds to or overrides the built-in tables table by table; its mistakes are reported with
file and line; a knowledge base written to disk loads back equal; the knowledge base reaches the writers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readout.cli import main
from readout.errors import KnowledgeError
from readout.formats.rows import event_facts, event_row
from readout.formats.writers import plover_record
from readout.knowledge import country_code, country_name, load, read_tables
from readout.knowledge.tables import SPECS, builtin_text
from readout.knowledge.validate import CUE_KINDS, route_problem
from readout.records import Actor, Document, Event, When
from tests.test_kb import ACTORS


def table(folder: Path, name: str, *lines: str, header: str | None = None) -> Path:
    """Write a table of ``lines`` (tab-separated rows) into ``folder``, under the built-in table's header."""
    folder.mkdir(parents=True, exist_ok=True)
    head = header if header is not None else builtin_text(name).splitlines()[0]
    (folder / name).write_text("\n".join([head, *lines]) + "\n", encoding="utf-8")
    return folder


def builtin_row(name: str, key: str) -> str:
    return next(line for line in builtin_text(name).splitlines() if line.split("\t")[0] == key)


def test_a_renamed_plover_context_reaches_the_plover_writer(tmp_path):
    trade = builtin_row("contexts.tsv", "trade").split("\t")
    folder = table(tmp_path / "kb", "contexts.tsv", "\t".join([trade[0], "commerce", trade[2]]))
    event = Event(source=[Actor(text="China", country="CHN")], target=[Actor(text="Kazakhstan", country="KAZ")],
                  cameo="057", contexts=["trade", "military"], when=When("2025-03-03", "2025-03-03", "day"))
    mine, builtin = load(str(folder)), load()
    assert plover_record(event, "e1", {}, "test", mine)["context"] == ["commerce", "military"]
    assert plover_record(event, "e1", {}, "test", builtin)["context"] == ["economic", "military"]
    assert len(mine.contexts) == len(builtin.contexts)  # the other contexts stay


def test_a_new_country_is_added_and_the_others_kept(tmp_path):
    ruritania = "RUR\tRUR\tRuritania\tKingdom of Ruritania\tRuritanian\tStrelsau\t"
    folder = table(tmp_path / "kb", "countries.tsv", ruritania)
    kb, builtin = load(str(folder)), load()
    assert len(kb.countries) == len(builtin.countries) + 1
    assert kb.countries["CHN"] == builtin.countries["CHN"] and kb.countries["RUR"].capitals == ("Strelsau",)
    assert country_code("Ruritanian", kb) == "RUR" and country_name("RUR", kb) == "Ruritania"
    assert country_code("Ruritanian", builtin) == "RURITANIAN" and country_name("RUR", builtin) == "RUR"
    assert country_code("China", kb) == "CHN" and list(kb.countries)[-1] == "RUR"  # new rows come last


def test_a_row_with_a_builtin_id_replaces_it_in_place_and_replace_takes_the_whole_table(tmp_path):
    folder = table(tmp_path / "kb", "igos.tsv", "NATO\tIGOWSTNAT\tNorth Atlantic Alliance\tNATO\tUSA|CAN")
    table(folder, "agents.tsv", "t.envoy\tEnvoy\tGOV\tEnvoy\ttitle", header="# replace\n" +
          builtin_text("agents.tsv").splitlines()[0])
    kb, builtin = load(str(folder)), load()
    assert list(kb.organisations) == list(builtin.organisations)
    assert kb.organisations["NATO"].name == "North Atlantic Alliance" and kb.organisations["NATO"].members == (
        "USA", "CAN")
    assert [a.id for a in kb.agents] == ["t.envoy"]
    assert kb.tables["agents.tsv"][0].where == f"{folder / 'agents.tsv'}:3"


def test_gatherings_and_publishers_come_from_the_knowledge_base(tmp_path):
    from readout.nlp.gatherings import gatherings

    folder = table(tmp_path / "kb", "gatherings.tsv", "ruritania-2025\tStrelsau Summit\t2025-05-01\t2025-05-02\t"
                   "Strelsau\tDEU")
    table(folder, "publishers.tsv", "rur\truritania.gov\tDEU\tGOV\tGovernment of Ruritania")
    kb = load(str(folder))
    assert kb.gatherings[-1]["id"] == "ruritania-2025" and len(kb.gatherings) == len(load().gatherings) + 1
    found = gatherings(str(folder)).named("at the Strelsau Summit", When("2025-05-01", "2025-05-01", "day"))
    assert found is not None and found[0].city == "Strelsau"
    assert kb.publisher("https://ruritania.gov/news")["name"] == "Government of Ruritania"


def test_to_disk_writes_tables_that_load_back_equal(tmp_path):
    builtin = load()
    builtin.to_disk(tmp_path / "copy")
    assert sorted(p.name for p in (tmp_path / "copy").iterdir()) == sorted(SPECS)
    again = load(str(tmp_path / "copy"))
    assert again == builtin and again is not builtin

    folder = table(tmp_path / "kb", "countries.tsv", "RUR\tRUR\tRuritania\t\tRuritanian\tStrelsau\t")
    table(folder, "agents.tsv", "t.envoy\tEnvoy\tGOV\tEnvoy\ttitle",
          header="# replace\nid\tphrases\tsector\trole\tkind")
    merged = load(str(folder))
    merged.to_disk(tmp_path / "merged")
    assert load(str(tmp_path / "merged")) == merged
    assert (tmp_path / "merged" / "agents.tsv").read_text(encoding="utf-8").splitlines() == [
        "# replace", "id\tphrases\tsector\trole\tkind", "t.envoy\tEnvoy\tGOV\tEnvoy\ttitle"]


PROBLEMS = {
    "a missing column": ("contexts.tsv", "id\tphrases", ["ctx-x\tdiplomacy"],
                         "contexts.tsv:1: missing column 'plover'"),
    "a duplicate id": ("names.tsv", None, ["n.x\tX\t\tRUS\tGOV\t\t", "n.y\tY\t\tRUS\tGOV\t\t",
                                           "n.x\tZ\t\tRUS\tGOV\t\t"],
                       "names.tsv:4: duplicate id 'n.x' (first at line 2)"),
    "an unknown CAMEO code": ("events.tsv", None, ["e.x\tVERB\tfrob\t\t\t999\tdobj\t0\t"],
                              "events.tsv:2: unknown CAMEO code '999'"),
    "an unknown cue kind": ("cues.tsv", None, ["c.x\tspeech\tsay", "c.y\tspeeches\tsay"],
                            "cues.tsv:3: unknown cue kind 'speeches'"),
    "an unknown target route": ("events.tsv", None, ["e.x\tVERB\tfrob\t\t\t040\tprep:with|obj.dobject\t0\t"],
                                "events.tsv:2: unknown route 'obj.dobject'"),
    "an unknown value route": ("events.tsv", None, ["e.x\tVERB\tfrob\t\t\t040\tdobj\t0\tpartner=prep;to"],
                               "events.tsv:2: unknown route 'prep;to'"),
    "a malformed official's date": ("officials.tsv", None, ["o.x\tX Y\t\tRUS\tGOV\tMinister\t2024-13-01\t"],
                                    "officials.tsv:2: malformed date '2024-13-01'"),
    "a malformed name's date": ("names.tsv", None, ["n.x\tX\t\tRUS\tGOV\t\t31.12.2020"],
                                "names.tsv:2: malformed date '31.12.2020'"),
}


@pytest.mark.parametrize("kind", list(PROBLEMS))
def test_each_mistake_is_reported_with_its_file_and_line(tmp_path, kind):
    name, header, lines, expected = PROBLEMS[kind]
    folder = table(tmp_path / "kb", name, *lines, header=header)
    with pytest.raises(KnowledgeError) as caught:
        read_tables(folder)
    problems = caught.value.problems
    assert any(p.startswith(f"{folder}/{expected}") for p in problems), problems
    assert all(p.startswith(f"{folder}/{name}:") for p in problems), problems  # the built-in tables are sound


def test_every_problem_of_a_folder_is_reported_at_once(tmp_path, capsys):
    folder = table(tmp_path / "kb", "officials.tsv", "o.x\tX\t\tRUS\tGOV\tMinister\t2024-1-1\t",
                   "o.x\tX\t\tRUS\tGOV\tMinister\t\t2025-02-30")
    table(folder, "events.tsv", "e.x\tVERB\tfrob\t\t\t04X\tdobj\t0\tnovalue")
    (folder / "contexts.tvs").write_text("id\tplover\tphrases\n", encoding="utf-8")
    (folder / "context.tsv").write_text("id\tplover\tphrases\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        read_tables(folder)
    assert caught.value.problems == [
        f"{folder}/officials.tsv:2: malformed date '2024-1-1' (expected YYYY-MM-DD, YYYY-MM or YYYY)",
        f"{folder}/officials.tsv:3: duplicate id 'o.x' (first at line 2)",
        f"{folder}/officials.tsv:3: malformed date '2025-02-30' (expected YYYY-MM-DD, YYYY-MM or YYYY)",
        f"{folder}/events.tsv:2: unknown CAMEO code '04X'",
        f"{folder}/events.tsv:2: value 'novalue' is not NAME=ROUTE",
        f"{folder}/context.tsv: not a knowledge table (the tables are {', '.join(SPECS)})",
    ]
    assert main(["code", "-", "--knowledge", str(folder)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith(f"readout: {folder}/officials.tsv:2: malformed date")
    assert err.rstrip().endswith("(and 1 more problem)")
    assert main(["code", "-", "--knowledge", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err == f"readout: {tmp_path / 'nowhere'}: no such knowledge folder\n"


def test_routes_and_cue_kinds_are_those_the_coder_reads():
    assert all(route_problem(r) is None for r in ("dobj", "obj.prep:with", "prep:between,among", "clause.subj",
                                                   "obj.agent", "dative", "obj.compound"))
    assert route_problem("obj.obj.dobj") and route_problem("prep:") and route_problem("subject")
    kinds = {r["kind"] for r in load().tables["cues.tsv"]}
    assert kinds == CUE_KINDS


def test_event_row_is_the_same_for_a_coded_and_a_stored_event():
    event = Event(source=[Actor(text="Wang Yi", country="CHN", sector="GOV", person="Wang Yi")],
                  target=[Actor(text="Kazakhstan", country="KAZ")], cameo="042",
                  when=When("2025-03-03", "2025-03-03", "day"), contexts=["diplomatic"])
    assert event_row(event_facts(event)) == event_row(event)  # a stored event's row has the names event_facts gives
    row = event_row(event, document=Document(text="...", id="d1", source="fmprc.gov.cn"))
    assert (row["source"], row["target"], row["source_name"], row["target_name"]) == ("CHNGOV", "KAZ", "Wang Yi",
                                                                                      "Kazakhstan")
    assert (row["label"], row["document"], row["publisher"], row["date"], row["quad_class"]) == (
        "Make a visit", "d1", "fmprc.gov.cn", "2025-03-03", 1)


def test_kb_import_then_code_with_the_folder_through_the_cli(tmp_path, capsys):
    dictionary = tmp_path / "test.actors"
    dictionary.write_text(ACTORS, encoding="utf-8")
    target = tmp_path / "my-kb"
    assert main(["kb", "import", str(dictionary), "--into", str(target)]) == 1  # two bad lines, reported
    out = capsys.readouterr().out
    assert f"wrote {target}/ (countries.tsv 1, officials.tsv 7)" in out
    assert sorted(p.name for p in target.iterdir()) == ["countries.tsv", "officials.tsv"]
    trade = builtin_row("contexts.tsv", "trade").split("\t")
    table(target, "contexts.tsv", "\t".join([trade[0], "commerce", trade[2]]))  # a renamed PLOVER context
    text = tmp_path / "readout.txt"
    text.write_text("President Jean Exemple met Chinese President Xi Jinping in Beijing on March 3, 2025 to discuss "
                    "trade.", encoding="utf-8")
    assert main(["code", str(text), "--knowledge", str(target), "--format", "json"]) == 0
    coded = json.loads(capsys.readouterr().out)[0]
    jean = next(a for a in coded["actors"] if a.get("person") == "Jean Exemple")
    assert (jean["country"], jean["sector"]) == ("FRA", "GOV")
    assert main(["code", str(text), "--knowledge", str(target), "--format", "plover"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    meeting = next(r for r in records if r["cameo"].startswith("04"))
    assert meeting["context"] == ["commerce"]
