"""People in the text: a name with the titles and country words around it ("Tajikistan's Foreign Minister
Sirojiddin Muhriddin"), a country after it ("Speaker Ali Abdel-Aal of the Egyptian Parliament"), the dated list of
officials (who held an office on the document's date; out of office, the country stays and the role goes), and what
the document or the corpus said before ("Muhriddin"). ``People`` does this for the actors stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from readout.knowledge import KnowledgeBase
from readout.nlp.descriptors import noun_modifiers, person_noun
from readout.nlp.gazetteer import COUNTRY_KINDS, Hit
from readout.nlp.offices import Offices
from readout.nlp.recollection import remember
from readout.records import Actor

PEOPLE_AT_LARGE = ("", "CVL", "REF")  # "refugee chief Filippo Grandi" heads no refugees' body
GROUP_SECTORS = ("PTY", "OPP", "REB", "UAF", "CRM")  # bodies outside the state a person may lead
NAMED_BODY = ("kb:n.", "kb:o.", "kb:igo:")  # how a named body the tables know resolves
ENVOYS = ("ambassador", "envoy", "representative")  # words of the roles of those who represent a state


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


@dataclass
class Around:
    """What the words around a name say of the person: titles as written, (role, sector, agent id) of each, country
    codes, and where the mention starts."""

    left: int
    titles: list[str] = field(default_factory=list)
    roles: list[tuple[str, str, str]] = field(default_factory=list)
    countries: list[str | None] = field(default_factory=list)


class People(Offices):
    """Resolving people, from the knowledge base's officials, names, agents (titles) and cues."""

    def __init__(self, kb: KnowledgeBase):
        super().__init__(kb)
        self.names = kb.names
        self.organisations = kb.organisations
        self.agent_by_id = {a.id: a for a in kb.agents}
        # glue: words that may sit between a title and a name: "Tajikistan's Foreign Minister", "Member of ... and
        # Foreign Minister"
        self.glue, self.honorifics = kb.cue("name_glue"), kb.cue("honorific")
        self.office_words, self.joiners = kb.cue("office_word"), kb.cue("title_joiner")
        self.lower_roles = kb.cue("lower_role")
        self.title_roles = {p.lstrip("^").lower(): a.role for a in kb.agents if a.kind == "title" and a.role
                            for p in a.phrases}
        self.generic_roles = kb.cue("generic_role")
        self.family_name_first = kb.cue("family_name_first")
        self.former = kb.cue("former")
        self.removed = kb.cue("removed_adjective")  # "ousted President Mohamed Bazoum" (not "the army ousted ...")

    def hit_country(self, hit: Hit) -> str | None:
        """The country (or organisation) a gazetteer hit names: a country word, an organisation, or a named body
        with its country ("the CPPCC National Committee": China)."""
        if hit.kind in (*COUNTRY_KINDS, "igo"):
            return hit.key
        if hit.kind == "name":
            return self.names[int(hit.key)].country
        return None

    def titled_names(self, doc: Doc, covered: dict[int, Hit]) -> list[tuple[int, int]]:
        """Names that NER took for an organisation because a title or a sector's noun leads them: "Spokesperson Ned
        Price" (ORG)."""
        found = []
        for e in doc.ents:
            hit = covered.get(e.start)
            if e.label_ != "ORG" or hit is None or hit.kind not in ("title", "group") or hit.end >= e.end or \
                    hit.kind == "group" and not doc[hit.start].is_lower:
                continue  # (a group word: "drug lord Ridouan Taghi")
            rest = doc[hit.end:e.end]
            if 2 <= len(rest) <= 4 and all(t.pos_ == "PROPN" and t.is_title and t.i not in covered for t in rest):
                found.append((hit.end, e.end))
        return found

    def office_holder(self, doc: Doc, m: Mention, date: str | None) -> None:
        """The one holder of a title with a country and no name, on the date (``Offices.fill_holder``)."""
        self.fill_holder(m.actor, doc[m.head].tag_ in ("NNS", "NNPS"), date)

    def person(self, doc: Doc, start: int, end: int, covered: dict[int, Hit], date: str | None,
               memory: dict[str, Actor]) -> Mention:
        """A person's mention: the name, the titles and country words around it, the officials' list and what the
        document (``memory``) or the corpus said before. Adds what it learns to ``memory``."""
        while end - start > 1 and doc[end - 1].tag_ == "POS":
            end -= 1  # "Deputy Secretary Sherman's meeting": the name is "Sherman"
        name = doc[start:end].text
        surname = name.split()[-1].lower()
        around = self._left_of(doc, start, covered)
        self._country_after(doc, end, covered, around)
        self._appositive(doc, end, covered, around)
        inside = {covered[i] for i in range(start, end) if i in covered and covered[i].kind == "title"}
        for hit in sorted(inside, key=lambda h: h.start):  # "King Abdullah II": NER kept the title in the name
            if not self.given_name(doc[start:end].text, doc[hit.start:hit.end].text, hit.start == start, date):
                self._add_title(doc, hit, around)
        # the main role is the one nearest the name that is not a party or honorific title
        role = sector = None
        for r, s, agent_id in reversed(around.roles):
            if r:
                role, sector = r, s
                if agent_id not in self.agent_by_id or "rank" not in self.agent_by_id[agent_id].flags:
                    break
        name, country, role, sector, resolved_by = self._resolve(doc, name, around, role, sector, date, memory)
        noun = person_noun(doc, around.left, covered, self.agent_by_id) if not around.roles and not sector else None
        if noun is not None:  # "journalist Arshad Sharif", "Belarusian rights activist Ales Bialiatski"
            around.left, owner = noun_modifiers(doc, noun, covered)
            sector = self.agent_by_id[noun.key].sector
            resolved_by = (resolved_by + "+" if resolved_by else "") + f"text:{noun.key}"
            if country is None and owner is not None:
                around.left, country = owner.start, self.hit_country(owner)
                resolved_by += f"+text:{country}"
        text, span = actor_text(doc, around.left, end)
        sector = sector or ("GOV" if role else None)
        before = doc[around.left - 1] if around.left > 0 else None
        if around.roles and before is not None and (before.lower_ in self.former or
                                                    before.lower_ in self.removed and before.dep_ == "amod"):
            sector, role = "ELI", None  # "former Prime Minister Boris Johnson": an elite, out of office
            resolved_by = (resolved_by + "+" if resolved_by else "") + "text:former"
        if country in self.organisations and sector not in ("ELI", "IGO"):
            sector = "IGO"  # an organisation's officials: "Mr Michel", "Chairperson Moussa Faki Mahamat"
        actor = Actor(text=text, name=name, country=country, sector=sector, role=role,
                      titles=tuple(around.titles), person=name, span=span, resolved_by=resolved_by or "ner:PERSON")
        if actor.country:
            remember(actor, surname, name, {role, *(r for r, _, _ in around.roles)}, memory, self.family_name_first,
                     self.title_roles)
        elif len(name.split()) > 1:
            memory.setdefault("named:" + surname, actor)
        return Mention(around.left, end, actor, end - 1, "person")

    def _add_title(self, doc: Doc, hit: Hit, around: Around, first: bool = False) -> None:
        agent = self.agent_by_id[hit.key]
        at = 0 if first else len(around.titles)
        around.titles.insert(at, doc[hit.start:hit.end].text)
        around.roles.insert(at, (agent.role, agent.sector, agent.id))

    def _left_of(self, doc: Doc, start: int, covered: dict[int, Hit]) -> Around:
        """The titles and country words before a name, back to the start of its sentence."""
        around = Around(start)
        floor = doc[start].sent.start
        wire = self._lowercase_office(doc, start, floor, covered)  # "Shin Bet director", "opposition leader"
        i = wire[0] - 1 if wire else start - 1
        if wire:
            around.left = wire[0]
        body_sector = None
        body_end = title_start = -1
        unknown: list[int] = []  # capitalised words of a title the tables lack: "National Security and ... Advisor"
        office: list[str] = []
        while i >= floor:
            tok = doc[i]
            hit = covered.get(i)
            if hit is not None and (hit.kind in ("title", "country", "demonym", "seat", "capital", "igo") or
                                    hit.kind == "name" and self.hit_country(hit)):
                if unknown and not office and not around.roles:
                    office = [doc[k].text for k in sorted(unknown)]
                    title_start = min(unknown)
                unknown = []
                if hit.kind == "name" and body_sector is None:
                    body_sector = self.names[int(hit.key)].sector
                    body_end = hit.end
                if hit.kind == "title":
                    self._add_title(doc, hit, around, first=True)
                    title_start = hit.start
                elif not self._posted_to(doc, hit, covered):  # "Ambassador to the United States": the host
                    around.countries.insert(0, self.hit_country(hit))
                around.left = hit.start
                i = hit.start - 1
                if i > floor and doc[i].lower_ == "the":
                    i -= 1
                if i > floor and doc[i].lower_ == "to" and self._posted_to(doc, hit, covered):
                    i -= 1
                continue
            k = i
            while k >= floor and k > i - 3 and doc[k].is_lower and doc[k].pos_ in ("NOUN", "ADJ"):
                k -= 1
            if around.roles and i + 1 == around.left and k < i and k >= floor and covered.get(k) is not None and \
                    covered[k].kind in COUNTRY_KINDS and doc[i].lower_ in self.office_words:
                around.left = k + 1  # "Philippine military chief General Romeo Brawner": on to the country word
                i = k
                continue
            after = doc[i + 1] if i + 1 < len(doc) else tok
            starts_title = (covered.get(i + 1) is not None and covered[i + 1].kind == "title") or \
                after.lower_ in self.office_words
            someone_else = any(doc[k].ent_type_ == "PERSON" for k in range(max(floor, i - 12), i))
            if tok.lower_ == "and" and (around.roles or office or unknown) and starts_title and someone_else:
                if unknown and not office and not around.roles:  # "... and Chairman Yahya": the office is his
                    office = [doc[k].text for k in sorted(unknown)]
                    title_start = min(unknown)
                break  # "... of the Egyptian Parliament and Chairman Yahya ...": the left conjunct is someone else's
            if tok.text in self.glue and i > floor and covered.get(i - 1) is not None:
                before = covered[i - 1]
                prep = doc[before.start - 1] if before.start > 0 else None
                if tok.text == "," and before.kind in COUNTRY_KINDS and (prep is None or prep.lower_ != "of") and \
                        (not around.roles or prep is not None and prep.pos_ == "ADP"):
                    break  # "Ukraine, Vladimir Putin said": a country in a list; "trip to Paraguay, Under Secretary"
                if tok.text == "," and prep is not None and prep.lower_ == "of" and \
                        not self._office_before(doc, prep, covered):
                    break  # "members of Tren de Aragua, Trump said": no office "of" it ("President of Ukraine, ...")
                i -= 1
                continue
            if (tok.is_title or tok.text in self.honorifics or (unknown and tok.lower_ in self.joiners)) and \
                    tok.ent_type_ not in ("PERSON", "GPE", "DATE", "CARDINAL") and len(unknown) < 8:
                unknown.insert(0, i)
                i -= 1
                continue
            break
        if wire and not around.roles:
            role_text, sector = wire[1], wire[2] or body_sector or "GOV"
            around.titles.insert(0, role_text)
            around.roles.insert(0, (role_text[:1].upper() + role_text[1:], sector, "text:office"))
        if office and not around.roles:
            self._office_words(office, around)
        if body_sector not in (None, "GOV") and title_start in (body_end, body_end + 1) and \
                doc[body_end:title_start].text in ("", "'s", "’s"):
            _of_the_body(around, body_sector or "GOV")
        return around

    def _office_words(self, office: list[str], around: Around) -> None:
        """A title the tables lack, in capitalised words that end in an office word: "National Security and Defence
        Council Secretary"."""
        words = [w for w in office if w not in self.honorifics]
        while words and words[0].lower() in self.joiners:
            words.pop(0)
        if words and words[-1].lower() in self.office_words:
            role_text = " ".join(words)
            around.titles.insert(0, role_text)
            around.roles.insert(0, (role_text, "GOV", "text:office"))

    def _lowercase_office(self, doc: Doc, start: int, floor: int,
                          covered: dict[int, Hit]) -> tuple[int, str, str | None] | None:
        """A role as wire copy writes it, in lower case just before the name: "director Ronen Bar", "political leader
        Ismail Haniyeh", "opposition leader Peter Dutton", "army chief ...": where it starts, its words, and the sector
        a group word in it gives ("opposition": OPP, "army": MIL), if any."""
        i = start - 1
        if i < floor or not doc[i].is_lower or doc[i].lower_ not in self.office_words | self.lower_roles:
            return None
        sector = None
        while i - 1 >= floor and start - i < 3 and doc[i - 1].lower_ not in self.former and (
                doc[i - 1].is_lower and doc[i - 1].pos_ in ("ADJ", "NOUN") or self._body_word(covered.get(i - 1))):
            i -= 1  # "army chief", "Navy spokesman"; not "former prime minister": the former official is an elite
        for k in range(i, start):  # the words before the office word: "army chief", not "leader" itself; or a
            hit = covered.get(k)  # title of its own sector over them ("army chief", "police commissioner")
            if hit is not None and (self._body_word(hit) and k < start - 1 or
                                    hit.kind == "title" and self.agent_by_id[hit.key].sector not in ("GOV", "")):
                sector = self.agent_by_id[hit.key].sector
        return i, doc[i:start].text, sector

    def _office_before(self, doc: Doc, prep: Token, covered: dict[int, Hit]) -> bool:
        """Whether an office is what "of" follows ("President of Ukraine", "Minister of Foreign Affairs of"): a title
        over the word before it, or an office word (as ``starts_title`` asks of the word after a glue)."""
        if prep.i == 0:
            return False
        owner = doc[prep.i - 1]
        hit = covered.get(owner.i)
        return (hit is not None and hit.kind == "title") or owner.lower_ in self.office_words

    def _body_word(self, hit: Hit | None) -> bool:
        """A group word that names a body ("Navy", "Opposition", "police"), in any case."""
        return hit is not None and hit.kind == "group" and self.agent_by_id[hit.key].sector not in PEOPLE_AT_LARGE

    def _country_after(self, doc: Doc, end: int, covered: dict[int, Hit], around: Around) -> None:
        """"Speaker Ali Abdel-Aal of the Egyptian Parliament", "Chairman Al Manthri of State Council of Oman"."""
        if around.countries or end >= len(doc) - 1 or doc[end].lower_ != "of":
            return
        k = end + 1
        while k < min(len(doc), end + 7) and (covered.get(k) is None or not self.hit_country(covered[k])) \
                and (doc[k].is_title or doc[k].lower_ in ("the", "of")):
            k += 1
        hit = covered.get(k)
        if hit is not None and self.hit_country(hit):
            around.countries.append(self.hit_country(hit))

    def _appositive(self, doc: Doc, end: int, covered: dict[int, Hit], around: Around) -> None:
        """An appositive after the name: "Wang Yi, China's foreign minister,"."""
        j = end
        if j >= len(doc) - 1 or doc[j].text != "," or around.roles:
            return
        k = j + 1
        while k < len(doc) and (covered.get(k) is not None or doc[k].text in self.glue) and k - j < 12:
            hit = covered.get(k)
            if hit is not None and hit.end < len(doc) and doc[hit.end].tag_ == "POS":
                return  # "..., the Attorney General's Office said": an office's body, not the person's title
            if hit is not None and hit.kind == "title":
                self._add_title(doc, hit, around)
                k = hit.end
                continue
            if hit is not None and hit.kind in COUNTRY_KINDS:
                around.countries.append(hit.key)
                k = hit.end
                continue
            k += 1

    def _resolve(self, doc: Doc, name: str, around: Around, role: str | None, sector: str | None,
                 date: str | None, memory: dict[str, Actor]) -> tuple[str, str | None, str | None, str | None, str]:
        """(name, country, role, sector, how) of a person: from the text's words, the officials' list, what the
        document said before, or what an earlier document said."""
        found = self.official(name, date)
        surname = name.split()[-1].lower()
        resolved_by = "text:title" if around.roles else ""
        country = around.countries[-1] if around.countries else None
        if country in self.organisations and role is not None and any(w in role.lower() for w in ENVOYS):
            # "Israel's U.N. ambassador Gilad Erdan": the state's envoy to the organisation
            state = next((c for c in reversed(around.countries[:-1]) if c and c not in self.organisations), None)
            country = state or country
        if country:
            resolved_by = "text:country" + ("+title" if around.roles else "")
        prior: Actor | None = None
        if not found and role and date and len(name.split()) == 1:
            found = self.titled_surname(name, role, date, country)
        named = memory.get(surname) or memory.get("named:" + surname) if len(name.split()) == 1 else None
        held = self.officials[found[0]].name if found else ""
        if found and named is not None and named.person and named.person != held and not matches(held, named):
            found = ()  # "Lai" after "Jimmy Lai": the person the document named, not Lai Ching-te
        if found:
            off = self.officials[found[0]]
            kb_country, kb_sector, kb_role, _ = self.office_on(off.name, date)
            if country is None:
                country = kb_country
                resolved_by = (resolved_by + "+" if resolved_by else "") + f"kb:{off.id}"
            if role is None or (role in self.generic_roles and kb_role and country == kb_country) or \
                    (kb_sector in GROUP_SECTORS and sector in (None, "GOV") and self.group_office(role, around.titles)):
                # "Secretary Antony J. Blinken": the Secretary of State; "AfD co-leader Alice Weidel": the party's;
                # "jailed founder Abdullah Ocalan": the PKK's
                role, sector = kb_role, kb_sector
            name = off.name
        elif country is None and around.roles and len(name.split()) == 1 and "given:" + surname in memory:
            prior = memory["given:" + surname]
            resolved_by = "memory:" + (prior.person or surname)
        elif country is None and surname in memory:
            prior = memory[surname]
            resolved_by = "memory:" + (prior.person or surname)
        elif country is None and named is not None:
            prior = named  # someone the document named, whose country it gives later ("Jimmy Lai", filed in Hong Kong)
            resolved_by = "memory:" + (prior.person or surname)
        elif country is None and surname in (doc._.learned or {}) and matches(name, doc._.learned[surname]):
            prior = doc._.learned[surname]  # a person an earlier document introduced ("Muhriddin")
            resolved_by = prior.resolved_by
        if prior is not None:
            country, role, sector = prior.country, role or prior.role, sector or prior.sector
            name = prior.person or name
        elif country is None and not found and date and len(name.split()) == 1:
            holders = {self.officials[i].name: i for i in self.by_word.get(surname, ())
                       if self.officials[i].holds_on(date)}  # "Sullivan" in a 2022 readout: an American official
            states = {self.officials[i].country for i in holders.values()}
            if len(states) == 1:
                off = self.officials[next(iter(holders.values()))]
                country = off.country
                resolved_by = (resolved_by + "+" if resolved_by else "") + f"kb:surname:{country}"
                if len(holders) == 1:
                    name, role, sector = off.name, role or off.role or None, sector or off.sector or None
        return name, country, role, sector, resolved_by

    def _posted_to(self, doc: Doc, hit: Hit, covered: dict[int, Hit]) -> bool:
        """Whether a country names where an envoy is posted: "Ambassador to the United States", "Envoy to China"."""
        i = hit.start - 1
        if i >= 0 and doc[i].lower_ == "the":
            i -= 1
        if i < 1 or doc[i].lower_ != "to":
            return False
        title = covered.get(i - 1)
        return title is not None and title.kind == "title" and "posted" in self.agent_by_id[title.key].flags


def _of_the_body(around: Around, sector: str) -> None:
    """A state office's one title right after a named body is the body's office: "CIA Director William Burns"."""
    if len(around.roles) == 1 and around.roles[0][1] == "GOV":
        role, _, agent_id = around.roles[0]
        around.roles[0] = (role, sector, agent_id)
