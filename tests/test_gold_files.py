"""The gold files are sound: every document is found in ../shared/corpus, every evidence is a quotation of its
document, every code is a CAMEO code, every PLOVER type the one the crosswalk gives, every modality a known one.
The frozen test split (``test.jsonl``) is checked here for form only; it is scored, never read for the coder's
errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from readout.evaluate import read_gold
from readout.ontology import cameo
from readout.records import MODALITIES
from tests.conftest import need_shared

GOLD = Path(__file__).parent / "gold"


@pytest.mark.parametrize("name", ["dev.jsonl", "dev2.jsonl", "dev3.jsonl", "test.jsonl", "test-a.jsonl",
                                  "test-b.jsonl"])
def test_every_gold_event_quotes_its_document_and_names_real_codes(name):
    need_shared("corpus")
    docs = list(read_gold(GOLD / name))
    assert docs and all(hasattr(d, "text") for d in docs), [str(d) for d in docs if not hasattr(d, "text")][:3]
    codes = cameo.codes()
    events = 0
    for d in docs:
        for e in d.events or []:
            events += 1
            assert e["evidence"] in d.text or e["evidence"] in d.title, (d.id, e["evidence"])
            assert e["cameo"] in codes, (d.id, e["cameo"])
            assert e["modality"] in MODALITIES, (d.id, e["modality"])
            assert e.get("plover") in (cameo.plover_type(e["cameo"]), None), (d.id, e["cameo"], e.get("plover"))
    assert events >= 40


def test_the_frozen_test_split_is_annotated_twice_and_shares_no_document_with_the_dev_gold():
    # (dev2.jsonl, dev3.jsonl: later documents read for the coder's errors like dev.jsonl)
    need_shared("corpus")
    dev = {d.id for name in ("dev.jsonl", "dev2.jsonl", "dev3.jsonl") for d in read_gold(GOLD / name)}
    test = [d.id for d in read_gold(GOLD / "test.jsonl")]
    assert len(test) == 42 and not dev & set(test)
    assert {d.corpus for d in read_gold(GOLD / "test.jsonl")} >= {"whitehouse-other.jsonl.gz", "kremlin-news.jsonl"}
    for name in ("test-a.jsonl", "test-b.jsonl"):  # the two annotations the adjudicated split was made from
        assert [d.id for d in read_gold(GOLD / name)] == test
