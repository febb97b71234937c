"""Stage 1, before spaCy's NER: find known names (countries, demonyms, capitals and seats, organisations, officials),
titles and group nouns, and sector words, with one PhraseMatcher pass each.

Writes ``doc._.gazetteer``: a list of ``Hit``. Country, organisation and official names are also set as entities
so that NER keeps them ("Tajikistan" is a place, not a nationality; "Dushanbe" is not an organisation).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from readout.knowledge import Country, KnowledgeBase

T = TypeVar("T")
COUNTRY_KINDS = ("country", "capital", "seat", "demonym")  # the kinds of hit that name a state

ENTITY_LABEL = {"country": "GPE", "capital": "GPE", "seat": "ORG", "igo": "ORG", "official": "PERSON",
                "demonym": "NORP", "name": "ORG"}


@dataclass(frozen=True)
class Hit:
    start: int  # token offsets
    end: int
    kind: str  # country | demonym | capital | seat | igo | official | name | title | group | context
    key: str  # ISO3, organisation id, official or name index, agent id or context id


def _must_be_capitalised(phrase: str) -> bool:
    return phrase.startswith("^")


def _with_quotes(phrases: list[str]) -> list[str]:
    """Each phrase, and with a typographic apostrophe where it has a straight one ("People’s Republic")."""
    return [v for p in phrases for v in ((p, p.replace("'", "’")) if "'" in p else (p,))]


class Gazetteer:
    def __init__(self, nlp: Language, kb: KnowledgeBase):
        self.kb = kb
        self.prefixes = kb.cue("place_prefix")  # "New Mexico" is no Mexico
        self.state_homonyms, self.state_words = kb.cue("state_homonym"), kb.cue("state_word")  # Atlanta, Georgia
        self.case = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.capitalised: set[str] = set()
        names: dict[str, list[str]] = {}
        for c in kb.countries.values():
            for kind, forms in (("country", (c.name, *c.aliases)), ("demonym", c.demonyms),
                                ("capital", c.capitals), ("seat", c.seats)):
                names.setdefault(f"{kind}|{c.iso3}", []).extend(forms)
        for o in kb.organisations.values():
            names.setdefault(f"igo|{o.id}", []).extend((o.name, *o.aliases))
        for i, off in enumerate(kb.officials):
            names.setdefault(f"official|{i}", []).extend((off.name, *off.aliases))
        for i, n in enumerate(kb.names):
            forms = (n.name, *n.aliases, *article_forms((n.name, *n.aliases)))
            country = kb.countries.get(n.country or "")
            names.setdefault(f"name|{i}", []).extend((*forms, *(owned_forms(forms, country) if country else ())))
        for key, phrases in names.items():
            self.case.add(key, [nlp.tokenizer(p) for p in dict.fromkeys(_with_quotes(phrases))])
        lowered: dict[str, list[str]] = {}
        for a in kb.agents:
            for p in a.phrases:
                if _must_be_capitalised(p):
                    p = p[1:]
                    self.capitalised.add(f"{a.kind}|{a.id}|{p.lower()}")
                lowered.setdefault(f"{a.kind}|{a.id}", []).append(p)
        for cx in kb.contexts:
            lowered.setdefault(f"context|{cx.id}", []).extend(cx.phrases)
        for key, phrases in lowered.items():
            self.lower.add(key, [nlp.tokenizer(p) for p in dict.fromkeys(_with_quotes(phrases))])
        self.strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> Doc:
        hits: list[Hit] = []
        for match_id, start, end in self.case(doc):
            kind, key = self.strings[match_id].split("|", 1)
            hits.append(Hit(start, end, kind, key))
        for match_id, start, end in self.lower(doc):
            kind, key = self.strings[match_id].split("|", 1)
            span = doc[start:end]
            if f"{kind}|{key}|{span.text.lower()}" in self.capitalised and not span.text[:1].isupper():
                continue
            hits.append(Hit(start, end, kind, key))
        starts = {h.start for h in hits}
        states = {h.start for h in hits if self._us_state(doc, h)}
        if states:  # (the actor stage geocodes them as the US states they are)
            doc.user_data["readout_us_states"] = sorted(states)
        hits = [h for h in hits if not _capital_in_name(doc, h, starts) and not self._in_place_name(doc, h)
                and h.start not in states]
        names = [h for h in hits if h.kind in ENTITY_LABEL]
        longest = filter_spans([Span(doc, h.start, h.end, label=ENTITY_LABEL[h.kind]) for h in names])
        keep = {(s.start, s.end) for s in longest}
        hits = [h for h in hits if h.kind not in ENTITY_LABEL or (h.start, h.end) in keep]
        hits.sort(key=lambda h: (h.start, -h.end))
        doc._.gazetteer = hits
        doc.set_ents(longest, default="unmodified")
        return doc

    def _in_place_name(self, doc: Doc, h: Hit) -> bool:
        """A country's name inside another place's ("New Mexico"): the word before it (cue ``place_prefix``)."""
        return h.kind in ("country", "demonym") and h.start > 0 and doc[h.start - 1].text in self.prefixes

    def _us_state(self, doc: Doc, h: Hit) -> bool:
        """A country's name that is also a US state's (cue ``state_homonym``: Georgia) where the words around it
        point to the state: a US city before it ("Atlanta, Georgia"), a US state listed beside it ("Georgia and
        Wisconsin"), a word of state politics after it ("Georgia Republicans", cue ``state_word``)."""
        if h.kind != "country" or doc[h.start:h.end].text not in self.state_homonyms:
            return False
        if h.end < len(doc) and doc[h.end].lower_ in self.state_words:
            return True
        from readout.nlp.where import geocoder_for  # (the geocoder reads the gazetteer's hits)

        geo = geocoder_for(self.kb)
        if h.start >= 2 and doc[h.start - 1].text == ",":
            city = geo.cities.get(doc[h.start - 2].lower_)
            if city and city[0][1].country == "USA" and doc[h.start - 2].text[:1].isupper():
                return True
        near = [t for t in (*doc[max(0, h.start - 3):h.start], *doc[h.end:h.end + 3]) if t.text[:1].isupper()]
        return any(t.lower_ in geo.states and t.text not in self.state_homonyms for t in near)


def _capital_in_name(doc: Doc, h: Hit, starts: set[int]) -> bool:
    """A capital's name that begins a longer proper name no table knows: a person ("Sofia Sapega"), an agreement or a
    body ("the Moscow Mechanism", "the Paris Agreement"). Not the city as an actor."""
    if h.kind != "capital" or h.end >= len(doc) or h.end in starts:
        return False
    nxt = doc[h.end]
    return nxt.tag_ in ("NNP", "NNPS") and nxt.text[:1].isupper() and not nxt.is_sent_start


ARTICLE = re.compile(r"\b([Aa]l|[Ee]l)[- ](?=[A-Z])")


def article_forms(phrases: tuple[str, ...]) -> list[str]:
    """Arabic names as news spells them: "al-Shabaab" is also "al Shabaab", "Al Shabaab" and "Al-Shabaab"."""
    out: list[str] = []
    for p in phrases:
        found = ARTICLE.search(p)
        if found:
            a = found.group(1).lower()
            out += [ARTICLE.sub(f"{first}{a[1:]}{joint}", p) for first in (a[0], a[0].upper()) for joint in "- "]
    return out


def owned_forms(phrases: tuple[str, ...], country: Country) -> list[str]:
    """The other ways news names a body of a country: "National Security Committee of Kazakhstan" (or "Kazakh
    National Security Committee") is also "Kazakhstan's National Security Committee" and "Kazakh National Security
    Committee", for each name and demonym of the country."""
    owners = [country.name, *country.aliases]
    out: list[str] = []
    for p in phrases:
        bodies = [p[: -len(tail)] for n in owners for tail in (f" of {n}", f" of the {n}") if p.endswith(tail)]
        bodies += [p[len(d) + 1:] for d in country.demonyms if p.startswith(d + " ")]
        for body in bodies:
            body = body.removeprefix("the ")
            if body[:1].isupper():
                out += [f"{n}'s {body}" for n in owners] + [f"{d} {body}" for d in country.demonyms]
    return out


def within(items: list[T], start: int, end: int, key: Callable[[T], int]) -> list[T]:
    """The items of a list sorted by ``key`` (a token offset: gazetteer hits, places) whose key is in [start, end),
    found by bisection (a long text has thousands)."""
    return items[bisect_left(items, start, key=key):bisect_left(items, end, key=key)]
