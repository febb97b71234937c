"""Who signs a statement: the states a joint or group statement speaks for, read off its title, its opening
("The following statement was released by the Governments of A, B and C") and its sign-off line ("Signed by the
Governments of A, B, C"). "We" and "the undersigned" in such a text are its signatories.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from readout.knowledge import KnowledgeBase
from readout.nlp import grammar as g
from readout.nlp.people import Mention
from readout.records import Actor

# "(the “Participants”)", "(hereinafter “the Parties”)": the name a text gives the states it has just listed
DEFINED = re.compile(r"\((?:hereinafter\s+)?(?:the\s+)?[“\"']\s*(?:the\s+)?([A-Z][a-z]+)\s*[”\"']\s*\)")


class Signatories:
    """Reads the cue words of statements: "joint statement" in a title or opening, the words that name a
    statement's authors ("statement was released by", "Signed by"), the words a list of states is joined by, and
    the prepositions of what a statement is about ("Joint Statement on Cuba")."""

    def __init__(self, kb: KnowledgeBase):
        self.joint_statement, self.authors = kb.cue("joint_statement"), kb.cue("statement_authors")
        self.sign_off = kb.cue("sign_off")
        self.list_joiner, self.addressed_preps = kb.cue("list_joiner"), kb.cue("addressed_prep")

    def __call__(self, doc: Doc) -> list[Actor]:
        """The states the statement speaks for (computed once per document)."""
        if "readout_signatories" not in doc.user_data:
            doc.user_data["readout_signatories"] = self._signatories(doc)
        found: list[Actor] = doc.user_data["readout_signatories"]
        return found

    def joint_words(self, doc: Doc) -> tuple[int, int] | None:
        """Where the title calls the text a joint statement (a cue: "joint declaration", ...), or the opening
        introduces it as one ("the text of the following joint statement", "adopted the following Joint
        Declaration"). A joint statement the text only mentions ("we support the joint statement of ECOWAS") does not
        make the text one."""
        if "readout_joint" not in doc.user_data:
            title = doc._.title_chars or 0
            low = doc.text[: title + 400].lower()
            found = [(i, i + len(w)) for w in self.joint_statement for i in [low.find(w)]
                     if i != -1 and (i < title or 0 <= i - low.rfind("following", 0, i) <= 30)]
            doc.user_data["readout_joint"] = min(found) if found else None
        at: tuple[int, int] | None = doc.user_data["readout_joint"]
        return at

    def _signatories(self, doc: Doc) -> list[Actor]:
        """The states a sentence naming the statement's authors lists ("was released by the Governments of A, B and
        C", "Signed by A, B, C"), where it lists two or more; else, in a text that calls itself a joint statement,
        the list of states its opening names as authors ("We, the leaders of A, B, C and D"), or every state the title
        and opening name but those the title says the statement is about ("Joint Statement on Cuba"): a party a
        statement addresses is never one of its signatories."""
        for sent in self.author_sentences(doc):
            end = self.list_lines_end(doc, sent)
            listed = longest_list(doc, self.named(doc, sent.start, end, people=True), self.list_joiner)
            if len(listed) >= 2:
                return listed
        defined = self.defined(doc)
        if defined is not None:
            return defined[1]
        if self.joint_words(doc) is None:
            return []
        authors = self._title_authors(doc)
        if len(authors) >= 2:
            return authors
        first = [s for s in g.opening(doc, 3) if s.start_char >= (doc._.title_chars or 0)][:1]
        named = self.named(doc, 0, first[0].end if first else 0)
        listed = longest_list(doc, named, self.list_joiner)
        if len(listed) >= 3:
            return listed
        addressed = {m.actor.country for m in named if m.start < title_end(doc) and self._addressed(doc, m)}
        found: dict[str, Actor] = {}
        for m in named:
            if m.actor.country and m.actor.country not in addressed:
                found.setdefault(m.actor.country, m.actor)
        return list(found.values()) if len(found) >= 2 else []

    def _title_authors(self, doc: Doc) -> list[Actor]:
        """The states of the people and states a joint statement's title names before what it is about ("Joint
        Statement by President Biden and President von der Leyen": the United States and the EU, not the states its
        first sentence condemns or supports; "... of NATO and G7 Leaders on the Margins of the G20 Summit": not the
        G20)."""
        end = title_end(doc)
        topic = next((t.i for t in doc[:end] if t.lower_ in self.addressed_preps), end)  # "... on Support for X, Y"
        found: dict[str, Actor] = {}
        for m in self.named(doc, 0, topic, people=True):
            if m.actor.country:
                found.setdefault(m.actor.country, m.actor)
        return list(found.values())

    def defined(self, doc: Doc) -> tuple[str, list[Actor]] | None:
        """A name the text gives the states it lists ("the Governments of A, B and C (the “Participants”) commit
        to ...", "hereinafter the Parties"): the name and the states, where two or more (computed once)."""
        if "readout_defined" not in doc.user_data:
            found = None
            m = DEFINED.search(doc.text)
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand") if m is not None else None
            if m is not None and span is not None:
                sent = span.sent
                listed = longest_list(doc, self.named(doc, sent.start, span.start), self.list_joiner)
                found = (m.group(1), listed) if len(listed) >= 2 else None
            doc.user_data["readout_defined"] = found
        defined: tuple[str, list[Actor]] | None = doc.user_data["readout_defined"]
        return defined

    def author_sentences(self, doc: Doc) -> list[Span]:
        """Sentences that name who issues the text: in its opening, "The following statement was released by ...";
        anywhere, a line that begins with its signatures ("Signed by the Governments of ...")."""
        title = doc._.title_chars or 0
        opening = [s for s in g.opening(doc, 3) if s.start_char >= title][:2]  # (a heading line may come first)
        out = [s for s in opening if any(w in s.text.lower() for w in self.authors)][:1]
        out += [s for s in doc.sents if s.start_char >= title and s not in out
                and any(s.text.lstrip().lower().startswith(w) for w in self.sign_off)]
        return out

    def list_lines_end(self, doc: Doc, sent: Span) -> int:
        """Where the list a sentence opens ends: "Signatories:" followed by one state a line runs on over the lines
        that hold nothing but states and list words."""
        end = sent.end
        mentions = {i for m in self.named(doc, sent.end, len(doc)) for i in range(m.start, m.end)}
        for nxt in (s for s in doc.sents if s.start >= sent.end):
            if not any(t.i in mentions for t in nxt) or not all(
                    t.i in mentions or t.is_space or t.is_punct or t.lower_ in self.list_joiner for t in nxt):
                break
            end = nxt.end
        return end

    @staticmethod
    def named(doc: Doc, start: int, end: int, people: bool = False) -> list[Mention]:
        """The states (with ``people``, also the people of states) named between two token indices."""
        kinds = ("country", "agent", "igo", "person") if people else ("country", "agent", "igo")
        return [m for m in doc._.actors or [] if start <= m.start < end and m.kind in kinds and m.actor.country
                and (people or not m.actor.person)]

    def _addressed(self, doc: Doc, m: Mention) -> bool:
        """A mention the title names as what the statement is about: after "on", "against", "regarding" ..."""
        before = doc[max(0, m.start - 3):m.start]
        return any(t.lower_ in self.addressed_preps for t in before)


def longest_list(doc: Doc, named: list[Mention], joiners: frozenset[str] | set[str]) -> list[Actor]:
    """The longest run of actors named one after another with nothing but list words between (commas, "and",
    "the", "representatives of"); each country once, as first named."""
    best: list[Actor] = []
    run: list[Actor] = []
    last_end = None
    for m in sorted(named, key=lambda m: m.start):
        between = doc[last_end:m.start] if last_end is not None else None
        joined = between is not None and all(t.lower_ in joiners or t.is_space for t in between) and len(between) <= 5
        run = [*run, m.actor] if joined else [m.actor]
        last_end = m.end
        distinct = list({a.country: a for a in reversed(run)}.values())[::-1]
        if len(distinct) > len(best):
            best = distinct
    return best


def title_end(doc: Doc) -> int:
    """The token index where the title ends (0 where there is none)."""
    chars = doc._.title_chars or 0
    return next((t.i for t in doc if t.idx >= chars), len(doc)) if chars else 0
