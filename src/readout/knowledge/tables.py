"""The knowledge tables as files: what each holds (its id column, the columns it needs), reading one with the file
and line of every row, laying a user's table over the built-in one, and writing tables back.

A user's knowledge folder holds any of the tables. A table it holds is merged over the built-in one by id: a row
with an id the built-in table has replaces that row where it stands, a row with a new id is added at the end. A
table whose first line is ``# replace`` takes the built-in table's place whole. A table the folder does not hold is
the built-in one. Other lines starting with ``#`` are comments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

REPLACE = "# replace"  # first line of a table that replaces the built-in one instead of adding to it


@dataclass(frozen=True)
class Spec:
    """One table: its file name, the column that identifies a row, the columns a row must have, and columns that may
    be left out of the file (they read as empty)."""

    name: str
    id: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)


SPECS = {s.name: s for s in (
    Spec("countries.tsv", "iso3", ("iso3", "cameo", "name", "aliases", "demonyms", "capitals", "seats")),
    Spec("igos.tsv", "id", ("id", "cameo", "name", "aliases", "members")),
    Spec("agents.tsv", "id", ("id", "phrases", "sector", "role", "kind"), ("flags",)),
    Spec("officials.tsv", "id", ("id", "name", "aliases", "country", "sector", "role", "start", "end")),
    Spec("names.tsv", "id", ("id", "name", "aliases", "country", "sector"), ("start", "end")),
    Spec("organisations.tsv", "id", ("id", "name", "aliases", "country", "sector", "kind"), ("start", "end")),
    Spec("events.tsv", "id", ("id", "pos", "lemma", "particle", "object", "cameo", "target", "mutual"),
         ("value", "flags")),
    Spec("contexts.tsv", "id", ("id", "plover", "phrases")),
    Spec("cues.tsv", "id", ("id", "kind", "phrases")),
    Spec("publishers.tsv", "id", ("id", "match", "country", "sector", "name")),
    Spec("gatherings.tsv", "id", ("id", "names", "start", "end", "city", "country")),
)}
TABLES = tuple(SPECS)
_BREAKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")  # what splits a line or a row


class Row(dict[str, str]):
    """A table row (column -> value) that knows where it was read: ``where`` is ``file:line``."""

    where: str = ""

    @classmethod
    def at(cls, where: str, values: dict[str, str]) -> Row:
        row = cls(values)
        row.where = where
        return row


@dataclass
class Table:
    """One table file as read: its header (and the line it stands on), rows, whether it replaces the built-in
    table, and the problems found in its lines."""

    path: str
    columns: list[str]
    rows: list[Row]
    replace: bool = False
    header_line: int = 1
    problems: list[str] | None = None


def builtin_text(name: str) -> str:
    return resources.files("readout.knowledge").joinpath("data", name).read_text(encoding="utf-8")


def parse(text: str, path: str) -> Table:
    """A table from its text; ``path`` names it in ``where`` and in problems."""
    lines = text.splitlines()
    replace = bool(lines) and lines[0].strip().lower() == REPLACE
    problems: list[str] = []
    header: list[str] | None = None
    header_line = 1
    rows: list[Row] = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header, header_line = [c.strip() for c in cells], lineno
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            problems.append(f"{path}:{lineno}: {len(cells)} fields, the header has {len(header)}")
        cells += [""] * (len(header) - len(cells))
        rows.append(Row.at(f"{path}:{lineno}", dict(zip(header, cells, strict=False))))
    return Table(path, header or [], rows, replace, header_line, problems)


def read(name: str, folder: Path | None = None) -> Table:
    """A table file of the package (``folder`` None) or of a user's folder."""
    if folder is None:
        return parse(builtin_text(name), f"knowledge/data/{name}")
    path = folder / name
    return parse(path.read_text(encoding="utf-8"), str(path))


def merge(base: list[Row], over: list[Row], key: str) -> list[Row]:
    """``over``'s rows laid over ``base``'s by ``key``: same id replaces the row in place, a new id is added."""
    position = {r.get(key, "").strip(): i for i, r in enumerate(base)}
    out = list(base)
    for r in over:
        i = position.get(r.get(key, "").strip())
        if i is None:
            position[r.get(key, "").strip()] = len(out)
            out.append(r)
        else:
            out[i] = r
    return out


def columns_of(name: str, rows: list[Row]) -> list[str]:
    """The columns to write a table with: the ones it needs, then any others its rows carry (an optional column only
    where a row carries it), in the order first seen."""
    spec = SPECS.get(name)
    seen = dict.fromkeys(spec.required if spec else ())
    carried = {c for r in rows for c in r}
    seen.update(dict.fromkeys(c for c in (spec.optional if spec else ()) if c in carried))
    for r in rows:
        seen.update(dict.fromkeys(r))
    return list(seen)


def to_tsv(columns: Sequence[str], rows: Sequence[Mapping[str, str]], replace: bool = False) -> str:
    """A table's text: (``# replace``,) the header, one line a row; a tab or line break inside a value becomes a
    space, as it would split the row."""
    lines = [REPLACE] if replace else []
    lines.append("\t".join(columns))
    lines += ["\t".join(_BREAKS.sub(" ", str(r.get(c, "") or "")) for c in columns) for r in rows]
    return "\n".join(lines) + "\n"
