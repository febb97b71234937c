"""One person throughout a document: a person named without a country takes the one the document gives them later,
a capitalised surname NER missed is the person the document named, and where mentions of one person were given
different countries, one wins."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from readout.nlp.gazetteer import Hit
from readout.nlp.people import Mention, People
from readout.nlp.text import ascii_fold
from readout.records import Actor


def surnames_again(doc: Doc, actor_at: dict[int, Mention], covered: dict[int, Hit],
                    memory: dict[str, Actor]) -> list[Mention]:
    """A capitalised word that is the surname of a person the document named, where NER saw no name: that person."""
    out = []
    for tok in doc:
        known = memory.get(tok.lower_) if tok.pos_ in ("PROPN", "NOUN") and tok.is_title else None
        if known is None or tok.i in actor_at or tok.i in covered or not _name_or_one_word(tok) or \
                not known.person or _plain(known.person.split()[-1]) != _plain(tok.text):
            continue
        actor = replace(known, text=tok.text, titles=(), span=(tok.idx, tok.idx + len(tok)),
                        resolved_by=f"memory:{known.person}")
        out.append(Mention(tok.i, tok.i + 1, actor, tok.i, "person"))
    return out


def _plain(word: str) -> str:
    """A word without its accents, in lower case: "Öcalan" is written "Ocalan" in much English copy."""
    return ascii_fold(word).lower()


def _name_or_one_word(tok: Token) -> bool:
    """A token NER saw as no entity or a person, or as a one-word entity of another kind: NER takes many a surname
    alone ("Arce", "Duterte", "Ocalan") for an organisation or a place."""
    if tok.ent_type_ in ("", "PERSON"):
        return True
    last = tok.i + 1 >= len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I"
    return tok.ent_iob_ == "B" and last


def recall(mentions: list[Mention], memory: dict[str, Actor]) -> None:
    """"Call with Politburo Member Yang" in a title, "Yang Jiechi" further down: a person named without a country
    takes the one the document gives them later."""
    for m in mentions:
        a = m.actor
        if m.kind == "person" and a.country is None and a.person:
            words = a.person.lower().split()
            later = memory.get(words[-1]) or memory.get(words[0])
            known = (later.person or "").lower().split() if later is not None else []
            if later is not None and later is not a and (len(words) == 1 or any(w in known for w in words[:-1])):
                # (not "Jimmy Lai" for "Lai Ching-te", named later)
                a.country, a.sector = later.country, a.sector or later.sector
                a.role = a.role or later.role
                a.resolved_by = "memory:" + (later.person or "")


def one_country_each(mentions: list[Mention], people: People, date: str | None) -> None:
    """One person, one country throughout a document: where mentions of one person were given different countries,
    all take the country of the office the list of officials says they held on the date, else the one the list
    gave a mention, else the one given most often (none on a tie)."""
    by_person: dict[str, list[Actor]] = {}
    for m in mentions:
        if m.kind == "person" and m.actor.person and m.actor.country:
            by_person.setdefault(m.actor.person, []).append(m.actor)
    for actors in by_person.values():
        countries = [a.country or "" for a in actors]
        if len(set(countries)) < 2:
            continue
        held = [people.officials[i] for i in people.official(actors[0].person or "", date)]
        listed = [off.country for off in held if off.holds_on(date)][:1] or \
            [a.country or "" for a in actors if "kb:" in a.resolved_by]
        pool = listed or countries
        ranked = sorted(dict.fromkeys(pool), key=pool.count, reverse=True)
        if len(ranked) > 1 and pool.count(ranked[0]) == pool.count(ranked[1]):
            continue  # no way to tell
        best = ranked[0]
        for a in actors:
            if a.country != best:
                a.country = best
                a.resolved_by += f"+same-person:{best}"
