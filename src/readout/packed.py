"""A long document's actor mentions, packed. A text of megabytes names tens of thousands of actors a megabyte, most
of them the same few (the same words, resolved the same way) at different places: each distinct actor is kept once
and each mention as an index and two offsets in arrays, about 24 bytes a mention instead of about 300 as objects.
Reading a mention builds its ``Actor`` anew (a copy: changing it changes nothing stored)."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from readout.records import Actor

_NO_SPAN = -1


class PackedActors(Sequence[Actor]):
    __slots__ = ("_kinds", "_ids", "_index", "_spans")

    def __init__(self, actors: Iterable[Actor] = ()) -> None:
        self._kinds: list[tuple[Any, ...]] = []  # every field of an actor but its span
        self._ids: dict[tuple[Any, ...], int] = {}
        self._index = array("q")  # per mention: its kind
        self._spans = array("q")  # per mention: start, end (-1, -1 for none)
        self.extend(actors)

    def append(self, a: Actor) -> None:
        key = (a.text, a.name, a.country, a.sector, a.role, a.titles, a.person, a.resolved_by, a.field)
        k = self._ids.get(key)
        if k is None:
            k = self._ids[key] = len(self._kinds)
            self._kinds.append(key)
        self._index.append(k)
        self._spans.extend(a.span if a.span is not None else (_NO_SPAN, _NO_SPAN))

    def extend(self, actors: Iterable[Actor]) -> None:
        for a in actors:
            self.append(a)

    def __len__(self) -> int:
        return len(self._index)

    @overload
    def __getitem__(self, i: int) -> Actor: ...

    @overload
    def __getitem__(self, i: slice) -> list[Actor]: ...

    def __getitem__(self, i: int | slice) -> Actor | list[Actor]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("actor index out of range")
        text, name, country, sector, role, titles, person, resolved_by, field = self._kinds[self._index[i]]
        start, end = self._spans[2 * i], self._spans[2 * i + 1]
        return Actor(text=text, name=name, country=country, sector=sector, role=role, titles=titles, person=person,
                     span=None if start == _NO_SPAN else (start, end), resolved_by=resolved_by, field=field)

    def __iter__(self) -> Iterator[Actor]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list

    def __repr__(self) -> str:
        return f"PackedActors({len(self)} mentions of {len(self._kinds)} actors)"
