"""Reliability under hostile input, as figures: generated and hostile inputs through the readers and the coder
(crashes, the slowest batch, peak memory); one long single-line text coded in pieces (time and peak memory per
size, to show both linear); a JSONL and a CSV file with bad lines of every kind ingested into SQLite (every good
line stored, every bad one named); kill -9 at random points of an ingest into SQLite and PostgreSQL
(benchmarks/crashes.py); the API under 50 concurrent clients (benchmarks/load.py).

    .venv/bin/python benchmarks/reliability.py                         # all parts, full counts
    .venv/bin/python benchmarks/reliability.py --part fuzz --n 100000
    .venv/bin/python benchmarks/reliability.py --part long --mb 1 4 10
    .venv/bin/python benchmarks/reliability.py --part lines --lines 10000
    .venv/bin/python benchmarks/reliability.py --part kill --kills 20
    .venv/bin/python benchmarks/reliability.py --part load --clients 50 --seconds 60

Prints a table per part and the command that made it. Each long text is coded by ``readout code --format jsonl``
in a process of its own, writing to a file, so its peak memory is its own. Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from tests.hostile import NAMES, VERBS, feed, generate  # noqa: E402


def fuzz(n: int, seed: int, long_line: int) -> None:
    from readout.coder import Coder

    coder = Coder()
    started = time.perf_counter()
    out = feed(generate(seed, n, long_line=long_line), coder)
    took = time.perf_counter() - started
    print(f"\n## generated and hostile inputs (seed {seed})\n")
    print("| inputs | coded documents | named as unreadable | crashes | slowest batch (s) | peak memory (MB) | "
          "total (s) |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {out.inputs:,} | {out.documents:,} | {out.reported:,} | {len(out.crashes)} | {out.slowest[0]:.1f} | "
          f"{out.peak_mb:,.0f} | {took:,.0f} |")
    for crash in out.crashes[:20]:
        print("crash:", crash)


def long_text(mbs: list[float], workdir: Path) -> None:
    """One single-line text of readout-like sentences per size, coded by ``readout code --format jsonl`` in a process
    of its own, its output written to a file."""
    rng = random.Random(5)
    print("\n## one long single-line text, coded in pieces\n")
    print("| size (MB) | seconds | seconds per MB | peak memory (MB) | output (MB) | events |")
    print("|---|---|---|---|---|---|")
    for mb in mbs:
        target = int(mb * 1_000_000)
        parts, size = [], 0
        while size < target:
            s = (f"{rng.choice(NAMES)} {rng.choice(VERBS)} {rng.choice(NAMES)} in Astana on "
                 f"{rng.choice(['Monday', 'May 3', 'Friday'])}, officials said.")
            parts.append(s)
            size += len(s) + 1
        path = workdir / f"long-{mb}.txt"
        path.write_text(" ".join(parts)[:target], encoding="utf-8")
        out = workdir / f"long-{mb}.jsonl"
        started = time.perf_counter()
        with out.open("wb") as sink:
            proc = subprocess.Popen([sys.executable, "-m", "readout.cli", "code", str(path), "--format", "jsonl"],
                                    stdout=sink, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory
        took = time.perf_counter() - started
        if status == 0:
            with out.open(encoding="utf-8") as f:
                events = f"{len(json.loads(f.readline())['events']):,}"
        else:
            events = f"failed: {proc.stderr.read().decode()[-200:] if proc.stderr else ''}"
        print(f"| {mb:g} | {took:,.0f} | {took / mb:,.0f} | {usage.ru_maxrss / 1024:,.0f} | "
              f"{out.stat().st_size / 1e6:,.0f} | {events} |")
        out.unlink()


def bad_lines(n: int, workdir: Path) -> None:
    """A JSONL and a CSV file of ``n`` lines, one in ten bad in one of many ways, ingested into SQLite."""
    from readout.coder import Coder
    from readout.store import Corpus
    from readout.store.ingest import ingest

    coder = Coder()
    rng = random.Random(11)
    bad_kinds = ["broken JSON", "not an object", "no text", "empty text", "text not a string", "impossible date",
                 "invalid UTF-8", "NUL bytes", "deep nesting", "title an object"]
    print("\n## files with bad lines, ingested into SQLite\n")
    print("| file | lines | good | stored | bad | named | warnings (date) | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for kind in ("jsonl", "csv"):
        good, bad, dated = set(), set(), set()
        lines: list[bytes] = []
        for i in range(1, n + 1):
            text = f"{rng.choice(NAMES)} {rng.choice(VERBS)} {rng.choice(NAMES)} in Astana. ({i})"
            doc_id = f"d{i}"
            flaw = rng.choice(bad_kinds) if i % 10 == 0 else None
            if kind == "jsonl":
                record: object = {"id": doc_id, "text": text, "date": "2024-05-01"}
                raw = json.dumps(record).encode()
                if flaw == "broken JSON":
                    raw = raw[:-5]
                elif flaw == "not an object":
                    raw = json.dumps([doc_id, text]).encode()
                elif flaw == "no text":
                    raw = json.dumps({"id": doc_id}).encode()
                elif flaw == "empty text":
                    raw = json.dumps({"id": doc_id, "text": "  "}).encode()
                elif flaw == "text not a string":
                    raw = json.dumps({"id": doc_id, "text": 42}).encode()
                elif flaw == "impossible date":
                    raw = json.dumps({"id": doc_id, "text": text, "date": "2022-13-45"}).encode()
                elif flaw == "invalid UTF-8":
                    raw = raw.replace(b"Astana", b"Ast\xff\xfena")
                elif flaw == "NUL bytes":
                    raw = b"\x00" * 20
                elif flaw == "deep nesting":
                    raw = b"[" * 100_000
                elif flaw == "title an object":
                    raw = json.dumps({"id": doc_id, "text": text, "title": {"x": 1}}).encode()
            else:
                buf = io.StringIO()
                csv.writer(buf, lineterminator="").writerow([doc_id, "2024-05-01", text])
                raw = buf.getvalue().encode()
                if flaw in ("no text", "empty text", "text not a string", "NUL bytes", "not an object"):
                    raw = f"{doc_id},2024-05-01,".encode()
                elif flaw == "impossible date":
                    raw = f"{doc_id},2022-13-45,\"{text}\"".encode()
                elif flaw == "invalid UTF-8":
                    raw = raw.replace(b"Astana", b"Ast\xff\xfena")
                elif flaw is not None:
                    flaw = None  # broken JSON and nesting are JSONL's; this line stays good
            lines.append(raw)
            if flaw is None:
                good.add(doc_id)
            elif flaw == "impossible date":
                good.add(doc_id)
                dated.add(i)
            else:
                bad.add(i + (1 if kind == "csv" else 0))  # the CSV header is line 1
        path = workdir / f"lines.{kind}"
        head = b"id,date,text\n" if kind == "csv" else b""
        path.write_bytes(head + b"\n".join(lines) + b"\n")
        named: list = []
        db = workdir / f"lines-{kind}.db"
        db.unlink(missing_ok=True)
        started = time.perf_counter()
        ingest([str(path)], str(db), coder=coder, chunk=256, on_error=named.append)
        took = time.perf_counter() - started
        with Corpus(str(db)) as corpus:
            stored = {d["document"] for d in corpus.documents(limit=n + 10)[1]}
        named = [str(x) for x in named]
        named_lines = {int(x.split(":")[1]) for x in named if x.startswith(str(path) + ":")
                       and x.split(":")[1].isdigit() and "unreadable date" not in x}
        warned = {int(x.split(":")[1]) for x in named if "unreadable date" in x}
        ok = stored == good and named_lines == bad
        print(f"| {kind} | {n:,} | {len(good):,} | {len(stored & good):,}{'' if ok else ' (MISMATCH)'} | "
              f"{len(bad):,} | {len(named_lines & bad):,} | {len(warned):,} | {took:,.0f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=("fuzz", "long", "lines", "kill", "load", "all"), default="all")
    ap.add_argument("--n", type=int, default=100_000, help="generated inputs (fuzz)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--long-line", type=int, default=10_000_000, help="characters of the fuzz's one long line")
    ap.add_argument("--mb", type=float, nargs="+", default=[1, 4, 10, 50], help="sizes of the long texts (MB)")
    ap.add_argument("--lines", type=int, default=10_000)
    ap.add_argument("--kills", type=int, default=20, help="kill points per database (kill)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent API clients (load)")
    ap.add_argument("--seconds", type=float, default=60, help="how long the clients send (load)")
    args = ap.parse_args()
    print("command: .venv/bin/python benchmarks/reliability.py " + " ".join(sys.argv[1:]))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.part in ("lines", "all"):
            bad_lines(args.lines, work)
        if args.part in ("long", "all"):
            long_text(args.mb, work)
        if args.part in ("kill", "all"):
            from crashes import kill_points

            kill_points(args.kills, 24, None, 3, work)
        if args.part in ("load", "all"):
            from load import load

            load(args.clients, args.seconds, None, 300, args.seed, work)
        if args.part in ("fuzz", "all"):
            fuzz(args.n, args.seed, args.long_line)


if __name__ == "__main__":
    main()
