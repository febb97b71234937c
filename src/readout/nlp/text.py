"""Stage 0, before the tagger: the text as the parser should see it, every character where it was (spans index the
original). Odd spaces become plain spaces, the line breaks inside a hard-wrapped paragraph become spaces
("President\\nBiden" is one name), and lines written in one case are re-cased (``readout.nlp.casing``). A line that
is left begins a sentence unless it goes on in lower case: a header ("Office of the Spokesperson"), a list's line
or a speaker's label is never read as the subject of the sentence below it.

Where that changes the text, the stage returns a new Doc of the changed text, with the inputs set on the old one
(``doc._.doc_date`` ...). Where re-casing changed letters, the text before it is kept in
``doc.user_data["readout_original"]``: evidence quotes the words as written (with plain spaces).
"""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc

from readout.nlp.casing import Recaser

ODD_SPACES = re.compile("[\u00a0\u2007\u2009\u202f\u200a\u200b\u200e\u200f\ufeff\t]")
WRAPPED = re.compile(r"(?<=[^\n]{40})\n(?=[^\n\s])")
ORIGINAL = "readout_original"



def ascii_fold(text: str) -> str:
    """The text's letters without their accents, in ASCII: "Öcalan" is "Ocalan", "Kandahār" is "Kandahar"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()

def unwrap(text: str) -> str:
    """No-break and thin spaces, zero-width spaces and direction marks as plain spaces, and, in a hard-wrapped text
    (most lines 50 to 100 characters long), the line breaks inside a paragraph as spaces."""
    text = ODD_SPACES.sub(" ", text)
    lines = [len(line) for line in text.split("\n") if line.strip()]
    if len(lines) >= 4 and sum(50 <= n <= 100 for n in lines) >= 0.6 * len(lines):
        text = WRAPPED.sub(" ", text)
    return text


class TextCleaner:
    """Unwraps and re-cases a Doc's text. ``tokenizer``: the pipeline's, to make the Doc of the changed text."""

    def __init__(self, tokenizer, recase: Recaser):
        self.tokenizer = tokenizer
        self.recase = recase

    def __call__(self, doc: Doc) -> Doc:
        if ORIGINAL in doc.user_data:
            return doc  # already seen (a Doc coded again)
        unwrapped = unwrap(doc.text)
        text = self.recase(unwrapped)
        if text == doc.text:
            return line_starts(doc)
        new = self.tokenizer(text)
        new.user_data.update(doc.user_data)
        new._context = doc._context  # what nlp.pipe(as_tuples=True) carries with the Doc
        if text != unwrapped:
            new.user_data[ORIGINAL] = unwrapped
        return line_starts(new)


def line_starts(doc: Doc) -> Doc:
    """The first word of a line begins a sentence (the parser keeps the boundary) unless it is in lower case as
    written (before re-casing)."""
    written = doc.user_data.get(ORIGINAL, doc.text)
    for t in doc[1:]:
        before = doc[t.i - 1]
        if before.is_space and "\n" in before.text and not t.is_space and not written[t.idx].islower():
            t.is_sent_start = True
    return doc
