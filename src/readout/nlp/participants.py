"""Who takes part in an event: the actors a phrase names (coordination, pronouns, "the two sides", names inside
phrases), the two sides of a document, the government that publishes it, and who said what.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Token

from readout.knowledge import KnowledgeBase
from readout.nlp import grammar as g
from readout.nlp.grammar import phrase
from readout.nlp.owners import antecedent
from readout.nlp.people import Mention
from readout.nlp.statements import Signatories, longest_list
from readout.nlp.transcripts import addressee, labelled_speaker
from readout.records import Actor


class Participants:
    """Reads the countries and publishers of the knowledge base and its cue words; ``is_trigger`` tells an event
    noun ("the attacks on civilians": the victims are not the attacker)."""

    def __init__(self, kb: KnowledgeBase, is_trigger: Callable[[Token], object]):
        self.countries = kb.countries
        self.publishers = kb.publisher
        self.is_trigger = is_trigger
        self.speech = kb.cue("speech")
        self.signatories = Signatories(kb)  # who signs a joint or group statement (``nlp.statements``)
        self.signatory_word = kb.cue("signatory_word")  # "the undersigned": the signatories
        self.pronoun_act = kb.cue("pronoun_act")  # "China opposes that": the act told before
        self.pair_adjective = kb.cue("pair_adjective")  # "bilateral trade": the two sides'
        self.reciprocal_head, self.other_actor = kb.cue("reciprocal_head"), kb.cue("other_actor")
        self.pronoun_person, self.pronoun_speaker = kb.cue("pronoun_person"), kb.cue("pronoun_speaker")
        self.speaker_labels = kb.cue("transcript_speaker")
        self.pronoun_state, self.pronoun_sides = kb.cue("pronoun_state"), kb.cue("pronoun_sides")
        self.pronoun_group, self.pronoun_addressee = kb.cue("pronoun_group"), kb.cue("pronoun_addressee")
        self.vocatives = kb.cue("vocative")  # "Mr President, ...": whom a speaker addresses
        self.state_noun, self.pair_number = kb.cue("state_noun"), kb.cue("pair_number")
        self.reciprocal_plural, self.list_joiner = kb.cue("reciprocal_plural"), kb.cue("list_joiner")
        self.directional = kb.cue("directional")

    def actors_for(self, doc: Doc, tok: Token, actor_at: dict[int, Mention], pair: list[Actor],
                   speaker: Actor | None, strict: bool = False) -> list[Actor]:
        """The actors that a phrase headed by ``tok`` names, coordination included ("China and Tajikistan")."""
        out: list[Actor] = []
        heads = [tok, *tok.conjuncts]
        if tok.dep_ == "nsubj":  # "A, B, and the United States condemn": a list the parse split in two subjects
            heads += [c for c in tok.head.children if c.dep_ == "nsubj" and c is not tok and c.i in actor_at]
        for child in tok.children:  # "the President of X, Joseph Biden, and the President of Y, Giorgia Meloni"
            if child.dep_ == "appos":
                heads += [c for c in child.conjuncts if c not in heads]
            if child.dep_ in ("amod", "compound", "nmod", "poss") and child.conjuncts:
                # "Israeli and Lebanese officials", "Russia and Turkey's foreign ministers"
                heads += [c for c in (child, *child.conjuncts) if c.i in actor_at and c not in heads]
        for t in heads:
            found = self.actor_of(doc, t, actor_at, pair, speaker, strict)
            for a in found:
                if not any(a is b or (a.country == b.country and a.person == b.person and a.country) for b in out):
                    out.append(a)
        if any(a.country for a in out):  # "Politburo Member Yang Jiechi, Director of ...": a title, not a second actor
            out = [a for a in out if a.country or a.person or not a.role]
        return out

    def actor_of(self, doc: Doc, t: Token, actor_at: dict[int, Mention], pair: list[Actor],
                 speaker: Actor | None, strict: bool) -> list[Actor]:
        m = actor_at.get(t.i)
        named = next((actor_at[a.i] for a in t.children if a.dep_ == "appos" and a.i in actor_at
                      and actor_at[a.i].actor.person and actor_at[a.i] is not m), None)
        # "the President of ..., Giorgia Meloni": the name in apposition, over a title read from memory
        if named is not None and (m is None or not m.actor.person or m.actor.resolved_by.startswith("memory:")):
            return [named.actor]
        if m is not None and (m.actor.country or m.actor.person or m.kind == "unknown"):
            return [m.actor]
        low = t.lower_
        if t.pos_ == "PRON":
            named_as = next((c for c in t.children if c.dep_ == "appos"), None)
            found_as: dict[str, Actor] = {}
            for i in range(named_as.left_edge.i, named_as.right_edge.i + 1) if named_as is not None else ():
                country = actor_at[i].actor.country if i in actor_at else None
                if country:
                    found_as.setdefault(country, actor_at[i].actor)
            # "We, the Foreign Ministers of A, B and C, condemn ...": the states the pronoun's apposition names
            return list(found_as.values()) or self.pronoun(doc, t, pair, speaker)
        if strict:
            return [m.actor] if m is not None and m.actor.country else []
        if low in self.pair_adjective and len(pair) == 2:  # "bilateral trade": the document's two sides'
            return [replace(a, text=t.text) for a in pair]
        if self.signing(t) and self.signatories(doc):  # "the undersigned members of ...": the statement's signatories
            return [replace(a, text=phrase(doc, t, head_only=True)) for a in self.signatories(doc)]
        if t.lemma_.lower() in self.reciprocal_head and any(c.lower_ in GROUP_SIZES for c in t.children):
            return self.the_group(doc, t)  # "the three governments", "the trilateral parties"
        if t.lemma_.lower() in self.reciprocal_head and self.is_reciprocal(t):
            # "the two countries": the two named together just before ("India and Pakistan ... the two
            # countries"), else the document's two sides
            sides = (self.named_together(doc, t, actor_at) if t.lemma_.lower() in self.state_noun
                     else self.titled_alike(doc, t, 2)) or pair
            return [replace(a, text=phrase(doc, t, head_only=True)) for a in sides]
        own = next((c for c in t.children if c.dep_ == "poss" and c.lower_ in self.pronoun_speaker), None)
        if own is not None and t.lemma_.lower() in self.state_noun:  # "our country": as "we"
            return self.pronoun(doc, own, pair, speaker)
        for c in t.children:  # "Russia's aggression", "U.S. officials"
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                mm = actor_at.get(c.i)
                if mm is not None and mm.actor.country:
                    return [mm.actor, *self.hyphened(doc, c, actor_at)]
        for p in [*g.prep_objects(t, ("by",)), *g.prep_objects(t, ("of",))]:  # "bullying by the United States"
            # ("the detention of journalists by the regime": the doer, before whom it is done to)
            mm = actor_at.get(p.i)
            if mm is not None and mm.actor.country:
                return self.of_list(t, p, actor_at)
        if t.lemma_.lower() in self.other_actor or low in self.other_actor:
            text = phrase(doc, t, head_only=True)
            return [Actor(text=text, span=(doc[t.left_edge.i].idx, t.idx + len(t)), resolved_by="text:unresolved")]
        found = self.nearest_in_phrase(t, actor_at)
        if not found and m is not None and m.kind == "agent" and not strict:
            return [m.actor]  # a title or group with no country is kept with what is known: "soldiers" (MIL)
        if not found and is_named(t) and not self.label(doc, t):
            # a name the knowledge base does not know ("the ACLU", "Gulen"): an actor kept as text, never guessed
            return [Actor(text=phrase(doc, t, drop_det=True, head_only=True),
                          span=(doc[t.left_edge.i].idx, t.idx + len(t)), resolved_by="text:unresolved")]
        return found

    def of_list(self, head: Token, named: Token, actor_at: dict[int, Mention]) -> list[Actor]:
        """The actor named at ``named`` inside the phrase of ``head``; with the states listed with it where a plural
        head of sides takes the list ("the Governments of A, B and C": each of them)."""
        out = [actor_at[named.i].actor]
        if head.tag_ in ("NNS", "NNPS") and head.lower_ in self.reciprocal_head and named.dep_ == "pobj" \
                and named.head.lower_ == "of":
            out += [actor_at[x.i].actor for x in named.conjuncts if x.i in actor_at and actor_at[x.i].actor.country]
        return out

    @staticmethod
    def hyphened(doc: Doc, t: Token, actor_at: dict[int, Mention]) -> list[Actor]:
        """The state joined to ``t`` by a hyphen in front of it: "the U.S.-Egypt partnership" is both's."""
        return [actor_at[c.i].actor for c in t.children if c.dep_ in ("amod", "compound", "nmod") and c.i + 2 == t.i
                and doc[c.i + 1].text in ("-", "\u2013") and c.i in actor_at and actor_at[c.i].actor.country]

    def label(self, doc: Doc, t: Token) -> bool:
        """A transcript's speaker label ("Q:", "MODERATOR:"), or the place of a news dateline ("JERUSALEM, May 3
        (wire) -"), which are never actors."""
        filed = doc._.dateline
        if filed is not None and filed.span is not None and t.idx < filed.span[1]:
            return True
        return t.text in self.speaker_labels and t.i + 1 < len(doc) and doc[t.i + 1].text == ":"

    def pronoun(self, doc: Doc, t: Token, pair: list[Actor], speaker: Actor | None) -> list[Actor]:
        """Whom a pronoun stands for: a person named before, the speaker's side, the speaking state, the two sides."""
        low = t.lower_
        if low in self.pronoun_person:
            found = antecedent(doc, t)
            return [found.actor] if found is not None else []
        if low in self.pronoun_speaker:  # "we": the speaker's side, else the government that publishes the text
            return self.voice(doc, speaker, t.text)
        if low in self.pronoun_state:  # "Russia said it had expelled ...": the speaking state or body
            if speaker is not None and not speaker.person:
                return [speaker]
            prior = [mm for mm in doc._.actors or [] if mm.kind in ("country", "igo", "unknown") and
                     mm.end <= t.i and mm.actor.country and t.sent.start <= mm.start]
            return [prior[-1].actor] if prior else []
        if low in self.pronoun_addressee and speaker is not None and speaker.person:
            return [replace(a, text=t.text) for a in addressee(speaker, pair)]  # in a transcript: the other side
        if low in self.pronoun_group and speaker is not None and not speaker.person:
            return [speaker]  # "the workers said they will not end the strike"
        if low in self.pronoun_sides and pair and t.dep_ in ("nsubj", "nsubjpass"):
            return [replace(a, text=t.text) for a in pair]  # in a readout: the two sides
        return []

    def named_together(self, doc: Doc, t: Token, actor_at: dict[int, Mention]) -> list[Actor]:
        """The last two states coordinated ("India and Pakistan") in the sentence before ``t`` or the one before it."""
        sents = [s for s in doc.sents if s.start <= t.i][-2:]
        lo = sents[0].start if sents else t.sent.start
        for i in range(t.i - 1, lo - 1, -1):
            m = actor_at.get(i)
            if m is None or not m.actor.country or m.actor.person or m.actor.sector == "IGO" or doc[i].dep_ == "conj":
                continue
            group = [m.actor] + [actor_at[c.i].actor for c in doc[i].conjuncts if c.i in actor_at and c.i < t.i
                                 and actor_at[c.i].actor.country and actor_at[c.i].actor.sector != "IGO"]
            countries = {a.country for a in group}
            if len(countries) == 2 and len(group) == 2:
                return group
        return []

    def nearest_in_phrase(self, t: Token, actor_at: dict[int, Mention]) -> list[Actor]:
        """The actor named nearest the head inside a phrase: "Hamas targets", "parts of Kashmir", "the possibility
        of a Colombian military intervention", "the passage of the bill by the US Senate". Clauses inside the phrase
        are not searched, but for the agent of a participle ("the sanctions imposed by the US")."""
        event_noun = self.is_trigger(t) is not None  # "the attacks on civilians": the victims are not the attacker
        frontier = [c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "conj", "cc", "appos")
                    and not (event_noun and c.lower_ in self.directional)]
        frontier += g.agents_of(t)
        for _ in range(3):
            nxt: list[Token] = []
            for c in frontier:
                m = actor_at.get(c.i)
                if m is not None and (m.actor.country or m.actor.person or m.kind in ("unknown", "agent")):
                    return self.of_list(t, c, actor_at)
                nxt.extend(x for x in c.children if x.dep_ not in ("relcl", "acl", "advcl", "ccomp", "conj", "cc"))
                nxt.extend(g.agents_of(c))
            frontier = nxt
        return []

    def voice(self, doc: Doc, speaker: Actor | None, text: str = "") -> list[Actor]:
        """Who speaks where a sentence says nothing of it: the speaker of the paragraph, else the signatories of a
        joint statement (each as ``text`` calls them: "we"), else the government that publishes the text."""
        if speaker is not None:
            return [speaker]
        signatories = self.signatories(doc)
        if signatories:
            return [replace(a, text=text) if text else a for a in signatories]
        publisher = self.publisher(doc)
        return [publisher] if publisher is not None else []

    def publisher(self, doc: Doc) -> Actor | None:
        found = self.publishers(doc._.publisher or "")
        if found is None:
            return None
        return Actor(text="", name=found["name"], country=found["country"], sector=found["sector"] or None,
                     resolved_by=f"publisher:{found['id']}")

    def the_group(self, doc: Doc, t: Token) -> list[Actor]:
        """The states "the three governments" stands for: the signatories of a joint statement, else the list of
        states its opening names, where that has as many as the number says ("trilateral": three)."""
        want = next(GROUP_SIZES[c.lower_] for c in t.children if c.lower_ in GROUP_SIZES)
        sides = self.signatories(doc)
        if len(sides) != want:
            sents = g.opening(doc)
            group = self.opening_group(doc, sents[-1].end if sents else 0)
            sides = [Actor(text="", name=self.countries[c].name, country=c, resolved_by="text:parties")
                     for c in group] if len(group) == want else []
        return [replace(a, text=phrase(doc, t, head_only=True)) for a in sides]

    def signing(self, t: Token) -> bool:
        """ "The undersigned", "the undersigned members of the coalition", "the signatories" (not "the signatories
        of the treaty")."""
        if any(c.lower_ in self.signatory_word for c in t.children if c.i < t.i):
            return True
        defined = self.signatories.defined(t.doc)
        if defined is not None and t.text == defined[0]:  # "Participants intend to ...": the states so named
            return True
        return t.lower_ in self.signatory_word and not any(c.dep_ == "prep" for c in t.children)

    def titled_alike(self, doc: Doc, t: Token, want: int) -> list[Actor]:
        """ "the two vice foreign ministers": the people of ``want`` states the text named before by those words."""
        words = [c.lower_ for c in t.lefts if c.dep_ in ("compound", "amod") and c.lower_ not in self.pair_number]
        if not words:
            return []
        title = " ".join([*words, t.lemma_.lower()])
        found: dict[str, Actor] = {}
        for m in doc._.actors or []:
            if m.start < t.i and m.actor.person and m.actor.country and title in doc[m.start:m.end].text.lower():
                found.setdefault(m.actor.country, m.actor)
        return list(found.values()) if len(found) == want else []

    def is_reciprocal(self, t: Token) -> bool:
        """ "the two sides", "both leaders", "the two countries"."""
        return any(c.lower_ in self.pair_number for c in t.children) or (
            t.lower_ in self.reciprocal_plural
            and any(c.lower_ == "the" for c in t.children)
        )

    def principal_pair(self, doc: Doc) -> list[Actor]:
        """The countries a document is about: "the two sides", "the parties" stand for them. Where its opening names
        three or more states together ("the United States, Afghanistan, Pakistan, and Uzbekistan agreed"), those;
        else the two most named, the opening and the publisher counting more."""
        counts: Counter[str] = Counter()
        sents = g.opening(doc)
        opening = sents[-1].end if sents else 0
        group = self.opening_group(doc, opening)
        if len(group) >= 3:
            return [Actor(text="", name=self.countries[c].name, country=c, resolved_by="text:parties")
                    for c in group]
        publisher = self.publisher(doc)
        named_early: set[str] = set()
        if publisher is not None and publisher.country:
            counts[publisher.country] += 3
            named_early.add(publisher.country)
        igos: dict[str, Actor] = {}
        for m in doc._.actors or []:
            c = m.actor.country
            if c and m.actor.sector == "IGO" and not m.actor.person:
                igos.setdefault(c, m.actor)  # an organisation that acts as one ("the U.S. and the EU")
            if c and (c in self.countries or c in igos):
                counts[c] += 3 if m.start < opening else 1  # the opening names the parties
                if m.start < opening:
                    named_early.add(c)
        top = [c for c, _ in counts.most_common(2)]
        if len(top) < 2 or not set(top) <= named_early:
            return []  # a text whose opening names no second state has no two sides
        return [Actor(text="", name=self.countries[c].name, country=c, resolved_by="text:reciprocal")
                if c in self.countries else replace(igos[c], text="", span=None, resolved_by="text:reciprocal")
                for c in top]

    def opening_group(self, doc: Doc, opening: int) -> list[str]:
        """The longest list of countries in the opening, read off the words ("A, B, C, and D": nothing but commas,
        "and" and "the" between them), so that a parse that misplaces one conjunct loses none."""
        named = [m for m in doc._.actors or [] if m.start < opening and m.actor.country in self.countries
                 and m.kind in ("country", "agent") and not m.actor.person]  # "Representatives of Brazil, India"
        return [a.country for a in longest_list(doc, named, self.list_joiner) if a.country]

    def speaker_of(self, tok: Token, actor_at: dict[int, Mention], pair: list[Actor],
                   speakers: dict[int, Actor]) -> Actor | None:
        """Who said it: the subject of a speech verb above the trigger, else the paragraph's speaker."""
        cur = tok
        for _ in range(8):
            if cur.head.i == cur.i:
                break
            came_by = cur.dep_
            cur = cur.head
            if came_by in ("ccomp", "parataxis") and cur.lemma_.lower() in self.speech:
                subj, _ = g.subject(cur)
                if subj is not None:
                    m = actor_at.get(subj.i)
                    if m is not None:
                        return m.actor
        return speakers.get(tok.sent.start)

    def paragraph_speakers(self, doc: Doc, actor_at: dict[int, Mention]) -> dict[int, Actor]:
        """Sentence start -> speaker, carried through a paragraph that opens with "X said that ...", and from a
        transcript's speaker label to the next (``nlp.transcripts``)."""
        starts = g.paragraph_starts(doc)
        out: dict[int, Actor] = {}
        current: Actor | None = None
        turn: Actor | None = None  # a transcript's speaker speaks, paragraph after paragraph, to the next label
        para, opening = 0, True
        for sent in doc.sents:
            while para + 1 < len(starts) and sent.start_char >= starts[para + 1]:
                para, opening = para + 1, True
                current = turn
            root, opens, opening = sent.root, opening, False
            labelled = labelled_speaker(sent, actor_at)  # "President of Russia Vladimir Putin: ..."
            if labelled is not None:
                current = turn = labelled
            # (one quoted in the middle of a spokesperson's answer does not speak the sentences after the quote)
            elif opens and root.lemma_.lower() in self.speech and any(c.dep_ == "ccomp" for c in root.children):
                subj, _ = g.subject(root)
                m = actor_at.get(subj.i) if subj is not None else None
                if m is not None and m.kind == "person":
                    current = m.actor
                    continue
            if current is not None:
                out[sent.start] = current
        return out


GROUP_SIZES = {"three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "trilateral": 3, "quadrilateral": 4}


NAMED_KINDS = ("PERSON", "ORG", "NORP", "GPE", "FAC")


def is_named(t: Token) -> bool:
    """A phrase headed by a name: a proper noun, or a token spaCy tags as a person, organisation or group."""
    if t.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"):
        return False
    return t.pos_ == "PROPN" or t.ent_type_ in NAMED_KINDS
