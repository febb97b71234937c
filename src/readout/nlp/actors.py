"""Stage 2, after NER: actor mentions, resolved from the text first, the knowledge base second, and what the document
said earlier third.

"Tajikistan's Foreign Minister Sirojiddin Muhriddin" is resolved from its own words (country and title); "Wang Yi"
from the dated list of officials; a later "Muhriddin" from the mention that introduced him. Writes ``doc._.actors``
(a list of ``Mention``) and ``doc._.actor_at`` (token index -> mention).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from readout.knowledge import Agent, KnowledgeBase
from readout.nlp.context import sentence_countries, titled_people
from readout.nlp.descriptors import body_span
from readout.nlp.gazetteer import Hit, within
from readout.nlp.owners import conjunct_country, its_country, persons_country, sender_country
from readout.nlp.people import COUNTRY_KINDS, NAMED_BODY, Mention, People, actor_text
from readout.nlp.sameness import one_country_each, recall, surnames_again
from readout.nlp.unknown import UnknownNames
from readout.nlp.where import DIVISION_WORDS, Geocoder, dateline
from readout.records import Actor, Place

__all__ = ["COUNTRY_KINDS", "ActorResolver", "Mention"]


class ActorResolver:
    def __init__(self, kb: KnowledgeBase, places: Geocoder, people: People | None = None):
        self.kb = kb
        self.geocoder = places
        self.people = people or People(kb)
        self.agent_by_id = {a.id: a for a in kb.agents}
        self.unknown = UnknownNames(self.agent_by_id, places, self.people, kb.cue("motion_verb"),
                                    kb.cue("taken_place_verb"))
        self.other_actor = kb.cue("other_actor")
        self.own_institution = kb.cue("own_institution")
        self.own_capitalised = kb.cue("own_capitalised")
        self.speaker_labels = kb.cue("transcript_speaker")
        self.not_local = kb.cue("not_local")
        self.sides = kb.cue("reciprocal_plural")  # "the leaders": the sides of the text, no one state
        self.sender_verbs = kb.cue("own_forces_verb")  # "North Korea sent troops": the troops are North Korea's
        self.kind_nouns = kb.cue("body_kind_noun")  # "the Ennahda party": the party is the body named

    # -- the stage -----------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        date = doc._.doc_date
        publisher = self.kb.publisher(doc._.publisher or "") if doc._.publisher else None
        filed = dateline(doc.text, self.geocoder)  # "SEOUL, April 28 (wire) -": where the story was filed
        labels = self._speaker_labels(doc) | _dateline_tokens(doc, filed)
        hits = _longest_agents([h for h in doc._.gazetteer or [] if h.start not in labels])
        covered: dict[int, Hit] = {}
        for h in hits:
            if h.kind == "context":
                continue
            for i in range(h.start, h.end):
                covered.setdefault(i, h)
        mentions: list[Mention] = []
        actor_at: dict[int, Mention] = {}
        memory: dict[str, Actor] = {}  # surname / role -> actor the document introduced

        def add(m: Mention) -> None:
            mentions.append(m)
            for i in range(m.start, m.end):
                actor_at.setdefault(i, m)

        persons = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"] + \
            self.people.titled_names(doc, covered)
        for start, end in persons:
            if start in labels or all(covered.get(i) is not None and covered[i].kind in ("title", "group")
                                      for i in range(start, end)):
                continue  # a speaker label; a title or group noun NER took for a name ("Riot police")
            add(self.unknown.place_for_person(doc, start, end, publisher["country"] if publisher else None) or
                self.people.person(doc, start, end, covered, date, memory))
        recall(mentions, memory)
        for person in surnames_again(doc, actor_at, covered, memory):  # "Murkomen said ...", NER saw no name
            add(person)
        described = {i for h in hits if h.kind == "name"  # "the Palestinian group Hamas": one actor, Hamas
                     for i in range(body_span(doc, h, covered, actor_at, self.kind_nouns)[0], h.start)}
        for h in hits:
            if h.start in actor_at or h.kind in ("title", "group", "official", "context") or h.start in described:
                continue
            m = self._named(doc, h, covered, actor_at)
            if m:
                add(m)
        for m in self.unknown(doc, actor_at, covered):
            if m.start not in labels:
                add(m)
        bodies = self._bodies_in_titles(doc, mentions)  # the people are all found by now
        for h in hits:  # titles and groups with no name and no country: "the President", "the two sides"
            if h.kind in ("title", "group") and h.start not in actor_at and not _modifier_only(doc, h, covered) and \
                    "head" not in self.agent_by_id[h.key].flags and not _division_word(doc, h) and \
                    not _describes_body(h, actor_at):
                unnamed = self._unnamed(doc, h, actor_at, mentions, memory, publisher, bodies)
                if unnamed is not None:
                    add(unnamed)
        own = publisher["country"] if publisher else None
        home = filed.country if filed is not None else None
        sentence_countries(doc, mentions, self.kb.countries, self.not_local, own, self.kb.organisations, home,
                           self.sides)
        titled_people(doc, mentions, self.kb.countries, own, home)
        for m in mentions:
            self.people.office_holder(doc, m, date)
        one_country_each(mentions, self.people, date)
        doc._.actors = mentions
        doc._.actor_at = actor_at
        return doc

    def _speaker_labels(self, doc: Doc) -> set[int]:
        """Speaker labels of a transcript ("Q:", "MODERATOR:", "QUESTION:"): never actors. The tokens of a label that
        stands before a colon."""
        out: set[int] = set()
        for tok in doc:
            if tok.text != ":" or tok.i == 0:
                continue
            start = tok.i - 1
            while start > 0 and doc[start - 1].text.isupper() and tok.i - start < 3:
                start -= 1
            label = doc[start:tok.i].text
            if label in self.speaker_labels or label.rstrip(".") in self.speaker_labels:
                out.update(range(start, tok.i))
        return out

    def _unnamed(self, doc: Doc, h: Hit, actor_at: dict[int, Mention], mentions: list[Mention],
                 memory: dict[str, Actor], publisher: dict[str, str] | None, bodies: list[Mention]) -> Mention | None:
        """A title or group with no name and no country: the person the document named with it before, the
        publisher's own ("The President" on kremlin.ru), the country of a conjunct or of "its", the body of its kind
        named just before ("the company"); None for a word that only ever stands for something named before ("the
        group") where nothing was."""
        agent = self.agent_by_id[h.key]
        head = doc[h.end - 1]
        remembered = memory.get("role:" + agent.role) if agent.role else None
        own = agent.kind == "title" or self._own_institution(doc, h, head)
        if remembered is None and own and publisher is not None and \
                self.people.holds_office(publisher["country"], agent):
            # "The President" on kremlin.ru, "the Secretary" on state.gov: the publisher's own
            remembered = Actor(text="", name=publisher["name"], country=publisher["country"],
                               sector=agent.sector, role=agent.role or None)
        actor = Actor(text="", sector=agent.sector, role=agent.role or None, resolved_by=f"agent:{agent.id}")
        body = next((actor_at[c.i] for c in head.children if c.dep_ == "compound" and c.i in actor_at and
                     actor_at[c.i].actor.resolved_by.startswith(("kb:n.", "kb:o."))), None)
        if body is not None and body.actor.country and remembered is None:  # "FARC dissidents", "Hamas fighters"
            actor.country, actor.sector = body.actor.country, body.actor.sector or actor.sector
            actor.resolved_by += f"+member:{body.actor.resolved_by[3:]}"
        shared = None if actor.country or agent.kind == "title" else conjunct_country(head, actor_at)
        how = "conj"
        if shared is None and not actor.country:
            shared, how = its_country(doc, head, mentions), "poss"
        if shared is None and not actor.country:
            shared, how = persons_country(doc, h, actor_at), "person"
        if shared is None and not actor.country and (agent.sector or "")[:3] in ("MIL", "COP"):
            shared, how = sender_country(head, actor_at, self.sender_verbs, mentions), "sender"
        if shared is not None and remembered is None:  # "Russian specialists and medical workers"
            actor.country, actor.resolved_by = shared, f"agent:{agent.id}+{how}:{shared}"
        if shared is None and remembered is None:
            earlier = self._named_before(doc, h, head, agent, mentions, bodies)
            if earlier is not None:  # "Gazprom said ... the company", "the Sinaloa Cartel ... the cartel"
                actor = replace(earlier.actor, titles=(),
                                resolved_by=f"agent:{agent.id}+back:{earlier.actor.resolved_by}")
            elif "back" in agent.flags:
                return None  # "the group", "the party" with nothing before it to stand for
        if remembered is not None:
            actor = replace(remembered, resolved_by=f"memory:{agent.id}")
        text, span = actor_text(doc, h.start, h.end)
        actor.text, actor.span = text, span
        return Mention(h.start, h.end, actor, head.i, "agent")

    def _own_institution(self, doc: Doc, h: Hit, head: Token) -> bool:
        """A group word that in a government's own release means that government's body: "the Administration" at
        whitehouse.gov, "Congress", "the Government" on kremlin.ru (capitalised, and not "your Government")."""
        words = doc[h.start:h.end]
        if words.text.lower() in self.own_institution and h.start > 0 and doc[h.start - 1].lower_ == "the" and \
                head.tag_ in ("NN", "NNP"):
            return True
        return words.text in self.own_capitalised and (head.tag_ == "NNP" or not words[0].is_sent_start) and \
            not any(c.dep_ == "poss" for c in head.children)

    def _named(self, doc: Doc, h: Hit, covered: dict[int, Hit], actor_at: dict[int, Mention]) -> Mention | None:
        """A country, capital, seat, demonym or organisation; with the agent noun it modifies where there is one."""
        head = doc[h.end - 1]
        if h.kind == "name":  # "Hamas", "the Donetsk People's Republic": a group with its own country and sector
            entry = self.kb.names[int(h.key)]
            if not entry.holds_on(doc._.doc_date):
                return None
            start, country, rule = h.start, entry.country, f"kb:{entry.id}"
            owner = next((covered[c.i] for t in doc[h.start:h.end] for c in t.children if c.dep_ == "poss" and
                          c.i < h.start and covered.get(c.i) is not None and covered[c.i].kind in COUNTRY_KINDS), None)
            if owner is not None:  # "Poland's Sejm"; "Portugal's Democratic Alliance", a namesake: the text's country
                start = owner.start
                if owner.key != country:
                    country, rule = owner.key, rule + f"+text:{owner.key}"
            end = h.end
            if owner is None:
                start, end = body_span(doc, h, covered, actor_at, self.kind_nouns)
            text, span = actor_text(doc, start, end)
            return Mention(start, end, Actor(text=text, name=entry.name, country=country, sector=entry.sector,
                                               span=span, resolved_by=rule),
                           head.i, "country" if country else "unknown")
        if h.kind in COUNTRY_KINDS and head.dep_ == "poss" and covered.get(head.head.i) is not None and \
                covered[head.head.i].kind == "name" and head.head.i > head.i:
            return None  # "Poland's" in "Poland's Sejm": the body's mention takes it
        country = h.key
        kind = "igo" if h.kind == "igo" else "country"
        sector = "IGO" if h.kind == "igo" else ("GOV" if h.kind in ("capital", "seat") else None)
        start, end, role, rule = h.start, h.end, None, f"kb:{h.kind}:{h.key}"
        governor = self._agent_governor(doc, head, covered)
        if governor is None and head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i in covered:
            title_hit = covered[head.head.head.i]  # "the President of Russia", "Ministry of Foreign Affairs of China"
            if title_hit.kind in ("title", "group"):
                governor = head.head.head
        if governor is not None and governor.i not in actor_at:
            agent_hit = covered[governor.i]
            agent = self.agent_by_id[agent_hit.key]
            start, end = min(h.start, agent_hit.start), max(h.end, agent_hit.end)
            if any(covered.get(i) is not None and covered[i].kind in COUNTRY_KINDS and covered[i] is not h
                   for i in range(start, end)):
                start, end = h.start, h.end  # "Lithuanian and Greek officials": each country word its own actor
            sector, role = agent.sector or None, agent.role or None
            if h.kind == "igo" and sector == "GOV":
                sector = "IGO"  # "the African Union Commission", "the UN Secretary-General"
            rule += f"+agent:{agent.id}"
            kind = "agent"
            head = governor
        elif h.kind == "demonym" and head.dep_ in ("amod", "compound") and head.head.pos_ in ("NOUN", "PROPN"):
            noun = head.head
            if noun.lemma_.lower() in self.other_actor or noun.text.lower() in self.other_actor:
                start, end, head, kind = h.start, max(h.end, noun.i + 1), noun, "agent"
        elif h.kind == "demonym" and head.tag_ in ("NNS", "NNPS") and head.dep_ not in ("amod", "compound"):
            sector, kind = "CVL", "agent"  # "Ukrainians", "working age Americans": the people
            rule += "+plural"
        text, span = actor_text(doc, start, end)
        actor = Actor(text=text, name=self._name(h), country=country, sector=sector, role=role, span=span,
                      resolved_by=rule)
        return Mention(start, end, actor, head.i, kind)

    def _named_before(self, doc: Doc, h: Hit, head: Token, agent: Agent, mentions: list[Mention],
                      bodies: list[Mention]) -> Mention | None:
        """For "the company", "the cartel", "the group" (definite, singular): the nearest body of that sector (any
        named body for a word with no sector) named in this sentence or the two before, ``bodies`` (named inside
        people's titles) among them; people and countries are not bodies."""
        before = doc[h.start - 1] if h.start > 0 else None
        if agent.kind != "group" or head.tag_ not in ("NN", "NNP", "NNS", "NNPS") or \
                not (doc[h.start].lower_ == "the" or (before is not None and before.lower_ == "the")):
            return None  # a title stands for a person: the document's memory of people resolves it
        plural = head.tag_ in ("NNS", "NNPS")
        sent = head.sent
        floor = sent.start
        for _ in range(2):
            if floor > 0:
                floor = doc[floor - 1].sent.start
        best = None
        for m in [*mentions, *bodies]:
            a = m.actor
            if not (floor <= m.start < h.start) or m.kind == "person" or a.person or not a.country or not a.sector:
                continue
            named = a.resolved_by.startswith(("kb:n.", "kb:o.", "kb:igo:"))
            if plural and (agent.sector == "GOV" or f"agent:{agent.id}" not in a.resolved_by):
                continue  # "the pirates" are the "Somali pirates" before; "the leaders" are of several states
            if (agent.sector and a.sector[:3] == agent.sector[:3]) or (not agent.sector and named):
                if best is None or m.start > best.start:
                    best = m
        return best

    def _bodies_in_titles(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """The bodies named inside the titles of people ("Shin Bet director Ronen Bar", "International Atomic Energy
        Agency chief Rafael Grossi"), as mentions of their own, for what "the agency" later stands for."""
        out = []
        for m in mentions:
            if m.kind != "person":
                continue
            for hit in within(doc._.gazetteer or [], m.start, m.end, lambda h: h.start):
                if hit.end > m.end or hit.kind not in ("name", "igo"):
                    continue
                text, span = actor_text(doc, hit.start, hit.end)
                if hit.kind == "igo":
                    actor = Actor(text=text, name=self.kb.organisations[hit.key].name, country=hit.key, sector="IGO",
                                  span=span, resolved_by=f"kb:igo:{hit.key}")
                else:
                    entry = self.kb.names[int(hit.key)]
                    actor = Actor(text=text, name=entry.name, country=entry.country, sector=entry.sector, span=span,
                                  resolved_by=f"kb:{entry.id}")
                out.append(Mention(hit.start, hit.end, actor, hit.end - 1, "country"))
        return out

    def _agent_governor(self, doc: Doc, tok: Token, covered: dict[int, Hit]) -> Token | None:
        """The title or group noun that a country word modifies: "Chinese enterprises", "the U.S. side", also
        through a coordination ("Lithuanian and Greek officials")."""
        cur = tok
        while cur.dep_ == "conj" and cur.head.i < cur.i:
            cur = cur.head
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        hit = covered.get(nxt.i) if nxt is not None else None
        if nxt is not None and hit is not None and hit.kind in ("title", "group") and nxt.head.i == tok.head.i != nxt.i:
            return doc[hit.end - 1] if hit.end - 1 >= nxt.i else nxt  # "the Russian military build-up"
        for _ in range(2):
            if cur.dep_ not in ("amod", "compound", "poss", "nmod", "case") or cur.head.i == cur.i:
                return None
            cur = cur.head
            hit = covered.get(cur.i)
            if hit is not None and hit.kind in ("title", "group"):
                return cur
        return None

    def _name(self, h: Hit) -> str:
        if h.kind == "igo":
            return self.kb.organisations[h.key].name
        c = self.kb.countries.get(h.key)
        return c.name if c else h.key






def _longest_agents(hits: list[Hit]) -> list[Hit]:
    """Of titles and group words that overlap, the longest: "the secretary-general" is one title, not "the
    secretary" and "general"."""
    agents = [h for h in hits if h.kind in ("title", "group")]
    taken: set[int] = set()
    keep: set[int] = set()
    for h in sorted(agents, key=lambda h: (h.start - h.end, h.start)):
        if not taken & set(range(h.start, h.end)):
            keep.add(id(h))
            taken.update(range(h.start, h.end))
    return [h for h in hits if h.kind not in ("title", "group") or id(h) in keep]


def _dateline_tokens(doc: Doc, place: Place | None) -> set[int]:
    """The tokens of the place a news dateline names: where the story was filed, never an actor."""
    if place is None or place.span is None:
        return set()
    span = doc.char_span(0, place.span[1], alignment_mode="expand")
    return set(range(span.end)) if span is not None else set()


def _modifier_only(doc: Doc, h: Hit, covered: dict[int, Hit]) -> bool:
    """A group word that only modifies another noun names no actor: "military options", "a state visit", "the
    two-state solution" (but "military officers" is a group of its own, and "the Russian military" is the head); nor
    does a title word that is an adjective ("a general strike")."""
    last = doc[h.end - 1]
    if h.kind == "title":  # "a general strike", "the general election": a word a title is spelt like
        return last.is_lower and last.dep_ == "amod" and last.head.i >= h.end and last.head.pos_ == "NOUN"
    if h.kind != "group":
        return False
    if last.dep_ not in ("amod", "compound") or last.head.i < h.end or last.head.i in covered:
        return False
    return last.head.pos_ in ("NOUN", "PROPN")


def _describes_body(h: Hit, actor_at: dict[int, Mention]) -> bool:
    """A group word just before a named body is what the body is, not another actor ("state news agency KCNA",
    "the militant group Hamas")."""
    body = actor_at.get(h.end)
    return h.kind == "group" and body is not None and body.start == h.end and \
        body.actor.resolved_by.startswith(NAMED_BODY)


def _division_word(doc: Doc, h: Hit) -> bool:
    """"state" in "Shan state", "Borno state": the kind of a place just named, not a state as an actor."""
    before = doc[h.start - 1] if h.start > 0 else None
    return h.end - h.start == 1 and doc[h.start].lower_ in DIVISION_WORDS and before is not None and \
        (before.ent_type_ in ("GPE", "LOC") or before.pos_ == "PROPN" and before.ent_type_ != "NORP")
