"""Stage 3: dates. Every DATE entity is read into an interval with a precision, relative to the document's date;
the document's own date comes from metadata, else from its opening words ("On April 25, 2025 local time"), else it
stays unknown (never today's date silently).

Writes ``doc._.dates`` (a list of ``(start, end, When)`` in token offsets) and ``doc._.doc_when``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from readout.nlp.dating import parse
from readout.records import When

OPENING_CHARS = 400  # how far into a text its own date may stand ("On April 25, 2025 local time, ...")


class WhenFinder:
    def __call__(self, doc: Doc) -> Doc:
        base = doc._.doc_date
        doc_when = When(base, base, "day", "", None) if base else None
        if doc_when is None:
            for ent in doc.ents:
                if ent.label_ != "DATE" or ent.start_char > (doc._.title_chars or 0) + OPENING_CHARS:
                    continue
                found = parse(ent.text)
                if found and found.precision == "day":
                    end = ent.end_char
                    tail = doc.text[end:end + 11]
                    if tail.lower() == " local time":
                        end += 11
                    doc_when = When(found.start, found.end, "day", doc.text[ent.start_char:end], (ent.start_char, end))
                    base = found.start
                    break
        dates = []
        for ent in doc.ents:
            if ent.label_ != "DATE":
                continue
            found = parse(ent.text, base)
            if found is not None:
                dates.append((ent.start, ent.end, When(found.start, found.end, found.precision, ent.text,
                                                       (ent.start_char, ent.end_char))))
        doc._.dates = dates
        doc._.doc_when = doc_when
        return doc


@Language.factory("readout_when")
def make_when(nlp: Language, name: str) -> WhenFinder:
    return WhenFinder()
