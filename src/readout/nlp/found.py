"""What the events stage knows while it codes a document: a trigger the patterns found (``Found``), and the document
as the stage reads it, with the actors, sides and speakers every trigger is read against (``Reading``). Shared by the
collaborators of the events stage, so that none of them imports another for its types.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from readout.knowledge import Pattern
from readout.nlp.people import Mention
from readout.records import Actor, When


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


@dataclass
class Reading:
    """A document as the events stage reads it: its actor mentions by token, its two sides (``pair``), the speaker
    of each sentence a paragraph's "X said" covers, the triggers found so far by token, and whether it reports a
    meeting or call."""

    doc: Doc
    actor_at: dict[int, Mention]
    pair: list[Actor] = field(default_factory=list)
    speakers: dict[int, Actor] = field(default_factory=dict)
    by_token: dict[int, Found] = field(default_factory=dict)
    meeting: bool = False
