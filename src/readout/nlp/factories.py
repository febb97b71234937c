"""Every readout stage as a spaCy component, declared in one place with what it reads and writes (``requires``,
``assigns``) and its default config, as spaCy declares its own (``spacy/pipeline/factories.py``).

A stage is built from one KnowledgeBase: ``knowledge`` in its config names a folder of tables that adds to or
overrides the built-in ones (``null``: the built-in tables). ``nlp.to_disk`` saves, in each stage's folder, the
tables it was built from, and ``spacy.load`` of that directory builds the stages from them, so a saved pipeline codes
as it did when saved, whatever tables the installed package ships. The stages are registered with spaCy under the
``spacy_factories`` entry point, so ``spacy.load`` finds them without importing readout first.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from readout.knowledge import KnowledgeBase, load, read_tables
from readout.models.linear import LinearModel
from readout.nlp.actors import ActorResolver
from readout.nlp.casing import Recaser
from readout.nlp.events import EventCoder
from readout.nlp.gatherings import Gatherings
from readout.nlp.gazetteer import Gazetteer
from readout.nlp.linker import THRESHOLD, Linker
from readout.nlp.scene import Scene
from readout.nlp.serialize import register_encoders
from readout.nlp.text import TextCleaner
from readout.nlp.when import WhenFinder
from readout.nlp.where import PlaceFinder, geocoder_for

register_encoders()  # a pipeline loaded by spacy.load (entry points) reads and writes readout's results too
TABLES = "knowledge"  # the sub-folder (or bytes key) a stage saves its tables under
MODEL = "model.npz"  # the file (or bytes key) the pair classifier's stage saves its model under
_SAVED: dict[str, KnowledgeBase] = {}  # tables read back from disk, by digest: stages saved together share one


class Stage:
    """A readout stage as a spaCy component: ``build(nlp, kb)`` makes the callable that does the work, on first use
    (a pipeline loaded from disk builds it once, from the saved tables)."""

    def __init__(self, nlp: Language, name: str, knowledge: str | None,
                 build: Callable[[Language, KnowledgeBase], Callable[[Doc], Doc]]):
        self.nlp, self.name, self.knowledge, self.build = nlp, name, knowledge, build
        self._kb: KnowledgeBase | None = None
        self._tables: dict[str, str] | None = None  # the tables as read from disk, to save them again as they were
        self._work: Callable[[Doc], Doc] | None = None

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = load(self.knowledge)
        return self._kb

    @property
    def work(self) -> Callable[[Doc], Doc]:
        """The stage's worker, built on first use."""
        if self._work is None:
            self._work = self.build(self.nlp, self.kb)
        return self._work

    def __call__(self, doc: Doc) -> Doc:
        return self.work(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        work = self.work
        for doc in docs:
            yield work(doc)

    # -- serialization ---------------------------------------------------------------------------------------------
    def tables(self) -> dict[str, str]:
        """File name -> text of every table this stage is built from (``KnowledgeBase.to_disk``: each marked to
        replace the built-in table, so that the saved tables are the ones read back)."""
        if self._tables is None:
            self._tables = self.kb.texts()
        return self._tables

    def _use(self, tables: dict[str, str]) -> None:
        digest = hashlib.sha256(srsly.json_dumps(tables, sort_keys=True).encode()).hexdigest()
        if digest not in _SAVED:
            with tempfile.TemporaryDirectory(prefix="readout-tables-") as folder:
                _write(Path(folder), tables)
                _SAVED[digest] = KnowledgeBase.from_tables(read_tables(Path(folder)))
        self._kb, self._tables, self._work = _SAVED[digest], tables, None

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        if TABLES not in exclude:
            _write(Path(path) / TABLES, self.tables())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Stage:
        folder = Path(path) / TABLES
        if TABLES not in exclude and folder.is_dir():
            self._use(_read(folder))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({TABLES: {} if TABLES in exclude else self.tables()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Stage:
        tables = srsly.msgpack_loads(data).get(TABLES) or {}
        if tables and TABLES not in exclude:
            self._use(tables)
        return self


def _read(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.tsv"))}


def _write(folder: Path, tables: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (folder / name).write_text(text, encoding="utf-8")


# -- the stages --------------------------------------------------------------------------------------------------

KNOWLEDGE: dict[str, Any] = {"knowledge": None}


def _text(nlp: Language, kb: KnowledgeBase) -> TextCleaner:
    return TextCleaner(nlp.tokenizer, Recaser(kb))


def _scene(nlp: Language, kb: KnowledgeBase) -> Scene:
    return Scene(kb, geocoder_for(kb), Gatherings(kb.gatherings))


@Language.factory("readout_text", default_config=KNOWLEDGE, assigns=["doc.text"])
def make_text(nlp: Language, name: str, knowledge: str | None) -> Stage:
    """Unwraps and re-cases text written in one case, before the tagger (``readout.nlp.text``)."""
    return Stage(nlp, name, knowledge, _text)


@Language.factory("readout_gazetteer", default_config=KNOWLEDGE, assigns=["doc._.gazetteer", "doc.ents"])
def make_gazetteer(nlp: Language, name: str, knowledge: str | None) -> Stage:
    """Known names, titles, group nouns and sector words (``readout.nlp.gazetteer``), before NER."""
    return Stage(nlp, name, knowledge, Gazetteer)


@Language.factory("readout_actors", default_config=KNOWLEDGE,
                  requires=["doc.ents", "token.dep", "doc._.gazetteer"], assigns=["doc._.actors", "doc._.actor_at"])
def make_actors(nlp: Language, name: str, knowledge: str | None) -> Stage:
    """Actor mentions, resolved (``readout.nlp.actors``)."""
    return Stage(nlp, name, knowledge, lambda nlp, kb: ActorResolver(kb, geocoder_for(kb)))


@Language.factory("readout_when", default_config=KNOWLEDGE, requires=["doc.ents"],
                  assigns=["doc._.dates", "doc._.doc_when"])
def make_when(nlp: Language, name: str, knowledge: str | None) -> Stage:
    """Dates, and the document's own date (``readout.nlp.when``)."""
    return Stage(nlp, name, knowledge, lambda nlp, kb: WhenFinder())


@Language.factory("readout_where", default_config=KNOWLEDGE, requires=["doc.ents", "doc._.gazetteer"],
                  assigns=["doc._.places", "doc._.dateline"])
def make_where(nlp: Language, name: str, knowledge: str | None) -> Stage:
    """Places, geocoded, and the dateline (``readout.nlp.where``)."""
    return Stage(nlp, name, knowledge, lambda nlp, kb: PlaceFinder(geocoder_for(kb)))


@Language.factory("readout_events", default_config=KNOWLEDGE,
                  requires=["token.dep", "token.lemma", "doc._.actors", "doc._.dates", "doc._.places"],
                  assigns=["doc._.events"])
def make_events(nlp: Language, name: str, knowledge: str | None) -> Stage:
    """Events: triggers, participants, mood, date, place (``readout.nlp.events``)."""
    return Stage(nlp, name, knowledge, lambda nlp, kb: EventCoder(kb))


class LinkerStage(Stage):
    """The pair classifier's stage: it saves, besides its tables, the model it codes with, and reads it back."""

    def __init__(self, nlp: Language, name: str, knowledge: str | None, settings: dict[str, Any]):
        super().__init__(nlp, name, knowledge, self._linker)
        self.model: LinearModel | None = None  # None: the model the package ships
        self.settings = settings

    def _linker(self, nlp: Language, kb: KnowledgeBase) -> Linker:
        if self.model is None:
            return Linker.shipped(kb, **self.settings)
        return Linker(kb, self.model, **self.settings)

    @property
    def linker(self) -> Linker:
        work = self.work
        assert isinstance(work, Linker)
        return work

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        super().to_disk(path, exclude=exclude)
        if MODEL not in exclude and self.linker.model is not None:
            self.linker.model.save(Path(path) / MODEL)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LinkerStage:
        super().from_disk(path, exclude=exclude)
        if MODEL not in exclude and (Path(path) / MODEL).is_file():
            self.model, self._work = LinearModel.load(Path(path) / MODEL), None
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        model = self.linker.model
        return srsly.msgpack_dumps({TABLES: {} if TABLES in exclude else self.tables(),
                                    MODEL: model.to_bytes() if model is not None and MODEL not in exclude else b""})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> LinkerStage:
        super().from_bytes(data, exclude=exclude)
        model = srsly.msgpack_loads(data).get(MODEL)
        if model and MODEL not in exclude:
            self.model, self._work = LinearModel.from_bytes(model), None
        return self


@Language.factory("readout_linker",
                  default_config={**KNOWLEDGE, "threshold": THRESHOLD, "known_only": True, "recode_above": 2.0},
                  requires=["token.dep", "doc._.actors", "doc._.events"], assigns=["doc._.events"])
def make_linker(nlp: Language, name: str, knowledge: str | None, threshold: float, known_only: bool,
                recode_above: float) -> Stage:
    """Events the rules missed between two actor mentions, found by the trained pair classifier
    (``readout.nlp.linker``): ``threshold``, the least probability of an event it adds; ``known_only``, only
    between actors of known country (off: also groups, crowds and agencies of no known country);
    ``recode_above``, the probability over which the model's root replaces the rules' for a pair (over 1: never,
    the default, as measured in ``docs/candidates.md``)."""
    return LinkerStage(nlp, name, knowledge,
                       {"threshold": threshold, "known_only": known_only, "recode_above": recode_above})


@Language.factory("readout_scene", default_config=KNOWLEDGE,
                  requires=["doc._.events", "doc._.doc_when", "doc._.dateline"], assigns=["doc._.events"])
def make_scene(nlp: Language, name: str, knowledge: str | None) -> Stage:
    """The document's scene: the day and place of what is said at its principal meeting (``readout.nlp.scene``)."""
    return Stage(nlp, name, knowledge, _scene)
