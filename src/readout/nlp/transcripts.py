"""A transcript names who speaks before a colon: "President of Russia Vladimir Putin: Mr Prime Minister, good
afternoon." The person so labelled speaks the sentences that follow, to the next label: "I" and "we" are theirs, as
is a "Thank you" with no subject, and "you" is the other side."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

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
