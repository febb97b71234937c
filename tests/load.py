"""Many clients at once against the HTTP API: a seeded mix of reading queries, coding requests, malformed queries,
SQL-injection strings in every filter, oversized and broken bodies, each with the statuses it may answer. Shared by
tests/test_api_load.py (a few clients, a few seconds, in CI) and benchmarks/load.py (50 clients)."""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field

INJECTIONS = ["' OR '1'='1", "1; DROP TABLE events; --", "%' UNION SELECT * FROM documents --", "\\'; --",
              "Robert'); DELETE FROM actors;--", "%%%", "_", "\x00", "' AND SLEEP(5) --", "\" OR \"\"=\""]
FILTERS = ["actor", "country", "cameo", "plover", "since", "until", "text", "modality", "document"]
MALFORMED = ["/api/events?since=2022-13-45", "/api/events?limit=-5", "/api/events?limit=abc",
             "/api/events?cameo=999", "/api/events?plover=NOT_A_TYPE", "/api/events?source=USA",
             "/api/events?format=xml", "/api/dyads/USA/RUS?by=week", "/api/network?min_events=0",
             "/api/documents?offset=-1", "/api/events?modality=maybe", "/api/events?country=ZZZQ"]
READS = ["/api/events?limit=100", "/api/events?country={c}", "/api/events?source={c}&target={d}",
         "/api/events?cameo=04&limit=50", "/api/events?plover=CONSULT", "/api/events?text=minister",
         "/api/actors?name=minister", "/api/documents?q=cooperation", "/api/dyads/{c}/{d}?both=true",
         "/api/network", "/api/events?offset=200&limit=100", "/api/health"]
COUNTRIES = ["CHN", "RUS", "USA", "KAZ", "UKR", "IND", "FRA"]
TEXT = ("Foreign Minister Wang Yi met Kazakh Foreign Minister Murat Nurtleu in Astana on Monday. The two sides "
        "agreed to expand cooperation on trade and energy, and signed a memorandum on transport links.")


@dataclass
class Request:
    kind: str
    method: str
    path: str
    body: bytes | None = None
    expect: frozenset = frozenset({200})


@dataclass
class Outcome:
    requests: int = 0
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)  # (kind, status) -> count
    latencies: dict = field(default_factory=dict)  # kind -> [ms]
    unexpected: list = field(default_factory=list)  # (kind, path, status, body head)

    def server_errors(self) -> int:
        return sum(n for (_, status), n in self.statuses.items() if status >= 500)


def mix(rng: random.Random, documents: list[str], oversized: int) -> Request:
    """One request of the mix: most read, some code a text, the rest are bad in one way each."""
    roll = rng.random()
    c, d = rng.sample(COUNTRIES, 2)
    if roll < 0.55:
        return Request("read", "GET", rng.choice(READS).format(c=c, d=d))
    if roll < 0.65 and documents:
        return Request("read", "GET", "/api/documents/" + urllib.parse.quote(rng.choice(documents), safe=""))
    if roll < 0.72:
        return Request("code", "POST", "/api/code", json.dumps({"text": TEXT, "date": "2024-05-06"}).encode())
    if roll < 0.84:
        where = rng.choice(["/api/events", "/api/actors", "/api/documents"])
        key = rng.choice(FILTERS) if where == "/api/events" else ("name" if where == "/api/actors" else "q")
        query = urllib.parse.urlencode({key: rng.choice(INJECTIONS)})
        return Request("injection", "GET", f"{where}?{query}", expect=frozenset({200, 422}))
    if roll < 0.95:
        return Request("malformed", "GET", rng.choice(MALFORMED), expect=frozenset({422}))
    if roll < 0.975:
        body = json.dumps({"text": "x" * oversized}).encode()
        return Request("oversized", "POST", "/api/code", body, expect=frozenset({413}))
    broken = rng.choice([b'{"text": "Wang Yi met', b"[1, 2, 3]", b'{"text": 42}', b'{"date": "2024-01-01"}',
                         b'{"text": "Lavrov met Wang Yi.", "date": "2022-13-45"}', b"\xff\xfe\x00"])
    return Request("broken body", "POST", "/api/code", broken, expect=frozenset({400, 422}))


def send(conn: http.client.HTTPConnection, req: Request) -> tuple[int, bytes]:
    headers = {"content-type": "application/json"} if req.body is not None else {}
    conn.request(req.method, req.path, body=req.body, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def hammer(base: str, clients: int, seconds: float, seed: int, documents: list[str],
           oversized: int = 6_000_000) -> Outcome:
    """``clients`` threads, each on its own keep-alive connection, sending the mix for ``seconds``."""
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    out = Outcome()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        conn = http.client.HTTPConnection(host, port, timeout=120)
        while time.monotonic() < deadline:
            req = mix(rng, documents, oversized)
            start = time.perf_counter()
            try:
                status, body = send(conn, req)
            except (OSError, http.client.HTTPException) as err:  # the server closed the connection
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=120)
                status, body = 0, str(err).encode()
            ms = (time.perf_counter() - start) * 1000
            ok = status in req.expect and (status == 200 or _has_detail(body))
            with lock:
                out.requests += 1
                out.statuses[req.kind, status] += 1
                out.latencies.setdefault(req.kind, []).append(ms)
                if not ok:
                    out.unexpected.append((req.kind, req.path[:80], status, body[:120]))
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.seconds = time.perf_counter() - started
    return out


def _has_detail(body: bytes) -> bool:
    """An error answer carries a message: {"detail": "..."} (or FastAPI's list of what failed)."""
    try:
        return bool(json.loads(body).get("detail"))
    except (ValueError, AttributeError):
        return False


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))] if ordered else float("nan")
