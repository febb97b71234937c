"""The HTTP API under many concurrent clients on 127.0.0.1: ``readout serve`` in a process of its own, 50 client
threads each on its own keep-alive connection for a bounded time, sending a seeded mix of reading queries (events
with filters, a document with its evidence, actors, dyads, the network), coding requests, malformed queries,
SQL-injection strings in every filter, oversized bodies and broken bodies.

    .venv/bin/python benchmarks/load.py [--clients 50] [--seconds 60] [--db DB | --docs 300]

Without ``--db`` the first ``--docs`` White House readouts of ../shared/corpus are ingested into a fresh SQLite file.
Prints, per kind of request, the count, the statuses answered and p50/p95/p99 latency (ms), then the 5xx count and
every answer outside the statuses its kind may give (a 413 for an oversized body; a 422 or 400 with a message for a
bad query or body; 200 or 422 for injection strings; never a 5xx). Also run by ``benchmarks/reliability.py --part
load``. Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.load import TEXT, hammer, percentile  # noqa: E402

CORPUS = HERE.parent.parent / "shared" / "corpus" / "whitehouse-readouts.jsonl"


def load(clients: int, seconds: float, db: str | None, docs: int, seed: int, workdir: Path) -> None:
    from readout.store import Corpus

    if db is None:
        if not CORPUS.exists():
            print(f"{CORPUS} is absent: give --db, a corpus database", file=sys.stderr)
            return
        from readout.store.ingest import ingest

        lines = CORPUS.read_text(encoding="utf-8").splitlines()[:docs]
        src = workdir / "docs.jsonl"
        src.write_text("\n".join(lines) + "\n", encoding="utf-8")
        db = str(workdir / "load.db")
        ingest([str(src)], db, chunk=64)
    with Corpus(db, create=False) as corpus:
        keys = [d["document"] for d in corpus.documents(limit=200)[1]]
        counts = corpus.counts()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "readout.cli", "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, server)
        started = time.perf_counter()  # the first coding request builds the coder: timed apart, as the cold start
        urllib.request.urlopen(urllib.request.Request(base + "/api/code", data=json.dumps({"text": TEXT}).encode(),
                                                      headers={"content-type": "application/json"}), timeout=300)
        cold = time.perf_counter() - started
        out = hammer(base, clients, seconds, seed, keys)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\n## the API under {clients} concurrent clients for {seconds:g} s (seed {seed})\n")
    print(f"database: {counts['documents']:,} documents, {counts['events']:,} events; {out.requests:,} requests, "
          f"{out.requests / out.seconds:,.0f} per second; the first coding request (it loads the coder) took "
          f"{cold:.1f} s before the clients started\n")
    print("| request | count | statuses | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|")
    every: list[float] = []
    for kind, times in sorted(out.latencies.items(), key=lambda kv: -len(kv[1])):
        every += times
        statuses = ", ".join(f"{status}: {n:,}" for (k, status), n in sorted(out.statuses.items()) if k == kind)
        print(f"| {kind} | {len(times):,} | {statuses} | {percentile(times, 0.5):,.0f} | "
              f"{percentile(times, 0.95):,.0f} | {percentile(times, 0.99):,.0f} |")
    print(f"| all | {len(every):,} | 5xx: {out.server_errors()} | {percentile(every, 0.5):,.0f} | "
          f"{percentile(every, 0.95):,.0f} | {percentile(every, 0.99):,.0f} |")
    print(f"\nanswers outside what their kind may give: {len(out.unexpected)}")
    for kind, path, status, body in out.unexpected[:20]:
        print(f"  {kind} {path} -> {status} {body!r}")


def _wait(base: str, server: subprocess.Popen) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit("readout serve ended: " + server.stderr.read().decode()[-500:])
        try:
            json.load(urllib.request.urlopen(base + "/api/health", timeout=5))
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("readout serve did not answer in 60 s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--db", help="a corpus database (default: a fresh one of --docs White House readouts)")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print("command: .venv/bin/python benchmarks/load.py " + " ".join(sys.argv[1:]))
    with tempfile.TemporaryDirectory() as tmp:
        load(args.clients, args.seconds, args.db, args.docs, args.seed, Path(tmp))


if __name__ == "__main__":
    main()
