"""Hostile input through the real readers and coder (a fast subset of ``benchmarks/reliability.py``): generated
random Unicode, control and zero-width characters, right-to-left text, nested and broken HTML, mixed encodings,
broken and deeply nested JSON and binary bytes never make an exception escape; each is coded or named. The bugs the
generator found once stay found: a record whose title is an object, JSON nested thousands deep, a feed with a
character reference beyond Unicode."""

from __future__ import annotations

import json

from readout.cli import main
from tests.hostile import feed, generate


def test_generated_hostile_inputs_never_crash_the_reader_or_the_coder(coder):
    outcome = feed(generate(seed=18, n=300), coder)
    assert outcome.crashes == []
    assert outcome.inputs == 300 and outcome.documents > 50 and outcome.reported > 50


def test_a_long_line_of_junk_and_sentences_is_coded(coder):
    outcome = feed(generate(seed=7, n=0, long_line=120_000), coder)
    assert outcome.crashes == [] and outcome.documents == 1


def test_records_the_generator_once_broke_are_named_and_the_rest_coded(tmp_path, capsys):
    path = tmp_path / "odd.jsonl"
    good = {"id": "good", "text": "Wang Yi met Sergey Lavrov in Moscow on Monday.", "date": "2024-05-01"}
    path.write_text("\n".join([json.dumps({"id": "t", "text": good["text"], "title": {"a": 1}}),
                               "[" * 50_000, json.dumps({"id": 7, "text": good["text"], "source": 3}),
                               json.dumps(good)]) + "\n", encoding="utf-8")
    rc = main(["code", str(path), "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert rc == 1
    assert [json.loads(x)["document"]["id"] for x in out.splitlines()] == ["7", "good"]
    assert f"{path}:1: cannot make a document of this record: \"title\" must be a string, not dict" in err
    assert f"{path}:2: JSON nested too deeply to read" in err
    feed_path = tmp_path / "feed.rss"
    feed_path.write_text("<rss><channel><item><title>&#1114112;</title><description>Wang Yi met Sergey Lavrov."
                         "</description></item></channel></rss>", encoding="utf-8")
    rc = main(["code", str(feed_path)])
    assert rc == 1 and f"{feed_path}: the feed cannot be parsed" in capsys.readouterr().err
