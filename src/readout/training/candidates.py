"""Candidates: in every sentence of a coded Doc, every ordered pair of actor mentions, and every mention with no
target (for one-sided events: a protest, a mobilisation), each with what the rules say of it. A classifier decides
for each whether the first acts on the second and how (a PLOVER root and a CAMEO code, or none); annotators label the
same candidates (``docs/candidates.md``).

A candidate's spans index the document's text as the Doc holds it (``doc.text``: with its title in front, where the
Coder put one).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from spacy.tokens import Doc, Span

from readout.nlp.linker import rule_code as linker_rule_code
from readout.nlp.linker import sentence_mentions
from readout.ontology import cameo
from readout.records import Event


@dataclass
class Candidate:
    doc: str  # the document's id
    sentence: tuple[int, int]  # character span of the sentence
    text: str  # the sentence
    source: tuple[int, int]  # character span of the first mention
    source_text: str
    target: tuple[int, int] | None  # of the second, None for "no target"
    target_text: str
    rule_cameo: str | None = None  # the code of the event the rules coded from the first to the second, if any
    rule_root: str | None = None  # its PLOVER root

    @property
    def key(self) -> str:
        target = f"{self.target[0]}-{self.target[1]}" if self.target else "none"
        return f"{self.doc}#{self.source[0]}-{self.source[1]}>{target}"

    def to_dict(self, rules: bool = True) -> dict[str, Any]:
        d = {"key": self.key, **asdict(self)}
        if not rules:
            del d["rule_cameo"], d["rule_root"]
        return d


def mentions(sent: Span) -> list[tuple[int, int, str]]:
    """The actor mentions of a sentence, as (start, end, text) character spans, in order, one per span."""
    spans = [sent.doc[m.start:m.end] for m in sentence_mentions(sent)]
    return [(s.start_char, s.end_char, s.text) for s in spans]


def candidates(doc: Doc, doc_id: str = "") -> Iterator[Candidate]:
    """Every candidate of a coded Doc, sentence by sentence."""
    for sent in doc.sents:
        found = mentions(sent)
        for s in found:
            for t in [*found, None]:
                if t is s:
                    continue
                c = Candidate(doc_id, (sent.start_char, sent.end_char), sent.text, (s[0], s[1]), s[2],
                              (t[0], t[1]) if t else None, t[2] if t else "")
                c.rule_cameo = rule_code(doc._.events or [], c)
                c.rule_root = cameo.plover_type(c.rule_cameo) if c.rule_cameo else None
                yield c


def rule_code(events: list[Event], c: Candidate) -> str | None:
    """The CAMEO code of the first event the rules coded in the candidate's sentence from its first mention to its
    second (to no one, for a candidate without target; either way for a mutual event)."""
    return linker_rule_code(events, c.sentence, c.source, c.target)
