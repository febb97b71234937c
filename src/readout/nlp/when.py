"""Stage 3: dates. Every DATE entity is read into an interval with a precision, relative to the document's date;
the document's own date comes from metadata, else from its opening words ("On April 25, 2025 local time"), else it
stays unknown (never today's date silently).

Writes ``doc._.dates`` (a list of ``(start, end, When)`` in token offsets) and ``doc._.doc_when``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from readout.nlp.dating import month_of, parse
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


ORDINAL = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$")


def recent_time(tok: Token, gov: Token, base: When | None, recent: frozenset[str]) -> When | None:
    """"The recent talks", "recently visited": the document's month (the text says no more). ``recent``: the
    words that say so (a cue)."""
    if base is None:
        return None
    near = [*tok.children, *(gov.children if gov is not tok else [])]
    if any(c.lower_ in recent and c.dep_ in ("amod", "advmod") for c in near):
        return month_of(base.start, "recent")
    return None


def anniversary_time(tok: Token, base: When | None, anniversary: frozenset[str],
                     today: frozenset[str]) -> When | None:
    """"The 30th anniversary of the recognition": 30 years before the document, on its day when the anniversary is
    today, else in that year. The date of the sentence ("Today marks ...") is the anniversary's, not the event's.
    ``anniversary``, ``today``: the words that say so (cues)."""
    if base is None:
        return None
    for anc in list(tok.ancestors)[:4]:
        if anc.lemma_.lower() not in anniversary:
            continue
        years = next((int(m.group(1)) for c in anc.children if (m := ORDINAL.match(c.lower_))), None)
        if not years:
            return None
        y = int(base.start[:4]) - years
        if any(t.lower_ in today for t in anc.sent) and base.start[5:] != "02-29":
            day = f"{y:04d}{base.start[4:]}"
            return When(day, day, "day", anc.text)
        return When(f"{y:04d}-01-01", f"{y:04d}-12-31", "year", anc.text)
    return None

