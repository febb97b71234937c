"""Stage 5: events. Predicate patterns (``knowledge/data/events.tsv``) find triggers, verbal ("met", "condemned")
and nominal ("a state visit", "an exchange of views"); the parse gives each its source and target; modality,
attribution, date, place and contexts complete it; repeated mentions of one event merge their evidence.

Writes ``doc._.events``: a list of ``Event``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from readout.knowledge import KnowledgeBase
from readout.nlp import grammar as g
from readout.nlp.dating import in_tense
from readout.nlp.filling import Filler
from readout.nlp.found import Found, Reading
from readout.nlp.gazetteer import within
from readout.nlp.grammar import phrase
from readout.nlp.merging import merge_events
from readout.nlp.mood import Mood
from readout.nlp.participants import Participants
from readout.nlp.placing import PlaceWords, place_event, refine_consult
from readout.nlp.reach import Reach
from readout.nlp.transcripts import asked
from readout.nlp.triggers import Matcher
from readout.nlp.when import anniversary_time, recent_time
from readout.nlp.where import PLACE_RULES
from readout.ontology import cameo
from readout.records import Actor, Event, Evidence, When

MOST_WHO_AGREE = 5  # a joint statement of more states is a coalition's voice, not an agreement among them


class EventCoder:
    """The events stage: a trigger ``Matcher``, ``Participants``, ``Reach`` and ``Mood``, composed by a ``Filler``
    that completes each trigger; each is built from the knowledge base (or given)."""

    def __init__(self, kb: KnowledgeBase, matcher: Matcher | None = None, participants: Participants | None = None,
                 reach: Reach | None = None, mood: Mood | None = None):
        self.matcher = matcher or Matcher.from_kb(kb)
        self.participants = participants or Participants(kb, self.matcher.match)
        self.reach = reach or Reach(kb)
        self.mood = mood or Mood(kb)
        self.filler = Filler(self.participants, self.reach, self.mood, kb.countries, kb.cue("onlooker_gov"),
                             kb.cue("pronoun_side"))
        self.remote, self.recent = kb.cue("remote"), kb.cue("recent")
        self.place_words = PlaceWords.of(kb)
        self.anniversary, self.today = kb.cue("anniversary"), kb.cue("today")
        self.judging, self.no_recipient = cameo.group("judging"), cameo.group("no_recipient")
        self.done_together, self.refusable = cameo.group("done_together"), cameo.group("refusable")
        # what several sides named with no recipient do not do to each other: judge ("the parties rejected") or give
        self.not_mutual = (*self.judging, *cameo.group("given"))
        self.society = kb.cue("society_sector")  # a state acting on these of its own is an event
        self.stateless = kb.cue("stateless_sector")  # of no known state, these are not a publisher's own by default
        self.askers = kb.cue("journalist_label")  # "Q:", "QUESTION:": a journalist's turn in a transcript
        self.framed = cameo.group("framed")
        self.home_ground, self.among_signatories = cameo.group("home_ground"), cameo.group("among_signatories")

    # -- the stage -------------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        sc = Reading(doc, doc._.actor_at or {})
        sc.pair = self.participants.principal_pair(doc)
        sc.speakers = self.participants.paragraph_speakers(doc, sc.actor_at)
        found = self.triggers(doc, sc.by_token)
        sc.meeting = any(f.pattern.cameo.startswith("04") for f in found)
        sc.pair = self.filler.meeting_pair(sc, found) or sc.pair
        for f in found:
            self.filler.fill(sc, f)
        for f in found:
            self.reach.aim_appeal(f, sc.by_token)
            self.reach.aim_release(f, sc.actor_at)
        found = [f for f in found if not self.mood.inside_appeal(f, sc.by_token) and not self.asked(f)
                 and not self.mood.indirect_question(f.tok, f.gov)]
        dated = [(*g.date_attachment(doc, s, e), when) for s, e, when in doc._.dates or []]
        events = self.apart(self.participants.signatories(doc),
                            [e for f in found for e in self.to_events(doc, f, sc.by_token, dated)])
        publisher = self.participants.publisher(doc)
        if publisher is not None:
            events = [e for e in events if not domestic(e) and not self.at_home(e, publisher.country)]
        joint = self.joint_statement(doc)
        if joint is not None:
            events.insert(0, joint)
        doc._.events = merge_events(events, doc._.title_chars or 0)
        return doc

    def triggers(self, doc: Doc, by_token: dict[int, Found]) -> list[Found]:
        """Every trigger in the document, in order; each also goes into ``by_token``."""
        found: list[Found] = []
        for sent in doc.sents:
            if sent.text.rstrip().endswith("?"):
                continue  # a journalist's question asserts nothing
            for tok in sent:
                if tok.ent_type_ and tok.ent_type_ not in ("DATE", "TIME"):
                    continue  # "Cooperation" in "Shanghai Cooperation Organization"
                pattern = self.matcher.match(tok)
                if pattern is None or self.reach.is_topic(tok, by_token):
                    continue
                f = Found(tok, pattern, g.governor(tok), g.the_object(tok))
                by_token[tok.i] = f
                found.append(f)
        return found

    def at_home(self, e: Event, home: str | None) -> bool:
        """In a government's release, a governor, businesses, the police or a community that no state is named for,
        beside none but the publisher's own state ("the President thanked governors", "tax credits for employers"),
        are at home: a domestic act, no event (coding guide, "What is not an event"). Armed groups, criminals,
        refugees and international bodies of no known state are not taken for the publisher's."""
        sides = [*e.source, *e.target]
        if any(a.country and a.country != home for a in sides):
            return False
        return any(not a.country and a.sector and a.sector[:3] not in self.stateless for a in sides)

    def asked(self, f: Found) -> bool:
        """What a journalist's question frames ("Q: The US has urged China to ..."; "... will visit Beijing"): not
        coded; the facts it reports as done (a meeting held, sanctions imposed) are (docs/coding-guide.md)."""
        return (f.pattern.cameo.startswith(self.framed) or f.modality not in ("asserted", "reported")) and \
            asked(f.tok.sent, self.askers)

    def apart(self, signatories: list[Actor], events: list[Event]) -> list[Event]:
        """The signatories of a statement of three or more states speak together: where they act on others, they
        do not act on each other ("We, the leaders of A, B and C, condemn D's attack": A, B and C condemn D, not
        each other), and among themselves they only agree, meet, support and cooperate ("the three governments
        committed to work together"): they do not appeal to, accuse or reject one another in their own text."""
        ours = {a.country for a in signatories}
        if len(ours) < 3:
            return events  # a bilateral statement: what the two agree between them is theirs to code
        out = []
        for e in events:
            if not e.source or not {a.country for a in e.source} <= ours:
                out.append(e)
                continue
            others = [a for a in e.target if a.country not in ours]
            if others and len(others) < len(e.target):
                e.target, e.mutual = others, False
            elif not others and e.target and not e.cameo.startswith(self.among_signatories):
                continue
            out.append(e)
        return out

    def joint_statement(self, doc: Doc) -> Event | None:
        """A joint statement is itself an event: its signatories agree on a text together (CAMEO 057), on the
        document's date, shown by the words "Joint Statement" in its title or opening; where no more than
        ``MOST_WHO_AGREE`` states sign it (``docs/coding-guide.md``)."""
        signatories = self.participants.signatories(doc)
        if not signatories:
            return None
        if len({a.country for a in signatories}) > MOST_WHO_AGREE:
            return None  # a coalition's statement: what its signatories do to others is coded, not n*(n-1) signings
        at = self.participants.signatories.joint_words(doc)
        words = doc.char_span(*at, alignment_mode="expand") if at is not None else None
        if words is None:
            return None
        sent = words.sent
        sides = [replace(a) for a in signatories]
        return Event(source=sides, target=[replace(a) for a in sides], cameo="057", when=doc._.doc_when,
                     mutual=True, evidence=[Evidence(sentence=(sent.start_char, sent.end_char),
                                                     trigger=(words.start_char, words.end_char),
                                                     rule="joint-statement", text=as_written(sent))])

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
                    p.cameo.startswith(self.done_together) and not p.cameo.startswith(self.not_mutual))):
                target, mutual = list(source), True  # "China and Russia signed", not "the parties rejected"
            elif p.cameo.startswith(self.no_recipient):
                target = []  # protests and shows of force stand alone: "troops remained on alert"
            else:
                return []
        named = [a for a in target if a.country or a.person or (a.resolved_by.startswith("ner:") and
                                                                 p.cameo not in ("042", "043"))]
        if p.cameo.startswith("04") and not named:
            return []  # a meeting needs someone to meet: "hosting the Olympics", "a visit to our country"
        if p.cameo.startswith("04"):  # beside the states that meet, a phrase that names none is a title or a forum
            source, target = known_first(source), known_first(target)
        conflict = p.cameo.startswith(self.home_ground)
        if target and not any(_differ(a, b, self.society) or _on_home_ground(a, b, conflict)
                              for a in source for b in target):
            return []  # an actor acting on itself
        sent = f.tok.sent
        contexts, areas = self.contexts(doc, f, by_token)
        code = f.code or p.cameo
        if code.startswith("04") and code != "041" and self.is_remote(sent):
            code = "041"
        when = anniversary_time(f.tok, doc._.doc_when, self.anniversary, self.today) \
            or self.date_of(doc, f, by_token, dated) or recent_time(f.tok, f.gov, doc._.doc_when, self.recent)
        modality = f.modality
        if modality == "negated" and code.startswith(self.refusable):
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
        event.where = place_event(doc, f.tok, f.gov, event, self.place_words, visit=p.cameo.startswith("042"))
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
        hits = [h for h in within(doc._.gazetteer or [], lo, hi + 1, lambda h: h.start)
                if h.kind == "context" and h.end - 1 <= hi and h.start not in skip]
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


def _on_home_ground(a: Actor, b: Actor, conflict: bool) -> bool:
    """A state's own organs acting against a place of their own country: "imposed a curfew on Basra" (``conflict``:
    the act's code is one a state can direct at its own ground)."""
    return conflict and bool(a.sector) and b.resolved_by.startswith(PLACE_RULES) and not b.sector


def _differ(a: Actor, b: Actor, society: frozenset[str] = frozenset()) -> bool:
    """Two different actors: other countries, or inside one country other sectors or people ("the British
    Parliament rejected the Prime Minister's deal"), or the state and a part of its society (``society``: "Venezuela
    releases dozens of political activists")."""
    if a.country != b.country or a.country is None:
        return True
    if bool(a.sector or a.person) != bool(b.sector or b.person):
        return (a.sector or b.sector) in society
    return (a.sector, a.person) != (b.sector, b.person) and bool(a.sector or a.person) and bool(b.sector or b.person)


def domestic(e: Event) -> bool:
    """An act of a state on itself (a president and the legislature, a ministry and the citizens): a government's
    own release reports it, but it is no event between actors of different states (coding guide, "What is not an
    event"). So is a meeting whose other side no state is known for ("a meeting with state legislative leaders",
    "with FIS officials"): a meeting abroad names the country it is held with."""
    countries = {a.country for a in (*e.source, *e.target)}
    if e.cameo.startswith("04") and e.target and not any(a.country for a in e.target):
        return True
    return len(countries) == 1 and None not in countries and bool(e.target)
