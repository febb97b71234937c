"""The command line, end to end with the real pipeline: formats, options, and bad input that must not stop a run."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest

from readout import __version__
from readout.cli import main
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "readout-helsinki-2024-05-16.txt"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"readout {__version__}"


@pytest.mark.parametrize("command", ["code", "eval"])
def test_help_has_examples(command):
    done = subprocess.run([sys.executable, "-m", "readout.cli", command, "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "examples:" in done.stdout and f"readout {command}" in done.stdout


def test_table_shows_events_with_evidence(capsys):
    code, out, err = run(capsys, "code", str(EXAMPLE))
    assert code == 0, err
    assert "date 2024-05-16" in out
    assert "044 Meet at" in out and "Helsinki, FIN" in out
    assert "DZA" in out and "BRA" in out
    assert "DZAGOV (Ahmed Attaf)" in out and "<-> BRAGOV (Mauro Vieira)" in out
    assert "On May 16, 2024, Foreign" in out  # the evidence column


def test_json_is_the_records(capsys):
    from readout.records import CodedDocument

    code, out, _ = run(capsys, "code", str(EXAMPLE), "--format", "json")
    assert code == 0
    docs = [CodedDocument.from_dict(d) for d in json.loads(out)]
    assert len(docs) == 1 and docs[0].events
    assert docs[0].pipeline.startswith("en_")


def test_plover_lines_have_the_manual_fields(capsys):
    code, out, _ = run(capsys, "code", str(EXAMPLE), "--format", "plover")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records
    for r in records:
        assert {"id", "date", "actor", "recipient", "event", "quad_code"} <= set(r)
        # one shape with `readout export --format plover-jsonl`: a list of the documents that report the event
        assert isinstance(r["cite_info"], list) and len(r["cite_info"]) == 1 and "doc_id" in r["cite_info"][0]
    consult = [r for r in records if r["event"] == ["CONSULT"] and r["mode"] == ["third-party"]]
    assert consult and consult[0]["event_loc"]["country"] == "FIN"


def test_date_option_and_stdin(capsys, monkeypatch):
    import io

    text = "President Joe Biden spoke by phone with President Emmanuel Macron of France yesterday."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, _ = run(capsys, "code", "-", "--date", "2021-09-22", "--format", "jsonl")
    assert code == 0
    doc = json.loads(out)
    calls = [e for e in doc["events"] if e["cameo"] == "041"]
    assert calls and calls[0]["when"]["start"] == "2021-09-21"


def test_bad_date_option_is_one_clear_line(capsys):
    code, _, err = run(capsys, "code", str(EXAMPLE), "--date", "someday")
    assert code == 2
    assert err.strip().count("\n") == 0 and "someday" in err


def write_jsonl(path, n, bad_at=None):
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(1, n + 1):
            if i == bad_at:
                fh.write('{"id": "broken", "text": "President Biden met \n')
            else:
                text = f"President Joe Biden met with Prime Minister Yoshihide Suga of Japan. {i}"
                fh.write(json.dumps({"id": f"d{i}", "date": "2021-03-01", "text": text}) + "\n")


def test_malformed_jsonl_line_is_reported_and_the_rest_coded(tmp_path, capsys):
    path = tmp_path / "docs.jsonl"
    write_jsonl(path, 5, bad_at=3)
    code, out, err = run(capsys, "code", str(path), "--format", "jsonl")
    assert code == 1
    assert err.strip() == f"readout: error: {path}:3: invalid JSON at column 26: Unterminated string starting at"
    ids = [json.loads(line)["document"]["id"] for line in out.splitlines()]
    assert ids == ["d1", "d2", "d4", "d5"]


def test_empty_binary_and_undecodable_files(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le ministre a rencontr\xe9 son homologue.".encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text("President Joe Biden met with Prime Minister Yoshihide Suga of Japan at the White House.")
    code, out, err = run(capsys, "code", str(empty), str(binary), str(latin), str(good), "--date", "2021-04-16",
                         "--format", "jsonl")
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert lines[0] == f"readout: error: {empty}: empty file: no text to code"
    assert lines[1].startswith(f"readout: error: {binary}: binary data")
    assert lines[2].startswith(f"readout: error: {latin}: not utf-8 text: byte 0xe9 at offset 22")
    coded = [json.loads(line) for line in out.splitlines()]
    assert [c["document"]["id"] for c in coded] == ["good"]
    assert any(e["cameo"] in ("042", "043") for e in coded[0]["events"])


def test_encoding_option_reads_other_encodings(tmp_path, capsys):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("President Joe Biden met with President Emmanuel Macron of France in Rome.".encode("latin-1"))
    code, out, err = run(capsys, "code", str(latin), "--encoding", "latin-1", "--format", "jsonl", "--date",
                         "2021-10-29")
    assert code == 0, err
    assert json.loads(out)["events"]


def test_unknown_date_in_a_record_is_a_warning(tmp_path, capsys):
    path = tmp_path / "d.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a", "date": "the ides of March", "text": "Russia condemned Ukraine."}) + "\n")
        fh.write(json.dumps({"id": "b", "date": "March 3, 2022", "text": "Russia condemned Ukraine."}) + "\n")
    code, out, err = run(capsys, "code", str(path), "--format", "jsonl")
    assert code == 0
    assert f"{path}:1: unreadable date 'the ides of March'" in err and err.startswith("readout: warning:")
    docs = [json.loads(line) for line in out.splitlines()]
    assert [d["document"]["date"] for d in docs] == [None, "2022-03-03"]


def test_missing_file(tmp_path, capsys):
    code, _, err = run(capsys, "code", str(tmp_path / "nope.txt"))
    assert code == 1 and "no such file" in err
