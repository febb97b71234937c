"""Filling a trigger: its source and target from the parse and the pattern's routes, then the conventions that
complete them (who is thanked for an act, the sides of a meeting, a clause that inherits its partner, the place an
act falls on), and its mood. ``Filler`` does this for the events stage with the collaborators it is given.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from readout.knowledge import Country
from readout.nlp import grammar as g
from readout.nlp.found import Found, Reading
from readout.nlp.grammar import phrase
from readout.nlp.mood import Mood
from readout.nlp.participants import Participants
from readout.nlp.reach import Reach
from readout.nlp.transcripts import vocative
from readout.ontology import cameo
from readout.records import Actor

VERBAL = ("VERB", "AUX")
TOPIC_CLIMB = ("dobj", "pobj", "prep", "acl", "xcomp", "amod", "compound", "pcomp", "nsubjpass")


class Filler:
    """``countries``: the states a meeting's sides may be; ``onlooker_gov``: verbs whose noun object is an event they
    deal with, not one they take part in; ``side_pronouns``: pronouns that name no addressee of an appeal."""

    def __init__(self, participants: Participants, reach: Reach, mood: Mood, countries: dict[str, Country],
                 onlooker_gov: frozenset[str], side_pronouns: frozenset[str]):
        self.participants, self.reach, self.mood = participants, reach, mood
        self.countries, self.onlooker_gov, self.side_pronouns = countries, onlooker_gov, side_pronouns
        self.judging, self.patient = cameo.group("judging"), cameo.group("patient")
        self.inherit_target, self.to_counterpart = cameo.group("inherit_target"), cameo.group("to_counterpart")
        self.no_recipient, self.on_ground = cameo.group("no_recipient"), cameo.group("on_ground")
        self.agreed_unsaid = cameo.group("agreed_unsaid")
        self.expulsion = cameo.group("expulsion")

    def actors(self, sc: Reading, f: Found, tok: Token, strict: bool = False) -> list[Actor]:
        return self.participants.actors_for(sc.doc, tok, sc.actor_at, sc.pair, f.speaker, strict=strict)

    def fill(self, sc: Reading, f: Found) -> None:
        """Source, target, speaker and mood of a trigger."""
        f.speaker = self.participants.speaker_of(f.tok, sc.actor_at, sc.pair, sc.speakers)
        if "voice" in f.pattern.flags:
            self.voiced(sc, f)
            return
        self.source(sc, f)
        self.target(sc, f)
        if "charge" in f.pattern.flags:
            self.charge(sc, f)
        if not f.source and f.pattern.cameo.startswith(self.expulsion):
            self.expelled_from(sc, f)
        if f.pattern.mutual and len(sc.pair) == 2 and not f.source and any(
                c.dep_ == "poss" and c.lower_ in self.participants.pronoun_speaker for c in f.tok.children):
            f.source, f.target = list(sc.pair), list(sc.pair)  # "our trade has grown": the two sides'
        if not f.source and f.pattern.mutual and len({a.country for a in f.target if a.country}) >= 2:
            f.source = list(f.target)  # "the recent Russian-US talks" that others discuss: the two sides'
        if f.pattern.modals:
            self.addressee(f)
            return
        self.inherited_target(sc, f)
        if not f.target and f.source and f.pattern.cameo.startswith(self.on_ground) and \
                not f.pattern.cameo.startswith(self.no_recipient):
            f.target = self.reach.ground(sc.doc, f.tok, f.gov, sc.actor_at) or self.reach.beneficiary(
                f.tok, sc.actor_at, anywhere=f.pattern.cameo.startswith("07"))
        f.modality = self.mood.modality(f.tok, f.gov, f.pattern.cameo)
        if "charge" in f.pattern.flags and f.modality != "hypothetical":
            # the speaker accuses now ("the blackmail by the US will never work"); a wrong denied is no charge
            f.source = [] if f.modality == "negated" and f.pattern.pos == "VERB" else f.source
            f.modality = "asserted"

    def source(self, sc: Reading, f: Found) -> None:
        """Who acts: a noun's possessor or "by" phrase, the thanked, the clause's subject, a name inside a noun
        phrase, both sides of "between", the two sides of a meeting's passive, the publisher of a title."""
        tok, gov = f.tok, f.gov
        if tok.pos_ not in VERBAL and f.pattern.mutual:  # "recent Russian-US talks": the two it names hold them
            own = [a for c in g.left_tokens(tok) for a in self.actors(sc, f, c, strict=True) if a.country]
            if len({a.country for a in own}) >= 2:
                f.source = own
                return
        if tok.pos_ not in VERBAL:  # "Japan's support for ...", "the release by Azerbaijan of ..."
            # (not where the pattern reads its target there: "bullying by the United States")
            self.owner(sc, f, tok)
        elif tok.dep_ == "pcomp" and tok.head.head.pos_ == "NOUN":
            self.owner(sc, f, tok.head.head)  # "the action by the authorities in arresting X": theirs
        thanked = self.reach.thanked_for(tok, sc.by_token)
        if thanked is not None and not f.source:  # "thanked Turkey for its condolences": Turkey offered them
            f.source, f.target = list(thanked.target), list(thanked.source)
        outer = sc.by_token.get(gov.i) if gov is not tok else None
        # (a predicate joined to the judging one shares its subject: "dissatisfied with and opposed to X")
        joined = tok.dep_ == "conj" and tok.head.i == gov.i and tok.pos_ in VERBAL + ("ADJ",)
        judged = outer is not None and outer.pattern.cameo.startswith(self.judging) and not joined
        # "He condemned the attacks on civilians": whoever judges an act is not its actor
        # "we are following the Russia-DPRK summit", "addressing nuclear threats": who deals with an event is not in it
        onlooker = tok.pos_ not in VERBAL and (gov.lemma_.lower() in self.onlooker_gov or self.reacted_to(tok, gov))
        controller = self.controller(tok)  # "our call for the regime to cooperate": the regime cooperates
        if controller is not None and not f.source:
            f.source = self.actors(sc, f, controller)
        if not f.source and tok.pos_ not in VERBAL:  # "Serbian military mobilizations": Serbia's, not the speaker's
            for c in tok.children:
                if not f.source and c.dep_ in ("amod", "compound") and c.dep_ not in f.pattern.target:
                    f.source = [a for a in self.actors(sc, f, c, strict=True) if a.country]
        subj, _passive = (None, False) if judged or onlooker or controller is not None else \
            g.subject(tok if tok.pos_ in VERBAL else gov)
        if subj is not None and vocative(subj, self.participants.vocatives):
            subj = None  # "Mr President, thank you": whom the speaker addresses
        if subj is not None and self.judged_on_the_way(f, subj, sc.by_token):
            subj = None  # "we have concerns with any efforts to repress the media": the efforts are not ours
        if subj is not None and not f.source:
            f.source = self.actors(sc, f, subj)
        if not f.source and subj is None and f.speaker is not None and f.speaker.person and tok.dep_ == "ROOT" and \
                tok.tag_ in ("VB", "VBP"):
            f.source = [f.speaker]  # "Thank you very much for ..." in a transcript: the one who speaks
        if not f.source and tok.pos_ not in VERBAL:
            self.source_in_phrase(sc, f)
        if not f.source and sc.meeting and len(sc.pair) == 2 and f.pattern.cameo.startswith(self.agreed_unsaid) \
                and self.mood.agentless_passive(tok, gov):
            # "It was agreed to maintain close contact", "Climate issues were discussed": the two sides
            f.source = list(sc.pair)
        # (but "Detention of Armenian Soldiers" in a title: an act on people is someone else's, not the publisher's)
        titled = tok.idx < (sc.doc._.title_chars or 0) and not f.pattern.cameo.startswith(self.patient)
        held = f.pattern.cameo.startswith("04") and (
            tok.pos_ not in VERBAL or any(c.dep_ == "nsubjpass" for c in tok.children))
        if not f.source and (titled or held):
            # "Telephone conversation with President of China Xi Jinping" on kremlin.ru: the publisher's side
            publisher = self.participants.publisher(sc.doc)
            if publisher is not None:
                f.source = [publisher]

    def judged_on_the_way(self, f: Found, subj: Token, by_token: dict[int, Found]) -> bool:
        """A praising or judging word between a trigger and the subject found for it ("we oppose the use of network
        restrictions to suppress freedom"): the subject judges the act, it does not do it."""
        cur = f.tok
        while cur.head.i != cur.i:
            came_by, participle, cur = cur.dep_, cur.tag_ == "VBG", cur.head
            if (came_by == "advcl" and participle) or cur.i == subj.i:
                # "Expressing condolences ..., the Secretary commended ...": the subject's own act; "welcomed the
                # statement calling on Russia to ...": the subject is the noun the participle hangs on
                return False
            outer = by_token.get(cur.i)
            # (but "dissatisfied with and opposed to X": a judging word joined to another judges with it, and "refused
            # to release" is the refuser's own act, refused)
            if outer is not None and outer.pattern.cameo.startswith(self.judging) and came_by != "conj" and \
                    cur.lemma_.lower() not in self.mood.refusal and outer.pattern.cameo[:2] != f.pattern.cameo[:2]:
                # (not where the subject hangs below the judging word: "thanked X for the decision made by Japan to
                # provide aid"; nor "exchanged congratulations": one act)
                return cur.i == subj.head.i or not cur.left_edge.i <= subj.i <= cur.right_edge.i
            if cur.i == subj.head.i:
                return False
        return False

    def charge(self, sc: Reading, f: Found) -> None:
        """A wrongdoing its speaker states as fact ("US arms sales to Taiwan violate the one-China principle", "the
        US has abused the concept of national security"): the speaker, else the publisher, accuses whoever does it
        (``charge`` flag, docs/coding-guide.md); no one where the doer is the speaker's own side."""
        # (a noun's routes read its doer: "the blackmail by the United States", "US bullying")
        accused = [a for a in (f.target if f.pattern.pos != "VERB" else f.source) if a.country]
        speaker = f.speaker or self.participants.publisher(sc.doc)
        if speaker is None or not speaker.country or not accused or any(a.country == speaker.country
                                                                           for a in accused):
            f.source, f.target = [], []
            return
        f.source, f.target = [replace(speaker)], accused

    def expelled_from(self, sc: Reading, f: Found) -> None:
        """ "Two inspectors have been expelled from North Korea": an agentless passive expulsion is done by the
        state they are sent out of; those expelled are its target."""
        if not self.mood.agentless_passive(f.tok, f.gov):
            return
        state = [a for p in g.prep_objects(f.tok, ("from",)) for a in self.actors(sc, f, p) if a.country]
        expelled = [a for c in f.tok.children if c.dep_ == "nsubjpass" for a in self.actors(sc, f, c)]
        if state and expelled:
            f.source, f.target = state, expelled

    def reacted_to(self, tok: Token, gov: Token) -> bool:
        """An event noun under a reaction ("took action in response to the arrest") or a topic of talks further up
        its phrase ("discussed the effort to secure the release of hostages"): whoever reacts or talks does not do
        it."""
        cur = tok
        for _ in range(6):
            if cur.head.i == cur.i or cur.dep_ not in TOPIC_CLIMB:
                return False
            cur = cur.head
            if cur.pos_ == "NOUN" and cur.lemma_.lower() in self.mood.intent_noun:
                return False  # "discussed the intent of X and Y to pursue a dialogue": their stated intent
            if cur.lemma_.lower() in self.onlooker_gov and (cur.pos_ == "NOUN" or cur.i != gov.i):
                return True
            if cur.pos_ in VERBAL and any(c.dep_ == "dobj" and c.lemma_.lower() in self.onlooker_gov
                                          for c in cur.children):
                return True  # "gave a briefing on the SCO Summit": whoever briefs on it is not in it
        return False

    @staticmethod
    def controller(tok: Token) -> Token | None:
        """The subject of "for X to <verb>", read off the words (the parser often hangs the verb elsewhere)."""
        to = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to" and c.i < tok.i), None)
        before = tok.doc[to.i - 1] if to is not None and to.i > 0 else None
        if before is not None and before.dep_ == "pobj" and before.head.lower_ == "for" and \
                before.pos_ in ("NOUN", "PROPN", "PRON") and tok.head.i != before.i:  # not "for its decision to"
            return before
        return None

    def owner(self, sc: Reading, f: Found, noun: Token) -> None:
        """The source a noun names: its possessor ("Japan's support") or its "by" phrase ("the release by X")."""
        if "poss" not in f.pattern.target:
            for c in noun.children:
                if c.dep_ == "poss" and c.pos_ != "PRON":
                    f.source = self.actors(sc, f, c, strict=True)
        if "prep:by" not in f.pattern.target:
            # (the parse often hangs the "by" phrase on the object: "the arrest of its staff by the authorities")
            objects = [noun, *g.prep_objects(noun, ("of",))]
            for p in (p for o in objects for p in g.prep_objects(o, ("by",))):
                f.source = f.source or self.actors(sc, f, p)

    def source_in_phrase(self, sc: Reading, f: Found) -> None:
        """A noun trigger's actor named inside its phrase."""
        for c in f.tok.children:  # "President Biden's call with ...", "the Putin-Xi talks"
            if not f.source and c.dep_ in ("poss", "compound", "nmod") and c.dep_ not in f.pattern.target:
                f.source = self.actors(sc, f, c, strict=True)
        if not f.source:
            between = [a for p in g.prep_objects(f.tok, ("between",)) for a in self.actors(sc, f, p)]
            if len({a.country for a in between if a.country}) >= 2:  # "cooperation between the two countries"
                f.source, f.target = list(between), list(between)  # both act

    def target(self, sc: Reading, f: Found) -> None:
        """Whom the act is directed at: the first of the pattern's routes that names someone, else the patient of
        an act on a person."""
        for route in f.pattern.target:
            for t in g.route_tokens(f.tok, route, f.obj, f.gov):
                if route.endswith("compound"):
                    f.target.extend(a for a in self.actors(sc, f, t, strict=True)
                                    if all(a.country != s.country for s in f.source) or len(f.source) > 1)
                else:
                    f.target.extend(self.actors(sc, f, t))
            if f.target:
                break
        # (one actor named by several words of a phrase, "the Shanghai Cooperation Organization (SCO) Summit", once)
        f.target = [a for k, a in enumerate(f.target) if not a.country or not any(
            b.country == a.country and b.person == a.person for b in f.target[:k])]
        if f.pattern.cameo.startswith(self.judging):
            f.target = self.act_before(sc, f) or f.target
        if not f.target and f.pattern.target and f.gov is not f.tok and f.gov.pos_ in VERBAL:
            # "concerns about the closure of X, and the arrest of its staff by Y": the parse joins the second noun
            # to the verb; it is what the first is about too
            for c in f.gov.children:
                if c.dep_ == "conj" and c.pos_ == "NOUN" and c.i > f.tok.i and not f.target:
                    f.target = [a for a in self.actors(sc, f, c) if a.country]
        if not f.target and f.pattern.cameo.startswith(self.patient) and f.obj is not None and \
                f.obj.pos_ in ("NOUN", "PROPN") and f.obj.dep_ in ("dobj", "nsubjpass"):
            # who is arrested, freed, deported or killed is an actor even unnamed: "arrested 25 gang members"
            f.target = [Actor(text=phrase(sc.doc, f.obj, drop_det=True, head_only=True),
                              span=(sc.doc[f.obj.left_edge.i].idx, f.obj.idx + len(f.obj)),
                              resolved_by="text:patient")]

    def act_before(self, sc: Reading, f: Found) -> list[Actor]:
        """ "The US announced new sanctions. China firmly opposes that.": a judging word whose object is a pronoun
        ("that", "it", "this") judges the act of the sentence before, and so whoever did it (not the judge)."""
        words = [t for route in f.pattern.target for t in g.route_tokens(f.tok, route, f.obj, f.gov)]
        if not words or words[0].lower_ not in self.participants.pronoun_act or words[0].pos_ not in ("PRON", "DET"):
            return []
        sent = f.tok.sent
        before = sc.doc[sent.start - 1].sent if sent.start > 0 else None
        if before is None:
            return []
        mine = {a.country for a in f.source}
        doers = [a for p in sc.by_token.values() if before.start <= p.tok.i < before.end for a in p.source]
        subj, _ = g.subject(before.root)
        if not doers and subj is not None:
            doers = self.actors(sc, f, subj)
        found = {a.country: replace(a) for a in doers if a.country and a.country not in mine}
        return list(found.values())

    def voiced(self, sc: Reading, f: Found) -> None:
        """"Russia must withdraw its forces" in a text's own voice: an appeal to Russia from whoever speaks there
        (the paragraph's speaker, the signatories, the publisher); none where the one told is unnamed or the speaker's
        own side ("we must", "both sides should")."""
        # (not "civilians must never be the target": a state of things; not "should residents fear returning": the
        # modal before its subject makes a condition)
        told = [t for route in f.pattern.target for t in g.route_tokens(f.tok, route, f.obj, f.gov)
                if t.i < f.tok.i and f.tok.head.lemma_.lower() != "be"]
        # (the subject's own words name the one told: "the Venezuelan affairs should be decided" tells no one)
        f.target = [a for t in told for a in self.actors(sc, f, t, strict=True) if a.country]
        f.source = self.participants.voice(sc.doc, f.speaker)
        self.addressee(f)

    def addressee(self, f: Found) -> None:
        """"X said Y must ...": an appeal to Y, where Y is named and is not X itself ("we believe both sides
        should")."""
        mine = {a.country for a in f.source}
        if not f.target or any(a.country in mine or a.text.lower() in self.side_pronouns
                               for a in f.target):
            f.target = []
        f.source = f.source if f.target else []

    def inherited_target(self, sc: Reading, f: Found) -> None:
        """A partner the trigger's own words do not name: that of the cooperation it is part of, the other side
        of the meeting it is said in, that of the clause before it in a list."""
        tok = f.tok
        vague = not f.target or all(not a.country for a in f.target)  # "cooperation between legislative bodies"
        if vague and f.pattern.cameo.startswith(self.inherit_target):
            # "work with Tajikistan to consolidate trust": the clause inherits its partner
            for anc in tok.ancestors:
                outer = sc.by_token.get(anc.i)
                if outer is not None and any(a.country for a in outer.target) and anc.i != tok.i:
                    f.target = list(outer.target)
                    if not f.source:
                        f.source = list(outer.source)
                    break
        if not f.target and f.source and f.pattern.cameo.startswith(self.to_counterpart) and len(sc.pair) == 2 \
                and sc.meeting:
            # in the readout of a meeting or call, "X expressed condolences" is said to the other side
            mine = {a.country for a in f.source}
            if len(mine) == 1 and mine <= {a.country for a in sc.pair}:
                f.target = [a for a in sc.pair if a.country not in mine]
        vague = not f.target or all(not a.country for a in f.target)
        if vague and f.pattern.cameo.startswith(self.inherit_target) and f.source:
            # "X is ready to work with Y to ..., strengthen ..., and expand ...": a list shares its partner
            mine = {a.country for a in f.source}
            first = tok.sent.start
            for prior in reversed([p for p in sc.by_token.values() if first <= p.tok.i < tok.i]):
                if any(a.country for a in prior.target) and {a.country for a in prior.source} == mine:
                    f.target = list(prior.target)
                    break

    def meeting_pair(self, sc: Reading, found: list[Found]) -> list[Actor]:
        """The two sides of the document's first meeting or call that names them both."""
        alone = Reading(sc.doc, sc.actor_at, speakers=sc.speakers)  # no sides yet, no other triggers
        for f in found:
            if not f.pattern.cameo.startswith("04"):
                continue
            probe = replace(f, source=[], target=[], speaker=None, when=None)
            self.fill(alone, probe)
            # (a state or an organisation that meets as one: "the United States and the European Union held a summit")
            sides = {a.country: a for a in (*probe.source, *probe.target)
                     if a.country and (a.country in self.countries or a.sector == "IGO")}
            if len(sides) == 2:
                return [Actor(text="", name=self.countries[c].name if c in self.countries else a.name, country=c,
                              sector=None if c in self.countries else a.sector, resolved_by="text:reciprocal")
                        for c, a in sides.items()]
        return []
