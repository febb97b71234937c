"""Latency of the HTTP API on a database of the whole corpus: filtered event queries, and coding a readout of about
500 words, each over real HTTP to ``readout serve``'s app (uvicorn on 127.0.0.1, one worker).

    .venv/bin/python benchmarks/api.py --db /tmp/bench/bench.db [--rounds 20]

The database is the SQLite file that ``benchmarks/ingest.py --workdir /tmp/bench`` leaves (all of ../shared/corpus),
or any corpus database; a PostgreSQL URL too (``readout ingest /tmp/bench/coded.jsonl --db postgresql://...`` stores
the same coded file there). Searches for words and actor names use the database's search index (migration 0003).
Prints p50 and p95 per request kind (milliseconds), the first request of each kind excluded (it warms caches).
Timings on a shared machine are noisy: compare within one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from sqlalchemy import Engine

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"

QUERIES = [  # (what, route, parameters)
    ("country (CHN), first page", "/api/events", {"country": "CHN"}),
    ("dyad USA->RUS since 2022", "/api/events", {"source": "USA", "target": "RUS", "since": "2022"}),
    ("CAMEO 04 in 2021", "/api/events", {"cameo": "04", "since": "2021", "until": "2021"}),
    ("PLOVER ASSAULT", "/api/events", {"plover": "ASSAULT"}),
    ("words: sanctions", "/api/events", {"text": "sanctions"}),
    ("words: grain corridor", "/api/events", {"text": "grain corridor"}),
    ("actor: Wang Yi", "/api/events", {"actor": "Wang Yi"}),
    ("actor: Zelensky, since 2023", "/api/events", {"actor": "Zelensky", "since": "2023"}),
    ("page 20 of everything", "/api/events", {"offset": 1900}),
    ("actors named Lavrov", "/api/actors", {"name": "Lavrov"}),
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def readouts_of_about(words: int, n: int) -> list[dict]:
    """White House readouts of about ``words`` words (the closest ``n``)."""
    docs = [json.loads(line) for line in (CORPUS / "whitehouse-readouts.jsonl").open(encoding="utf-8")]
    docs.sort(key=lambda d: abs(len(d["text"].split()) - words))
    return docs[:n]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="a corpus database (a file path or URL)")
    ap.add_argument("--rounds", type=int, default=20, help="requests of each kind (default 20)")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"{CORPUS} is absent: the coding requests read ../shared/corpus", file=sys.stderr)
        return 2
    from readout.store import Corpus
    from readout.web import create_app
    from readout.web.background import serve_in_background

    corpus = Corpus(args.db)
    counts = corpus.counts()
    searched = ("FTS5 trigram tables" if corpus.search.fts else "pg_trgm indexes on lower(column)"
                if corpus.engine.dialect.name == "postgresql" and _has_trigram(corpus.engine) else "LIKE scans")
    base, server = serve_in_background(create_app(args.db))

    def timed(path: str, body: dict | None = None) -> float:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(base + path, data=data,
                                         headers={"content-type": "application/json"} if data else {})
        start = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            response.read()
            assert response.status == 200
        return (time.perf_counter() - start) * 1000

    rows = []
    every: list[float] = []
    for label, route, params in QUERIES:
        path = route + "?" + urllib.parse.urlencode({**params, "limit": 100})
        times = [timed(path) for _ in range(args.rounds + 1)][1:]
        every += times
        rows.append((label, times))
    rows.append(("all queries", every))
    texts = readouts_of_about(500, args.rounds + 1)
    words = statistics.mean(len(d["text"].split()) for d in texts)
    coding = [timed("/api/code", {"text": d["text"], "title": d.get("title", ""), "date": d.get("date")})
              for d in texts][1:]
    rows.append((f"code a readout (~{words:.0f} words)", coding))
    server.should_exit = True
    print(f"database: {args.db}  documents: {counts['documents']}  events: {counts['events']}  rounds: {args.rounds}"
          f"  words and names found by: {searched}")
    print(f"{'request':<36} {'p50 ms':>8} {'p95 ms':>8}")
    for label, times in rows:
        print(f"{label:<36} {percentile(times, 0.5):8.1f} {percentile(times, 0.95):8.1f}")
    print(f"command: .venv/bin/python benchmarks/api.py --db {args.db}"
          + (f" --rounds {args.rounds}" if args.rounds != 20 else ""))
    return 0


def _has_trigram(engine: Engine) -> bool:
    from sqlalchemy import text

    from readout.store.search import trigram_index

    with engine.connect() as conn:
        return conn.execute(text("SELECT 1 FROM pg_indexes WHERE indexname = :n"),
                            {"n": trigram_index("evidence")}).first() is not None


if __name__ == "__main__":
    sys.exit(main())
