"""Stage 6: the pair classifier. In every sentence, every ordered pair of actor mentions, and every mention alone, is
a candidate; a trained linear model (``readout.models.linear``) reads what links the two (``readout.nlp.pairs``:
the parse, the trigger patterns, what the rules coded) and gives the CAMEO root of the event from the first to the
second, or none. Where the rules coded nothing for a pair and the model is confident, it adds the event: its code
the finest a trigger pattern on the path gives under that root (else the root's generic code), its mood read by
``Mood`` as for the rules' events, its evidence the sentence and the word the path turns at, under the rule
``model:<root>``. What the rules coded stays as it is.

Writes ``doc._.events`` (adds to it). Without a model the stage does nothing.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from readout.knowledge import KnowledgeBase, Pattern
from readout.models.linear import LinearModel
from readout.nlp import grammar as g
from readout.nlp.merging import merge_events
from readout.nlp.mood import Mood
from readout.nlp.pairs import on_the_way, pair_features, pair_vector, path, stand_in
from readout.nlp.people import Mention
from readout.nlp.statements import Signatories
from readout.nlp.transcripts import asked
from readout.nlp.triggers import Matcher
from readout.nlp.where import PLACE_RULES
from readout.ontology import cameo
from readout.records import Event, Evidence

MAX_MENTIONS = 8  # a sentence naming more actors gives its first eight (a list of signatories is not 72 pairs)
THRESHOLD = 0.5  # the least probability of an event for the model to add one
NONE = "none"
CharSpan = tuple[int, int]


def model_path() -> Path:
    """The model the package ships (``readout train`` rebuilds it)."""
    return Path(str(resources.files("readout.models") / "data" / "pairs.npz"))


def label_of(code: str | None) -> str:
    """The class a CAMEO code is learnt as: its root, or ``none``."""
    return NONE if not code or code == NONE else code[:2]


def _overlaps(span: CharSpan | None, other: CharSpan | None) -> bool:
    return span is not None and other is not None and span[0] < other[1] and other[0] < span[1]


def rule_code(events: list[Event], sentence: CharSpan, source: CharSpan, target: CharSpan | None) -> str | None:
    """The CAMEO code of the first event the rules coded in ``sentence`` from the mention at ``source`` to the one at
    ``target`` (to no one, for ``target`` None; either way for a mutual event)."""
    for e in events:
        if all(x.rule.startswith("model:") for x in e.evidence):
            continue  # the model's own
        if not any(_overlaps(x.sentence, sentence) for x in e.evidence if x.field == "text"):
            continue
        sources = [a.span for a in e.source]
        targets = [a.span for a in e.target]
        if e.mutual:
            sources = targets = sources + targets
        hit_source = any(_overlaps(span, source) for span in sources)
        if target is None:
            if hit_source and not any(a.country or a.text for a in e.target):
                return e.cameo
        elif hit_source and any(_overlaps(span, target) for span in targets):
            return e.cameo
    return None


def sentence_mentions(sent: Span) -> list[Mention]:
    """The actor mentions of a sentence, in order, one per span, at most ``MAX_MENTIONS``."""
    return _first_mentions(m for m in sent.doc._.actors or [] if sent.start <= m.start and m.end <= sent.end)


def _first_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    found: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        found.setdefault((m.start, m.end), m)
    return [found[k] for k in sorted(found)][:MAX_MENTIONS]


class Sentences:
    """A Doc's sentences with the actor mentions and the rules' events of each, found in one pass over each (not
    once per candidate pair: a long text has thousands of both)."""

    def __init__(self, doc: Doc, events: list[Event]):
        self.sents = list(doc.sents)
        self._tokens = [s.start for s in self.sents]
        self._chars = [s.start_char for s in self.sents]
        mentions: dict[int, list[Mention]] = {}
        for m in doc._.actors or []:
            k = bisect_right(self._tokens, m.start) - 1
            if k >= 0 and m.end <= self.sents[k].end:
                mentions.setdefault(k, []).append(m)
        self.mentions = {k: _first_mentions(ms) for k, ms in mentions.items()}
        self.events: dict[int, list[Event]] = {}
        for e in events:
            ks = {k for x in e.evidence if x.field == "text"
                  for k in range(max(0, bisect_right(self._chars, x.sentence[0]) - 1),
                                 bisect_left(self._chars, x.sentence[1]))}
            for k in sorted(ks):
                self.events.setdefault(k, []).append(e)

    def of(self, token: int) -> int:
        """The index of the sentence token ``token`` is in."""
        return bisect_right(self._tokens, token) - 1


def _chars(span: Span) -> CharSpan:
    return span.start_char, span.end_char


@dataclass
class Decision:
    """What the model says of one candidate: a root (or none) and its probability."""

    label: str
    p: float


class Linker:
    """The stage: a model, the trigger matcher whose patterns are features and give codes, and the mood reader."""

    def __init__(self, kb: KnowledgeBase, model: LinearModel | None, threshold: float = THRESHOLD,
                 known_only: bool = True, recode_above: float = 2.0):
        self.model, self.threshold, self.known_only, self.kb = model, threshold, known_only, kb
        self.recode_above = recode_above  # over 1: the rules' codes stand
        self.matcher = Matcher.from_kb(kb)
        self.mood = Mood(kb)
        self.signatories = Signatories(kb)
        self.askers = kb.cue("journalist_label")
        # what a Doc's candidates share, worked out once per Doc: the trigger pattern of each token looked at, and
        # where each actor mention lies (the Doc is held only to know when the next one comes)
        self._doc: Doc | None = None
        self._patterns: dict[int, Pattern | None] = {}
        self._kinds: dict[int, tuple[int, str]] = {}

    def _for(self, doc: Doc) -> None:
        if doc is not self._doc:
            self._doc, self._patterns, self._kinds = doc, {}, {}
            for n, m in enumerate(doc._.actors or []):
                for i in range(m.start, m.end):
                    self._kinds.setdefault(i, (n, m.kind))

    def match(self, tok: Token) -> Pattern | None:
        """The trigger pattern ``tok`` meets, if any (``Matcher.match``, once per token of a Doc)."""
        self._for(tok.doc)
        if tok.i not in self._patterns:
            self._patterns[tok.i] = self.matcher.match(tok)
        return self._patterns[tok.i]

    @classmethod
    def shipped(cls, kb: KnowledgeBase, threshold: float = THRESHOLD, known_only: bool = True,
                recode_above: float = 2.0) -> Linker:
        path = model_path()
        return cls(kb, LinearModel.load(path) if path.exists() else None, threshold, known_only, recode_above)

    def released(self, doc: Doc) -> bool:
        """Whether a government publishes the text (its source is a known publisher): a release codes what its
        state does abroad, news also what armies, police, rebels and crowds do at home."""
        return self.kb.publisher(doc._.publisher or "") is not None

    def kind(self, span: Span) -> str:
        """The kind of the first actor mention (in the Doc's order) over ``span``, or ""."""
        self._for(span.doc)
        over = [self._kinds[i] for i in range(span.start, span.end) if i in self._kinds]
        return min(over)[1] if over else ""

    def features(self, source: Span, target: Span | None, rule: str | None, rule_back: str | None) -> list[str]:
        kinds = (self.kind(source), self.kind(target) if target is not None else "")
        return pair_features(source, target, self.match, kinds, rule, rule_back)

    def reading(self, source: Span, target: Span | None, rule: str | None, events: list[Event],
                sentence: CharSpan | None = None) -> tuple[list[str], np.ndarray | None]:
        """What the model reads of a candidate (its features and dense vector), ``rule`` being the rules' code for
        it; the rules' code for the reverse pair is looked up in ``events`` (in ``sentence``: by default the
        source's)."""
        back = None
        if target is not None:
            back = rule_code(events, sentence or _chars(source.sent), _chars(target), _chars(source))
        return self.features(source, target, rule, back), pair_vector(source, target)

    def decide(self, reading: tuple[list[str], np.ndarray | None]) -> Decision:
        assert self.model is not None
        return Decision(*self.model.likeliest(*reading, but=NONE))

    # -- the stage -------------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        if self.model is None:
            return doc
        events = list(doc._.events or [])
        sentences = Sentences(doc, events)
        if self.recode_above <= 1:
            for e in events:
                self.recode(doc, e, sentences)
        added: list[Event] = []
        ours = {a.country for a in self.signatories(doc)}  # a statement's signatories do not act on each other
        ours = ours if len(ours) >= 3 else set()
        released = self.released(doc)
        for k, sent in enumerate(sentences.sents):
            if sent.text.rstrip().endswith("?") or asked(sent, self.askers):
                continue  # a journalist's question asserts nothing
            found = sentences.mentions.get(k, [])
            local = sentences.events.get(k, [])
            for s in found:
                for t in [*found, None]:
                    if t is s or (t is not None and s.actor.country in ours and t.actor.country in ours):
                        continue
                    event = self.link(doc, sent, s, t, local, released)
                    if event is not None:
                        added.append(event)
        added = self.news(events, _mutual(added), released)
        if added:
            doc._.events = merge_events(events + added, doc._.title_chars or 0)
        return doc

    def recode(self, doc: Doc, e: Event, sentences: Sentences) -> None:
        """Where the rules coded one actor acting on one other and the model is sure (``recode_above``) of another
        root for the pair, the event takes the model's root (its evidence then names the model too)."""
        if e.mutual or len(e.source) != 1 or len(e.target) != 1 or e.source[0].span is None or \
                e.target[0].span is None or e.source[0].field != "text" or e.target[0].field != "text":
            return
        s = doc.char_span(*e.source[0].span, alignment_mode="expand")
        t = doc.char_span(*e.target[0].span, alignment_mode="expand")
        if s is None or t is None or s.sent.start != t.sent.start or (s.start < t.end and t.start < s.end):
            return
        d = self.decide(self.reading(s, t, e.cameo, sentences.events.get(sentences.of(s.start), [])))
        if d.label == e.cameo[:2] or d.p < self.recode_above:
            return
        e.cameo = self.code(d.label, on_the_way(s, t))
        e.plover_type = cameo.plover_type(e.cameo)
        x = e.evidence[0]
        e.evidence.append(Evidence(sentence=x.sentence, trigger=x.trigger, rule=f"model:{d.label}", text=x.text))

    def news(self, events: list[Event], added: list[Event], released: bool = True) -> list[Event]:
        """The model's events that add a fact to the document: not one whose every dyad and root an event before it
        already states (a meeting told again in other words), and, with ``known_only``, not one between actors of
        no known country in a ``released`` text (a government's release: news names rebels, gunmen and protesters
        of no one state)."""
        seen = {(*dyad, e.cameo[:2]) for e in events for dyad in e.dyads()}
        told = {(k[0], k[2]) for k in seen}  # (source, root) of what is seen: who is told to have acted how
        out = []
        for e in added:
            keys = {(*dyad, e.cameo[:2]) for dyad in e.dyads()}
            if self.known_only and released and any("---" in k[:2] for k in keys):
                continue
            if keys and keys <= seen:
                continue
            if not e.target and {(k[0], k[2]) for k in keys} <= told:
                continue  # "Poland deploys troops" where the rules have told whereto
            seen |= keys
            told |= {(k[0], k[2]) for k in keys}
            out.append(e)
        return out

    def link(self, doc: Doc, sent: Span, s: Mention, t: Mention | None, events: list[Event],
             released: bool = True) -> Event | None:
        """The event the model finds from ``s`` to ``t`` where the rules found none, if any; ``released``: the text
        is a government's release (``Linker.released``)."""
        s_span = doc[s.start:s.end]
        t_span = doc[t.start:t.end] if t is not None else None
        where = _chars(sent)
        rule = rule_code(events, where, _chars(s_span), _chars(t_span) if t_span is not None else None)
        if rule is not None:
            return None
        if t is not None and (s.actor.country and s.actor.country == t.actor.country) and (
                released or _itself(s, t)):
            return None  # an actor acting on itself (but in news, one of a state's actors on another)
        if any(m.actor.resolved_by.startswith(PLACE_RULES) for m in (s, t) if m is not None):
            return None  # a place named as where ("talks in Geneva") is no party: the rules read places
        if t is not None and doc[t.head] in doc[s.head].conjuncts:
            return None  # two of one list ("between India, the UAE, Saudi Arabia and Israel") are not its two sides
        d = self.decide(self.reading(s_span, t_span, rule, events))
        if d.p < self.threshold:
            return None
        words = on_the_way(s_span, t_span)
        trigger = words[0]
        if t_span is not None and _someone_elses(s_span, t_span):
            return None  # "Russia attacked Ukraine, and Iran kidnapped Israelis": Iran's act, not Russia's
        if t_span is not None and _on(t_span, trigger, ("nsubj",)) and \
                not _on(s_span, trigger, ("nsubj", "dobj", "dative")):
            return None  # the doer of the word that links them is no target ("Wang Yi said that Xi visited"), but
            # of what its object does ("the President invited Orban to visit": Hungary's visit to Ukraine)
        code = self.code(d.label, words)
        if code == BARE_STATEMENT:
            return None  # saying is no act on those the words name (docs/coding-guide.md)
        mood = self.mood.modality(trigger, g.governor(trigger), code)
        if mood == "asserted" and code.startswith(cameo.group("intentions")):
            mood = "intended"  # an intention is of what is to come (docs/coding-guide.md)
        elif mood == "intended":
            code = cameo.as_intention(code)  # "will travel to Botswana": an intent to meet (036), as the rules code it
        return Event(source=[replace(s.actor)], target=[replace(t.actor)] if t else [],
                     cameo=code, plover_type=cameo.plover_type(code), when=doc._.doc_when, modality=mood,
                     evidence=[Evidence(sentence=where, trigger=(trigger.idx, trigger.idx + len(trigger)),
                                        rule=f"model:{d.label}", text=sent.text.strip())])

    def code(self, root: str, words: list[Token]) -> str:
        """The finest code a trigger pattern of the words between source and target gives under ``root``; else the
        root's generic code."""
        for tok in words:
            p = self.match(tok)
            if p is not None and p.cameo.startswith(root):
                return p.cameo
        return f"{root}0"


BARE_STATEMENT = "010"  # "make statement" with no finer kind (condolence, denial, comment) a pattern gives


def _someone_elses(source: Span, target: Span) -> bool:
    """Whether the target is in a clause below where the path turns that has a subject of its own, neither the
    source nor the target ("China hopes the US will ..." is the US's clause): that subject does what is done to it."""
    s_tok, t_tok = stand_in(source.root), stand_in(target.root)
    _, _, down = path(s_tok, t_tok)
    return any(tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i not in (s_tok.i, t_tok.i) and c.pos_ not in ("PRON", "DET")
        for c in tok.children) for tok in down)  # a pronoun may be the source again ("where he had lunch")


def _on(mention: Span, word: Token, deps: tuple[str, ...]) -> bool:
    """Whether the mention (or the head of the list it is in) hangs on ``word`` by one of ``deps``."""
    tok = stand_in(mention.root)
    return tok.dep_ in deps and tok.head.i == word.i


def _itself(s: Mention, t: Mention) -> bool:
    """Whether two mentions of one state may be one actor: the state itself beside one of its own ("Chancellor
    Merkel" and "Germany"), one person or office named twice, or two bodies of one sector ("the government" and
    "the authorities"). Two office holders ("Iceland's president" and "the prime minister"), or one and a body of
    the state, are two actors that news reports acting on each other."""
    if "country" in (s.kind, t.kind):
        return True
    a, b = s.actor, t.actor
    if (a.person and a.person == b.person) or (not a.person and not b.person and a.role and a.role == b.role):
        return True
    holders = [x for x in (a, b) if x.person or x.role]
    return not holders and (a.sector or "GOV") == (b.sector or "GOV")


def _mutual(events: list[Event]) -> list[Event]:
    """Two events the model found each way between the same two mentions with one code are one mutual event."""
    out: list[Event] = []
    for e in events:
        twin = next((o for o in out if o.cameo == e.cameo and o.source and o.target and e.target
                     and o.source[0].span == e.target[0].span and o.target[0].span == e.source[0].span
                     and o.evidence[0].sentence == e.evidence[0].sentence), None)
        if twin is not None and e.cameo.startswith((*cameo.group("done_together"), "04")):
            twin.mutual = True
            continue
        out.append(e)
    return out
