"""Why the coder missed what it missed: each gold dyad it did not match, told from what the coding of its document
holds (``readout eval --misses`` lists them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Item(Protocol):
    """A directed dyad of one event, gold or coded (``readout.evaluate.Item``)."""

    @property
    def source(self) -> str: ...

    @property
    def target(self) -> str: ...

    @property
    def code(self) -> str: ...


# Why a gold dyad was missed, at root level, from what the coding of its document holds: the pair coded with another
# root, the reverse pair with this root, both countries in coded events but never as this pair, a country among the
# document's actor mentions but in no coded event, or among none of them (the actor stage never found it).
MISS_KINDS = ("other root", "reversed", "not linked", "actor in no event", "actor not found")


def miss_kind(missed: Item, coded: Sequence[Item], mentioned: set[str]) -> str:
    """One of ``MISS_KINDS`` for a gold dyad the coding ``coded`` does not match; ``mentioned``: the countries of
    the document's actor mentions."""
    pairs = {(c.source, c.target) for c in coded}
    if (missed.source, missed.target) in pairs:
        return "other root"
    if any((c.source, c.target, c.code[:2]) == (missed.target, missed.source, missed.code[:2]) for c in coded):
        return "reversed"
    in_events = {c.source for c in coded} | {c.target for c in coded}
    absent = [a for a in (missed.source, missed.target) if a not in in_events and a != "---"]
    if not absent:
        return "not linked"
    return "actor in no event" if all(a in mentioned for a in absent) else "actor not found"
