"""Stage 2, after NER: actor mentions, resolved from the text first, the knowledge base second, and what the document
said earlier third.

"Tajikistan's Foreign Minister Sirojiddin Muhriddin" is resolved from its own words (country and title); "Wang Yi"
from the dated list of officials; a later "Muhriddin" from the mention that introduced him. Writes ``doc._.actors``
(a list of ``Mention``) and ``doc._.actor_at`` (token index -> mention).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from readout.knowledge import KnowledgeBase, load
from readout.nlp.gazetteer import Hit
from readout.records import Actor

COUNTRY_KINDS = ("country", "capital", "seat", "demonym")
# Words that may sit between a title and a name: "Tajikistan's Foreign Minister", "Member of ... and Foreign Minister"
GLUE = {"'s", "’s", "the", "and", ",", "of", "'", "’", "-", "–", "(", ")"}
GENERIC_ROLES = {"Minister", "Secretary", "Official"}
OWN_INSTITUTIONS = {"administration", "foreign ministry", "ministry", "cabinet", "presidency"}
MONARCHS = ("King", "Queen", "Emir", "Sultan", "Emperor", "Grand Duke", "Prince")
HEAD_OF_STATE = {"Head of State", "President", "King", "Queen", "Emir", "Sultan", "Supreme Leader", "Grand Duke"}
HONORIFICS = {"Dr.", "Dr", "Mr.", "Mr", "Ms.", "Ms", "Mrs.", "Mrs", "H.E.", "Prof.", "Sir"}
OFFICE_WORDS = {"advisor", "adviser", "secretary", "minister", "director", "commissioner", "envoy", "ambassador",
                "chairman", "chairwoman", "chairperson", "chair", "chief", "coordinator", "representative",
                "spokesperson", "spokesman", "spokeswoman", "undersecretary", "counselor", "governor", "administrator",
                "president", "head", "attorney", "general", "commander", "mayor", "premier"}


@dataclass
class Mention:
    start: int
    end: int
    actor: Actor
    head: int  # token index of the mention's head
    kind: str  # person | country | igo | agent


def _matches(name: str, known: Actor) -> bool:
    """A name as written fits a known person: the same surname, and no other given name ("Muhriddin",
    "Sirojiddin Muhriddin", "Minister Muhriddin"; not "Ali Muhriddin")."""
    person = (known.person or "").split()
    words = name.split()
    return bool(person) and words[-1].lower() == person[-1].lower() and (
        len(words) == 1 or words[0].lower() in (w.lower() for w in person))


def _actor_text(doc: Doc, start: int, end: int) -> tuple[str, tuple[int, int]]:
    span = doc[start:end]
    return span.text, (span.start_char, span.end_char)


class ActorResolver:
    def __init__(self, kb: KnowledgeBase, knowledge: str | None = None):
        from readout.nlp.where import geocoder

        self.kb = kb
        self.geocoder = geocoder(knowledge)
        self.agent_by_id = {a.id: a for a in kb.agents}
        self.other_actor = kb.cue("other_actor")
        self.by_name: dict[str, list[int]] = {}
        self.by_office: dict[tuple[str, str], list[int]] = {}
        for i, off in enumerate(kb.officials):
            for n in (off.name, *off.aliases):
                self.by_name.setdefault(n.lower(), []).append(i)
            if off.role:
                self.by_office.setdefault((off.country, off.role), []).append(i)

    # -- lookups -------------------------------------------------------------------------------------------------
    def official(self, name: str, date: str | None) -> tuple[int, ...]:
        """The officials' list entries for a name: those whose term holds on ``date``; where none does, the person's
        latest term (which the caller reads for the country only: a role is not applied after it ended)."""
        found = self.by_name.get(name.lower(), [])
        dated = [i for i in found if self.kb.officials[i].holds_on(date)]
        if dated or not found:
            return tuple(dated)
        return (max(found, key=lambda i: self.kb.officials[i].end or "9999"),)

    def office_on(self, name: str, date: str | None) -> tuple[str | None, str | None, str | None, str]:
        """(country, sector, role, entry id) of a listed person on a date. Out of office, the role is gone and the
        sector is ELI (a former official, as CAMEO codes them)."""
        found = self.official(name, date)
        if not found:
            return None, None, None, ""
        off = self.kb.officials[found[0]]
        if off.holds_on(date):
            return off.country, off.sector or None, off.role or None, off.id
        return off.country, "ELI", None, off.id

    def country_of_hit(self, hit: Hit) -> str | None:
        return hit.key if hit.kind in COUNTRY_KINDS else None

    # -- the stage -----------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        date = doc._.doc_date
        hits: list[Hit] = doc._.gazetteer or []
        by_start: dict[int, list[Hit]] = {}
        covered: dict[int, Hit] = {}
        for h in hits:
            if h.kind == "context":
                continue
            by_start.setdefault(h.start, []).append(h)
            for i in range(h.start, h.end):
                covered.setdefault(i, h)
        mentions: list[Mention] = []
        actor_at: dict[int, Mention] = {}
        publisher = self.kb.publisher(doc._.publisher or "") if doc._.publisher else None
        memory: dict[str, Actor] = {}  # surname / role -> actor the document introduced

        def add(m: Mention) -> None:
            mentions.append(m)
            for i in range(m.start, m.end):
                actor_at.setdefault(i, m)

        persons = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"] + self._titled_names(doc, covered)
        for start, end in persons:
            add(self._person(doc, start, end, covered, date, memory))
        for m in mentions:  # "Call with Politburo Member Yang" in a title, "Yang Jiechi" further down
            a = m.actor
            if m.kind == "person" and a.country is None and a.person:
                later = memory.get(a.person.split()[-1].lower()) or memory.get(a.person.split()[0].lower())
                if later is not None and later is not a:
                    a.country, a.sector = later.country, a.sector or later.sector
                    a.role = a.role or later.role
                    a.resolved_by = "memory:" + (later.person or "")
        for h in hits:
            if h.start in actor_at or h.kind in ("title", "group", "official", "context"):
                continue
            m = self._named(doc, h, covered, actor_at)
            if m:
                add(m)
        for ent in doc.ents:  # names no table knows: kept as text, never dropped ("the ACLU", "Hamas")
            if ent.label_ in ("ORG", "NORP", "GPE", "FAC") and ent.start not in actor_at and ent.root.i not in actor_at:
                learned = (doc._.learned or {}).get(ent[-1].lower_)
                if learned is not None and len(ent) <= 2 and _matches(ent.text, learned):  # "Markarova" (ORG)
                    add(Mention(ent.start, ent.end, Actor(**{**learned.__dict__, "text": ent.text,
                                                             "span": (ent.start_char, ent.end_char)}),
                                ent.root.i, "person"))
                    continue
                place = self.geocoder.lookup(ent.text) if ent.label_ == "GPE" else None
                actor = Actor(text=ent.text, name=ent.text, span=(ent.start_char, ent.end_char),
                              country=place.country if place else None,
                              resolved_by=f"geonames:{place.geonames_id}" if place else f"ner:{ent.label_}")
                add(Mention(ent.start, ent.end, actor, ent.root.i, "unknown"))
        for h in hits:  # titles and groups with no name and no country: "the President", "the two sides"
            if h.kind in ("title", "group") and h.start not in actor_at:
                agent = self.agent_by_id[h.key]
                head = doc[h.end - 1]
                remembered = memory.get("role:" + agent.role) if agent.role else None
                own = agent.kind == "title" or (
                    doc[h.start:h.end].text.lower() in OWN_INSTITUTIONS and h.start > 0 and
                    doc[h.start - 1].lower_ == "the" and head.tag_ == "NN")  # "the Administration" at whitehouse.gov
                if remembered is None and own and publisher is not None and \
                        self.holds_office(publisher["country"], agent.id, agent.role):
                    # "The President" on kremlin.ru, "the Secretary" on state.gov: the publisher's own
                    remembered = Actor(text="", name=publisher["name"], country=publisher["country"],
                                       sector=agent.sector, role=agent.role or None)
                actor = Actor(text="", sector=agent.sector, role=agent.role or None,
                              resolved_by=f"agent:{agent.id}")
                shared, how = self._conjunct_country(head, actor_at), "conj"
                if shared is None:
                    shared, how = self._its(doc, head, mentions), "its"
                if shared is not None and remembered is None:  # "Russian specialists and medical workers"
                    actor.country, actor.resolved_by = shared, f"agent:{agent.id}+{how}:{shared}"
                if remembered is not None:
                    actor = Actor(**{**remembered.__dict__, "resolved_by": f"memory:{agent.id}"})
                text, span = _actor_text(doc, h.start, h.end)
                actor.text, actor.span = text, span
                add(Mention(h.start, h.end, actor, head.i, "agent"))
        for m in mentions:
            self.office_holder(doc, m, date)
        doc._.actors = mentions
        doc._.actor_at = actor_at
        return doc

    def _titled_names(self, doc: Doc, covered: dict[int, Hit]) -> list[tuple[int, int]]:
        """Names that NER took for an organisation because a title leads them: "Spokesperson Ned Price" (ORG)."""
        found = []
        for e in doc.ents:
            hit = covered.get(e.start)
            if e.label_ != "ORG" or hit is None or hit.kind != "title" or hit.end >= e.end:
                continue
            rest = doc[hit.end:e.end]
            if 2 <= len(rest) <= 4 and all(t.pos_ == "PROPN" and t.is_title and t.i not in covered for t in rest):
                found.append((hit.end, e.end))
        return found

    def office_holder(self, doc: Doc, m: Mention, date: str | None) -> None:
        """A title with a country and no name is the one person who held that office on the document's date:
        "the President of Russia" in February 2022 is Vladimir Putin (from the dated list of officials)."""
        a = m.actor
        if a.person or not a.country or not a.role or doc[m.head].tag_ in ("NNS", "NNPS"):
            return
        roles = HEAD_OF_STATE if a.role == "Head of State" else {a.role}
        found = {self.kb.officials[i].name: i for r in roles for i in self.by_office.get((a.country, r), ())
                 if self.kb.officials[i].holds_on(date)}
        if len(found) == 1 and date:
            off = self.kb.officials[next(iter(found.values()))]
            a.person, a.name = off.name, off.name
            a.role = off.role or a.role
            a.resolved_by = (a.resolved_by + "+" if a.resolved_by else "") + f"kb:{off.id}"

    def _person(self, doc: Doc, start: int, end: int, covered: dict[int, Hit], date: str | None,
                memory: dict[str, Actor]) -> Mention:
        name = doc[start:end].text
        titles: list[str] = []
        roles: list[tuple[str, str, str]] = []  # (role, sector, agent id)
        countries: list[str] = []
        left = start
        i = start - 1
        floor = doc[start].sent.start
        unknown: list[int] = []  # capitalised words of a title the tables lack: "National Security and ... Advisor"
        office: list[str] = []
        while i >= floor:
            tok = doc[i]
            hit = covered.get(i)
            if hit is not None and hit.kind in ("title", "country", "demonym", "seat", "capital", "igo"):
                if unknown and not office and not roles:
                    office = [doc[k].text for k in sorted(unknown)]
                unknown = []
                if hit.kind == "title":
                    agent = self.agent_by_id[hit.key]
                    titles.insert(0, doc[hit.start:hit.end].text)
                    roles.insert(0, (agent.role, agent.sector, agent.id))
                elif not self._posted_to(doc, hit, covered):  # "Ambassador to the United States": the host
                    countries.insert(0, hit.key)
                left = hit.start
                i = hit.start - 1
                if i > floor and doc[i].lower_ == "the":
                    i -= 1
                if i > floor and doc[i].lower_ == "to" and self._posted_to(doc, hit, covered):
                    i -= 1
                continue
            after = doc[i + 1] if i + 1 < len(doc) else tok
            starts_title = (covered.get(i + 1) is not None and covered[i + 1].kind == "title") or \
                after.lower_ in OFFICE_WORDS
            someone_else = any(doc[k].ent_type_ == "PERSON" for k in range(max(floor, i - 12), i))
            if tok.lower_ == "and" and (roles or office or unknown) and starts_title and someone_else:
                if unknown and not office and not roles:  # "... and Chairman Yahya": the office is his
                    office = [doc[k].text for k in sorted(unknown)]
                break  # "... of the Egyptian Parliament and Chairman Yahya ...": the left conjunct is someone else's
            if tok.text in GLUE and i > floor and covered.get(i - 1) is not None:
                i -= 1
                continue
            if (tok.is_title or tok.text in HONORIFICS or (unknown and tok.lower_ in ("and", "of", "for"))) and \
                    tok.ent_type_ not in ("PERSON", "GPE", "DATE", "CARDINAL") and len(unknown) < 8:
                unknown.insert(0, i)
                i -= 1
                continue
            break
        if office and not roles:
            words = [w for w in office if w not in HONORIFICS]
            while words and words[0].lower() in ("and", "of", "for"):
                words.pop(0)
            if words and words[-1].lower() in OFFICE_WORDS | {"advisor", "adviser", "secretary"}:
                role_text = " ".join(words)
                titles.insert(0, role_text)
                roles.insert(0, (role_text, "GOV", "text:office"))
        # "Speaker Ali Abdel-Aal of the Egyptian Parliament", "Chairman Al Manthri of State Council of Oman"
        if not countries and end < len(doc) - 1 and doc[end].lower_ == "of":
            k = end + 1
            while k < min(len(doc), end + 7) and (covered.get(k) is None or covered[k].kind not in COUNTRY_KINDS) \
                    and (doc[k].is_title or doc[k].lower_ in ("the", "of")):
                k += 1
            hit = covered.get(k)
            if hit is not None and hit.kind in (*COUNTRY_KINDS, "igo"):
                countries.append(hit.key)
        # appositive after the name: "Wang Yi, China's foreign minister,"
        j = end
        if j < len(doc) - 1 and doc[j].text == "," and not roles:
            k = j + 1
            while k < len(doc) and (covered.get(k) is not None or doc[k].text in GLUE) and k - j < 12:
                hit = covered.get(k)
                if hit is not None and hit.kind == "title":
                    agent = self.agent_by_id[hit.key]
                    titles.append(doc[hit.start:hit.end].text)
                    roles.append((agent.role, agent.sector, agent.id))
                    k = hit.end
                    continue
                if hit is not None and hit.kind in COUNTRY_KINDS:
                    countries.append(hit.key)
                    k = hit.end
                    continue
                k += 1
        inside = {covered[i] for i in range(start, end) if i in covered and covered[i].kind == "title"}
        for hit in sorted(inside, key=lambda h: h.start):  # "King Abdullah II": NER kept the title in the name
            agent = self.agent_by_id[hit.key]
            titles.append(doc[hit.start:hit.end].text)
            roles.append((agent.role, agent.sector, agent.id))
        # the main role is the one nearest the name that is not a party or honorific title
        role = sector = None
        for r, s, _ in reversed(roles):
            if r:
                role, sector = r, s
                if r != "Member of the Political Bureau":
                    break
        found = self.official(name, date)
        surname = name.split()[-1].lower()
        resolved_by = "text:title" if roles else ""
        country = countries[-1] if countries else None
        if country:
            resolved_by = "text:country" + ("+title" if roles else "")
        if found:
            off = self.kb.officials[found[0]]
            kb_country, kb_sector, kb_role, _ = self.office_on(off.name, date)
            if country is None:
                country = kb_country
                resolved_by = (resolved_by + "+" if resolved_by else "") + f"kb:{off.id}"
            if role is None or (role in GENERIC_ROLES and kb_role and country == kb_country):
                role, sector = kb_role, kb_sector  # "Secretary Antony J. Blinken": the Secretary of State
            name = off.name
        elif country is None and roles and len(name.split()) == 1 and "given:" + surname in memory:
            prior = memory["given:" + surname]
            country, role, sector = prior.country, role or prior.role, sector or prior.sector
            name = prior.person or name
            resolved_by = "memory:" + (prior.person or surname)
        elif country is None and surname in memory:
            prior = memory[surname]
            country, role, sector = prior.country, role or prior.role, sector or prior.sector
            name = prior.person or name
            resolved_by = "memory:" + (prior.person or surname)
        elif country is None and surname in (doc._.learned or {}) and _matches(name, doc._.learned[surname]):
            prior = doc._.learned[surname]  # a person an earlier document introduced ("Muhriddin")
            country, role, sector = prior.country, role or prior.role, sector or prior.sector
            name = prior.person or name
            resolved_by = prior.resolved_by
        text, span = _actor_text(doc, left, end)
        sector = sector or ("GOV" if role else None)
        if country in self.kb.organisations and sector == "GOV":
            sector = "IGO"  # an organisation's officials: "Mr Michel", "Chairperson Moussa Faki Mahamat"
        actor = Actor(text=text, name=name, country=country, sector=sector, role=role,
                      titles=titles, person=name, span=span, resolved_by=resolved_by or "ner:PERSON")
        if actor.country:
            memory.setdefault(surname, actor)
            given = name.split()[0].lower()
            if actor.country in self.kb.cue("family_name_first") and given != surname:
                memory.setdefault(given, actor)  # "Yang Jiechi" is later "Director Yang"
            words = name.split()
            for middle in words[1:-1]:  # "Moussa Faki Mahamat" is later "Chairperson Faki"
                if middle[:1].isupper() and len(middle) > 2:
                    memory.setdefault(middle.lower(), actor)
            if given != surname:
                memory.setdefault("given:" + given, actor)  # "Retno Marsudi" is later "Foreign Minister Retno"
            for r in {role, *(r for r, _, _ in roles)} - {None, ""}:
                memory.setdefault("role:" + r, actor)
        return Mention(left, end, actor, end - 1, "person")

    def _named(self, doc: Doc, h: Hit, covered: dict[int, Hit], actor_at: dict[int, Mention]) -> Mention | None:
        """A country, capital, seat, demonym or organisation; with the agent noun it modifies where there is one."""
        head = doc[h.end - 1]
        if h.kind == "name":  # "Hamas", "the Donetsk People's Republic": a group with its own country and sector
            entry = self.kb.names[int(h.key)]
            if not entry.holds_on(doc._.doc_date):
                return None
            text, span = _actor_text(doc, h.start, h.end)
            return Mention(h.start, h.end, Actor(text=text, name=entry.name, country=entry.country,
                                                 sector=entry.sector, span=span, resolved_by=f"kb:{entry.id}"),
                           head.i, "country" if entry.country else "unknown")
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
            sector, role = agent.sector, agent.role or None
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
        text, span = _actor_text(doc, start, end)
        actor = Actor(text=text, name=self._name(h), country=country, sector=sector, role=role, span=span,
                      resolved_by=rule)
        return Mention(start, end, actor, head.i, kind)

    def _posted_to(self, doc: Doc, hit: Hit, covered: dict[int, Hit]) -> bool:
        """Whether a country names where an envoy is posted: "Ambassador to the United States", "Envoy to China"."""
        i = hit.start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        if i < 1 or doc[i].lower_ != "to":
            return False
        title = covered.get(i - 1)
        return title is not None and title.kind == "title" and \
            self.agent_by_id[title.key].role in ("Ambassador", "Envoy", "Special Envoy", "Representative")

    def holds_office(self, country: str, agent_id: str, role: str | None) -> bool:
        """Whether a government can be the one a bare title means: "the King" in a White House readout is not the
        United States' (no king in its list of officials); "the President" is."""
        if agent_id != "t.king":
            return True
        return any((country, r) in self.by_office for r in MONARCHS)

    @staticmethod
    def _its(doc: Doc, head: Token, mentions: list[Mention]) -> str | None:
        """The country "its" refers to in "its armed forces": the last state named in this sentence or the one
        before."""
        if not any(c.dep_ == "poss" and c.lower_ == "its" for c in head.children):
            return None
        sent = head.sent
        since = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        named = [m for m in mentions if m.kind in ("country", "igo") and m.actor.country and since <= m.start
                 and m.end <= head.i]
        return named[-1].actor.country if named else None

    @staticmethod
    def _conjunct_country(head: Token, actor_at: dict[int, Mention]) -> str | None:
        """The country of the noun a group noun is coordinated with, when a country word modifies that noun."""
        if head.dep_ != "conj" or head.head.i >= head.i:
            return None
        first = head.head
        m = actor_at.get(first.i)
        if m is not None and m.actor.country and m.kind == "agent":
            return m.actor.country
        for c in first.children:
            mm = actor_at.get(c.i)
            if c.dep_ in ("amod", "compound", "poss") and mm is not None and mm.actor.country:
                return mm.actor.country
        return None

    def _agent_governor(self, doc: Doc, tok: Token, covered: dict[int, Hit]) -> Token | None:
        """The title or group noun that a country word modifies: "Chinese enterprises", "the U.S. side", also
        through a coordination ("Lithuanian and Greek officials")."""
        cur = tok
        while cur.dep_ == "conj" and cur.head.i < cur.i:
            cur = cur.head
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        hit = covered.get(nxt.i) if nxt is not None else None
        if hit is not None and hit.kind in ("title", "group") and nxt.head.i == tok.head.i != nxt.i:
            return doc[hit.end - 1] if hit.end - 1 >= nxt.i else nxt  # "the Russian military build-up"
        for _ in range(2):
            if cur.dep_ not in ("amod", "compound", "poss", "nmod", "case") or cur.head is cur:
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


@Language.factory("readout_actors", default_config={"knowledge": None})
def make_actors(nlp: Language, name: str, knowledge: str | None) -> ActorResolver:
    return ActorResolver(load(knowledge), knowledge)
