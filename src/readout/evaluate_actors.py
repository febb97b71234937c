"""Scoring actor resolution against gold actor mentions.

A gold line may carry ``actors``: mentions as they stand in the document's text (``text``, and ``n``, which occurrence
of that string), each with the ``country``, ``sector``, ``person`` and ``role`` an expert gave it. Each gold mention
is matched to the coded actor mention whose span overlaps it most; a gold mention with no coded mention over it
counts as wrong on every field. Scored as accuracies over the gold mentions: country, sector, and person with role
(over the mentions that name a person). A person matches across spellings and short forms; a role matches the same
office named more or less fully ("President" / "President of the European Council"; see ``same_role``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from readout.knowledge import KnowledgeBase
from readout.nlp.text import ascii_fold
from readout.records import Actor, CodedDocument

FIELDS = ("found", "country", "sector", "person+role")


@dataclass
class ActorScores:
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[tuple[str, str, dict, dict | None]] = field(default_factory=list)  # doc, field, gold, coded
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # gold mentions not found in their text

    def accuracy(self, name: str) -> float:
        return self.correct[name] / self.totals[name] if self.totals[name] else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {name: {"accuracy": round(self.accuracy(name), 4), "correct": self.correct[name],
                       "total": self.totals[name]} for name in FIELDS}


def locate(text: str, mention: str, n: int) -> tuple[int, int] | None:
    """The span of the n-th occurrence (1-based) of ``mention`` in ``text``."""
    start = -1
    for _ in range(max(1, n)):
        start = text.find(mention, start + 1)
        if start < 0:
            return None
    return start, start + len(mention)


def best_overlap(span: tuple[int, int], actors: list[Actor]) -> Actor | None:
    best, best_key = None, (0, 0)
    for a in actors:
        if a.span is None:
            continue
        overlap = min(span[1], a.span[1]) - max(span[0], a.span[0])
        if overlap <= 0:
            continue
        key = (overlap, -abs((a.span[1] - a.span[0]) - (span[1] - span[0])))
        if best is None or key > best_key:
            best, best_key = a, key
    return best


def _plain(name: str | None) -> str:
    text = ascii_fold(name or "").lower()
    text = text.replace("defence", "defense")  # one office, two spellings
    return " ".join(w.strip(".,") for w in text.replace("-", " ").split() if len(w.strip(".")) > 1)


def same_person(gold: str | None, coded: str | None) -> bool:
    """The same person, allowing for middle initials, transliteration and short forms ("Joe" / "Joseph R.")."""
    g, c = _plain(gold), _plain(coded)
    if not g or not c:
        return False
    if g == c or g.split()[-1] == c.split()[-1]:
        return True
    return difflib.SequenceMatcher(None, g, c).ratio() >= 0.85


HEADS_OF_STATE = {"head of state", "king", "queen", "emir", "sultan", "emperor", "supreme leader", "grand duke"}
FILLER = {"of", "the", "and", "for"}
OTHER_OFFICE = {"vice", "deputy", "prime", "under", "assistant", "acting", "former", "foreign", "defense", "defence",
                "finance", "interior", "trade", "energy", "first", "second", "chief", "press", "state"}


def same_role(gold: str | None, coded: str | None) -> bool:
    """The same office, named at the same or another level of detail: "President" and "President of the European
    Council", "Chairperson of the African Union Commission" and "Commission Chairperson"; a monarch's title and
    "Head of State"."""
    if gold is None:
        return True
    g, c = _plain(gold), _plain(coded)
    if not c:
        return False
    if g == c or (g in HEADS_OF_STATE and c in HEADS_OF_STATE):
        return True
    gw, cw = set(g.split()) - FILLER, set(c.split()) - FILLER
    if not (gw and cw) or not (gw <= cw or cw <= gw):
        return False
    return not (gw ^ cw) & OTHER_OFFICE  # "Vice President" is not "President", nor "Prime Minister" "Minister"


def _country_sector(a: Actor | None, kb: KnowledgeBase) -> tuple[str | None, str | None]:
    if a is None:
        return None, None
    sector = a.sector
    if a.country in kb.organisations and sector in (None, "IGO"):
        sector = "IGO"
    return a.country, sector


def score_actors(scores: ActorScores, doc_id: str, gold: list[dict], coded: CodedDocument,
                 kb: KnowledgeBase) -> None:
    """Score a document's coded actors against its gold mentions; ``kb``: the knowledge base it was coded with
    (which codes are organisations)."""
    text = coded.document.text
    mentions = [a for a in coded.actors if a.span is not None and a.field == "text"]
    for g in gold:
        span = locate(text, g["text"], int(g.get("n", 1)))
        if span is None:
            scores.unplaced.append((doc_id, g["text"]))
            continue
        a = best_overlap(span, mentions)
        country, sector = _country_sector(a, kb)
        want_sector = g.get("sector")
        if g.get("country") in kb.organisations and want_sector in (None, "IGO"):
            want_sector = "IGO"
        checks = {"found": a is not None, "country": a is not None and country == g.get("country"),
                  "sector": a is not None and sector == want_sector}
        if g.get("person"):
            checks["person+role"] = a is not None and same_person(g["person"], a.person) and same_role(
                g.get("role"), a.role)
        for name, ok in checks.items():
            scores.totals[name] += 1
            scores.correct[name] += int(ok)
            if not ok and name != "found":
                scores.misses.append((doc_id, name, g, a.to_dict() if a else None))


def format_actor_report(scores: ActorScores) -> str:
    lines = ["actors (gold mentions)            accuracy  correct / total"]
    for name in FIELDS:
        lines.append(f"  {name:<32} {scores.accuracy(name):8.3f}  {scores.correct[name]:5d} / {scores.totals[name]}")
    if scores.unplaced:
        lines.append(f"  ({len(scores.unplaced)} gold mentions not found in their documents' text)")
    return "\n".join(lines) + "\n"


def format_actor_misses(scores: ActorScores) -> str:
    lines = []
    for doc_id, name, g, a in scores.misses:
        got = "nothing" if a is None else (f"{a.get('code')} person={a.get('person')} role={a.get('role')} "
                                           f"[{a.get('resolved_by', '')}]")
        want = f"{g.get('country')}{g.get('sector') or ''} person={g.get('person')} role={g.get('role')}"
        lines.append(f"{doc_id}  {name:<11} {g['text']!r}: gold {want}; coded {got}")
    return "\n".join(lines) + "\n"
