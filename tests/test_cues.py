"""Every cue kind and code group the coder reads exists in the tables: a missing cue is an empty set, which would
quietly change what the coder does, and a missing group is an error only when a rule first reads it."""

from __future__ import annotations

import re
from pathlib import Path

from readout.knowledge import load
from readout.ontology import cameo

NLP = Path(__file__).resolve().parents[1] / "src" / "readout"


def named(call: str) -> set[str]:
    """The string literals passed to ``call("...")`` anywhere in the package's source."""
    pattern = re.compile(re.escape(call) + r"\(\s*\"([a-z_]+)\"")
    return {m for path in NLP.rglob("*.py") for m in pattern.findall(path.read_text(encoding="utf-8"))}


def test_every_cue_the_code_reads_is_in_cues_tsv():
    read = named("cue") | named("_cue")
    assert {"speech", "honorific", "directional", "ground_prep", "motion_verb"} <= read
    missing = sorted(read - set(load().cues))
    assert not missing, f"cues the code reads that cues.tsv lacks: {missing}"


def test_every_cue_is_a_set_of_words():
    for kind, words in load().cues.items():
        assert words, kind
        assert all(w == w.strip() and w for w in words), kind


def test_every_code_group_the_code_reads_is_in_groups_tsv():
    read = named("group")
    assert {"judging", "appeals", "patient"} <= read
    missing = sorted(read - set(cameo.groups()))
    assert not missing, f"code groups the code reads that groups.tsv lacks: {missing}"


def test_one_row_a_cue_kind_and_an_id_a_row():
    from readout.knowledge import read_table

    rows = read_table("cues.tsv")
    for column in ("id", "kind"):
        values = [r[column] for r in rows]
        assert len(values) == len(set(values)), column
