"""Names no table knows, kept as actors with what their own words tell: "the ACLU", "Egypt's National Election
Authority" (a country and a sector from the words inside), "the Respublika party" (the kind word after the name), a
person an earlier document introduced where NER took the name for an organisation."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from readout.knowledge import Agent
from readout.nlp.gazetteer import Hit
from readout.nlp.people import COUNTRY_KINDS, Mention, People, matches
from readout.nlp.where import DIVISION_WORDS, Geocoder, named_countries, place_rule
from readout.records import Actor


class UnknownNames:
    """``motion``: verbs of going somewhere ("visit", "travel"): what they go to is a place; ``taken``: verbs of
    taking ground ("captured", "besieged"): what they take is a place."""

    def __init__(self, agent_by_id: dict[str, Agent], places: Geocoder, people: People,
                 motion: frozenset[str] = frozenset(), taken: frozenset[str] = frozenset()):
        self.agent_by_id = agent_by_id
        self.geocoder = places
        self.people = people
        self.motion = motion | {"arrive"}
        self.taken = taken

    def place_for_person(self, doc: Doc, start: int, end: int, own: str | None) -> Mention | None:
        """A place NER took for a person where someone goes to it ("the invitation to visit Sochi", "will travel to
        Sochi") or takes it ("M23 took Goma", "fighting near Goma"): the name no official's of the list, a place the
        geocoder knows in a country the text names or in the publisher's own (``own``)."""
        span = doc[start:end]
        root, head = span.root, span.root.head
        goes = (root.dep_ == "dobj" and head.lemma_.lower() in self.motion | self.taken) or (
            root.dep_ == "pobj" and head.lower_ in ("to", "in") and head.head.lemma_.lower() in self.motion) or (
            root.dep_ == "pobj" and head.lower_ in ("near", "around", "outside"))
        if not goes or any(t.lower_ in self.people.by_word for t in span):
            return None
        named = named_countries(doc) | ({own} if own else set())
        place = self.geocoder.lookup(span.text, named)
        if place is None or not place.geonames_id or place.country not in named:
            return None
        actor = Actor(text=span.text, name=place.name, span=(span.start_char, span.end_char), country=place.country,
                      resolved_by=place_rule(place))
        return Mention(start, end, actor, root.i, "unknown")

    def __call__(self, doc: Doc, actor_at: dict[int, Mention], covered: dict[int, Hit]) -> list[Mention]:
        """Names no table knows: kept as text, never dropped ("the ACLU", "Hamas"); a person an earlier document
        introduced, where NER took the name for an organisation."""
        out: list[Mention] = []
        for ent in [*doc.ents, *self._named_by_kind(doc, covered)]:
            if ent.label_ not in ("ORG", "NORP", "GPE", "FAC") or ent.start in actor_at or ent.root.i in actor_at:
                continue
            words = [t for t in ent if t.pos_ != "DET"]
            if words and all(covered.get(t.i) is not None and covered[t.i].kind in ("title", "group") and
                             "head" not in self.agent_by_id[covered[t.i].key].flags for t in words):
                continue  # "The Administration" (ORG to NER): the group noun it is, resolved with the titles
            ent = self._with_kind_word(doc, ent, covered, actor_at)  # "the Respublika party", "the Frelimo party"
            learned = (doc._.learned or {}).get(ent[-1].lower_)
            if learned is not None and len(ent) <= 2 and matches(ent.text, learned):  # "Markarova" (ORG)
                out.append(Mention(ent.start, ent.end, replace(learned, text=ent.text,
                                                               span=(ent.start_char, ent.end_char)),
                                   ent.root.i, "person"))
                continue
            after = doc[ent.end] if ent.end < len(doc) else None
            if ent.start in doc.user_data.get("readout_us_states", ()):  # "Atlanta, Georgia" (``nlp.gazetteer``)
                place = self.geocoder.states.get(ent.text.lower()) or self.geocoder.lookup(ent.text)
            elif ent.label_ == "GPE":
                place = self.geocoder.lookup(ent.text, named_countries(doc))
            elif after is not None and after.lower_ in DIVISION_WORDS:  # "Rakhine state", NER took for a body
                place = self.geocoder.lookup(f"{ent.text} {after.text}", named_countries(doc))
            else:
                place = None
            actor = Actor(text=ent.text, name=ent.text, span=(ent.start_char, ent.end_char),
                          country=place.country if place else None,
                          resolved_by=place_rule(place) if place else f"ner:{ent.label_}")
            if ent.label_ in ("ORG", "FAC") or (ent.label_ == "NORP" and len(ent) > 1):
                self._body_of(ent, covered, actor)  # a NORP here: a people and a kind word ("Congolese troops")
            out.append(Mention(ent.start, ent.end, actor, ent.root.i, "unknown"))
        return out

    def _named_by_kind(self, doc: Doc, covered: dict[int, Hit]) -> list[Span]:
        """Proper nouns NER left out, named by the lowercase kind word that governs them ("the new Horizonte
        party"): taken as an organisation's name."""
        out = []
        for tok in doc:
            h = covered.get(tok.i)
            if h is None or h.kind != "group" or h.start != tok.i or not tok.is_lower or tok.i == 0 or \
                    "head" not in self.agent_by_id[h.key].flags or tok.ent_type_:
                continue
            start = tok.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == tok.i and \
                    not doc[start - 1].ent_type_ and start - 1 not in covered:
                start -= 1
            if start < tok.i:
                out.append(Span(doc, start, tok.i, label="ORG"))
        return out

    def _with_kind_word(self, doc: Doc, ent: Span, covered: dict[int, Hit], actor_at: dict[int, Mention]) -> Span:
        """A name and the lowercase word after it that says what kind of body it is ("Respublika party", "CGT
        union", "Sinaloa cartel"): the one group word with a sector that governs the name."""
        nxt = doc[ent.end] if ent.end < len(doc) else None
        h = covered.get(nxt.i) if nxt is not None else None
        if nxt is None or h is None or h.kind != "group" or (h.start, h.end) != (nxt.i, nxt.i + 1) or \
                nxt.is_title or nxt.i in actor_at or ent.root.head.i != nxt.i or not self.agent_by_id[h.key].sector:
            return ent
        return Span(doc, ent.start, h.end, label=ent.label_)

    def _body_of(self, ent: Span, covered: dict[int, Hit], actor: Actor) -> None:
        """What the words of an organisation's name no table knows tell: the country word in it or just before it
        ("Egypt's National Election Authority", "Georgia's Special Tasks Department"), and the sector of its last
        title or group word ("the Constitutional Court": JUD, "the Labour Party": PTY)."""
        inside = list(dict.fromkeys(covered[t.i] for t in ent if t.i in covered))
        countries = [c for c in (self.people.hit_country(h) for h in inside if h.kind in COUNTRY_KINDS) if c]
        doc, k = ent.doc, ent.start - 1
        if k >= 0 and doc[k].text in ("'s", "’s"):
            k -= 1  # "Qatar's Internal Security Force": the country word before the name
        owner = covered.get(k) if k >= 0 else None
        owned = self.people.hit_country(owner) if owner is not None and owner.kind in COUNTRY_KINDS and \
            owner.end == k + 1 else None
        if not countries and owned:
            countries = [owned]
        groups = [self.agent_by_id[h.key] for h in inside if h.kind in ("title", "group")]
        sector = next((a.sector for a in reversed(groups) if a.sector), None)
        if countries:
            actor.country = countries[0]
            actor.resolved_by += f"+text:{countries[0]}"
        if sector:
            actor.sector = sector
            actor.resolved_by += f"+name:{groups[-1].id}"
