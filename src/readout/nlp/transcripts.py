"""A transcript names who speaks before a colon: "President of Russia Vladimir Putin: Mr Prime Minister, good
afternoon." The person so labelled speaks the sentences that follow, to the next label: "I" and "we" are theirs, as
is a "Thank you" with no subject, and "you" is the other side."""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from readout.nlp.people import Mention
from readout.records import Actor

LABEL_REACH = 16  # tokens from a sentence's start within which its speaker label ends


def labelled_speaker(sent: Span, actor_at: dict[int, Mention]) -> Actor | None:
    """The person whose mention, near the start of ``sent`` (a transcript that lost its line breaks: "Beginning of
    the talks President of Russia Vladimir Putin: ..."), is followed by a colon, with a parenthesis between or not
    ("Prime Minister of Greece Kyriakos Mitsotakis (retranslated):")."""
    for i in range(sent.start, min(sent.end, sent.start + LABEL_REACH)):
        m = actor_at.get(i)
        if m is not None and m.start == i and m.kind == "person" and m.actor.country and _colon_after(sent, m):
            return m.actor
    return None


def _colon_after(sent: Span, m: Mention) -> bool:
    """A colon right after the mention, or after a parenthesis that follows it ("(retranslated):")."""
    doc, i = sent.doc, m.end
    if i < len(doc) and doc[i].text == "(":
        while i < min(len(doc), sent.start + LABEL_REACH + (m.end - m.start)) and not doc[i].text.startswith(")"):
            i += 1
        if i < len(doc) and doc[i].text == "):":  # the tokenizer keeps the two together
            return True
        i += 1
    return i < len(doc) and doc[i].text == ":"


def vocative(tok: Token, words: Collection[str]) -> bool:
    """Whom a speaker addresses ("Mr President, thank you"): a word of address (``words``, the ``vocative`` cue)
    opens the phrase and a comma closes it. Never the subject of what is said."""
    doc = tok.doc
    end = tok.right_edge.i if doc[tok.right_edge.i].text == "," else tok.right_edge.i + 1
    return doc[tok.left_edge.i].lower_.rstrip(".") in words and end < len(doc) and doc[end].text == ","


def addressee(speaker: Actor, pair: list[Actor]) -> list[Actor]:
    """Whom "you" stands for when ``speaker`` speaks: the other of the document's two sides."""
    others = [a for a in pair if a.country and a.country != speaker.country]
    return others if len(others) == 1 else []


LINE_LABEL = re.compile(r"^[ \t]*([A-Z][A-Za-z.'’ ]{0,40}?)[ \t]*(?:\([^)\n]{0,40}\))?:", re.MULTILINE)


def question_spans(doc: Doc, askers: Collection[str]) -> list[tuple[int, int]]:
    """The character spans a journalist speaks in a transcript: from a line labelled by one of ``askers`` ("Q:",
    "QUESTION:", the ``journalist_label`` cue) to the next line that opens with another label ("A:", "MR PRICE:",
    "President of Russia Vladimir Putin:"). What a question says is the journalist's, asserted by no one
    (docs/coding-guide.md); computed once per document."""
    if "readout_questions" not in doc.user_data:
        spans: list[tuple[int, int]] = []
        start: int | None = None
        for m in LINE_LABEL.finditer(doc.text):
            label = m.group(1).strip()
            if label in askers:
                start = m.start() if start is None else start
            elif label.isupper() or len(label.split()) >= 2:  # a speaker's label, not "Note:" or "Tuesday:"
                if start is not None:
                    spans.append((start, m.start()))
                start = None
        if start is not None:
            spans.append((start, len(doc.text)))
        doc.user_data["readout_questions"] = spans
    found: list[tuple[int, int]] = doc.user_data["readout_questions"]
    return found


def asked(sent: Span, askers: Collection[str]) -> bool:
    """Whether ``sent`` is part of a journalist's question (``question_spans``)."""
    return any(a <= sent.start_char < b for a, b in question_spans(sent.doc, askers))
