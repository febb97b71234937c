"""People in the text: a name with the titles and country words around it ("Tajikistan's Foreign Minister
Sirojiddin Muhriddin"), a country after it ("Speaker Ali Abdel-Aal of the Egyptian Parliament"), the dated list of
officials (who held an office on the document's date; out of office, the country stays and the role goes), and what
the document or the corpus said before ("Muhriddin"). ``People`` is the part of the actors stage that does this.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from readout.nlp.gazetteer import Hit
from readout.records import Actor

COUNTRY_KINDS = ("country", "capital", "seat", "demonym")
GLUE = {"'s", "’s", "the", "and", ",", "of", "'", "’", "-", "–", "(", ")"}
GENERIC_ROLES = {"Minister", "Secretary", "Official"}
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


def matches(name: str, known: Actor) -> bool:
    """A name as written fits a known person: the same surname, and no other given name ("Muhriddin",
    "Sirojiddin Muhriddin", "Minister Muhriddin"; not "Ali Muhriddin")."""
    person = (known.person or "").split()
    words = name.split()
    return bool(person) and words[-1].lower() == person[-1].lower() and (
        len(words) == 1 or words[0].lower() in (w.lower() for w in person))


def actor_text(doc: Doc, start: int, end: int) -> tuple[str, tuple[int, int]]:
    span = doc[start:end]
    return span.text, (span.start_char, span.end_char)


class People:
    """Resolving people; mixed into the actors stage, which provides ``kb``, ``agent_by_id``, ``by_name`` and
    ``by_office``."""

    def hit_country(self, hit: Hit) -> str | None:
        """The country (or organisation) a gazetteer hit names: a country word, an organisation, or a named body
        with its country ("the CPPCC National Committee": China)."""
        if hit.kind in (*COUNTRY_KINDS, "igo"):
            return hit.key
        if hit.kind == "name":
            return self.kb.names[int(hit.key)].country
        return None

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
            if hit is not None and (hit.kind in ("title", "country", "demonym", "seat", "capital", "igo") or
                                    hit.kind == "name" and self.hit_country(hit)):
                if unknown and not office and not roles:
                    office = [doc[k].text for k in sorted(unknown)]
                unknown = []
                if hit.kind == "title":
                    agent = self.agent_by_id[hit.key]
                    titles.insert(0, doc[hit.start:hit.end].text)
                    roles.insert(0, (agent.role, agent.sector, agent.id))
                elif not self._posted_to(doc, hit, covered):  # "Ambassador to the United States": the host
                    countries.insert(0, self.hit_country(hit))
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
            while k < min(len(doc), end + 7) and (covered.get(k) is None or not self.hit_country(covered[k])) \
                    and (doc[k].is_title or doc[k].lower_ in ("the", "of")):
                k += 1
            hit = covered.get(k)
            if hit is not None and self.hit_country(hit):
                countries.append(self.hit_country(hit))
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
        elif country is None and surname in (doc._.learned or {}) and matches(name, doc._.learned[surname]):
            prior = doc._.learned[surname]  # a person an earlier document introduced ("Muhriddin")
            country, role, sector = prior.country, role or prior.role, sector or prior.sector
            name = prior.person or name
            resolved_by = prior.resolved_by
        text, span = actor_text(doc, left, end)
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
