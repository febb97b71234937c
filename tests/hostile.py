"""Generated and hostile inputs for the reliability checks (``tests/test_reliability.py`` runs a few hundred,
``benchmarks/reliability.py`` a hundred thousand): random Unicode, control and zero-width characters, right-to-left
text, nested and broken HTML, mixed encodings, broken and deep JSON, binary bytes, and readout-like sentences with
all of these inside names. Each input is ``(kind, suffix, bytes)``; the same seed gives the same inputs.

``feed(inputs, coder)`` puts them through the readers and the coder as a user's files would go, and counts what
happened: documents coded, records reported (with the file), and crashes (an exception escaping readout)."""

from __future__ import annotations

import json
import random
import resource
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
CONTROL = "".join(chr(c) for c in range(0, 32)) + "\x7f\u0085\u2028\u2029"
RTL = "\u202e\u202b\u200f\u061c"
ARABIC = "وزير الخارجية الصيني وانغ يي التقى نظيره في أستانا"
HEBREW = "שר החוץ נפגש עם עמיתו בירושלים"
NAMES = ["Wang Yi", "Sergey Lavrov", "Emmanuel Macron", "Volodymyr Zelenskyy", "Murat Nurtleu", "the Chinese side",
         "Kazakhstan", "the European Union", "Russian forces", "riot police", "the United Nations", "Hamas"]
VERBS = ["met", "called", "condemned", "attacked", "signed an agreement with", "hosted", "urged", "accused",
         "threatened", "praised", "imposed sanctions on", "visited"]
TAGS = ["div", "p", "span", "b", "table", "tr", "td", "ul", "li", "article", "section", "font", "a"]
HOSTILE_MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
                  "<style>body{background:url(javascript:alert(1))}</style>", "<svg onload=alert(1)>",
                  "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>", "<!--", "]]>", "<![CDATA[",
                  "&#x0;", "&amp;&lt;&gt;&quot;", "&#1114112;", "&nosuchentity;"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(NAMES)} {rng.choice(VERBS)} {rng.choice(NAMES)} in Astana on Monday."


def random_unicode(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        plane = rng.random()
        if plane < 0.5:
            c = rng.randint(0x20, 0x7E)
        elif plane < 0.8:
            c = rng.randint(0xA0, 0xFFFF)
        else:
            c = rng.randint(0x10000, 0x10FFFF)
        if 0xD800 <= c <= 0xDFFF:  # a lone surrogate cannot be written in UTF-8
            c = 0xFFFD
        out.append(chr(c))
    return "".join(out)


def sprinkle(rng: random.Random, text: str, chars: str, rate: float = 0.1) -> str:
    return "".join(ch + (rng.choice(chars) if rng.random() < rate else "") for ch in text)


def nested_html(rng: random.Random, depth: int) -> str:
    tags = [rng.choice(TAGS) for _ in range(depth)]
    inner = " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))
    closing = "".join(f"</{t}>" for t in reversed(tags)) if rng.random() < 0.5 else ""  # unclosed half the time
    title = "".join(rng.choice(HOSTILE_MARKUP) for _ in range(3))
    return (f"<!doctype html><html><head><title>{title}</title></head><body>"
            + "".join(f"<{t} onclick=\"alert(1)\">" for t in tags) + rng.choice(HOSTILE_MARKUP) + inner + closing)


def _jsonl(rng: random.Random) -> bytes:
    records = []
    for _ in range(rng.randint(1, 5)):
        kind = rng.randrange(8)
        if kind == 0:
            records.append(json.dumps({"id": str(rng.random()), "text": sentence(rng), "date": "2024-02-30"}))
        elif kind == 1:
            records.append(json.dumps({"text": [sentence(rng)], "date": 20240101}))
        elif kind == 2:
            records.append("[" * rng.randint(1, 5000) + "]" * rng.randint(0, 5000))  # deep nesting
        elif kind == 3:
            records.append(json.dumps({"text": sentence(rng)})[: rng.randint(1, 30)])  # cut short
        elif kind == 4:
            records.append(json.dumps({"text": random_unicode(rng, rng.randint(1, 400)), "title": {"a": 1}}))
        elif kind == 5:
            records.append(json.dumps({"id": None, "text": sprinkle(rng, sentence(rng), ZERO_WIDTH + RTL),
                                       "date": rng.choice(["yesterday", "13/13/2024", "", "2024", "0000-00-00"])}))
        elif kind == 6:
            records.append("\x00" * rng.randint(1, 50))
        else:
            records.append(json.dumps({"text": sentence(rng), "date": "2024-05-01", "meta": {"x": [1e308, -0.0]}}))
    return "\n".join(records).encode("utf-8", "surrogatepass")


def _csv(rng: random.Random) -> bytes:
    rows = ["id,date,text"]
    for i in range(rng.randint(1, 6)):
        text = sentence(rng).replace("Astana", rng.choice(["\"Astana, \"\"Kazakhstan\"\"\"", "Astana\n", "\x00"]))
        rows.append(rng.choice([f"{i},2024-01-0{i % 9 + 1},\"{text}\"", f"{i},,", f"{i},\"unclosed", "", ",,,,,,"]))
    return "\n".join(rows).encode("utf-8")


def generate(seed: int, n: int, long_line: int = 0) -> Iterator[tuple[str, str, bytes]]:
    """``n`` inputs from ``seed``; with ``long_line`` (characters), one more: a single line that long of readout
    sentences run together with junk."""
    rng = random.Random(seed)
    for _ in range(n):
        kind = rng.choice(["unicode", "control", "rtl", "html", "encoding", "jsonl", "csv", "binary", "sentences",
                           "empty"])
        if kind == "unicode":
            yield kind, ".txt", random_unicode(rng, rng.randint(1, 3000)).encode("utf-8")
        elif kind == "control":
            yield kind, ".txt", sprinkle(rng, " ".join(sentence(rng) for _ in range(3)), CONTROL + ZERO_WIDTH,
                                         0.3).encode("utf-8")
        elif kind == "rtl":
            text = f"{RTL[0]}{sentence(rng)} {ARABIC} {RTL[1]}{HEBREW} {sprinkle(rng, sentence(rng), RTL, 0.2)}"
            yield kind, ".txt", text.encode("utf-8")
        elif kind == "html":
            yield kind, rng.choice([".html", ".xml", ".rss"]), nested_html(rng, rng.choice([1, 10, 200, 3000])).encode()
        elif kind == "encoding":
            text = sentence(rng) + " “Zelenskyy” – café "
            data = rng.choice([text.encode("utf-16"), text.encode("cp1252", "replace"),
                               text.encode("latin-1", "replace"), text.encode("utf-8") + "Müller".encode("latin-1"),
                               b"\xef\xbb\xbf" + text.encode()])
            yield kind, ".txt", data
        elif kind == "jsonl":
            yield kind, ".jsonl", _jsonl(rng)
        elif kind == "csv":
            yield kind, ".csv", _csv(rng)
        elif kind == "binary":
            yield kind, rng.choice([".txt", ".jsonl", ".html", ".csv", ".gz"]), rng.randbytes(rng.randint(1, 5000))
        elif kind == "sentences":
            text = " ".join(sprinkle(rng, sentence(rng), ZERO_WIDTH, 0.05) for _ in range(rng.randint(1, 60)))
            yield kind, ".txt", text.encode("utf-8")
        else:
            yield kind, ".txt", rng.choice([b"", b" ", b"\n\n\n", b"\t"])
    if long_line:
        parts: list[str] = []
        size = 0
        while size < long_line:
            piece = rng.choice([sentence(rng), random_unicode(rng, 200), ARABIC, "<b>" * 50, ZERO_WIDTH * 20])
            parts.append(piece)
            size += len(piece) + 1
        yield "long-line", ".txt", " ".join(parts)[:long_line].encode("utf-8")


@dataclass
class Outcome:
    inputs: int = 0
    documents: int = 0  # coded
    reported: int = 0  # records and files readout named as unreadable (errors and warnings)
    crashes: list[str] = field(default_factory=list)  # "kind: exception" for every exception that escaped
    slowest: tuple[float, str] = (0.0, "")  # seconds, kind: the slowest batch of inputs
    peak_mb: float = 0.0


def feed(inputs: Iterator[tuple[str, str, bytes]], coder, batch: int = 200) -> Outcome:
    """Every input written to a file and read and coded as ``readout code`` would; exceptions are counted as
    crashes (the input that raised is found by coding the batch one input at a time)."""
    out = Outcome()
    with tempfile.TemporaryDirectory() as tmp:
        pending: list[tuple[str, Path]] = []
        for n, (kind, suffix, data) in enumerate(inputs):
            path = Path(tmp) / f"input-{n}{suffix}"
            path.write_bytes(data)
            pending.append((kind, path))
            out.inputs += 1
            if len(pending) >= batch:
                _run(pending, coder, out)
                pending = []
        if pending:
            _run(pending, coder, out)
    out.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _documents(kind: str, path: Path, out: Outcome) -> list:
    from readout.errors import InputError
    from readout.formats.readers import read

    docs = []
    try:
        for item in read(str(path)):
            if isinstance(item, InputError):
                out.reported += 1
            else:
                docs.append(item)
    except Exception as err:  # noqa: BLE001 - whatever escapes the reader is what we count
        out.crashes.append(f"{kind} (reading {path.name}): {type(err).__name__}: {err}"[:300])
        return []
    return docs


def _run(pending: list[tuple[str, Path]], coder, out: Outcome) -> None:
    started = time.perf_counter()
    docs = [(kind, d) for kind, path in pending for d in _documents(kind, path, out)]
    try:
        out.documents += sum(1 for _ in coder.code_many([d for _, d in docs]))
    except Exception:  # noqa: BLE001 - find which input raised
        for kind, d in docs:
            try:
                coder.code_many([d]).__next__()
                out.documents += 1
            except Exception as err:  # noqa: BLE001
                out.crashes.append(f"{kind}: {type(err).__name__}: {err} {traceback.format_exc(limit=-1)}"[:400])
    took = time.perf_counter() - started
    if took > out.slowest[0]:
        out.slowest = (took, ",".join(sorted({k for k, _ in pending})))
