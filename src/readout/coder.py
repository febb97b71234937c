"""The Coder: Documents in, CodedDocuments out, in batches. It owns one readout pipeline per process (a spaCy
``Language`` that is the whole coder: ``readout.nlp``), turns each Document into a Doc with its title and what is known
of it (``readout.nlp.build.doc_for``), cuts very long texts into pieces and puts their results together, and turns
Docs into records. It does no I/O."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from readout.errors import ReadoutError
from readout.knowledge import load
from readout.nlp.build import MAX_CHARS, build_pipeline, doc_for
from readout.nlp.factories import Stage
from readout.nlp.merging import merge_events
from readout.nlp.scene import Scene, Seen
from readout.packed import PackedActors
from readout.records import Actor, CodedDocument, Document, When, calendar_day
from readout.version import __version__

__all__ = ["MAX_CHARS", "Coder", "build_pipeline", "split_text"]


class Coder:
    """Codes Documents into CodedDocuments.

    Args:
        pipeline: name of the spaCy pipeline (default: the ``READOUT_PIPELINE`` setting or the installed English one),
            or a directory a readout pipeline was saved to.
        knowledge: a folder of knowledge tables that add to or override the package's own.
        batch_size: documents per ``nlp.pipe`` batch.
        n_process: processes spaCy's own ``nlp.pipe`` codes in (each a fork of this one; results come back through
            ``Doc.to_bytes``). Dask workers (``readout.cluster``) scale further, across machines too.
    """

    def __init__(self, pipeline: str | None = None, knowledge: str | None = None, batch_size: int = 32,
                 n_process: int = 1):
        load(knowledge)  # read (and checked) now: a bad table is an error before any text is coded
        self.nlp = build_pipeline(pipeline, knowledge)
        self.n_process = max(1, n_process)
        self.knowledge = knowledge
        meta = self.nlp.meta
        self.pipeline = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
        self.batch_size = batch_size
        # people earlier documents introduced, by surname (lower case): filled by the store as it ingests
        self.learned: Any = {}
        self.scene = _scene_of(self.nlp)
        # the knowledge the stages code with (a saved pipeline's own tables), for whoever writes what it codes
        self.kb = self.scene.kb
        for name in self.nlp.pipe_names:  # build every stage here, once, before any fork
            getattr(self.nlp.get_pipe(name), "work", None)

    def code(self, document: Document | str, date: str | None = None) -> CodedDocument:
        """Code one document (or a text). A date that is not a calendar day (YYYY-MM-DD) is an error."""
        if isinstance(document, str):
            document = Document(text=document, date=date)
        elif date and not document.date:
            document.date = date
        check_day(document.date)
        return next(iter(self.code_many([document])))

    def code_many(self, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        """Code documents in batches, in order. The title is coded too (its evidence says ``field="title"``). A long
        text (over ``MAX_CHARS``) is coded here, in pieces cut at paragraph ends, one piece at a time (memory bounded
        by the piece, time linear in the length), and the events of its pieces merged; an empty Doc holds its place
        in the batch. A date that is not a calendar day costs only the date: the document is coded without it, the
        date given kept in ``meta["unread_date"]``."""

        def docs() -> Iterator[tuple[Doc, tuple[Document, CodedDocument | None]]]:
            for d in documents:
                if d.date is not None and not calendar_day(d.date):
                    d.meta["unread_date"], d.date = d.date, None
                chunks = split_text(d.text)
                if len(chunks) == 1:
                    yield self.make_doc(d), (d, None)
                else:
                    yield self.nlp.make_doc(""), (d, self._code_long(d, chunks))

        for doc, (document, done) in self.nlp.pipe(docs(), as_tuples=True, batch_size=self.batch_size,
                                                   n_process=self.n_process):
            yield done if done is not None else self.result(doc, document)

    def _code_long(self, document: Document, chunks: list[tuple[int, str]]) -> CodedDocument:
        """A long document coded piece by piece (``chunks``: offset, text), its pieces' events merged and set in
        the scene of the whole."""
        seen = Seen()
        parts: list[CodedDocument] = []
        actors = PackedActors()  # tens of thousands of mentions a megabyte: packed as each piece is coded
        last = None
        for k, (offset, text) in enumerate(chunks):
            last = self.nlp(self.make_doc(document, text, k == 0, True))
            part = self.result(last, document, offset)
            actors.extend(part.actors)
            part.actors = []
            parts.append(part)
            seen = last._.scene if k == 0 else seen.add(last._.scene)
        assert last is not None
        whole = _combine(parts, actors)
        whole.events = self.scene.apply(whole.events, whole.when, seen, last._.publisher, last._.location)
        return whole

    def make_doc(self, document: Document, text: str | None = None, first: bool = True, piece: bool = False) -> Doc:
        """The Doc of ``document`` (or of ``text``, a piece of it; ``first``: the piece the title goes in front of),
        with the corpus's memory of people as an input."""
        doc = doc_for(self.nlp, document, text, title=first, piece=piece)
        noting = getattr(self.learned, "for_document", None)  # readout.store.memory.Noting
        doc._.learned = noting(document) if noting else self.learned
        if self.n_process > 1:  # what this text could look up, to travel to the process that codes it
            lowered = doc.text.lower()
            memory = getattr(self.learned, "memory", self.learned) or {}
            doc._.learned = {k: v for k, v in memory.items() if k in lowered}
        return doc

    def result(self, doc: Doc, document: Document, offset: int = 0) -> CodedDocument:
        """The record of a coded Doc of ``document`` (or of the piece of its text at ``offset``): character spans
        index the document's text, or its title where they fall in it (``field="title"``)."""
        actors: list[Actor] = [m.actor for m in doc._.actors or []]
        coded = CodedDocument(document=document, events=doc._.events or [], actors=actors, when=doc._.doc_when,
                              pipeline=self.pipeline, readout_version=__version__)
        if doc._.title_chars:
            _split_title(coded, doc._.title_chars)
        elif offset:
            _shift(coded, offset)
        return coded


def _combine(parts: list[CodedDocument], actors: PackedActors) -> CodedDocument:
    """One CodedDocument from the pieces of a long document: events merged across pieces; ``actors``: the mentions
    of every piece, in order."""
    if len(parts) == 1:
        return parts[0]
    whole = parts[0]
    whole.when = next((p.when for p in parts if p.when and p.when.text), None) or whole.when
    events = [e for p in parts for e in p.events]
    if whole.when is not None:
        for e in events:
            if e.when is None and e.modality in ("asserted", "intended"):
                e.when = When(whole.when.start, whole.when.end, whole.when.precision, whole.when.text, whole.when.span)
    whole.events = merge_events(events)
    whole.actors = actors
    return whole


def check_day(value: str | None) -> None:
    """Raise ``ReadoutError`` where a date is given that is not a calendar day (YYYY-MM-DD)."""
    if value is not None and not calendar_day(value):
        raise ReadoutError(f"date {value!r}: not a calendar day (expected YYYY-MM-DD)")


def split_text(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """Cut a text into pieces of at most ``limit`` (default ``MAX_CHARS``) characters, at paragraph (else line, else
    space) ends. Returns (offset, piece) pairs."""
    limit = limit or MAX_CHARS
    if len(text) <= limit:
        return [(0, text)]
    out = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            for sep in ("\n\n", "\n", " "):
                cut = text.rfind(sep, start + limit // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        out.append((start, text[start:end]))
        start = end
    return out


def _split_title(coded: CodedDocument, head: int) -> None:
    """The first piece was coded with the title in front: spans inside the title stay title offsets (evidence says
    ``field="title"``), spans after it move back to the text's offsets."""
    for e in coded.events:
        for x in e.evidence:
            if x.trigger[0] < head:
                x.field = "title"
                x.sentence = (x.sentence[0], min(x.sentence[1], len(coded.document.title)))
    for a in {id(a): a for a in _all_actors(coded)}.values():
        if a.span is not None and a.span[0] < head:
            a.field = "title"
    _remap(coded, lambda span: (span[0] - head, span[1] - head) if span[0] >= head else span)


def _scene_of(nlp: Language) -> Scene:
    """The worker of the pipeline's scene stage, which the coder runs again over a long document's joined pieces."""
    stage = nlp.get_pipe("readout_scene")
    assert isinstance(stage, Stage) and isinstance(stage.work, Scene)
    return stage.work


def _all_actors(coded: CodedDocument) -> list[Actor]:
    out = list(coded.actors)
    for e in coded.events:
        out += [*e.source, *e.target, *([e.attributed_to] if e.attributed_to else [])]
    return out


def _shift(coded: CodedDocument, offset: int) -> None:
    """Move character spans of a piece's results to the whole document's offsets."""
    _remap(coded, lambda span: (span[0] + offset, span[1] + offset))


def _remap(coded: CodedDocument, change: Callable[[tuple[int, int]], tuple[int, int]]) -> None:
    """Apply ``change`` to every character span in ``coded``, once per object (events share actors, dates and
    evidence)."""
    seen: set[int] = set()

    def fix(obj, *attrs: str) -> None:
        if obj is None or id(obj) in seen:
            return
        seen.add(id(obj))
        for attr in attrs:
            span = getattr(obj, attr)
            if span is not None:
                setattr(obj, attr, change(span))

    for a in coded.actors:
        fix(a, "span")
    fix(coded.when, "span")
    for e in coded.events:
        for x in e.evidence:
            fix(x, "sentence", "trigger")
        for who in (*e.source, *e.target, e.attributed_to):
            fix(who, "span")
        fix(e.when, "span")
        fix(e.where, "span")
