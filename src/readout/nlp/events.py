"""Stage 5: events. Predicate patterns (``knowledge/data/events.tsv``) find triggers, verbal ("met", "condemned")
and nominal ("a state visit", "an exchange of views"); the parse gives each its source and target; modality,
attribution, date, place and contexts complete it; repeated mentions of one event merge their evidence.

Writes ``doc._.events``: a list of ``Event``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from readout.knowledge import KnowledgeBase, Pattern
from readout.nlp import grammar as g
from readout.nlp.actors import Mention
from readout.nlp.dating import in_tense
from readout.nlp.merging import merge_events
from readout.nlp.mood import Mood
from readout.nlp.participants import Participants, phrase
from readout.nlp.placing import place_event, refine_consult
from readout.nlp.reach import Reach
from readout.nlp.when import anniversary_time, recent_time
from readout.ontology import cameo
from readout.records import Actor, Event, Evidence, When

INHERIT_TARGET = ("03", "05", "06")  # cooperative clauses inside a cooperation: "work with X to deepen trust"
NO_RECIPIENT = ("14", "15")  # PLOVER: these need no recipient
JUDGING = ("05", "09", "11", "12", "13")  # predicates about someone else's act: praise, condemn, reject, threaten
TO_COUNTERPART = ("01", "02", "03", "05")  # statements made in a meeting or call, to the other side
# codes whose object is a person or group by definition: release, extradition, accusation and trial, coercion,
# assault
PATIENT_CODES = ("0841", "063", "112", "115", "116", "17", "18", "19", "20")
ON_GROUND = "07"  # from aid on, an act can fall on a place: "aid in Yemen", "a curfew in Basra"


@dataclass
class Found:
    """A trigger with what the parse says about it, before it becomes an Event."""

    tok: Token
    pattern: Pattern
    gov: Token
    obj: Token | None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    modality: str = "asserted"
    speaker: Actor | None = None
    when: When | None = None
    code: str = ""  # where a convention overrides the pattern's code


class EventCoder(Participants, Reach, Mood):
    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.by_lemma: dict[tuple[str, str], list[Pattern]] = {}
        for p in kb.patterns:
            for lemma in p.lemmas:
                self.by_lemma.setdefault((p.pos, lemma.lower()), []).append(p)
        self.context_plover = {c.id: c.plover for c in kb.contexts}
        self.speech = kb.cue("speech")
        self.intent_aux, self.intent_adj = kb.cue("intent_aux"), kb.cue("intent_adj")
        self.intent_verb, self.hypothetical = kb.cue("intent_verb"), kb.cue("hypothetical")
        self.intent_gov = kb.cue("intent_gov")
        self.intent_noun = kb.cue("intent_noun")
        self.refusal = kb.cue("refusal")
        self.negation, self.remote = kb.cue("negation"), kb.cue("remote")
        self.reciprocal_head, self.other_actor = kb.cue("reciprocal_head"), kb.cue("other_actor")
        self.onlooker_gov = kb.cue("onlooker_gov")
        self.labour_strike_gov = kb.cue("labour_strike_gov")
        self.gatherings = kb.cue("gathering")
        self.labour_strike = next((p for p in kb.patterns if p.id == "labour.strike"), None)

    # -- triggers --------------------------------------------------------------------------------------------------
    def match(self, tok: Token) -> Pattern | None:
        pos = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}.get(tok.pos_)
        if pos is None or tok.ent_type_ in ("DATE", "TIME"):  # "March 3", "in May": a date, never a protest march
            return None
        # "the ceasefire line", "an attack helicopter": a modifier is no event, unless its pattern names the noun it
        # modifies ("a hunger strike", "air strikes", "mediation efforts")
        modifier = (pos == "NOUN" and tok.dep_ == "compound" or pos == "ADJ" and tok.dep_ == "amod") and \
            tok.head.pos_ == "NOUN"
        if pos == "VERB" and tok.dep_ == "amod" and not any(True for _ in tok.children):
            return None  # "pressing issues", "the agreed text": a bare participle ("Iran-backed" is no adjective)
        candidates = self.by_lemma.get((pos, tok.lemma_.lower())) or self.by_lemma.get((pos, tok.lower_))
        if not candidates:
            return None
        if pos == "NOUN" and tok.lemma_.lower() == "strike" and self.labour_strike is not None and (
                (tok.dep_ == "pobj" and tok.head.lower_ == "on") or
                {(gov := g.governor(tok)).lemma_.lower(), gov.lower_} & self.labour_strike_gov):
            return self.labour_strike  # "went on strike", "staged a strike": a walkout, not an air strike
        obj = g.the_object(tok)
        for p in candidates:
            if modifier and not any(not o.startswith("!") for o in p.objects):
                continue
            if p.particles and not any(
                c.dep_ in ("prep", "prt", "agent") and c.lower_ in p.particles and not g.dated_prep(c)
                for c in tok.children
            ):
                continue  # "called on Friday" is no appeal
            if p.modals and not p.modals & g.reported_modals(tok):
                continue  # "said that Israel must end the attacks": an appeal; "said that Israel ended them": not
            if p.objects:
                words = {obj.lemma_.lower(), obj.lower_} if obj is not None else set()
                banned = {o[1:] for o in p.objects if o.startswith("!")}
                wanted = {o for o in p.objects if not o.startswith("!")}
                if words & banned or (wanted and not words & wanted):
                    continue
            return p
        return None

    # -- the stage -------------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        actor_at: dict[int, Mention] = doc._.actor_at or {}
        pair = self.principal_pair(doc)
        speakers = self.paragraph_speakers(doc, actor_at)
        found: list[Found] = []
        by_token: dict[int, Found] = {}
        for sent in doc.sents:
            if sent.text.rstrip().endswith("?"):
                continue  # a journalist's question asserts nothing
            for tok in sent:
                if tok.ent_type_ and tok.ent_type_ not in ("DATE", "TIME"):
                    continue  # "Cooperation" in "Shanghai Cooperation Organization"
                pattern = self.match(tok)
                if pattern is None or self.is_topic(tok, by_token):
                    continue
                f = Found(tok, pattern, g.governor(tok), g.the_object(tok))
                by_token[tok.i] = f
                found.append(f)
        meeting = any(f.pattern.cameo.startswith("04") for f in found)
        pair = self.meeting_pair(doc, found, actor_at, speakers, by_token) or pair
        for f in found:
            self.fill(doc, f, actor_at, pair, speakers, by_token, meeting)
        for f in found:
            self.aim_appeal(f, by_token)
        found = [f for f in found if not self.inside_appeal(f, by_token)]
        dated = [(g.attached_to(doc[s:e].root).i, doc[s:e].root.head.i, when) for s, e, when in doc._.dates or []]
        events = [e for f in found for e in self.to_events(doc, f, by_token, dated)]
        joint = self.joint_statement(doc)
        if joint is not None:
            events.insert(0, joint)
        doc._.events = merge_events(events, doc._.title_chars or 0)
        return doc

    def joint_statement(self, doc: Doc) -> Event | None:
        """A joint statement is itself an event: its signatories agree on a text together (CAMEO 057), on the
        document's date, shown by the words "Joint Statement" in its title or opening."""
        signatories = self.signatories(doc)
        if not signatories:
            return None
        at = self.joint_words(doc)
        words = doc.char_span(*at, alignment_mode="expand") if at is not None else None
        if words is None:
            return None
        sent = words.sent
        sides = [Actor(**a.__dict__) for a in signatories]
        return Event(source=sides, target=[Actor(**a.__dict__) for a in sides], cameo="057", when=doc._.doc_when,
                     mutual=True, evidence=[Evidence(sentence=(sent.start_char, sent.end_char),
                                                     trigger=(words.start_char, words.end_char),
                                                     rule="joint-statement", text=as_written(sent))])

    def fill(self, doc: Doc, f: Found, actor_at: dict[int, Mention], pair: list[Actor],
             speakers: dict[int, Actor], by_token: dict[int, Found], meeting: bool) -> None:
        tok, gov = f.tok, f.gov
        f.speaker = self.speaker_of(tok, actor_at, pair, speakers)
        if tok.pos_ not in ("VERB", "AUX"):  # "Japan's support for ...", "the release by Azerbaijan of ..."
            # (not where the pattern reads its target there: "bullying by the United States")
            if "poss" not in f.pattern.target:
                for c in tok.children:
                    if c.dep_ == "poss" and c.pos_ != "PRON":
                        f.source = self.actors_for(doc, c, actor_at, pair, f.speaker, strict=True)
            if "prep:by" not in f.pattern.target:
                for p in g.prep_objects(tok, ("by",)):
                    f.source = f.source or self.actors_for(doc, p, actor_at, pair, f.speaker)
        thanked = self.thanked_for(tok, by_token)
        if thanked is not None and not f.source:  # "thanked Turkey for its condolences": Turkey offered them
            f.source, f.target = list(thanked.target), list(thanked.source)
        outer = by_token.get(gov.i) if gov is not tok else None
        judged = outer is not None and outer.pattern.cameo[:2] in JUDGING
        # "He condemned the attacks on civilians": whoever judges an act is not its actor
        # "we are following the Russia-DPRK summit", "addressing nuclear threats": who deals with an event is not in it
        onlooker = tok.pos_ not in ("VERB", "AUX") and gov.lemma_.lower() in self.onlooker_gov
        subj, _passive = (None, False) if judged or onlooker else g.subject(
            tok if tok.pos_ in ("VERB", "AUX") else gov)
        if subj is not None and not f.source:
            f.source = self.actors_for(doc, subj, actor_at, pair, f.speaker)
        if not f.source and tok.pos_ not in ("VERB", "AUX"):
            for c in tok.children:  # "President Biden's call with ...", "the Putin-Xi talks"
                if not f.source and c.dep_ in ("poss", "compound", "nmod") and c.dep_ not in f.pattern.target:
                    f.source = self.actors_for(doc, c, actor_at, pair, f.speaker, strict=True)
        if not f.source and tok.pos_ not in ("VERB", "AUX"):
            between = [a for p in g.prep_objects(tok, ("between",)) for a in self.actors_for(
                doc, p, actor_at, pair, f.speaker)]  # "cooperation between the two countries": both act
            if len({a.country for a in between if a.country}) >= 2:
                f.source, f.target = list(between), list(between)
        if not f.source and meeting and len(pair) == 2 and f.pattern.cameo[:2] < "06" and \
                self.agentless_passive(tok, gov):
            # "It was agreed to maintain close contact", "Climate issues were discussed": the two sides
            f.source = list(pair)
        in_title = tok.idx < (doc._.title_chars or 0)
        if not f.source and (in_title or (f.pattern.cameo.startswith("04") and (
                tok.pos_ not in ("VERB", "AUX") or any(c.dep_ == "nsubjpass" for c in tok.children)))):
            # "Telephone conversation with President of China Xi Jinping" on kremlin.ru: the publisher's side
            publisher = self.publisher(doc)
            if publisher is not None:
                f.source = [publisher]
        for route in f.pattern.target:
            for t in g.route_tokens(tok, route, f.obj, gov):
                if route.endswith("compound"):
                    f.target.extend(a for a in self.actors_for(doc, t, actor_at, pair, f.speaker, strict=True)
                                    if all(a.country != s.country for s in f.source) or len(f.source) > 1)
                else:
                    f.target.extend(self.actors_for(doc, t, actor_at, pair, f.speaker))
            if f.target:
                break
        if not f.target and f.pattern.cameo.startswith(PATIENT_CODES) and f.obj is not None and \
                f.obj.pos_ in ("NOUN", "PROPN") and f.obj.dep_ in ("dobj", "nsubjpass"):
            # who is arrested, freed, deported or killed is an actor even unnamed: "arrested 25 gang members"
            f.target = [Actor(text=phrase(doc, f.obj, drop_det=True, head_only=True),
                              span=(doc[f.obj.left_edge.i].idx, f.obj.idx + len(f.obj)), resolved_by="text:patient")]
        if f.pattern.modals:
            # "X said Y must ...": an appeal to Y, where Y is named and is not X itself ("we believe both sides should")
            mine = {a.country for a in f.source}
            if not f.target or any(a.country in mine or a.text.lower() in ("we", "they") for a in f.target):
                f.target = []
            f.source = f.source if f.target else []
            return
        vague = not f.target or all(not a.country for a in f.target)  # "cooperation between legislative bodies"
        if vague and f.pattern.cameo.startswith(INHERIT_TARGET):
            # "work with Tajikistan to consolidate trust": the clause inherits its partner
            for anc in tok.ancestors:
                outer = by_token.get(anc.i)
                if outer is not None and any(a.country for a in outer.target) and anc.i != tok.i:
                    f.target = list(outer.target)
                    if not f.source:
                        f.source = list(outer.source)
                    break
        if not f.target and f.source and f.pattern.cameo.startswith(TO_COUNTERPART) and len(pair) == 2 and meeting:
            # in the readout of a meeting or call, "X expressed condolences" is said to the other side
            mine = {a.country for a in f.source}
            if len(mine) == 1 and mine <= {a.country for a in pair}:
                f.target = [a for a in pair if a.country not in mine]
        vague = not f.target or all(not a.country for a in f.target)
        if vague and f.pattern.cameo.startswith(INHERIT_TARGET) and f.source:
            # "X is ready to work with Y to ..., strengthen ..., and expand ...": a list shares its partner
            mine = {a.country for a in f.source}
            for prior in reversed([p for p in by_token.values() if p.tok.sent == tok.sent and p.tok.i < tok.i]):
                if any(a.country for a in prior.target) and {a.country for a in prior.source} == mine:
                    f.target = list(prior.target)
                    break
        if not f.target and f.source and ON_GROUND <= f.pattern.cameo[:2] and f.pattern.cameo[:2] not in NO_RECIPIENT:
            f.target = self.ground(doc, tok, gov, actor_at) or self.beneficiary(
                tok, actor_at, anywhere=f.pattern.cameo.startswith("07"))
        f.modality = self.modality(tok, gov, f.pattern.cameo)

    def to_events(self, doc: Doc, f: Found, by_token: dict[int, Found],
                  dated: list[tuple[int, int, When]]) -> list[Event]:
        p = f.pattern
        source = f.source
        target = f.target
        if not source:
            return []
        mutual = p.mutual
        if not target:
            several = len({a.country for a in source if a.country}) >= 2 or (p.mutual and len(source) >= 2)
            if several and (p.mutual or (
                    p.cameo[:2] < "09" and p.cameo[:2] not in JUDGING)):  # "China and Russia signed", not
                # "the parties rejected"
                target, mutual = list(source), True
            elif p.cameo[:2] in NO_RECIPIENT:
                target = []  # protests and shows of force stand alone: "troops remained on alert"
            else:
                return []
        named = [a for a in target if a.country or a.person or (a.resolved_by.startswith("ner:") and
                                                                 p.cameo not in ("042", "043"))]
        if p.cameo.startswith("04") and not named:
            return []  # a meeting needs someone to meet: "hosting the Olympics", "a visit to our country"
        if p.cameo.startswith("04"):  # beside the states that meet, a phrase that names none is a title or a forum
            source, target = known_first(source), known_first(target)
        if target and not any(_differ(a, b) or _on_home_ground(a, b, p.cameo) for a in source for b in target):
            return []  # an actor acting on itself
        sent = f.tok.sent
        contexts, areas = self.contexts(doc, f, by_token)
        code = f.code or p.cameo
        if code.startswith("04") and code != "041" and self.is_remote(sent):
            code = "041"
        when = anniversary_time(f.tok, doc._.doc_when) or self.date_of(doc, f, by_token, dated) \
            or recent_time(f.tok, f.gov, doc._.doc_when)
        modality = f.modality
        if modality == "negated" and code[:2] <= "08" and code[:2] not in ("01", "02"):
            code = cameo.as_refusal(code, contexts)  # "will not lift the ban", "refused to meet"
            modality = "asserted" if code[:2] == "12" else modality
        elif modality == "intended":
            code = cameo.as_intention(code, contexts)
        elif code.startswith("03") and modality == "asserted":
            modality = "intended"  # an expressed intention is what 03x codes
        doc_when: When | None = doc._.doc_when
        if when is not None and doc_when is not None and modality in ("asserted", "intended"):
            when = in_tense(when, doc_when.start, future=modality == "intended")
        if modality == "asserted" and when is not None and doc_when is not None and when.end < doc_when.start:
            modality = "reported"
        if when is None and modality in ("asserted", "intended") and doc_when is not None:
            when = When(doc_when.start, doc_when.end, doc_when.precision, doc_when.text, doc_when.span)
        evidence = Evidence(sentence=(sent.start_char, sent.end_char), trigger=(f.tok.idx, f.tok.idx + len(f.tok)),
                            rule=p.id, text=as_written(sent))
        values: dict = {}
        for name, route in p.values:
            toks = g.route_tokens(f.tok, route, f.obj, f.gov)
            if toks:
                values[name] = phrase(doc, toks[0], drop_det=True)
        if areas:
            values["areas"] = areas
        event = Event(source=source, target=target, cameo=code, contexts=sorted(contexts), when=when,
                      modality=modality, mutual=mutual, attributed_to=f.speaker, evidence=[evidence], values=values)
        event.where = place_event(doc, f.tok, f.gov, event, self.gatherings, visit=p.cameo.startswith("042"))
        return refine_consult(event)

    def is_remote(self, sent: Span) -> bool:
        return any(t.lower_ in self.remote for t in sent)

    def contexts(self, doc: Doc, f: Found, by_token: dict[int, Found]) -> tuple[set[str], list[str]]:
        """Sector words in the trigger's clause: "cooperation in economy and trade, investment" -> contexts."""
        root = f.gov if f.tok.pos_ not in ("VERB", "AUX") else f.tok
        lo, hi = root.left_edge.i, root.right_edge.i
        skip: set[int] = set()
        for c in root.children:
            if c.dep_ == "conj" and (c.i in by_token or any(x.dep_ in g.SUBJECTS for x in c.children)):
                skip.update(range(c.left_edge.i, c.right_edge.i + 1))
        hits = [h for h in doc._.gazetteer or []
                if h.kind == "context" and lo <= h.start and h.end - 1 <= hi and h.start not in skip]
        def inside(h, o) -> bool:
            return o.start <= h.start and h.end <= o.end and (o.start, o.end) != (h.start, h.end)

        widest = [h for h in hits if not any(inside(h, o) for o in hits)]
        out = {h.key for h in widest}
        areas = list(dict.fromkeys(doc[h.start:h.end].text for h in widest))
        return out, areas

    def date_of(self, doc: Doc, f: Found, by_token: dict[int, Found],
                dated: list[tuple[int, int, When]]) -> When | None:
        """The event's own date: a date phrase attached to its predicate; else that of the event it sits in.
        ``dated``: (predicate it is attached to, its head, date) for every date phrase, in document order."""
        heads = {f.tok.i, f.gov.i}
        for attach, head, when in dated:
            if attach in heads or head == f.tok.i:
                f.when = when
                return when
        attached: dict[int, When] = {}
        for attach, _, when in dated:
            attached.setdefault(attach, when)
        for anc in f.gov.ancestors if f.gov is not f.tok else f.tok.ancestors:
            outer = by_token.get(anc.i)
            if outer is not None and outer.when is not None:
                f.when = outer.when
                return outer.when
            if anc.i in attached and anc.pos_ in ("VERB", "AUX"):  # "in March, X paid a visit ... and signed ..."
                f.when = attached[anc.i]
                return f.when
        return None


def as_written(sent: Span) -> str:
    """The sentence as the document wrote it (the parser may have seen it re-cased: ``nlp.casing``)."""
    original = sent.doc.user_data.get("readout_original")
    return (original[sent.start_char:sent.end_char] if original else sent.text).strip()


def known_first(side: list[Actor]) -> list[Actor]:
    """The actors of a side that have a country, where any has one; else the side as it is."""
    known = [a for a in side if a.country]
    return known or side


def _on_home_ground(a: Actor, b: Actor, code: str) -> bool:
    """A state's own organs acting against a place of their own country: "imposed a curfew on Basra"."""
    return code[:2] >= "11" and bool(a.sector) and b.resolved_by.startswith("geonames:") and not b.sector


def _differ(a: Actor, b: Actor) -> bool:
    """Two different actors: other countries, or inside one country other sectors or people ("the British
    Parliament rejected the Prime Minister's deal")."""
    if a.country != b.country or a.country is None:
        return True
    return (a.sector, a.person) != (b.sector, b.person) and bool(a.sector or a.person) and bool(b.sector or b.person)



